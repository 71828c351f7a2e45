/**
 * Tier arithmetic of a rebate rule (SPEC §5): which tier a cumulative basis reaches and what
 * the whole cumulative basis is entitled to. Pure and exact.
 *
 * ROUNDING RULE (the only one in the rebate engine, also in the README):
 *   An entitlement is computed exactly (decimal.js: per-unit fen × units, share × fen) and
 *   rounded ONCE, half-up (half away from zero) to the whole fen, on the cumulative basis of
 *   one customer × one rule at a point in time. Everything else is a difference of such
 *   rounded entitlements, so it is exact integer fen:
 *     month payment = entitlement(cumulative to month end) − entitlement(cumulative to the
 *                     end of the previous month) = cumulative entitlement − paid before;
 *     line rebate   = entitlement(cumulative after the line) − entitlement(before the line).
 *   Hence the lines of a month sum to the month's payment and the payments of an agreement
 *   period sum to its final entitlement, to the fen.
 */
import { Decimal } from "decimal.js";
import type { RebateRate, RebateRule } from "../model";
import type { Money } from "../money";

/** Cumulative basis of one customer × rule: net units and net amount (fen); returns are negative. */
export interface Accrual {
  qty: number;
  amount: Money;
}

export const ZERO_ACCRUAL: Accrual = { qty: 0, amount: 0 };

export function addAccrual(a: Accrual, qty: number, amount: Money): Accrual {
  return { qty: a.qty + qty, amount: a.amount + amount };
}

/** The rule's basis value of an accrual: units, or fen for an amount basis. */
export function basisValue(rule: Pick<RebateRule, "basis">, a: Accrual): number {
  return rule.basis === "quantity" ? a.qty : a.amount;
}

/**
 * Index of the highest tier reached ("reached or exceeded"), or −1. A tier "from 0" is
 * reached from the first unit, i.e. only by a positive basis: nothing is reached without a
 * net purchase.
 */
export function tierReached(thresholds: readonly number[], value: number): number {
  if (!(value > 0)) return -1;
  let hit = -1;
  for (let i = 0; i < thresholds.length; i++) if (value >= thresholds[i]) hit = i;
  return hit;
}

function rateOn(rate: RebateRate, units: Decimal | number, amount: Decimal | number): Decimal {
  if (rate.perUnit !== undefined) return new Decimal(rate.perUnit).times(units);
  if (rate.share !== undefined) return new Decimal(rate.share).times(amount);
  return new Decimal(0);
}

/**
 * Exact (unrounded) entitlement in fen of a cumulative accrual.
 * - whole-volume: the rate of the highest tier reached applies to every unit (or every fen);
 *   a fixed tier pays its lump sum.
 * - graduated: each band [t_i, t_{i+1}) is paid at its own rate on the part of the basis in
 *   it; a fixed tier adds its lump sum once reached. (Readers ensure that a graduated rule's
 *   per-unit rates sit on a quantity basis and its shares on an amount basis.)
 * Negative cumulative bases (returns exceeding pick-ups) are entitled to nothing.
 */
export function entitlementExact(rule: Pick<RebateRule, "basis" | "thresholds" | "rates" | "mode">, a: Accrual): Decimal {
  const value = basisValue(rule, a);
  const top = tierReached(rule.thresholds, value);
  if (top < 0) return new Decimal(0);
  const units = Math.max(0, a.qty);
  const amount = Math.max(0, a.amount);
  if (rule.mode === "wholeVolume") {
    const r = rule.rates[top];
    if (r.fixed !== undefined) return new Decimal(r.fixed);
    return rateOn(r, units, amount);
  }
  let sum = new Decimal(0);
  for (let i = 0; i <= top; i++) {
    const r = rule.rates[i];
    if (r.fixed !== undefined) {
      sum = sum.plus(r.fixed);
      continue;
    }
    const lo = rule.thresholds[i];
    const hi = i + 1 < rule.thresholds.length ? rule.thresholds[i + 1] : Infinity;
    const part = new Decimal(Math.min(value, hi)).minus(lo);
    if (part.lte(0)) continue;
    sum = sum.plus(rateOn(r, part, part));
  }
  return sum;
}

/** Entitlement in whole fen: the exact value rounded half-up once (see the rounding rule above). */
export function entitlement(rule: Pick<RebateRule, "basis" | "thresholds" | "rates" | "mode">, a: Accrual): Money {
  return roundFen(entitlementExact(rule, a));
}

/** The one rounding: exact fen → whole fen, half-up (half away from zero). */
export function roundFen(exact: Decimal): Money {
  return exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** The next tier above the one reached: its index and how much basis is still missing. */
export function nextTier(rule: Pick<RebateRule, "basis" | "thresholds">, a: Accrual): { index: number; threshold: number; missing: number } | null {
  const value = basisValue(rule, a);
  const i = tierReached(rule.thresholds, value) + 1;
  if (i >= rule.thresholds.length) return null;
  const t = rule.thresholds[i];
  // A tier "from 0" is reached by the first unit (or fen) above a zero or negative basis.
  const missing = t - value + (t === 0 ? 1 : 0);
  return { index: i, threshold: t, missing: Math.max(0, missing) };
}
