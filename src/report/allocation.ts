/**
 * 配货方案 / Allocation (SPEC §9): per model the supply, requests and allocation; per dealer
 * its share and reason. A function of (allocation result, vocabulary); the rule and each
 * line's reason are worded by domain/allocation.ts, which owns the rule.
 */
import { type AllocationLine, type AllocationResult, type ModelAllocation, NO_GRADE_GROUP, allocationExplanation, allocationRule } from "../domain/allocation";
import { roundTo } from "../domain/money";
import type { SheetPatch } from "./patch";
import { TAB_COLOUR } from "./style";
import { type Column, type Label, type Lang, blockHeight, noteBlock, pick, tableBlock } from "./table";

export const ALLOCATION_SHEET = { zh: "配货方案", en: "Allocation" };

/** What the allocation sheet needs besides the result. */
export interface AllocationVocabulary {
  lang: Lang;
  customerName: (customerId: string) => string | undefined;
  /** The priority order the allocation was run with (grades and "none"), for the rule line. */
  priorityOrder: readonly string[];
}

const L = (zh: string, en: string): Label => ({ zh, en });
const fill = (allocated: number, requested: number) => (requested ? roundTo(allocated / requested, 6) : null);
const sum = (rows: readonly ModelAllocation[], k: "requested" | "allocated") => rows.reduce((s, m) => s + m[k], 0);
/** Grades are shown as they are; only the group without a grade has a name per language. */
const GROUPS: Record<string, Label> = { none: NO_GRADE_GROUP };

const MODEL_COLUMNS: Column<ModelAllocation>[] = [
  { key: "model", label: L("型号", "Model"), format: "text", value: (m) => m.model, total: L("合计", "Total") },
  { key: "supply", label: L("可供数量", "Supply"), format: "integer", value: (m) => m.supply, total: "sum" },
  { key: "requested", label: L("申请合计", "Requested"), format: "integer", value: (m) => m.requested, total: "sum" },
  { key: "allocated", label: L("分配合计", "Allocated"), format: "integer", value: (m) => m.allocated, total: "sum" },
  { key: "unallocated", label: L("未分配", "Not allocated"), format: "integer", value: (m) => m.unallocated, total: "sum" },
  // The total fill rate is allocated over requested of all models, not a sum of rates.
  { key: "fill", label: L("满足率", "Fill rate"), format: "percent1", value: (m) => fill(m.allocated, m.requested), total: (rows) => fill(sum(rows, "allocated"), sum(rows, "requested")) },
];

type Line = AllocationLine & { name: string };

function lineColumns(lang: Lang): Column<Line>[] {
  return [
    { key: "model", label: L("型号", "Model"), format: "text", value: (l) => l.model },
    { key: "customerId", label: L("客户编号", "Customer ID"), format: "text", value: (l) => l.customerId },
    { key: "customer", label: L("客户", "Customer"), format: "text", value: (l) => l.name },
    { key: "group", label: L("优先组", "Priority group"), format: { vocabulary: GROUPS }, value: (l) => l.group },
    { key: "requested", label: L("申请数量", "Requested"), format: "integer", value: (l) => l.requested },
    { key: "allocated", label: L("分配数量", "Allocated"), format: "integer", value: (l) => l.allocated },
    { key: "share", label: L("满足率", "Share of request"), format: "percent1", value: (l) => fill(l.allocated, l.requested) },
    { key: "reason", label: L("分配依据", "Reason"), format: "text", value: (l) => allocationExplanation(l, lang), width: { max: 70 } },
  ];
}

export function allocationSheet(result: AllocationResult, v: AllocationVocabulary): SheetPatch {
  const { lang } = v;
  const head = noteBlock("allocation.head", { row: 0, col: 0 }, pick(L("配货方案", "Allocation of scarce supply"), lang), [allocationRule(v.priorityOrder, lang)]);
  const models = tableBlock({ id: "allocation.models", at: { row: blockHeight(head) + 1, col: 0 }, title: L("按型号", "By model"), columns: MODEL_COLUMNS, totals: true }, result.models, lang);
  const lines: Line[] = result.lines.map((l) => ({ ...l, name: v.customerName(l.customerId) ?? l.customerId }));
  const detail = tableBlock(
    { id: "allocation.lines", at: { row: models.at.row + blockHeight(models) + 1, col: 0 }, columns: lineColumns(lang), excelTable: "TierPlanAllocation" },
    lines,
    lang,
  );
  return { name: pick(ALLOCATION_SHEET, lang), tabColor: TAB_COLOUR, blocks: [head, models, detail], charts: [] };
}
