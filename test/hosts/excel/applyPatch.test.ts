/**
 * applyPatch on the strict Excel double: every cell, format, table, chart and setting the
 * hand-written patch asks for, text that stays text, round trips within budget, and a re-run
 * that leaves exactly one set of outputs.
 */
import { applyPatch } from "../../../src/hosts/excel";
import { HEADER_STYLE } from "../../../src/report/layout";
import { REGISTRY_SHEET, parseRegistry } from "../../../src/report/ownership";
import type { CellValue } from "../../../src/sheets/grid";
import { ExcelDouble, SheetState, createExcelDouble } from "../../excel-double";
import { INJECTION, samplePatch, userSheets } from "./fixtures";

const MB4 = 4 * 1024 * 1024;
const WRITTEN_AT = "2025-01-31T10:00:00.000Z";

function syncBound(d: ExcelDouble): number {
  return 4 + Math.ceil(d.stats.totalRequestBytes / MB4);
}

/** Everything stored in a sheet, cell by cell, for before/after comparisons. */
function snapshot(s: SheetState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [r, c] of s.contentCells()) out[`${r}:${c}`] = s.cellAt(r, c);
  return out;
}

async function applied(opts: { apiVersion?: string } = {}): Promise<{ d: ExcelDouble; result: Awaited<ReturnType<typeof applyPatch>> }> {
  const d = createExcelDouble({ sheets: userSheets() }, opts);
  const result = await applyPatch(d.context, samplePatch(), { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported });
  return { d, result };
}

describe("applyPatch: owned sheets", () => {
  test("adds the sheets after the user's, with the registry very hidden at the end", async () => {
    const { d } = await applied();
    expect(d.workbookState.sheetNames).toEqual(["Customers", "Notes", "Archive", "Tiers", "Funnel", REGISTRY_SHEET]);
    expect(d.sheet(REGISTRY_SHEET).visibility).toBe("VeryHidden");
    expect(d.sheet("Tiers").visibility).toBe("Visible");
  });

  test("title, header and data cells: values, number formats and styles, cell by cell", async () => {
    const { d } = await applied();
    const s = d.sheet("Tiers");
    expect(s.cell("A1")).toMatchObject({ value: "Account tiers", numberFormat: "@", style: { bold: true, fontSize: 13, fontColor: "#1F4E79" } });
    expect(s.valuesOf("A2:F2")).toEqual([["Customer ID", "Name", "Sales", "Cum. share", "ABC", "Target"]]);
    for (const a of ["A2", "C2", "F2"]) {
      expect(s.cell(a).numberFormat).toBe("@");
      expect(s.cell(a).style).toMatchObject({ bold: true, fill: HEADER_STYLE.fill, fontColor: HEADER_STYLE.fontColor, hAlign: "Center", wrap: true });
    }
    expect(s.cell("A2").style.borders).toEqual({ top: "Continuous", bottom: "Continuous", left: "Continuous", right: "Continuous" });

    expect(s.valuesOf("A3:F6")).toEqual([
      ["C001", INJECTION, 500, 0.5, "A", 10],
      ["C002", "Beta Ltd", 300, 0.8, "B", 5],
      ["C003", "-5% Gamma", 150, 0.95, "C", ""],
      ["C005", "@epsilon", 50, 1, "C", 0],
    ]);
    const nf = (a: string): string => s.cell(a).numberFormat;
    expect([nf("A3"), nf("B3"), nf("C3"), nf("D3"), nf("E3"), nf("F3")]).toEqual(["@", "@", "#,##0.00", "0.0%", "@", "#,##0"]);
    expect(nf("F5")).toBe("#,##0");
    expect(s.cell("E3").style.hAlign).toBe("Center");
    expect(s.cell("F3").style).toMatchObject({ locked: false, fill: "#FFF2CC" });
    expect(s.isLocked(2, 0)).toBe(true);
  });

  test('user text starting with = + - @ lands as text, never as a formula; TierPlan\'s own formula is a formula', async () => {
    const { d } = await applied();
    const s = d.sheet("Tiers");
    expect(s.cell("B3")).toMatchObject({ value: INJECTION, numberFormat: "@" });
    expect(s.cell("B3").formula).toBeUndefined();
    expect(s.cell("B5").formula).toBeUndefined();
    expect(s.cell("B6").formula).toBeUndefined();
    expect(s.cell("C7")).toMatchObject({ formula: "=SUM(C3:C6)", numberFormat: "#,##0.00" });
    expect(s.cell("A7").style.bold).toBe(true);
    // No other formula anywhere in the workbook.
    const formulas = d.workbookState.sheets.flatMap((sh) => sh.contentCells().filter(([r, c]) => sh.formulaAt(r, c) !== undefined).map(([r, c]) => `${sh.name}!${r}:${c}`));
    expect(formulas).toEqual(["Tiers!6:2"]);
  });

  test("table over the written range, value colours, validation, freeze panes, tab colour, widths, protection", async () => {
    const { d } = await applied();
    const s = d.sheet("Tiers");
    expect(s.tables).toHaveLength(1);
    expect(s.tables[0]).toMatchObject({ name: "TierTable", style: "TableStyleLight9", hasHeaders: true, rect: { r0: 1, c0: 0, r1: 6, c1: 5 } });
    expect(s.conditionalFormats).toEqual([
      expect.objectContaining({ type: "CellValue", rect: { r0: 2, c0: 4, r1: 6, c1: 4 }, rule: { formula1: '="A"', operator: "EqualTo" }, fill: "#C6EFCE", fontColor: "#006100" }),
    ]);
    expect(s.validations).toEqual([
      {
        rect: { r0: 2, c0: 5, r1: 6, c1: 5 },
        rule: { wholeNumber: { operator: "GreaterThanOrEqualTo", formula1: 0 } },
        prompt: { showPrompt: true, message: "Whole number, 0 or more", title: "TierPlan" },
        errorAlert: { showAlert: true, style: "Stop", message: "Enter a whole number ≥ 0", title: "TierPlan" },
      },
    ]);
    expect(s.freeze).toEqual({ rows: 2, cols: 1 });
    expect(s.tabColor).toBe("#1F4E79");
    expect(s.columnWidths.get(0)).toBe(105);
    expect(s.columnWidths.get(1)).toBe(180);
    expect(s.protection.protected).toBe(true);
  });

  test("columnLine chart: explicit series, line on the secondary axis fixed to 0–100 %", async () => {
    const { d } = await applied();
    const charts = d.sheet("Tiers").charts;
    expect(charts).toHaveLength(1);
    const c = charts[0];
    expect(c).toMatchObject({ name: "pareto", chartType: "ColumnClustered", title: "Pareto of sales", position: { start: "I1", end: "P15" } });
    expect(c.series).toEqual([
      { name: "Sales", values: "Tiers!C3:C6", xValues: "Tiers!B3:B6", axisGroup: "Primary" },
      { name: "Cumulative share", values: "Tiers!D3:D6", xValues: "Tiers!B3:B6", chartType: "Line", axisGroup: "Secondary" },
    ]);
    expect(c.axes).toEqual([{ type: "Value", group: "Secondary", minimum: 0, maximum: 1, numberFormat: "0%" }]);
  });

  test("funnel falls back to a bar chart with reversed categories below ExcelApi 1.9, native Funnel from 1.9", async () => {
    const old = (await applied()).d.sheet("Funnel").charts;
    expect(old).toHaveLength(1);
    expect(old[0]).toMatchObject({ chartType: "BarClustered", title: "Sales funnel", position: { start: "D1", end: "I12" } });
    expect(old[0].series).toEqual([{ name: "Accounts", values: "Funnel!B2:B5", xValues: "Funnel!A2:A5", axisGroup: "Primary" }]);
    expect(old[0].axes).toEqual([{ type: "Category", group: "Primary", reversePlotOrder: true }]);

    const modern = (await applied({ apiVersion: "1.9" })).d.sheet("Funnel").charts;
    expect(modern[0].chartType).toBe("Funnel");
    expect(modern[0].axes).toEqual([]);
  });

  test("without a detector the host assumes only the manifest minimum (1.8): no native funnel", async () => {
    const d = createExcelDouble({ sheets: userSheets() }, { apiVersion: "1.9" });
    await applyPatch(d.context, samplePatch(), { writtenAt: WRITTEN_AT });
    expect(d.sheet("Funnel").charts[0].chartType).toBe("BarClustered");
    expect(d.sheet("Tiers").validations).toHaveLength(1);
  });
});

describe("applyPatch: columns beside the user's table", () => {
  test("placed after one blank column, header in the user's header row, blanks for unlisted rows, text stays text", async () => {
    const { d, result } = await applied();
    expect(result.plan.columns).toEqual([{ id: "tier", sheet: "Customers", headerRow: 0, firstCol: 5, count: 2 }]);
    const s = d.sheet("Customers");
    expect(s.valuesOf("E1:G6")).toEqual([
      ["", "ABC class", "Score"],
      ["", "A", 0.9],
      ["", "B", 0.5],
      ["", "C", 0.1],
      ["", "", ""],
      ["", "=cmd|' /C calc'!A0", 0],
    ]);
    expect(s.cell("F6").formula).toBeUndefined();
    expect(s.cell("F6").numberFormat).toBe("@");
    expect(s.cell("G2").numberFormat).toBe("#,##0.00");
    expect(s.cell("F1").style).toMatchObject({ bold: true, fill: HEADER_STYLE.fill });
    expect(s.columnWidths.get(5)).toBe(75);
    expect(s.conditionalFormats).toEqual([expect.objectContaining({ rect: { r0: 1, c0: 5, r1: 5, c1: 5 }, rule: { formula1: '="A"', operator: "EqualTo" } })]);
    // The user's table is not extended and keeps its name.
    expect(s.tables).toEqual([expect.objectContaining({ name: "CustomerTable", rect: { r0: 0, c0: 0, r1: 5, c1: 3 } })]);
  });

  test("user cells are untouched on every user sheet", async () => {
    const fresh = createExcelDouble({ sheets: userSheets() });
    const before = Object.fromEntries(["Customers", "Notes", "Archive"].map((n) => [n, snapshot(fresh.sheet(n))]));
    const { d } = await applied();
    for (const n of ["Notes", "Archive"]) expect(snapshot(d.sheet(n))).toEqual(before[n]);
    const after = snapshot(d.sheet("Customers"));
    for (const [k, v] of Object.entries(before.Customers)) expect(after[k]).toEqual(v);
  });
});

describe("applyPatch: round trips and re-runs", () => {
  test("round trips stay within 4 + ceil(bytes / 4 MB) and every request under 5 MB", async () => {
    const { d, result } = await applied();
    expect(result.syncs).toBe(d.stats.syncs);
    expect(d.stats.syncs).toBeLessThanOrEqual(syncBound(d));
    // Small patch: names, facts, one write batch.
    expect(d.stats.syncs).toBe(3);
    expect(d.stats.failedSyncs).toBe(0);
    expect(d.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(d.workbookState.calculationSuspendedSyncs).toBe(1);
  });

  test("the registry records this run", async () => {
    const { d, result } = await applied();
    const reg = d.sheet(REGISTRY_SHEET);
    const rows = reg.valuesOf(`A1:A${reg.usedRange(true)!.r1 + 1}`) as CellValue[][];
    expect(parseRegistry(rows)).toEqual(result.plan.registry);
    expect(result.plan.registry).toMatchObject({ writtenAt: WRITTEN_AT, sheets: ["Tiers", "Funnel"], columns: [{ id: "tier", sheet: "Customers", headerRow: 0, firstCol: 5, headers: ["ABC class", "Score"] }] });
  });

  test("a re-run on the same workbook leaves exactly one set of outputs, in the same places", async () => {
    const { d } = await applied();
    const first = Object.fromEntries(d.workbookState.sheets.map((s) => [s.name, snapshot(s)]));
    const firstCharts = d.workbookState.sheets.map((s) => s.charts.length);

    d.stats.reset();
    const again = await applyPatch(d.context, samplePatch(), { writtenAt: "2025-02-28T10:00:00.000Z", isSetSupported: d.isSetSupported });
    expect(d.workbookState.sheetNames).toEqual(["Customers", "Notes", "Archive", "Tiers", "Funnel", REGISTRY_SHEET]);
    expect(again.plan.removeSheets).toEqual(["Tiers", "Funnel"]);
    expect(again.plan.columns[0].firstCol).toBe(5);
    expect(d.workbookState.sheets.map((s) => s.charts.length)).toEqual(firstCharts);
    expect(d.workbookState.allTables().map((t) => t.name).sort()).toEqual(["CustomerTable", "TierTable"]);
    expect(d.sheet("Customers").conditionalFormats).toHaveLength(1);
    for (const s of d.workbookState.sheets) {
      if (s.name === REGISTRY_SHEET) continue;
      expect(snapshot(s)).toEqual(first[s.name]);
    }
    expect(d.stats.syncs).toBeLessThanOrEqual(syncBound(d));
  });

  test("a re-run after the user added a column moves nothing of theirs and reuses the owned columns", async () => {
    const { d } = await applied();
    const ctx = d.context;
    // The user types a note far to the right, after TierPlan's columns.
    ctx.workbook.worksheets.getItem("Customers").getRange("J2").values = [["my note"]];
    await ctx.sync();
    const again = await applyPatch(ctx, samplePatch(), { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported });
    expect(again.plan.columns[0].firstCol).toBe(5);
    expect(d.sheet("Customers").cell("J2").value).toBe("my note");
    expect(d.sheet("Customers").valuesOf("F1:G1")).toEqual([["ABC class", "Score"]]);
  });

  test("a user sheet named like an output sheet is kept; the output goes beside it", async () => {
    const d = createExcelDouble({ sheets: [...userSheets(), { name: "Tiers", rows: [["mine"]] }] });
    const r = await applyPatch(d.context, samplePatch(), { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported });
    expect(r.plan.renamedSheets).toEqual({ Tiers: "Tiers (2)" });
    expect(d.sheet("Tiers").cell("A1").value).toBe("mine");
    expect(d.sheet("Tiers (2)").cell("A1").value).toBe("Account tiers");
    expect(d.sheet("Tiers (2)").charts[0].series[0].values).toBe("'Tiers (2)'!C3:C6");
  });

  test("a table name taken by the user gets a suffix instead of failing", async () => {
    const seeds = userSheets();
    seeds[0].tables = [{ name: "TierTable", address: "A1:D6" }];
    const d = createExcelDouble({ sheets: seeds });
    await applyPatch(d.context, samplePatch(), { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported });
    expect(d.sheet("Tiers").tables[0].name).toBe("TierTable_2");
  });

  test("sheets made once for people come before TierPlan's, are not registered, and are kept on re-runs", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    const patch = samplePatch();
    patch.userSheets = [
      {
        name: "Policy",
        blocks: [{ id: "p", at: { row: 0, col: 0 }, columns: [{ key: "k", header: "Threshold" }], rows: [[0.8]] }],
        charts: [],
      },
    ];
    const first = await applyPatch(d.context, patch, { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported });
    expect(d.workbookState.sheetNames).toEqual(["Customers", "Notes", "Archive", "Policy", "Tiers", "Funnel", REGISTRY_SHEET]);
    expect(first.plan.registry.sheets).toEqual(["Tiers", "Funnel"]);
    expect(d.sheet("Policy").valuesOf("A1:A2")).toEqual([["Threshold"], [0.8]]);

    // The person edits the policy; the next run keeps their copy.
    d.context.workbook.worksheets.getItem("Policy").getRange("A2").values = [[0.7]];
    await d.context.sync();
    const second = await applyPatch(d.context, patch, { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported });
    expect(second.plan.skippedUserSheets).toEqual(["Policy"]);
    expect(d.sheet("Policy").cell("A2").value).toBe(0.7);
    expect(d.workbookState.sheetNames).toEqual(["Customers", "Notes", "Archive", "Policy", "Tiers", "Funnel", REGISTRY_SHEET]);
  });

  test("sheet names collide without regard to case, as in Excel", async () => {
    const d = createExcelDouble({ sheets: [...userSheets(), { name: "TIERS", rows: [["mine"]] }] });
    const r = await applyPatch(d.context, samplePatch(), { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported });
    expect(r.plan.renamedSheets).toEqual({ Tiers: "Tiers (2)" });
    expect(r.plan.registry.sheets).toEqual(["Tiers (2)", "Funnel"]);
    expect(d.sheet("TIERS").cell("A1").value).toBe("mine");
    // And the re-run replaces "Tiers (2)" instead of adding "Tiers (3)".
    await applyPatch(d.context, samplePatch(), { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported });
    expect(d.workbookState.sheetNames).toEqual(["Customers", "Notes", "Archive", "TIERS", "Tiers (2)", "Funnel", REGISTRY_SHEET]);
  });
});
