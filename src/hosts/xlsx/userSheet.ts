/**
 * In-place edits of a user's worksheet part for ColumnsPatch: clear TierPlan's previous
 * columns, insert the new cells into the existing <row> elements in column order, set the
 * widths of TierPlan's columns, replace TierPlan's conditional formats and update
 * <dimension>. Every other row, cell and element is copied as the original bytes.
 *
 * The part is edited as UTF-8 bytes, not as a string: <sheetData> (the bench's customer sheet:
 * 19 MB, 50,000 rows that all receive 16 cells) is copied row by row from the original bytes
 * into a ByteSink, with the new cells written as bytes between them (cellPlan.ts). Only the
 * small rest of the part (everything outside <sheetData>) is decoded and edited as text.
 * Decoding the whole part, rewriting it as strings and encoding it again took ~0.8 s of the
 * writer's time there, plus GC (docs/PERFORMANCE.md).
 */
import { cellAddress, columnIndex } from "../../sheets/grid";
import type { ByteSink } from "./byteSink";
import { CellXmlWriter, type CellPlan } from "./cellPlan";
import { decodeUtf8, decodeXml, encodeUtf8, nextTag, prefixed, parseAttrs, rootPrefix, rootTag, childElements, setAttr, escapeAttr, type ChildElement } from "./xml";

/** Schema order of the children of <worksheet> (CT_Worksheet). */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Columns c0..c1 (0-based, inclusive) from row fromRow down: TierPlan's previous output. */
export interface ClearRange {
  c0: number;
  c1: number;
  fromRow: number;
}

export interface UserSheetEdit {
  clear: ClearRange[];
  /** The cells to write (null: none). */
  cells: CellPlan | null;
  /**
   * TierPlan's columns: width in characters, or undefined to keep the sheet's width. Either
   * way a column inside a hidden <col> range of the user's is carved out and made visible.
   * null: a column TierPlan gives back (undo, or its columns moved): the width it set goes, so
   * the column is as wide as one nobody set.
   */
  widths: Map<number, number | undefined | null>;
  /** Conditional formats to add (XML without prefix), given the first free priority. */
  conditionalFormats?: (firstPriority: number) => string;
}

interface Edit {
  at: number;
  end: number;
  text: string;
  /** This edit is the <sheetData> element, written from the original bytes and the plan. */
  sheetData?: boolean;
}

/** Position at which a missing child `name` is inserted (before the first later sibling in schema order). */
function insertionPoint(xml: string, kids: ChildElement[], name: string): number {
  const order = WORKSHEET_ORDER.indexOf(name);
  for (const k of kids) {
    const o = WORKSHEET_ORDER.indexOf(k.local);
    if (o > order) return k.start;
  }
  return xml.lastIndexOf("</");
}

/** "A1:C5" / "B2" → [r0, c0, r1, c1] (0-based), or null. */
export function parseRange(ref: string): [number, number, number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const c0 = columnIndex(m[1]);
  const r0 = Number(m[2]) - 1;
  const c1 = m[3] ? columnIndex(m[3]) : c0;
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  return [Math.min(r0, r1), Math.min(c0, c1), Math.max(r0, r1), Math.max(c0, c1)];
}

function inClear(clear: ClearRange[], row: number, col: number): boolean {
  for (const c of clear) if (row >= c.fromRow && col >= c.c0 && col <= c.c1) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Byte-level scanning of <sheetData> (ASCII markup: UTF-8 continuation bytes are never < 0x80)

function asciiOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

function isNameByte(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46 || c > 127;
}

function isWsByte(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function matchAt(b: Uint8Array, at: number, seq: Uint8Array): boolean {
  if (at < 0 || at + seq.length > b.length) return false;
  for (let k = 0; k < seq.length; k++) if (b[at + k] !== seq[k]) return false;
  return true;
}

/**
 * First index ≥ from (and < limit) where `seq` starts, or -1. Finds candidates with the native
 * indexOf on seq[anchor], a byte chosen to be rare in sheet XML ("w" of "</row>").
 */
function findSeq(b: Uint8Array, seq: Uint8Array, anchor: number, from: number, limit: number): number {
  const a = seq[anchor];
  let i = b.indexOf(a, from + anchor);
  while (i >= 0) {
    const at = i - anchor;
    if (at + seq.length > limit) return -1;
    if (matchAt(b, at, seq)) return at;
    i = b.indexOf(a, i + 1);
  }
  return -1;
}

// Results of scanTag / scanAttrs (module scratch: no object per tag).
let tEnd = 0;
let tNameEnd = 0;
let tLocalStart = 0;
let tClose = false;
let tSelf = false;
let tSpecial = false;
let aRFrom = -1;
let aRTo = -1;
let aSpansFrom = -1;
let aSpansTo = -1;

/** Attributes from i to the end of the tag (quote-aware): the r value and the span of " spans=…". */
function scanAttrs(b: Uint8Array, i: number, limit: number): void {
  aRFrom = aRTo = aSpansFrom = aSpansTo = -1;
  tSelf = false;
  for (;;) {
    while (i < limit && isWsByte(b[i])) i++;
    if (i >= limit) {
      tEnd = limit;
      return;
    }
    const c = b[i];
    if (c === 62 /* > */) {
      tEnd = i + 1;
      return;
    }
    if (c === 47 /* / */) {
      let j = i + 1;
      while (j < limit && b[j] !== 62) j++;
      tEnd = Math.min(limit, j + 1);
      tSelf = j === i + 1;
      return;
    }
    const ns = i;
    while (i < limit && b[i] !== 61 /* = */ && b[i] > 32 && b[i] !== 62) i++;
    const ne = i;
    while (i < limit && b[i] !== 34 && b[i] !== 39 && b[i] !== 62) i++;
    if (i >= limit || b[i] === 62) continue;
    const q = b[i];
    const vs = i + 1;
    let ve = vs;
    while (ve < limit && b[ve] !== q) ve++;
    if (ve >= limit) {
      tEnd = limit;
      return;
    }
    if (ne - ns === 1 && b[ns] === 114 /* r */) {
      aRFrom = vs;
      aRTo = ve;
    } else if (ne - ns === 5 && b[ns] === 115 && b[ns + 1] === 112 && b[ns + 2] === 97 && b[ns + 3] === 110 && b[ns + 4] === 115 && isWsByte(b[ns - 1])) {
      aSpansFrom = ns - 1;
      aSpansTo = ve + 1;
    }
    i = ve + 1;
  }
}

/** The tag starting at lt ("<"): its end, name, kind; attributes via scanAttrs. */
function scanTag(b: Uint8Array, lt: number, limit: number): void {
  const c1 = b[lt + 1];
  tClose = false;
  tSelf = false;
  tSpecial = false;
  aRFrom = aRTo = aSpansFrom = aSpansTo = -1;
  if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
    tSpecial = true;
    tSelf = true;
    let endMark = c1 === 63 ? QM_END : GT;
    if (c1 === 33 && matchAt(b, lt, COMMENT_OPEN)) endMark = COMMENT_END;
    else if (c1 === 33 && matchAt(b, lt, CDATA_OPEN)) endMark = CDATA_END;
    const e = findSeq(b, endMark, 0, lt + 2, limit);
    tEnd = e < 0 ? limit : e + endMark.length;
    tNameEnd = tLocalStart = lt + 2;
    return;
  }
  tClose = c1 === 47;
  let i = tClose ? lt + 2 : lt + 1;
  tLocalStart = i;
  while (i < limit && isNameByte(b[i])) {
    if (b[i] === 58) tLocalStart = i + 1;
    i++;
  }
  tNameEnd = i;
  scanAttrs(b, i, limit);
  if (tClose) tSelf = false;
}

const GT = asciiOf(">");
const QM_END = asciiOf("?>");
const COMMENT_OPEN = asciiOf("<!--");
const COMMENT_END = asciiOf("-->");
const CDATA_OPEN = asciiOf("<![CDATA[");
const CDATA_END = asciiOf("]]>");

/** Column of a cell reference's letters ("$AB12" → 27), as cellCol did: at most 3 letters; -1 without. */
function refCol(b: Uint8Array, from: number, to: number): number {
  let i = from;
  if (i < to && b[i] === 36 /* $ */) i++;
  let col = 0;
  let n = 0;
  while (i < to && n < 3) {
    let ch = b[i];
    if (ch >= 97 && ch <= 122) ch -= 32;
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
    i++;
    n++;
  }
  return n === 0 ? -1 : col - 1;
}

/** The number in a row's r attribute, as Number() reads it ("" → 0, not a number → NaN). */
function refNumber(b: Uint8Array, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return Number(decodeUtf8(b.subarray(from, to)));
    v = v * 10 + d;
  }
  return v;
}

/** Growable parallel arrays for the cells of one row. */
class RowScratch {
  n = 0;
  start = new Int32Array(32);
  end = new Int32Array(32);
  tagEnd = new Int32Array(32);
  col = new Int32Array(32);
  /** 1: the cell has no r attribute (one is added); 2: also self-closing. */
  fix = new Uint8Array(32);
  push(start: number, end: number, tagEnd: number, col: number, fix: number): void {
    if (this.n === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.tagEnd = grow(this.tagEnd);
      this.col = grow(this.col);
      this.fix = grow(this.fix);
    }
    const k = this.n++;
    this.start[k] = start;
    this.end[k] = end;
    this.tagEnd[k] = tagEnd;
    this.col[k] = col;
    this.fix[k] = fix;
  }
}

/** Writes the new <sheetData> of a user sheet from the original bytes and a CellPlan. */
class SheetDataRewriter {
  private readonly ROW: Uint8Array;
  private readonly ROW_END: Uint8Array;
  private readonly C_END: Uint8Array;
  private readonly cells = new RowScratch();
  /** Other elements and text kept after a rewritten row's cells: [from, to) pairs. */
  private tail: number[] = [];
  private readonly w: CellXmlWriter;
  private readonly clearMinRow: number;

  constructor(
    private readonly b: Uint8Array,
    private readonly P: string,
    private readonly plan: CellPlan | null,
    private readonly clear: ClearRange[],
    private readonly sink: ByteSink,
  ) {
    this.ROW = asciiOf("<" + P + "row");
    this.ROW_END = asciiOf("</" + P + "row>");
    this.C_END = asciiOf("</" + P + "c>");
    this.w = new CellXmlWriter(P);
    this.clearMinRow = clear.length ? Math.min(...clear.map((c) => c.fromRow)) : Infinity;
  }

  /** Next "<row" start tag in [pos, bodyEnd), or -1. */
  private nextRow(pos: number, bodyEnd: number): number {
    const { b, ROW } = this;
    const anchor = ROW.length - 1; // the "w": rare in sheet XML, unlike "<" or "r"
    let at = findSeq(b, ROW, anchor, pos, bodyEnd);
    while (at >= 0) {
      const ch = b[at + ROW.length];
      if (ch === 62 || ch === 47 || isWsByte(ch)) return at;
      at = findSeq(b, ROW, anchor, at + 1, bodyEnd);
    }
    return -1;
  }

  /** A new row (not in the file) with the plan's cells of row group k. */
  private newRow(k: number): void {
    this.plan!.writeRow(this.sink, this.w, k);
  }

  /** The body of <sheetData> (the bytes from bodyStart to bodyEnd), rows merged with the plan's. */
  write(bodyStart: number, bodyEnd: number): void {
    const { b, sink, plan } = this;
    const K = plan ? plan.rowCount : 0;
    let k = 0;
    let pos = bodyStart;
    let prevRow = -1;
    for (;;) {
      const at = this.nextRow(pos, bodyEnd);
      if (at < 0) break;
      scanTag(b, at, bodyEnd);
      const tagEnd = tEnd;
      const selfClose = tSelf;
      const hasR = aRFrom >= 0;
      const rowIdx = hasR ? refNumber(b, aRFrom, aRTo) - 1 : prevRow + 1;
      const spansFrom = aSpansFrom;
      const spansTo = aSpansTo;
      prevRow = rowIdx;
      let closeAt: number;
      let rowEnd: number;
      if (selfClose) rowEnd = closeAt = tagEnd;
      else {
        closeAt = findSeq(b, this.ROW_END, this.ROW_END.length - 2, tagEnd, bodyEnd);
        if (closeAt < 0) closeAt = bodyEnd;
        rowEnd = Math.min(bodyEnd, closeAt + this.ROW_END.length);
      }
      if (at > pos) sink.slice(b, pos, at);
      while (k < K && plan!.rowAt(k) < rowIdx) this.newRow(k++);
      let adds = -1;
      if (k < K && plan!.rowAt(k) === rowIdx) adds = k++;
      const mayClear = rowIdx >= this.clearMinRow;
      if (adds < 0 && !mayClear && hasR) sink.slice(b, at, rowEnd);
      else this.rewriteRow(at, tagEnd, selfClose, closeAt, rowIdx, !hasR, spansFrom, spansTo, adds, mayClear);
      pos = rowEnd;
    }
    if (bodyEnd > pos) {
      // Text after the last row (whitespace): keep it after the new rows.
      while (k < K) this.newRow(k++);
      sink.slice(b, pos, bodyEnd);
    } else while (k < K) this.newRow(k++);
  }

  private rewriteRow(
    at: number,
    tagEnd: number,
    selfClose: boolean,
    closeAt: number,
    rowIdx: number,
    addR: boolean,
    spansFrom: number,
    spansTo: number,
    adds: number,
    mayClear: boolean,
  ): void {
    const { b, sink, plan } = this;
    const kept = this.cells;
    kept.n = 0;
    this.tail.length = 0;
    let changed = addR;
    if (!selfClose) {
      let p = tagEnd;
      let col = -1;
      while (p < closeAt) {
        let lt = p;
        while (lt < closeAt && b[lt] !== 60) lt++;
        if (lt >= closeAt) {
          this.tail.push(p, closeAt);
          break;
        }
        scanTag(b, lt, closeAt);
        if (!tSpecial && !tClose && tNameEnd - tLocalStart === 1 && b[tLocalStart] === 99 /* c */) {
          const hasR = aRFrom >= 0;
          col = hasR ? refCol(b, aRFrom, aRTo) : col + 1;
          let end = tEnd;
          if (!tSelf) {
            const ce = this.cellEnd(tEnd, closeAt);
            end = ce < 0 ? closeAt : ce + this.C_END.length;
          }
          if (!hasR) changed = true;
          if (mayClear && inClear(this.clear, rowIdx, col)) changed = true;
          else kept.push(lt, end, tEnd, col, hasR ? 0 : tSelf ? 2 : 1);
          p = end;
        } else {
          // extLst or anything else: keep after the cells.
          let end = tEnd;
          if (!tSpecial && !tSelf && !tClose && tNameEnd > lt + 1) {
            // To the ">" after its closing tag; an element left open ends with the row.
            const close = asciiOf("</" + decodeUtf8(b.subarray(lt + 1, tNameEnd)));
            const c = findSeq(b, close, 0, tEnd, closeAt);
            const gt = c < 0 ? -1 : b.indexOf(62, c);
            end = gt < 0 || gt >= closeAt ? closeAt : gt + 1;
          }
          this.tail.push(lt, end);
          p = end;
        }
      }
    }
    // A row group of the plan always has cells.
    if (adds >= 0) changed = true;
    if (!changed) {
      sink.slice(b, at, selfClose ? tagEnd : closeAt + this.ROW_END.length);
      return;
    }
    const empty = kept.n === 0 && adds < 0 && this.tail.length === 0;
    this.openTag(at, tagEnd, selfClose, spansFrom, spansTo, addR ? rowIdx + 1 : 0, empty);
    if (empty) return;
    this.w.setRow(rowIdx);
    let monotone = true;
    for (let m = 1; m < kept.n; m++) if (kept.col[m] < kept.col[m - 1]) monotone = false;
    if (adds < 0) this.keptCells(0, kept.n, rowIdx);
    else if (monotone && (kept.n === 0 || kept.col[kept.n - 1] < plan!.firstCol(adds))) {
      // The usual case: TierPlan's columns are right of the user's cells.
      this.keptCells(0, kept.n, rowIdx);
      plan!.writeCells(sink, this.w, adds);
    } else if (monotone) {
      // Both lists in column order: merge; a new cell replaces an old one at its column.
      const cells = plan!.collect(adds);
      let a = 0;
      for (let m = 0; m < kept.n; m++) {
        const c = kept.col[m];
        while (a < cells.n && cells.cols[a] < c) plan!.writeCell(sink, this.w, adds, cells, a++);
        if (a < cells.n && cells.cols[a] === c) plan!.writeCell(sink, this.w, adds, cells, a++);
        else this.keptCell(m, rowIdx);
      }
      while (a < cells.n) plan!.writeCell(sink, this.w, adds, cells, a++);
    } else {
      // Cells out of order in the file (not valid, seen rarely): each new cell goes before the
      // first cell at or right of its column, as the string-based writer did.
      const cells = plan!.collect(adds);
      const order: { col: number; m: number; add: boolean }[] = [];
      for (let m = 0; m < kept.n; m++) order.push({ col: kept.col[m], m, add: false });
      for (let a = 0; a < cells.n; a++) {
        const col = cells.cols[a];
        const i = order.findIndex((x) => x.col >= col);
        const item = { col, m: a, add: true };
        if (i < 0) order.push(item);
        else if (order[i].col === col) order[i] = item;
        else order.splice(i, 0, item);
      }
      for (const x of order) {
        if (x.add) plan!.writeCell(sink, this.w, adds, cells, x.m);
        else this.keptCell(x.m, rowIdx);
      }
    }
    for (let t = 0; t < this.tail.length; t += 2) sink.slice(b, this.tail[t], this.tail[t + 1]);
    sink.raw(this.ROW_END);
  }

  /** Start of the first "</c>" in [from, limit), or -1 (a plain loop: cells are short). */
  private cellEnd(from: number, limit: number): number {
    const { b, C_END } = this;
    const n = C_END.length;
    for (let i = from; i + n <= limit; i++) {
      if (b[i] !== 60 || b[i + 1] !== 47) continue;
      let k = 2;
      while (k < n && b[i + k] === C_END[k]) k++;
      if (k === n) return i;
    }
    return -1;
  }

  /** Kept cells m0..m1-1: runs of adjacent cells that need no r are copied in one piece. */
  private keptCells(m0: number, m1: number, rowIdx: number): void {
    const k = this.cells;
    let m = m0;
    while (m < m1) {
      if (k.fix[m] !== 0) {
        this.keptCell(m++, rowIdx);
        continue;
      }
      let e = m + 1;
      while (e < m1 && k.fix[e] === 0 && k.start[e] === k.end[e - 1]) e++;
      this.sink.slice(this.b, k.start[m], k.end[e - 1]);
      m = e;
    }
  }

  /** A kept cell as it was; one without r gets it (as setAttr added it: before ">" or "/>"). */
  private keptCell(m: number, rowIdx: number): void {
    const { b, sink } = this;
    const k = this.cells;
    if (k.fix[m] === 0) {
      sink.slice(b, k.start[m], k.end[m]);
      return;
    }
    const cut = k.tagEnd[m] - (k.fix[m] === 2 ? 2 : 1);
    sink.slice(b, k.start[m], cut);
    sink.ascii(` r="${cellAddress(rowIdx, k.col[m])}"`);
    sink.slice(b, cut, k.end[m]);
  }

  /** The row's start tag without spans, with r added if it had none; `<row…/>` when it ends up empty. */
  private openTag(at: number, tagEnd: number, selfClose: boolean, spansFrom: number, spansTo: number, addR: number, empty: boolean): void {
    const { b, sink } = this;
    let cut = tagEnd - (selfClose ? 2 : 1);
    if (!addR && !empty && selfClose) while (cut > at && isWsByte(b[cut - 1])) cut--;
    if (spansFrom >= 0 && spansTo <= cut) {
      sink.slice(b, at, spansFrom);
      sink.slice(b, spansTo, cut);
    } else sink.slice(b, at, cut);
    if (addR) sink.ascii(` r="${addR}"`);
    sink.ascii(empty ? "/>" : ">");
  }
}

// ---------------------------------------------------------------------------------------------
// The part

/** Where <sheetData> is, in the part's bytes and in the text skeleton of everything around it. */
interface Located {
  bytes: Uint8Array;
  /** The part's text with <sheetData>'s body left out (its start tag kept, never self-closing). */
  skeleton: string;
  /** The <sheetData> element in the skeleton; null when the part has none. */
  sd: { start: number; end: number; openText: string; bodyStart: number; bodyEnd: number } | null;
}

/** Find <sheetData> in the bytes without decoding the part; null if the bytes look unusual. */
function locateFast(bytes: Uint8Array): Located | null {
  const NAME = asciiOf("sheetData");
  // Anchored on the "h": rare in sheet XML, unlike "<" (found once per tag: 50 ms on 19 MB).
  let i = findSeq(bytes, NAME, 1, 0, bytes.length);
  while (i >= 0) {
    const after = bytes[i + NAME.length];
    let lt = i - 1;
    if (bytes[lt] === 58 /* : */) {
      lt--;
      while (lt >= 0 && isNameByte(bytes[lt]) && bytes[lt] !== 58) lt--;
    }
    if (lt >= 0 && bytes[lt] === 60 && (after === 62 || after === 47 || isWsByte(after))) {
      scanTag(bytes, lt, bytes.length);
      const tagEnd = tEnd;
      const self = tSelf;
      const qname = decodeUtf8(bytes.subarray(lt + 1, i + NAME.length));
      const head = decodeUtf8(bytes.subarray(0, lt));
      const P = rootPrefix(head);
      if (qname !== P + "sheetData") return null;
      let bodyEnd = tagEnd;
      let end = tagEnd;
      if (!self) {
        const close = asciiOf(`</${qname}>`);
        bodyEnd = findSeq(bytes, close, close.length - 9, tagEnd, bytes.length);
        if (bodyEnd < 0) return null;
        end = bodyEnd + close.length;
      }
      let openText = decodeUtf8(bytes.subarray(lt, tagEnd));
      if (self) openText = openText.replace(/\s*\/>$/, ">");
      const closeText = `</${qname}>`;
      const skeleton = head + openText + closeText + decodeUtf8(bytes.subarray(end));
      const sd = { start: head.length, end: head.length + openText.length + closeText.length, openText, bodyStart: tagEnd, bodyEnd };
      // The skeleton's own reading must agree (not a "sheetData" inside a comment, say).
      const kid = childElements(skeleton).find((k) => k.local === "sheetData");
      return kid && kid.start === sd.start && kid.end === sd.end ? { bytes, skeleton, sd } : null;
    }
    i = findSeq(bytes, NAME, 1, i + 1, bytes.length);
  }
  return null;
}

/** The same from the decoded text (UTF-16 parts, unusual layouts). */
function locateSlow(part: Uint8Array): Located {
  const xml = decodeXml(part);
  const sdKid = childElements(xml).find((k) => k.local === "sheetData");
  if (!sdKid) return { bytes: new Uint8Array(0), skeleton: xml, sd: null };
  const byteLen = (s: string) => encodeUtf8(s).length;
  let openText = xml.slice(sdKid.tag.start, sdKid.tag.end);
  const head = xml.slice(0, sdKid.start);
  const bodyText = sdKid.tag.selfClose ? "" : xml.slice(sdKid.tag.end, xml.lastIndexOf("</", sdKid.end - 1));
  const closeText = `</${sdKid.tag.name}>`;
  if (sdKid.tag.selfClose) openText = openText.replace(/\s*\/>$/, ">");
  // Only the body is scanned as bytes: encode just it, with the start tag before it.
  const bytes = encodeUtf8(openText + bodyText);
  const bodyStart = byteLen(openText);
  const skeleton = head + openText + closeText + xml.slice(sdKid.end);
  return { bytes, skeleton, sd: { start: head.length, end: head.length + openText.length + closeText.length, openText, bodyStart, bodyEnd: bytes.length } };
}

/** Apply a UserSheetEdit to a worksheet part; the edited part's bytes are appended to `sink`. */
export function editUserSheet(part: Uint8Array, edit: UserSheetEdit, sink: ByteSink): void {
  const utf16 = part.length >= 2 && ((part[0] === 0xff && part[1] === 0xfe) || (part[0] === 0xfe && part[1] === 0xff));
  const loc = (!utf16 && locateFast(part)) || locateSlow(part);
  const xml = loc.skeleton;
  const root = rootTag(xml);
  if (!root) {
    sink.utf8(xml);
    return;
  }
  const P = rootPrefix(xml);
  const kids = childElements(xml, root);
  const edits: Edit[] = [];
  const plan = edit.cells;
  const written = plan ? plan.writtenRange() : null;

  // ---- sheetData
  if (loc.sd) edits.push({ at: loc.sd.start, end: loc.sd.end, text: "", sheetData: true });
  else if (plan && plan.rowCount > 0) {
    const at = insertionPoint(xml, kids, "sheetData");
    edits.push({ at, end: at, text: `<${P}sheetData>`, sheetData: true });
  }

  // ---- dimension
  if (written) {
    const dim = kids.find((k) => k.local === "dimension");
    const old = dim ? parseRange(parseAttrs(xml, dim.tag.attrStart, dim.tag.end).find(([k]) => k === "ref")?.[1] ?? "") : null;
    const u = old ? [Math.min(old[0], written[0]), Math.min(old[1], written[1]), Math.max(old[2], written[2]), Math.max(old[3], written[3])] : written;
    const ref = `${cellAddress(u[0], u[1])}:${cellAddress(u[2], u[3])}`;
    // <dimension> is optional: update it when present, never invent one from our cells alone.
    // Only the start tag changes: an explicit end tag (<dimension …></dimension>, Excel for Mac) stays.
    if (dim) edits.push({ at: dim.tag.start, end: dim.tag.end, text: setAttr(xml.slice(dim.tag.start, dim.tag.end), "ref", ref) });
  }

  // ---- cols
  if (edit.widths.size) {
    const colsEl = kids.find((k) => k.local === "cols");
    type Col = { min: number; max: number; attrs: [string, string][] };
    const list: Col[] = [];
    if (colsEl && !colsEl.tag.selfClose) {
      let p = colsEl.tag.end;
      for (;;) {
        const t = nextTag(xml, p);
        if (!t || t.start >= colsEl.end) break;
        p = t.end;
        if (t.local !== "col" || t.close) continue;
        const attrs = parseAttrs(xml, t.attrStart, t.end);
        const get = (k: string) => Number(attrs.find(([n]) => n === k)?.[1] ?? NaN);
        const min = get("min");
        const max = get("max");
        if (Number.isFinite(min) && Number.isFinite(max)) list.push({ min, max, attrs });
      }
    }
    const withAttr = (attrs: [string, string][], k: string, v: string): [string, string][] =>
      attrs.some(([n]) => n === k) ? attrs.map(([n, x]) => [n, n === k ? v : x] as [string, string]) : [...attrs, [k, v]];
    let changed = false;
    for (const [c, w] of [...edit.widths].sort((a, b) => a[0] - b[0])) {
      const n = c + 1;
      const i = list.findIndex((x) => x.min <= n && n <= x.max);
      const hidden = i >= 0 && list[i].attrs.some(([k, v]) => k === "hidden" && (v === "1" || v === "true"));
      if (w === undefined && !hidden) continue;
      if (w === null) {
        if (i < 0 || !list[i].attrs.some(([k]) => k === "width" || k === "customWidth")) continue;
        changed = true;
        const x = list[i];
        const pieces: Col[] = [];
        if (x.min < n) pieces.push({ min: x.min, max: n - 1, attrs: withAttr(x.attrs, "max", String(n - 1)) });
        if (n < x.max) pieces.push({ min: n + 1, max: x.max, attrs: withAttr(x.attrs, "min", String(n + 1)) });
        // What else the entry says of the column (a style, an outline level) stays.
        const rest = withAttr(withAttr(x.attrs, "min", String(n)), "max", String(n)).filter(([k]) => k !== "width" && k !== "customWidth");
        if (rest.length > 2) pieces.push({ min: n, max: n, attrs: rest });
        list.splice(i, 1, ...pieces);
        list.sort((a, b) => a.min - b.min);
        continue;
      }
      changed = true;
      let base: [string, string][] = [
        ["min", ""],
        ["max", ""],
      ];
      if (i >= 0) {
        const x = list[i];
        base = x.attrs;
        const pieces: Col[] = [];
        if (x.min < n) pieces.push({ min: x.min, max: n - 1, attrs: withAttr(x.attrs, "max", String(n - 1)) });
        if (n < x.max) pieces.push({ min: n + 1, max: x.max, attrs: withAttr(x.attrs, "min", String(n + 1)) });
        list.splice(i, 1, ...pieces);
      }
      let attrs = withAttr(withAttr(base, "min", String(n)), "max", String(n)).filter(([k]) => k !== "hidden");
      if (w !== undefined) attrs = withAttr(withAttr(attrs, "width", String(w)), "customWidth", "1");
      else if (!attrs.some(([k]) => k === "width")) attrs = withAttr(attrs, "width", "9.140625");
      list.push({ min: n, max: n, attrs });
      list.sort((a, b) => a.min - b.min);
    }
    if (changed) {
      const body = list.map((x) => `<col ${x.attrs.map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(" ")}/>`).join("");
      // <cols> must hold a <col>: with none left it goes.
      const text = list.length ? `<${P}cols>${prefixed(body, P)}</${P}cols>` : "";
      if (colsEl) edits.push({ at: colsEl.start, end: colsEl.end, text });
      else {
        const at = insertionPoint(xml, kids, "cols");
        edits.push({ at, end: at, text });
      }
    }
  }

  // ---- conditional formats: drop TierPlan's previous ones (entirely inside cleared columns), add new ones
  const dropped = new Set<ChildElement>();
  if (edit.clear.length) {
    for (const k of kids) {
      if (k.local !== "conditionalFormatting") continue;
      const sqref = parseAttrs(xml, k.tag.attrStart, k.tag.end).find(([n]) => n === "sqref")?.[1] ?? "";
      const ranges = sqref.split(/\s+/).filter(Boolean).map(parseRange);
      const ours =
        ranges.length > 0 &&
        ranges.every((r) => r !== null && edit.clear.some((c) => r[0] >= c.fromRow && r[1] >= c.c0 && r[3] <= c.c1));
      if (ours) {
        dropped.add(k);
        edits.push({ at: k.start, end: k.end, text: "" });
      }
    }
  }
  // New rules get priorities after every remaining rule (x14 rules in extLst share the numbering).
  let maxPriority = 0;
  for (const k of kids) {
    if ((k.local !== "conditionalFormatting" && k.local !== "extLst") || dropped.has(k)) continue;
    for (const m of xml.slice(k.start, k.end).matchAll(/\spriority="(\d+)"/g)) maxPriority = Math.max(maxPriority, Number(m[1]));
  }
  const cf = edit.conditionalFormats?.(maxPriority + 1) ?? "";
  if (cf) {
    const at = insertionPoint(xml, kids, "conditionalFormatting");
    edits.push({ at, end: at, text: prefixed(cf, P) });
  }

  edits.sort((a, b) => a.at - b.at || a.end - b.end);
  let last = 0;
  for (const e of edits) {
    if (e.at < last) continue; // overlapping edit (cannot happen with well-formed input)
    sink.utf8(xml.slice(last, e.at));
    if (e.sheetData) {
      const rewriter = new SheetDataRewriter(loc.bytes, P, plan, edit.clear, sink);
      if (loc.sd) {
        sink.utf8(loc.sd.openText);
        rewriter.write(loc.sd.bodyStart, loc.sd.bodyEnd);
      } else {
        sink.utf8(e.text);
        rewriter.write(0, 0);
      }
      sink.utf8(`</${P}sheetData>`);
    } else sink.utf8(e.text);
    last = e.end;
  }
  sink.utf8(xml.slice(last));
}
