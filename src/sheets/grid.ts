/**
 * The shape in which both hosts hand a sheet to the engine.
 *
 * Excel's `Range.values` and the .xlsx reader agree on it: a cell is a string, a number, a
 * boolean or empty. Dates arrive as Excel serial numbers (1900 date system), exactly as
 * Office.js returns them, so the parsers never depend on which host read the sheet.
 */
export type CellValue = string | number | boolean | null;

export interface SheetGrid {
  /** Sheet name as shown on the tab. */
  name: string;
  /** Values of the used range, row-major. Rows may be ragged (short rows = trailing blanks). */
  rows: CellValue[][];
  /** 0-based sheet coordinates of rows[0][0] (the used range need not start at A1). */
  origin: { row: number; col: number };
  /** Hidden sheets are read but never chosen as a customer or sales sheet. */
  hidden?: boolean;
  /** A sheet of another file in a ledger of several: read only as sales lines (the result keeps the first file's sheets). */
  linesOnly?: boolean;
}

/** Every sheet of a workbook, in tab order. */
export interface WorkbookGrids {
  sheets: SheetGrid[];
  /**
   * Set by a host that could not tell the workbook's date system (Excel below ExcelApi 1.16):
   * dates were read as 1900-system serials and may be 1,462 days early (a 1904 workbook).
   */
  dateSystemUnknown?: boolean;
}

/** "A", "B", …, "Z", "AA", … for a 0-based column index. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column index of "A", "AB", … */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A1-style address of a 0-based (row, col) in sheet coordinates. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** Value at sheet coordinates (row, col) of a grid, or null outside it. */
export function cellAt(grid: SheetGrid, row: number, col: number): CellValue {
  const r = grid.rows[row - grid.origin.row];
  if (!r) return null;
  const v = r[col - grid.origin.col];
  return v === undefined ? null : v;
}
