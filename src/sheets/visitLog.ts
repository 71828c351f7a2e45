/** Reading the visit log (`拜访记录 / Visits`: date, customer, optional visitor and note). */
import type { IssueLog } from "../domain/issues";
import type { VisitLogEntry } from "../domain/visits";
import { FieldDef, ID_SYNONYMS } from "./fields";
import type { WorkbookGrids } from "./grid";
import { JobSheetDef, readJobSheet } from "./jobTables";
import { BAD, parseDate, parseText } from "./values";

type VisitField = "date" | "customerId" | "visitor";
const FIELDS: FieldDef<VisitField>[] = [
  { key: "date", required: true, synonyms: ["拜访日期", "日期", "Visit date", "Date"], label: { zh: "拜访日期", en: "Visit date" } },
  { key: "customerId", required: true, synonyms: ID_SYNONYMS, label: { zh: "客户编号", en: "Customer ID" } },
  { key: "visitor", required: false, synonyms: ["拜访人", "销售代表", "客户经理", "Visitor", "Rep"], label: { zh: "拜访人", en: "Visitor" } },
];
export const VISIT_LOG_SHEET: JobSheetDef<VisitField> = { names: ["拜访记录", "Visits", "Visit log"], fields: FIELDS, label: { zh: "拜访记录", en: "Visit log" } };

export function readVisitLog(wb: WorkbookGrids, issues: IssueLog): { sheet: string | null; log: VisitLogEntry[] } {
  const log: VisitLogEntry[] = [];
  const sheet = readJobSheet(wb, VISIT_LOG_SHEET, issues, (r) => {
    const date = r.get("date", parseDate, { en: "date", zh: "日期" });
    const customerId = parseText(r.raw("customerId"));
    if (date === BAD) return;
    if (date === null || !customerId) {
      issues.error("jobs.incompleteRow", "Visit without a date or customer ID: skipped", "拜访记录缺少日期或客户编号，已跳过", { sheet: r.sheet, cell: r.address(date === null ? "date" : "customerId") });
      return;
    }
    log.push({ date, customerId, visitor: parseText(r.raw("visitor")) });
  });
  return { sheet, log };
}
