/**
 * Reading dealer stock counts (`库存 / Stock`) and sell-out reports (`分销上报 / SellOut`),
 * SPEC §9: date, customer, model, quantity.
 */
import type { IssueLog } from "../domain/issues";
import type { SellOutReport, StockCount } from "../domain/stock";
import { FieldDef, ID_SYNONYMS } from "./fields";
import type { WorkbookGrids } from "./grid";
import { JobSheetDef, quantityOf, readJobSheet } from "./jobTables";
import type { RowReader } from "./rows";
import { BAD, parseDate, parseText } from "./values";

export type DatedQtyField = "date" | "customerId" | "model" | "quantity";

const DATED_FIELDS = (qty: string[]): FieldDef<DatedQtyField>[] => [
  { key: "date", required: true, synonyms: ["日期", "盘点日期", "上报日期", "Date", "Count date", "Report date"], label: { zh: "日期", en: "Date" } },
  { key: "customerId", required: true, synonyms: ID_SYNONYMS, label: { zh: "客户编号", en: "Customer ID" } },
  { key: "model", required: true, synonyms: ["型号", "产品", "品种", "Model", "Product", "SKU"], label: { zh: "型号", en: "Model" } },
  { key: "quantity", required: true, synonyms: [...qty, "数量", "台数", "Qty", "Quantity"], label: { zh: "数量", en: "Quantity" } },
];

export const STOCK_SHEET: JobSheetDef<DatedQtyField> = { names: ["库存", "经销商库存", "Stock", "Dealer stock"], fields: DATED_FIELDS(["库存数量", "库存", "Stock", "Stock qty"]), label: { zh: "库存", en: "Stock" } };
export const SELL_OUT_SHEET: JobSheetDef<DatedQtyField> = { names: ["分销上报", "SellOut", "Sell-out", "Sell out"], fields: DATED_FIELDS(["销售数量", "上报数量", "Sold", "Sell-out qty"]), label: { zh: "分销上报", en: "Sell-out" } };

const DATE = { en: "date", zh: "日期" };

function datedRow(r: RowReader<DatedQtyField>, issues: IssueLog, min: number | undefined) {
  const date = r.get("date", parseDate, DATE);
  const customerId = parseText(r.raw("customerId"));
  const model = parseText(r.raw("model"));
  if (date === BAD) return null;
  if (date === null || !customerId || !model) {
    const field: DatedQtyField = date === null ? "date" : !customerId ? "customerId" : "model";
    issues.error("jobs.incompleteRow", "Row without a date, customer ID or model: skipped", "行缺少日期、客户编号或型号，已跳过", { sheet: r.sheet, cell: r.address(field) });
    return null;
  }
  const quantity = quantityOf(r, "quantity", issues, { min });
  return quantity === null ? null : { date, customerId, model, quantity };
}

export function readStock(wb: WorkbookGrids, issues: IssueLog): { sheet: string | null; counts: StockCount[] } {
  const counts: StockCount[] = [];
  const sheet = readJobSheet(wb, STOCK_SHEET, issues, (r) => {
    const row = datedRow(r, issues, 0);
    if (row) counts.push(row);
  });
  return { sheet, counts };
}

export function readSellOut(wb: WorkbookGrids, issues: IssueLog): { sheet: string | null; reports: SellOutReport[] } {
  const reports: SellOutReport[] = [];
  // A sell-out report may be negative (a customer's return to the dealer).
  const sheet = readJobSheet(wb, SELL_OUT_SHEET, issues, (r) => {
    const row = datedRow(r, issues, undefined);
    if (row) reports.push(row);
  });
  return { sheet, reports };
}
