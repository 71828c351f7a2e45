/**
 * The registry's history (report/ownership/storage.ts), host-free: how runs push onto it and
 * undos pop it, its bound, and workbooks written before it existed (version 1: one undo level
 * in columns C–D) read as a history of two.
 */
import {
  FIRST_SLOT_COL,
  MAX_UNDO,
  encodeOutputs,
  outputsOf,
  planPlacement,
  readIndex,
  registrySheetAfter,
  runUpdate,
  undoUpdate,
  type Registry,
  type WorkbookFacts,
} from "../../src/report/ownership";
import type { PatchValue, WorkbookPatch } from "../../src/report/patch";
import type { CellValue } from "../../src/sheets/grid";

const reg = (sheet: string): Registry => ({ version: 1, writtenAt: "2025-01-01T00:00:00Z", sheets: [sheet], columns: [] });
const patch = (sheet: string): WorkbookPatch => ({ schemaVersion: 1, sheets: [{ name: sheet, blocks: [], charts: [] }], columns: [] });

function facts(cells: CellValue[][] | null): WorkbookFacts {
  return { sheetNames: [], registry: readIndex(cells)?.runs[0].registry ?? null, registryCells: cells, lastUsedCol: () => -1, valueAt: () => null };
}

/** The registry sheet's values after an update, as a host reads them back. */
function cellsOf(update: ReturnType<typeof runUpdate>, before: CellValue[][] | null): CellValue[][] | null {
  const sp = registrySheetAfter(update, before);
  if (!sp) return null;
  const b = sp.blocks[0];
  return [b.columns.map((c) => c.header), ...b.rows.map((r) => r.map((v: PatchValue) => (v === null ? null : (v as CellValue))))];
}

function run(cells: CellValue[][] | null, sheet: string): CellValue[][] | null {
  const p = patch(sheet);
  const plan = planPlacement(p, facts(cells), "2025-01-01T00:00:00Z");
  return cellsOf(runUpdate(plan, p, facts(cells)), cells);
}

describe("registry history", () => {
  test("runs push, oldest dropped past MAX_UNDO; each run's outputs stay in their own column", () => {
    let cells: CellValue[][] | null = null;
    for (let k = 1; k <= MAX_UNDO + 3; k++) cells = run(cells, `S${k}`);
    const index = readIndex(cells)!;
    expect(index.runs).toHaveLength(MAX_UNDO + 1);
    expect(index.runs.map((r) => r.registry?.sheets[0])).toEqual(["S8", "S7", "S6", "S5", "S4", "S3"]);
    const cols = index.runs.map((r) => r.col!);
    expect(new Set(cols).size).toBe(MAX_UNDO + 1);
    for (const c of cols) expect(c).toBeGreaterThanOrEqual(FIRST_SLOT_COL);
    index.runs.forEach((r) => expect(outputsOf(cells, r)!.sheets[0].name).toBe(r.registry!.sheets[0]));
    // The sheet is bounded: column A plus six outputs columns, whatever the number of runs.
    expect(cells![0].length).toBeLessThanOrEqual(FIRST_SLOT_COL + MAX_UNDO + 1);
  });

  test("the first run's history ends in 'no outputs'; undoing back to it removes the registry", () => {
    const cells = run(null, "S1");
    const index = readIndex(cells)!;
    expect(index.runs.map((r) => r.registry === null)).toEqual([false, true]);
    const plan = planPlacement(patch("S0"), facts(cells), "x");
    expect(undoUpdate(index, plan).remove).toBe(true);
  });

  test("a version 1 registry (A registry, B outputs, C previous registry, D previous outputs) reads as two runs", () => {
    const v1: CellValue[][] = [
      ["TierPlan registry (do not edit)", "Outputs of this run", "Undo: registry before this run", "Undo: outputs before this run"],
      [JSON.stringify(reg("New")), encodeOutputs(patch("New")), JSON.stringify(reg("Old")), encodeOutputs(patch("Old"))],
    ];
    const index = readIndex(v1)!;
    expect(index.legacy).toBe(true);
    expect(index.runs.map((r) => [r.registry!.sheets[0], r.col])).toEqual([
      ["New", 1],
      ["Old", 3],
    ]);
    expect(outputsOf(v1, index.runs[1])!.sheets[0].name).toBe("Old");
    // The next run keeps both (they are its history), writes its own column and clears legacy C.
    const p = patch("Next");
    const update = runUpdate(planPlacement(p, facts(v1), "x"), p, facts(v1));
    expect(update.outputs!.col).toBe(FIRST_SLOT_COL);
    expect(update.clearCols).toEqual([2]);
    const after = cellsOf(update, v1)!;
    expect(readIndex(after)!.runs.map((r) => r.registry!.sheets[0])).toEqual(["Next", "New", "Old"]);
    expect(outputsOf(after, readIndex(after)!.runs[2])!.sheets[0].name).toBe("Old");
    // "null" in C: the run before was the workbook without TierPlan.
    const first: CellValue[][] = [v1[0], [JSON.stringify(reg("New")), encodeOutputs(patch("New")), "null", null]];
    expect(readIndex(first)!.runs.map((r) => r.registry === null)).toEqual([false, true]);
  });
});
