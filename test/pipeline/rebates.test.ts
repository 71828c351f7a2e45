/** Rebates through the whole pipeline on grids: policy sheet → settlement → sheets, columns, chart and JSON. */
import { runPipeline } from "../../src/pipeline/run";
import { Block, FormulaValue, SheetPatch } from "../../src/report/patch";
import { serial, sheet, workbook } from "../support/grids";

const customers = sheet("客户资料", [
  ["客户编号", "客户名称", "渠道类型"],
  ["C1", "甲通讯", "社会渠道直供"],
  ["C2", "乙营业厅", "联通渠道"],
  ["C3", "丙电器", "大客户"],
]);
const sales = sheet("销售记录", [
  ["日期", "客户编号", "型号", "数量", "金额", "合约计划", "类型"],
  [serial("2024-10-10"), "C1", "I9300", 1, 3000, "否", "提货"], // row 2: Oct, V1 cumulative 3,000
  [serial("2024-11-05"), "C1", "I9300", 1, 4000, "是", "提货"], // row 3: Nov, V1 cumulative 7,000 → 140
  [serial("2024-12-03"), "C1", "I9300", 3, 12000, "是", "提货"], // row 4: R1 90, R7 300, V1 19,000 → 380 − 140 = +240
  [serial("2024-12-20"), "C1", "I9100", 2, 8000, "否", "提货"], // row 5: V1 27,000 → 1,080 − 380 = +700
  [serial("2024-12-05"), "C2", "I9300", 2, 8336, "是", "提货"], // row 6: operator: no rule names it
  [serial("2024-12-06"), "C3", "S5830", 10, 11200, "否", "提货"], // row 7: R9 0.5% = 56
  [serial("2024-12-07"), "C3", "S5830", -1, -1120, "否", "退货"], // row 8: R9 −5.60
]);
const policy = sheet("返利政策", [
  ["规则编号 / Rule ID", "型号 / Model", "渠道 / Channels", "类型 / Kind", "依据 / Basis", "门槛 / Thresholds", "返利 / Rates", "方式 / Mode", "生效日期 / Valid from", "失效日期 / Valid to", "备注 / Note"],
  ["R1", "I9300", "社会渠道直供", "提货返利", "数量", null, 30, null, serial("2024-01-01"), serial("2024-12-31"), null],
  ["V1", null, "社会渠道直供", "达量返利", "金额", "5000/20000", "2%/4%", "全量", serial("2024-10-01"), serial("2024-12-31"), "最低 5,000"],
  ["R7", "I9300", "社会渠道直供", "合约返利", "数量", null, 100, null, serial("2024-01-01"), serial("2024-12-31"), "仅向提货社会渠道客户兑付"],
  ["R9", null, "大客户", "其他返利", "金额", null, "0.5%", null, serial("2024-01-01"), serial("2024-12-31"), "陈列费"],
  ["BAD", null, null, "返现", "数量", null, 10, null, null, null, null], // row 6: unknown kind
]);

const block = (s: SheetPatch, id: string) => s.blocks.find((b) => b.id === id)!;
const col = (b: Block, key: string) => b.columns.findIndex((c) => c.key === key);

describe("rebates through the pipeline", () => {
  const out = runPipeline(workbook(customers, sales, policy), { month: "2024-12", period: "2024-01..2024-12" });

  it("fills the JSON of SPEC §7 in yuan, 2 dp", () => {
    expect(out.failed).toBe(false);
    const r = out.summary.rebates;
    expect(r.month).toBe("2024-12");
    expect(r.total).toBe(1380.4); // C1 90 + 940 + 300 = 1,330; C3 56 − 5.60 = 50.40
    expect(r.byCustomer).toEqual([
      { customerId: "C1", pickup: 90, volume: 940, contract: 300, other: 0, target: 0, collection: 0, growth: 0, total: 1330 },
      { customerId: "C3", pickup: 0, volume: 0, contract: 0, other: 50.4, target: 0, collection: 0, growth: 0, total: 50.4 },
    ]);
    // Sales of December 38,416 = rebated 30,080 (C1's two lines, C3's two lines) + not rebated 8,336 (C2).
    expect(r.reconciliation).toEqual({ salesAmount: 38416, rebatedAmount: 30080, notRebatedAmount: 8336 });
  });

  it("reports the bad rule row with its cell and still runs the other rules", () => {
    expect(out.issues.filter((i) => i.sheet === "返利政策").map((i) => [i.code, i.cell])).toEqual([["rebate.badKind", "D6"]]);
    expect(out.context.data.policy.rebates.map((r) => r.ruleId)).toEqual(["R1", "V1", "R7", "R9"]);
  });

  it("writes the rebate lines with rule, basis, threshold, rate and amount, tying to the statement", () => {
    const lines = out.patch.sheets.find((s) => s.name === "返利明细")!;
    const b = block(lines, "rebates.lines");
    const pick = ["row", "ruleId", "cumulative", "threshold", "rate", "rebate"].map((k) => col(b, k));
    const rows = b.rows.slice(0, -1).map((r) => pick.map((i) => r[i]));
    expect(rows).toEqual([
      [4, "R1", 5, 0, "¥30/台", 90], // cumulative over the year: Oct 1 + Nov 1 + Dec 3
      [4, "V1", 19000, 5000, "2% 全量", 240],
      [4, "R7", 4, 0, "¥100/台", 300], // contract-plan units: Nov 1 + Dec 3
      [5, "V1", 27000, 20000, "4% 全量", 700],
      [7, "R9", 11200, 0, "0.5%", 56],
      [8, "R9", 10080, 0, "0.5%", -5.6],
    ]);
    const total = b.rows[b.rows.length - 1][col(b, "rebate")] as FormulaValue;
    expect(total).toEqual({ formula: "SUM(Q4:Q9)", result: 1380.4 });
  });

  it("writes the statement with paid-before, this month and the distance to the next tier", () => {
    const st = out.patch.sheets.find((s) => s.name === "返利对账单")!;
    const b = block(st, "rebates.statement");
    const v1 = b.rows.find((r) => r[0] === "C1" && r[2] === "V1")!;
    expect([v1[col(b, "cumulative")], v1[col(b, "tier")], v1[col(b, "entitlement")], v1[col(b, "paidBefore")], v1[col(b, "thisMonth")], v1[col(b, "next")]])
      .toEqual([27000, "≥¥20,000", 1080, 140, 940, "已达最高档"]);
    const recon = block(st, "rebates.reconciliation");
    expect(recon.rows.slice(0, 3).map((r) => r[1])).toEqual([38416, 30080, 8336]);
    expect(recon.rows[3][1]).toEqual({ formula: "ROUND(B6-B7-B8,2)", result: 0 });
    const chart = st.charts.find((c) => c.id === "rebates.byCustomerChart")!;
    expect(chart.type).toBe("bar");
    expect(chart.categories).toEqual({ block: "rebates.byCustomer", column: "customer", rows: [0, 1] });
  });

  it("puts the rule ids and the month's rebate beside the sales lines", () => {
    const c = out.patch.columns.find((x) => x.id === "rebates.columns")!;
    expect(c.sheet).toBe("销售记录");
    expect(c.rows).toEqual([3, 4, 6, 7]); // 0-based sheet rows of rows 4, 5, 7, 8
    expect(c.columns.map((x) => x.values)).toEqual([["R1, V1, R7", "V1", "R9", "R9"], [630, 700, 56, -5.6]]);
  });

  it("tells the distance to the next tier in units of the model", () => {
    const pol = sheet("返利政策", [policy.rows[0], ["R5", "I9300", "社会渠道直供", "达量返利", "数量", "1000/400", "43/26", "全量", serial("2024-10-01"), serial("2024-12-31"), null]]);
    const big = sheet("销售记录", [sales.rows[0], [serial("2024-12-03"), "C1", "I9300", 880, 880 * 4168, "否", "提货"]]);
    const o = runPipeline(workbook(customers, big, pol), { month: "2024-12", lang: "en" }, ["rebates"]);
    const st = o.patch.sheets.find((s) => s.name === "Rebate statement")!;
    const b = block(st, "rebates.statement");
    expect(b.rows[0][col(b, "next")]).toBe("120 more units of I9300 reach the 1000-unit tier");
    expect(b.rows[0][col(b, "thisMonth")]).toBe(880 * 26);
    const zh = runPipeline(workbook(customers, big, pol), { month: "2024-12" }, ["rebates"]);
    const bz = block(zh.patch.sheets.find((s) => s.name === "返利对账单")!, "rebates.statement");
    expect(bz.rows[0][col(bz, "next")]).toBe("再提 120 台 I9300 达到 1000 台档");
  });
});
