/**
 * Allocation of scarce supply (SPEC §9): per model, by grade priority groups, proportional
 * with largest remainders within the group that cannot be served in full; sheet 配货方案
 * with each dealer's share and reason; JSON `allocation`.
 */
import { allocateSupply, allocationExplanation } from "../domain/allocation";
import type { Analysis, RunContext } from "../pipeline/context";
import { allocationSheet } from "../report/allocation";

export const allocationAnalysis: Analysis = {
  id: "allocation",
  label: { zh: "配货方案", en: "Allocation" },
  run(ctx: RunContext) {
    const { jobs, policy } = ctx.data;
    if (!jobs.sheets.requests) return;
    if (!jobs.sheets.supply) {
      ctx.issues.warn("allocation.noSupply", "Requests but no supply sheet (可供数量 / Supply): nothing can be allocated", "有配货申请但没有可供数量表（可供数量 / Supply）：无法配货", { sheet: jobs.sheets.requests });
    }
    const order = policy.jobs.allocationOrder;
    const tiering = ctx.results.tiering;
    const unknown = new Set<string>();
    const result = allocateSupply(jobs.supply, jobs.requests, (id) => {
      if (!ctx.data.customerById.has(id)) unknown.add(id);
      const group = tiering?.byId.get(id)?.grade.grade ?? "none";
      const rank = order.indexOf(group);
      return { group, rank: rank < 0 ? order.length : rank };
    });
    if (unknown.size) {
      ctx.issues.warn("allocation.unknownCustomers", `${unknown.size} customer IDs in the requests are not customers (served last, without a grade): ${[...unknown].slice(0, 5).join(", ")}`, `配货申请中有 ${unknown.size} 个客户编号不在客户清单中（按无等级最后分配）：${[...unknown].slice(0, 5).join("、")}`, { sheet: jobs.sheets.requests });
    }
    ctx.results.allocation = result;
    const byId = ctx.data.customerById;
    ctx.patch.sheets.push(allocationSheet(result, { lang: ctx.lang, customerName: (id) => byId.get(id)?.name, priorityOrder: order }));
    ctx.summary.allocation = result.lines.map((l) => ({ model: l.model, customerId: l.customerId, requested: l.requested, allocated: l.allocated, group: l.group, reason: allocationExplanation(l, ctx.lang) }));
  },
};
