/**
 * The sales-line kinds of SPEC §5 (pick-up, volume, contract, other) as a kind module: the
 * basis is the customer's net units or amount of the lines the rule touches. Settlement of
 * these kinds walks the lines (settlement.ts, so that every line carries its share); this
 * module gives the forecast and the tables the same figures.
 */
import type { Day, Period } from "../calendar";
import type { RebateRule } from "../model";
import { Figures, RebateInputs, RebateKindModule, Valuation, figuresOf } from "./kind";
import { ruleTouches } from "./rules";
import { basisValue, entitlementExact, tierReached } from "./tiers";

/** Net units and amount per customer of the lines a rule touches in [from, to]. */
export function salesFigures(rule: RebateRule, inputs: RebateInputs, period: Period, to: Day): Map<string, Figures> {
  const out = new Map<string, Figures>();
  const upTo: Period = { from: period.from, to: Math.min(period.to, to) };
  for (const l of inputs.sales) {
    if (!ruleTouches(rule, l, upTo)) continue;
    const f = figuresOf(out, l.customerId);
    f.acc.qty += l.quantity;
    f.acc.amount += l.amount;
  }
  return out;
}

export const salesKind: RebateKindModule = {
  figures: salesFigures,
  value(rule, f): Valuation {
    return { tier: tierReached(rule.thresholds, basisValue(rule, f.acc)), ratio: null, exact: entitlementExact(rule, f.acc), note: null };
  },
  basisForBand(rule, band) {
    const t = rule.thresholds[band];
    // A band "from 0" is reached by the first unit (or fen).
    return t === 0 ? 1 : t;
  },
};
