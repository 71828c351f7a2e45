/**
 * A growable UTF-8 byte buffer that the writer builds worksheet XML in, one part at a time.
 *
 * Why not strings: the bench's result workbook has a 69 MB customer sheet and a 39 MB call-list
 * sheet. Built as one string per cell in a Map, then joined and passed through TextEncoder
 * (the writer before this file), that made ~1.3 million short-lived cell strings plus a
 * two-byte 130 MB string (one CJK character makes V8 store the whole sheet as UTF-16), and
 * three mark-compact GCs of ~250 ms each inside applyPatchToXlsx on top of the input grids
 * (docs/PERFORMANCE.md, 500,000-line bench). Writing bytes straight into one buffer that is
 * reused for every part allocates nothing per cell.
 *
 * Runs in Node and in the browser: Uint8Array and TextEncoder only.
 */

const encoder = new TextEncoder();

const HEX = "0123456789ABCDEF";

/** Characters cellText writes otherwise than as plain UTF-8 (or notes: tab, line feed). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001F&<>_\uFFFE\uFFFF]/;

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** True for the characters cellText writes as `_xHHHH_`. */
function hexEscaped(c: number): boolean {
  return (c < 0x20 && c !== 9 && c !== 10) || c === 0xfffe || c === 0xffff;
}

/**
 * True if s[i..] starts what a reader would take for `_xHHHH_` (OOXML's escape of a character,
 * ST_Xstring) once written: `_xHHHH_` itself, or `_xHHHH` before a character that is written
 * as an escape (which starts with "_").
 */
function escapeAt(s: string, i: number): boolean {
  if (
    i + 6 >= s.length ||
    s.charCodeAt(i + 1) !== 120 /* x */ ||
    !isHexDigit(s.charCodeAt(i + 2)) ||
    !isHexDigit(s.charCodeAt(i + 3)) ||
    !isHexDigit(s.charCodeAt(i + 4)) ||
    !isHexDigit(s.charCodeAt(i + 5))
  )
    return false;
  const c = s.charCodeAt(i + 6);
  return c === 95 /* _ */ || hexEscaped(c);
}

export class ByteSink {
  buf: Uint8Array;
  /** A view of `buf` for writing 4 bytes at a time (see Template). */
  dv: DataView;
  len = 0;
  /** Set by cellText: the text had a tab or a line feed. */
  sawBreak = false;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
    this.dv = new DataView(this.buf.buffer);
  }

  /** Make room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.len + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }

  /**
   * Make room for `total` bytes in all, at once: growing by doubling from 1 MB to the bench's
   * 60 MB customer sheet copied 63 MB and touched 127 MB of fresh memory (~130 ms of the first,
   * cold edit of that sheet; measured 483 ms without, 354 ms with this).
   */
  reserve(total: number): void {
    if (total <= this.buf.length) return;
    const next = new Uint8Array(total);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }

  /** The bytes written so far (a view: valid until the next write or reset). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /** A copy of the bytes written so far. */
  copy(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  reset(): void {
    this.len = 0;
  }

  /** Bytes as they are. */
  raw(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.len;
    if (n < 32) for (let i = 0; i < n; i++) buf[p++] = b[i];
    else {
      buf.set(b, p);
      p += n;
    }
    this.len = p;
  }

  /** Bytes from..to of `src` as they are. */
  slice(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    this.ensure(n);
    const buf = this.buf;
    let p = this.len;
    if (n < 64) for (let i = from; i < to; i++) buf[p++] = src[i];
    else {
      buf.set(src.subarray(from, to), p);
      p += n;
    }
    this.len = p;
  }

  /** A string of ASCII characters only (tag names, attributes the writer composes). */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.len;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.len = p;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** A non-negative integer below 2^53 in decimal. */
  uint(n: number): void {
    this.ensure(16);
    const buf = this.buf;
    if (n < 10) {
      buf[this.len++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    const start = this.len;
    let p = start + digits;
    this.len = p;
    let x = n;
    while (p > start) {
      buf[--p] = 48 + (x % 10);
      x = Math.floor(x / 10);
    }
  }

  /**
   * A finite number as Excel stores it in <v>: JavaScript's shortest round-trip form, -0 as
   * "0" (what sheetWriter's numberText returns), integers without a string in between.
   *
   * Numbers with at most 6 decimals (money, shares: most of TierPlan's) are written without
   * String(n) too: for a million distinct shares / money amounts 72 / 90 ms instead of
   * 115 / 137 ms (Node 20; String(n) was 66 ms of the bench's writer profile). The fast path is
   * exact: m / 10^d, with m and 10^d exact doubles, is the correctly rounded value of the
   * decimal m·10^-d, so the check `m / 10^d === |n|` says that decimal reads back as n; trying
   * d = 1, 2, … gives the fewest decimals, which is what String(n) writes between 1e-6 and 1e21.
   */
  number(n: number): void {
    if (Number.isInteger(n) && n > -1e15 && n < 1e15) {
      if (n < 0) {
        this.byte(45);
        this.uint(-n);
      } else this.uint(n === 0 ? 0 : n);
      return;
    }
    const a = n < 0 ? -n : n;
    if (a >= 1e-6 && a < 1e9) {
      for (let d = 1, p = 10; d <= 6; d++, p *= 10) {
        const m = Math.round(a * p);
        if (m / p !== a) continue;
        this.ensure(20);
        if (n < 0) this.buf[this.len++] = 45;
        this.uint(Math.floor(m / p));
        const buf = this.buf;
        buf[this.len++] = 46; // .
        let frac = m % p;
        for (let k = this.len + d - 1; k >= this.len; k--) {
          buf[k] = 48 + (frac % 10);
          frac = Math.floor(frac / 10);
        }
        this.len += d;
        return;
      }
    }
    this.ascii(String(n));
  }

  /** Any string as UTF-8, without escaping (for XML text the writer took from a part). */
  utf8(s: string): void {
    const n = s.length;
    this.ensure(n * 3);
    if (n > 64) {
      this.len += encoder.encodeInto(s, this.buf.subarray(this.len)).written;
      return;
    }
    const buf = this.buf;
    let p = this.len;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[p++] = c;
    }
    if (i < n) p += encoder.encodeInto(s.slice(i), buf.subarray(p)).written;
    this.len = p;
  }

  /**
   * Cell text for element content, with the same meaning as xml.ts's escapeCellText: &, <, >
   * as entities; characters XML 1.0 cannot carry (C0 controls except tab and line feed,
   * U+FFFE, U+FFFF) and CR as `_xHHHH_`; a literal `_xHHHH_` in the text protected as
   * `_x005F_xHHHH_`. Lone surrogates become U+FFFD, as TextEncoder writes them.
   *
   * Two differences from the regexes there, both cases they got wrong: every `_xHHHH_` is
   * protected, also one that starts on the underscore that ends the previous one
   * ("_x0041_x0042_", which a reader then decoded as "_x0041B"), and so is `_xHHHH` before a
   * character written as an escape ("_x0000\uFFFF" came out as "_x0000_xFFFF_", read back as
   * "\u0000xFFFF_").
   */
  cellText(s: string): void {
    const n = s.length;
    // Worst case per character: `_xFFFE_` (7 bytes); a protected escape adds 7 bytes per 7 characters.
    this.ensure(n * 7);
    if (n >= 32 && !NEEDS_ESCAPE.test(s)) {
      // Nothing to escape (the registry's base64, long reasons): the native encoder, ~10× the
      // speed of the loop below on the registry's 3.4 MB.
      this.len += encoder.encodeInto(s, this.buf.subarray(this.len)).written;
      this.sawBreak = false;
      return;
    }
    const buf = this.buf;
    let p = this.len;
    let breaks = false;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20) {
          if (c === 38) {
            buf[p++] = 38; // &amp;
            buf[p++] = 97;
            buf[p++] = 109;
            buf[p++] = 112;
            buf[p++] = 59;
          } else if (c === 60 || c === 62) {
            buf[p++] = 38; // &lt; / &gt;
            buf[p++] = c === 60 ? 108 : 103;
            buf[p++] = 116;
            buf[p++] = 59;
          } else if (c === 95 && escapeAt(s, i)) {
            // "_x005F_" then the escape's own characters, which the next iterations copy.
            buf[p++] = 95;
            buf[p++] = 120;
            buf[p++] = 48;
            buf[p++] = 48;
            buf[p++] = 53;
            buf[p++] = 70;
            buf[p++] = 95;
          } else buf[p++] = c;
        } else if (c === 9 || c === 10) {
          buf[p++] = c;
          breaks = true;
        }
        else p = this.hexEscape(p, c);
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 63);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[p++] = 0xf0 | (cp >> 18);
          buf[p++] = 0x80 | ((cp >> 12) & 63);
          buf[p++] = 0x80 | ((cp >> 6) & 63);
          buf[p++] = 0x80 | (cp & 63);
          i++;
        } else {
          buf[p++] = 0xef; // U+FFFD
          buf[p++] = 0xbf;
          buf[p++] = 0xbd;
        }
      } else if (c === 0xfffe || c === 0xffff) p = this.hexEscape(p, c);
      else {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 63);
        buf[p++] = 0x80 | (c & 63);
      }
    }
    this.len = p;
    this.sawBreak = breaks;
  }

  /** `_xHHHH_` for code unit c at p; returns the new position. */
  private hexEscape(p: number, c: number): number {
    const buf = this.buf;
    buf[p++] = 95;
    buf[p++] = 120;
    buf[p++] = HEX.charCodeAt((c >> 12) & 15);
    buf[p++] = HEX.charCodeAt((c >> 8) & 15);
    buf[p++] = HEX.charCodeAt((c >> 4) & 15);
    buf[p++] = HEX.charCodeAt(c & 15);
    buf[p++] = 95;
    return p;
  }
}

/**
 * A constant fragment of ASCII bytes, also as little-endian 32-bit words: copied with
 * DataView.setInt32 it takes about a third of the time of a byte loop (measured, Node 20:
 * 32 bytes 10 ns instead of 26 ns), and a cell is mostly such fragments.
 */
export interface Template {
  bytes: Uint8Array;
  words: Int32Array;
}

export function template(s: string): Template {
  const bytes = asciiBytes(s);
  const words = new Int32Array(bytes.length >> 2);
  for (let k = 0; k < words.length; k++) words[k] = bytes[4 * k] | (bytes[4 * k + 1] << 8) | (bytes[4 * k + 2] << 16) | (bytes[4 * k + 3] << 24);
  return { bytes, words };
}

/** Copy a template at p (room already ensured); returns the new position. */
export function putTemplate(sink: ByteSink, p: number, t: Template): number {
  const dv = sink.dv;
  const w = t.words;
  for (let k = 0; k < w.length; k++) {
    dv.setInt32(p, w[k], true);
    p += 4;
  }
  const b = t.bytes;
  const buf = sink.buf;
  for (let k = w.length << 2; k < b.length; k++) buf[p++] = b[k];
  return p;
}

/** The bytes of an ASCII string (for constant fragments). */
export function asciiBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}
