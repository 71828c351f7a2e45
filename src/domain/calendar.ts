/**
 * Calendar days as Excel serial numbers (1900 date system, integer part only), the form in
 * which both hosts deliver dates. Serial 1 = 1900-01-01; we only support dates after
 * 1900-03-01, where Excel's fictitious 1900-02-29 no longer matters.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
/** 1899-12-30 in UTC ms: serial 0 for every serial ≥ 61. */
const EPOCH = Date.UTC(1899, 11, 30);

export function dayFromYmd(y: number, m: number, d: number): Day {
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH) / MS_PER_DAY);
}

export function ymd(day: Day): { y: number; m: number; d: number } {
  const dt = new Date(EPOCH + Math.floor(day) * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** ISO "2024-05-03". */
export function isoDate(day: Day): string {
  const { y, m, d } = ymd(day);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "2024-05-03" → Day, or null. */
export function parseIsoDate(s: string): Day | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const day = dayFromYmd(y, mo, d);
  const back = ymd(day);
  return back.m === mo && back.d === d ? day : null;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  // Serial 1 (1900-01-01) was a Monday; serial 0 (1899-12-30) a Saturday.
  return (((Math.floor(day) + 6) % 7) + 7) % 7;
}

/** A month as "YYYY-MM" and an integer index (y * 12 + m - 1) for fast grouping. */
export type MonthKey = string;

export function monthIndex(day: Day): number {
  const { y, m } = ymd(day);
  return y * 12 + (m - 1);
}

export function monthKeyFromIndex(idx: number): MonthKey {
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

export function monthIndexFromKey(key: MonthKey): number | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(key.trim());
  if (!m) return null;
  const mo = +m[2];
  if (mo < 1 || mo > 12) return null;
  return +m[1] * 12 + (mo - 1);
}

export function firstDayOfMonth(idx: number): Day {
  return dayFromYmd(Math.floor(idx / 12), (idx % 12) + 1, 1);
}

export function lastDayOfMonth(idx: number): Day {
  return firstDayOfMonth(idx + 1) - 1;
}

/** An inclusive range of days. */
export interface Period {
  from: Day;
  to: Day;
}

/** Number of calendar months a period spans (whole months assumed). */
export function monthsIn(p: Period): number {
  return monthIndex(p.to) - monthIndex(p.from) + 1;
}
