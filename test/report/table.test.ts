import { FORMAT_CODES, type SheetPatch, headerRow } from "../../src/report/patch";
import { type Column, displayWidth, fitSheet, formattedText, tableBlock } from "../../src/report/table";
import { LINE_HEIGHT, headerLines } from "../../src/report/table/fit";
import { bracketBreak, wrappedLines } from "../../src/report/table/text";

interface Line { id: string; cls: string; amount: number; share: number }
const VOCAB = { core: { zh: "核心客户", en: "Core" }, low: { zh: "低等客户", en: "Low" } };
const COLS: Column<Line>[] = [
  { key: "id", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (r) => r.id, total: { zh: "合计", en: "Total" } },
  { key: "cls", label: { zh: "价值分类", en: "Value class" }, format: { vocabulary: VOCAB }, value: (r) => r.cls },
  { key: "amount", label: { zh: "销售额", en: "Revenue" }, format: "money", value: (r) => r.amount, total: "sum" },
  { key: "share", label: { zh: "占当期销售额比例（累计）", en: "Share" }, format: "percent1", value: (r) => r.share },
];
const ROWS: Line[] = [
  { id: "C001", cls: "core", amount: 1234567.5, share: 0.5 },
  { id: "C002", cls: "low", amount: 0.1, share: 0.25 },
];

describe("typed column tables", () => {
  test("headers state the money unit, codes show their label, totals come from the columns", () => {
    const b = tableBlock({ id: "t", at: { row: 2, col: 1 }, columns: COLS, totals: true }, ROWS, "zh");
    expect(b.columns.map((c) => c.header)).toEqual(["客户编号", "价值分类", "销售额（元）", "占当期销售额比例（累计）"]);
    expect(b.rows[0]).toEqual(["C001", "核心客户", 1234567.5, 0.5]);
    // header at sheet row 3, data rows 4–5 (1-based), amount in column D
    expect(b.rows[2]).toEqual(["合计", null, { formula: "SUM(D4:D5)", result: 1234567.6 }, null]);
    expect(b.rowStyles?.[2]?.bold).toBe(true);
    const en = tableBlock({ id: "t", at: { row: 0, col: 0 }, columns: COLS }, ROWS, "en");
    expect(en.columns[2].header).toBe("Revenue (¥)");
    expect(en.rows[1][1]).toBe("Low");
  });

  test("a total that is not a sum comes from the column's figure of all rows", () => {
    const weighted: Column<Line> = { ...COLS[3], total: (rows) => rows.reduce((s, r) => s + r.amount * r.share, 0) / rows.reduce((s, r) => s + r.amount, 0) };
    const b = tableBlock({ id: "t", at: { row: 0, col: 0 }, columns: [COLS[0], weighted], totals: true }, ROWS, "en");
    expect(b.rows[2]).toEqual(["Total", (1234567.5 * 0.5 + 0.1 * 0.25) / 1234567.6]);
  });

  test("the width measure counts CJK double and formats like Excel", () => {
    expect(displayWidth("核心ab")).toBe(6);
    expect(formattedText(1234567.5, FORMAT_CODES.money)).toBe("1,234,567.50");
    expect(formattedText(0.1234, FORMAT_CODES.percent1)).toBe("12.3%");
    expect(formattedText({ formula: "SUM(A1)", result: 12 }, FORMAT_CODES.integer)).toBe("12");
  });

  test("fitSheet: every value fits its column, a long header wraps into a tall enough row, A4 setup and frozen header", () => {
    const b = tableBlock({ id: "t", at: { row: 2, col: 0 }, columns: COLS, totals: true }, ROWS, "zh");
    const sheet: SheetPatch = { name: "S", blocks: [b], charts: [] };
    fitSheet(sheet);
    const w = sheet.columnWidths!;
    expect(w[2]).toBeGreaterThanOrEqual(displayWidth("1,234,567.60"));
    expect(w[1]).toBeGreaterThanOrEqual(displayWidth("核心客户"));
    // 24 characters of header over a 5-character percent column: wrapped, and the row is tall enough
    expect(w[3]).toBeLessThan(displayWidth("占当期销售额比例（累计）"));
    const lines = Math.ceil(displayWidth("占当期销售额比例（累计）") / (w[3] - 1));
    expect(sheet.rowHeights![headerRow(b)]).toBeGreaterThanOrEqual(lines * LINE_HEIGHT);
    expect(sheet.freeze).toEqual({ rows: 3, cols: 0 }); // rows 1–3: blank title rows and the header
    expect(sheet.setup?.page).toEqual({ orientation: "portrait", printTitleRows: [0, 2] });
  });

  test("a Chinese header too long for its column breaks before its bracketed part, never inside it", () => {
    expect(bracketBreak("未排（超出容量）")).toEqual(["未排", "（超出容量）"]);
    expect(bracketBreak("当月净销量（全部型号）")).toEqual(["当月净销量", "（全部型号）"]);
    expect(bracketBreak("Not planned (over capacity)")).toBeNull(); // English wraps at its spaces
    expect(bracketBreak("（超出容量）")).toBeNull();
    expect(bracketBreak("净销售额")).toBeNull();
    expect(wrappedLines("未排\n（超出容量）", 12)).toBe(2);
    expect(wrappedLines("未排\n（超出容量）", 6)).toBe(3);

    interface Rep { rep: string; over: number }
    const cols: Column<Rep>[] = [
      { key: "rep", label: { zh: "销售代表", en: "Rep" }, format: "text", value: (r) => r.rep },
      { key: "over", label: { zh: "未排（超出容量）", en: "Not planned (over capacity)" }, format: "integer", value: (r) => r.over },
    ];
    const zh = tableBlock({ id: "cap", at: { row: 0, col: 0 }, columns: cols }, [{ rep: "刘洋", over: 3 }], "zh");
    const sheet: SheetPatch = { name: "S", blocks: [zh], charts: [] };
    fitSheet(sheet);
    // "未排" over "（超出容量）": the column holds the bracket whole, the row holds two lines.
    expect(zh.columns[1].header).toBe("未排\n（超出容量）");
    expect(sheet.columnWidths![1]).toBeGreaterThanOrEqual(displayWidth("（超出容量）") + 1);
    expect(sheet.rowHeights![headerRow(zh)]).toBe(headerLines(zh.columns[1].header, sheet.columnWidths![1]) * LINE_HEIGHT);
    expect(headerLines(zh.columns[1].header, sheet.columnWidths![1])).toBe(2);

    const en = tableBlock({ id: "cap", at: { row: 0, col: 0 }, columns: cols }, [{ rep: "Liu", over: 3 }], "en");
    fitSheet({ name: "S", blocks: [en], charts: [] });
    expect(en.columns[1].header).toBe("Not planned (over capacity)");
  });

  test("fitSheet: a sheet too wide for one page prints over several pages wide, repeating its ID and name columns; a sheet with charts stays one page wide", () => {
    interface Plan { id: string; name: string; qty: number[] }
    const models = Array.from({ length: 30 }, (_, i) => `M${i + 1}`);
    const cols: Column<Plan>[] = [
      { key: "row", label: { zh: "来源行", en: "Row" }, format: "integer", value: () => 7 },
      { key: "id", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (r) => r.id },
      { key: "name", label: { zh: "客户名称", en: "Customer" }, format: "text", value: (r) => r.name },
      ...models.map((m, i): Column<Plan> => ({ key: m, label: { zh: `${m} 目标数量`, en: `${m} qty` }, format: "integer", value: (r) => r.qty[i] })),
    ];
    const rows: Plan[] = [{ id: "C001", name: "杭州甲通讯器材有限公司", qty: models.map((_, i) => i * 1000) }];
    const wide = (): SheetPatch => ({ name: "W", blocks: [tableBlock({ id: "plan", at: { row: 0, col: 0 }, columns: cols }, rows, "zh")], charts: [] });
    const sheet = wide();
    fitSheet(sheet);
    const total = Object.values(sheet.columnWidths!).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(300);
    // Row number, ID and name repeat at the left of every page (up to the last text column).
    expect(sheet.setup?.page).toEqual({ orientation: "landscape", printTitleRows: [0, 0], pagesWide: Math.ceil(total / 200), printTitleColumns: [0, 2] });

    const withChart = wide();
    withChart.charts.push({ id: "c", type: "column", title: "t", categories: { block: "plan", column: "id" }, series: [{ name: "M1", values: { block: "plan", column: "M1" } }], at: { row: 3, col: 0 }, size: { rows: 10, cols: 6 } });
    fitSheet(withChart);
    expect(withChart.setup?.page).toEqual({ orientation: "landscape", printTitleRows: [0, 0] });

    const narrow: SheetPatch = { name: "N", blocks: [tableBlock({ id: "plan", at: { row: 0, col: 0 }, columns: cols.slice(0, 6) }, rows, "zh")], charts: [] };
    fitSheet(narrow);
    expect(narrow.setup?.page?.pagesWide).toBeUndefined();
  });

  test("fitSheet: with a short summary above a long table, each printed page repeats the long table's header row", () => {
    const summary = tableBlock({ id: "sum", at: { row: 2, col: 0 }, columns: COLS, totals: true }, ROWS, "zh");
    const many = Array.from({ length: 60 }, (_, i) => ({ ...ROWS[i % ROWS.length], id: `C${i}` }));
    const detail = tableBlock({ id: "lines", at: { row: 8, col: 0 }, columns: COLS }, many, "zh");
    const sheet: SheetPatch = { name: "S", blocks: [summary, detail], charts: [] };
    fitSheet(sheet);
    expect(sheet.freeze).toEqual({ rows: 3, cols: 0 });
    expect(sheet.setup?.page?.printTitleRows).toEqual([headerRow(detail), headerRow(detail)]);
  });
});
