/**
 * A1 addresses as Office.js returns them ("Sheet1!B3:D10", "'My data'!$A$1"), reduced to
 * 0-based sheet coordinates.
 */
import { columnIndex } from "../../sheets/grid";

export interface RangeBox {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Parse the cell part of an address (after the last "!"). Throws on anything but cell references. */
export function parseRangeAddress(address: string): RangeBox {
  const body = address.slice(address.lastIndexOf("!") + 1);
  const [a, b = a] = body.split(":");
  const m1 = a.match(CELL);
  const m2 = b.match(CELL);
  if (!m1 || !m2) throw new Error(`Unexpected range address from Excel: ${address}`);
  const r0 = Number(m1[2]) - 1;
  const r1 = Number(m2[2]) - 1;
  const c0 = columnIndex(m1[1]);
  const c1 = columnIndex(m2[1]);
  return { row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
}
