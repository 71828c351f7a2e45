/**
 * Columns TierPlan owns beside a user's table (ColumnsPatch), placed where
 * `planPlacement` says: to the right of the user's data by construction, or where TierPlan's
 * own columns were last time. The header goes in the user's header row, the values in ONE
 * 2-D array spanning the listed rows (blank for rows not listed), cut into chunks only when
 * it would not fit in a request.
 */
import { HEADER_STYLE } from "../../report/layout";
import type { CellRect } from "../../report/layout";
import type { CellStyle, ColumnsPatch, PatchValue } from "../../report/patch";
import { FORMAT_CODES } from "../../report/patch";
import type { ColumnPlacement } from "../../report/ownership";
import { OP_BYTES } from "./chunks";
import type { Pace } from "./pace";
import { writeRect } from "./cells";
import { SheetEnv, queueColumnWidths, queueValueColour } from "./sheets";

/** Excel's last row (0-based). */
const LAST_ROW = 1048575;

/** Rows laid out between two looks at the clock (pace.ts). */
const LAYOUT_ROWS = 2048;

/**
 * The header line and the data rectangle of a ColumnsPatch at its placement. The data rows
 * (50,000 at 50,000 customers) are laid out in slices of the pane's time.
 */
async function layoutColumns(cp: ColumnsPatch, at: ColumnPlacement, pace: Pace): Promise<{ header: CellRect; data: CellRect | null }> {
  const header: CellRect = {
    top: at.headerRow,
    left: at.firstCol,
    values: [cp.columns.map((c) => c.header)],
    formats: [cp.columns.map(() => "@")],
    styles: [cp.columns.map(() => HEADER_STYLE)],
  };
  // Never write at or above the user's header row.
  let top = Infinity;
  let bottom = -1;
  for (const row of cp.rows) {
    if (row <= at.headerRow) continue;
    if (row < top) top = row;
    if (row > bottom) bottom = row;
  }
  if (bottom < 0) return { header, data: null };
  const height = bottom - top + 1;
  const width = cp.columns.length;
  const codes = cp.columns.map((c) => FORMAT_CODES[c.format ?? "general"]);
  const values: PatchValue[][] = new Array(height);
  const formats: string[][] = new Array(height);
  const styles: (CellStyle | undefined)[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    if (r % LAYOUT_ROWS === 0 && pace.due()) await pace.breathe();
    values[r] = new Array(width).fill(null);
    formats[r] = codes.slice();
    styles[r] = new Array(width).fill(undefined);
  }
  for (let k = 0; k < cp.rows.length; k++) {
    if (k % LAYOUT_ROWS === 0 && pace.due()) await pace.breathe();
    if (cp.rows[k] <= at.headerRow) continue;
    const r = cp.rows[k] - top;
    for (let j = 0; j < width; j++) {
      const c = cp.columns[j];
      const v = c.values[k] ?? null;
      values[r][j] = v;
      // Same rule as layoutBlock: a string is text, whatever the column's format.
      formats[r][j] = typeof v === "string" ? "@" : codes[j];
      styles[r][j] = c.style;
    }
  }
  return { header, data: { top, left: at.firstCol, values, formats, styles } };
}

/**
 * Clear a previously owned column range (values, formats, conditional formats) from its header
 * row down, and give its columns `width` back (the width of a column nobody set), if known.
 */
export async function queueClearColumns(env: SheetEnv, sheet: Excel.Worksheet, at: ColumnPlacement, width?: number): Promise<void> {
  if (at.count <= 0) return;
  await env.batcher.reserve(OP_BYTES * 3);
  const range = sheet.getRangeByIndexes(at.headerRow, at.firstCol, LAST_ROW - at.headerRow + 1, at.count);
  range.clear("All");
  if (env.isSet("ExcelApi", "1.6")) range.conditionalFormats.clearAll();
  if (width !== undefined) range.format.columnWidth = width;
  range.untrack();
}

export async function writeColumns(env: SheetEnv, sheet: Excel.Worksheet, cp: ColumnsPatch, at: ColumnPlacement): Promise<void> {
  if (cp.columns.length === 0) return;
  const { header, data } = await layoutColumns(cp, at, env.batcher.pace);
  await writeRect(env.batcher, sheet, header);
  if (data) {
    await writeRect(env.batcher, sheet, data);
    for (const vc of cp.colours ?? []) {
      const j = cp.columns.findIndex((c) => c.key === vc.column);
      if (j >= 0) await queueValueColour(env, sheet, at.firstCol + j, data.top, data.values.length, vc);
    }
  }
  const widths = new Map<number, number>();
  cp.columns.forEach((c, j) => c.width !== undefined && widths.set(at.firstCol + j, c.width));
  await queueColumnWidths(env, sheet, widths);
}
