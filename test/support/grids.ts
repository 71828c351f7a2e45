/**
 * Building workbook grids in tests, the way a host would deliver them: rows of cell values,
 * dates as Excel serial numbers.
 */
import { dayFromYmd } from "../../src/domain/calendar";
import type { CellValue, SheetGrid, WorkbookGrids } from "../../src/sheets/grid";

export function sheet(name: string, rows: CellValue[][], origin = { row: 0, col: 0 }): SheetGrid {
  return { name, rows, origin };
}

export function workbook(...sheets: SheetGrid[]): WorkbookGrids {
  return { sheets };
}

/** Excel serial of an ISO date, as Office.js would return a date cell. */
export function serial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return dayFromYmd(y, m, d);
}
