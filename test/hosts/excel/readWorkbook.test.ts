/**
 * readWorkbookGrids on the strict Excel double: grids exactly as src/sheets/grid.ts describes,
 * no unloaded property ever read (the double throws), responses kept under 5 MB.
 */
import { readWorkbookGrids } from "../../../src/hosts/excel";
import { cellAt } from "../../../src/sheets/grid";
import { createExcelDouble } from "../../excel-double";
import { INJECTION, userSheets } from "./fixtures";

describe("readWorkbookGrids", () => {
  test("every sheet in tab order, origin from the used range, null for empty cells, hidden flagged", async () => {
    const d = createExcelDouble({ sheets: [...userSheets(), { name: "Empty" }] });
    const stats = { syncs: 0 };
    const grids = await readWorkbookGrids(d.context, { stats });
    expect(grids.sheets.map((s) => s.name)).toEqual(["Customers", "Notes", "Archive", "Empty"]);
    const [customers, notes, archive, empty] = grids.sheets;

    expect(customers.origin).toEqual({ row: 0, col: 0 });
    expect(customers.rows).toHaveLength(6);
    expect(customers.rows[1]).toEqual(["C001", INJECTION, "North", 500]);
    expect(customers.hidden).toBeUndefined();

    // Used range B3:C5; dates are serial numbers; an empty cell is null.
    expect(notes.origin).toEqual({ row: 2, col: 1 });
    expect(notes.rows).toEqual([
      ["Note", "Date"],
      ["call back", 45306],
      [true, null],
    ]);
    expect(cellAt(notes, 3, 2)).toBe(45306);

    expect(archive).toMatchObject({ hidden: true, rows: [["old"]] });
    expect(empty).toEqual({ name: "Empty", rows: [], origin: { row: 0, col: 0 } });

    // Sheet list, used ranges, values.
    expect(stats.syncs).toBe(3);
    expect(d.stats.syncs).toBe(3);
    expect(d.stats.failedSyncs).toBe(0);
  });

  test("an empty workbook sheet and a sheet whose data does not start at A1", async () => {
    const d = createExcelDouble({ sheets: [{ name: "Far", origin: { row: 99, col: 27 }, rows: [[1, null, "x"]] }] });
    const grids = await readWorkbookGrids(d.context);
    expect(grids.sheets[0]).toEqual({ name: "Far", origin: { row: 99, col: 27 }, rows: [[1, null, "x"]] });
  });

  test("quoted sheet names in addresses", async () => {
    const d = createExcelDouble({ sheets: [{ name: "客户 list's", origin: { row: 1, col: 1 }, rows: [["名称"], ["张三"]] }] });
    const grids = await readWorkbookGrids(d.context);
    expect(grids.sheets[0]).toMatchObject({ name: "客户 list's", origin: { row: 1, col: 1 }, rows: [["名称"], ["张三"]] });
  });

  test("text denser than estimated: a refused batch is retried with smaller blocks", async () => {
    const long = "长".repeat(150);
    const rows = Array.from({ length: 30000 }, (_, i) => [`${long}${i}`, i]);
    const d = createExcelDouble({ sheets: [{ name: "Dense", rows }] });
    const grids = await readWorkbookGrids(d.context);
    expect(grids.sheets[0].rows).toHaveLength(30000);
    expect(grids.sheets[0].rows[29999]).toEqual([`${long}29999`, 29999]);
    expect(d.stats.failedSyncs).toBeGreaterThan(0);
    for (const r of d.stats.records.filter((x) => x.ok)) expect(r.responseBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  });
});
