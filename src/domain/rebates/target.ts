/**
 * 任务返利, target rebate (SPEC §8): paid by plan achievement. Achievement to date = the
 * cumulative actual of the agreement period (the rule's model, or all models; units or amount
 * by the rule's basis) ÷ the plan targets of the period's months elapsed so far. The band
 * reached (thresholds are achievement shares, 0.9 = 90%) pays its rate on the WHOLE basis
 * (per unit, a share of the amount, or a lump sum). No plan for a customer → nothing, with a note.
 */
import { Decimal } from "decimal.js";
import { Day, Period, monthIndex, monthIndexFromKey } from "../calendar";
import type { RebateRate, RebateRule } from "../model";
import { Figures, RebateInputs, RebateKindModule, Valuation, figuresOf } from "./kind";
import { salesFigures } from "./salesKinds";
import { Accrual, basisValue } from "./tiers";

/** Actuals and the plan of the elapsed months per customer. */
function targetFigures(rule: RebateRule, inputs: RebateInputs, period: Period, to: Day): Map<string, Figures> {
  const out = salesFigures(rule, inputs, period, to);
  const first = monthIndex(period.from);
  const last = monthIndex(Math.min(period.to, to));
  for (const p of inputs.plans) {
    const m = monthIndexFromKey(p.month);
    if (m === null || m < first || m > last) continue;
    if (rule.model !== null && rule.model !== p.model) continue;
    if (rule.channels !== null) {
      const ch = inputs.channelOf(p.customerId);
      if (ch === null || !rule.channels.includes(ch)) continue;
    }
    const f = figuresOf(out, p.customerId);
    const ref = (f.reference ??= { qty: 0, amount: 0 });
    ref.qty += p.targetQty;
    ref.amount += p.targetAmount ?? 0;
  }
  return out;
}

/** A rate applied to the whole basis: per unit on units, a share on the amount, or a lump sum. */
export function rateOnWhole(rate: RebateRate, a: Accrual): Decimal {
  if (rate.fixed !== undefined) return new Decimal(rate.fixed);
  if (rate.perUnit !== undefined) return new Decimal(rate.perUnit).times(Math.max(0, a.qty));
  return new Decimal(rate.share ?? 0).times(Math.max(0, a.amount));
}

/** Highest band i with basis ≥ threshold_i × reference (exact decimal comparison), or −1. */
function bandByShare(thresholds: readonly number[], basis: number, reference: number): number {
  if (!(basis > 0) || !(reference > 0)) return -1;
  let hit = -1;
  for (let i = 0; i < thresholds.length; i++) if (new Decimal(basis).gte(new Decimal(thresholds[i]).times(reference))) hit = i;
  return hit;
}

const NO_PLAN = { zh: "无计划目标，不计任务返利", en: "No plan target: no target rebate" };

export const targetKind: RebateKindModule = {
  figures: targetFigures,
  value(rule, f): Valuation {
    const plan = f.reference ? basisValue(rule, f.reference) : 0;
    if (!(plan > 0)) return { tier: -1, ratio: null, exact: new Decimal(0), note: NO_PLAN };
    const basis = basisValue(rule, f.acc);
    const tier = bandByShare(rule.thresholds, basis, plan);
    return { tier, ratio: basis / plan, exact: tier < 0 ? new Decimal(0) : rateOnWhole(rule.rates[tier], f.acc), note: null };
  },
  basisForBand(rule, band, reference) {
    const plan = reference ? basisValue(rule, reference) : 0;
    if (!(plan > 0)) return null;
    return Decimal.max(1, new Decimal(rule.thresholds[band]).times(plan).ceil()).toNumber();
  },
};
