/**
 * Where a run's outputs go: TierPlan's sheets after the user's, under names no person's sheet
 * has; its columns beside the user's data, where they were last time when nothing was typed
 * into them, further right otherwise, and refused (with an issue) when the sheet has no
 * columns left.
 */
import type { Issue } from "../../domain/issues";
import type { CellValue } from "../../sheets/grid";
import { numberTextLength } from "../numberText";
import type { ColumnsPatch, PatchValue, WorkbookPatch } from "../patch";
import { sameSheetName, sheetKey, uniqueSheetName, validSheetName } from "./sheetNames";
import { outputsOf, readIndex } from "./storage";
import { runSteps, SLICE_ROWS, type Steps } from "./steps";
import { clearableColumns, findSheet } from "./typedCells";
import { MAX_COLUMNS, REGISTRY_SHEET, type ColumnPlacement, type OwnedColumns, type PlacementPlan, type WorkbookFacts } from "./types";

/** Names of patch sheets and sheets made for people, given the sheets that stay. */
export function nameSheets(
  patch: WorkbookPatch,
  keptNames: string[],
  plan: Pick<PlacementPlan, "renamedSheets" | "sheetNames" | "createUserSheets" | "skippedUserSheets">,
  wanted?: string[],
): void {
  const taken = new Set(keptNames.map(sheetKey));
  taken.add(sheetKey(REGISTRY_SHEET));
  for (const us of patch.userSheets ?? []) {
    const name = validSheetName(us.name);
    if (taken.has(sheetKey(name))) plan.skippedUserSheets.push(us.name);
    else {
      taken.add(sheetKey(name));
      plan.createUserSheets.push(name === us.name ? us : { ...us, name });
    }
  }
  patch.sheets.forEach((s, i) => {
    const name = uniqueSheetName(wanted?.[i] ?? s.name, taken);
    if (name !== s.name) plan.renamedSheets[s.name] = name;
    plan.sheetNames.push(name);
  });
}

/**
 * A patch that only makes sheets for people (init's policy sheets, plan templates) must not
 * take TierPlan's outputs away: it carries the stored outputs over unchanged, so both hosts
 * re-create them where they were and only add the people's sheets.
 */
export function carryOverOutputs(patch: WorkbookPatch, registryCells: CellValue[][] | null | undefined, decoded?: ReadonlyMap<number, WorkbookPatch | null>): WorkbookPatch {
  if (patch.sheets.length || patch.columns.length || !patch.userSheets?.length) return patch;
  const index = readIndex(registryCells);
  const stored = index ? outputsOf(registryCells, index.runs[0], decoded) : null;
  return stored ? { ...stored, userSheets: patch.userSheets } : patch;
}

/** About how many bytes Excel's JSON answer for one cell holding `v` takes (formulas: their result, unknown). */
function responseBytes(v: PatchValue | undefined): number {
  if (v === null || v === undefined) return 3;
  if (typeof v === "number") return numberTextLength(v) + 1;
  if (typeof v === "boolean") return 6;
  if (typeof v === "object") return 24;
  let n = 3;
  for (let i = 0; i < v.length; i++) n += v.charCodeAt(i) < 0x80 ? 1 : 3;
  return n;
}

/** What the registry records of a ColumnsPatch at its place: the headers and the size of what was written. */
function* ownedRecord(cp: ColumnsPatch, firstCol: number): Steps<OwnedColumns> {
  let bytes = 0;
  let lastRow = cp.headerRow;
  for (const c of cp.columns) {
    bytes += responseBytes(c.header);
    for (let k = 0; k < c.values.length; k++) {
      bytes += responseBytes(c.values[k]);
      if (k % SLICE_ROWS === SLICE_ROWS - 1) yield;
    }
  }
  for (const r of cp.rows) if (r > lastRow) lastRow = r;
  // Rows between the header and the last one that the patch leaves blank come back as "".
  bytes += Math.max(0, lastRow - cp.headerRow - cp.rows.length) * cp.columns.length * 3;
  return { id: cp.id, sheet: cp.sheet, headerRow: cp.headerRow, firstCol, headers: cp.columns.map((c) => c.header), bytes, lastRow };
}

function noRoomIssue(sheet: string, count: number): Issue {
  return {
    severity: "warning",
    code: "output.noRoomForColumns",
    sheet,
    message: `The sheet "${sheet}" has data up to its last columns (Excel ends at column XFD): TierPlan's ${count} columns do not fit beside it and were not written. The results are on TierPlan's own sheets.`,
    messageZh: `工作表"${sheet}"的数据已用到最后几列（Excel 最多到 XFD 列）：TierPlan 的 ${count} 列放不下，未写入。结果见 TierPlan 自己的工作表。`,
  };
}

export function planPlacement(patch: WorkbookPatch, facts: WorkbookFacts, writtenAt: string): PlacementPlan {
  return runSteps(planPlacementSteps(patch, facts, writtenAt));
}

/** planPlacement, yielding between slices of its work (steps.ts). */
export function* planPlacementSteps(patch: WorkbookPatch, facts: WorkbookFacts, writtenAt: string): Steps<PlacementPlan> {
  const prev = facts.registry;
  const prevSheets = new Set((prev?.sheets ?? []).map(sheetKey));
  const removeSheets = facts.sheetNames.filter((n) => prevSheets.has(sheetKey(n)));
  const keptNames = facts.sheetNames.filter((n) => !prevSheets.has(sheetKey(n)) && !sameSheetName(n, REGISTRY_SHEET));
  const issues: Issue[] = [];
  const index = readIndex(facts.registryCells);
  const prevOutputs = index ? outputsOf(facts.registryCells, index.runs[0], facts.decodedOutputs) : null;

  const clearColumns: ColumnPlacement[] = [];
  const reusable = new Map<string, OwnedColumns>();
  // A range a person typed into is theirs now: nothing in it is cleared or written.
  for (const o of yield* clearableColumns(prev?.columns ?? [], prevOutputs, facts, issues, true)) {
    clearColumns.push({ id: o.id, sheet: o.sheet, headerRow: o.headerRow, firstCol: o.firstCol, count: o.headers.length });
    reusable.set(`${o.id}\u0000${sheetKey(o.sheet)}`, o);
  }

  // The user's data ends before TierPlan's own columns: never count those as user data.
  const ownedBySheet = new Map<string, ColumnPlacement[]>();
  for (const c of clearColumns) ownedBySheet.set(sheetKey(c.sheet), [...(ownedBySheet.get(sheetKey(c.sheet)) ?? []), c]);
  const userLastCol = (sheet: string): number => {
    const last = facts.lastUsedCol(sheet);
    const owned = ownedBySheet.get(sheetKey(sheet)) ?? [];
    let end = last;
    // Owned ranges sit at the right edge; peel them off while they are the last columns.
    for (const o of [...owned].sort((a, b) => b.firstCol - a.firstCol)) {
      if (o.firstCol + o.count - 1 >= end && o.firstCol <= end) end = o.firstCol - 1;
    }
    return end;
  };

  const columns: ColumnPlacement[] = [];
  const nextFree = new Map<string, number>();
  for (const cp of patch.columns) {
    const count = cp.columns.length;
    const key = sheetKey(cp.sheet);
    const old = reusable.get(`${cp.id}\u0000${key}`);
    let firstCol: number;
    if (old && old.headerRow === cp.headerRow && old.headers.length === count) {
      firstCol = old.firstCol;
    } else {
      const start = nextFree.get(key) ?? userLastCol(cp.sheet) + 1;
      // Leave one blank column between the user's data and ours, so the user's table is not extended.
      firstCol = old ? old.firstCol : start + (nextFree.has(key) ? 0 : 1);
    }
    if (count > 0 && firstCol + count > MAX_COLUMNS) {
      // Past XFD: Excel has no such columns. Refused with a message, never a failed write.
      issues.push(noRoomIssue(findSheet(facts, cp.sheet) ?? cp.sheet, count));
      columns.push({ id: cp.id, sheet: cp.sheet, headerRow: cp.headerRow, firstCol: Math.min(firstCol, MAX_COLUMNS - 1), count: 0 });
      continue;
    }
    nextFree.set(key, Math.max(nextFree.get(key) ?? 0, firstCol + count));
    columns.push({ id: cp.id, sheet: cp.sheet, headerRow: cp.headerRow, firstCol, count });
  }

  const plan: PlacementPlan = {
    removeSheets,
    clearColumns,
    columns,
    renamedSheets: {},
    sheetNames: [],
    registry: { version: 1, writtenAt, sheets: [], columns: [] },
    createUserSheets: [],
    skippedUserSheets: [],
    issues,
    keepRegistry: true,
  };
  nameSheets(patch, keptNames, plan);
  plan.registry.sheets = [...plan.sheetNames];
  for (let i = 0; i < patch.columns.length; i++) {
    const cp = patch.columns[i];
    if (columns[i].count === 0 && cp.columns.length > 0) continue;
    plan.registry.columns.push(yield* ownedRecord(cp, columns[i].firstCol));
  }
  return plan;
}
