import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import fc from "fast-check";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../../../src/hosts/xlsx/write";
import { REGISTRY_SHEET, parseRegistry } from "../../../src/report/ownership";
import type { ColumnsPatch, SheetPatch, WorkbookPatch } from "../../../src/report/patch";
import { cellAt, type SheetGrid } from "../../../src/sheets/grid";
import { rawXlsx, unzipText } from "./helpers";

const FIXTURE = join(__dirname, "../../fixtures/xlsx/user_chart.xlsx");
const AT = { writtenAt: "2024-06-01T08:00:00.000Z" };

// ---------------------------------------------------------------------------------------------
// Inputs

async function customersWorkbook(extraSheets: string[] = []): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Customers");
  ws.addRow(["Customer ID", "Name", "Revenue"]);
  ws.addRow(["C1", "Alpha", 100]);
  ws.addRow(["C2", "=HYPERLINK(\"http://x\")", 50]);
  ws.addRow(["C3", "Gamma", 10]);
  ws.addRow(["C4", "Delta", 0]);
  ws.getColumn(2).width = 30;
  ws.getCell("C2").numFmt = "#,##0";
  ws.getCell("D7").value = "note"; // a stray user cell below the table, in the gap column
  const sales = wb.addWorksheet("Sales");
  sales.addRow(["Date", "Customer ID", "Qty"]);
  sales.addRow([new Date(Date.UTC(2024, 0, 5)), "C1", 3]);
  for (const n of extraSheets) wb.addWorksheet(n).getCell("A1").value = `user sheet ${n}`;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function tierColumns(rows = [1, 2, 3, 4]): ColumnsPatch {
  return {
    id: "tiers",
    sheet: "Customers",
    headerRow: 0,
    rows,
    columns: [
      { key: "abc", header: "ABC", values: ["A", "B", "C", "C"], width: 8 },
      { key: "share", header: "Share %", format: "percent1", values: [0.625, 0.3125, 0.0625, 0] },
      { key: "reason", header: "Reason", values: ["=top", "+80%", "-5%", "@risk"] },
    ],
    colours: [
      { column: "abc", equals: "A", fill: "#C6EFCE", fontColor: "#006100" },
      { column: "abc", equals: 'say "C"', fill: "#FFC7CE" },
    ],
  };
}

function abcSheet(name = "ABC 分析"): SheetPatch {
  return {
    name,
    tabColor: "#1F4E79",
    freeze: { rows: 2, cols: 1 },
    protect: true,
    columnWidths: { 1: 12 },
    blocks: [
      {
        id: "abc",
        at: { row: 0, col: 0 },
        title: "ABC analysis",
        columns: [
          { key: "id", header: "Customer", width: 14 },
          { key: "rev", header: "Revenue", format: "money" },
          { key: "cum", header: "Cum %", format: "percent1" },
          { key: "abc", header: "ABC" },
          { key: "target", header: "Target", format: "integer", style: { locked: false, fill: "#FFF2CC" } },
          { key: "dup", header: "Revenue" },
        ],
        rows: [
          ["C1", 100, 0.625, "A", null, "x"],
          ["=SUM(A1)", 50, 0.9375, "B", 3, "y"],
          ["+86 571", 10, { formula: "C4+0.0625", result: 1 }, "C", null, "z"],
          ["-5%", 0, 1, "C", null, "@home"],
          ["Total", { formula: "SUM(B3:B6)", result: 160 }, null, null, null, null],
        ],
        table: { name: "TierPlan_ABC" },
        colours: [{ column: "abc", equals: "A", fill: "#C6EFCE" }],
        validations: [{ column: "target", kind: "wholeNumber", min: 0, prompt: "Units", error: "Whole numbers ≥ 0" }],
        rowStyles: { 4: { bold: true, border: true } },
        cellStyles: { "0:id": { italic: true, fontColor: "#FF0000" } },
      },
    ],
    charts: [
      {
        id: "pareto",
        type: "columnLine",
        title: "Pareto",
        categories: { block: "abc", column: "id", rows: [0, 3] },
        series: [
          { name: "Revenue", values: { block: "abc", column: "rev", rows: [0, 3] } },
          { name: "Cum %", values: { block: "abc", column: "cum", rows: [0, 3] }, as: "line", secondaryAxis: true },
        ],
        at: { row: 9, col: 0 },
        size: { cols: 8, rows: 16 },
        secondaryPercent: true,
      },
    ],
  };
}

function summarySheet(): SheetPatch {
  return {
    name: "Summary",
    blocks: [{ id: "s", at: { row: 1, col: 1 }, columns: [{ key: "k", header: "Class" }, { key: "n", header: "Count", format: "integer" }], rows: [["A", 1], ["B", 1], ["C", 2]] }],
    charts: [
      {
        id: "pie",
        type: "pie",
        title: "Classes",
        categories: { block: "s", column: "k" },
        series: [{ name: "Count", values: { block: "s", column: "n" } }],
        at: { row: 1, col: 4 },
        size: { cols: 6, rows: 12 },
      },
    ],
  };
}

function fullPatch(): WorkbookPatch {
  return { schemaVersion: 1, sheets: [abcSheet(), summarySheet()], columns: [tierColumns()] };
}

async function loadExcelJS(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function grid(bytes: Uint8Array, name: string): SheetGrid {
  const g = readWorkbook(bytes).sheets.find((s) => s.name === name);
  if (!g) throw new Error(`no sheet ${name}`);
  return g;
}

/** The worksheet part of a sheet, by name. */
function sheetPart(files: Record<string, string>, name: string): string {
  const wb = files["xl/workbook.xml"];
  const m = new RegExp(`<sheet [^>]*name="${name.replace(/[()]/g, "\\$&")}"[^>]*r:id="([^"]+)"`).exec(wb);
  if (!m) throw new Error(`no sheet ${name}`);
  const rel = new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(files["xl/_rels/workbook.xml.rels"])!;
  const target = (rel[1] ?? rel[2]).replace(/^\/?(xl\/)?/, "");
  return files[`xl/${target}`];
}

// ---------------------------------------------------------------------------------------------

describe("applyPatchToXlsx on a workbook made by ExcelJS", () => {
  let input: Uint8Array;
  let out: Uint8Array;
  beforeAll(async () => {
    input = await customersWorkbook();
    out = applyPatchToXlsx(input, fullPatch(), AT).bytes;
  });

  test("sheets are appended after the user's, the registry is very hidden and last", async () => {
    const wb = await loadExcelJS(out);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Customers", "visible"],
      ["Sales", "visible"],
      ["ABC 分析", "visible"],
      ["Summary", "visible"],
      [REGISTRY_SHEET, "veryHidden"],
    ]);
    expect(readWorkbook(out).sheets.map((s) => s.name)).toEqual(["Customers", "Sales", "ABC 分析", "Summary", REGISTRY_SHEET]);
  });

  test("block cells: values, text that looks like a formula stays text, formulas carry their result", async () => {
    const ws = (await loadExcelJS(out)).getWorksheet("ABC 分析")!;
    expect(ws.getCell("A1").value).toBe("ABC analysis");
    expect(ws.getRow(2).values).toEqual([undefined, "Customer", "Revenue", "Cum %", "ABC", "Target", "Revenue2"]);
    for (const [addr, text] of [
      ["A4", "=SUM(A1)"],
      ["A5", "+86 571"],
      ["A6", "-5%"],
      ["F6", "@home"],
    ]) {
      const c = ws.getCell(addr);
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.value).toBe(text);
      expect(c.numFmt).toBe("@");
    }
    expect(ws.getCell("C5").formula).toBe("C4+0.0625");
    expect(ws.getCell("B7").formula).toBe("SUM(B3:B6)");
    expect((ws.getCell("B7").value as ExcelJS.CellFormulaValue).result).toBe(160);
    const g = grid(out, "ABC 分析");
    expect(g.rows[2]).toEqual(["C1", 100, 0.625, "A", null, "x"]);
    expect(g.rows[3]).toEqual(["=SUM(A1)", 50, 0.9375, "B", 3, "y"]);
    expect(g.rows[4]).toEqual(["+86 571", 10, 1, "C", null, "z"]);
    expect(g.rows[6]).toEqual(["Total", 160]);
  });

  test("raw XML: strings are inline strings, never formulas", () => {
    const xml = sheetPart(unzipText(out), "ABC 分析");
    expect(xml).toContain('t="inlineStr"><is><t>=SUM(A1)</t></is>');
    expect(xml).not.toMatch(/<f>SUM\(A1\)<\/f>/);
    const formulas = [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
    expect(formulas.sort()).toEqual(["C4+0.0625", "SUM(B3:B6)"]);
  });

  test("number formats, fonts, fills, borders, locked cells", async () => {
    const ws = (await loadExcelJS(out)).getWorksheet("ABC 分析")!;
    expect(ws.getCell("B3").numFmt).toBe("#,##0.00");
    expect(ws.getCell("C3").numFmt).toBe("0.0%");
    expect(ws.getCell("E4").numFmt).toBe("#,##0");
    expect(ws.getCell("A2").font.bold).toBe(true);
    expect(ws.getCell("A2").font.color?.argb).toBe("FFFFFFFF");
    expect((ws.getCell("A2").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF1F4E79");
    expect(ws.getCell("A2").border?.top?.style).toBe("thin");
    expect(ws.getCell("A3").font.italic).toBe(true);
    expect(ws.getCell("A3").font.color?.argb).toBe("FFFF0000");
    expect(ws.getCell("B7").font.bold).toBe(true);
    expect(ws.getCell("E4").protection?.locked).toBe(false);
    expect(ws.getCell("A4").protection?.locked ?? true).toBe(true);
    expect(ws.getColumn(1).width).toBe(14);
    expect(ws.getColumn(2).width).toBe(12);
  });

  test("table, conditional format, validation, protection, frozen panes, tab colour", async () => {
    const ws = (await loadExcelJS(out)).getWorksheet("ABC 分析")!;
    const table = (ws as unknown as { tables: Record<string, { table: { ref?: string; tableRef?: string; columns: { name: string }[] } }> }).tables;
    expect(Object.keys(table)).toEqual(["TierPlan_ABC"]);
    expect(table.TierPlan_ABC.table.columns.map((c) => c.name)).toEqual(["Customer", "Revenue", "Cum %", "ABC", "Target", "Revenue2"]);
    const tableXml = Object.entries(unzipText(out)).find(([k]) => /^xl\/tables\//.test(k))![1];
    expect(tableXml).toContain('ref="A2:F7"');
    expect(tableXml).toContain('<autoFilter ref="A2:F7"/>');
    expect(tableXml).toContain('name="TableStyleMedium2"');
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { operator: string; formulae: string[] }[] }[] }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0].ref).toBe("D3:D7");
    expect(cf[0].rules[0]).toMatchObject({ operator: "equal", formulae: ['"A"'] });
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; operator: string; formulae: number[]; prompt: string }> } }).dataValidations.model;
    expect(dv.E3).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formulae: [0], prompt: "Units" });
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 2, topLeftCell: "B3" });
    expect(ws.properties.tabColor).toEqual({ argb: "FF1F4E79" });
  });

  test("charts: drawing + chart parts, content types and the sheet's <drawing>", () => {
    const files = unzipText(out);
    const charts = Object.keys(files).filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k));
    expect(charts).toHaveLength(2);
    const abc = sheetPart(files, "ABC 分析");
    expect(abc).toMatch(/<drawing r:id="rId\d+"\/><tableParts count="1">/);
    for (const c of charts) {
      expect(files["[Content_Types].xml"]).toContain(`PartName="/${c}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
      expect(files[c]).toMatch(/^<\?xml[^>]*\?><c:chartSpace/);
    }
    const pareto = charts.map((c) => files[c]).find((x) => x.includes("Pareto"))!;
    expect(pareto).toContain("'ABC 分析'!$B$3:$B$6");
    expect(pareto).toContain("<c:lineChart>");
  });

  test("element order inside <worksheet> follows the schema", () => {
    const xml = sheetPart(unzipText(out), "ABC 分析");
    const order = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetProtection", "conditionalFormatting", "dataValidations", "pageMargins", "drawing", "tableParts"];
    const pos = order.map((n) => xml.indexOf(`<${n}`));
    expect(pos.every((p) => p > 0)).toBe(true);
    expect([...pos].sort((a, b) => a - b)).toEqual(pos);
  });

  test("tier columns go right after the user's data with one blank column; user cells are unchanged", async () => {
    const before = grid(input, "Customers");
    const after = grid(out, "Customers");
    // A..C are the table, D7 is a stray note: the last used column is D, so the block starts at F.
    expect(after.rows[0]).toEqual(["Customer ID", "Name", "Revenue", null, null, "ABC", "Share %", "Reason"]);
    expect(after.rows[1].slice(5)).toEqual(["A", 0.625, "=top"]);
    expect(after.rows[3].slice(5)).toEqual(["C", 0.0625, "-5%"]);
    expect(after.rows[4].slice(5)).toEqual(["C", 0, "@risk"]);
    for (let r = 0; r < 8; r++) for (let c = 0; c < 5; c++) expect(cellAt(after, r, c)).toEqual(cellAt(before, r, c));
    const ws = (await loadExcelJS(out)).getWorksheet("Customers")!;
    expect(ws.getCell("H3").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("G2").numFmt).toBe("0.0%");
    expect(ws.getCell("C2").numFmt).toBe("#,##0");
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getColumn(6).width).toBe(8);
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules.map((r) => r.formulae[0])])).toEqual([["F2:F5", ['"A"', '"say ""C"""']]]);
  });

  test("sheets the patch does not touch are byte-identical", () => {
    const a = unzipText(input);
    const b = unzipText(out);
    expect(sheetPart(b, "Sales")).toBe(sheetPart(a, "Sales"));
    expect(b["xl/theme/theme1.xml"]).toBe(a["xl/theme/theme1.xml"]);
    // styles.xml: only appended to
    const cellXfs = (s: string) => /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(s)![1];
    expect(cellXfs(b["xl/styles.xml"]).startsWith(cellXfs(a["xl/styles.xml"]))).toBe(true);
  });

  test("the registry records the sheets and the columns", () => {
    const reg = grid(out, REGISTRY_SHEET);
    const values = reg.rows.map((r) => [r[0] ?? null]);
    const parsed = parseRegistry(values)!;
    expect(parsed.sheets).toEqual(["ABC 分析", "Summary"]);
    expect(parsed.columns).toEqual([expect.objectContaining({ id: "tiers", sheet: "Customers", headerRow: 0, firstCol: 5, headers: ["ABC", "Share %", "Reason"] })]);
    expect(parsed.writtenAt).toBe(AT.writtenAt);
  });

  test("re-running the same patch on the output gives exactly one set of outputs", async () => {
    const second = applyPatchToXlsx(out, fullPatch(), { writtenAt: "2024-06-02T08:00:00.000Z" });
    const third = applyPatchToXlsx(second.bytes, fullPatch(), { writtenAt: "2024-06-03T08:00:00.000Z" });
    expect(second.plan.removeSheets).toEqual(["ABC 分析", "Summary"]);
    expect(second.plan.renamedSheets).toEqual({});
    expect(second.plan.columns[0].firstCol).toBe(5);
    for (const bytes of [second.bytes, third.bytes]) {
      const wb = readWorkbook(bytes);
      expect(wb.sheets.map((s) => s.name)).toEqual(["Customers", "Sales", "ABC 分析", "Summary", REGISTRY_SHEET]);
      const cust = wb.sheets[0];
      expect(cust.rows[0]).toEqual(["Customer ID", "Name", "Revenue", null, null, "ABC", "Share %", "Reason"]);
      expect(Math.max(...cust.rows.map((r) => r.length))).toBe(8);
      const files = unzipText(bytes);
      const names = Object.keys(files);
      expect(names.filter((k) => /^xl\/charts\//.test(k))).toHaveLength(2);
      expect(names.filter((k) => /^xl\/tables\//.test(k))).toHaveLength(1);
      expect(names.filter((k) => /^xl\/drawings\/drawing\d+\.xml$/.test(k))).toHaveLength(2);
      expect(names.filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toHaveLength(5);
      // No dangling content types
      for (const m of files["[Content_Types].xml"].matchAll(/PartName="\/([^"]+)"/g)) expect(names).toContain(m[1]);
      const ws = (await loadExcelJS(bytes)).getWorksheet("Customers")!;
      const cf = (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings;
      expect(cf).toHaveLength(1);
    }
    // Same content apart from the timestamp
    const strip = (b: Uint8Array) => {
      const f = unzipText(b);
      delete f[Object.keys(f).find((k) => f[k].includes("TierPlan registry"))!];
      return f;
    };
    expect(strip(third.bytes)).toEqual(strip(second.bytes));
  });

  test("a sheet name that collides with a user's sheet (also by case) is renamed and stays renamed", async () => {
    const input2 = await customersWorkbook(["ABC 分析", "summary"]);
    const r1 = applyPatchToXlsx(input2, fullPatch(), AT);
    expect(r1.plan.renamedSheets).toEqual({ "ABC 分析": "ABC 分析 (2)", Summary: "Summary (2)" });
    const names1 = readWorkbook(r1.bytes).sheets.map((s) => s.name);
    expect(names1).toEqual(["Customers", "Sales", "ABC 分析", "summary", "ABC 分析 (2)", "Summary (2)", REGISTRY_SHEET]);
    expect(grid(r1.bytes, "ABC 分析").rows).toEqual([["user sheet ABC 分析"]]);
    expect(unzipText(r1.bytes)[Object.keys(unzipText(r1.bytes)).find((k) => unzipText(r1.bytes)[k].includes("Pareto"))!]).toContain("'ABC 分析 (2)'!$B$3");
    const r2 = applyPatchToXlsx(r1.bytes, fullPatch(), AT);
    expect(readWorkbook(r2.bytes).sheets.map((s) => s.name)).toEqual(names1);
    expect(grid(r2.bytes, "summary").rows).toEqual([["user sheet summary"]]);
  });

  test("columns that move or disappear are cleared, with their conditional formats", async () => {
    const wider: ColumnsPatch = { ...tierColumns(), columns: [...tierColumns().columns, { key: "x", header: "Extra", values: [1, 2, 3, 4] }] };
    const r2 = applyPatchToXlsx(out, { schemaVersion: 1, sheets: [], columns: [wider] }, AT);
    expect(r2.plan.columns[0].firstCol).toBe(5);
    expect(grid(r2.bytes, "Customers").rows[0]).toEqual(["Customer ID", "Name", "Revenue", null, null, "ABC", "Share %", "Reason", "Extra"]);
    expect(readWorkbook(r2.bytes).sheets.map((s) => s.name)).toEqual(["Customers", "Sales", REGISTRY_SHEET]);
    const r3 = applyPatchToXlsx(r2.bytes, { schemaVersion: 1, sheets: [], columns: [] }, AT);
    const g = grid(r3.bytes, "Customers");
    expect(Math.max(...g.rows.map((r) => r.length))).toBe(4);
    expect(cellAt(g, 6, 3)).toBe("note");
    const ws = (await loadExcelJS(r3.bytes)).getWorksheet("Customers")!;
    expect((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings ?? []).toHaveLength(0);
    // the orphaned chart and table parts went with their sheets
    expect(Object.keys(unzipText(r3.bytes)).filter((k) => /^xl\/(charts|tables|drawings)\//.test(k))).toEqual([]);
  });
});

describe("applyPatchToXlsx on a user's workbook with charts (openpyxl)", () => {
  const input = new Uint8Array(readFileSync(FIXTURE));
  const patch: WorkbookPatch = {
    schemaVersion: 1,
    sheets: [abcSheet("ABC")],
    columns: [{ ...tierColumns([1, 2, 3, 4, 5]), sheet: "客户资料", columns: tierColumns().columns.map((c) => ({ ...c, values: [...c.values, null] })) }],
  };
  let out: Uint8Array;
  beforeAll(() => {
    out = applyPatchToXlsx(input, patch, AT).bytes;
  });

  test("the user's charts, drawings, comments, table and other sheets stay byte for byte", () => {
    const a = unzipSync(input);
    const b = unzipSync(out);
    const same = [
      "xl/charts/chart1.xml",
      "xl/charts/chart2.xml",
      "xl/drawings/drawing1.xml",
      "xl/drawings/drawing2.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/comments/comment1.xml",
      "xl/drawings/commentsDrawing1.vml",
      "xl/tables/table1.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet3.xml",
      "xl/theme/theme1.xml",
      "docProps/core.xml",
    ];
    for (const p of same) expect([p, Buffer.from(b[p]).equals(Buffer.from(a[p]))]).toEqual([p, true]);
  });

  test("readWorkbook reads the result; the columns follow the user's table after a gap", () => {
    const wb = readWorkbook(out);
    expect(wb.sheets.map((s) => [s.name, !!s.hidden])).toEqual([
      ["客户资料", false],
      ["销售记录", false],
      ["说明", true],
      ["ABC", false],
      [REGISTRY_SHEET, true],
    ]);
    expect(wb.sheets[0].rows[0]).toEqual(["客户编号", "客户名称", "渠道类型", "办事处", "营业额", null, "ABC", "Share %", "Reason"]);
    expect(wb.sheets[0].rows[5]).toEqual(["C005", "五星电器", "社会渠道直供", "宁波", 0]);
    const orig = readWorkbook(input).sheets[0];
    for (let r = 0; r < 6; r++) expect(wb.sheets[0].rows[r].slice(0, 5)).toEqual(orig.rows[r]);
  });

  test("defined names keep their scope; re-running keeps everything once", () => {
    const r2 = applyPatchToXlsx(out, patch, AT).bytes;
    const wbXml = unzipText(r2)["xl/workbook.xml"];
    expect(wbXml).toContain('<definedName name="营业额合计">\'客户资料\'!$E$2:$E$6</definedName>');
    expect(wbXml).toContain('<definedName name="本表数量" localSheetId="1">');
    expect(readWorkbook(r2).sheets.map((s) => s.name)).toEqual(["客户资料", "销售记录", "说明", "ABC", REGISTRY_SHEET]);
    const a = unzipSync(input);
    const b = unzipSync(r2);
    for (const p of ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"]) expect(Buffer.from(b[p]).equals(Buffer.from(a[p]))).toBe(true);
    expect(Object.keys(b).filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k))).toHaveLength(3);
  });

  test("a user sheet moved behind TierPlan's: scoped names and the active tab are renumbered", () => {
    // Move 销售记录 (index 1) to the end, as a person dragging the tab would.
    const files = unzipSync(out);
    let wbXml = strFromU8(files["xl/workbook.xml"]);
    const entry = /<sheet [^>]*name="销售记录"[^>]*\/>/.exec(wbXml)![0];
    wbXml = wbXml.replace(entry, "").replace("</sheets>", `${entry}</sheets>`);
    wbXml = wbXml.replace('localSheetId="1"', 'localSheetId="4"').replace('activeTab="0"', 'activeTab="4"');
    files["xl/workbook.xml"] = strToU8(wbXml);
    const moved = zipSync(files);
    expect(readWorkbook(moved).sheets.map((s) => s.name)).toEqual(["客户资料", "说明", "ABC", REGISTRY_SHEET, "销售记录"]);
    const r = applyPatchToXlsx(moved, patch, AT).bytes;
    const x = unzipText(r)["xl/workbook.xml"];
    expect(readWorkbook(r).sheets.map((s) => s.name)).toEqual(["客户资料", "说明", "销售记录", "ABC", REGISTRY_SHEET]);
    expect(x).toContain('<definedName name="本表数量" localSheetId="2">');
    expect(x).toContain('activeTab="2"');
  });
});

describe("applyPatchToXlsx edge cases", () => {
  test("a new workbook from nothing opens in ExcelJS and reads back", async () => {
    const { bytes, plan } = applyPatchToXlsx(null, { schemaVersion: 1, sheets: [abcSheet(), summarySheet()], columns: [] }, AT);
    expect(plan.removeSheets).toEqual([]);
    const wb = await loadExcelJS(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["ABC 分析", "Summary", REGISTRY_SHEET]);
    expect(wb.getWorksheet("Summary")!.getCell("C3").value).toBe(1);
    expect(readWorkbook(bytes).sheets[0].rows[3]).toEqual(["=SUM(A1)", 50, 0.9375, "B", 3, "y"]);
  });

  test("an empty patch on nothing still gives a workbook with a visible sheet", async () => {
    const { bytes } = applyPatchToXlsx(null, { schemaVersion: 1, sheets: [], columns: [] }, AT);
    const wb = await loadExcelJS(bytes);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([[REGISTRY_SHEET, "visible"]]);
  });

  test("user sheets (templates) are created once, before TierPlan's sheets, and never replaced", () => {
    const tpl: SheetPatch = { name: "政策", blocks: [{ id: "p", at: { row: 0, col: 0 }, columns: [{ key: "k", header: "设置" }], rows: [["A 截止"]] }], charts: [] };
    const patch: WorkbookPatch = { schemaVersion: 1, sheets: [summarySheet()], columns: [], userSheets: [tpl] };
    const r1 = applyPatchToXlsx(null, patch, AT);
    expect(readWorkbook(r1.bytes).sheets.map((s) => s.name)).toEqual(["政策", "Summary", REGISTRY_SHEET]);
    const r2 = applyPatchToXlsx(r1.bytes, patch, AT);
    expect(r2.plan.skippedUserSheets).toEqual(["政策"]);
    expect(readWorkbook(r2.bytes).sheets.map((s) => s.name)).toEqual(["政策", "Summary", REGISTRY_SHEET]);
  });

  test("columns into a sheet whose rows and cells have no r attributes, with missing rows", () => {
    const data = "<sheetData><row><c t=\"inlineStr\"><is><t>id</t></is></c><c t=\"inlineStr\"><is><t>name</t></is></c></row><row><c><v>1</v></c><c t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"4\"><c><v>3</v></c></row></sheetData>";
    const input = rawXlsx([{ name: "Data", xml: data }]);
    const cp: ColumnsPatch = { id: "t", sheet: "Data", headerRow: 0, rows: [1, 2, 3], columns: [{ key: "k", header: "Tier", values: ["A", "B", "C"] }] };
    const out = applyPatchToXlsx(input, { schemaVersion: 1, sheets: [], columns: [cp] }, AT).bytes;
    const g = grid(out, "Data");
    expect(g.rows).toEqual([
      ["id", "name", null, "Tier"],
      [1, "a", null, "A"],
      [null, null, null, "B"],
      [3, null, null, "C"],
    ]);
    const xml = sheetPart(unzipText(out), "Data");
    expect([...xml.matchAll(/<row r="(\d+)"/g)].map((m) => m[1])).toEqual(["1", "2", "3", "4"]);
    expect(xml).not.toContain("<dimension"); // optional, and absent in the input
    // The input had no styles part: a minimal one was created and registered.
    const files = unzipText(out);
    expect(files["xl/styles.xml"]).toContain("<cellXfs");
    expect(files["xl/_rels/workbook.xml.rels"]).toContain('Target="styles.xml"');
    expect(files["[Content_Types].xml"]).toContain('PartName="/xl/styles.xml"');
  });

  test("a calculation chain that lists TierPlan's old formulas is dropped with its relationship", async () => {
    const first = applyPatchToXlsx(await customersWorkbook(), fullPatch(), AT).bytes;
    // As if Excel had saved the file: a calcChain naming the formula cells of sheet 3.
    const files = unzipSync(first);
    files["xl/calcChain.xml"] = strToU8(`<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B7" i="3"/><c r="C5" i="3"/></calcChain>`);
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      strFromU8(files["xl/_rels/workbook.xml.rels"]).replace("</Relationships>", '<Relationship Id="rIdCC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
    );
    files["[Content_Types].xml"] = strToU8(
      strFromU8(files["[Content_Types].xml"]).replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
    );
    const out = unzipText(applyPatchToXlsx(zipSync(files), fullPatch(), AT).bytes);
    expect(out["xl/calcChain.xml"]).toBeUndefined();
    expect(out["xl/_rels/workbook.xml.rels"]).not.toContain("calcChain");
    expect(out["[Content_Types].xml"]).not.toContain("calcChain");
  });

  test("an empty table block, a formula without a cached result, and columns for a sheet that does not exist", async () => {
    const sheet: SheetPatch = {
      name: "Empty",
      blocks: [
        { id: "e", at: { row: 0, col: 0 }, columns: [{ key: "a", header: "A" }, { key: "b", header: "B" }], rows: [], table: { name: "1 bad name" } },
        { id: "f", at: { row: 4, col: 0 }, columns: [{ key: "x", header: "X" }], rows: [[{ formula: "=1+1" }]] },
      ],
      charts: [],
    };
    const missing: ColumnsPatch = { id: "m", sheet: "Nope", headerRow: 0, rows: [1], columns: [{ key: "k", header: "K", values: [1] }] };
    const { bytes } = applyPatchToXlsx(await customersWorkbook(), { schemaVersion: 1, sheets: [sheet], columns: [missing] }, AT);
    const files = unzipText(bytes);
    const table = Object.entries(files).find(([k]) => k.startsWith("xl/tables/"))![1];
    expect(table).toContain('name="T_1_bad_name"');
    expect(table).toContain('ref="A1:B2"');
    expect(sheetPart(files, "Empty")).toContain("<f>1+1</f></c>");
    expect(files["xl/workbook.xml"]).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    const wb = await loadExcelJS(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Customers", "Sales", "Empty", REGISTRY_SHEET]);
    expect(grid(bytes, "Customers").rows[0]).toEqual(["Customer ID", "Name", "Revenue"]);
  });

  test("chart sheets and their parts are kept; registry and names stay consistent", () => {
    const input = rawXlsx([{ name: "Data", xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }]);
    const files = unzipSync(input);
    files["xl/chartsheets/sheet1.xml"] = strToU8('<?xml version="1.0"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>');
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      strFromU8(files["xl/_rels/workbook.xml.rels"]).replace("</Relationships>", '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>'),
    );
    files["xl/workbook.xml"] = strToU8(strFromU8(files["xl/workbook.xml"]).replace("</sheets>", '<sheet name="Chart1" sheetId="9" r:id="rIdC"/></sheets>'));
    const out = applyPatchToXlsx(zipSync(files), { schemaVersion: 1, sheets: [summarySheet()], columns: [] }, AT).bytes;
    const text = unzipText(out);
    expect(text["xl/chartsheets/sheet1.xml"]).toBe(strFromU8(files["xl/chartsheets/sheet1.xml"]));
    expect(text["xl/workbook.xml"]).toMatch(/name="Chart1" sheetId="9" r:id="rIdC"\/><sheet name="Summary" sheetId="10"/);
    expect(readWorkbook(out).sheets.map((s) => s.name)).toEqual(["Data", "Summary", REGISTRY_SHEET]);
  });

  test("text round-trips exactly, whatever its characters (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 40 }), { minLength: 1, maxLength: 8 }), (texts) => {
        const sheet: SheetPatch = { name: "T", blocks: [{ id: "b", at: { row: 0, col: 0 }, columns: [{ key: "v", header: "v" }], rows: texts.map((t) => [t]) }], charts: [] };
        const g = grid(applyPatchToXlsx(null, { schemaVersion: 1, sheets: [sheet], columns: [] }, AT).bytes, "T");
        const got = texts.map((_, i) => cellAt(g, i + 1, 0));
        // Lone surrogates cannot be stored in UTF-8; an empty string is an empty cell.
        const want = texts.map((t) => (t === "" ? null : new TextDecoder().decode(new TextEncoder().encode(t))));
        expect(got).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });

  // Its speed is measured by `npm run bench` against a peer, not timed here.
  test("a user sheet of 100,000 rows gets its columns", () => {
    const rows: string[] = ['<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1"><v>0</v></c></row>'];
    for (let i = 2; i <= 100001; i++) rows.push(`<row r="${i}" spans="1:2"><c r="A${i}"><v>${i}</v></c><c r="B${i}"><v>${i * 2}</v></c></row>`);
    const input = rawXlsx([{ name: "Big", xml: `<sheetData>${rows.join("")}</sheetData>` }]);
    const idx = Array.from({ length: 100000 }, (_, i) => i + 1);
    const cp: ColumnsPatch = {
      id: "t",
      sheet: "Big",
      headerRow: 0,
      rows: idx,
      columns: [{ key: "k", header: "Tier", values: idx.map((i) => (i % 3 ? "A" : "B")) }],
      colours: [{ column: "k", equals: "B", fill: "#FFC7CE" }],
    };
    const out = applyPatchToXlsx(input, { schemaVersion: 1, sheets: [], columns: [cp] }, AT).bytes;
    const g = grid(out, "Big");
    expect(g.rows[99999]).toEqual([100000, 200000, null, "B"]);
    expect(g.rows[99998]).toEqual([99999, 199998, null, "A"]);
    expect(g.rows[3]).toEqual([4, 8, null, "B"]);
    expect(sheetPart(unzipText(out), "Big")).toContain('<conditionalFormatting sqref="D2:D100001">');
  });
});
