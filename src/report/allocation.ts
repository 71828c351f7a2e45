/**
 * 配货方案 / Allocation (SPEC §9): per model the supply, requests and allocation; per dealer
 * its share and reason. Built on the typed column tables.
 */
import type { AllocationLine, AllocationResult, ModelAllocation } from "../domain/allocation";
import { roundTo } from "../domain/money";
import { tr, type RunContext } from "../pipeline/context";
import type { SheetPatch } from "./patch";
import { TAB_COLOUR } from "./style";
import { blockHeight, noteBlock, tableBlock, type Column } from "./table";

export const ALLOCATION_SHEET = { zh: "配货方案", en: "Allocation" };

const fill = (allocated: number, requested: number) => (requested ? roundTo(allocated / requested, 6) : null);

const MODEL_COLUMNS: Column<ModelAllocation>[] = [
  { key: "model", label: { zh: "型号", en: "Model" }, format: "text", value: (m) => m.model, total: { zh: "合计", en: "Total" } },
  { key: "supply", label: { zh: "可供数量", en: "Supply" }, format: "integer", value: (m) => m.supply, total: "sum" },
  { key: "requested", label: { zh: "申请合计", en: "Requested" }, format: "integer", value: (m) => m.requested, total: "sum" },
  { key: "allocated", label: { zh: "分配合计", en: "Allocated" }, format: "integer", value: (m) => m.allocated, total: "sum" },
  { key: "unallocated", label: { zh: "未分配", en: "Not allocated" }, format: "integer", value: (m) => m.unallocated, total: "sum" },
  { key: "fill", label: { zh: "满足率", en: "Fill rate" }, format: "percent1", value: (m) => fill(m.allocated, m.requested) },
];

type Line = AllocationLine & { name: string; groupText: string; reasonText: string };
const LINE_COLUMNS: Column<Line>[] = [
  { key: "model", label: { zh: "型号", en: "Model" }, format: "text", value: (l) => l.model },
  { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (l) => l.customerId },
  { key: "customer", label: { zh: "客户", en: "Customer" }, format: "text", value: (l) => l.name },
  { key: "group", label: { zh: "优先组", en: "Priority group" }, format: "text", value: (l) => l.groupText },
  { key: "requested", label: { zh: "申请数量", en: "Requested" }, format: "integer", value: (l) => l.requested },
  { key: "allocated", label: { zh: "分配数量", en: "Allocated" }, format: "integer", value: (l) => l.allocated },
  { key: "share", label: { zh: "满足率", en: "Share of request" }, format: "percent1", value: (l) => fill(l.allocated, l.requested) },
  { key: "reason", label: { zh: "分配依据", en: "Reason" }, format: "text", value: (l) => l.reasonText, width: { max: 70 } },
];

export function allocationSheet(ctx: RunContext, result: AllocationResult): SheetPatch {
  const order = ctx.data.policy.jobs.allocationOrder.map((g) => groupLabel(ctx, g)).join(" → ");
  const head = noteBlock("allocation.head", { row: 0, col: 0 }, tr(ctx, "配货方案", "Allocation of scarce supply"), [tr(
    ctx,
    `按等级分组依次满足（${order}）；不能全额满足的组按申请比例分配，整台取整，余数按最大余数逐台分配（并列时申请量大者优先，再按客户编号）；不超过申请量，合计 = min（可供数量，申请合计）`,
    `Groups served in order (${order}); the group that cannot be served in full shares the rest in proportion to its requests, whole units, leftover units by largest remainder (ties: larger request, then customer ID); never above a request; total = min(supply, requests)`,
  )]);
  const models = tableBlock({ id: "allocation.models", at: { row: blockHeight(head) + 1, col: 0 }, title: { zh: "按型号", en: "By model" }, columns: MODEL_COLUMNS, totals: true }, result.models, ctx.lang);
  const byId = ctx.data.customerById;
  const lines: Line[] = result.lines.map((l) => ({ ...l, name: byId.get(l.customerId)?.name ?? l.customerId, groupText: groupLabel(ctx, l.group), reasonText: allocationReason(ctx, l) }));
  const detail = tableBlock(
    { id: "allocation.lines", at: { row: models.at.row + blockHeight(models) + 1, col: 0 }, columns: LINE_COLUMNS, excelTable: "TierPlanAllocation" },
    lines,
    ctx.lang,
  );
  return { name: tr(ctx, ALLOCATION_SHEET.zh, ALLOCATION_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, models, detail], charts: [] };
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
