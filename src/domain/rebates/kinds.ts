/**
 * The one table of rebate kinds (SPEC §5). Every place that shows rebates per kind — the
 * columns of 返利对账单's by-customer table, the per-kind totals of 返利明细, the kind labels
 * of both sheets — reads this table, so a new kind is its rule in the domain, one row here
 * and its tests. The row order is the column order.
 *
 * Example: adding a growth rebate is `{ kind: "growth", label: { zh: "增长返利", en: "Growth" } }`
 * here plus "growth" in RebateKind (model.ts); the report code does not change.
 */
import type { RebateKind } from "../model";

export interface RebateKindInfo<K extends string = string> {
  kind: K;
  label: { zh: string; en: string };
}

export const REBATE_KINDS: readonly RebateKindInfo<RebateKind>[] = [
  { kind: "pickup", label: { zh: "提货返利", en: "Pick-up" } },
  { kind: "volume", label: { zh: "达量返利", en: "Volume" } },
  { kind: "contract", label: { zh: "合约返利", en: "Contract plan" } },
  { kind: "other", label: { zh: "其他返利", en: "Other" } },
];
