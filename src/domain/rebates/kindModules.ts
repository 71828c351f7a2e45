/**
 * The domain side of the rebate kinds: each kind's module and how it settles. Adding a kind is a row
 * here (plus its module and tests) and a row (its label) in the table of kinds, kinds.ts.
 */
import { type Day, firstDayOfMonth } from "../calendar";
import type { RebateKind, RebateRule } from "../model";
import { agreementPeriod, overlapsMonth } from "./rules";
import { REBATE_KINDS } from "./kinds";
import { collectionKind } from "./collection";
import { growthKind } from "./growth";
import type { RebateKindModule } from "./kind";
import { salesKind } from "./salesKinds";
import { targetKind } from "./target";

export interface KindModuleRow {
  module: RebateKindModule;
  /**
   * true: settled line by line (each sales line carries its share of the payment); false:
   * settled per customer × rule at month ends (the basis is not a sum of the month's sales
   * lines alone: a plan, last year, collections).
   */
  byLine: boolean;
}

export const KIND_MODULES: Record<RebateKind, KindModuleRow> = {
  pickup: { module: salesKind, byLine: true },
  volume: { module: salesKind, byLine: true },
  contract: { module: salesKind, byLine: true },
  other: { module: salesKind, byLine: true },
  target: { module: targetKind, byLine: false },
  collection: { module: collectionKind, byLine: false },
  growth: { module: growthKind, byLine: false },
};

/**
 * The earliest sales day any rule reads when the month is settled or forecast (its agreement
 * period's first day, or earlier when its kind looks back, as growth does), and never later
 * than the month's first day (the reconciliation reads the month). Lines before it change
 * nothing: the analysis builds line objects from this day on only.
 */
export function firstSaleDayRead(rules: readonly RebateRule[], month: number): Day {
  let first = firstDayOfMonth(month);
  for (const rule of rules) {
    const period = agreementPeriod(rule, month);
    if (!overlapsMonth(period, month)) continue;
    first = Math.min(first, KIND_MODULES[rule.kind]?.module.firstDayRead?.(period) ?? period.from);
  }
  return first;
}

/** Every kind in the order of the JSON and the reports: that of the table of kinds (kinds.ts). */
export const REBATE_KIND_ORDER: RebateKind[] = REBATE_KINDS.map((k) => k.kind);
