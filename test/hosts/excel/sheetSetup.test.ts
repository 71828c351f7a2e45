/** The sheet setup (row heights, A4 fit-to-width with print titles, autofilter) written by the Excel host on the strict double. */
import { applyPatch } from "../../../src/hosts/excel";
import { emptyPatch } from "../../../src/report/patch";
import { createExcelDouble } from "../../excel-double";

test("ExcelApi 1.9: A4 one page wide, print titles, autofilter on the detail block, tall header row", async () => {
  const d = createExcelDouble({ sheets: [{ name: "S", rows: [[1]] }] }, { apiVersion: "1.9" });
  const p = emptyPatch();
  p.sheets.push({
    name: "T", charts: [], rowHeights: { 1: 32 }, freeze: { rows: 2, cols: 0 },
    blocks: [{ id: "lines", at: { row: 0, col: 0 }, title: "Lines", columns: [{ key: "a", header: "A long wrapped header" }, { key: "b", header: "B" }], rows: [[1, 2], [3, 4]] }],
    setup: { page: { orientation: "landscape", printTitleRows: [0, 1] }, autoFilter: "lines" },
  });
  await applyPatch(d.context, p, { writtenAt: "2025-01-01T00:00:00Z", isSetSupported: d.isSetSupported });
  const s = d.sheet("T");
  expect(s.pageLayout).toEqual({ paperSize: "A4", orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$1:$2" });
  expect(s.autoFilter).toBe("A2:B4");
  expect(s.rowHeights.get(1)).toBe(32);
});

test("ExcelApi 1.8: no page layout call (the double rejects one), the sheet is still written with its frozen header", async () => {
  const d = createExcelDouble({ sheets: [{ name: "S", rows: [[1]] }] }, { apiVersion: "1.8" });
  const p = emptyPatch();
  p.sheets.push({
    name: "T", charts: [], freeze: { rows: 2, cols: 0 },
    blocks: [{ id: "lines", at: { row: 0, col: 0 }, title: "Lines", columns: [{ key: "a", header: "A" }], rows: [[1], [3]] }],
    setup: { page: { orientation: "portrait", printTitleRows: [0, 1] } },
  });
  await applyPatch(d.context, p, { writtenAt: "2025-01-01T00:00:00Z", isSetSupported: d.isSetSupported });
  const s = d.sheet("T");
  expect(s.pageLayout).toEqual({});
  expect(s.freeze).toEqual({ rows: 2, cols: 0 });
});

test("ExcelApi 1.9: a sheet too wide for one page prints over pagesWide pages with its ID columns repeated", async () => {
  const d = createExcelDouble({ sheets: [{ name: "S", rows: [[1]] }] }, { apiVersion: "1.9" });
  const p = emptyPatch();
  p.sheets.push({
    name: "Wide", charts: [], freeze: { rows: 1, cols: 0 },
    blocks: [{ id: "lines", at: { row: 0, col: 0 }, columns: [{ key: "id", header: "ID" }, { key: "name", header: "Name" }, { key: "q", header: "Q" }], rows: [["C1", "Alpha", 3]] }],
    setup: { page: { orientation: "landscape", printTitleRows: [0, 0], pagesWide: 3, printTitleColumns: [0, 1] } },
  });
  await applyPatch(d.context, p, { writtenAt: "2025-01-01T00:00:00Z", isSetSupported: d.isSetSupported });
  expect(d.sheet("Wide").pageLayout).toEqual({
    paperSize: "A4", orientation: "Landscape", zoom: { horizontalFitToPages: 3, verticalFitToPages: 0 }, printTitleRows: "$1:$1", printTitleColumns: "$A:$B",
  });
});
