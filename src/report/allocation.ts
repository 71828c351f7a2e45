/** 配货方案 / Allocation (SPEC §9): per model the supply, requests and allocation; per dealer its share and reason. */
import type { AllocationLine, AllocationResult } from "../domain/allocation";
import { roundTo } from "../domain/money";
import { tr, type RunContext } from "../pipeline/context";
import type { Block, SheetPatch } from "./patch";
import { TAB_COLOUR, TOTAL_ROW } from "./style";

export const ALLOCATION_SHEET = { zh: "配货方案", en: "Allocation" };

export function allocationSheet(ctx: RunContext, result: AllocationResult): SheetPatch {
  const order = ctx.data.policy.jobs.allocationOrder.map((g) => groupLabel(ctx, g)).join(" → ");
  const head: Block = {
    id: "allocation.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, "配货方案", "Allocation of scarce supply"),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[tr(
      ctx,
      `按等级分组依次满足（${order}）；不能全额满足的组按申请比例分配，整台取整，余数按最大余数逐台分配（并列时申请量大者优先，再按客户编号）；不超过申请量，合计 = min（可供数量，申请合计）`,
      `Groups served in order (${order}); the group that cannot be served in full shares the rest in proportion to its requests, whole units, leftover units by largest remainder (ties: larger request, then customer ID); never above a request; total = min(supply, requests)`,
    )]],
  };
  const m = result.models;
  const sum = (k: "supply" | "requested" | "allocated" | "unallocated") => m.reduce((s, x) => s + x[k], 0);
  const models: Block = {
    id: "allocation.models",
    at: { row: 3, col: 0 },
    title: tr(ctx, "按型号", "By model"),
    columns: [
      { key: "model", header: tr(ctx, "型号", "Model"), format: "text" },
      { key: "supply", header: tr(ctx, "可供数量", "Supply"), format: "integer" },
      { key: "requested", header: tr(ctx, "申请合计", "Requested"), format: "integer" },
      { key: "allocated", header: tr(ctx, "分配合计", "Allocated"), format: "integer" },
      { key: "unallocated", header: tr(ctx, "未分配", "Not allocated"), format: "integer" },
      { key: "fill", header: tr(ctx, "满足率", "Fill rate"), format: "percent1" },
    ],
    rows: [
      ...m.map((x) => [x.model, x.supply, x.requested, x.allocated, x.unallocated, x.requested ? roundTo(x.allocated / x.requested, 6) : null]),
      [tr(ctx, "合计", "Total"), sum("supply"), sum("requested"), sum("allocated"), sum("unallocated"), sum("requested") ? roundTo(sum("allocated") / sum("requested"), 6) : null],
    ],
    rowStyles: { [m.length]: TOTAL_ROW },
  };
  const byId = ctx.data.customerById;
  const lines: Block = {
    id: "allocation.lines",
    at: { row: 3 + 2 + models.rows.length + 2, col: 0 },
    columns: [
      { key: "model", header: tr(ctx, "型号", "Model"), format: "text" },
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "customer", header: tr(ctx, "客户", "Customer"), format: "text", width: 18 },
      { key: "group", header: tr(ctx, "优先组", "Priority group"), format: "text" },
      { key: "requested", header: tr(ctx, "申请数量", "Requested"), format: "integer" },
      { key: "allocated", header: tr(ctx, "分配数量", "Allocated"), format: "integer" },
      { key: "share", header: tr(ctx, "满足率", "Share of request"), format: "percent1" },
      { key: "reason", header: tr(ctx, "分配依据", "Reason"), format: "text", width: 60 },
    ],
    rows: result.lines.map((l) => [l.model, l.customerId, byId.get(l.customerId)?.name ?? l.customerId, groupLabel(ctx, l.group), l.requested, l.allocated, l.requested ? roundTo(l.allocated / l.requested, 6) : null, allocationReason(ctx, l)]),
    table: { name: "TierPlanAllocation", style: "TableStyleLight9" },
  };
  return { name: tr(ctx, ALLOCATION_SHEET.zh, ALLOCATION_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, models, lines], charts: [] };
}

export function groupLabel(ctx: Pick<RunContext, "lang">, group: string): string {
  return group === "none" ? tr(ctx, "无等级", "no grade") : group;
}

/** Why a dealer got what it got, in the output language. */
export function allocationReason(ctx: Pick<RunContext, "lang">, l: AllocationLine): string {
  const g = groupLabel(ctx, l.group);
  const r = l.reason;
  switch (r.kind) {
    case "full":
      return tr(ctx, `${g} 组：全额满足`, `${g} group: served in full`);
    case "noneLeft":
      return tr(ctx, `${g} 组：优先等级分配后已无剩余`, `${g} group: nothing left after higher-priority groups`);
    case "noSupply":
      return tr(ctx, "该型号无可供数量", "no supply of this model");
    case "proportional": {
      const pct = Math.round((r.left / r.groupRequested) * 1000) / 10;
      const extra = r.extraUnit ? tr(ctx, "，按最大余数多分 1 台", ", plus 1 unit by largest remainder") : "";
      return tr(ctx, `${g} 组按申请比例分配：剩余 ${r.left} 台 ÷ 组内申请 ${r.groupRequested} 台 = ${pct}%，取整${extra}`, `${g} group shared in proportion: ${r.left} left ÷ ${r.groupRequested} requested = ${pct}%, rounded down${extra}`);
    }
  }
}
