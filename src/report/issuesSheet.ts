/**
 * The issues list as an owned sheet (问题清单 / Issues), so problems travel with the workbook.
 * A function of (issues, language) on the typed column tables: the severity is a code shown
 * in the sheet's language, the message is the sheet language's text.
 */
import type { Issue, Severity } from "../domain/issues";
import type { SheetPatch } from "./patch";
import { type Column, type Label, type Lang, pick, tableBlock } from "./table";

export const ISSUES_SHEET: Label = { zh: "问题清单", en: "Issues" };

const SEVERITY: Record<Severity, Label & { fill: string }> = {
  error: { zh: "错误", en: "Error", fill: "#F4CCCC" },
  warning: { zh: "警告", en: "Warning", fill: "#FFEB9C" },
  info: { zh: "提示", en: "Info", fill: "#DDEBF7" },
};

function issueColumns(lang: Lang): Column<Issue>[] {
  return [
    { key: "severity", label: { zh: "级别", en: "Severity" }, format: { vocabulary: SEVERITY }, value: (i) => i.severity },
    { key: "sheet", label: { zh: "工作表", en: "Sheet" }, format: "text", value: (i) => i.sheet ?? null },
    { key: "cell", label: { zh: "单元格", en: "Cell" }, format: "text", value: (i) => i.cell ?? null },
    { key: "message", label: { zh: "说明", en: "Message" }, format: "text", value: (i) => (lang === "zh" ? i.messageZh ?? i.message : i.message), width: { max: 90 } },
    // A grouped issue stands for itself and `count` more rows of the same kind.
    { key: "count", label: { zh: "同类行数", en: "Rows" }, format: "integer", value: (i) => (i.count ? i.count + 1 : 1) },
  ];
}

export function issuesSheet(issues: Issue[], lang: Lang): SheetPatch {
  const block = tableBlock({
    id: "issues", at: { row: 0, col: 0 }, columns: issueColumns(lang), excelTable: "TierPlanIssues",
    colours: Object.values(SEVERITY).map((s) => ({ column: "severity", equals: pick(s, lang), fill: s.fill })),
  }, issues, lang);
  block.table!.style = "TableStyleLight9";
  return { name: pick(ISSUES_SHEET, lang), tabColor: "#C00000", blocks: [block], charts: [], freeze: { rows: 1, cols: 0 } };
}
