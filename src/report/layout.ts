/**
 * Lays a Block out as a rectangle of cells: values, Excel number-format codes and styles.
 * Both hosts write these rectangles, so they agree cell for cell on what a block looks like.
 */
import { Block, CellStyle, FORMAT_CODES, PatchValue, headerRow } from "./patch";

export const HEADER_STYLE: CellStyle = { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF", align: "center", wrap: true, border: true };
export const TITLE_STYLE: CellStyle = { bold: true, fontSize: 13, fontColor: "#1F4E79" };

export interface CellRect {
  top: number;
  left: number;
  values: PatchValue[][];
  /** Excel number-format code per cell. */
  formats: string[][];
  styles: (CellStyle | undefined)[][];
}

/** True for a string Excel would turn into a formula or a number sign if typed. */
export function looksLikeFormula(s: string): boolean {
  return s.length > 0 && (s[0] === "=" || s[0] === "+" || s[0] === "-" || s[0] === "@");
}

function merge(a: CellStyle | undefined, b: CellStyle | undefined): CellStyle | undefined {
  if (!a) return b;
  if (!b) return a;
  return { ...a, ...b };
}

/** The header + data rows of a block (without the title line). */
export function layoutBlock(b: Block): CellRect {
  const rect = blockHeaderRect(b);
  layoutBlockRows(b, rect, 0, b.rows.length);
  return rect;
}

/** A block's rectangle with its header line only: layoutBlockRows adds the data rows. */
export function blockHeaderRect(b: Block): CellRect {
  return {
    top: headerRow(b),
    left: b.at.col,
    values: b.headerless ? [] : [b.columns.map((c) => c.header)],
    formats: b.headerless ? [] : [b.columns.map(() => "@")],
    styles: b.headerless ? [] : [b.columns.map(() => HEADER_STYLE)],
  };
}

/**
 * Lays out the data rows from..to-1 of a block at the end of `rect` (rows in order: the Excel
 * host lays a 50,000-row block out a slice of the pane's time at a time).
 */
export function layoutBlockRows(b: Block, rect: CellRect, from: number, to: number): void {
  const width = b.columns.length;
  const colFormats = b.columns.map((c) => FORMAT_CODES[c.format ?? "general"]);
  for (let r = from; r < to; r++) {
    const src = b.rows[r];
    const vals: PatchValue[] = new Array(width);
    const fmts: string[] = new Array(width);
    const sts: (CellStyle | undefined)[] = new Array(width);
    const rowStyle = b.rowStyles?.[r];
    for (let c = 0; c < width; c++) {
      const v = src[c] === undefined ? null : src[c];
      vals[c] = v;
      // A string cell is always written as text, whatever the column's format: this is
      // what keeps "=HYPERLINK(…)" a name and "-5%" a label.
      const own = b.cellFormats?.[`${r}:${b.columns[c].key}`];
      fmts[c] = typeof v === "string" ? "@" : own ? FORMAT_CODES[own] : colFormats[c];
      let st = merge(b.columns[c].style, rowStyle);
      st = merge(st, b.cellStyles?.[`${r}:${b.columns[c].key}`]);
      sts[c] = st;
    }
    rect.values.push(vals);
    rect.formats.push(fmts);
    rect.styles.push(sts);
  }
}

/** The title line of a block, if any, as a 1×1 rectangle. */
export function layoutTitle(b: Block): CellRect | null {
  if (!b.title) return null;
  return { top: b.at.row, left: b.at.col, values: [[b.title]], formats: [["@"]], styles: [[TITLE_STYLE]] };
}
