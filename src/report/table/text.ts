/**
 * What a cell shows, as text, and how wide that text is: the measure the layout uses for
 * column widths. Hand-written because no library answers "how does Excel render 1234.5 under
 * `#,##0.00`" for the handful of format codes TierPlan writes, and the width rule (a CJK
 * character is as wide as two digits in the default fonts) is TierPlan's own.
 */
import type { PatchValue } from "../patch";

const grouped2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const grouped0 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** East Asian wide and full-width characters (CJK, kana, hangul, full-width forms and punctuation). */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/**
 * Width of a text in Excel character units (the width of "0"): CJK characters count double.
 * By UTF-16 code unit, not `for…of`: the string iterator made a one-character string per
 * character, ~180 MB of garbage a run for 50,000 customers' sheets (allocation sampling).
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) w += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is one character: wide from U+20000 (CJK extension B on).
      w += isWide(s.codePointAt(i)!) ? 2 : 1;
      i++;
    } else w += isWide(c) ? 2 : 1;
  }
  return w;
}

/** The text a cell shows for `v` under the Excel format code `code` (the codes of FORMAT_CODES). */
/**
 * The widest text a run of cells shows. In grouped and percent formats a number's text only gets
 * longer with its magnitude (and a sign), so only the largest and the smallest number of each
 * format are formatted: formatting every cell took ~250 ms a run for the 16 tier columns of 50,000
 * customers (Intl.NumberFormat per cell); General and text are measured cell by cell.
 */
export class WidestText {
  private width = 0;
  private readonly ranges = new Map<string, { min: number; max: number }>();

  add(v: PatchValue | undefined, code: string): void {
    if (typeof v === "number" && (code.includes("#,##0") || code.includes("%"))) {
      const r = this.ranges.get(code);
      if (!r) this.ranges.set(code, { min: v, max: v });
      else if (v < r.min) r.min = v;
      else if (v > r.max) r.max = v;
      return;
    }
    const w = typeof v === "number" && code === "General" ? generalNumberWidth(v) : displayWidth(formattedText(v, code));
    if (w > this.width) this.width = w;
  }

  result(): number {
    let w = this.width;
    for (const [code, r] of this.ranges) w = Math.max(w, displayWidth(formattedText(r.min, code)), displayWidth(formattedText(r.max, code)));
    return w;
  }
}

/** Width of a number under General: digits and sign of an integer counted without making its text (most General cells are counts). */
function generalNumberWidth(v: number): number {
  if (!Number.isInteger(v) || Math.abs(v) >= 1e10) return displayWidth(formattedText(v, "General"));
  let w = v < 0 ? 2 : 1;
  for (let a = Math.abs(v); a >= 10; a = Math.floor(a / 10)) w++;
  return w;
}

export function formattedText(v: PatchValue | undefined, code: string): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return formattedText(v.result ?? "", code);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  if (code.includes("%")) {
    const dp = code.includes("0.0%") ? 1 : 0;
    return `${(v * 100).toFixed(dp)}%`;
  }
  const prefix = code.startsWith("¥") ? "¥" : "";
  if (code.includes("#,##0.00")) return prefix + grouped2.format(v);
  if (code.includes("#,##0")) return prefix + grouped0.format(v);
  if (code === "yyyy-mm-dd") return "0000-00-00";
  // General: up to 11 characters, as Excel shows it
  const s = String(v);
  return s.length > 11 ? v.toPrecision(6) : s;
}

/**
 * Lines a header needs at `width`: English wraps at spaces, Chinese anywhere (Excel breaks
 * CJK text between any two characters).
 */
export function wrappedLines(text: string, width: number): number {
  if (text.includes("\n")) return text.split("\n").reduce((n, line) => n + wrappedLines(line, width), 0);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/(?<=[\s/])|(?=[\u2e80-\ua4cf\uff00-\uff60])|(?<=[\u2e80-\ua4cf\uff00-\uff60])/u)) {
    if (!word) continue;
    const w = displayWidth(word.trimEnd());
    if (used > 0 && used + w > width) {
      lines++;
      used = 0;
    }
    used += displayWidth(word);
    while (used > width) {
      lines++;
      used -= width;
    }
  }
  return lines;
}

/** The widest unbreakable piece of a header (an English word; a CJK character is 2). */
export function longestWord(text: string): number {
  let best = 0;
  for (const w of text.split(/[\s/]+/)) {
    // A CJK run breaks anywhere: only its Latin parts are unbreakable.
    for (const part of w.split(/[\u2e80-\ua4cf\uff00-\uff60]/u)) best = Math.max(best, displayWidth(part));
    if (/[\u2e80-\ua4cf\uff00-\uff60]/u.test(w)) best = Math.max(best, 2);
  }
  return best;
}

/** Longest bracketed part a header is broken before; a longer one wraps like any text. */
const BRACKET_MAX = 24;

/**
 * Where a person breaks a long header with a bracketed part: before the bracket, keeping it
 * whole ("未排" / "（超出容量）"). Excel and LibreOffice fill wrapped lines greedily, which left
 * a lone "）" or "部型号）" on the second line; an explicit line break cannot be refilled.
 * Null when the header has no such part (or it is too long to keep on one line), and for
 * headers without CJK text: those wrap at spaces, which already keeps words whole.
 */
export function bracketBreak(header: string): [string, string] | null {
  if (!/[\u2e80-\ua4cf\uff00-\uff60]/u.test(header)) return null;
  const m = /^(.+?)\s*([（(][^（()）]+[)）])$/u.exec(header);
  if (!m || displayWidth(m[2]) > BRACKET_MAX) return null;
  return [m[1], m[2]];
}
