/**
 * The Excel double must be at least as strict as Excel where load/sync mistakes matter,
 * otherwise the host tests prove nothing. These tests pin that down.
 */
import { PAYLOAD_LIMIT, createExcelDouble } from "./index";

async function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error("expected a rejection");
}

function thrown(f: () => unknown): { code?: string; message: string } {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error("expected a throw");
}

describe("Excel double: load and sync", () => {
  test("reading a property that was not loaded and synced throws PropertyNotLoaded", async () => {
    const { context } = createExcelDouble({ sheets: [{ name: "Data", rows: [["a", 1]] }] });
    const ws = context.workbook.worksheets.getItem("Data");
    const range = ws.getRange("A1:B1");
    expect(thrown(() => range.values).code).toBe("PropertyNotLoaded");
    expect(thrown(() => ws.name).code).toBe("PropertyNotLoaded");
    expect(thrown(() => context.workbook.worksheets.items).code).toBe("PropertyNotLoaded");

    range.load("values");
    // Loaded but not synced yet: still not available.
    expect(thrown(() => range.values).code).toBe("PropertyNotLoaded");
    await context.sync();
    expect(range.values).toEqual([["a", 1]]);
    // Only what was loaded is available.
    expect(thrown(() => range.address).code).toBe("PropertyNotLoaded");
    // Setting a property does not make it readable (stricter than Office.js).
    range.numberFormat = [["@", "@"]];
    expect(thrown(() => range.numberFormat).code).toBe("PropertyNotLoaded");
  });

  test("isNullObject must be loaded too; OrNullObject gives null objects, getItem of a missing sheet rejects at sync", async () => {
    const { context } = createExcelDouble({ sheets: [{ name: "Data", rows: [] }] });
    const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
    expect(thrown(() => missing.isNullObject).code).toBe("PropertyNotLoaded");
    missing.load("name");
    const used = context.workbook.worksheets.getItem("Data").getUsedRangeOrNullObject(true);
    used.load("address");
    await context.sync();
    expect(missing.isNullObject).toBe(true);
    expect(used.isNullObject).toBe(true);

    const bad = context.workbook.worksheets.getItem("Nope");
    // Creating the proxy is free; using it fails the sync.
    bad.load("name");
    expect((await rejection(context.sync())).code).toBe("ItemNotFound");
  });

  test("commands run only at sync, in order, and a load after a write sees the write", async () => {
    const { context, stats, sheet } = createExcelDouble({ sheets: [{ name: "S" }] });
    const ws = context.workbook.worksheets.getItem("S");
    const r = ws.getRange("A1:B2");
    r.values = [[1, 2], [3, 4]];
    expect(sheet("S").cell("A1").value).toBe("");
    const back = ws.getRange("A1:B2").load("values");
    expect(stats.syncs).toBe(0);
    await context.sync();
    expect(stats.syncs).toBe(1);
    expect(back.values).toEqual([[1, 2], [3, 4]]);
    expect(sheet("S").cell("B2").value).toBe(4);
    await context.sync();
    expect(stats.syncs).toBe(2);
    expect(stats.records[1].commands).toBe(0);
  });

  test("collections load items with the requested properties", async () => {
    const { context } = createExcelDouble({ sheets: [{ name: "One" }, { name: "Two", visibility: "Hidden" }] });
    const sheets = context.workbook.worksheets.load("items/name,items/visibility");
    await context.sync();
    expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([["One", "Visible"], ["Two", "Hidden"]]);
    expect(thrown(() => sheets.items[0].tabColor).code).toBe("PropertyNotLoaded");
  });

  test("members the double does not implement throw at once", () => {
    const { context } = createExcelDouble();
    const ws = context.workbook.worksheets.getItem("Sheet1");
    expect(() => (ws as unknown as { getRanges: () => void }).getRanges()).toThrow(/not implemented by the double/);
    expect(() => {
      (ws.getRange("A1").format.font as unknown as { underline: string }).underline = "Single";
    }).toThrow(/not implemented by the double/);
  });
});

describe("Excel double: values, text and formulas", () => {
  test('"=..." becomes a formula unless the cell is formatted as text', async () => {
    const { context, sheet } = createExcelDouble({ sheets: [{ name: "S" }] });
    const ws = context.workbook.worksheets.getItem("S");
    ws.getRange("A1:D1").values = [['=HYPERLINK("x")', "-5", "00123", "+A1"]];
    const text = ws.getRange("A2:D2");
    text.numberFormat = [["@", "@", "@", "@"]];
    text.values = [['=HYPERLINK("x")', "-5", "00123", "+A1"]];
    await context.sync();
    const s = sheet("S");
    expect(s.cell("A1").formula).toBe('=HYPERLINK("x")');
    expect(s.cell("A1").value).toBe("");
    expect(s.cell("B1").value).toBe(-5);
    expect(s.cell("C1").value).toBe(123);
    expect(s.cell("D1").formula).toBe("=+A1");
    expect(s.cell("A2")).toMatchObject({ value: '=HYPERLINK("x")', numberFormat: "@" });
    expect(s.cell("A2").formula).toBeUndefined();
    expect(s.valuesOf("B2:C2")).toEqual([["-5", "00123"]]);
  });

  test("null leaves a cell unchanged, an empty string clears it; shapes must match", async () => {
    const { context, sheet } = createExcelDouble({ sheets: [{ name: "S", rows: [["keep", "drop"]] }] });
    const ws = context.workbook.worksheets.getItem("S");
    ws.getRange("A1:B1").values = [[null, ""]];
    await context.sync();
    expect(sheet("S").valuesOf("A1:B1")).toEqual([["keep", ""]]);
    ws.getRange("A1:B1").values = [[1]];
    expect((await rejection(context.sync())).code).toBe("InvalidArgument");
  });

  test("protected sheets refuse writes to locked cells but not to unlocked ones", async () => {
    const { context, sheet } = createExcelDouble({ sheets: [{ name: "S" }] });
    const ws = context.workbook.worksheets.getItem("S");
    ws.getRange("B1").format.protection.locked = false;
    ws.protection.protect();
    ws.getRange("B1").values = [[5]];
    await context.sync();
    expect(sheet("S").cell("B1").value).toBe(5);
    ws.getRange("A1").values = [[5]];
    expect((await rejection(context.sync())).code).toBe("AccessDenied");
  });
});

describe("Excel double: payload limits and requirement sets", () => {
  test("a request above 5 MB rejects with RequestPayloadSizeLimitExceeded and changes nothing", async () => {
    const { context, stats, sheet } = createExcelDouble({ sheets: [{ name: "S" }] });
    const rows = 100000;
    const big = Array.from({ length: rows }, (_, i) => [`customer name number ${i}`, i * 1.5, "a note of some length"]);
    context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, rows, 3).values = big;
    const err = await rejection(context.sync());
    expect(err.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(stats.records[0].requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(sheet("S").cell("A1").value).toBe("");
  });

  test("a response above 5 MB rejects with ResponsePayloadSizeLimitExceeded; a read above 5,000,000 cells with RangeExceedsLimit", async () => {
    const rows = Array.from({ length: 120000 }, (_, i) => [`customer name number ${i}`, `address line for ${i}`, i]);
    const { context, stats } = createExcelDouble({ sheets: [{ name: "S", rows }] });
    const ws = context.workbook.worksheets.getItem("S");
    const all = ws.getRange("A1:C120000").load("values");
    expect((await rejection(context.sync())).code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(stats.records[0].responseBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(() => all.values).toThrow(/not available/);

    ws.getRange("A1:E1000001").load("values");
    expect((await rejection(context.sync())).code).toBe("RangeExceedsLimit");
  });

  test("stats measure request and response bytes per sync", async () => {
    const { context, stats } = createExcelDouble({ sheets: [{ name: "S" }] });
    const ws = context.workbook.worksheets.getItem("S");
    ws.getRange("A1:A2").values = [["x".repeat(1000)], [1]];
    await context.sync();
    ws.getRange("A1:A2").load("values");
    await context.sync();
    expect(stats.records[0].requestBytes).toBeGreaterThan(1000);
    expect(stats.records[0].responseBytes).toBeLessThan(100);
    expect(stats.records[1].responseBytes).toBeGreaterThan(1000);
    expect(stats.totalRequestBytes).toBe(stats.records[0].requestBytes + stats.records[1].requestBytes);
  });

  test("APIs newer than the host's requirement set reject; Funnel needs ExcelApi 1.9", async () => {
    const old = createExcelDouble({ sheets: [{ name: "S", rows: [[1], [2]] }] }, { apiVersion: "1.5" });
    old.context.workbook.worksheets.getItem("S").tabColor = "#FF0000";
    expect((await rejection(old.context.sync())).code).toBe("ApiNotFound");
    expect(old.isSetSupported("ExcelApi", "1.4")).toBe(true);
    expect(old.isSetSupported("ExcelApi", "1.6")).toBe(false);

    const d18 = createExcelDouble({ sheets: [{ name: "S", rows: [[1], [2]] }] });
    const ws18 = d18.context.workbook.worksheets.getItem("S");
    ws18.charts.add("Funnel", ws18.getRange("A1:A2"), "Columns");
    expect((await rejection(d18.context.sync())).code).toBe("InvalidArgument");

    const d19 = createExcelDouble({ sheets: [{ name: "S", rows: [[1], [2]] }] }, { apiVersion: "1.9" });
    const ws19 = d19.context.workbook.worksheets.getItem("S");
    ws19.charts.add("Funnel", ws19.getRange("A1:A2"), "Columns");
    await d19.context.sync();
    expect(d19.sheet("S").charts[0].chartType).toBe("Funnel");
  });

  test("the secondary axis exists only once a series is plotted on it", async () => {
    const { context, sheet } = createExcelDouble({ sheets: [{ name: "S", rows: [[1, 0.5], [2, 1]] }] });
    const ws = context.workbook.worksheets.getItem("S");
    const chart = ws.charts.add("ColumnClustered", ws.getRange("A1:A2"), "Columns");
    chart.axes.getItem("Value", "Secondary").maximum = 1;
    expect((await rejection(context.sync())).code).toBe("ItemNotFound");
    const c2 = ws.charts.add("ColumnClustered", ws.getRange("A1:A2"), "Columns");
    const line = c2.series.add("Share");
    line.setValues(ws.getRange("B1:B2"));
    line.axisGroup = "Secondary";
    c2.axes.getItem("Value", "Secondary").maximum = 1;
    await context.sync();
    const rec = sheet("S").charts[sheet("S").charts.length - 1];
    expect(rec.series.map((s) => [s.values, s.axisGroup])).toEqual([["S!A1:A2", "Primary"], ["S!B1:B2", "Secondary"]]);
    expect(rec.axes).toEqual([{ type: "Value", group: "Secondary", maximum: 1 }]);
  });
});
