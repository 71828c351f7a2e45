/** Cells a person typed into TierPlan's columns: found by comparing them with what TierPlan wrote. */
import type { Issue } from "../../domain/issues";
import { cellAddress, type CellValue } from "../../sheets/grid";
import type { PatchValue, WorkbookPatch } from "../patch";
import { sameSheetName } from "./sheetNames";
import { SLICE_ROWS, type Steps } from "./steps";
import type { ColumnPlacement, FoundCell, OwnedColumns, WorkbookFacts } from "./types";

export function findSheet(facts: WorkbookFacts, name: string): string | undefined {
  return facts.sheetNames.find((n) => sameSheetName(n, name));
}

/** Whether TierPlan's owned columns still carry their headers where the registry says. */
function ownedStillThere(o: OwnedColumns, facts: WorkbookFacts): boolean {
  const sheet = findSheet(facts, o.sheet);
  if (!sheet) return false;
  return o.headers.every((h, i) => String(facts.valueAt(sheet, o.headerRow, o.firstCol + i) ?? "") === h);
}

function sameValue(expected: PatchValue | undefined, actual: CellValue): boolean {
  if (expected === undefined || expected === null) return actual === null || actual === "";
  if (typeof expected === "object") return true; // a formula of TierPlan's: its result may have changed
  if (typeof expected === "number") {
    if (!Number.isFinite(expected)) return actual === null || actual === "";
    if (typeof actual !== "number") return false;
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  return expected === actual;
}

/** What TierPlan wrote at a sheet cell of an owned column range (undefined: nothing). */
export type Expected = (row: number, col: number) => PatchValue | undefined;

/**
 * What TierPlan wrote into an owned column range: its headers, and each data row's values, found
 * through the row's index in the outputs, kept in an array by row. (A map keyed "row:col" held
 * 900,000 keys at 50,000 customers × 18 columns and kept Excel's task pane busy for about 0.6 s
 * at every re-run; a map by row still cost ~40 ms of lookups per check.)
 */
export function expectedCells(outputs: WorkbookPatch | null, o: OwnedColumns): Expected | null {
  const cp = outputs?.columns.find((c) => c.id === o.id && sameSheetName(c.sheet, o.sheet));
  if (!cp) return null;
  let last = o.headerRow;
  for (const row of cp.rows) if (row > last) last = row;
  // indexOf[row - headerRow - 1]: the row's index in the outputs, or -1.
  const indexOf = new Int32Array(last - o.headerRow).fill(-1);
  for (let k = 0; k < cp.rows.length; k++) if (cp.rows[k] > o.headerRow) indexOf[cp.rows[k] - o.headerRow - 1] = k;
  return (row, col) => {
    const j = col - o.firstCol;
    if (row === o.headerRow) return j >= 0 && j < o.headers.length ? o.headers[j] : undefined;
    const at = row - o.headerRow - 1;
    const k = at >= 0 && at < indexOf.length ? indexOf[at] : -1;
    const v = k < 0 || j < 0 ? undefined : cp.columns[j]?.values[k];
    return v === null ? undefined : v;
  };
}

/**
 * Each filled cell of an owned range, in sheet order (eachCellBelow where the host has it),
 * yielding after every SLICE_ROWS rows of what TierPlan wrote; the rows below it come last.
 */
function* eachRangeCell(o: OwnedColumns, sheet: string, facts: WorkbookFacts, visit: (row: number, col: number, value: CellValue) => void): Steps<void> {
  const c1 = o.firstCol + o.headers.length - 1;
  if (facts.eachCellBelow) {
    const written = o.lastRow ?? o.headerRow;
    for (let r = o.headerRow; r <= written; r += SLICE_ROWS) {
      facts.eachCellBelow(sheet, r, o.firstCol, c1, visit, Math.min(r + SLICE_ROWS, written + 1));
      yield;
    }
    facts.eachCellBelow(sheet, written + 1, o.firstCol, c1, visit);
    return;
  }
  for (const c of facts.cellsBelow?.(sheet, o.headerRow, o.firstCol, c1) ?? []) visit(c.row, c.col, c.value);
}

/** Cells in an owned range that hold something else than what TierPlan wrote (A1 addresses). */
function* typedCells(o: OwnedColumns, outputs: WorkbookPatch | null, facts: WorkbookFacts): Steps<string[] | null> {
  const sheet = findSheet(facts, o.sheet);
  if (!sheet || !facts.cellsBelow) return null;
  const expected = expectedCells(outputs, o);
  if (!expected) return null;
  const out: string[] = [];
  yield* eachRangeCell(o, sheet, facts, (row, col, value) => {
    if (value === null || value === "") return;
    if (!sameValue(expected(row, col), value)) out.push(cellAddress(row, col));
  });
  return out;
}

/**
 * Cells of a range a run being undone back to would re-create, holding something that is
 * neither what that run wrote nor in a range being cleared now: a person's, to be kept.
 */
export function* conflictingCells(o: OwnedColumns, outputs: WorkbookPatch, facts: WorkbookFacts, clearing: readonly ColumnPlacement[]): Steps<FoundCell[]> {
  const sheet = findSheet(facts, o.sheet);
  if (!sheet) return [];
  const cleared = clearing.filter((c) => sameSheetName(c.sheet, sheet));
  // The usual undo: the range is inside one being cleared (the same columns, written again), so nothing in it can be in the way.
  const lastCol = o.firstCol + o.headers.length - 1;
  if (cleared.some((c) => c.headerRow <= o.headerRow && c.firstCol <= o.firstCol && lastCol < c.firstCol + c.count)) return [];
  const isCleared = (row: number, col: number) => cleared.some((c) => row >= c.headerRow && col >= c.firstCol && col < c.firstCol + c.count);
  const expected = expectedCells(outputs, o);
  const out: FoundCell[] = [];
  yield* eachRangeCell(o, sheet, facts, (row, col, value) => {
    if (value !== null && value !== "" && !isCleared(row, col) && !sameValue(expected?.(row, col), value)) out.push({ row, col, value });
  });
  return out;
}

function typedIssue(sheet: string, cells: string[], moved: boolean): Issue {
  const first = cells.slice(0, 10).join(", ");
  const more = cells.length > 10 ? ` and ${cells.length - 10} more` : "";
  const moreZh = cells.length > 10 ? ` 等 ${cells.length} 个单元格` : "";
  return {
    severity: "warning",
    code: "output.cellsTyped",
    sheet,
    cell: cells[0],
    count: cells.length > 1 ? cells.length : undefined,
    firstCells: cells.slice(0, 10),
    message: moved
      ? `Someone typed into TierPlan's columns (${first}${more}): kept as they are; TierPlan's columns were written further right`
      : `Someone typed into the columns TierPlan would restore (${first}${more}): kept as they are`,
    messageZh: moved ? `有人在 TierPlan 的列中输入了内容（${first}${moreZh}）：已保留；TierPlan 的列改写在右侧` : `有人在 TierPlan 要恢复的列中输入了内容（${first}${moreZh}）：已保留`,
  };
}

/**
 * A run's owned columns that may be cleared: those still in the workbook where nobody typed
 * since TierPlan wrote them. A range a person typed into is theirs now: it is left alone and
 * an issue names its cells (`rerun`: said for a re-run, else for an undo).
 */
export function* clearableColumns(owned: readonly OwnedColumns[], outputs: WorkbookPatch | null, facts: WorkbookFacts, issues: Issue[], rerun: boolean): Steps<OwnedColumns[]> {
  const out: OwnedColumns[] = [];
  for (const o of owned) {
    if (!ownedStillThere(o, facts)) continue;
    const typed = yield* typedCells(o, outputs, facts);
    if (typed && typed.length) issues.push(typedIssue(findSheet(facts, o.sheet)!, typed, rerun));
    else out.push(o);
  }
  return out;
}
