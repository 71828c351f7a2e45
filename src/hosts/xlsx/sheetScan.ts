/**
 * The hot path of the reader: <sheetData>, scanned as UTF-8 bytes in whatever chunks the
 * inflater hands out (WorksheetScanner), and the shared-string table, also as bytes. No DOM, no per-tag objects. A 500,000 × 8 sheet is ~150 MB of XML: it is never
 * decoded into one string, and with a chunked inflate never in memory whole.
 */
import { MAX_COLS, MAX_ROWS, MAX_SHARED_STRINGS, sharedStringsOverCap } from "./limits";
import type { CellValue } from "../../sheets/grid";
import { decodeEntities, decodeText, decodeUtf8, decodeXml, elementEnd, nextTag } from "./xml";
import { DAYS_1904 } from "../../sheets/dateSystem";

// ---------------------------------------------------------------------------------------------
// Shared strings

/** The text of rich-text content: every <t> concatenated, phonetic runs (<rPh>) left out. */
function richText(s: string, from: number, to: number): string {
  let out = "";
  let pos = from;
  while (pos < to) {
    const t = nextTag(s, pos);
    if (!t || t.start >= to) break;
    if (!t.close && t.local === "rPh") {
      pos = elementEnd(s, t);
      continue;
    }
    if (!t.close && t.local === "t") {
      if (t.selfClose) {
        pos = t.end;
        continue;
      }
      const e = s.indexOf("<", t.end);
      out += s.slice(t.end, e < 0 ? to : e);
      pos = e < 0 ? to : e;
      continue;
    }
    pos = t.end;
  }
  return decodeText(out);
}

/**
 * Parse xl/sharedStrings.xml into an array of strings.
 *
 * Read from the bytes, each string decoded on its own: slicing them out of one decoded string
 * made V8 keep that whole string (3.4M characters, 6.8 MB as UTF-16 on the bench's 100,358
 * strings) alive for as long as any slice of 13 characters or more lived, i.e. as long as the
 * grids.
 */
export function parseSharedStrings(bytes: Uint8Array): string[] {
  const b = isUtf16(bytes) ? utf8.encode(decodeXml(bytes)) : bytes;
  const n = b.length;
  const p = rootPrefixOf(b, n) ?? new Uint8Array(0);
  const SI = withPrefix("<", p, "si");
  const SI_END = withPrefix("</", p, "si>");
  const T = withPrefix("", p, "t");
  const T_END = withPrefix("</", p, "t>");
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    const a = indexOfSeq(b, SI, pos, n);
    if (a < 0) break;
    if (!endsName(b[a + SI.length])) {
      pos = a + SI.length;
      continue;
    }
    const gt = tagEnd(b, a + SI.length, n);
    if (gt < 0) break;
    if (b[gt - 2] === 47) {
      if (out.length >= MAX_SHARED_STRINGS) throw sharedStringsOverCap();
      out.push("");
      pos = gt;
      continue;
    }
    const e = indexOfSeq(b, SI_END, gt, n);
    const end = e < 0 ? n : e;
    // Fast path: a single plain <t>…</t>.
    let text: string | null = null;
    if (b[gt] === 60 && isName(b, gt + 1, T, n)) {
      const tgt = tagEnd(b, gt + 1 + T.length, end);
      if (tgt > 0 && b[tgt - 2] !== 47) {
        const tEnd = indexOfByte(b, 60, tgt, end);
        if (tEnd >= 0 && tEnd + T_END.length === end && indexOfSeq(b, T_END, tEnd, end) === tEnd) text = decodeText(textOf(b, tgt, tEnd));
      }
    }
    if (text === null) {
      const xml = textOf(b, gt, end);
      text = richText(xml, 0, xml.length);
    }
    if (out.length >= MAX_SHARED_STRINGS) throw sharedStringsOverCap();
    out.push(text);
    pos = e < 0 ? n : end + SI_END.length;
  }
  return out;
}

function isUtf16(b: Uint8Array): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

/** "<" or "</", a namespace prefix ("x:" or empty) and a local name, as bytes. */
function withPrefix(open: string, prefix: Uint8Array, local: string): Uint8Array {
  const o = utf8.encode(open);
  const l = utf8.encode(local);
  const out = new Uint8Array(o.length + prefix.length + l.length);
  out.set(o);
  out.set(prefix, o.length);
  out.set(l, o.length + prefix.length);
  return out;
}

/**
 * The namespace prefix of the root element with its colon ("x:"; empty for the default
 * namespace), skipping the declaration, comments and a byte-order mark; null if the root's start
 * tag does not end in b[0, n).
 */
function rootPrefixOf(b: Uint8Array, n: number): Uint8Array | null {
  let i = 0;
  for (;;) {
    const lt = indexOfByte(b, 60, i, n);
    if (lt < 0 || lt + 1 >= n) return null;
    const c1 = b[lt + 1];
    if (c1 === 33 || c1 === 63 || c1 === 47) {
      i = skipElement(b, lt, n);
      if (i < 0) return null;
      continue;
    }
    let k = lt + 1;
    while (k < n && !endsName(b[k])) k++;
    if (tagEnd(b, k, n) < 0) return null;
    const colon = indexOfByte(b, 58, lt + 1, k);
    return colon < 0 ? new Uint8Array(0) : b.slice(lt + 1, colon + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Dates

/** An ISO 8601 date/time (cell type "d") as an Excel serial number (1900 or 1904 system). */
export function isoToSerial(iso: string, date1904: boolean): number | null {
  const m = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:T?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso.trim());
  if (!m || (!m[1] && !m[4])) return null;
  const frac = ((+(m[4] ?? 0) * 60 + +(m[5] ?? 0)) * 60 + +(m[6] ?? 0) + (m[7] ? +`0.${m[7]}` : 0)) / 86400;
  if (!m[1]) return frac;
  const days = Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000;
  if (date1904) return days + 24107 + frac; // 1904-01-01 is serial 0
  let serial = days + 25569; // 1970-01-01 is serial 25569
  if (serial < 61) serial -= 1; // Excel's phantom 1900-02-29 (serial 60)
  return serial + frac;
}


// ---------------------------------------------------------------------------------------------
// Worksheets

/**
 * A cell or row reference past Excel's grid (1,048,576 rows × 16,384 columns, limits.ts): Excel
 * cannot have written it, and a grid that large cannot be held in memory. `ref` is as written.
 */
export class GridLimitError extends Error {
  constructor(readonly ref: string) {
    super(`${ref} is outside Excel's grid of ${MAX_ROWS.toLocaleString("en-US")} rows × ${MAX_COLS.toLocaleString("en-US")} columns`);
  }
}

export interface ScannedSheet {
  /** Absolute row index of each scanned row, in file order. */
  rowNums: number[];
  /** Cells of each row indexed by absolute column (nulls fill gaps; trailing unused cells trimmed). */
  rowCells: CellValue[][];
  minCol: number;
  minRow: number;
  maxRow: number;
}

export interface ScanContext {
  sst: string[];
  /** ISO dates (t="d") as serials of the 1904 system (the reader passes false: grids are in the 1900 system). */
  date1904: boolean;
  /**
   * A 1904-system workbook: cell style indexes whose number format is a date (styleDates[s] = 1);
   * their numbers are moved to the 1900 system (+1,462 days) as grid.ts promises.
   */
  styleDates?: Uint8Array;
}

export { DAYS_1904 };

const T_N = 0,
  T_S = 1,
  T_STR = 2,
  T_INLINE = 3,
  T_B = 4,
  T_E = 5,
  T_D = 6;

/** Scratch fields written by scanAttrs (avoids an object per cell). */
let aRef = -1; // column from r="…" (or the row index for <row>), -1 when absent
let aRefFrom = 0; // the r="…" value is b[aRefFrom, aRefTo) (for the message of a reference past the grid)
let aRefTo = 0;
let aStyle = 0; // s="…" of a <c>, 0 when absent
let aType = T_N;
let aSelf = false;

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** A character that ends an element name: ">", "/", white space. */
function endsName(c: number): boolean {
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Index of byte `x` in b[i, n), or -1. */
function indexOfByte(b: Uint8Array, x: number, i: number, n: number): number {
  while (i < n && b[i] !== x) i++;
  return i < n ? i : -1;
}

/** Index of the byte sequence `seq` in b[i, n), or -1. */
function indexOfSeq(b: Uint8Array, seq: Uint8Array, i: number, n: number): number {
  const first = seq[0];
  const last = n - seq.length;
  outer: for (; i <= last; i++) {
    if (b[i] !== first) continue;
    for (let k = 1; k < seq.length; k++) if (b[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

/** True if the element name `name` (prefix included) starts at i and ends there (b[i + name.length] ends names). */
function isName(b: Uint8Array, i: number, name: Uint8Array, n: number): boolean {
  const len = name.length;
  if (i + len >= n) return false; // cut off: the caller's fallback sees the cut and waits for more
  for (let k = 0; k < len; k++) if (b[i + k] !== name[k]) return false;
  return endsName(b[i + len]);
}

/** Index just after the ">" ending the tag whose attributes start at i (quote-aware), or -1. */
function tagEnd(b: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const c = b[i];
    if (c === 62) return i + 1;
    if (c === 34 || c === 39) {
      const q = indexOfByte(b, c, i + 1, n);
      if (q < 0) return -1;
      i = q + 1;
    } else i++;
  }
  return -1;
}

/** Index just after a comment, processing instruction, CDATA section or declaration at lt, or -1. */
function markupEnd(b: Uint8Array, lt: number, n: number): number {
  let end: Uint8Array;
  if (b[lt + 1] === 63) end = PI_END;
  else if (b[lt + 2] === 45 && b[lt + 3] === 45) end = COMMENT_END;
  else if (b[lt + 2] === 91 /* [ */) end = CDATA_END;
  else end = GT;
  const e = indexOfSeq(b, end, lt + 2, n);
  return e < 0 ? -1 : e + end.length;
}

const utf8 = new TextEncoder();
const PI_END = utf8.encode("?>");
const COMMENT_END = utf8.encode("-->");
const CDATA_END = utf8.encode("]]>");
const GT = utf8.encode(">");

const NOT_MARKUP = -2;

/**
 * For a comment, processing instruction or closing tag at lt: the index just after it (-1 if it
 * does not end inside b[lt, n)). For an opening tag: NOT_MARKUP, left to the caller.
 */
function skipNonElement(b: Uint8Array, lt: number, n: number): number {
  if (lt + 1 >= n) return -1;
  const c1 = b[lt + 1];
  if (c1 === 33 || c1 === 63) return markupEnd(b, lt, n);
  if (c1 === 47) {
    const gt = indexOfByte(b, 62, lt + 2, n);
    return gt < 0 ? -1 : gt + 1;
  }
  return NOT_MARKUP;
}

/**
 * Index just after the element (or stray closing tag, comment…) starting at lt, counting nested
 * elements of the same name; -1 if it does not end inside b[lt, n). Only for elements the
 * scanner does not read (extLst, a comment in sheetData…), so simplicity beats speed here.
 */
function skipElement(b: Uint8Array, lt: number, n: number): number {
  const other = skipNonElement(b, lt, n);
  if (other !== NOT_MARKUP) return other;
  let i = lt + 1;
  while (i < n && !endsName(b[i])) i++;
  if (i >= n) return -1;
  const name = b.subarray(lt + 1, i);
  let e = tagEnd(b, i, n);
  if (e < 0 || b[e - 2] === 47) return e;
  let depth = 1;
  while (depth > 0) {
    const j = indexOfByte(b, 60, e, n);
    if (j < 0 || j + 1 >= n) return -1;
    const c = b[j + 1];
    if (c === 47) {
      if (isName(b, j + 2, name, n)) depth--;
      const gt = indexOfByte(b, 62, j + 2, n);
      e = gt < 0 ? -1 : gt + 1;
    } else if (c === 33 || c === 63) e = markupEnd(b, j, n);
    else {
      const same = isName(b, j + 1, name, n);
      e = tagEnd(b, j + 1, n);
      if (same && e > 0 && b[e - 2] !== 47) depth++;
    }
    if (e < 0) return -1;
  }
  return e;
}

/**
 * Scan the attributes of a <c> or <row> start tag from i; returns the index after its ">", or
 * -1 if the tag is cut off at n. Sets aRef, aType, aSelf.
 */
function scanAttrs(b: Uint8Array, i: number, n: number, isRow: boolean): number {
  aRef = -1;
  aType = T_N;
  aSelf = false;
  aStyle = 0;
  for (;;) {
    while (i < n && isWs(b[i])) i++;
    if (i >= n) return -1;
    const c = b[i];
    if (c === 62 /* > */) return i + 1;
    if (c === 47 /* / */) {
      aSelf = true;
      const gt = indexOfByte(b, 62, i, n);
      return gt < 0 ? -1 : gt + 1;
    }
    if (b[i + 1] === 61 && b[i + 2] === 34) {
      // The usual shape: a one-letter name, =", the value: read it in the same pass that finds its end.
      let k = i + 3;
      if (c === 114 /* r */) {
        aRefFrom = k;
        if (isRow) {
          let v = 0;
          let ch = 0;
          while (k < n && (ch = b[k]) !== 34) {
            if (ch >= 48 && ch <= 57) v = v * 10 + (ch - 48);
            k++;
          }
          aRef = v - 1;
        } else {
          let col = 0;
          let ch = 0;
          for (; k < n && (ch = b[k]) !== 34; k++) {
            if (ch === 36 /* $ */) continue;
            if (ch >= 97 && ch <= 122) ch -= 32;
            if (ch < 65 || ch > 90) break;
            col = col * 26 + (ch - 64);
          }
          while (k < n && b[k] !== 34) k++;
          aRef = col - 1;
        }
        aRefTo = k;
      } else if (c === 115 /* s */ && !isRow) {
        let v = 0;
        let ch = 0;
        while (k < n && (ch = b[k]) !== 34) {
          if (ch >= 48 && ch <= 57) v = v * 10 + (ch - 48);
          k++;
        }
        aStyle = v;
      } else {
        while (k < n && b[k] !== 34) k++;
        if (c === 116 /* t */ && !isRow) {
          const vs = i + 3;
          const len = k - vs;
          const t0 = b[vs];
          if (len === 1) aType = t0 === 115 ? T_S : t0 === 98 ? T_B : t0 === 101 ? T_E : t0 === 100 ? T_D : T_N;
          else if (len === 3 && t0 === 115) aType = T_STR;
          else if (t0 === 105) aType = T_INLINE;
          else aType = T_N;
        }
      }
      if (k >= n) return -1;
      i = k + 1;
      continue;
    }
    const nameStart = i;
    while (i < n && b[i] !== 61 /* = */ && b[i] !== 62 && !isWs(b[i])) i++;
    const nameLen = i - nameStart;
    while (i < n && b[i] !== 34 && b[i] !== 39 && b[i] !== 62) i++;
    if (i >= n) return -1;
    if (b[i] === 62) return i + 1; // an attribute without a value (malformed): the tag ends here
    const q = b[i];
    const vs = i + 1;
    const ve = indexOfByte(b, q, vs, n);
    if (ve < 0) return -1;
    if (nameLen === 1) {
      const first = b[nameStart];
      if (first === 114 /* r */) {
        aRefFrom = vs;
        aRefTo = ve;
        if (isRow) {
          let v = 0;
          for (let k = vs; k < ve; k++) {
            const d = b[k] - 48;
            if (d >= 0 && d <= 9) v = v * 10 + d;
          }
          aRef = v - 1;
        } else {
          let col = 0;
          for (let k = vs; k < ve; k++) {
            let ch = b[k];
            if (ch === 36 /* $ */) continue;
            if (ch >= 97 && ch <= 122) ch -= 32;
            if (ch < 65 || ch > 90) break;
            col = col * 26 + (ch - 64);
          }
          aRef = col - 1;
        }
      } else if (first === 115 /* s */ && !isRow) {
        let v = 0;
        for (let k = vs; k < ve; k++) {
          const d = b[k] - 48;
          if (d >= 0 && d <= 9) v = v * 10 + d;
        }
        aStyle = v;
      } else if (first === 116 /* t */ && !isRow) {
        const len = ve - vs;
        const t0 = b[vs];
        if (len === 1) aType = t0 === 115 ? T_S : t0 === 98 ? T_B : t0 === 101 ? T_E : t0 === 100 ? T_D : T_N;
        else if (len === 3 && t0 === 115) aType = T_STR;
        else if (t0 === 105) aType = T_INLINE;
        else aType = T_N;
      }
    }
    i = ve + 1;
  }
}

/** Exact powers of ten as doubles (10^0 … 10^22 are all exactly representable). */
const POW10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10.push(p);

function textOf(b: Uint8Array, from: number, to: number): string {
  return decodeUtf8(b.subarray(from, to));
}

/**
 * The number in b[from, to), equal to `+text` (NaN if it is not one). Without a string: plain
 * decimals of at most 15 significant digits and a small exponent (what spreadsheets write) are
 * m / 10^k or m × 10^k with m < 2^53 and 10^k exact, which IEEE division and multiplication round
 * correctly — the same double Number() returns (property test in sheetScan.test.ts). Anything
 * else goes through Number(). In the profile of the 500,000-line bench this is ~45 ms for the
 * ~2.2 million number cells, with no string made per cell.
 */
function numberAt(b: Uint8Array, from: number, to: number): number {
  let i = from;
  let neg = false;
  if (b[i] === 45 /* - */) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = 0;
  let d = 0;
  while (i < to && (d = b[i] - 48) >= 0 && d <= 9) {
    m = m * 10 + d;
    digits++;
    i++;
  }
  if (i < to && b[i] === 46 /* . */) {
    i++;
    while (i < to && (d = b[i] - 48) >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      scale++;
      i++;
    }
  }
  let exp = -scale;
  if (i < to && (b[i] === 69 || b[i] === 101) /* E e */ && digits > 0) {
    i++;
    let eneg = false;
    if (b[i] === 45 || b[i] === 43) {
      eneg = b[i] === 45;
      i++;
    }
    let e = 0;
    const es = i;
    while (i < to && (d = b[i] - 48) >= 0 && d <= 9 && e < 1000) {
      e = e * 10 + d;
      i++;
    }
    if (i === es) return +textOf(b, from, to);
    exp += eneg ? -e : e;
  }
  if (i !== to || digits === 0 || digits > 15 || exp < -22 || exp > 22) return +textOf(b, from, to);
  const v = exp === 0 ? m : exp < 0 ? m / POW10[-exp] : m * POW10[exp];
  return neg ? -v : v;
}

/** A shared string by the index written in b[from, to) (null if there is none). */
function sharedStringAt(sst: string[], b: Uint8Array, from: number, to: number): string | null {
  let idx = 0;
  if (to - from <= 9) {
    for (let i = from; i < to; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) {
        idx = -1;
        break;
      }
      idx = idx * 10 + d;
    }
  } else idx = -1;
  const v = idx >= 0 ? sst[idx] : sst[+textOf(b, from, to)];
  return v === undefined ? null : v;
}

const STATE_ROOT = 0,
  STATE_HEADER = 1,
  STATE_DATA = 2,
  STATE_DONE = 3;

/** Bytes taken from the next chunk to finish a row cut at a chunk boundary (more if that is not enough). */
const JOIN_BYTES = 64 * 1024;

/**
 * Scans the XML of a worksheet part as UTF-8 bytes, fed in chunks of any size (as they come out
 * of the inflater), into a ScannedSheet. Only <sheetData> is read.
 *
 * Why bytes and not a decoded string: the sales sheet of the bench is 156 MB of XML. The string
 * scanner decoded it in 8 MB pieces and sliced a string per cell value; its profile on the
 * 500,000-line bench (CPU profile of one readWorkbook): `row` 530 ms, `scanAttrs` 190 ms, `scan`
 * 77 ms, TextDecoder 87 ms, ~880 ms in all. Scanning bytes: `row` 220 ms, `scanAttrs` 80 ms,
 * `numberAt` 48 ms, ~365 ms in all, and less garbage to collect. Markup is ASCII, so tags,
 * attributes, numbers and shared-string indexes are read straight from the bytes; only the text
 * of inline strings, formula strings, errors and ISO dates is decoded (per value).
 *
 * Chunk boundaries: the scanner reads whole units (a <row> with its cells, or one tag before
 * <sheetData>); a unit cut off at the end of a chunk is not read but kept, and read again once
 * the next chunk has arrived. Text is only ever decoded inside a complete unit, so a multi-byte
 * character or an entity cut by a boundary is never split.
 */
export class WorksheetScanner {
  private readonly out: ScannedSheet = { rowNums: [], rowCells: [], minCol: Infinity, minRow: Infinity, maxRow: -1 };
  private state = STATE_ROOT;
  private rowIdx = -1;
  /** A unit cut off at the end of the last chunk (a copy), to be completed by the next one. */
  private carry: Uint8Array | null = null;
  /** The first bytes, held until there are enough to see a UTF-16 byte-order mark. */
  private head: Uint8Array | null = new Uint8Array(0);
  /** Chunks of a UTF-16 part (rare: decoded whole at the end). */
  private utf16: Uint8Array[] | null = null;
  /** A row's cells by column, reused from row to row; each row keeps an exact-length copy. */
  private readonly cells: CellValue[] = [];
  private ROW: Uint8Array = utf8.encode("row");
  private C: Uint8Array = utf8.encode("c");
  private V: Uint8Array = utf8.encode("v");
  private F: Uint8Array = utf8.encode("f");
  private IS: Uint8Array = utf8.encode("is");
  private IS_END: Uint8Array = utf8.encode("</is>");
  private SHEET_DATA: Uint8Array = utf8.encode("sheetData");

  constructor(private readonly ctx: ScanContext) {}

  /** Feed the next bytes of the part. `chunk` is only read during the call (it may be reused). */
  push(chunk: Uint8Array): void {
    if (this.state === STATE_DONE || chunk.length === 0) return;
    if (this.head) {
      const h = this.head;
      if (h.length + chunk.length < 4) {
        this.head = concat(h, chunk, chunk.length);
        return;
      }
      this.head = null;
      if (h.length > 0) chunk = concat(h, chunk, chunk.length);
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) this.utf16 = [];
    }
    if (this.utf16) {
      this.utf16.push(chunk.slice());
      return;
    }
    const carry = this.carry;
    if (!carry) {
      this.keepTail(chunk, this.run(chunk, 0, chunk.length, chunk.length));
      return;
    }
    // Finish the cut unit on a small join of the carry and the start of this chunk, then go on
    // in the chunk itself (no copy of the chunk).
    let take = Math.min(chunk.length, Math.max(JOIN_BYTES, carry.length));
    for (;;) {
      const joined = concat(carry, chunk, take);
      const p = this.run(joined, 0, joined.length, carry.length);
      if (this.state === STATE_DONE) {
        this.carry = null;
        return;
      }
      if (p >= carry.length) {
        this.carry = null;
        const from = p - carry.length;
        this.keepTail(chunk, this.run(chunk, from, chunk.length, chunk.length));
        return;
      }
      if (take === chunk.length) {
        this.carry = p === 0 ? joined : joined.slice(p);
        return;
      }
      take = Math.min(chunk.length, take * 4);
    }
  }

  /** The scanned sheet; a unit still cut off (a truncated part) is left out. */
  end(): ScannedSheet {
    this.head = null; // fewer than 4 bytes in all: no sheet
    if (this.utf16) {
      const parts = this.utf16;
      this.utf16 = null;
      let len = 0;
      for (const p of parts) len += p.length;
      const all = new Uint8Array(len);
      len = 0;
      for (const p of parts) {
        all.set(p, len);
        len += p.length;
      }
      const bytes = utf8.encode(decodeXml(all));
      this.run(bytes, 0, bytes.length, bytes.length);
    }
    this.carry = null;
    return this.out;
  }

  private keepTail(chunk: Uint8Array, p: number): void {
    this.carry = this.state === STATE_DONE || p >= chunk.length ? null : chunk.slice(p);
  }

  private setPrefix(prefix: Uint8Array): void {
    this.ROW = withPrefix("", prefix, "row");
    this.C = withPrefix("", prefix, "c");
    this.V = withPrefix("", prefix, "v");
    this.F = withPrefix("", prefix, "f");
    this.IS = withPrefix("", prefix, "is");
    this.IS_END = withPrefix("</", prefix, "is>");
    this.SHEET_DATA = withPrefix("", prefix, "sheetData");
  }

  /**
   * Read whole units of b from i while i < stopAt; returns where it stopped: at stopAt or after,
   * at n, or at the start of a unit cut off at n.
   */
  private run(b: Uint8Array, i: number, n: number, stopAt: number): number {
    while (i < stopAt) {
      if (this.state === STATE_DONE) return n;
      const lt = indexOfByte(b, 60, i, n);
      if (lt < 0) return n;
      let next: number;
      if (this.state === STATE_DATA) {
        if (isName(b, lt + 1, this.ROW, n)) next = this.row(b, lt + 1 + this.ROW.length, n);
        else if (b[lt + 1] === 47 && isName(b, lt + 2, this.SHEET_DATA, n)) {
          this.state = STATE_DONE;
          return n;
        } else next = skipElement(b, lt, n);
      } else next = this.beforeData(b, lt, n);
      if (next < 0) return lt;
      i = next;
    }
    return i;
  }

  /** One tag before <sheetData>: the root (its prefix names the elements), <sheetData> itself, or any other. */
  private beforeData(b: Uint8Array, lt: number, n: number): number {
    const other = skipNonElement(b, lt, n);
    if (other !== NOT_MARKUP) return other;
    if (this.state === STATE_ROOT) {
      let i = lt + 1;
      while (i < n && !endsName(b[i])) i++;
      const e = tagEnd(b, i, n);
      if (e < 0) return -1;
      const colon = indexOfByte(b, 58, lt + 1, i);
      this.setPrefix(colon < 0 ? new Uint8Array(0) : b.slice(lt + 1, colon + 1));
      this.state = b[e - 2] === 47 ? STATE_DONE : STATE_HEADER;
      return e;
    }
    const sd = isName(b, lt + 1, this.SHEET_DATA, n);
    const e = tagEnd(b, lt + 1, n);
    if (e < 0) return -1;
    if (sd) this.state = b[e - 2] === 47 ? STATE_DONE : STATE_DATA;
    return e;
  }

  /** A <row> whose name ends at i: its cells into the output. -1 if it is cut off at n (nothing is kept then). */
  private row(b: Uint8Array, i: number, n: number): number {
    i = scanAttrs(b, i, n, true);
    if (i < 0) return -1;
    const r = aRef >= 0 ? aRef : this.rowIdx + 1;
    if (r >= MAX_ROWS) throw new GridLimitError(aRef >= 0 ? `row ${textOf(b, aRefFrom, aRefTo)}` : `row ${r + 1}`);
    if (aSelf) {
      this.rowIdx = r;
      return i;
    }
    const { sst, date1904, styleDates } = this.ctx;
    const C = this.C,
      V = this.V,
      F = this.F,
      IS = this.IS;
    const cells = this.cells;
    // The one-letter names without a prefix (the usual case) are compared inline: the helpers
    // are not inlined into this large function, and a call per tag cost ~15% of the scan.
    const plain = C.length === 1;
    let filled = 0; // cells[0, filled) belong to this row
    let col = -1;
    let lastUsed = -1;
    let firstUsed = -1;
    for (;;) {
      let lt = i;
      while (lt < n && b[lt] !== 60) lt++;
      if (lt + 1 >= n) return -1;
      if (b[lt + 1] === 47) {
        // </row>, or a closing tag we did not expect (e.g. a row end with another prefix): the row ends.
        const gt = indexOfByte(b, 62, lt + 2, n);
        if (gt < 0) return -1;
        i = gt + 1;
        break;
      }
      if (plain ? b[lt + 1] !== 99 /* c */ || !endsName(b[lt + 2]) : !isName(b, lt + 1, C, n)) {
        i = skipElement(b, lt, n);
        if (i < 0) return -1;
        continue;
      }
      i = scanAttrs(b, lt + 1 + C.length, n, false);
      if (i < 0) return -1;
      col = aRef >= 0 ? aRef : col + 1;
      if (col >= MAX_COLS) throw new GridLimitError(aRef >= 0 ? `cell ${textOf(b, aRefFrom, Math.min(aRefTo, aRefFrom + 40))}` : `a cell after column XFD in row ${r + 1}`);
      const type = aType;
      const style = aStyle;
      let vs = -1; // <v> text in b[vs, ve); -1 without <v>
      let ve = -1;
      let inline: string | null = null;
      let hasF = false;
      if (!aSelf) {
        for (;;) {
          let lt2 = i;
          while (lt2 < n && b[lt2] !== 60) lt2++;
          if (lt2 + 1 >= n) return -1;
          const c1 = b[lt2 + 1];
          if (c1 === 47) {
            // </c>
            if (plain && lt2 + 3 < n && b[lt2 + 3] === 62) {
              i = lt2 + 4;
              break;
            }
            const gt = indexOfByte(b, 62, lt2 + 2, n);
            if (gt < 0) return -1;
            i = gt + 1;
            break;
          }
          if (plain ? c1 === 118 /* v */ && lt2 + 2 < n && b[lt2 + 2] === 62 : false) {
            // <v>text</v>, the common shape
            vs = lt2 + 3;
            ve = vs;
            while (ve < n && b[ve] !== 60) ve++;
            if (ve + 3 >= n) return -1;
            if (b[ve + 1] === 47 && b[ve + 2] === 118 && b[ve + 3] === 62) i = ve + 4;
            else {
              const gt2 = indexOfByte(b, 62, ve, n);
              if (gt2 < 0) return -1;
              i = gt2 + 1;
            }
          } else if (isName(b, lt2 + 1, V, n)) {
            const gt = indexOfByte(b, 62, lt2 + 1 + V.length, n);
            if (gt < 0) return -1;
            if (b[gt - 1] === 47) {
              vs = ve = gt + 1;
              i = gt + 1;
            } else {
              vs = gt + 1;
              ve = indexOfByte(b, 60, vs, n);
              if (ve < 0) return -1;
              const gt2 = indexOfByte(b, 62, ve, n);
              if (gt2 < 0) return -1;
              i = gt2 + 1;
            }
          } else if (isName(b, lt2 + 1, F, n)) {
            hasF = true;
            const gt = indexOfByte(b, 62, lt2 + 1 + F.length, n);
            if (gt < 0) return -1;
            if (b[gt - 1] === 47) i = gt + 1;
            else {
              const fe = indexOfByte(b, 60, gt, n);
              const gt2 = fe < 0 ? -1 : indexOfByte(b, 62, fe, n);
              if (gt2 < 0) return -1;
              i = gt2 + 1;
            }
          } else if (isName(b, lt2 + 1, IS, n)) {
            const gt = indexOfByte(b, 62, lt2 + 1 + IS.length, n);
            if (gt < 0) return -1;
            if (b[gt - 1] === 47) {
              inline = "";
              i = gt + 1;
            } else {
              const ie = indexOfSeq(b, this.IS_END, gt, n);
              if (ie < 0) return -1;
              const text = textOf(b, gt + 1, ie);
              inline = richText(text, 0, text.length);
              i = ie + this.IS_END.length;
            }
          } else {
            i = skipElement(b, lt2, n);
            if (i < 0) return -1;
          }
        }
      }
      let value: CellValue = null;
      switch (type) {
        case T_N:
          if (ve > vs) {
            const v = numberAt(b, vs, ve);
            value = v === v ? (styleDates && styleDates[style] === 1 ? v + DAYS_1904 : v) : null;
          } else if (inline !== null) value = inline;
          break;
        case T_S:
          if (ve > vs) value = sharedStringAt(sst, b, vs, ve);
          break;
        case T_STR:
          value = vs < 0 ? inline : decodeText(textOf(b, vs, ve));
          break;
        case T_INLINE:
          value = inline !== null ? inline : vs >= 0 ? decodeText(textOf(b, vs, ve)) : null;
          break;
        case T_B:
          if (ve > vs) value = (ve - vs === 1 && b[vs] === 49) || (ve - vs === 4 && textOf(b, vs, ve) === "true");
          break;
        case T_E:
          value = vs < 0 ? null : decodeEntities(textOf(b, vs, ve));
          break;
        case T_D:
          value = vs < 0 ? null : isoToSerial(decodeEntities(textOf(b, vs, ve)), date1904);
          break;
      }
      if (value === "") value = null;
      if (value !== null || hasF) {
        while (filled < col) cells[filled++] = null;
        cells[col] = value;
        if (col >= filled) filled = col + 1;
        if (firstUsed < 0 || col < firstUsed) firstUsed = col;
        if (col > lastUsed) lastUsed = col;
      }
    }
    this.rowIdx = r;
    if (lastUsed >= 0) {
      // A row whose used cells are all formulas with empty results still counts as used.
      const out = this.out;
      if (firstUsed < out.minCol) out.minCol = firstUsed;
      if (r < out.minRow) out.minRow = r;
      if (r > out.maxRow) out.maxRow = r;
      out.rowNums.push(r);
      // An exact-length copy: a row array grown by push keeps spare capacity (~17 slots for 8 cells).
      out.rowCells.push(cells.slice(0, lastUsed + 1));
    }
    return i;
  }
}

/** a followed by the first `take` bytes of b, in a new array. */
function concat(a: Uint8Array, b: Uint8Array, take: number): Uint8Array {
  const out = new Uint8Array(a.length + take);
  out.set(a);
  out.set(take === b.length ? b : b.subarray(0, take), a.length);
  return out;
}

/** Scan a worksheet part that is in memory whole. */
export function scanWorksheet(bytes: Uint8Array, ctx: ScanContext): ScannedSheet {
  const sc = new WorksheetScanner(ctx);
  sc.push(bytes);
  return sc.end();
}
