import { runPipeline } from "../../src/pipeline/run";
import { serial, sheet, workbook } from "../support/grids";

describe("ABC vertical slice through the pipeline", () => {
  // Revenue: C1 500, C2 300, C3 150, C4 50 (total 1000) → cumulative 50%, 80%, 95%, 100%.
  const customers = sheet("客户资料", [
    ["2024 客户资料"],
    [],
    ["客户编号", "客户名称", "办事处", "销售代表"],
    ["C1", "甲", "杭州", "王"],
    ["C2", "乙", "杭州", "王"],
    ["C3", "丙", "宁波", "李"],
    ["C4", "丁", "宁波", "李"],
    ["C5", "戊", "宁波", "李"],
  ]);
  const sales = sheet("销售记录", [
    ["日期", "客户编号", "型号", "数量", "金额"],
    [serial("2024-03-01"), "C1", "I9300", 1, 500],
    [serial("2024-03-02"), "C2", "I9300", 1, "¥300.00"],
    ["2024/4/5", "C3", "I9300", 1, 150],
    ["2024年5月3日", "C4", "I9300", 1, 50],
    [serial("2024-12-31"), "C4", "I9300", 0, 0],
    ["合计", null, null, 4, 1000],
  ]);

  it("classifies with the inclusive boundary by default and writes columns, sheet and JSON", () => {
    const out = runPipeline(workbook(customers, sales), { period: "2024-01..2024-12", now: "2024-12-31T00:00:00Z" });
    expect(out.failed).toBe(false);
    const byId = Object.fromEntries(out.summary.customers.map((c) => [c.customerId, c]));
    expect(byId.C1.abc).toBe("A");
    expect(byId.C2.abc).toBe("A"); // reaches exactly 80%: included
    expect(byId.C3.abc).toBe("B"); // reaches exactly 95%: included in B
    expect(byId.C4.abc).toBe("C");
    expect(byId.C5.abc).toBe("C"); // no sales
    expect(byId.C2.cumShare).toBe(0.8);
    expect(out.summary.abc).toEqual({ A: { count: 2, revenue: 800 }, B: { count: 1, revenue: 150 }, C: { count: 2, revenue: 50 } });
    const cols = out.patch.columns.find((c) => c.id === "tiering.columns")!;
    expect(cols.sheet).toBe("客户资料");
    expect(cols.headerRow).toBe(2);
    expect(cols.rows).toEqual([3, 4, 5, 6, 7]);
    expect(cols.columns.find((c) => c.key === "abc")!.values).toEqual(["A", "A", "B", "C", "C"]);
    expect(out.patch.sheets.map((s) => s.name)).toContain("分级汇总");
    expect(out.patch.sheets.find((s) => s.name === "分级汇总")!.charts[0].type).toBe("columnLine");
    // The totals row is skipped with a note, not read as a sale.
    expect(out.issues.some((i) => i.code === "row.totals" && i.cell === "A7")).toBe(true);
  });

  it("moves the boundary customer out under the strict rule", () => {
    const policy = sheet("分级规则", [
      ["参数 / Key", "设置 / Setting", "值 / Value"],
      ["abc.boundary", "临界客户规则", "严格小于"],
    ]);
    const out = runPipeline(workbook(customers, sales, policy), { period: "2024-01..2024-12" });
    const byId = Object.fromEntries(out.summary.customers.map((c) => [c.customerId, c.abc]));
    expect([byId.C1, byId.C2, byId.C3, byId.C4]).toEqual(["A", "B", "C", "C"]);
  });

  it("fails with exit-code semantics when there is neither a sales sheet nor a customer master", () => {
    const out = runPipeline(workbook(sheet("备注", [["说明"], ["本表无数据"]])));
    expect(out.failed).toBe(true);
    expect(out.issues[0].code).toBe("sales.notFound");
  });

  it("runs a customer master without sales: funnel and call list, and says once what was skipped", () => {
    const out = runPipeline(workbook(customers), { now: "2024-09-26T08:00:00Z" });
    expect(out.failed).toBe(false);
    expect(out.issues.filter((i) => i.code === "sales.none")).toHaveLength(1);
    expect(out.summary.funnel).toBeTruthy();
    expect(out.summary.abc.A.count + out.summary.abc.B.count + out.summary.abc.C.count).toBe(0);
  });
});
