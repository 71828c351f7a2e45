/**
 * The two lookups behind "did a person type into TierPlan's columns?" that a re-run and an undo
 * make over every owned cell, against the definitions they replaced (kept here): what TierPlan
 * wrote, by "row:col" (report/ownership/typedCells.ts expectedCells), and the filled cells of
 * the blocks the Excel host read back, each once (hosts/excel/facts.ts cellsInBlocks).
 */
import fc from "fast-check";
import { cellsInBlocks, eachCellInBlocks, type ReadBlock } from "../../src/hosts/excel/facts";
import type { PatchValue, WorkbookPatch } from "../../src/report/patch";
import { expectedCells } from "../../src/report/ownership/typedCells";
import type { FoundCell, OwnedColumns } from "../../src/report/ownership/types";
import type { CellValue } from "../../src/sheets/grid";

/** The map by "row:col" expectedCells built before. */
function expectedByKey(outputs: WorkbookPatch, o: OwnedColumns): Map<string, PatchValue> | null {
  const cp = outputs.columns.find((c) => c.id === o.id && c.sheet === o.sheet);
  if (!cp) return null;
  const m = new Map<string, PatchValue>();
  o.headers.forEach((h, j) => m.set(`${o.headerRow}:${o.firstCol + j}`, h));
  cp.rows.forEach((row, k) => {
    if (row <= o.headerRow) return;
    cp.columns.forEach((c, j) => {
      const v = c.values[k];
      if (v !== undefined && v !== null) m.set(`${row}:${o.firstCol + j}`, v);
    });
  });
  return m;
}

/** The set of "row:col" seen that the Excel host's cellsBelow kept before. */
function cellsBySet(blocks: ReadBlock[], r0: number, c0: number, c1: number): FoundCell[] {
  const out: FoundCell[] = [];
  const seen = new Set<string>();
  for (const b of blocks)
    (b.values ?? []).forEach((row, i) =>
      row.forEach((v, j) => {
        const r = b.top + i;
        const c = b.left + j;
        if (r < r0 || c < c0 || c > c1 || v === null || v === "" || seen.has(`${r}:${c}`)) return;
        seen.add(`${r}:${c}`);
        out.push({ row: r, col: c, value: v });
      }),
    );
  return out;
}

const value: fc.Arbitrary<CellValue> = fc.oneof(fc.constantFrom(null, "", "A", "核心客户", 0, 1.5, -2, true));

describe("owned cells lookups equal the definitions they replaced", () => {
  test("what TierPlan wrote at each cell of an owned range", () => {
    const owned = fc.record({ headerRow: fc.nat(4), firstCol: fc.nat(6), width: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(owned, fc.integer({ min: 0, max: 5 }), fc.array(fc.nat(14), { maxLength: 12 }), fc.array(value, { minLength: 60, maxLength: 60 }), (w, extraCols, rowsRaw, vals) => {
        const rows = [...new Set(rowsRaw)]; // one entry per sheet row, as a run writes them
        const cols = Math.max(0, w.width + extraCols - 2);
        const o: OwnedColumns = { id: "tiers", sheet: "客户资料", headerRow: w.headerRow, firstCol: w.firstCol, headers: Array.from({ length: w.width }, (_, j) => `H${j}`) };
        const outputs: WorkbookPatch = {
          schemaVersion: 1,
          sheets: [],
          columns: [{ id: "tiers", sheet: "客户资料", headerRow: w.headerRow, rows, columns: Array.from({ length: cols }, (_, j) => ({ key: `k${j}`, header: `H${j}`, values: rows.map((_, k) => vals[(j * 13 + k) % 60] as PatchValue) })) }],
        };
        const byKey = expectedByKey(outputs, o)!;
        const lookup = expectedCells(outputs, o)!;
        const want: unknown[] = [];
        const got: unknown[] = [];
        for (let r = 0; r < 18; r++)
          for (let c = 0; c < 14; c++) {
            want.push([r, c, byKey.get(`${r}:${c}`) ?? null]);
            got.push([r, c, lookup(r, c) ?? null]);
          }
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
    expect(expectedCells({ schemaVersion: 1, sheets: [], columns: [] }, { id: "x", sheet: "s", headerRow: 0, firstCol: 0, headers: ["a"] })).toBeNull();
  });

  test("the filled cells of overlapping blocks read back, each once, the first block's", () => {
    const block = fc.record({ top: fc.nat(6), left: fc.nat(6), values: fc.array(fc.array(value, { maxLength: 5 }), { maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 4 }), fc.nat(8), fc.nat(8), fc.nat(10), (blocks, r0, c0, span) => {
        expect(cellsInBlocks(blocks, r0, c0, c0 + span)).toEqual(cellsBySet(blocks, r0, c0, c0 + span));
      }),
      { numRuns: 1000 },
    );
  });

  test("scanned a slice of rows at a time (planning in slices), the same cells; in the same order for blocks down the sheet", () => {
    const block = fc.record({ top: fc.nat(12), left: fc.nat(4), values: fc.array(fc.array(value, { maxLength: 5 }), { maxLength: 6 }) });
    const key = (c: FoundCell) => `${c.row}:${c.col}:${String(c.value)}`;
    fc.assert(
      fc.property(fc.array(block, { maxLength: 4 }), fc.nat(6), fc.nat(6), fc.integer({ min: 1, max: 5 }), (blocks, r0, c0, slice) => {
        const whole = cellsInBlocks(blocks, r0, c0, c0 + 6);
        const sliced: FoundCell[] = [];
        const visit = (row: number, col: number, v: CellValue) => sliced.push({ row, col, value: v });
        for (let r = r0; r < 20; r += slice) eachCellInBlocks(blocks, r, c0, c0 + 6, visit, r + slice);
        eachCellInBlocks(blocks, 20, c0, c0 + 6, visit);
        expect(sliced.map(key).sort()).toEqual(whole.map(key).sort());
        // Blocks one below the other (how the host reads a range back): the very same order.
        const down: ReadBlock[] = [];
        let top = 0;
        for (const b of blocks) {
          down.push({ ...b, top });
          top += b.values.length;
        }
        const downSliced: FoundCell[] = [];
        for (let r = r0; r < top; r += slice) eachCellInBlocks(down, r, c0, c0 + 6, (row, col, v) => downSliced.push({ row, col, value: v }), r + slice);
        eachCellInBlocks(down, Math.max(r0, top), c0, c0 + 6, (row, col, v) => downSliced.push({ row, col, value: v }));
        expect(downSliced).toEqual(cellsInBlocks(down, r0, c0, c0 + 6));
      }),
      { numRuns: 1000 },
    );
  });
});
