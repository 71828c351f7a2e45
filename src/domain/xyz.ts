/**
 * ABC-XYZ (SPEC §9): how steady a customer's monthly buying is, next to how much it is worth.
 *
 * Per customer, the monthly net revenue over the period's months (a month without sales is 0);
 * CV = population standard deviation ÷ mean. X when CV ≤ x (default 0.5), Y when CV ≤ y
 * (default 1.0), Z otherwise; a customer whose mean is ≤ 0 is Z.
 */
import Decimal from "decimal.js";
import type { ExplanationLang } from "./abc";
import { monthIndex, type Period } from "./calendar";
import { SalesLedger } from "./ledger";
import type { AbcClass, SalesLine } from "./model";
import { type Money, roundTo } from "./money";

export type XyzClass = "X" | "Y" | "Z";
export const XYZ_CLASSES: readonly XyzClass[] = ["X", "Y", "Z"];

export interface XyzThresholds {
  /** CV at or below: X. */
  x: number;
  /** CV at or below (and above x): Y. */
  y: number;
}

export const DEFAULT_XYZ: XyzThresholds = { x: 0.5, y: 1.0 };

export interface XyzRow {
  customerId: string;
  /** Net revenue per month of the period, in fen, oldest first. */
  monthly: Money[];
  mean: number;
  /** Population standard deviation (fen). */
  stdDev: number;
  /** null when the mean is ≤ 0 (no meaningful variation). */
  cv: number | null;
  xyz: XyzClass;
}

/**
 * Exact "CV ≤ t" for integer months: with S1 = Σm, S2 = Σm², n months, CV² = (n·S2 − S1²) / S1²,
 * so CV ≤ t ⇔ (n·S2 − S1²)·q² ≤ p²·S1² for t = p/q. BigInt because fen squared passes 2^53;
 * used only when the float CV sits within 1e-9 of a threshold (why by hand: decimal.js per
 * customer and month was the slow path for every customer, this is exact and rare).
 */
function cvAtMost(monthly: Money[], t: number): boolean {
  const [p, q] = new Decimal(t).toFraction().map((d) => BigInt(d.toFixed(0)));
  let s1 = 0n;
  let s2 = 0n;
  for (const m of monthly) {
    const b = BigInt(m);
    s1 += b;
    s2 += b * b;
  }
  const n = BigInt(monthly.length);
  return (n * s2 - s1 * s1) * q * q <= p * p * s1 * s1;
}

/** X/Y/Z of one customer's monthly net revenue (fen, integers). */
export function xyzOfMonths(monthly: Money[], t: XyzThresholds = DEFAULT_XYZ): Omit<XyzRow, "customerId"> {
  // Plain loops, no closures: this runs once per customer (50,000 in the bench).
  const n = monthly.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += monthly[i];
  const mean = n ? sum / n : 0;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (monthly[i] - mean) * (monthly[i] - mean);
  const stdDev = n ? Math.sqrt(sq / n) : 0;
  if (!(mean > 0)) return { monthly, mean, stdDev, cv: null, xyz: "Z" };
  const cv = stdDev / mean;
  const xyz: XyzClass = cvWithin(monthly, cv, t.x) ? "X" : cvWithin(monthly, cv, t.y) ? "Y" : "Z";
  return { monthly, mean, stdDev, cv, xyz };
}

/** cv ≤ limit, decided exactly when the float CV is within 1e-9 of the limit. */
function cvWithin(monthly: Money[], cv: number, limit: number): boolean {
  return Math.abs(cv - limit) < 1e-9 ? cvAtMost(monthly, limit) : cv <= limit;
}

/** Each ledger customer's net revenue per month of the period (fen), and whether it has lines there. */
interface MonthlySums {
  months: number;
  /** Customer i's month m at i × months + m. */
  sums: Float64Array;
  seen: Uint8Array;
}

/**
 * With the ledger's customer indexes and a day → month table, one pass over a million lines
 * does no Map lookup and builds no Date per line.
 */
function monthlySums(ledger: SalesLedger, period: Period): MonthlySums {
  const first = monthIndex(period.from);
  const months = monthIndex(period.to) - first + 1;
  const monthOfDay = new Int16Array(period.to - period.from + 1);
  for (let d = period.from; d <= period.to; d++) monthOfDay[d - period.from] = monthIndex(d) - first;
  const sums = new Float64Array(ledger.customerIds.length * months);
  const seen = new Uint8Array(ledger.customerIds.length);
  const { date, customer, amount } = ledger;
  for (let i = 0; i < ledger.length; i++) {
    const d = date[i];
    if (d < period.from || d > period.to) continue;
    const ci = customer[i];
    seen[ci] = 1;
    // Integer fen: sums stay exact in a double far beyond any real revenue.
    sums[ci * months + monthOfDay[d - period.from]] += amount[i];
  }
  return { months, sums, seen };
}

/** The row of ledger customer i. */
function xyzRowAt(m: MonthlySums, ids: readonly string[], i: number, t: XyzThresholds): XyzRow {
  // A plain copy of the customer's months: Array.from over a typed-array view went through
  // the iterator protocol, ~50 MB of garbage a run for 50,000 customers (allocation sampling).
  const monthly: Money[] = new Array(m.months);
  for (let k = 0; k < m.months; k++) monthly[k] = m.sums[i * m.months + k];
  const row = xyzOfMonths(monthly, t);
  return { customerId: ids[i], monthly, mean: row.mean, stdDev: row.stdDev, cv: row.cv, xyz: row.xyz };
}

/**
 * X/Y/Z for every customer in `customerIds` over the period's calendar months (customers
 * without sales get zeros and are Z; customers met only on the lines get a row too). `sales`:
 * the loader's ledger, or line objects put into one here.
 */
export function computeXyz(customerIds: readonly string[], sales: readonly SalesLine[] | SalesLedger, period: Period, t: XyzThresholds = DEFAULT_XYZ): Map<string, XyzRow> {
  const ledger = sales instanceof SalesLedger ? sales : SalesLedger.fromLines(sales, customerIds);
  const ids = ledger.customerIds;
  const m = monthlySums(ledger, period);
  const wanted = new Set(customerIds);
  const out = new Map<string, XyzRow>();
  for (let i = 0; i < ids.length; i++) {
    if (out.has(ids[i]) || (!wanted.has(ids[i]) && !m.seen[i])) continue;
    out.set(ids[i], xyzRowAt(m, ids, i, t));
  }
  return out;
}

/**
 * One row per customer of the ledger, at the customer's ledger index: for a caller whose
 * customers are the ledger's (the loader's), which finds the rows through its own index. Why:
 * computeXyz's set of wanted IDs and map of rows were two more 50,000-entry tables a run.
 */
export function xyzRowsByLedger(ledger: SalesLedger, period: Period, t: XyzThresholds = DEFAULT_XYZ): XyzRow[] {
  const m = monthlySums(ledger, period);
  const ids = ledger.customerIds;
  const rows: XyzRow[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) rows[i] = xyzRowAt(m, ids, i, t);
  return rows;
}

export type AbcXyzMatrix = Record<AbcClass, Record<XyzClass, { count: number; revenue: Money }>>;

/** Counts and net revenue per ABC × XYZ cell. */
export function abcXyzMatrix(rows: readonly { abc: AbcClass; xyz: XyzClass; revenue: Money }[]): AbcXyzMatrix {
  const cell = () => ({ count: 0, revenue: 0 });
  const m: AbcXyzMatrix = {
    A: { X: cell(), Y: cell(), Z: cell() },
    B: { X: cell(), Y: cell(), Z: cell() },
    C: { X: cell(), Y: cell(), Z: cell() },
  };
  for (const r of rows) {
    m[r.abc][r.xyz].count++;
    m[r.abc][r.xyz].revenue += r.revenue;
  }
  return m;
}

/**
 * Why a customer got its XYZ class, in the words of the rule above: the CV of its monthly net
 * revenue against the X and Y thresholds, or a mean of at most 0 (Z).
 */
export function xyzExplanation(r: Pick<XyzRow, "monthly" | "cv" | "xyz">, t: XyzThresholds, lang: ExplanationLang): string {
  const en = lang === "en";
  const months = r.monthly.length;
  if (r.cv === null) return en ? `mean monthly revenue over ${months} months ≤ 0: Z` : `${months} 个月平均销售额 ≤ 0：Z`;
  const cv = roundTo(r.cv, 2);
  const rule = r.xyz === "X" ? `≤ ${t.x}` : r.xyz === "Y" ? `≤ ${t.y}` : `> ${t.y}`;
  return en ? `CV of ${months} months' revenue ${cv} ${rule}` : `${months} 个月销售额变异系数 ${cv} ${rule}`;
}
