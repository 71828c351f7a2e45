/**
 * Reading plans (SPEC §4.1): the long format (named sheet or a 月份 column) and TierPlan's
 * wide per-rep template; bad rows become issues with their cells, good rows still count.
 */
import { IssueLog } from "../../src/domain/issues";
import { parseMonthCell, parsePlanSheetName, planSheetName, readPlans } from "../../src/sheets/plan";
import { serial, sheet, workbook } from "../support/grids";

function read(...sheets: ReturnType<typeof sheet>[]) {
  const issues = new IssueLog();
  const plans = readPlans(workbook(...sheets), issues, new Set(["销售记录"]));
  return { plans, issues: issues.list(), brief: plans.map((p) => [p.month, p.customerId, p.model, p.targetQty, p.targetAmount, p.rep]) };
}

describe("long format", () => {
  it("reads a sheet named 计划 YYYY-MM and reports bad rows with their cells", () => {
    const { brief, issues } = read(
      sheet("计划 2024-12", [
        ["客户编号", "型号", "目标数量", "销售代表", "目标金额"],
        ["C1", "X", 10, "王伟", 1000],
        ["C2", "X", "5", null, null],
        [null, "X", 3, null, null],
        ["C3", null, 3, null, null],
        ["C4", "X", -3, null, null],
        ["C5", "X", "三", null, null],
        ["C6", "X", null, null, null],
        ["C1", "X", 7, null, null],
        ["C7", "Y", 0, null, "abc"],
        ["合计", null, 25, null, null],
      ]),
    );
    expect(brief).toEqual([
      ["2024-12", "C1", "X", 10, 100_000, "王伟"],
      ["2024-12", "C2", "X", 5, null, null],
      ["2024-12", "C7", "Y", 0, null, null],
    ]);
    const at = issues.map((i) => [i.code, i.cell]);
    expect(at).toEqual(
      expect.arrayContaining([
        ["plan.noCustomer", "A4"],
        ["plan.noModel", "B5"],
        ["plan.badTarget", "C6"],
        ["plan.badTarget", "C7"],
        ["plan.noTarget", "C8"],
        ["plan.duplicate", "A9"],
        ["value.bad.targetAmount", "E10"],
      ]),
    );
    expect(issues.every((i) => i.sheet === "计划 2024-12")).toBe(true);
  });

  it("reads any sheet with a 月份 column, in English too, with months in several forms", () => {
    const { brief } = read(
      sheet("Targets", [
        ["Month", "Customer ID", "Model", "Target qty", "Rep"],
        ["2024-12", "C1", "X", 1, "Wang"],
        [serial("2024-11-01"), "C1", "X", 2, null],
        ["2024年10月", "C1", "X", 3, null],
        [202409, "C1", "X", 4, null],
      ]),
      sheet("Plan 2024-08", [
        ["Customer ID", "Model", "Target qty"],
        ["C2", "Y", 5],
      ]),
    );
    expect(brief).toEqual([
      ["2024-12", "C1", "X", 1, null, "Wang"],
      ["2024-11", "C1", "X", 2, null, null],
      ["2024-10", "C1", "X", 3, null, null],
      ["2024-09", "C1", "X", 4, null, null],
      ["2024-08", "C2", "Y", 5, null, null],
    ]);
  });

  it("leaves other sheets alone, and says what a named plan sheet lacks", () => {
    const { plans, issues } = read(
      sheet("月报", [["月份", "销售额"], ["2024-12", 100]]),
      sheet("计划达成 2024-12", [["客户编号", "型号", "目标数量"], ["C1", "X", 1]]),
      sheet("计划 2024-11", [["客户编号", "数量"], ["C1", 1]]),
    );
    expect(plans).toEqual([]);
    expect(issues.map((i) => [i.code, i.sheet])).toEqual([["plan.columnsMissing", "计划 2024-11"]]);
  });
});

describe("the wide per-rep template", () => {
  const template = (name: string) =>
    sheet(name, [
      ["2024-12 月度销售计划 · 王伟"],
      ["填写说明"],
      ["请在黄色单元格填写目标数量"],
      [],
      ["客户编号", "客户名称", "ABC分类", "渠道类型", "X 单价", "X 目标数量", "X 目标金额", "Y 单价", "Y 建议数量", "Y 目标数量", "Y 目标金额", "目标数量合计", "目标金额合计"],
      ["C1", "甲", "A", "社会渠道直供", 100, 10, 0, 60, 3, 0, 0, 0, 0],
      ["C2", "乙", "B", "社会渠道直供", 100, 5, 0, 60, 1, null, 0, 0, 0],
      ["C3", "丙", "C", "社会渠道直供", 100, null, 0, 60, 0, null, 0, 0, 0],
      ["C4", "丁", "C", "社会渠道直供", 100, 2.5, 0, 60, 0, "x", 0, 0, 0],
      ["合计", null, null, null, null, 15, 0, null, null, 0, 0, 0, 0],
    ]);

  it("maps each filled target cell back to a plan row; blank = no target, 0 = a zero target", () => {
    const { brief, issues, plans } = read(template("计划 2024-12 王伟"));
    expect(brief).toEqual([
      ["2024-12", "C1", "X", 10, 100_000, "王伟"],
      ["2024-12", "C1", "Y", 0, 0, "王伟"],
      ["2024-12", "C2", "X", 5, 50_000, "王伟"],
      ["2024-12", "C4", "X", 2.5, 25_000, "王伟"],
    ]);
    expect(plans[0].source).toEqual({ sheet: "计划 2024-12 王伟", row: 5 });
    expect(issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ["warning", "plan.fractionTarget", "F9"],
      ["error", "plan.badTarget", "J9"],
    ]);
  });

  it("keeps models whose names look like headers apart from the fixed columns", () => {
    const { brief } = read(
      sheet("Plan 2024-12 Wang", [
        ["Customer ID", "Customer", "Product A Price", "Product A Target qty", "Product A Target amount", "Total qty"],
        ["C1", "A", 10, 3, 0, 0],
      ]),
    );
    expect(brief).toEqual([["2024-12", "C1", "Product A", 3, 3000, "Wang"]]);
  });

  it("takes no rep from an unassigned sheet", () => {
    expect(read(template("计划 2024-12 未分配")).plans[0].rep).toBeNull();
    expect(read(template("Plan 2024-12")).plans[0].rep).toBeNull();
  });
});

describe("names and months", () => {
  it("names template sheets within Excel's limits and parses them back", () => {
    expect(planSheetName("2024-12", "王伟", "zh")).toBe("计划 2024-12 王伟");
    expect(planSheetName("2024-12", null, "en")).toBe("Plan 2024-12");
    const long = planSheetName("2024-12", "A very long rep name: with/odd*chars", "en");
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).not.toMatch(/[[\]:*?/\\]/);
    expect(parsePlanSheetName("计划 2024-12 王伟")).toEqual({ month: "2024-12", suffix: "王伟" });
    expect(parsePlanSheetName("计划2024年3月")).toEqual({ month: "2024-03", suffix: null });
    expect(parsePlanSheetName("计划达成 2024-12")).toBeNull();
  });

  it("reads month cells", () => {
    expect(parseMonthCell("2024/3", null)).toBe("2024-03");
    expect(parseMonthCell(12, 2024)).toBe("2024-12");
    expect(parseMonthCell("12月", 2024)).toBe("2024-12");
    expect(typeof parseMonthCell(12, null)).toBe("symbol");
    expect(typeof parseMonthCell("2024-13", null)).toBe("symbol");
  });
});
