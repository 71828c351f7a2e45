/**
 * Apply a WorkbookPatch to the open workbook through Office.js.
 *
 * Phase 1 (facts.ts, 2 syncs, rarely 3): sheet names, registry, extents and header cells →
 * `planPlacement`. Phase 2: every write queued through a SyncBatcher that syncs only when the
 * next operation would push the request past 4 MB:
 *   delete TierPlan's previous sheets and registry → write this run's registry (very hidden)
 *   first, so a run Excel stops half way is still replaced by the next one → add the sheets
 *   made once for people (patch.userSheets, skipped when the name exists; never registered)
 *   and then TierPlan's sheets at the end, and write them (formats before values, then
 *   formulas, styles, tables, colours, validation, widths, freeze panes, charts) → clear and
 *   rewrite the owned columns beside the user's data → move the registry to the end of the
 *   tab order → protect the sheets that ask for it, last.
 * Round trips: at most 4 + ceil(request bytes / 4 MB) for the whole apply.
 */
import { REGISTRY_SHEET, registrySheet } from "../../report/ownership";
import type { PlacementPlan } from "../../report/ownership";
import { planPlacement } from "../../report/ownership";
import type { SheetPatch, WorkbookPatch } from "../../report/patch";
import { BATCH_BUDGET_BYTES, OP_BYTES, SyncBatcher } from "./chunks";
import { queueClearColumns, writeColumns } from "./columns";
import { readFacts } from "./facts";
import { uniqueSheetName, validSheetName } from "./names";
import { IsSetSupported, defaultIsSetSupported } from "./requirements";
import { SheetEnv, writeSheet } from "./sheets";

export interface ApplyOptions {
  /** ISO timestamp stored in the registry. */
  writtenAt: string;
  /** Requirement-set detector; default: the manifest minimum (ExcelApi 1.8), newer sets asked of Office. */
  isSetSupported?: (set: string, version: string) => boolean;
  /** Request budget per sync in bytes (default 4 MB; Excel's cap is 5 MB). */
  budgetBytes?: number;
}

export interface ApplyResult {
  plan: PlacementPlan;
  /** Round trips used. */
  syncs: number;
}

export async function applyPatch(context: Excel.RequestContext, patch: WorkbookPatch, opts: ApplyOptions): Promise<ApplyResult> {
  const isSet: IsSetSupported = opts.isSetSupported ?? defaultIsSetSupported;
  const { facts, tablesBySheet, syncs: factSyncs } = await readFacts(context, patch);
  const plan = planPlacement(patch, facts, opts.writtenAt);

  const suspendCalc = isSet("ExcelApi", "1.6");
  const batcher = new SyncBatcher(context, opts.budgetBytes ?? BATCH_BUDGET_BYTES, suspendCalc ? () => context.application.suspendApiCalculationUntilNextSync() : undefined);
  const worksheets = context.workbook.worksheets;

  // Table names stay taken on every sheet that survives this run.
  const removed = new Set([...plan.removeSheets, REGISTRY_SHEET]);
  const tableNames = new Set<string>();
  for (const [sheet, names] of tablesBySheet) if (!removed.has(sheet)) names.forEach((n) => tableNames.add(n.toLowerCase()));
  const env: SheetEnv = { batcher, isSet, tableNames };

  // 1. Previous outputs go, the registry too (this run's is written next).
  for (const name of plan.removeSheets) {
    await batcher.reserve(OP_BYTES);
    worksheets.getItem(name).delete();
  }
  if (facts.sheetNames.includes(REGISTRY_SHEET) && !plan.removeSheets.includes(REGISTRY_SHEET)) {
    await batcher.reserve(OP_BYTES);
    worksheets.getItem(REGISTRY_SHEET).delete();
  }

  // Final names, compared without regard to case as Excel does: sheets made once for people
  // (patch.userSheets) are skipped when the name is taken; TierPlan's sheets get a suffix.
  const takenLower = new Set(facts.sheetNames.filter((n) => !removed.has(n)).map((n) => n.toLowerCase()));
  const keptCount = takenLower.size;
  const peopleSheets: SheetPatch[] = [];
  for (const us of [...(plan.createUserSheets ?? [])]) {
    const name = validSheetName(us.name);
    if (takenLower.has(name.toLowerCase()) || name.toLowerCase() === REGISTRY_SHEET.toLowerCase()) {
      plan.createUserSheets = plan.createUserSheets.filter((x) => x !== us);
      plan.skippedUserSheets.push(us.name);
      continue;
    }
    takenLower.add(name.toLowerCase());
    peopleSheets.push(name === us.name ? us : { ...us, name });
  }
  const finalNames = patch.sheets.map((s, i) => {
    const name = uniqueSheetName(plan.renamedSheets[s.name] ?? s.name, takenLower);
    if (name !== s.name) plan.renamedSheets[s.name] = name;
    plan.registry.sheets[i] = name;
    return name;
  });

  // 2. The registry first, so that even a run Excel stops half way is recognised and
  //    replaced by the next one; it is moved to the end of the tab order once the rest is in.
  await batcher.reserve(OP_BYTES);
  const reg = worksheets.add(REGISTRY_SHEET);
  await writeSheet(env, reg, registrySheet(plan.registry));

  // 3. Sheets made once for people, then TierPlan's sheets, after the user's.
  const toProtect: Excel.Worksheet[] = [];
  const sheetsToAdd = [...peopleSheets.map((sp) => ({ sp, name: sp.name })), ...patch.sheets.map((sp, i) => ({ sp, name: finalNames[i] }))];
  for (const { sp, name } of sheetsToAdd) {
    await batcher.reserve(OP_BYTES);
    const sheet = worksheets.add(name);
    await writeSheet(env, sheet, sp);
    if (sp.protect) toProtect.push(sheet);
  }

  // 4. Owned columns beside the user's data: clear last run's, then write this run's.
  const userSheets = new Map<string, Excel.Worksheet>();
  const userSheet = (name: string): Excel.Worksheet => {
    let ws = userSheets.get(name);
    if (!ws) {
      ws = worksheets.getItem(name);
      userSheets.set(name, ws);
    }
    return ws;
  };
  for (const c of plan.clearColumns) await queueClearColumns(env, userSheet(c.sheet), c);
  for (let i = 0; i < patch.columns.length; i++) {
    const cp = patch.columns[i];
    await writeColumns(env, userSheet(cp.sheet), cp, plan.columns[i]);
  }

  // 5. The registry goes last in the tab order, as in the .xlsx host.
  await batcher.reserve(OP_BYTES);
  reg.position = keptCount + sheetsToAdd.length;

  // 6. Protection last: nothing may write to these sheets after it.
  for (const sheet of toProtect) {
    await batcher.reserve(OP_BYTES);
    sheet.protection.protect();
  }
  await batcher.flush();
  return { plan, syncs: factSyncs + batcher.syncs };
}
