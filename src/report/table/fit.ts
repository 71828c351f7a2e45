/**
 * Layout from content: every column of a TierPlan sheet is as wide as the widest text its
 * cells show (CJK counted double) so that no amount shows "###"; a header wider than its
 * column wraps, and its row gets the height the wrapped lines need; every sheet gets frozen
 * header rows, A4 fit-to-width printing with the header rows repeated, and an autofilter on
 * its first detail table that is not already an Excel table.
 */
import { FORMAT_CODES, type Block, type ColumnSpec, type SheetPatch, type WorkbookPatch, headerRow } from "../patch";
import { WidestText, bracketBreak, displayWidth, longestWord, wrappedLines } from "./text";

/** Points per line of text in the default 11 pt fonts (DengXian / Calibri line height ≈ 14.3 pt, CJK a little more). */
export const LINE_HEIGHT = 16;
/** Space around the text inside a cell, in characters. */
const PADDING = 2;
/** A header at most this wide widens its column rather than wrap. */
const SHORT_HEADER = 12;
/** Default ceiling for text columns (long notes and reasons wrap beyond it). */
const TEXT_MAX = 50;
/** Summed column width (characters) above which a sheet prints landscape. */
const LANDSCAPE_FROM = 110;
/**
 * A sheet wider than this (characters, charts excluded) prints over several A4 landscape pages
 * wide, PAGE_WIDTH each, with its identifying columns repeated on every page: fitted on one
 * page, a 12-model plan template (~570 characters) printed at about a quarter of its size.
 */
const SPLIT_FROM = 300;
const PAGE_WIDTH = 200;
/** Leading columns repeated on each page: at most this many, and at most this share of a page. */
const TITLE_COLUMNS_MAX = 5;
const TITLE_COLUMNS_SHARE = 0.4;
/** Freeze a block's header only when it starts this high on the sheet: a frozen pane taller than the screen hides the data. */
const FREEZE_MAX_ROWS = 12;

/** The widest text a column's data cells show. */
export function contentWidth(b: Block, i: number): number {
  const c = b.columns[i];
  const base = FORMAT_CODES[c.format ?? "general"];
  const widest = new WidestText();
  const cellFormats = b.cellFormats;
  for (let r = 0; r < b.rows.length; r++) {
    const v = b.rows[r][i];
    const own = cellFormats ? cellFormats[`${r}:${c.key}`] : undefined;
    widest.add(v, typeof v === "string" ? "@" : own ? FORMAT_CODES[own] : base);
  }
  return widest.result();
}

function isNumeric(c: ColumnSpec): boolean {
  return c.format !== undefined && c.format !== "text" && c.format !== "general";
}

/** Width a block column needs (characters), before the sheet takes the max over its blocks. */
export function columnNeed(b: Block, i: number): number {
  const c = b.columns[i];
  let content = contentWidth(b, i);
  if (!isNumeric(c)) content = Math.min(content, c.maxWidth ?? TEXT_MAX);
  const header = b.headerless ? 0 : displayWidth(c.header);
  let w = content;
  if (header <= Math.max(content, SHORT_HEADER)) w = Math.max(w, header);
  else {
    // A long header wraps over two lines at most, never breaking an English word, and
    // before its bracketed part when it has one (fitSheet writes that break).
    const parts = bracketBreak(c.header);
    w = parts ? Math.max(w, ...parts.map(displayWidth)) : Math.max(w, Math.ceil(header / 2), longestWord(c.header));
  }
  return Math.max(w + PADDING, c.width ?? 0, 4);
}

/** A header that does not fit its column's final width is broken before its bracketed part. */
function breakHeader(c: ColumnSpec): void {
  const parts = c.width !== undefined && displayWidth(c.header) > c.width - PADDING ? bracketBreak(c.header) : null;
  if (parts) c.header = parts.join("\n");
}

/** Lines a header needs at the final width of its column. */
export function headerLines(header: string, width: number): number {
  return wrappedLines(header, Math.max(1, Math.floor(width - PADDING + 1)));
}

function firstDetail(sheet: SheetPatch): Block | undefined {
  return sheet.blocks.find((b) => !b.headerless && b.rows.length > 0);
}

/** Size the columns and header rows of a sheet from its content and give it its print setup. */
export function fitSheet(sheet: SheetPatch): void {
  const widths = new Map<number, number>();
  for (const b of sheet.blocks) {
    if (b.headerless) continue;
    b.columns.forEach((_, i) => {
      const col = b.at.col + i;
      widths.set(col, Math.max(widths.get(col) ?? 0, columnNeed(b, i)));
    });
  }
  for (const [k, w] of Object.entries(sheet.columnWidths ?? {})) if (!widths.has(Number(k))) widths.set(Number(k), w);
  const columnWidths: Record<number, number> = {};
  for (const [c, w] of widths) columnWidths[c] = w;
  sheet.columnWidths = columnWidths;
  for (const b of sheet.blocks) b.columns.forEach((c, i) => widths.has(b.at.col + i) && (c.width = widths.get(b.at.col + i)));
  for (const b of sheet.blocks) if (!b.headerless) for (const c of b.columns) breakHeader(c);

  const heights: Record<number, number> = { ...(sheet.rowHeights ?? {}) };
  for (const b of sheet.blocks) {
    if (b.headerless) continue;
    const lines = Math.max(...b.columns.map((c, i) => headerLines(c.header, widths.get(b.at.col + i) ?? 8.43)));
    if (lines > 1) heights[headerRow(b)] = Math.max(heights[headerRow(b)] ?? 0, lines * LINE_HEIGHT);
  }
  if (Object.keys(heights).length) sheet.rowHeights = heights;

  const detail = firstDetail(sheet);
  const titleRows = detail && headerRow(detail) < FREEZE_MAX_ROWS ? headerRow(detail) + 1 : 0;
  if (!sheet.freeze || sheet.freeze.rows === 0) sheet.freeze = { rows: titleRows || 1, cols: sheet.freeze?.cols ?? 0 };
  const total = [...widths.values()].reduce((s, w) => s + w, 0) + chartWidth(sheet);
  const printTitleRows = printTitles(sheet);
  // Charts must print whole, so a sheet with charts stays one page wide.
  const pagesWide = total > SPLIT_FROM && sheet.charts.length === 0 ? Math.ceil(total / PAGE_WIDTH) : 1;
  const printTitleColumns = pagesWide > 1 ? titleColumns(sheet, widths) : undefined;
  sheet.setup = {
    page: {
      orientation: total > LANDSCAPE_FROM ? "landscape" : "portrait",
      ...(printTitleRows ? { printTitleRows } : {}),
      ...(pagesWide > 1 ? { pagesWide } : {}),
      ...(printTitleColumns ? { printTitleColumns } : {}),
    },
    ...(sheet.setup?.autoFilter ? { autoFilter: sheet.setup.autoFilter } : {}),
  };
}

/**
 * Rows repeated at the top of every printed page: the header of the table that runs over the
 * pages (the block with the most rows). When the frozen rows end with that header (the table
 * comes first, near the top), the frozen rows: titles and header. Otherwise (a summary first,
 * as 今日拨打清单's coverage above the call list) only the long table's header row, so that page
 * 2 shows the headers of the rows below them and not the summary's.
 */
function printTitles(sheet: SheetPatch): [number, number] | undefined {
  const long = longTable(sheet);
  if (!long) return sheet.freeze && sheet.freeze.rows > 0 ? [0, sheet.freeze.rows - 1] : undefined;
  const top = headerRow(long);
  return sheet.freeze?.rows === top + 1 ? [0, top] : [top, top];
}

/**
 * Columns repeated at the left of each page of a sheet printed over several pages wide: the
 * long table's leading columns up to its last text column among them (customer ID, name), so
 * that page 2's figures still say whose they are. None when the table does not start in column A.
 */
function titleColumns(sheet: SheetPatch, widths: Map<number, number>): [number, number] | undefined {
  const long = longTable(sheet);
  if (!long || long.at.col !== 0) return undefined;
  let last = -1;
  let width = 0;
  for (let i = 0; i < Math.min(TITLE_COLUMNS_MAX, long.columns.length); i++) {
    width += widths.get(i) ?? 0;
    if (width > PAGE_WIDTH * TITLE_COLUMNS_SHARE) break;
    // Up to the last text column (ID, name); a source row number or a date before it comes along.
    if (!isNumeric(long.columns[i])) last = i;
  }
  return last >= 0 ? [0, last] : undefined;
}

/** The table that runs over the pages: the block with the most rows. */
function longTable(sheet: SheetPatch): Block | undefined {
  let long: Block | undefined;
  for (const b of sheet.blocks) if (!b.headerless && b.rows.length > 0 && (!long || b.rows.length > long.rows.length)) long = b;
  return long;
}

/** Columns of charts right of the last table column (they print on the same page width). */
function chartWidth(sheet: SheetPatch): number {
  let right = 0;
  for (const b of sheet.blocks) right = Math.max(right, b.at.col + b.columns.length);
  let extra = 0;
  for (const ch of sheet.charts) extra = Math.max(extra, (ch.at.col + ch.size.cols - right) * 9);
  return Math.max(0, extra);
}

/** Every TierPlan sheet of a patch, after all analyses ran. */
export function fitPatch(patch: WorkbookPatch): void {
  for (const s of patch.sheets) if (s.visibility === undefined || s.visibility === "visible") fitSheet(s);
}
