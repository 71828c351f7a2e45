/**
 * The domain side of the rebate kinds: each kind's module and how it settles. Adding a kind is a row
 * here (plus its module and tests) and a row (its label) in the table of kinds, kinds.ts.
 */
import type { RebateKind } from "../model";
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

/** Every kind in the order of the JSON and the reports: that of the table of kinds (kinds.ts). */
export const REBATE_KIND_ORDER: RebateKind[] = REBATE_KINDS.map((k) => k.kind);
