/**
 * A patch or a workbook's grids cut into pieces (taskpane/services/pieces.ts) and put together
 * again is the same, after each piece went through a structured clone as a worker's message
 * does; no piece holds more than its budget of cells.
 */
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { runPipeline } from "../../src/pipeline/run";
import type { PatchValue, WorkbookPatch } from "../../src/report/patch";
import type { CellValue, WorkbookGrids } from "../../src/sheets/grid";
import { joinGrids, joinPatch, splitGrids, splitPatch, type GridsPiece, type PatchPiece } from "../../src/taskpane/services/pieces";

const cellsOf = (p: PatchPiece | GridsPiece) =>
  p.kind === "blockRows" || p.kind === "rows" ? p.rows.reduce((n: number, r: unknown[]) => n + r.length, 0) : p.kind === "columnRows" ? p.rows.length : p.kind === "columnValues" ? p.values.length : 0;
/** What the other side receives: each piece as its own message. */
const sent = <P>(pieces: P[]) => pieces.map((p) => structuredClone(p));

describe("a patch in pieces", () => {
  const demo = path.join(__dirname, "..", "..", "examples", "demo.xlsx");
  const run = runPipeline(readWorkbook(new Uint8Array(fs.readFileSync(demo))), { now: "2025-01-31T10:00:00Z", lang: "zh" });

  test("the demo's patch: joined from cloned pieces it is the patch; no piece over its budget", () => {
    const original = JSON.parse(JSON.stringify(run.patch)) as WorkbookPatch;
    const rows = run.patch.sheets.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.rows.length, 0), 0);
    expect(rows).toBeGreaterThan(1000);
    for (const max of [500, 5_000]) {
      const pieces = splitPatch(run.patch, max);
      expect(pieces.length).toBeGreaterThan(3);
      const widest = Math.max(...run.patch.sheets.flatMap((s) => s.blocks.flatMap((b) => b.rows.map((r) => r.length))));
      for (const p of pieces) expect(cellsOf(p)).toBeLessThanOrEqual(Math.max(max, widest));
      expect(JSON.parse(JSON.stringify(joinPatch(sent(pieces))))).toEqual(original);
    }
    // Cutting leaves the patch as it was.
    expect(JSON.parse(JSON.stringify(run.patch))).toEqual(original);
  });

  const value: fc.Arbitrary<PatchValue> = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.boolean(), fc.record({ formula: fc.constantFrom("SUM(A1:A2)", "A1*2"), result: fc.integer() }));
  const block = fc.integer({ min: 1, max: 4 }).chain((w) =>
    fc.record({
      id: fc.string({ maxLength: 3 }),
      at: fc.record({ row: fc.nat(20), col: fc.nat(5) }),
      columns: fc.constant(Array.from({ length: w }, (_, k) => ({ key: `k${k}`, header: `H${k}` }))),
      rows: fc.array(fc.array(value, { minLength: w, maxLength: w }), { maxLength: 30 }),
    }),
  );
  const patch: fc.Arbitrary<WorkbookPatch> = fc.record({
    schemaVersion: fc.constant(1 as const),
    sheets: fc.array(fc.record({ name: fc.string({ maxLength: 5 }), blocks: fc.array(block, { maxLength: 3 }), charts: fc.constant([]) }), { maxLength: 3 }),
    columns: fc.array(
      fc.integer({ min: 0, max: 25 }).chain((n) =>
        fc.record({
          id: fc.string({ maxLength: 3 }),
          sheet: fc.string({ maxLength: 5 }),
          headerRow: fc.nat(3),
          rows: fc.constant(Array.from({ length: n }, (_, i) => i + 4)),
          columns: fc.array(fc.record({ key: fc.string({ maxLength: 3 }), header: fc.string({ maxLength: 3 }), values: fc.array(value, { minLength: n, maxLength: n }) }), { maxLength: 3 }),
        }),
      ),
      { maxLength: 2 },
    ),
  });

  test("any patch, any budget: joined it is the patch, every slice within budget and in order", () => {
    fc.assert(
      fc.property(patch, fc.integer({ min: 1, max: 40 }), (p, max) => {
        const before = JSON.stringify(p);
        const pieces = splitPatch(p, max);
        expect(pieces[0].kind).toBe("skeleton");
        for (const piece of pieces) if (piece.kind === "blockRows") expect(piece.rows.length === 1 || cellsOf(piece) <= max).toBe(true);
        else if (piece.kind !== "skeleton") expect(cellsOf(piece)).toBeLessThanOrEqual(max);
        expect(JSON.stringify(joinPatch(sent(pieces)))).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  test("pieces out of order or without their skeleton are refused", () => {
    const pieces = splitPatch(run.patch, 5_000);
    expect(() => joinPatch(pieces.slice(1))).toThrow(/start with their skeleton/);
    expect(() => joinPatch([pieces[0], pieces[0]])).toThrow(/one skeleton/);
  });
});

describe("a workbook's grids in pieces", () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(fc.string({ maxLength: 4 }), fc.double({ noNaN: true }), fc.constant(null), fc.boolean());
  const grids: fc.Arbitrary<WorkbookGrids> = fc.record(
    {
      sheets: fc.array(
        fc.record({ name: fc.string({ maxLength: 5 }), rows: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 40 }), origin: fc.record({ row: fc.nat(9), col: fc.nat(9) }), hidden: fc.boolean() }),
        { maxLength: 3 },
      ),
      dateSystemUnknown: fc.boolean(),
    },
    { requiredKeys: ["sheets"] },
  );

  test("any grids, any budget: joined they are the grids, ragged rows and all; every slice within budget", () => {
    fc.assert(
      fc.property(grids, fc.integer({ min: 1, max: 30 }), (g, max) => {
        const before = JSON.stringify(g);
        const pieces = splitGrids(g, max);
        for (const p of pieces) if (p.kind === "rows") expect(p.rows.length === 1 || cellsOf(p) <= max).toBe(true);
        expect(JSON.stringify(joinGrids(sent(pieces)))).toBe(before);
        expect(JSON.stringify(g)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  test("500,000 lines × 8 go in slices of at most 50,000 cells", () => {
    const rows: CellValue[][] = Array.from({ length: 500_000 }, (_, i) => [45000 + (i % 365), `C${i % 50_000}`, "名称", "TP-A100", 3, 1299.5, 3898.5, "提货"]);
    const pieces = splitGrids({ sheets: [{ name: "销售记录", rows, origin: { row: 0, col: 0 } }] });
    expect(pieces).toHaveLength(1 + 80);
    expect(Math.max(...pieces.map(cellsOf))).toBe(50_000);
    expect(joinGrids(pieces).sheets[0].rows).toHaveLength(500_000);
  });
});
