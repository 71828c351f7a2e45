/**
 * Dealer stock and sell-through (SPEC §9), per dealer × model.
 *
 * - Closing stock: the dealer's latest stock count of the model (`库存 / Stock`).
 * - Window: the last 30 days up to that count. Without sell-out reports the window must start
 *   at a stock count: the latest count on or before closing − 30 days (so the window is at
 *   least 30 days; with monthly counts it is the month between them).
 * - Sell-in: net units bought in the window (pick-ups minus returns: a return lowers it).
 * - Sell-through: the sell-out reports' units in the window when the dealer reports for the
 *   model, else opening + sell-in − closing.
 * - Days of stock = closing ÷ (sell-through ÷ window days); with a 30-day window that is the
 *   SPEC's closing ÷ (sell-through of the last 30 days ÷ 30).
 * - Flag: over `overDays` (default 45) is overstock, under `underDays` (default 7) a stock-out
 *   risk. Stock with no sell-through at all is overstock (days of stock infinite, shown blank).
 */
import type { ExplanationLang } from "./abc";
import type { Day } from "./calendar";
import type { SalesLine } from "./model";

export interface StockCount {
  date: Day;
  customerId: string;
  model: string;
  quantity: number;
}

export interface SellOutReport {
  date: Day;
  customerId: string;
  model: string;
  quantity: number;
}

export interface StockThresholds {
  overDays: number;
  underDays: number;
}

const DEFAULT_STOCK_THRESHOLDS: StockThresholds = { overDays: 45, underDays: 7 };

/** Days the window should cover (SPEC: "the last 30 days"). */
export const STOCK_WINDOW_DAYS = 30;

export type StockFlag = "overstock" | "stockOutRisk";

export interface StockRow {
  customerId: string;
  model: string;
  /** Window (exclusive start, inclusive end): sales on days start+1 … end count. */
  windowStart: Day;
  windowEnd: Day;
  openingStock: number | null;
  sellIn: number;
  /** null when it cannot be known (a single stock count and no sell-out report). */
  sellThrough: number | null;
  sellThroughSource: "report" | "stockCounts" | null;
  stock: number;
  /** null when unknown, or when nothing sells (infinite). */
  daysOfStock: number | null;
  flag: StockFlag | null;
  /** Sell-through came out negative (stock rose by more than was bought): treated as 0. */
  negativeSellThrough: boolean;
}

const key = (c: string, m: string) => `${c}\u0000${m}`;

/** Stock position of every dealer × model that has a stock count. */
export function computeStock(
  counts: readonly StockCount[],
  sales: readonly SalesLine[],
  sellOut: readonly SellOutReport[],
  t: StockThresholds = DEFAULT_STOCK_THRESHOLDS,
): StockRow[] {
  const byKey = new Map<string, StockCount[]>();
  for (const c of counts) {
    const k = key(c.customerId, c.model);
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(c);
  }
  const salesByKey = groupDated(sales);
  const reportsByKey = groupDated(sellOut);
  const out: StockRow[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.date - b.date);
    const closing = list[list.length - 1];
    // Several counts on the closing day: the last one read wins (a recount).
    const k = key(closing.customerId, closing.model);
    const reports = reportsByKey.get(k);
    let opening: StockCount | null = null;
    for (const c of list) if (c.date <= closing.date - STOCK_WINDOW_DAYS) opening = c;
    const windowStart = reports || !opening ? closing.date - STOCK_WINDOW_DAYS : opening.date;
    const sellIn = sumIn(salesByKey.get(k), windowStart, closing.date);
    let sellThrough: number | null = null;
    let source: StockRow["sellThroughSource"] = null;
    if (reports) {
      sellThrough = sumIn(reports, windowStart, closing.date);
      source = "report";
    } else if (opening) {
      sellThrough = opening.quantity + sellIn - closing.quantity;
      source = "stockCounts";
    }
    const negative = sellThrough !== null && sellThrough < 0;
    if (negative) sellThrough = 0;
    const days = closing.date - windowStart;
    const { daysOfStock, flag } = daysAndFlag(closing.quantity, sellThrough, days, t);
    out.push({
      customerId: closing.customerId,
      model: closing.model,
      windowStart,
      windowEnd: closing.date,
      openingStock: reports ? null : opening?.quantity ?? null,
      sellIn,
      sellThrough,
      sellThroughSource: source,
      stock: closing.quantity,
      daysOfStock,
      flag,
      negativeSellThrough: negative,
    });
  }
  out.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return out;
}

/** Days of stock and its flag from closing stock, the window's sell-through and its length. */
function daysAndFlag(stock: number, sellThrough: number | null, windowDays: number, t: StockThresholds): { daysOfStock: number | null; flag: StockFlag | null } {
  if (sellThrough === null || windowDays <= 0) return { daysOfStock: null, flag: null };
  if (sellThrough <= 0) return { daysOfStock: null, flag: stock > 0 ? "overstock" : null };
  const daysOfStock = stock / (sellThrough / windowDays);
  const flag: StockFlag | null = daysOfStock > t.overDays ? "overstock" : daysOfStock < t.underDays ? "stockOutRisk" : null;
  return { daysOfStock, flag };
}

function groupDated<T extends { customerId: string; model: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r.customerId, r.model);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  }
  return m;
}

function sumIn(rows: readonly { date: Day; quantity: number }[] | undefined, afterDay: Day, throughDay: Day): number {
  let s = 0;
  if (rows) for (const r of rows) if (r.date > afterDay && r.date <= throughDay) s += r.quantity;
  return s;
}

/** Dealers with at least one overstocked model, with the worst model's days (for the call list). */
export function overstockedDealers(rows: readonly StockRow[]): Map<string, { models: string[]; days: number | null }> {
  const out = new Map<string, { models: string[]; days: number | null }>();
  for (const r of rows) {
    if (r.flag !== "overstock") continue;
    let e = out.get(r.customerId);
    if (!e) out.set(r.customerId, (e = { models: [], days: r.daysOfStock }));
    e.models.push(r.model);
    // null = infinite (nothing sells): it stays the worst.
    if (e.days !== null) e.days = r.daysOfStock === null ? null : Math.max(e.days, r.daysOfStock);
  }
  return out;
}

/** The days-of-stock rule and its flags in words, with the thresholds it was run with. */
export function daysOfStockRule(t: StockThresholds, lang: ExplanationLang): string {
  const w = STOCK_WINDOW_DAYS;
  return lang === "en"
    ? `Days of stock = closing stock ÷ (sell-through in the window ÷ its days); the window is the ${w} days up to the count (without sell-out reports, from the last count at least ${w} days earlier); over ${t.overDays} days is overstock (so is stock that does not sell), under ${t.underDays} days a stock-out risk`
    : `周转天数 = 期末库存 ÷（期间动销 ÷ 期间天数）；期间为盘点日前 ${w} 天（无分销上报时，自盘点日前至少 ${w} 天的上一次盘点起）；超过 ${t.overDays} 天为库存积压（有库存而无动销亦为积压），低于 ${t.underDays} 天为断货风险`;
}
