import type { Issue } from "../../src/domain/issues";
import { issuesSheet } from "../../src/report/issuesSheet";
import { displayWidth, fitSheet } from "../../src/report/table";

const ISSUES: Issue[] = [
  { severity: "error", code: "sales.badDate", sheet: "销售记录", cell: "A32", message: "Not a date", messageZh: "不是日期", count: 4 },
  { severity: "info", code: "customers.noRep", message: "3 customers have no rep" },
];

describe("issues sheet", () => {
  test("severity and message in the sheet's language, grouped rows counted with the first", () => {
    const zh = issuesSheet(ISSUES, "zh");
    expect(zh.name).toBe("问题清单");
    const b = zh.blocks[0];
    expect(b.columns.map((c) => c.header)).toEqual(["级别", "工作表", "单元格", "说明", "同类行数"]);
    expect(b.rows).toEqual([
      ["错误", "销售记录", "A32", "不是日期", 5],
      ["提示", null, null, "3 customers have no rep", 1],
    ]);
    expect(b.colours?.find((c) => c.equals === "错误")?.fill).toBe("#F4CCCC");
    expect(b.table).toEqual({ name: "TierPlanIssues", style: "TableStyleLight9" });
    const en = issuesSheet(ISSUES, "en");
    expect(en.name).toBe("Issues");
    expect(en.blocks[0].rows[0].slice(0, 4)).toEqual(["Error", "销售记录", "A32", "Not a date"]);
  });

  test("columns fit what they show", () => {
    const s = issuesSheet(ISSUES, "zh");
    fitSheet(s);
    expect(s.columnWidths![1]).toBeGreaterThan(displayWidth("销售记录"));
    expect(s.columnWidths![3]).toBeGreaterThan(displayWidth("3 customers have no rep"));
    expect(s.freeze).toEqual({ rows: 1, cols: 0 });
  });
});
