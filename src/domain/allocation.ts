/**
 * Allocation of scarce supply (SPEC §9). Per model, customers are served in priority groups
 * (by grade: VKA, V1, V2, V3, V4, then those without a grade, unless the policy names another
 * order). Groups are served in full while supply lasts; within the first group that cannot be
 * served in full, the remaining supply is shared in proportion to the requests: floors first,
 * then the leftover units one each by the largest remainders (ties: larger request, then
 * customer ID). Later groups get nothing. Nobody gets more than requested, and the total
 * allocated is exactly min(supply, total requests).
 *
 * All arithmetic is on integers: remainder_i = left·r_i mod R (the numerator of the fraction
 * left·r_i / R), so "largest remainder" is compared exactly.
 */
import type { ExplanationLang } from "./abc";
import { roundTo } from "./money";

export interface SupplyRow {
  model: string;
  quantity: number;
}

export interface RequestRow {
  customerId: string;
  model: string;
  requested: number;
}

export type AllocationReason =
  | { kind: "full" }
  /** Shared within the partial group: `left` units among the group's `groupRequested`. */
  | { kind: "proportional"; left: number; groupRequested: number; extraUnit: boolean }
  /** Supply ran out before this group. */
  | { kind: "noneLeft" }
  /** No supply row for the model. */
  | { kind: "noSupply" };

export interface AllocationLine {
  model: string;
  customerId: string;
  requested: number;
  allocated: number;
  /** Priority group label (a grade, or "none"). */
  group: string;
  /** 0 = served first. */
  groupRank: number;
  reason: AllocationReason;
}

export interface ModelAllocation {
  model: string;
  supply: number;
  requested: number;
  allocated: number;
  /** supply − allocated (supply nobody asked for). */
  unallocated: number;
}

export interface AllocationResult {
  lines: AllocationLine[];
  models: ModelAllocation[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Share `left` (< Σ requested) among the requests of one group: floors, then largest remainders. */
function shareProportionally(reqs: readonly { customerId: string; requested: number }[], left: number): number[] {
  const total = reqs.reduce((s, r) => s + r.requested, 0);
  if (total <= 0 || left <= 0) return reqs.map(() => 0);
  const out = reqs.map((r) => Math.floor((left * r.requested) / total));
  const rem = reqs.map((r) => (left * r.requested) % total);
  let leftover = left - out.reduce((s, x) => s + x, 0);
  const order = reqs
    .map((_, i) => i)
    .sort((a, b) => rem[b] - rem[a] || reqs[b].requested - reqs[a].requested || byId(reqs[a].customerId, reqs[b].customerId));
  for (const i of order) {
    if (leftover <= 0) break;
    if (out[i] >= reqs[i].requested) continue;
    out[i]++;
    leftover--;
  }
  return out;
}

/**
 * Allocate every model's supply. `groupOf(customerId)` gives the customer's group label and
 * its rank in the priority order (0 first).
 */
export function allocateSupply(
  supply: readonly SupplyRow[],
  requests: readonly RequestRow[],
  groupOf: (customerId: string) => { group: string; rank: number },
): AllocationResult {
  const supplyByModel = new Map<string, number>();
  for (const s of supply) supplyByModel.set(s.model, (supplyByModel.get(s.model) ?? 0) + s.quantity);
  const reqByModel = new Map<string, RequestRow[]>();
  for (const r of requests) {
    let list = reqByModel.get(r.model);
    if (!list) reqByModel.set(r.model, (list = []));
    list.push(r);
  }
  const lines: AllocationLine[] = [];
  const models: ModelAllocation[] = [];
  const allModels = [...new Set([...supplyByModel.keys(), ...reqByModel.keys()])].sort(byId);
  for (const model of allModels) {
    const has = supplyByModel.has(model);
    let left = Math.max(0, supplyByModel.get(model) ?? 0);
    const reqs = (reqByModel.get(model) ?? []).map((r) => ({ ...r, ...groupOf(r.customerId) }));
    reqs.sort((a, b) => a.rank - b.rank || b.requested - a.requested || byId(a.customerId, b.customerId));
    const supplyQty = left;
    const start = lines.length;
    for (let i = 0; i < reqs.length; ) {
      let j = i;
      while (j < reqs.length && reqs[j].rank === reqs[i].rank) j++;
      const group = reqs.slice(i, j);
      const groupRequested = group.reduce((s, r) => s + r.requested, 0);
      if (left >= groupRequested) {
        for (const r of group) lines.push(line(r, r.requested, !has ? { kind: "noSupply" } : { kind: "full" }));
        left -= groupRequested;
      } else if (left > 0) {
        const shares = shareProportionally(group, left);
        group.forEach((r, k) => {
          const floor = Math.floor((left * r.requested) / groupRequested);
          lines.push(line(r, shares[k], { kind: "proportional", left, groupRequested, extraUnit: shares[k] > floor }));
        });
        left = 0;
      } else {
        for (const r of group) lines.push(line(r, 0, has ? { kind: "noneLeft" } : { kind: "noSupply" }));
      }
      i = j;
    }
    let modelAllocated = 0;
    for (let k = start; k < lines.length; k++) modelAllocated += lines[k].allocated;
    models.push({ model, supply: supplyQty, requested: reqs.reduce((s, r) => s + r.requested, 0), allocated: modelAllocated, unallocated: supplyQty - modelAllocated });
  }
  return { lines, models };
}

function line(r: RequestRow & { group: string; rank: number }, allocated: number, reason: AllocationReason): AllocationLine {
  return { model: r.model, customerId: r.customerId, requested: r.requested, allocated, group: r.group, groupRank: r.rank, reason };
}

/** The group of customers without a grade, as the sheets name it. */
export const NO_GRADE_GROUP = { zh: "无等级", en: "no grade" } as const;

/** A priority group's name: its grade, or 无等级 / no grade. */
export function priorityGroupName(group: string, lang: ExplanationLang): string {
  return group === "none" ? NO_GRADE_GROUP[lang] : group;
}

/** The allocation rule above in words, with the priority order it was run with. */
export function allocationRule(order: readonly string[], lang: ExplanationLang): string {
  const groups = order.map((g) => priorityGroupName(g, lang)).join(" → ");
  return lang === "en"
    ? `Groups served in order (${groups}); the group that cannot be served in full shares the rest in proportion to its requests, whole units, leftover units by largest remainder (ties: larger request, then customer ID); never above a request; total = min(supply, requests)`
    : `按等级分组依次满足（${groups}）；不能全额满足的组按申请比例分配，整台取整，余数按最大余数逐台分配（并列时申请量大者优先，再按客户编号）；不超过申请量，合计 = min（可供数量，申请合计）`;
}

/** Why a dealer got what it got, in the words of the rule. */
export function allocationExplanation(l: Pick<AllocationLine, "group" | "reason">, lang: ExplanationLang): string {
  const en = lang === "en";
  const g = priorityGroupName(l.group, lang);
  const r = l.reason;
  switch (r.kind) {
    case "full":
      return en ? `${g} group: served in full` : `${g} 组：全额满足`;
    case "noneLeft":
      return en ? `${g} group: nothing left after higher-priority groups` : `${g} 组：优先等级分配后已无剩余`;
    case "noSupply":
      return en ? "no supply of this model" : "该型号无可供数量";
    case "proportional": {
      const pct = roundTo((r.left / r.groupRequested) * 100, 1);
      const extra = r.extraUnit ? (en ? ", plus 1 unit by largest remainder" : "，按最大余数多分 1 台") : "";
      return en
        ? `${g} group shared in proportion: ${r.left} left ÷ ${r.groupRequested} requested = ${pct}%, rounded down${extra}`
        : `${g} 组按申请比例分配：剩余 ${r.left} 台 ÷ 组内申请 ${r.groupRequested} 台 = ${pct}%，取整${extra}`;
    }
  }
}
