/**
 * The SPEC §8 kinds through the pipeline on grids: rule columns (账期天数, 兑付方式), plan
 * sheets, 回款明细, last year's sales → JSON (byCustomer, forecast, vouchers) and the sheets
 * 返利对账单, 返利预测 and 返利凭证 with its check cell.
 */
import { IssueLog } from "../../src/domain/issues";
import { runPipeline } from "../../src/pipeline/run";
import type { Block, FormulaValue, SheetPatch } from "../../src/report/patch";
import { readCollections } from "../../src/sheets/collections";
import { readRebateRules } from "../../src/sheets/policy/rebateRules";
import { serial, sheet, workbook } from "../support/grids";

const RULE_HEADER = ["规则编号 / Rule ID", "型号 / Model", "渠道 / Channels", "类型 / Kind", "依据 / Basis", "门槛 / Thresholds", "返利 / Rates", "方式 / Mode", "生效日期 / Valid from", "失效日期 / Valid to", "备注 / Note", "账期天数 / Days limit", "兑付方式 / Payment form", "结算周期 / Cycle"];
const Q4 = [serial("2024-10-01"), serial("2024-12-31")];

const customers = sheet("客户资料", [["客户编号", "客户名称", "渠道类型"], ["C1", "甲通讯", "社会渠道直供"], ["C2", "乙电器", "大客户"]]);
const sales = sheet("销售记录", [
  ["日期", "客户编号", "型号", "数量", "金额"],
  [serial("2023-10-15"), "C1", "I9300", 30, 120000],
  [serial("2023-12-15"), "C1", "I9300", 20, 80000],
  [serial("2024-10-15"), "C1", "I9300", 20, 80000],
  [serial("2024-11-15"), "C1", "I9300", 22, 90000],
  [serial("2024-12-10"), "C1", "I9300", 35, 140000],
]);
const planSheet = (m: string) => sheet(`计划 ${m}`, [["客户编号", "型号", "目标数量", "目标金额"], ["C1", "I9300", 25, 100000]]);
const collections = sheet("回款明细", [
  ["回款日期", "客户编号", "回款金额", "发票日期"],
  [serial("2024-12-05"), "C1", 100000, serial("2024-11-20")], // 15 days
  [serial("2024-12-20"), "C1", 50000, serial("2024-10-01")], // 80 days: outside 30
  [serial("2024-12-21"), "C2", "abc", null], // bad amount: reported, skipped
]);
const rules = sheet("返利政策", [
  RULE_HEADER,
  ["T1", "I9300", null, "任务返利", "金额", "90%/100%/110%", "1%/2%/2.5%", null, ...Q4, null, null, "货补", null],
  ["H1", null, null, "回款返利", "回款", null, "1%", null, ...Q4, null, 30, "票折", null],
  ["G1", null, null, "增长返利", "金额", "10%/20%", "1%/2%", "增量", ...Q4, null, null, null, null],
]);

describe("reading the SPEC §8 rule columns and 回款明细", () => {
  it("reads target shares, the days limit, payment forms, growth 增量 and cycles", () => {
    const issues = new IssueLog();
    const r = readRebateRules(sheet("返利政策", [RULE_HEADER,
      ["T1", null, null, "任务返利", "金额", "90%/100%/110%", "1%/2%/2.5%", null, ...Q4, null, null, "货补", "季"],
      ["H1", null, null, "回款返利", null, "0/10万", "1%/1.5%", "分段", ...Q4, null, 30, "票折", null],
      ["G1", null, null, "增长返利", "数量", "0.1/20", "10/20", "增量", ...Q4, null, null, "现金", "年度"],
      ["X1", null, null, "回款返利", null, null, "30", null, ...Q4, null, -3, "支票", "周"],
    ]), issues);
    expect(r.map((x) => [x.ruleId, x.kind, x.basis, x.thresholds, x.mode, x.daysLimit, x.paymentForm, x.cycle])).toEqual([
      ["T1", "target", "amount", [0.9, 1, 1.1], "wholeVolume", null, "goods", "quarter"],
      ["H1", "collection", "amount", [0, 10_000_000], "graduated", 30, "invoiceDiscount", null],
      ["G1", "growth", "quantity", [0.1, 0.2], "increment", null, "cash", "year"],
    ]);
    // X1: every bad cell reported with its address (days, payment form, cycle, a per-unit rate on collections).
    expect(issues.list().filter((i) => i.severity === "error").map((i) => [i.code, i.cell])).toEqual([
      ["rebate.badDays", "L5"], ["rebate.badPaymentForm", "M5"], ["rebate.badCycle", "N5"], ["rebate.collectionRate", "G5"],
    ]);
  });

  it("reads collections with invoice dates or days and reports bad rows with their cell", () => {
    const issues = new IssueLog();
    const c = readCollections(workbook(collections), issues);
    expect(c.collections.map((x) => [x.customerId, x.amount, x.date - (x.invoiceDate ?? x.date)])).toEqual([["C1", 10_000_000, 15], ["C1", 5_000_000, 80]]);
    expect(issues.list().map((i) => [i.sheet, i.cell])).toEqual([["回款明细", "C4"]]);
  });
});

describe("target, collection and growth rebates through the pipeline", () => {
  const out = runPipeline(workbook(customers, sales, planSheet("2024-10"), planSheet("2024-11"), planSheet("2024-12"), collections, rules), { month: "2024-12", period: "2024-01..2024-12" });
  const sheetNamed = (n: string) => out.patch.sheets.find((s) => s.name === n) as SheetPatch;
  const block = (s: SheetPatch, id: string) => s.blocks.find((b) => b.id === id) as Block;

  it("fills byCustomer with December's payments: target 6,200, collection 1,000 (the 80-day collection left out), growth 1,200", () => {
    expect(out.failed).toBe(false);
    // Growth: Oct–Dec 310,000 against 200,000 on the same dates of 2023 = 55% → band 20% → 2% of the 110,000
    // increment = 2,200; November's end had 170,000 against 120,000 → 2% × 50,000 = 1,000 paid: December pays 1,200.
    expect(out.summary.rebates.byCustomer).toEqual([
      { customerId: "C1", pickup: 0, volume: 0, contract: 0, other: 0, target: 6200, collection: 1000, growth: 1200, total: 8400 },
    ]);
  });

  it("writes the forecast at the end of the quarter (nothing left to project) and the next band", () => {
    const f = out.summary.rebates.forecast as Record<string, unknown>[];
    expect(f.map((x) => [x.ruleId, x.paymentForm, x.basis, x.projectedBasis, x.entitlement, x.projectedEntitlement, x.nextBand, x.neededForNextBand, x.nextBandGain])).toEqual([
      ["T1", "goods", 310000, 310000, 6200, 6200, 1.1, 20000, 2050], // 2.5% × 330,000 − 6,200 = 2,050
      ["H1", "invoiceDiscount", 100000, 100000, 1000, 1000, null, null, null],
      ["G1", "cash", 310000, 310000, 2200, 2200, null, null, null],
    ]);
  });

  it("writes balanced vouchers to the JSON and to 返利凭证 with a check cell of 0", () => {
    const v = out.summary.rebates.vouchers as { debit: number; credit: number; entries: { summary: string; accountCode: string; debit: number; credit: number; paymentForm: string }[] };
    expect([v.debit, v.credit]).toEqual([8400, 8400]);
    expect(v.entries.map((e) => [e.summary, e.accountCode, e.debit, e.credit])).toEqual([
      ["返利预提 T1 2024-12 C1", "6601", 6200, 0], ["返利预提 T1 2024-12 C1", "2241", 0, 6200],
      ["返利预提 H1 2024-12 C1", "6601", 1000, 0], ["返利预提 H1 2024-12 C1", "2241", 0, 1000],
      ["返利预提 G1 2024-12 C1", "6601", 1200, 0], ["返利预提 G1 2024-12 C1", "2241", 0, 1200],
    ]);
    const b = block(sheetNamed("返利凭证"), "rebates.vouchers");
    expect(b.columns.slice(0, 9).map((c) => c.header)).toEqual(["日期", "凭证字", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "客户"]);
    const check = b.rows[b.rows.length - 1];
    expect(check[3]).toBe("核对：借方 − 贷方（应为 0）");
    expect(check[6]).toEqual({ formula: "ROUND(G10-H10,2)", result: 0 });
    expect((b.rows[b.rows.length - 2][6] as FormulaValue).result).toBe(8400);
    expect(b.rows[0][10]).toBe("货补");
  });

  it("explains each figure on its statement line and shows the payment form", () => {
    const st = block(sheetNamed("返利对账单"), "rebates.statement");
    const at = (k: string) => st.columns.findIndex((c) => c.key === k);
    const rows = st.rows.filter((r) => r[at("ruleId")]);
    expect(rows.map((r) => [r[at("ruleId")], r[at("tier")], r[at("paymentForm")], r[at("explain")]])).toEqual([
      ["T1", "达成≥100%", "货补", "计划 ¥300,000，达成 103.3%"],
      ["H1", "首台起", "票折", "账期 ≤30 天；超期 1 笔 ¥50,000 不计"],
      ["G1", "增长≥20%", "现金", "去年同期 ¥200,000，增长 55%"],
    ]);
    expect(sheetNamed("返利预测")).toBeDefined();
  });
});

describe("payment form on the sales-line kinds", () => {
  it("返利明细 carries each rule's 兑付方式", () => {
    const pickup = sheet("返利政策", [RULE_HEADER, ["P1", "I9300", null, "提货返利", "数量", null, 30, null, ...Q4, null, null, "票折", null]]);
    const out = runPipeline(workbook(customers, sales, pickup), { month: "2024-12", period: "2024-01..2024-12" });
    const lines = out.patch.sheets.find((s) => s.name === "返利明细")!.blocks.find((b) => b.id === "rebates.lines")!;
    const at = lines.columns.findIndex((c) => c.key === "paymentForm");
    expect(lines.columns[at].header).toBe("兑付方式");
    expect(lines.rows[0][at]).toBe("票折");
    // The month's voucher says it too.
    expect((out.summary.rebates.vouchers as { entries: { paymentForm: string; debit: number }[] }).entries[0]).toMatchObject({ paymentForm: "invoiceDiscount", debit: 1050 });
  });
});
