/**
 * Apply a WorkbookPatch to the open workbook through Office.js, or undo the last run.
 *
 * Phase 1 (facts.ts, 2 syncs, more only for what does not fit one request): sheet names, the
 * registry's history, extents and header cells, then the outputs and owned column ranges the
 * plan needs → `planPlacement` / `planUndo`. Phase 2: every write queued through a SyncBatcher
 * that syncs only when the next operation would push the request past 4 MB:
 *   delete TierPlan's previous sheets → update the registry (very hidden; registry.ts: the
 *   index and this run's outputs column only) first, so a run Excel stops half way is still
 *   replaced by the next one → add the sheets made once for people (patch.userSheets, skipped
 *   when the name exists; never registered) and then TierPlan's sheets at the end, and write
 *   them (formats before values, then formulas, styles, tables, colours, validation, widths,
 *   freeze panes, charts) → clear (giving the default width back) and rewrite the owned
 *   columns beside the user's data → move the registry to the end of the tab order → protect
 *   the sheets that ask for it, last.
 * Round trips: at most 4 + ceil(bytes / 4 MB) for the whole apply or undo (bench/excelHost.ts,
 * test/hosts/excel/history.test.ts).
 */
import {
  REGISTRY_SHEET,
  carryOverOutputs,
  decodeOutputsAhead,
  planPlacementSteps,
  planUndoSteps,
  runUpdate,
  sameSheetName,
  type PlacementPlan,
  type RegistryIndex,
  type RegistryUpdate,
  type WorkbookFacts,
} from "../../report/ownership";
import type { SheetPatch, WorkbookPatch } from "../../report/patch";
import { BATCH_BUDGET_BYTES, OP_BYTES, SyncBatcher } from "./chunks";
import { queueClearColumns, writeColumns } from "./columns";
import { ColumnTarget, readFacts } from "./facts";
import { queueRegistryUpdate } from "./registry";
import { IsSetSupported, defaultIsSetSupported } from "./requirements";
import { SheetEnv, writeSheet } from "./sheets";
import { DAYS_1904, queueDateSystem } from "./readWorkbook";
import { Pace, nextTask, runPaced } from "./pace";

export interface ApplyOptions {
  /** ISO timestamp stored in the registry. */
  writtenAt: string;
  /** Requirement-set detector; default: the manifest minimum (ExcelApi 1.8), newer sets asked of Office. */
  isSetSupported?: (set: string, version: string) => boolean;
  /** Request budget per sync in bytes (default 4 MB; Excel's cap is 5 MB). */
  budgetBytes?: number;
  /**
   * encodeOutputs(patch), made where the patch was made (the engine's worker), so that the pane's
   * thread does not compress the run's outputs for undo itself. Used only for a patch written as
   * it is (a people's-sheets-only patch carries other outputs over).
   */
  encodedOutputs?: string;
  /**
   * Decodes the outputs earlier runs stored (a re-run and an undo read them) where the patch
   * was made: the task pane's engine worker. Default: here, with the platform's inflate.
   */
  decodeOutputs?: (text: string) => Promise<WorkbookPatch | null>;
  /** Longest slice of work on the pane's thread before it lets the pane have a task, ms (pace.ts; default SLICE_MS). */
  sliceMs?: number;
}

export interface ApplyResult {
  plan: PlacementPlan;
  /** Round trips used. */
  syncs: number;
}

export async function applyPatch(context: Excel.RequestContext, patch: WorkbookPatch, opts: ApplyOptions): Promise<ApplyResult> {
  const read = await readFacts(
    context,
    // A people's-sheets-only patch carries the stored outputs over: their columns are known only once the registry is read.
    patch.sheets.length || patch.columns.length || !patch.userSheets?.length
      ? patch.columns.map((c) => ({ sheet: c.sheet, headerRow: c.headerRow }))
      : (index) => targetsOf(index, 0),
    opts.budgetBytes ?? BATCH_BUDGET_BYTES,
  );
  read.facts.decodedOutputs = await decodeOutputsAhead(read.facts.registryCells, false, opts.decodeOutputs);
  await nextTask();
  const full = carryOverOutputs(patch, read.facts.registryCells, read.facts.decodedOutputs);
  const plan = await runPaced(planPlacementSteps(full, read.facts, opts.writtenAt), new Pace(opts.sliceMs));
  await nextTask();
  const encoded = full === patch ? opts.encodedOutputs : undefined;
  return carryOut(context, opts, { ...read, patch: full, plan, registry: () => runUpdate(plan, full, read.facts, undefined, encoded) });
}

// Task boundaries for the pane (pace.ts): decoding the stored outputs (~13 MB of JSON at 50,000
// customers, unless the engine's worker decoded them), planning and writing each take up to
// ~100 ms; run back to back they blocked the pane as one task.

/** Header rows of the columns of the run `k` undos back in the history. */
function targetsOf(index: RegistryIndex | null, k: number): ColumnTarget[] {
  return (index?.runs[k]?.registry?.columns ?? []).map((c) => ({ sheet: c.sheet, headerRow: c.headerRow }));
}

/**
 * Undo the last run in the open workbook: this run's outputs go, and the outputs it replaced
 * come back where they were, cell for cell (from the history the runs stored in the very
 * hidden registry sheet). Repeated, it walks back through the last MAX_UNDO runs. Cells a
 * person typed since are kept (see plan.issues). Rejects with NothingToUndoError
 * (report/ownership) when there is nothing (more) to undo.
 */
export async function undoLastRun(context: Excel.RequestContext, opts: ApplyOptions = { writtenAt: new Date().toISOString() }): Promise<ApplyResult> {
  const read = await readFacts(context, (index) => targetsOf(index, 1), opts.budgetBytes ?? BATCH_BUDGET_BYTES, true);
  read.facts.decodedOutputs = await decodeOutputsAhead(read.facts.registryCells, true, opts.decodeOutputs);
  await nextTask();
  const { patch, plan, update } = await runPaced(planUndoSteps(read.facts, opts.writtenAt), new Pace(opts.sliceMs));
  await nextTask();
  return carryOut(context, opts, { ...read, patch, plan, registry: () => update });
}

interface Decision {
  patch: WorkbookPatch;
  plan: PlacementPlan;
  facts: WorkbookFacts;
  tablesBySheet: Map<string, string[]>;
  syncs: number;
  registryRows: number;
  defaultWidth(sheet: string): number | undefined;
  registry: () => RegistryUpdate;
}

async function carryOut(context: Excel.RequestContext, opts: ApplyOptions, d: Decision): Promise<ApplyResult> {
  const { patch, plan, facts, tablesBySheet } = d;
  const isSet: IsSetSupported = opts.isSetSupported ?? defaultIsSetSupported;
  const suspendCalc = isSet("ExcelApi", "1.6");
  const batcher = new SyncBatcher(
    context,
    opts.budgetBytes ?? BATCH_BUDGET_BYTES,
    suspendCalc ? () => context.application.suspendApiCalculationUntilNextSync() : undefined,
    new Pace(opts.sliceMs),
  );
  // TierPlan's dates are 1900-system serials: a 1904 workbook gets them in its own system.
  const dateSystem = queueDateSystem(context, isSet);
  if (isSet("ExcelApi", "1.16")) {
    await context.sync();
    if (dateSystem()) batcher.dateShift = -DAYS_1904;
  }
  const worksheets = context.workbook.worksheets;
  const actual = (name: string): string => facts.sheetNames.find((n) => n === name) ?? facts.sheetNames.find((n) => sameSheetName(n, name)) ?? name;
  const registryName = facts.sheetNames.find((n) => sameSheetName(n, REGISTRY_SHEET));

  // Table names stay taken on every sheet that survives this run.
  const removed = new Set(plan.removeSheets);
  const tableNames = new Set<string>();
  for (const [sheet, names] of tablesBySheet) if (!removed.has(sheet)) names.forEach((n) => tableNames.add(n.toLowerCase()));
  const env: SheetEnv = { batcher, isSet, tableNames };

  // 1. Previous outputs go.
  for (const name of plan.removeSheets) {
    await batcher.reserve(OP_BYTES);
    worksheets.getItem(name).delete();
  }

  // Final names come from the plan (report/ownership.ts: case-insensitive, ≤ 31 characters).
  const keptCount = facts.sheetNames.filter((n) => !removed.has(n) && n !== registryName).length;
  const peopleSheets: SheetPatch[] = plan.createUserSheets;
  const finalNames = plan.sheetNames;

  // 2. The registry first, so that even a run Excel stops half way is recognised and
  //    replaced by the next one; it is moved to the end of the tab order once the rest is in.
  const reg = await queueRegistryUpdate(env, worksheets, registryName, d.registryRows, d.registry());

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
    const real = actual(name);
    let ws = userSheets.get(real);
    if (!ws) {
      ws = worksheets.getItem(real);
      userSheets.set(real, ws);
    }
    return ws;
  };
  for (const c of plan.clearColumns) await queueClearColumns(env, userSheet(c.sheet), c, d.defaultWidth(c.sheet));
  for (let i = 0; i < patch.columns.length; i++) {
    const cp = patch.columns[i];
    if (plan.columns[i].count === 0) continue;
    await writeColumns(env, userSheet(cp.sheet), cp, plan.columns[i]);
  }

  // 5. The registry goes last in the tab order, as in the .xlsx host.
  if (reg) {
    await batcher.reserve(OP_BYTES);
    reg.position = keptCount + sheetsToAdd.length;
  }

  // 6. Protection last: nothing may write to these sheets after it.
  for (const sheet of toProtect) {
    await batcher.reserve(OP_BYTES);
    sheet.protection.protect();
  }
  await batcher.flush();
  return { plan, syncs: d.syncs + batcher.syncs };
}
