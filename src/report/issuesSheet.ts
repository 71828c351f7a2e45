/** The issues list as an owned sheet (问题清单), so problems travel with the workbook. */
import type { Issue } from "../domain/issues";
import type { Lang } from "../pipeline/options";
import type { SheetPatch } from "./patch";

const SEVERITY: Record<string, { zh: string; en: string; fill: string }> = {
  error: { zh: "错误", en: "Error", fill: "#F4CCCC" },
  warning: { zh: "警告", en: "Warning", fill: "#FFEB9C" },
  info: { zh: "提示", en: "Info", fill: "#DDEBF7" },
};

export function issuesSheet(issues: Issue[], lang: Lang): SheetPatch {
  const zh = lang === "zh";
  return {
    name: zh ? "问题清单" : "Issues",
    tabColor: "#C00000",
    blocks: [
      {
        id: "issues",
        at: { row: 0, col: 0 },
        columns: [
          { key: "severity", header: zh ? "级别" : "Severity", format: "text", width: 8 },
          { key: "sheet", header: zh ? "工作表" : "Sheet", format: "text", width: 16 },
          { key: "cell", header: zh ? "单元格" : "Cell", format: "text", width: 8 },
          { key: "message", header: zh ? "说明" : "Message", format: "text", width: 90 },
          { key: "count", header: zh ? "同类行数" : "Rows", format: "integer", width: 9 },
        ],
        rows: issues.map((i) => [
          zh ? SEVERITY[i.severity].zh : SEVERITY[i.severity].en,
          i.sheet ?? null,
          i.cell ?? null,
          zh ? i.messageZh ?? i.message : i.message,
          i.count ? i.count + 1 : 1,
        ]),
        colours: Object.values(SEVERITY).map((s) => ({ column: "severity", equals: zh ? s.zh : s.en, fill: s.fill })),
        table: { name: "TierPlanIssues", style: "TableStyleLight9" },
      },
    ],
    charts: [],
    freeze: { rows: 1, cols: 0 },
  };
}
