/**
 * Property and fuzz tests over random grids (fast-check): runPipeline never throws, never
 * modifies its input (deep-frozen, and compared with a deep copy), and no NaN or Infinity
 * reaches the patch's cells or the JSON summary.
 */
import fc from "fast-check";
import { runPipeline } from "../../src/pipeline/run";
import type { CellValue, SheetGrid, WorkbookGrids } from "../../src/sheets/grid";

const HEADERS_SALES = ["日期", "客户编号", "客户名称", "型号", "数量", "金额", "渠道类型", "Date", "Customer ID", "Model", "Qty", "Amount"];
const HEADERS_CUST = ["客户编号", "客户名称", "渠道类型", "办事处", "销售代表", "销售进程", "客户温度", "合同状态", "Customer ID", "Name", "Channel", "Stage"];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom("=SUM(A1)", "+1", "-x", "@me", "三", "#N/A", "¥1,234.50", "合计", "Total", "2024-13-45", "2024/4/5", "分销", "大客户", "Hot", "C1", "C2", " ", "") },
  { weight: 2, arbitrary: fc.integer({ min: 40000, max: 47000 }) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, 0, -0) },
  { weight: 1, arbitrary: fc.boolean() },
);

function sheetArb(name: string, headers: string[]): fc.Arbitrary<SheetGrid> {
  return fc
    .record({
      title: fc.boolean(),
      header: fc.subarray(headers, { minLength: 0 }),
      rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 25 }),
      origin: fc.record({ row: fc.nat(3), col: fc.nat(2) }),
      hidden: fc.boolean(),
    })
    .map(({ title, header, rows, origin, hidden }) => {
      const all: CellValue[][] = [];
      if (title) all.push(["2024 报表"], []);
      all.push(header);
      all.push(...rows);
      const g: SheetGrid = { name, rows: all, origin };
      if (hidden) g.hidden = true;
      return g;
    });
}

const workbookArb: fc.Arbitrary<WorkbookGrids> = fc
  .tuple(sheetArb("销售记录", HEADERS_SALES), fc.option(sheetArb("客户资料", HEADERS_CUST)), fc.option(sheetArb("Other", [...HEADERS_SALES, ...HEADERS_CUST])))
  .map(([s, c, o]) => ({ sheets: [s, ...(c ? [c] : []), ...(o ? [o] : [])] }));

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function clone(wb: WorkbookGrids): WorkbookGrids {
  // (structuredClone keeps NaN and -0, which JSON would not)
  return structuredClone(wb);
}

function nonFinite(v: unknown, path = "$", out: string[] = []): string[] {
  if (typeof v === "number" && !Number.isFinite(v)) out.push(path);
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) nonFinite(x, `${path}.${k}`, out);
  return out;
}

const OPTS = { now: "2024-12-31T00:00:00Z", lang: "en" as const };

describe("runPipeline over random grids", () => {
  test("never throws and never modifies its input (deep-frozen and compared with a copy)", () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const copy = clone(wb);
        deepFreeze(wb);
        const out = runPipeline(wb, OPTS);
        expect(wb).toEqual(copy);
        expect(typeof out.failed).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  test("no NaN or Infinity in the summary, nor in any cell of the patch", () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const out = runPipeline(wb, OPTS);
        expect(nonFinite(out.summary)).toEqual([]);
        const cells: string[] = [];
        for (const s of out.patch.sheets) for (const b of s.blocks) b.rows.forEach((r, i) => r.forEach((v, j) => typeof v === "number" && !Number.isFinite(v) && cells.push(`${s.name}!${b.id}[${i}][${j}]`)));
        for (const cp of out.patch.columns) for (const c of cp.columns) c.values.forEach((v, i) => typeof v === "number" && !Number.isFinite(v) && cells.push(`${cp.id}.${c.key}[${i}]`));
        expect(cells).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  test("options are checked, never thrown: random strings as --period / --month / --as-of", () => {
    fc.assert(
      fc.property(workbookArb, fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (wb, period, month, asOf) => {
        expect(() => runPipeline(wb, { ...OPTS, period, month, asOf })).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});
