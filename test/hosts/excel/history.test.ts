/**
 * Undo to the original on the strict Excel double: five different runs, then five undos, each
 * giving back exactly the workbook as it was before that run (values, formulas, number
 * formats, styles, column widths, tables, charts, conditional formats, validation, freeze
 * panes, protection, sheets and tab order); past the history a clear message. Also: re-run and
 * undo within the round-trip bound, and a sheet whose data reaches column XFD.
 */
import { customersGrid, dataset, salesGrid } from "../../../bench/data";
import { applyPatch, readWorkbookGrids, undoLastRun, NothingToUndoError } from "../../../src/hosts/excel";
import { runPipeline } from "../../../src/pipeline/run";
import { MAX_UNDO, REGISTRY_SHEET } from "../../../src/report/ownership";
import type { WorkbookPatch } from "../../../src/report/patch";
import { ExcelDouble, SheetState, createExcelDouble } from "../../excel-double";
import { samplePatch, userSheets } from "./fixtures";

const MB4 = 4 * 1024 * 1024;
/** The double's width of a column nobody set (Excel's 8.43 characters of Calibri 11). */
const DEFAULT_WIDTH = 48;
const AT = (k: number) => `2025-0${1 + (k % 9)}-15T10:00:00.000Z`;

/** Everything the double keeps of one sheet, without its object ids. */
function sheetState(s: SheetState): unknown {
  const used = s.usedRange(false);
  const cells: Record<string, unknown> = {};
  if (used) {
    for (let r = used.r0; r <= used.r1; r++) {
      for (let c = used.c0; c <= used.c1; c++) if (s.hasContent(r, c) || s.hasFormatting(r, c)) cells[`${r}:${c}`] = s.cellAt(r, c);
    }
  }
  const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x) => (k === "id" ? undefined : x)));
  return {
    name: s.name,
    visibility: s.visibility,
    tabColor: s.tabColor,
    cells,
    // Effective widths: Office.js cannot unset a width, so a column TierPlan gives back gets the
    // width of a column nobody set (the double's 48 pt), which is the same column to a person.
    widths: [...s.columnWidths.entries()].filter(([, w]) => w !== DEFAULT_WIDTH).sort((a, b) => a[0] - b[0]),
    tables: strip(s.tables),
    charts: strip(s.charts),
    conditionalFormats: strip(s.conditionalFormats),
    validations: strip(s.validations),
    freeze: s.freeze,
    protection: s.protection,
  };
}

/** The whole workbook; `withRegistry` false leaves TierPlan's bookkeeping sheet out. */
function workbook(d: ExcelDouble, withRegistry = true): unknown {
  return d.workbookState.sheets.filter((s) => withRegistry || s.name !== REGISTRY_SHEET).map(sheetState);
}

/** Five runs that differ in values, sheets, column count and widths, charts and placement. */
function runs(): WorkbookPatch[] {
  const out: WorkbookPatch[] = [];
  for (let k = 0; k < 5; k++) {
    const p = samplePatch();
    const tiers = p.sheets[0];
    tiers.blocks[0].rows[0][2] = 500 + 100 * k;
    tiers.columnWidths = { 0: 14 + k };
    const cols = p.columns[0].columns;
    cols[1].values = cols[1].values.map((v) => (typeof v === "number" ? v + k / 10 : v));
    if (k % 2 === 1) p.sheets = [tiers]; // the funnel sheet comes and goes
    if (k === 2) cols.push({ key: "note", header: "Note", values: ["x", "y", "z", "w"], width: 30 }); // wider: placed elsewhere
    if (k === 3) tiers.name = "Tiers 2025";
    if (k === 4) tiers.charts = [];
    out.push(p);
  }
  return out;
}

async function run(d: ExcelDouble, patch: WorkbookPatch, k: number) {
  return applyPatch(d.context, patch, { writtenAt: AT(k), isSetSupported: d.isSetSupported });
}

async function undo(d: ExcelDouble) {
  return undoLastRun(d.context, { writtenAt: AT(9), isSetSupported: d.isSetSupported });
}

function withinBound(d: ExcelDouble): void {
  const bytes = d.stats.totalRequestBytes + d.stats.totalResponseBytes;
  expect(d.stats.failedSyncs).toBe(0);
  expect(d.stats.syncs).toBeLessThanOrEqual(4 + Math.ceil(bytes / MB4));
  expect(Math.max(d.stats.maxRequestBytes, d.stats.maxResponseBytes)).toBeLessThan(5 * 1024 * 1024);
}

describe("Excel host: undo history", () => {
  test("five runs then five undos give back the original workbook, each undo the state before its run", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    const before: unknown[] = [];
    for (const [k, p] of runs().entries()) {
      before.push(workbook(d, false));
      d.stats.reset();
      const r = await run(d, p, k);
      expect(r.plan.issues).toEqual([]);
      withinBound(d);
    }
    const original = before[0];
    for (let k = 4; k >= 0; k--) {
      d.stats.reset();
      const r = await undo(d);
      expect(r.plan.issues).toEqual([]);
      withinBound(d);
      expect(workbook(d, false)).toEqual(before[k]);
    }
    // The registry went with the last undo: the workbook is the original, sheet for sheet.
    expect(workbook(d)).toEqual(original);
    await expect(undo(d)).rejects.toBeInstanceOf(NothingToUndoError);
  });

  test(`past the last ${MAX_UNDO} runs undo stops with a message that says so`, async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    const patches = [...runs(), samplePatch()];
    const afterFirst: unknown[] = [];
    for (const [k, p] of patches.entries()) {
      await run(d, p, k);
      if (k === 0) afterFirst.push(workbook(d, false));
    }
    for (let k = 0; k < MAX_UNDO; k++) await undo(d);
    expect(workbook(d, false)).toEqual(afterFirst[0]);
    const err = await undo(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NothingToUndoError);
    expect((err as NothingToUndoError).reason).toBe("history");
    expect((err as Error).message).toContain(`last ${MAX_UNDO} runs`);
    expect((err as NothingToUndoError).messageZh).toContain(`最近 ${MAX_UNDO} 次`);
    // Nothing was changed by the refused undo.
    expect(workbook(d, false)).toEqual(afterFirst[0]);
  });

  test("the registry holds at most six runs' outputs however many runs there were", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    const patches = [...runs(), ...runs()];
    for (const [k, p] of patches.entries()) await run(d, p, k);
    const reg = d.sheet(REGISTRY_SHEET);
    const used = reg.usedRange(true)!;
    const filled = new Set<number>();
    for (let c = used.c0; c <= used.c1; c++) if (reg.hasContent(1, c)) filled.add(c);
    // Column A (the index) and six outputs columns.
    expect(filled.size).toBe(1 + MAX_UNDO + 1);
  });

  test("a sheet whose data reaches column XFD gets no TierPlan columns, a message instead, and the run completes", async () => {
    const sheets = userSheets();
    const d = createExcelDouble({ sheets: [...sheets, { name: "Wide", rows: [["ID", "last"], ["C001", "x"]], origin: { row: 0, col: 16382 } }] });
    const p = samplePatch();
    p.columns.push({ id: "wide", sheet: "Wide", headerRow: 0, rows: [1], columns: [{ key: "abc", header: "ABC class", values: ["A"] }] });
    const r = await run(d, p, 0);
    expect(r.plan.issues).toEqual([expect.objectContaining({ code: "output.noRoomForColumns", sheet: "Wide" })]);
    expect(r.plan.issues[0].message).toContain("XFD");
    expect(r.plan.columns[1].count).toBe(0);
    expect(d.sheet("Wide").usedRange(false)).toEqual({ r0: 0, c0: 16382, r1: 1, c1: 16383 });
    // Everything else was written, and the run undoes cleanly.
    expect(d.sheet("Customers").cell("F1").value).toBe("ABC class");
    expect(d.workbookState.sheetNames).toContain("Tiers");
    await undo(d);
    expect(d.workbookState.sheetNames).not.toContain("Tiers");
  });
});

describe("Excel host: run, re-run and undo within 4 + ⌈bytes ÷ budget⌉ round trips", () => {
  // A demo-sized workbook (1,500 customers, 12,000 sales lines) through the whole pipeline,
  // at Excel's real 4 MB budget, and the same at a 128 KB budget (a double refusing payloads
  // over 160 KB), where every phase takes many round trips, as 500,000 lines do at 4 MB
  // (the bench measures that size: bench/excelHost.ts).
  const cases = [
    { name: "4 MB budget", budget: MB4, limit: 5 * 1024 * 1024 },
    { name: "128 KB budget", budget: 128 * 1024, limit: 160 * 1024 },
  ];
  for (const c of cases) {
    test(`demo-sized workbook, ${c.name}`, async () => {
      const ds = dataset(1_500, 12);
      const sales = salesGrid(ds, 12_000);
      const customers = customersGrid(ds);
      const d = createExcelDouble({ sheets: [customers, sales].map((g) => ({ name: g.name, rows: g.rows })) }, { payloadLimit: c.limit });
      const opts = { writtenAt: "2025-01-02T00:00:00Z", isSetSupported: d.isSetSupported, budgetBytes: c.budget };
      const phases: Record<string, { syncs: number; bound: number }> = {};
      const phase = async (name: string, work: () => Promise<unknown>) => {
        d.stats.reset();
        await work();
        const bytes = d.stats.totalRequestBytes + d.stats.totalResponseBytes;
        expect(d.stats.failedSyncs).toBe(0);
        expect(Math.max(d.stats.maxRequestBytes, d.stats.maxResponseBytes)).toBeLessThan(c.limit);
        phases[name] = { syncs: d.stats.syncs, bound: 4 + Math.ceil(bytes / c.budget) };
      };
      const pipeline = async () => {
        const grids = await readWorkbookGrids(d.context, { budgetBytes: c.budget });
        return runPipeline(grids, { now: "2025-01-02T00:00:00Z", lang: "zh" }).patch;
      };
      let patch: WorkbookPatch | null = null;
      await phase("read", async () => (patch = await pipeline()));
      await phase("run", () => applyPatch(d.context, patch!, opts));
      const afterRun = workbook(d, false);
      await phase("re-run read", async () => (patch = await pipeline()));
      await phase("re-run", () => applyPatch(d.context, patch!, opts));
      await phase("undo", () => undoLastRun(d.context, opts));
      expect(workbook(d, false)).toEqual(afterRun);
      await phase("undo first run", () => undoLastRun(d.context, opts));
      await phase("nothing to undo", () => undoLastRun(d.context, opts).catch((e: unknown) => expect(e).toBeInstanceOf(NothingToUndoError)));
      for (const [name, p] of Object.entries(phases)) expect({ name, ok: p.syncs <= p.bound, ...p }).toEqual({ name, ok: true, ...p });
      if (c.budget < MB4) expect(phases["re-run"].syncs).toBeGreaterThan(8); // the many-round-trip path was taken
    });
  }

  test("a re-run's read leaves TierPlan's own sheets and registry unread", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    await run(d, samplePatch(), 0);
    const grids = await readWorkbookGrids(d.context);
    const byName = new Map(grids.sheets.map((g) => [g.name, g]));
    for (const name of ["Tiers", "Funnel", REGISTRY_SHEET]) expect(byName.get(name)?.rows).toEqual([]);
    expect(byName.get("Customers")!.rows[0]).toEqual(["Customer ID", "Name", "Region", "Sales", null, "ABC class", "Score"]);
    const all = await readWorkbookGrids(d.context, { withOutputs: true });
    expect(all.sheets.find((g) => g.name === "Tiers")!.rows.length).toBeGreaterThan(0);
  });
});
