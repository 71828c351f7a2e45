/**
 * Content evidence: what the values under a header look like. A column is profiled on up to
 * SAMPLE data rows (enough to see repeats; cheap on a million-line ledger) and each field
 * gets a fit between 0 and 1 from the profile.
 */
import type { CellValue } from "../grid";
import { BAD, isBlank, parseDate, parseNumber } from "../values";
import type { CoreSalesField } from "./words";

export const SAMPLE = 300;

export interface ColumnProfile {
  /** Non-blank cells seen. */
  filled: number;
  /** Data rows looked at (blank cells included). */
  rows: number;
  /** Cells that read as a date (a date serial between 1970 and 2099, or date text). */
  dates: number;
  /** Cells that read as a number (numbers as text included). */
  numbers: number;
  /** Numbers with a fractional part. */
  decimals: number;
  /** Whole numbers between -10,000 and 10,000. */
  smallInts: number;
  /** Text cells that are not numbers or dates. */
  texts: number;
  /** Text of digits with a leading zero (card numbers): an identifier, never a number. */
  zeroCodes: number;
  /** Distinct non-blank values. */
  distinct: number;
  /** Blank cells right below a filled one within a block (what merged cells leave). */
  blanksAfterValue: number;
}

const DATE_SERIAL_MIN = 25569; // 1970-01-01
const DATE_SERIAL_MAX = 73051; // 2099-12-31

export function profileColumn(rows: readonly (readonly CellValue[])[], col: number): ColumnProfile {
  const p: ColumnProfile = { filled: 0, rows: 0, dates: 0, numbers: 0, decimals: 0, smallInts: 0, texts: 0, zeroCodes: 0, distinct: 0, blanksAfterValue: 0 };
  const seen = new Set<string>();
  let prevFilled = false;
  for (const row of rows) {
    p.rows++;
    const v = row[col] ?? null;
    if (isBlank(v)) {
      if (prevFilled) p.blanksAfterValue++;
      continue;
    }
    prevFilled = true;
    p.filled++;
    seen.add(String(v).trim());
    if (typeof v === "number") {
      p.numbers++;
      if (!Number.isInteger(v)) p.decimals++;
      else if (Math.abs(v) <= 10000) p.smallInts++;
      if (v >= DATE_SERIAL_MIN && v <= DATE_SERIAL_MAX) p.dates++;
      continue;
    }
    if (typeof v !== "string") continue;
    const s = v.trim();
    if (/^0\d+$/.test(s)) {
      p.zeroCodes++;
      p.texts++;
      continue;
    }
    const d = parseDate(s);
    if (d !== null && d !== BAD) {
      p.dates++;
      continue;
    }
    const n = parseNumber(s);
    if (n !== null && n !== BAD) {
      p.numbers++;
      if (!Number.isInteger(n)) p.decimals++;
      else if (Math.abs(n) <= 10000) p.smallInts++;
      continue;
    }
    p.texts++;
  }
  p.distinct = seen.size;
  return p;
}

/** Share of filled cells that repeat an earlier value: high for IDs on a line list, 0 on a master. */
export function repeatShare(p: ColumnProfile): number {
  return p.filled ? 1 - p.distinct / p.filled : 0;
}

/** How well a column's values fit a field, 0…1. An empty column fits nothing. */
export function contentFit(field: CoreSalesField, p: ColumnProfile): number {
  if (p.filled === 0) return 0;
  const f = p.filled;
  switch (field) {
    case "date":
      return p.dates / f;
    case "quantity":
      // Whole numbers mostly; a few fractional quantities (kg, boxes) are allowed.
      return ((p.numbers - (p.dates > p.numbers / 2 ? p.dates : 0)) / f) * (0.6 + 0.4 * (p.smallInts / Math.max(1, p.numbers)));
    case "unitPrice":
    case "amount":
      return p.numbers / f;
    case "customerId":
      // Text codes, card numbers or whole numbers; not dates, not money.
      return Math.max(0, (p.texts + p.numbers - 2 * p.decimals) / f);
    case "customerName":
    case "model":
      return Math.max(0, (p.texts + p.numbers - 2 * p.decimals - p.dates) / f);
  }
}

/** A short account of a profile for the "what was read" line: "300 dates", "repeating IDs"… */
export function evidenceText(field: CoreSalesField, p: ColumnProfile): { en: string; zh: string } {
  const pct = (n: number) => `${Math.round((100 * n) / Math.max(1, p.filled))}%`;
  switch (field) {
    case "date":
      return { en: `${pct(p.dates)} dates`, zh: `${pct(p.dates)} 为日期` };
    case "quantity":
      return { en: `${pct(p.numbers)} numbers, ${pct(p.smallInts)} whole`, zh: `${pct(p.numbers)} 为数字，${pct(p.smallInts)} 为整数` };
    case "unitPrice":
    case "amount":
      return { en: `${pct(p.numbers)} numbers, ${pct(p.decimals)} with decimals`, zh: `${pct(p.numbers)} 为数字，${pct(p.decimals)} 带小数` };
    case "customerId":
      return { en: `${p.distinct} distinct IDs, ${pct(p.filled - p.distinct)} repeats`, zh: `${p.distinct} 个不同编号，${pct(p.filled - p.distinct)} 重复` };
    case "customerName":
    case "model":
      return { en: `${p.distinct} distinct values`, zh: `${p.distinct} 个不同值` };
  }
}
