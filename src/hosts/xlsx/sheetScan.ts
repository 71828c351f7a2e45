/**
 * The hot path of the reader: <sheetData> and the shared-string table, scanned with indexOf
 * and char codes (no DOM, no per-tag objects). A 500,000 × 8 sheet is ~150 MB of XML; it is
 * decoded and scanned in chunks that end on a row boundary so that no single string gets
 * near V8's string-length limit and memory stays flat.
 */
import type { CellValue } from "../../sheets/grid";
import { decodeEntities, decodeText, decodeXml, elementEnd, nextTag, rootPrefix } from "./xml";

const CHUNK_BYTES = 8 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Shared strings

/** The text of rich-text content: every <t> concatenated, phonetic runs (<rPh>) left out. */
export function richText(s: string, from: number, to: number): string {
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

/** Parse xl/sharedStrings.xml into an array of strings. */
export function parseSharedStrings(bytes: Uint8Array): string[] {
  const s = decodeXml(bytes);
  const p = rootPrefix(s);
  const SI = "<" + p + "si";
  const SI_END = "</" + p + "si>";
  const T = "<" + p + "t";
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    const a = s.indexOf(SI, pos);
    if (a < 0) break;
    const nc = s.charCodeAt(a + SI.length);
    if (nc !== 62 && nc !== 32 && nc !== 47 && nc !== 9 && nc !== 10 && nc !== 13) {
      pos = a + SI.length;
      continue;
    }
    const gt = s.indexOf(">", a);
    if (s.charCodeAt(gt - 1) === 47) {
      out.push("");
      pos = gt + 1;
      continue;
    }
    const e = s.indexOf(SI_END, gt);
    const end = e < 0 ? s.length : e;
    // Fast path: a single plain <t>…</t>.
    const t0 = s.indexOf(T, gt);
    let text: string | null = null;
    if (t0 === gt + 1) {
      const tgt = s.indexOf(">", t0);
      if (s.charCodeAt(tgt - 1) !== 47) {
        const tEnd = s.indexOf("<", tgt);
        if (tEnd >= 0 && s.startsWith("</" + p + "t>", tEnd) && tEnd + p.length + 4 === end) text = decodeText(s.slice(tgt + 1, tEnd));
      }
    }
    out.push(text ?? richText(s, gt + 1, end));
    pos = end + SI_END.length;
  }
  return out;
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

export interface ScannedSheet {
  /** Absolute row index of each scanned row, in file order. */
  rowNums: number[];
  /** Cells of each row indexed by absolute column (nulls fill gaps; trailing unused cells trimmed). */
  rowCells: CellValue[][];
  minCol: number;
  minRow: number;
  maxRow: number;
}

const T_N = 0,
  T_S = 1,
  T_STR = 2,
  T_INLINE = 3,
  T_B = 4,
  T_E = 5,
  T_D = 6;

/** Scratch fields written by the attribute scanners (avoids an object per cell). */
let aRef = -1; // column from r="…" (or the row number for <row>), -1 when absent
let aType = T_N;
let aSelf = false;

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Scan the attributes of a <c> or <row> start tag from i; returns the index after ">". */
function scanAttrs(s: string, i: number, isRow: boolean): number {
  aRef = -1;
  aType = T_N;
  aSelf = false;
  const n = s.length;
  for (;;) {
    let c = s.charCodeAt(i);
    while (isWs(c)) c = s.charCodeAt(++i);
    if (c === 62 /* > */) return i + 1;
    if (c === 47 /* / */) {
      aSelf = true;
      return s.indexOf(">", i) + 1;
    }
    if (i >= n) return n;
    const nameStart = i;
    while (i < n && s.charCodeAt(i) !== 61 /* = */ && !isWs(s.charCodeAt(i))) i++;
    const nameLen = i - nameStart;
    const first = s.charCodeAt(nameStart);
    while (s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39 && i < n) i++;
    const q = s.charCodeAt(i);
    const vs = i + 1;
    const ve = s.indexOf(q === 34 ? '"' : "'", vs);
    if (ve < 0) return n;
    if (nameLen === 1) {
      if (first === 114 /* r */) {
        if (isRow) {
          let v = 0;
          for (let k = vs; k < ve; k++) {
            const d = s.charCodeAt(k) - 48;
            if (d >= 0 && d <= 9) v = v * 10 + d;
          }
          aRef = v - 1;
        } else {
          let col = 0;
          let k = vs;
          for (; k < ve; k++) {
            let ch = s.charCodeAt(k);
            if (ch === 36 /* $ */) continue;
            if (ch >= 97 && ch <= 122) ch -= 32;
            if (ch < 65 || ch > 90) break;
            col = col * 26 + (ch - 64);
          }
          aRef = col - 1;
        }
      } else if (first === 116 /* t */ && !isRow) {
        const len = ve - vs;
        const t0 = s.charCodeAt(vs);
        if (len === 1) aType = t0 === 115 ? T_S : t0 === 98 ? T_B : t0 === 101 ? T_E : t0 === 100 ? T_D : T_N;
        else if (len === 3 && t0 === 115) aType = T_STR;
        else if (t0 === 105) aType = T_INLINE;
        else aType = T_N;
      }
    }
    i = ve + 1;
  }
}

/** Index just after the end of the element starting at lt (any element; used for rare children). */
function skipElement(s: string, lt: number): number {
  const t = nextTag(s, lt);
  if (!t) return s.length;
  return t.close || t.selfClose || !t.name ? t.end : elementEnd(s, t);
}

export interface ScanContext {
  sst: string[];
  date1904: boolean;
}

class SheetScanner {
  readonly out: ScannedSheet = { rowNums: [], rowCells: [], minCol: Infinity, minRow: Infinity, maxRow: -1 };
  private rowIdx = -1;
  private started = false;
  done = false;
  private p = "";
  private ROW = "<row";
  private C = "<c";
  private V = "<v";
  private F = "<f";
  private IS = "<is";
  private ROW_END = "</row>";
  private IS_END = "</is>";
  private SD = "<sheetData";
  private SD_END = "</sheetData";

  constructor(private readonly ctx: ScanContext) {}

  setPrefix(p: string): void {
    this.p = p;
    this.ROW = "<" + p + "row";
    this.C = "<" + p + "c";
    this.V = "<" + p + "v";
    this.F = "<" + p + "f";
    this.IS = "<" + p + "is";
    this.ROW_END = "</" + p + "row>";
    this.IS_END = "</" + p + "is>";
    this.SD = "<" + p + "sheetData";
    this.SD_END = "</" + p + "sheetData";
  }

  private static endsName(c: number): boolean {
    return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
  }

  /** Scan one chunk of the sheet XML (chunks end on a row boundary). */
  scan(s: string): void {
    if (this.done) return;
    let pos = 0;
    if (!this.started) {
      const sd = s.indexOf(this.SD);
      if (sd < 0) return;
      const gt = s.indexOf(">", sd);
      this.started = true;
      if (s.charCodeAt(gt - 1) === 47) {
        this.done = true;
        return;
      }
      pos = gt + 1;
    }
    const ROW = this.ROW;
    for (;;) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) return;
      if (s.startsWith(ROW, lt) && SheetScanner.endsName(s.charCodeAt(lt + ROW.length))) {
        pos = this.row(s, lt + ROW.length);
        continue;
      }
      if (s.startsWith(this.SD_END, lt)) {
        this.done = true;
        return;
      }
      pos = skipElement(s, lt);
    }
  }

  private row(s: string, i: number): number {
    i = scanAttrs(s, i, true);
    const r = aRef >= 0 ? aRef : this.rowIdx + 1;
    this.rowIdx = r;
    if (aSelf) return i;
    const { sst, date1904 } = this.ctx;
    const C = this.C,
      V = this.V,
      F = this.F,
      IS = this.IS;
    const cells: CellValue[] = [];
    let col = -1;
    let lastUsed = -1;
    let firstUsed = -1;
    for (;;) {
      const lt = s.indexOf("<", i);
      if (lt < 0) return s.length;
      if (s.startsWith(C, lt) && SheetScanner.endsName(s.charCodeAt(lt + C.length))) {
        i = scanAttrs(s, lt + C.length, false);
        col = aRef >= 0 ? aRef : col + 1;
        const type = aType;
        let value: CellValue = null;
        let raw: string | null = null;
        let inline: string | null = null;
        let hasF = false;
        if (!aSelf) {
          for (;;) {
            const lt2 = s.indexOf("<", i);
            if (lt2 < 0) {
              i = s.length;
              break;
            }
            if (s.charCodeAt(lt2 + 1) === 47) {
              // </c>
              i = s.indexOf(">", lt2) + 1;
              break;
            }
            if (s.startsWith(V, lt2) && SheetScanner.endsName(s.charCodeAt(lt2 + V.length))) {
              const gt = s.indexOf(">", lt2);
              if (s.charCodeAt(gt - 1) === 47) {
                raw = "";
                i = gt + 1;
              } else {
                const ve = s.indexOf("<", gt);
                raw = s.slice(gt + 1, ve);
                i = s.indexOf(">", ve) + 1;
              }
            } else if (s.startsWith(F, lt2) && SheetScanner.endsName(s.charCodeAt(lt2 + F.length))) {
              hasF = true;
              const gt = s.indexOf(">", lt2);
              if (s.charCodeAt(gt - 1) === 47) i = gt + 1;
              else {
                const fe = s.indexOf("<", gt);
                i = s.indexOf(">", fe) + 1;
              }
            } else if (s.startsWith(IS, lt2) && SheetScanner.endsName(s.charCodeAt(lt2 + IS.length))) {
              const gt = s.indexOf(">", lt2);
              if (s.charCodeAt(gt - 1) === 47) {
                inline = "";
                i = gt + 1;
              } else {
                const ie = s.indexOf(this.IS_END, gt);
                const end = ie < 0 ? s.length : ie;
                inline = richText(s, gt + 1, end);
                i = end + this.IS_END.length;
              }
            } else {
              i = skipElement(s, lt2);
            }
          }
        }
        switch (type) {
          case T_N:
            if (raw !== null && raw.length > 0) {
              const n = +raw;
              value = n === n ? n : null;
            } else if (inline !== null) value = inline;
            break;
          case T_S:
            if (raw !== null && raw.length > 0) {
              const v = sst[+raw];
              value = v === undefined ? null : v;
            }
            break;
          case T_STR:
            value = raw === null ? inline : decodeText(raw);
            break;
          case T_INLINE:
            value = inline !== null ? inline : raw !== null ? decodeText(raw) : null;
            break;
          case T_B:
            value = raw === null || raw === "" ? null : raw === "1" || raw === "true";
            break;
          case T_E:
            value = raw === null ? null : decodeEntities(raw);
            break;
          case T_D:
            value = raw === null ? null : isoToSerial(decodeEntities(raw), date1904);
            break;
        }
        if (value === "") value = null;
        if (value !== null || hasF) {
          while (cells.length < col) cells.push(null);
          cells[col] = value;
          if (firstUsed < 0 || col < firstUsed) firstUsed = col;
          if (col > lastUsed) lastUsed = col;
        }
        continue;
      }
      if (s.startsWith(this.ROW_END, lt)) {
        i = lt + this.ROW_END.length;
        break;
      }
      if (s.charCodeAt(lt + 1) === 47) {
        // A closing tag we did not expect (e.g. prefixed row end): treat as end of row.
        i = s.indexOf(">", lt) + 1;
        break;
      }
      i = skipElement(s, lt);
    }
    if (lastUsed >= 0) {
      if (cells.length > lastUsed + 1) cells.length = lastUsed + 1;
      // A row whose used cells are all formulas with empty results still counts as used.
      const out = this.out;
      if (firstUsed < out.minCol) out.minCol = firstUsed;
      if (r < out.minRow) out.minRow = r;
      if (r > out.maxRow) out.maxRow = r;
      out.rowNums.push(r);
      out.rowCells.push(cells);
    }
    return i;
  }
}

/** Position just after the last "</row>" (any prefix) in bytes[from, to), or -1. */
function lastRowEnd(bytes: Uint8Array, from: number, to: number): number {
  // Look for "row>" preceded by "</" or "</prefix:".
  for (let i = to - 4; i >= from; i--) {
    if (bytes[i] === 0x72 && bytes[i + 1] === 0x6f && bytes[i + 2] === 0x77 && bytes[i + 3] === 0x3e) {
      let k = i - 1;
      if (bytes[k] === 0x3a /* : */) {
        k--;
        while (k > from && bytes[k] !== 0x2f && bytes[k] !== 0x3c && bytes[k] !== 0x3e && bytes[k] > 0x20) k--;
      }
      if (bytes[k] === 0x2f && bytes[k - 1] === 0x3c) return i + 4;
    }
  }
  return -1;
}

/** Scan a worksheet part. */
export function scanWorksheet(bytes: Uint8Array, ctx: ScanContext): ScannedSheet {
  const sc = new SheetScanner(ctx);
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16 || bytes.length <= CHUNK_BYTES) {
    const s = decodeXml(bytes);
    sc.setPrefix(rootPrefix(s));
    sc.scan(s);
    return sc.out;
  }
  const decoder = new TextDecoder("utf-8");
  let start = 0;
  let first = true;
  while (start < bytes.length && !sc.done) {
    let end = Math.min(bytes.length, start + CHUNK_BYTES);
    if (end < bytes.length) {
      const cut = lastRowEnd(bytes, start, end);
      if (cut > start) end = cut;
      else {
        // No row ends in this window (a gigantic row): extend to the next row end.
        let e = end;
        let found = -1;
        while (e < bytes.length && found < 0) {
          const next = Math.min(bytes.length, e + CHUNK_BYTES);
          found = lastRowEnd(bytes, e - 8 > start ? e - 8 : start, next);
          e = next;
        }
        end = found > 0 ? found : bytes.length;
      }
    }
    const s = decoder.decode(bytes.subarray(start, end));
    if (first) {
      sc.setPrefix(rootPrefix(s));
      first = false;
    }
    sc.scan(s);
    start = end;
  }
  return sc.out;
}
