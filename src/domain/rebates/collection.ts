/**
 * 回款返利, collection rebate (SPEC §8): on the money collected in the agreement period
 * (sheet 回款明细 / Collections). With a days limit (账期天数) a collection counts only when
 * paid at most that many days after its invoice date (or when its stated days are within
 * it); a collection without either still counts, and is noted. The bands are collected
 * amounts (fen, "from" values) paid whole-volume or graduated as §5.
 */
import type { Day, Period } from "../calendar";
import type { Collection, RebateRule } from "../model";
import { Figures, RebateInputs, RebateKindModule, Valuation, figuresOf } from "./kind";
import { entitlementExact, tierReached } from "./tiers";

/** Days from invoice to payment, or null when the row states neither. */
function collectionDays(c: Collection): number | null {
  if (c.invoiceDate !== null) return c.date - c.invoiceDate;
  return c.days;
}

function collectionFigures(rule: RebateRule, inputs: RebateInputs, period: Period, to: Day): Map<string, Figures> {
  const out = new Map<string, Figures>();
  const end = Math.min(period.to, to);
  const limit = rule.daysLimit ?? null;
  for (const c of inputs.collections) {
    if (c.date < period.from || c.date > end) continue;
    if (rule.channels !== null) {
      const ch = inputs.channelOf(c.customerId);
      if (ch === null || !rule.channels.includes(ch)) continue;
    }
    const f = figuresOf(out, c.customerId);
    const days = collectionDays(c);
    if (limit !== null && days !== null && days > limit) {
      f.excluded += c.amount;
      f.excludedCount++;
      continue;
    }
    if (limit !== null && days === null) f.unchecked++;
    f.acc.amount += c.amount;
  }
  return out;
}

/** A collection rule is measured in collected fen whatever its 依据 cell says. */
const onAmount = (rule: RebateRule): RebateRule => (rule.basis === "amount" ? rule : { ...rule, basis: "amount" });

export const collectionKind: RebateKindModule = {
  figures: collectionFigures,
  value(rule, f): Valuation {
    const r = onAmount(rule);
    return { tier: tierReached(r.thresholds, f.acc.amount), ratio: null, exact: entitlementExact(r, f.acc), note: null };
  },
  basisForBand(rule, band) {
    const t = rule.thresholds[band];
    return t === 0 ? 1 : t;
  },
};
