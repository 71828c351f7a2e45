/**
 * The Excel host and the 1904 date system, on the strict double: Workbook.use1904DateSystem
 * (ExcelApi 1.16) is asked in a sync that is made anyway; date-formatted numbers are read in the
 * 1900 system and TierPlan's dates are written in the workbook's own. Below 1.16 the system cannot
 * be known: the grids say so.
 */
import { applyPatch, readWorkbookGrids } from "../../../src/hosts/excel";
import type { SheetPatch } from "../../../src/report/patch";
import { createExcelDouble } from "../../excel-double";

const seed = () => ({
  sheets: [
    {
      name: "Sales",
      rows: [
        ["Date", "Qty"],
        [43890, 43890],
      ],
      numberFormats: [
        [null, null],
        ["yyyy-mm-dd", "General"],
      ],
    },
  ],
});

describe("Excel host: 1904 date system", () => {
  test("ExcelApi 1.16, a 1904 workbook: date cells move to the 1900 system, plain numbers stay", async () => {
    const d = createExcelDouble(seed(), { apiVersion: "1.16" });
    d.workbookState.date1904 = true;
    const stats = { syncs: 0 };
    const grids = await readWorkbookGrids(d.context, { isSetSupported: d.isSetSupported, stats });
    expect(grids.sheets[0].rows[1]).toEqual([45352, 43890]);
    expect(grids.dateSystemUnknown).toBeUndefined();
    expect(stats.syncs).toBe(3); // no extra round trip
  });

  test("ExcelApi 1.16, a 1900 workbook: nothing moves", async () => {
    const d = createExcelDouble(seed(), { apiVersion: "1.16" });
    const grids = await readWorkbookGrids(d.context, { isSetSupported: d.isSetSupported });
    expect(grids.sheets[0].rows[1]).toEqual([43890, 43890]);
    expect(grids.dateSystemUnknown).toBeUndefined();
  });

  test("below ExcelApi 1.16 the date system is reported as unknown", async () => {
    const d = createExcelDouble(seed());
    const grids = await readWorkbookGrids(d.context, { isSetSupported: d.isSetSupported });
    expect(grids.sheets[0].rows[1]).toEqual([43890, 43890]);
    expect(grids.dateSystemUnknown).toBe(true);
  });

  test("writing into a 1904 workbook: date-formatted values in its own system", async () => {
    const d = createExcelDouble(seed(), { apiVersion: "1.16" });
    d.workbookState.date1904 = true;
    const sheet: SheetPatch = {
      name: "Dates",
      blocks: [{ id: "d", at: { row: 0, col: 0 }, columns: [{ key: "when", header: "When", format: "date" }, { key: "n", header: "N", format: "integer" }], rows: [[45352, 45352]] }],
      charts: [],
    };
    await applyPatch(d.context, { schemaVersion: 1, sheets: [sheet], columns: [] }, { writtenAt: "2024-12-31T00:00:00Z", isSetSupported: d.isSetSupported });
    expect(d.sheet("Dates").cell("A2").value).toBe(43890);
    expect(d.sheet("Dates").cell("B2").value).toBe(45352);
  });
});
