/**
 * The cells TierPlan writes into one worksheet, kept as the laid-out rectangles themselves
 * (report/layout.ts) and written as XML bytes row by row, in sheet order, straight into a
 * ByteSink.
 *
 * Why no cell objects: the bench's result has ~1.4 million such cells (50,000 customers × 16
 * tier columns, the 50,000-line call list…). The writer before this file made one XML string
 * per cell in a Map of Maps and then joined them; that, with the GC it caused, was ~1.5 s of
 * applyPatchToXlsx's 5.5 s (500,000-line bench, docs/PERFORMANCE.md). Here a cell costs its
 * style index in an Int32Array; its XML exists only as bytes in the output buffer. Blocks are
 * laid out CHUNK rows at a time to register styles and measure, and their values are read
 * again chunk by chunk to write: the layout's three arrays per row then die young instead of
 * being promoted and copied by the GC while the whole sheet waits to be written (scavenges in
 * the writer: 187 ms with whole-sheet layouts, 86 ms chunked, on the bench).
 *
 * Meaning is that of the previous CellGrid: rectangles are written in the order they were
 * added and a later cell wins over an earlier one at the same address (also when it is empty);
 * an empty cell is written only when it has a style; strings are always inline strings, so a
 * text that starts with "=" stays text; formulas exist only as FormulaValue.
 */
import { cellAddress, columnLetter } from "../../sheets/grid";
import { HEADER_STYLE, layoutBlock, type CellRect } from "../../report/layout";
import { FORMAT_CODES, headerRow, type Block, type CellStyle, type PatchValue } from "../../report/patch";
import { asciiBytes, putTemplate, template, type ByteSink, type Template } from "./byteSink";
import type { StyleBook } from "./styles";
import { escapeXml } from "./xml";

/** True if the value makes a cell on its own (without a style). */
function hasValue(v: PatchValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v !== "";
  if (typeof v === "number") return Number.isFinite(v);
  return true;
}

/** True if a FormulaValue lacks a cached result (then the workbook must recalculate on load). */
function formulaWithoutResult(v: PatchValue | undefined): boolean {
  return v !== null && typeof v === "object" && (v.result === undefined || (typeof v.result === "number" && !Number.isFinite(v.result)));
}

/** Copy `src` into `buf` at p (room already ensured); returns the new position. */
function put(buf: Uint8Array, p: number, src: Uint8Array): number {
  for (let k = 0; k < src.length; k++) buf[p++] = src[k];
  return p;
}

/** Room to reserve per cell in the output buffer (the bench's tier cells average ~51 bytes). */
export const BYTES_PER_CELL = 64;

/** Kinds of cell (templates of CellXmlWriter). */
const KIND_EMPTY = 0;
const KIND_STRING = 1;
const KIND_NUMBER = 2;
const KIND_BOOL = 3;
const KIND_FORMULA = 4;
const KINDS = 5;

const PRESERVE = asciiBytes(' xml:space="preserve"');

/**
 * Cell XML in bytes for one namespace prefix ("" or "x:"). Keeps the byte forms of column
 * letters and style attributes it has seen, and the current row's number.
 */
export class CellXmlWriter {
  private readonly P: string;
  private readonly inlineClose: Template;
  private readonly vClose: Template;
  private readonly fOpen: Uint8Array;
  private readonly strFOpen: Uint8Array;
  private readonly fClose: Uint8Array;
  private readonly fCloseV: Uint8Array;
  private readonly rowOpen: Uint8Array;
  private readonly rowClose: Uint8Array;
  /** `<c r="` and the column's letters, by column. */
  private readonly heads: Template[] = [];
  /** What follows the row number, by style index × kind (see KIND_*). */
  private readonly mids: Template[] = [];
  private readonly rowDigits = new Uint8Array(16);
  private rowLen = 0;

  /** Set by CellPlan from its StyleBook: numbers with these styles move by dateShift days (1904 workbooks). */
  dateXfs: Set<number> | null = null;
  dateShift = 0;

  constructor(readonly prefix: string) {
    const P = (this.P = prefix);
    this.inlineClose = template(`</${P}t></${P}is></${P}c>`);
    this.vClose = template(`</${P}v></${P}c>`);
    this.fOpen = asciiBytes(`><${P}f>`);
    this.strFOpen = asciiBytes(` t="str"><${P}f>`);
    this.fClose = asciiBytes(`</${P}f></${P}c>`);
    this.fCloseV = asciiBytes(`</${P}f><${P}v>`);
    this.rowOpen = asciiBytes(`<${P}row r="`);
    this.rowClose = asciiBytes(`</${P}row>`);
  }

  /** The row (0-based) of the cells written next. */
  setRow(row: number): void {
    let n = row + 1;
    let len = 0;
    const d = this.rowDigits;
    do {
      d[15 - len++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    this.rowLen = len;
  }

  /** `<row r="…">` for the current row; `height` in points for a row taller than the default. */
  openRow(sink: ByteSink, height?: number): void {
    sink.raw(this.rowOpen);
    sink.slice(this.rowDigits, 16 - this.rowLen, 16);
    sink.ascii(height ? `" ht="${height}" customHeight="1">` : '">');
  }

  closeRow(sink: ByteSink): void {
    sink.raw(this.rowClose);
  }

  private head(col: number): Template {
    let b = this.heads[col];
    if (!b) b = this.heads[col] = template(`<${this.P}c r="${columnLetter(col)}`);
    return b;
  }

  private mid(xf: number, kind: number): Template {
    const k = xf * KINDS + kind;
    let b = this.mids[k];
    if (!b) {
      const P = this.P;
      const s = xf ? `" s="${xf}"` : '"';
      const rest = [`/>`, ` t="inlineStr"><${P}is><${P}t>`, `><${P}v>`, ` t="b"><${P}v>`, ""][kind];
      b = this.mids[k] = template(s + rest);
    }
    return b;
  }

  /**
   * One cell of the current row; returns false (and writes nothing) for an empty unstyled cell.
   * Written from byte templates per column and per style and kind: a cell is three copies, its
   * row number and its value (measured on 800,000 tier cells: 72 ns a cell, 95 ns when each
   * fragment was copied on its own byte by byte).
   */
  cell(sink: ByteSink, col: number, v: PatchValue | undefined, xf: number): boolean {
    const filled = hasValue(v);
    if (!filled && !xf) return false;
    const kind = !filled ? KIND_EMPTY : typeof v === "string" ? KIND_STRING : typeof v === "number" ? KIND_NUMBER : typeof v === "boolean" ? KIND_BOOL : KIND_FORMULA;
    const head = this.head(col);
    const mid = this.mid(xf, kind);
    // Everything but the value in one go (the longest fixed tail is the inline string's).
    sink.ensure(head.bytes.length + mid.bytes.length + 48);
    const buf = sink.buf;
    let p = putTemplate(sink, sink.len, head);
    const d = this.rowDigits;
    for (let k = 16 - this.rowLen; k < 16; k++) buf[p++] = d[k];
    p = putTemplate(sink, p, mid);
    if (kind === KIND_EMPTY) {
      sink.len = p;
      return true;
    }
    if (kind === KIND_STRING) {
      const s = v as string;
      sink.len = p;
      sink.cellText(s);
      const end = sink.len;
      const c0 = s.charCodeAt(0);
      const c1 = s.charCodeAt(s.length - 1);
      if (sink.sawBreak || c0 === 32 || c0 === 9 || c0 === 10 || c0 === 13 || c1 === 32 || c1 === 9 || c1 === 10 || c1 === 13) {
        // Leading or trailing white space, or a line break or tab inside: xml:space="preserve"
        // (rare: moved in after the fact instead of scanning every text twice).
        sink.ensure(PRESERVE.length);
        const b2 = sink.buf;
        b2.copyWithin(p - 1 + PRESERVE.length, p - 1, end);
        put(b2, p - 1, PRESERVE);
        sink.len = end + PRESERVE.length;
      }
      sink.ensure(this.inlineClose.bytes.length);
      sink.len = putTemplate(sink, sink.len, this.inlineClose);
    } else if (kind === KIND_NUMBER) {
      sink.len = p;
      sink.number(this.dateShift !== 0 && this.dateXfs!.has(xf) ? (v as number) + this.dateShift : (v as number));
      sink.ensure(this.vClose.bytes.length);
      sink.len = putTemplate(sink, sink.len, this.vClose);
    } else if (kind === KIND_BOOL) {
      buf[p++] = v ? 49 : 48;
      sink.len = putTemplate(sink, p, this.vClose);
    } else {
      sink.len = p;
      const fv = v as Exclude<PatchValue, string | number | boolean | null>;
      const f = escapeXml(fv.formula.replace(/^=/, ""));
      if (typeof fv.result === "number" && Number.isFinite(fv.result)) {
        sink.raw(this.fOpen);
        sink.utf8(f);
        sink.raw(this.fCloseV);
        sink.number(fv.result);
        sink.raw(this.vClose.bytes);
      } else if (typeof fv.result === "string") {
        sink.raw(this.strFOpen);
        sink.utf8(f);
        sink.raw(this.fCloseV);
        sink.cellText(fv.result);
        sink.raw(this.vClose.bytes);
      } else {
        sink.raw(this.fOpen);
        sink.utf8(f);
        sink.raw(this.fClose);
      }
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Sources of cells

/** Rows of cells laid out on demand. */
export interface RectSource {
  /** Number of rows. */
  readonly height: number;
  readonly left: number;
  /** Sheet row (0-based) of row i. */
  row(i: number): number;
  /** Rows from..to-1 laid out; `values[k]` is row from + k. */
  layout(from: number, to: number): CellRect;
  /**
   * Just the values of rows from..to-1 (what layout(from, to).values holds; a row may be
   * shorter, missing cells read as undefined = empty). Writing needs only these: formats and
   * styles were turned into style indexes when the rows were added.
   */
  values?(from: number, to: number): PatchValue[][];
  /**
   * Set when all data rows are laid out alike (a block without row or cell overrides): a data
   * cell's format is "@" for a string, else formats[j], its style styles[j]; the first `head`
   * rows are the header ("@", headerStyle). add() then reads values() only and skips layout()
   * (the bench's tier columns and call list: ~60 ms less). Tests compare it with layout().
   */
  uniform?: { head: number; formats: string[]; styles: (CellStyle | undefined)[]; headerStyle: CellStyle };
}

/** Rows laid out per call of RectSource.layout (small enough to die in the young generation). */
const CHUNK = 512;

/** An already laid-out rectangle; `rowAt(i)` maps its row i to a sheet row (default top + i). */
export function rectSource(rc: CellRect, rowAt?: (i: number) => number): RectSource {
  return {
    height: rc.values.length,
    left: rc.left,
    row: (i) => (rowAt ? rowAt(i) : rc.top + i),
    layout: (from, to) =>
      from === 0 && to === rc.values.length
        ? rc
        : { top: rc.top + from, left: rc.left, values: rc.values.slice(from, to), formats: rc.formats.slice(from, to), styles: rc.styles.slice(from, to) },
  };
}

/**
 * A block's header and data rows (not its title) as layoutBlock lays them out, a chunk at a
 * time. `data` supplies the data rows when the block does not hold them (a ColumnsPatch keeps
 * its values by column); `rowAt(i)` maps row i (0 = the header) to a sheet row.
 */
export function blockSource(b: Block, rowAt?: (i: number) => number, data?: { count: number; rows(from: number, to: number): PatchValue[][] }): RectSource {
  const head = b.headerless ? 0 : 1;
  const count = data ? data.count : b.rows.length;
  const rowsOf = data ? data.rows : (from: number, to: number) => b.rows.slice(from, to);
  const top = headerRow(b);
  let whole: RectSource | null = null;
  return {
    height: head + count,
    left: b.at.col,
    row: (i) => (rowAt ? rowAt(i) : top + i),
    layout(from, to) {
      if (b.cellFormats || b.cellStyles) {
        // Overrides keyed by row index (small templates only): lay the block out once.
        whole ??= rectSource(layoutBlock(data ? { ...b, rows: rowsOf(0, count) } : b));
        return whole.layout(from, to);
      }
      const a = Math.max(0, from - head);
      const z = to - head;
      let rowStyles: Record<number, CellStyle> | undefined;
      if (b.rowStyles) {
        rowStyles = {};
        for (const k of Object.keys(b.rowStyles)) {
          const r = Number(k);
          if (r >= a && r < z) rowStyles[r - a] = b.rowStyles[r];
        }
      }
      return layoutBlock({ ...b, headerless: !(head && from === 0), rows: rowsOf(a, Math.max(a, z)), rowStyles });
    },
    values(from, to) {
      // layoutBlock's values: the header texts, then the rows as they are (undefined = empty).
      const rows = rowsOf(Math.max(0, from - head), Math.max(0, to - head));
      if (head && from === 0) rows.unshift(b.columns.map((c) => c.header));
      return rows;
    },
    // As layoutBlock lays out a row without rowStyles, cellStyles and cellFormats.
    uniform:
      b.rowStyles || b.cellFormats || b.cellStyles
        ? undefined
        : { head, formats: b.columns.map((c) => FORMAT_CODES[c.format ?? "general"]), styles: b.columns.map((c) => c.style), headerStyle: HEADER_STYLE },
  };
}

// ---------------------------------------------------------------------------------------------
// The plan

/** The cells of one sheet row (see CellPlan.collect): parallel arrays, `n` entries, by column. */
export interface RowCells {
  n: number;
  cols: Int32Array;
  /** Rectangle index and row in it, per cell. */
  rect: Int32Array;
  i: Int32Array;
}

interface Placed {
  src: RectSource;
  /** Sheet row of each row. */
  rows: Int32Array;
  /** Style index of each cell (row-major, `width` per row). */
  xf: Int32Array;
  width: number;
  /** Columns (in the rectangle) of the first and last cell written per row; -1 when none. */
  lo: Int32Array;
  hi: Int32Array;
  /** The values of the rows read last (writing goes down the rows: each chunk is read once more). */
  cache: PatchValue[][] | null;
  cacheFrom: number;
}

/** How the rectangles of one sheet row combine. */
const SINGLE = 0;
const SIDE_BY_SIDE = 1;
const MERGED = 2;

/** A cell of a row several rectangles write (merged in column order, later ones winning). */
interface MergedCell {
  col: number;
  v: PatchValue;
  xf: number;
}

/** Collects rectangles of cells for one sheet and writes them in row and column order. */
export class CellPlan {
  private readonly placed: Placed[] = [];
  needsRecalc = false;
  /** Cells written (non-empty or styled), counted as rectangles are added (overlaps counted twice). */
  cellCount = 0;
  private prepared = false;
  // Row groups (sheet rows that receive cells), ascending: their row and first entry.
  private groupRow = new Int32Array(0);
  private groupFrom = new Int32Array(0);
  private groupTo = new Int32Array(0);
  private groupKind = new Uint8Array(0);
  private entRect = new Int32Array(0);
  private entI = new Int32Array(0);
  /** Cells of rows where rectangles overlap (rare), by group index. */
  private readonly merged = new Map<number, MergedCell[]>();
  private bounds: [number, number, number, number] | null = null;
  private readonly scratch: RowCells = { n: 0, cols: new Int32Array(64), rect: new Int32Array(64), i: new Int32Array(64) };

  constructor(private readonly styles: StyleBook) {}

  /** Add a laid-out rectangle; `rowAt(i)` maps its row i to a sheet row (default top + i). */
  rect(rc: CellRect, rowAt?: (i: number) => number): void {
    this.add(rectSource(rc, rowAt));
  }

  /**
   * Add rows of cells. Styles are registered in the StyleBook now, cell by cell, in row order
   * (as the previous writer did: the same workbook gets the same style indexes).
   */
  add(src: RectSource): void {
    if (this.prepared) throw new Error("CellPlan: add() after the cells were ordered");
    const h = src.height;
    const rows = new Int32Array(h);
    const lo = new Int32Array(h);
    const hi = new Int32Array(h);
    let xf = new Int32Array(0);
    let width = 0;
    const styles = this.styles;
    // Style objects and format codes repeat down a column: remember the last pair per column.
    const lastFmt: (string | undefined)[] = [];
    const lastStyle: unknown[] = [];
    const lastXf: number[] = [];
    let ascending = true;
    let cache: PatchValue[][] | null = null;
    const uni = src.values ? src.uniform : undefined;
    if (uni) {
      width = uni.formats.length;
      xf = new Int32Array(h * width);
    }
    for (let from = 0; from < h; from += CHUNK) {
      const to = Math.min(h, from + CHUNK);
      const rc = uni ? null : src.layout(from, to);
      const values = rc ? rc.values : src.values!(from, to);
      cache = values;
      for (let k = 0; k < to - from; k++) {
        const i = from + k;
        rows[i] = src.row(i);
        if (i > 0 && rows[i] < rows[i - 1]) ascending = false;
        const vals = values[k];
        const n = uni ? width : vals.length;
        const fmts = rc ? rc.formats[k] : null;
        const sts = rc ? rc.styles[k] : null;
        if (n > width) {
          // Rows are as wide as the block; only a hand-made rectangle could widen later.
          const grown = new Int32Array(h * n);
          for (let r = 0; r < i; r++) grown.set(xf.subarray(r * width, r * width + width), r * n);
          xf = grown;
          width = n;
        }
        let first = -1;
        let last = -1;
        for (let j = 0; j < n; j++) {
          const v = vals[j];
          let f: string;
          let st: CellStyle | undefined;
          if (fmts && sts) {
            f = fmts[j];
            st = sts[j];
          } else if (i < uni!.head) {
            f = "@";
            st = uni!.headerStyle;
          } else {
            f = typeof v === "string" ? "@" : uni!.formats[j];
            st = uni!.styles[j];
          }
          let x: number;
          if (f === lastFmt[j] && st === lastStyle[j]) x = lastXf[j];
          else {
            x = styles.xf(f, st);
            lastFmt[j] = f;
            lastStyle[j] = st;
            lastXf[j] = x;
          }
          xf[i * width + j] = x;
          if (x || hasValue(v)) {
            if (first < 0) first = j;
            last = j;
            this.cellCount++;
          }
          if (v !== null && typeof v === "object" && formulaWithoutResult(v)) this.needsRecalc = true;
        }
        lo[i] = first;
        hi[i] = last;
      }
    }
    // Rows out of order would lay chunks out again and again: keep the whole layout instead.
    if (!ascending && h > CHUNK) cache = src.values ? src.values(0, h) : src.layout(0, h).values;
    this.placed.push({ src, rows, xf, width, lo, hi, cache: h > CHUNK && ascending ? null : cache, cacheFrom: 0 });
  }

  /** The laid-out values of row i of a placed rectangle. */
  private valuesOf(p: Placed, i: number): PatchValue[] {
    let c = p.cache;
    if (!c || i < p.cacheFrom || i >= p.cacheFrom + c.length) {
      const from = i - (i % CHUNK);
      const to = Math.min(p.src.height, from + CHUNK);
      c = p.cache = p.src.values ? p.src.values(from, to) : p.src.layout(from, to).values;
      p.cacheFrom = from;
    }
    return c[i - p.cacheFrom];
  }

  /** Order the rows (once, after the last add()). */
  private prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    let total = 0;
    for (const p of this.placed) total += p.rows.length;
    let entRect = new Int32Array(total);
    let entI = new Int32Array(total);
    let entRow = new Int32Array(total);
    let k = 0;
    let sorted = true;
    for (let r = 0; r < this.placed.length; r++) {
      const rows = this.placed[r].rows;
      for (let i = 0; i < rows.length; i++) {
        if (k > 0 && rows[i] < entRow[k - 1]) sorted = false;
        entRect[k] = r;
        entI[k] = i;
        entRow[k++] = rows[i];
      }
    }
    if (!sorted) {
      // Stable: entries of one row keep the order they were added in (later wins).
      const order = Array.from({ length: total }, (_v, x) => x).sort((a, b) => entRow[a] - entRow[b] || a - b);
      const r2 = new Int32Array(total);
      const i2 = new Int32Array(total);
      const w2 = new Int32Array(total);
      order.forEach((x, y) => {
        r2[y] = entRect[x];
        i2[y] = entI[x];
        w2[y] = entRow[x];
      });
      entRect = r2;
      entI = i2;
      entRow = w2;
    }
    this.entRect = entRect;
    this.entI = entI;
    const gRow: number[] = [];
    const gFrom: number[] = [];
    const gTo: number[] = [];
    const gKind: number[] = [];
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (let a = 0; a < total; ) {
      let b = a + 1;
      while (b < total && entRow[b] === entRow[a]) b++;
      const row = entRow[a];
      let lo = Infinity;
      let hi = -1;
      let kind = b - a === 1 ? SINGLE : this.sideBySide(a, b) ? SIDE_BY_SIDE : MERGED;
      if (kind !== MERGED) {
        for (let e = a; e < b; e++) {
          const p = this.placed[entRect[e]];
          const i = entI[e];
          if (p.hi[i] < 0) continue;
          lo = Math.min(lo, p.src.left + p.lo[i]);
          hi = Math.max(hi, p.src.left + p.hi[i]);
        }
      } else {
        // Rectangles overlap in this row: later writes win, also empty ones.
        const byCol = new Map<number, MergedCell>();
        for (let e = a; e < b; e++) {
          const p = this.placed[entRect[e]];
          const i = entI[e];
          const vals = this.valuesOf(p, i);
          for (let j = 0; j < vals.length; j++) {
            const col = p.src.left + j;
            const x = p.xf[i * p.width + j];
            if (x || hasValue(vals[j])) byCol.set(col, { col, v: vals[j], xf: x });
            else byCol.delete(col);
          }
        }
        const list = [...byCol.values()].sort((x, y) => x.col - y.col);
        if (list.length) {
          lo = list[0].col;
          hi = list[list.length - 1].col;
          this.merged.set(gRow.length, list);
        }
        kind = MERGED;
      }
      if (hi >= 0) {
        gRow.push(row);
        gFrom.push(a);
        gTo.push(b);
        gKind.push(kind);
        if (row < r0) r0 = row;
        if (row > r1) r1 = row;
        if (lo < c0) c0 = lo;
        if (hi > c1) c1 = hi;
      }
      a = b;
    }
    this.groupRow = Int32Array.from(gRow);
    this.groupFrom = Int32Array.from(gFrom);
    this.groupTo = Int32Array.from(gTo);
    this.groupKind = Uint8Array.from(gKind);
    this.bounds = r1 >= 0 ? [r0, c0, r1, c1] : null;
  }

  /**
   * True if the rectangles of entries a..b-1 (one sheet row) occupy disjoint columns (blocks
   * side by side, like the call list's two tables); then they are put in column order.
   */
  private sideBySide(a: number, b: number): boolean {
    const { entRect, entI } = this;
    // Insertion sort by left edge (a handful of entries).
    for (let e = a + 1; e < b; e++) {
      const r = entRect[e];
      const i = entI[e];
      const left = this.placed[r].src.left;
      let f = e - 1;
      while (f >= a && this.placed[entRect[f]].src.left > left) {
        entRect[f + 1] = entRect[f];
        entI[f + 1] = entI[f];
        f--;
      }
      entRect[f + 1] = r;
      entI[f + 1] = i;
    }
    for (let e = a + 1; e < b; e++) {
      const prev = this.placed[entRect[e - 1]];
      if (prev.src.left + prev.width > this.placed[entRect[e]].src.left) {
        // Overlap: restore the order they were added in (later writes win).
        const idx = Array.from({ length: b - a }, (_v, x) => a + x).sort((x, y) => entRect[x] - entRect[y] || entI[x] - entI[y]);
        const rr = idx.map((x) => entRect[x]);
        const ii = idx.map((x) => entI[x]);
        for (let x = 0; x < rr.length; x++) {
          entRect[a + x] = rr[x];
          entI[a + x] = ii[x];
        }
        return false;
      }
    }
    return true;
  }

  /** Number of sheet rows that receive at least one cell (see rowAt). */
  get rowCount(): number {
    this.prepare();
    return this.groupRow.length;
  }

  /** Sheet row (0-based) of row group k; ascending in k. */
  rowAt(k: number): number {
    return this.groupRow[k];
  }

  /** Column of the first cell of row group k. */
  firstCol(k: number): number {
    if (this.groupKind[k] === MERGED) return this.merged.get(k)![0].col;
    for (let e = this.groupFrom[k]; e < this.groupTo[k]; e++) {
      const p = this.placed[this.entRect[e]];
      const i = this.entI[e];
      if (p.hi[i] >= 0) return p.src.left + p.lo[i];
    }
    return -1;
  }

  /** [r0, c0, r1, c1] of the cells written (0-based), or null when none is. */
  writtenRange(): [number, number, number, number] | null {
    this.prepare();
    return this.bounds;
  }

  /** The <dimension> ref of the cells written ("A1" when none). */
  dimension(): string {
    const b = this.writtenRange();
    if (!b) return "A1";
    const a = cellAddress(b[0], b[1]);
    const z = cellAddress(b[2], b[3]);
    return a === z ? a : `${a}:${z}`;
  }

  /**
   * The columns of the cells of row group k, in column order (for merging with a row's
   * existing cells); write them with writeCell. The result is reused by the next call.
   */
  collect(k: number): RowCells {
    this.prepare();
    const out = this.scratch;
    out.n = 0;
    if (this.groupKind[k] === MERGED) {
      const list = this.merged.get(k)!;
      this.grow(list.length);
      for (let m = 0; m < list.length; m++) this.push(list[m].col, -1, m);
      return out;
    }
    for (let e = this.groupFrom[k]; e < this.groupTo[k]; e++) {
      const r = this.entRect[e];
      const i = this.entI[e];
      const p = this.placed[r];
      if (p.hi[i] < 0) continue;
      const vals = this.valuesOf(p, i);
      this.grow(out.n + p.hi[i] - p.lo[i] + 1);
      const base = i * p.width;
      for (let j = p.lo[i]; j <= p.hi[i]; j++) if (p.xf[base + j] || hasValue(vals[j])) this.push(p.src.left + j, r, i);
    }
    return out;
  }

  private grow(n: number): void {
    const s = this.scratch;
    if (s.cols.length >= n) return;
    let size = s.cols.length;
    while (size < n) size *= 2;
    s.cols = new Int32Array(size);
    s.rect = new Int32Array(size);
    s.i = new Int32Array(size);
  }

  private push(col: number, rect: number, i: number): void {
    const s = this.scratch;
    const n = s.n++;
    s.cols[n] = col;
    s.rect[n] = rect;
    s.i[n] = i;
  }

  /** Write cell m of the last collect(k) (the writer's current row must be set). */
  writeCell(sink: ByteSink, w: CellXmlWriter, k: number, cells: RowCells, m: number): void {
    this.bindDates(w);
    const r = cells.rect[m];
    if (r < 0) {
      const x = this.merged.get(k)![cells.i[m]];
      w.cell(sink, x.col, x.v, x.xf);
      return;
    }
    const p = this.placed[r];
    const i = cells.i[m];
    const j = cells.cols[m] - p.src.left;
    w.cell(sink, cells.cols[m], this.valuesOf(p, i)[j], p.xf[i * p.width + j]);
  }

  /** All cells of row group k, in column order (the writer's current row must be set). */
  /** The writer follows the workbook's date system (StyleBook.dateShift). */
  private bindDates(w: CellXmlWriter): void {
    w.dateShift = this.styles.dateShift;
    w.dateXfs = this.styles.dateXfs;
  }

  writeCells(sink: ByteSink, w: CellXmlWriter, k: number): void {
    this.bindDates(w);
    this.prepare();
    if (this.groupKind[k] === MERGED) {
      for (const x of this.merged.get(k)!) w.cell(sink, x.col, x.v, x.xf);
      return;
    }
    for (let e = this.groupFrom[k]; e < this.groupTo[k]; e++) {
      const p = this.placed[this.entRect[e]];
      const i = this.entI[e];
      if (p.hi[i] < 0) continue;
      const vals = this.valuesOf(p, i);
      const left = p.src.left;
      const base = i * p.width;
      for (let j = p.lo[i]; j <= p.hi[i]; j++) w.cell(sink, left + j, vals[j], p.xf[base + j]);
    }
  }

  /** The cells of row group k as a <row> element. */
  writeRow(sink: ByteSink, w: CellXmlWriter, k: number, heights?: Record<number, number>): void {
    this.prepare();
    w.setRow(this.groupRow[k]);
    w.openRow(sink, heights?.[this.groupRow[k]]);
    this.writeCells(sink, w, k);
    w.closeRow(sink);
  }

  /** Every row as <row> elements (the body of a new sheet's <sheetData>). */
  writeRows(sink: ByteSink, w: CellXmlWriter, heights?: Record<number, number>): void {
    const rows = this.rowCount;
    for (let k = 0; k < rows; k++) this.writeRow(sink, w, k, heights);
  }
}
