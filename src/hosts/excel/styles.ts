/**
 * Cell styles → few Office.js calls: a matrix of styles is cut into rectangles of identical
 * style (runs down each column, then runs of equal rows merged across neighbouring columns),
 * and each rectangle gets one property assignment per style attribute.
 */
import type { CellStyle } from "../../report/patch";
import { OP_BYTES } from "./chunks";

export interface StyleRun {
  /** Offsets inside the matrix. */
  top: number;
  left: number;
  rows: number;
  cols: number;
  style: CellStyle;
}

const keyCache = new WeakMap<CellStyle, string>();

/** Stable key of a style; "" for no style at all. */
function styleKey(s: CellStyle | undefined): string {
  if (!s) return "";
  let key = keyCache.get(s);
  if (key === undefined) {
    const parts: string[] = [];
    for (const k of Object.keys(s).sort()) {
      const v = (s as Record<string, unknown>)[k];
      if (v !== undefined) parts.push(`${k}=${String(v)}`);
    }
    key = parts.join(";");
    keyCache.set(s, key);
  }
  return key;
}

/** Rectangles of identical, non-empty style covering a style matrix. */
export function styleRuns(styles: readonly (readonly (CellStyle | undefined)[])[]): StyleRun[] {
  const height = styles.length;
  let width = 0;
  for (const row of styles) if (row.length > width) width = row.length;
  const out: StyleRun[] = [];
  // Runs that can still grow to the right, by "top:rows:key".
  let open = new Map<string, StyleRun>();
  for (let c = 0; c < width; c++) {
    const next = new Map<string, StyleRun>();
    let r = 0;
    while (r < height) {
      const s = styles[r][c];
      const key = styleKey(s);
      let end = r + 1;
      while (end < height && styleKey(styles[end][c]) === key) end++;
      if (key !== "") {
        const id = `${r}:${end - r}:${key}`;
        const prev = open.get(id);
        if (prev && prev.left + prev.cols === c) {
          prev.cols++;
          next.set(id, prev);
        } else {
          const run: StyleRun = { top: r, left: c, rows: end - r, cols: 1, style: s! };
          out.push(run);
          next.set(id, run);
        }
      }
      r = end;
    }
    open = next;
  }
  return out;
}

const ALIGN: Record<NonNullable<CellStyle["align"]>, "Left" | "Center" | "Right"> = { left: "Left", center: "Center", right: "Right" };

/** Number of property assignments `applyStyle` makes, for payload estimates. */
function styleOps(s: CellStyle, rows: number, cols: number): number {
  let n = 0;
  for (const k of ["bold", "italic", "fontColor", "fontSize", "fill", "align", "wrap", "locked"] as const) if (s[k] !== undefined) n++;
  if (s.border) n += 4 + (rows > 1 ? 1 : 0) + (cols > 1 ? 1 : 0);
  return n;
}

export function styleBytes(s: CellStyle, rows: number, cols: number): number {
  return styleOps(s, rows, cols) * OP_BYTES;
}

/** Queue the property assignments of one style on one range. */
export function applyStyle(range: Excel.Range, s: CellStyle, rows: number, cols: number): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.fontColor !== undefined) f.font.color = s.fontColor;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  if (s.fill !== undefined) f.fill.color = s.fill;
  if (s.align !== undefined) f.horizontalAlignment = ALIGN[s.align];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  // Excel locks every cell by default; only input cells are unlocked (they stay editable once the sheet is protected).
  if (s.locked !== undefined) f.protection.locked = s.locked;
  if (s.border) {
    const edges = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    if (rows > 1) edges.push("InsideHorizontal");
    if (cols > 1) edges.push("InsideVertical");
    for (const e of edges) f.borders.getItem(e as Excel.BorderIndex).style = "Continuous";
  }
}
