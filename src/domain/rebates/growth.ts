/**
 * 增长返利, growth rebate (SPEC §8): growth to date = the cumulative basis of the agreement
 * period ÷ the basis over the same calendar dates one year earlier − 1. Thresholds are growth
 * shares (0.1 = 10%); a band is reached when basis ≥ (1 + threshold) × last year's basis and
 * the basis grew at all. Mode 全量 (whole): the band's rate × the whole basis; 增量
 * (increment): the rate × (basis − last year's basis), never below 0. Last year's basis 0 →
 * nothing, with a note.
 */
import { Decimal } from "decimal.js";
import type { Day, Period } from "../calendar";
import type { RebateRule } from "../model";
import { Figures, RebateInputs, RebateKindModule, Valuation } from "./kind";
import { yearEarlier } from "./rules";
import { salesFigures } from "./salesKinds";
import { rateOnWhole } from "./target";
import { basisValue } from "./tiers";

function growthFigures(rule: RebateRule, inputs: RebateInputs, period: Period, to: Day): Map<string, Figures> {
  const out = salesFigures(rule, inputs, period, to);
  const end = Math.min(period.to, to);
  const lastYear = salesFigures(rule, inputs, { from: yearEarlier(period.from), to: yearEarlier(end) }, yearEarlier(end));
  for (const [customerId, ly] of lastYear) {
    const f = out.get(customerId);
    if (f) f.reference = ly.acc;
    else out.set(customerId, { ...ly, acc: { qty: 0, amount: 0 }, reference: ly.acc });
  }
  for (const f of out.values()) f.reference ??= { qty: 0, amount: 0 };
  return out;
}

/** Growth compares with the same period a year earlier: its lines are read too. */
const growthFirstDayRead = (period: Period): Day => yearEarlier(period.from);

const NO_LAST_YEAR = { zh: "去年同期为 0，不计增长返利", en: "Nothing in the same period last year: no growth rebate" };

/** Highest band i with basis ≥ (1 + t_i) × last year and basis > last year, or −1. */
function growthBand(thresholds: readonly number[], basis: number, lastYear: number): number {
  if (!(lastYear > 0) || !(basis > lastYear)) return -1;
  let hit = -1;
  for (let i = 0; i < thresholds.length; i++) if (new Decimal(basis).gte(new Decimal(1).plus(thresholds[i]).times(lastYear))) hit = i;
  return hit;
}

export const growthKind: RebateKindModule = {
  firstDayRead: growthFirstDayRead,
  figures: growthFigures,
  value(rule, f): Valuation {
    const ly = f.reference ? basisValue(rule, f.reference) : 0;
    if (!(ly > 0)) return { tier: -1, ratio: null, exact: new Decimal(0), note: NO_LAST_YEAR };
    const basis = basisValue(rule, f.acc);
    const tier = growthBand(rule.thresholds, basis, ly);
    const ratio = basis / ly - 1;
    if (tier < 0) return { tier, ratio, exact: new Decimal(0), note: null };
    const rate = rule.rates[tier];
    if (rule.mode !== "increment" || rate.fixed !== undefined) return { tier, ratio, exact: rateOnWhole(rate, f.acc), note: null };
    const ref = f.reference!;
    const increment = { qty: Math.max(0, f.acc.qty - ref.qty), amount: Math.max(0, f.acc.amount - ref.amount) };
    return { tier, ratio, exact: rateOnWhole(rate, increment), note: null };
  },
  basisForBand(rule, band, reference) {
    const ly = reference ? basisValue(rule, reference) : 0;
    if (!(ly > 0)) return null;
    return Decimal.max(ly + 1, new Decimal(1).plus(rule.thresholds[band]).times(ly).ceil()).toNumber();
  },
};
