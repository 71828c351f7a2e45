/**
 * Reading 回款明细 / Collections (SPEC §8): one row per payment received, with 回款日期 date,
 * 客户编号 customer and 回款金额 amount, and optionally 发票日期 invoice date or 账龄天数 days
 * from invoice to payment. Only a sheet with one of the names below is read: its columns
 * (a date, a customer, an amount) would otherwise match the sales sheet. Bad rows are
 * reported with their cell and skipped.
 */
import type { IssueLog } from "../domain/issues";
import type { Collection } from "../domain/model";
import { CUSTOMER_FIELDS, FieldDef, normalizeHeader } from "./fields";
import type { WorkbookGrids } from "./grid";
import { detectHeader } from "./headers";
import { forEachDataRow } from "./rows";
import { BAD, parseDate, parseMoney, parseNumber, parseText } from "./values";

const COLLECTION_SHEET_NAMES = ["回款明细", "Collections", "回款记录", "回款", "收款明细", "Collection"];

type Key = "date" | "customerId" | "amount" | "invoiceDate" | "days";

const idSynonyms = CUSTOMER_FIELDS.find((f) => f.key === "customerId")!.synonyms;

const COLLECTION_FIELDS: FieldDef<Key>[] = [
  { key: "date", required: true, synonyms: ["回款日期", "收款日期", "到账日期", "日期", "Date", "Collection date", "Payment date"], label: { zh: "回款日期", en: "Date" } },
  { key: "customerId", required: true, synonyms: idSynonyms, label: { zh: "客户编号", en: "Customer ID" } },
  { key: "amount", required: true, synonyms: ["回款金额", "收款金额", "到账金额", "金额", "Amount", "Collected", "Collection amount"], label: { zh: "回款金额", en: "Amount" } },
  { key: "invoiceDate", required: false, synonyms: ["发票日期", "开票日期", "Invoice date"], label: { zh: "发票日期", en: "Invoice date" } },
  { key: "days", required: false, synonyms: ["账龄天数", "回款天数", "天数", "Days", "Days to pay"], label: { zh: "账龄天数", en: "Days" } },
];

export interface CollectionsRead {
  sheet: string | null;
  collections: Collection[];
}

export function readCollections(wb: WorkbookGrids, issues: IssueLog): CollectionsRead {
  const wanted = COLLECTION_SHEET_NAMES.map(normalizeHeader);
  const grid = wb.sheets.find((s) => wanted.includes(normalizeHeader(s.name)));
  if (!grid) return { sheet: null, collections: [] };
  const m = detectHeader(grid, COLLECTION_FIELDS);
  if (!m || m.missing.length) {
    issues.error("collections.noHeader", `Sheet ${grid.name}: columns 回款日期/Date, 客户编号/Customer ID and 回款金额/Amount not found; no collections read`, `工作表 ${grid.name} 缺少 回款日期、客户编号、回款金额 列，未读取回款`, { sheet: grid.name, cell: "A1" });
    return { sheet: grid.name, collections: [] };
  }
  const out: Collection[] = [];
  forEachDataRow(grid, m, issues, (r) => {
    const date = r.get("date", parseDate, { en: "date", zh: "日期" });
    const customerId = parseText(r.raw("customerId"));
    const amount = r.get("amount", parseMoney, { en: "amount", zh: "金额" });
    const invoiceDate = r.get("invoiceDate", parseDate, { en: "date", zh: "日期" });
    const days = r.get("days", parseNumber, { en: "number of days", zh: "天数" });
    if (date === BAD || amount === BAD || invoiceDate === BAD || days === BAD) return; // reported with the cell
    if (date === null || amount === null || !customerId) {
      issues.warn("collections.incomplete", `Collection without date, customer or amount: row skipped`, `回款缺少日期、客户或金额：本行已跳过`, { sheet: r.sheet, cell: r.address(date === null ? "date" : !customerId ? "customerId" : "amount") });
      return;
    }
    out.push({ date, customerId, amount, invoiceDate, days, source: { sheet: r.sheet, row: r.row } });
  });
  return { sheet: grid.name, collections: out };
}
