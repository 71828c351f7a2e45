/**
 * Forecast (SPEC §8): per customer × rule at the end of the as-of month, the run-rate
 * projection to the end of the agreement period and what the next band is worth.
 *
 *   projected basis = cumulative basis × (working days in the period ÷ working days elapsed)
 *
 * with the call list's calendar; the projected entitlement applies the rule to the projected
 * basis (target: against the whole period's plan; growth: against the whole period a year
 * earlier). Next band: the first band above the projected one; `needed` is the basis still
 * to come in before the period ends to reach it (from today's cumulative basis), `gain` what
 * reaching it pays above the projected entitlement. An open-ended rule (no valid-to) is
 * projected to the end of the as-of year.
 */
import { Decimal } from "decimal.js";
import { Day, Period, lastDayOfMonth } from "../calendar";
import type { RebateRule } from "../model";
import type { Money } from "../money";
import { Figures, NO_FIGURES, RebateInputs } from "./kind";
import { KIND_MODULES } from "./kindModules";
import { agreementPeriod, overlapsMonth } from "./rules";
import { Accrual, roundFen } from "./tiers";

export interface RebateForecast {
  customerId: string;
  ruleIndex: number;
  rule: RebateRule;
  period: Period;
  workingDaysElapsed: number;
  workingDaysTotal: number;
  /** Basis value to date and projected (units, or fen). */
  basis: number;
  projectedBasis: number;
  /** Target: achievement; growth: growth — to date and projected; else null. */
  ratio: number | null;
  projectedRatio: number | null;
  tier: number;
  projectedTier: number;
  entitlement: Money;
  projectedEntitlement: Money;
  /** The band above the projected one: its index and threshold as written (units, fen, or a share). */
  nextBand: { index: number; threshold: number } | null;
  /** Basis still needed before the period ends to reach the next band (units or fen). */
  neededForNextBand: number | null;
  /** What reaching the next band pays above the projected entitlement (fen). */
  nextBandGain: Money | null;
}

/** Basis value of an accrual under a rule (collections are always amounts). */
function ruleBasis(rule: RebateRule, a: Accrual): number {
  return rule.kind === "collection" || rule.basis === "amount" ? a.amount : a.qty;
}

/** The accrual scaled so that its basis value becomes `target` (units and amount in proportion). */
function scaledTo(rule: RebateRule, a: Accrual, target: number): Accrual {
  const now = ruleBasis(rule, a);
  if (now <= 0) return rule.kind === "collection" || rule.basis === "amount" ? { qty: 0, amount: target } : { qty: target, amount: 0 };
  const k = new Decimal(target).div(now);
  return { qty: k.times(a.qty).toNumber(), amount: k.times(a.amount).round().toNumber() };
}

export function forecastRebates(
  rules: readonly RebateRule[],
  inputs: RebateInputs,
  month: number,
  countWorkingDays: (from: Day, to: Day) => number,
): RebateForecast[] {
  const out: RebateForecast[] = [];
  rules.forEach((rule, ruleIndex) => {
    const period = agreementPeriod(rule, month);
    if (!overlapsMonth(period, month)) return;
    const mod = KIND_MODULES[rule.kind].module;
    const periodEnd = period.to === Number.MAX_SAFE_INTEGER ? lastDayOfMonth(month - (month % 12) + 11) : period.to;
    const asOfEnd = Math.min(lastDayOfMonth(month), periodEnd);
    const elapsed = countWorkingDays(period.from, asOfEnd);
    const total = countWorkingDays(period.from, periodEnd);
    const factor = elapsed > 0 ? new Decimal(total).div(elapsed) : new Decimal(1);
    const now = mod.figures(rule, inputs, period, asOfEnd);
    // The reference of the whole period (plan of all its months; last year's whole period).
    const whole = asOfEnd < periodEnd ? mod.figures(rule, inputs, { from: period.from, to: periodEnd }, periodEnd) : now;
    for (const customerId of [...now.keys()].sort()) {
      const f = now.get(customerId) ?? NO_FIGURES;
      const basis = ruleBasis(rule, f.acc);
      if (basis === 0) continue;
      const reference = (whole.get(customerId) ?? f).reference;
      const projectedAcc: Accrual = { qty: factor.times(f.acc.qty).toNumber(), amount: factor.times(f.acc.amount).round().toNumber() };
      const projected: Figures = { ...f, acc: projectedAcc, reference };
      const v = mod.value(rule, f);
      const pv = mod.value(rule, projected);
      const projectedEntitlement = roundFen(pv.exact);
      const nextIndex = pv.tier + 1 < rule.thresholds.length ? pv.tier + 1 : null;
      const needBasis = nextIndex === null ? null : mod.basisForBand(rule, nextIndex, reference);
      let gain: Money | null = null;
      if (needBasis !== null) gain = roundFen(mod.value(rule, { ...projected, acc: scaledTo(rule, projectedAcc, needBasis) }).exact) - projectedEntitlement;
      out.push({
        customerId, ruleIndex, rule, period: { from: period.from, to: periodEnd },
        workingDaysElapsed: elapsed, workingDaysTotal: total,
        basis, projectedBasis: ruleBasis(rule, projectedAcc), ratio: v.ratio, projectedRatio: pv.ratio,
        tier: v.tier, projectedTier: pv.tier, entitlement: roundFen(v.exact), projectedEntitlement,
        nextBand: nextIndex === null || needBasis === null ? null : { index: nextIndex, threshold: rule.thresholds[nextIndex] },
        neededForNextBand: needBasis === null ? null : Math.max(0, needBasis - basis),
        nextBandGain: gain,
      });
    }
  });
  return out.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.ruleIndex - b.ruleIndex));
}
