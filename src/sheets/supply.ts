/**
 * Reading available supply (`可供数量 / Supply`: model, quantity) and the dealers' requests
 * (`配货申请 / Requests`: customer, model, requested quantity), SPEC §9. Two request rows for
 * the same customer and model are added up (with a note).
 */
import type { RequestRow, SupplyRow } from "../domain/allocation";
import type { IssueLog } from "../domain/issues";
import { FieldDef, ID_SYNONYMS } from "./fields";
import type { WorkbookGrids } from "./grid";
import { JobSheetDef, quantityOf, readJobSheet } from "./jobTables";
import { parseText } from "./values";

const MODEL = { key: "model" as const, required: true, synonyms: ["型号", "产品", "品种", "Model", "Product", "SKU"], label: { zh: "型号", en: "Model" } };

export const SUPPLY_SHEET: JobSheetDef<"model" | "quantity"> = {
  names: ["可供数量", "可供货量", "Supply", "Available supply"],
  fields: [MODEL, { key: "quantity", required: true, synonyms: ["可供数量", "可供货量", "数量", "Available", "Quantity", "Qty", "Supply"], label: { zh: "可供数量", en: "Quantity" } }],
  label: { zh: "可供数量", en: "Supply" },
};

export type RequestField = "customerId" | "model" | "requested";
const REQUEST_FIELDS: FieldDef<RequestField>[] = [
  { key: "customerId", required: true, synonyms: ID_SYNONYMS, label: { zh: "客户编号", en: "Customer ID" } },
  MODEL,
  { key: "requested", required: true, synonyms: ["申请数量", "要货数量", "需求数量", "数量", "Requested", "Requested qty", "Quantity", "Qty"], label: { zh: "申请数量", en: "Requested qty" } },
];
export const REQUESTS_SHEET: JobSheetDef<RequestField> = { names: ["配货申请", "要货申请", "Requests", "Allocation requests"], fields: REQUEST_FIELDS, label: { zh: "配货申请", en: "Requests" } };

export function readSupply(wb: WorkbookGrids, issues: IssueLog): { sheet: string | null; supply: SupplyRow[] } {
  const supply: SupplyRow[] = [];
  const sheet = readJobSheet(wb, SUPPLY_SHEET, issues, (r) => {
    const model = parseText(r.raw("model"));
    if (!model) {
      issues.error("jobs.noModel", "Row without a model: skipped", "行缺少型号，已跳过", { sheet: r.sheet, cell: r.address("model") });
      return;
    }
    const quantity = quantityOf(r, "quantity", issues, { min: 0 });
    if (quantity !== null) supply.push({ model, quantity });
  });
  return { sheet, supply };
}

export function readRequests(wb: WorkbookGrids, issues: IssueLog): { sheet: string | null; requests: RequestRow[] } {
  const byKey = new Map<string, RequestRow>();
  const sheet = readJobSheet(wb, REQUESTS_SHEET, issues, (r) => {
    const customerId = parseText(r.raw("customerId"));
    const model = parseText(r.raw("model"));
    if (!customerId || !model) {
      issues.error("jobs.incompleteRow", "Request without a customer ID or model: skipped", "配货申请缺少客户编号或型号，已跳过", { sheet: r.sheet, cell: r.address(customerId ? "model" : "customerId") });
      return;
    }
    const requested = quantityOf(r, "requested", issues, { min: 0 });
    if (requested === null) return;
    const k = `${customerId}\u0000${model}`;
    const prev = byKey.get(k);
    if (prev) {
      prev.requested += requested;
      issues.info("allocation.requestsAdded", `A second request of ${customerId} for ${model}: added to the first`, `${customerId} 对 ${model} 的重复申请：已合并`, { sheet: r.sheet, cell: r.address("requested") });
    } else byKey.set(k, { customerId, model, requested });
  });
  return { sheet, requests: [...byKey.values()] };
}
