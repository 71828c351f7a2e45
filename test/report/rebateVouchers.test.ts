/**
 * The voucher and forecast builders from hand-made results (no run), and the two rebate columns
 * beside the sales lines from a small settlement: headers, cells, totals from the column
 * records, the debit − credit check, and codes (kind, payment form) shown as labels.
 */
import type { RebateKind } from "../../src/domain/model";
import { REBATE_KINDS, type RebateForecast, type VoucherResult, settleRebates } from "../../src/domain/rebates";
import type { Block, FormulaValue, SheetPatch } from "../../src/report/patch";
import { rebateForecastSheet, rebateVoucherSheet } from "../../src/report/rebateVouchers";
import { rebateColumns } from "../../src/report/rebates";
import { d, line, mon, rule } from "../domain/rebates/helpers";

const names = new Map([["C1", "甲商贸"], ["C2", "乙通讯"]]);
const zh = { lang: "zh" as const, customerNames: names };
const en = { lang: "en" as const, customerNames: names };
const block = (s: SheetPatch, id: string): Block => s.blocks.find((b) => b.id === id)!;
const at = (b: Block, key: string) => b.columns.findIndex((c) => c.key === key);

// C1 earns ¥62 (goods), C2 is clawed back ¥5.50 (cash): the clawback reverses the sides.
const base = { date: d("2024-12-31"), word: "记", customerId: "C1", ruleId: "V1", paymentForm: "goods" as const };
const vouchers: VoucherResult = {
  entries: [
    { ...base, number: 1, summary: "返利预提 V1 2024-12 C1", accountCode: "6601", accountName: "销售费用—销售返利", debit: 6_200, credit: 0 },
    { ...base, number: 1, summary: "返利预提 V1 2024-12 C1", accountCode: "2241", accountName: "其他应付款", debit: 0, credit: 6_200 },
    { ...base, customerId: "C2", paymentForm: "cash", number: 2, summary: "返利预提 V1 2024-12 C2", accountCode: "2241", accountName: "其他应付款", debit: 550, credit: 0 },
    { ...base, customerId: "C2", paymentForm: "cash", number: 2, summary: "返利预提 V1 2024-12 C2", accountCode: "6601", accountName: "销售费用—销售返利", debit: 0, credit: 550 },
  ],
  accounts: { expenseAccount: "6601", expenseName: "销售费用—销售返利", payableAccount: "2241", payableName: "其他应付款", word: "记" },
  debit: 6_750,
  credit: 6_750,
};

describe("返利凭证 / Vouchers", () => {
  const s = rebateVoucherSheet(vouchers, zh, "2024-12");
  const b = block(s, "rebates.vouchers");

  test("the import headers, in Chinese and without a unit added to the amounts", () => {
    expect(s.name).toBe("返利凭证");
    expect(b.columns.map((c) => c.header)).toEqual(["日期", "凭证字", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "客户", "规则编号", "兑付方式"]);
    expect(block(rebateVoucherSheet(vouchers, en, "2024-12"), "rebates.vouchers").columns.slice(6, 11).map((c) => c.header)).toEqual(["借方金额", "贷方金额", "客户", "Rule ID", "Payment form"]);
  });

  test("entries in yuan, the customer with its name, the payment form as a label", () => {
    expect(b.rows[0]).toEqual([d("2024-12-31"), "记", 1, "返利预提 V1 2024-12 C1", "6601", "销售费用—销售返利", 62, null, "C1 甲商贸", "V1", "货补"]);
    expect(b.rows[2].slice(6, 11)).toEqual([5.5, null, "C2 乙通讯", "V1", "现金"]);
  });

  test("a totals row of the debits and credits, then the check debits − credits = 0", () => {
    // Header on sheet row 3, entries on rows 4–7, totals on row 8 (G = 借方金额, H = 贷方金额).
    const totals = b.rows[4];
    expect(totals[at(b, "summary")]).toBe("合计");
    expect(totals[at(b, "debit")]).toEqual({ formula: "SUM(G4:G7)", result: 67.5 });
    expect(totals[at(b, "credit")]).toEqual({ formula: "SUM(H4:H7)", result: 67.5 });
    const check = b.rows[5];
    expect(check[at(b, "summary")]).toBe("核对：借方 − 贷方（应为 0）");
    expect(check[at(b, "debit")]).toEqual({ formula: "ROUND(G8-H8,2)", result: 0 });
    expect(b.rowStyles).toMatchObject({ 4: { bold: true }, 5: { bold: true } });
  });

  test("the rule and the totals in the heading", () => {
    const head = block(s, "rebates.vouchersHead");
    expect(head.title).toBe("2024-12 返利预提凭证");
    expect(head.rows[0][0]).toMatch(/^每客户 × 每规则一张凭证：借 6601 销售费用—销售返利，贷 2241 其他应付款.*借方合计 ¥67\.5，贷方合计 ¥67\.5。$/);
  });

  test("the heading names the accounts the vouchers use when the voucher.* settings change them", () => {
    const accounts = { expenseAccount: "660105", expenseName: "销售费用—渠道返利", payableAccount: "224103", payableName: "其他应付款—客户返利", word: "转" };
    const head = block(rebateVoucherSheet({ ...vouchers, accounts }, zh, "2024-12"), "rebates.vouchersHead");
    expect(head.rows[0][0]).toContain("借 660105 销售费用—渠道返利，贷 224103 其他应付款—客户返利");
    expect(head.rows[0][0]).not.toContain("6601 销售费用—销售返利");
    const en = block(rebateVoucherSheet({ ...vouchers, accounts }, { ...zh, lang: "en" }, "2024-12"), "rebates.vouchersHead");
    expect(en.rows[0][0]).toContain("debit 660105 销售费用—渠道返利, credit 224103 其他应付款—客户返利");
  });

  test("a month without rebates: a line saying so and a check of 0", () => {
    const none = block(rebateVoucherSheet({ entries: [], accounts: vouchers.accounts, debit: 0, credit: 0 }, en, "2024-12"), "rebates.vouchers");
    expect(none.rows.map((r) => [r[at(none, "summary")], r[at(none, "debit")]])).toEqual([
      ["No rebate payable this month: no voucher", null],
      ["Check: debits − credits (must be 0)", 0],
    ]);
  });
});

describe("返利预测 / Rebate forecast", () => {
  // V1: ¥10/unit from 0, ¥12/unit from 100 units; 40 units in 10 of 20 working days → 80 projected, 20 short of the band worth ¥160 more.
  const volume = rule({ ruleId: "V1", thresholds: [0, 100], rates: [{ perUnit: 1_000 }, { perUnit: 1_200 }], paymentForm: "goods" });
  // T1: 2% of the amount at 100% of the plan; 90% achieved to date, 108% projected: top band reached.
  const target = rule({ ruleId: "T1", kind: "target", basis: "amount", thresholds: [1], rates: [{ share: 0.02 }] });
  const period = { from: d("2024-12-01"), to: d("2024-12-31") };
  const common = { ruleIndex: 0, period, workingDaysElapsed: 10, workingDaysTotal: 20, tier: 0 };
  const forecast: RebateForecast[] = [
    { ...common, customerId: "C1", rule: volume, basis: 40, projectedBasis: 80, ratio: null, projectedRatio: null, projectedTier: 0, entitlement: 40_000, projectedEntitlement: 80_000, nextBand: { index: 1, threshold: 100 }, neededForNextBand: 60, nextBandGain: 16_000 },
    { ...common, customerId: "C2", ruleIndex: 1, rule: target, basis: 4_500_000, projectedBasis: 5_400_000, ratio: 0.9, projectedRatio: 1.08, tier: -1, projectedTier: 0, entitlement: 0, projectedEntitlement: 108_000, nextBand: null, neededForNextBand: null, nextBandGain: null },
  ];
  const s = rebateForecastSheet(forecast, zh);
  const b = block(s, "rebates.forecast");

  test("headers with the unit of money, a row per customer × rule, kind and payment form as labels", () => {
    expect(s.name).toBe("返利预测");
    expect(b.columns.map((c) => c.header)).toEqual([
      "客户编号", "客户名称", "规则编号", "返利类型", "兑付方式", "协议期末", "已过/全部工作日", "累计依据（元）", "预计期末依据（元）", "预计达成/增长",
      "累计应返（元）", "预计期末应返（元）", "下一档（元）", "期末前还需（元）", "达档多返（元）",
    ]);
    expect(b.rows[0]).toEqual(["C1", "甲商贸", "V1", "达量返利", "货补", d("2024-12-31"), "10/20", 40, 80, null, 400, 800, 100, 60, 160]);
    expect(b.rows[1]).toEqual(["C2", "乙通讯", "T1", "任务返利", "现金", d("2024-12-31"), "10/20", 45_000, 54_000, 1.08, 0, 1_080, null, null, null]);
  });

  test("units where the rule counts units: whole-number formats on that row", () => {
    expect(b.cellFormats).toMatchObject({ "0:basis": "integer", "0:projectedBasis": "integer", "0:nextBand": "integer", "0:needed": "integer" });
    expect(b.cellFormats?.["1:basis"]).toBeUndefined();
  });

  test("totals of the entitlements from the column records", () => {
    const totals = b.rows[2];
    expect(totals[0]).toBe("合计");
    expect(totals[at(b, "entitlement")]).toEqual({ formula: "SUM(K4:K5)", result: 400 });
    expect((totals[at(b, "projectedEntitlement")] as FormulaValue).result).toBe(1_880);
    expect(totals[at(b, "gain")]).toBeNull();
  });

  test("in English: English labels of the codes", () => {
    const row = block(rebateForecastSheet(forecast, en), "rebates.forecast").rows[0];
    expect(row.slice(2, 5)).toEqual(["V1", "Volume", "Goods"]);
  });

  test("a kind of a (test-only) kinds table is shown by its label", () => {
    const kinds = [...REBATE_KINDS, { kind: "display", label: { zh: "陈列返利", en: "Display" } }];
    const display = { ...forecast[0], rule: { ...volume, kind: "display" as RebateKind } };
    expect(block(rebateForecastSheet([display], zh, kinds), "rebates.forecast").rows[0][at(b, "kind")]).toBe("陈列返利");
  });
});

describe("the rebate columns beside the sales lines", () => {
  // V1 ¥10/unit and O1 1% of the amount: C1's line of 5 units / ¥2,000 earns ¥50 + ¥20; C2's 2 units / ¥800 ¥20 + ¥8.
  const rules = [
    rule({ ruleId: "V1", thresholds: [0], rates: [{ perUnit: 1_000 }] }),
    rule({ ruleId: "O1", kind: "other", basis: "amount", thresholds: [0], rates: [{ share: 0.01 }] }),
  ];
  const sales = [
    line("2024-12-05", "C2", 2, 800, { row: 6 }),
    line("2024-12-03", "C1", 5, 2000, { row: 4 }),
    line("2024-12-04", "C1", 1, 400, { sheet: "补录", row: 2 }),
  ];
  const result = settleRebates(rules, sales, mon("2024-12"));
  const salesTable = { sheet: "销售记录", headerRow: 0 };

  test("one value per touched line of the sales sheet, in sheet order", () => {
    const c = rebateColumns(result, { lang: "zh", salesTable })!;
    expect(c.id).toBe("rebates.columns");
    expect(c.rows).toEqual([4, 6]);
    expect(c.columns.map((x) => [x.header, x.format])).toEqual([["返利规则（当月）", "text"], ["返利金额（当月，元）", "money"]]);
    expect(c.columns.map((x) => x.values)).toEqual([["V1, O1", "V1, O1"], [70, 28]]);
  });

  test("English headers; none without a sales table", () => {
    expect(rebateColumns(result, { lang: "en", salesTable })!.columns.map((x) => x.header)).toEqual(["Rebate rules (month)", "Rebate (month, ¥)"]);
    expect(rebateColumns(result, { lang: "en", salesTable: null })).toBeNull();
  });
});
