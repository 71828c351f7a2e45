/**
 * What every rebate kind tells the settlement, the forecast and the reports (SPEC §5, §8): a
 * customer's cumulative figures of a rule up to a day, what those figures are worth, and the
 * smallest basis that reaches a band. Each kind is one module implementing this; the table
 * of kinds (kinds.ts) maps a rule's kind to its module.
 */
import type { Decimal } from "decimal.js";
import type { Day, Period } from "../calendar";
import type { Channel, Collection, PlanEntry, RebateRule, SalesLine } from "../model";
import type { Money } from "../money";
import type { Accrual } from "./tiers";

/** Everything a rebate kind may read besides the rules. */
export interface RebateInputs {
  sales: readonly SalesLine[];
  /** Plan entries (`计划 YYYY-MM` sheets), for target rebates. */
  plans: readonly PlanEntry[];
  /** 回款明细 rows, for collection rebates. */
  collections: readonly Collection[];
  /** A customer's channel, for rules limited to channels on inputs without a channel (collections, plans). */
  channelOf: (customerId: string) => Channel | null;
}

/** A customer's cumulative figures of one rule over [period.from, day]. */
export interface Figures {
  /** The basis to date: net units and net amount (fen); collection rules: eligible collections in `amount`. */
  acc: Accrual;
  /** Target: the plan of the months elapsed; growth: the same dates a year earlier; else null. */
  reference: Accrual | null;
  /** Collection rules: collections left out by the days limit (fen), and how many. */
  excluded: Money;
  excludedCount: number;
  /** Collection rules with a days limit: collections that had no invoice date or days (counted, with a note). */
  unchecked: number;
}

export const NO_FIGURES: Figures = { acc: { qty: 0, amount: 0 }, reference: null, excluded: 0, excludedCount: 0, unchecked: 0 };

/** What figures are worth under a rule. */
export interface Valuation {
  /** Band reached (index into rule.thresholds), or −1. */
  tier: number;
  /** Target: achievement (actual ÷ plan); growth: growth (basis ÷ last year − 1); else null. */
  ratio: number | null;
  /** Exact entitlement in fen, before the one rounding. */
  exact: Decimal;
  /** Why nothing is paid when the reference is missing (no plan, no sales last year). */
  note: { zh: string; en: string } | null;
}

export interface RebateKindModule {
  /** Each customer's figures for the rule over [period.from, to]. */
  figures(rule: RebateRule, inputs: RebateInputs, period: Period, to: Day): Map<string, Figures>;
  value(rule: RebateRule, f: Figures): Valuation;
  /** The smallest basis value (units or fen) that reaches band i, or null when no basis can. */
  basisForBand(rule: RebateRule, band: number, reference: Accrual | null): number | null;
  /** The earliest sales day the module reads for an agreement period (without it: the period's first day). */
  firstDayRead?(period: Period): Day;
}

/** A customer's figures in a map, created empty on first use (mutable: one object per customer, not per line). */
export function figuresOf(map: Map<string, Figures>, customerId: string): Figures {
  let f = map.get(customerId);
  if (!f) map.set(customerId, (f = { acc: { qty: 0, amount: 0 }, reference: null, excluded: 0, excludedCount: 0, unchecked: 0 }));
  return f;
}
