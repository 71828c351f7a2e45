/**
 * SPEC §8 by hand: target (任务返利), collection (回款返利) and growth (增长返利) rebates,
 * the forecast and the accrual vouchers. Money in fen; every number is worked out in the
 * comments.
 */
import type { Collection, PlanEntry, RebateRule } from "../../../src/domain/model";
import { accrualVouchers, forecastRebates, settleRebates } from "../../../src/domain/rebates";
import { workingDays } from "../../../src/domain/workdays";
import { d, line, mon, rule } from "./helpers";

const plan = (month: string, customerId: string, targetQty: number, targetAmountYuan: number): PlanEntry => ({
  month, customerId, model: "I9300", targetQty, targetAmount: targetAmountYuan * 100, rep: null, source: { sheet: `计划 ${month}`, row: 1 },
});
const collection = (date: string, customerId: string, yuan: number, invoice: string | null, days: number | null = null): Collection => ({
  date: d(date), customerId, amount: yuan * 100, invoiceDate: invoice === null ? null : d(invoice), days, source: { sheet: "回款明细", row: 1 },
});
const stmt = (r: ReturnType<typeof settleRebates>, customerId: string) => r.statement.find((s) => s.customerId === customerId)!;
const Q4 = { validFrom: d("2024-10-01"), validTo: d("2024-12-31") };

// 任务返利: ≥ 90% → 1%, ≥ 100% → 2%, ≥ 110% → 2.5% of the quarter's amount.
const target: RebateRule = rule({ ruleId: "T1", kind: "target", basis: "amount", thresholds: [0.9, 1.0, 1.1], rates: [{ share: 0.01 }, { share: 0.02 }, { share: 0.025 }], ...Q4, paymentForm: "goods" });
const plans = ["2024-10", "2024-11", "2024-12"].flatMap((m) => [plan(m, "C1", 25, 100_000), plan(m, "C2", 25, 100_000)]);

describe("target rebate (任务返利), quarterly", () => {
  const sales = [
    line("2024-10-15", "C1", 20, 80_000), // Oct: 80,000 / 100,000 = 80% → nothing
    line("2024-11-15", "C1", 22, 90_000), // Nov: 170,000 / 200,000 = 85% → nothing
    line("2024-12-10", "C1", 35, 140_000), // Dec: 310,000 / 300,000 = 103.3% → band 100%: 2% × 310,000 = 6,200
  ];
  const inputs = { plans, collections: [], channelOf: () => null };

  it("crosses the 100% band in the third month: 0, 0, then 2% × 310,000 = 6,200 on the whole quarter", () => {
    expect(stmt(settleRebates([target], sales, mon("2024-10"), inputs), "C1")).toMatchObject({ tier: -1, entitlement: 0, thisMonth: 0, ratio: 0.8 });
    expect(stmt(settleRebates([target], sales, mon("2024-11"), inputs), "C1")).toMatchObject({ tier: -1, entitlement: 0, thisMonth: 0, ratio: 0.85 });
    const dec = stmt(settleRebates([target], sales, mon("2024-12"), inputs), "C1");
    expect(dec).toMatchObject({ tier: 1, entitlement: 620_000, paidBefore: 0, thisMonth: 620_000 });
    expect(dec.reference).toEqual({ qty: 75, amount: 30_000_000 }); // the plan of Oct + Nov + Dec
    // Next band 110% of 300,000 = 330,000: 20,000 more.
    expect(dec.next).toEqual({ index: 2, threshold: 1.1, missing: 2_000_000 });
  });

  it("claws back when a return takes the achievement back under the band", () => {
    // Oct 80,000 + Nov 150,000 = 230,000 / 200,000 = 115% → 2.5% × 230,000 = 5,750 paid in November.
    // Dec: a return of 40,000 → 190,000 / 300,000 = 63.3% → 0: December pays −5,750.
    const s = [line("2024-10-15", "C2", 20, 80_000), line("2024-11-15", "C2", 37, 150_000), line("2024-12-05", "C2", -10, -40_000)];
    expect(stmt(settleRebates([target], s, mon("2024-11"), inputs), "C2")).toMatchObject({ tier: 2, entitlement: 575_000, thisMonth: 575_000 });
    expect(stmt(settleRebates([target], s, mon("2024-12"), inputs), "C2")).toMatchObject({ tier: -1, entitlement: 0, paidBefore: 575_000, thisMonth: -575_000 });
  });

  it("pays nothing without a plan, and says so", () => {
    const s = [line("2024-12-10", "C9", 10, 40_000)];
    const row = stmt(settleRebates([target], s, mon("2024-12"), inputs), "C9");
    expect(row).toMatchObject({ entitlement: 0, thisMonth: 0, ratio: null });
    expect(row.note?.en).toBe("No plan target: no target rebate");
  });

  it("a quantity target pays per unit on every unit: 75 units of 75 planned = 100% → 50 元 × 75 = 3,750", () => {
    const perUnit = rule({ ...target, basis: "quantity", thresholds: [1.0], rates: [{ perUnit: 5_000 }] });
    const s = [line("2024-10-15", "C1", 25, 1), line("2024-11-15", "C1", 25, 1), line("2024-12-15", "C1", 25, 1)];
    expect(stmt(settleRebates([perUnit], s, mon("2024-12"), inputs), "C1")).toMatchObject({ tier: 0, entitlement: 375_000 });
  });
});

describe("collection rebate (回款返利) with a 30-day limit", () => {
  const coll = rule({ ruleId: "H1", kind: "collection", basis: "amount", thresholds: [0], rates: [{ share: 0.01 }], ...Q4, daysLimit: 30 });
  const collections = [
    collection("2024-11-05", "C1", 100_000, "2024-10-20"), // 16 days: counts
    collection("2024-11-20", "C1", 50_000, "2024-10-01"), // 50 days: outside the limit
    collection("2024-11-25", "C1", 30_000, null), // no invoice date: counts, noted
    collection("2024-11-28", "C1", 20_000, null, 31), // 31 days stated: outside
  ];
  const inputs = { plans: [], collections, channelOf: () => null };

  it("pays 1% of the eligible 130,000 = 1,300; the late 70,000 is left out and shown", () => {
    const row = stmt(settleRebates([coll], [], mon("2024-11"), inputs), "C1");
    expect(row).toMatchObject({ cumulative: { qty: 0, amount: 13_000_000 }, entitlement: 130_000, thisMonth: 130_000, excluded: 7_000_000, excludedCount: 2, unchecked: 1 });
  });

  it("graduated 1% to 100,000 and 1.5% above: 100,000 × 1% + 30,000 × 1.5% = 1,450", () => {
    const grad = rule({ ...coll, thresholds: [0, 10_000_000], rates: [{ share: 0.01 }, { share: 0.015 }], mode: "graduated" });
    expect(stmt(settleRebates([grad], [], mon("2024-11"), inputs), "C1").entitlement).toBe(145_000);
  });

  it("without a limit every collection counts: 1% × 200,000 = 2,000", () => {
    expect(stmt(settleRebates([{ ...coll, daysLimit: null }], [], mon("2024-11"), inputs), "C1").entitlement).toBe(200_000);
  });
});

describe("growth rebate (增长返利) over the same dates last year", () => {
  // ≥ 10% growth → 1%, ≥ 20% → 2%.
  const base = { ruleId: "G1", kind: "growth" as const, basis: "amount" as const, thresholds: [0.1, 0.2], rates: [{ share: 0.01 }, { share: 0.02 }], ...Q4 };
  const whole = rule({ ...base, mode: "wholeVolume" });
  const increment = rule({ ...base, mode: "increment" });
  const sales = [
    line("2023-10-15", "C1", 30, 120_000), line("2023-11-15", "C1", 20, 80_000), // last year: Oct 120,000, Oct–Nov 200,000
    line("2024-10-15", "C1", 37, 150_000), line("2024-11-15", "C1", 25, 100_000), // this year: Oct 150,000, Oct–Nov 250,000
  ];

  it("on the whole: growth 25% → 2% × 150,000 = 3,000 in October; 2% × 250,000 = 5,000 by November, paying 2,000", () => {
    expect(stmt(settleRebates([whole], sales, mon("2024-10")), "C1")).toMatchObject({ tier: 1, ratio: 0.25, entitlement: 300_000, thisMonth: 300_000 });
    const nov = stmt(settleRebates([whole], sales, mon("2024-11")), "C1");
    expect(nov).toMatchObject({ tier: 1, ratio: 0.25, entitlement: 500_000, paidBefore: 300_000, thisMonth: 200_000 });
    expect(nov.reference).toEqual({ qty: 50, amount: 20_000_000 });
  });

  it("on the increment: 2% × (250,000 − 200,000) = 1,000 by November (600 in October, 400 in November)", () => {
    expect(stmt(settleRebates([increment], sales, mon("2024-10")), "C1").entitlement).toBe(60_000);
    expect(stmt(settleRebates([increment], sales, mon("2024-11")), "C1")).toMatchObject({ entitlement: 100_000, thisMonth: 40_000 });
  });

  it("nothing last year → no growth rebate, with a note", () => {
    const row = stmt(settleRebates([whole], [line("2024-10-15", "C5", 5, 20_000)], mon("2024-10")), "C5");
    expect(row).toMatchObject({ entitlement: 0, ratio: null });
    expect(row.note?.zh).toBe("去年同期为 0，不计增长返利");
  });
});

describe("forecast", () => {
  const monFri = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], publicCalendar: "none" as const };
  const count = (from: number, to: number) => workingDays(from, to, monFri).length;

  it("half-way through a quarter (16 Oct – 15 Jan, 33 of 66 working days): 450 units → 900 projected; 550 more reach 1,000 and pay 19,600 more", () => {
    // Volume rule 26 元/台 from 400, 43 元/台 from 1,000, whole-volume.
    const vol = rule({ ruleId: "R5", thresholds: [400, 1000], rates: [{ perUnit: 2_600 }, { perUnit: 4_300 }], validFrom: d("2024-10-16"), validTo: d("2025-01-15") });
    const f = forecastRebates([vol], { sales: [line("2024-10-20", "C1", 200, 1), line("2024-11-20", "C1", 250, 1)], plans: [], collections: [], channelOf: () => null }, mon("2024-11"), count);
    expect(f).toHaveLength(1);
    // 16–31 Oct: 12 working days, November 21 → 33; December 22, 1–15 Jan 11 → 66.
    expect(f[0]).toMatchObject({ workingDaysElapsed: 33, workingDaysTotal: 66, basis: 450, projectedBasis: 900, tier: 0, projectedTier: 0 });
    expect(f[0].entitlement).toBe(1_170_000); // 450 × 26 = 11,700
    expect(f[0].projectedEntitlement).toBe(2_340_000); // 900 × 26 = 23,400
    expect(f[0].nextBand).toEqual({ index: 1, threshold: 1000 });
    expect(f[0].neededForNextBand).toBe(550); // 1,000 − 450
    expect(f[0].nextBandGain).toBe(1_960_000); // 1,000 × 43 − 23,400 = 19,600
  });

  it("a target rule projects the achievement against the whole quarter's plan", () => {
    // Oct + Nov: 190,000 of a 200,000 plan (95%). 44 of 66 working days: projected 285,000 of 300,000 = 95% → 1% = 2,850.
    // Next band 100%: 300,000 − 190,000 = 110,000 more, paying 2% × 300,000 − 2,850 = 3,150 more.
    const s = [line("2024-10-15", "C1", 20, 90_000), line("2024-11-15", "C1", 25, 100_000)];
    const [f] = forecastRebates([target], { sales: s, plans, collections: [], channelOf: () => null }, mon("2024-11"), count);
    expect(f).toMatchObject({ workingDaysElapsed: 44, workingDaysTotal: 66, basis: 19_000_000, projectedBasis: 28_500_000, ratio: 0.95, projectedRatio: 0.95 });
    expect(f).toMatchObject({ entitlement: 190_000, projectedEntitlement: 285_000, nextBand: { index: 1, threshold: 1 }, neededForNextBand: 11_000_000, nextBandGain: 315_000 });
  });
});

describe("accrual vouchers (返利凭证)", () => {
  it("a month's vouchers balance: Dr 6601 / Cr 2241 for 6,200; a clawback of 5,750 reverses the sides; 11,950 = 11,950", () => {
    const sales = [
      line("2024-10-15", "C1", 20, 80_000), line("2024-11-15", "C1", 22, 90_000), line("2024-12-10", "C1", 35, 140_000),
      line("2024-10-15", "C2", 20, 80_000), line("2024-11-15", "C2", 37, 150_000), line("2024-12-05", "C2", -10, -40_000),
    ];
    const dec = settleRebates([target], sales, mon("2024-12"), { plans, collections: [], channelOf: () => null });
    const v = accrualVouchers(dec.statement, mon("2024-12"));
    expect(v.entries.map((e) => [e.number, e.summary, e.accountCode, e.accountName, e.debit, e.credit, e.customerId, e.paymentForm])).toEqual([
      [1, "返利预提 T1 2024-12 C1", "6601", "销售费用—销售返利", 620_000, 0, "C1", "goods"],
      [1, "返利预提 T1 2024-12 C1", "2241", "其他应付款", 0, 620_000, "C1", "goods"],
      [2, "返利预提 T1 2024-12 C2", "2241", "其他应付款", 575_000, 0, "C2", "goods"],
      [2, "返利预提 T1 2024-12 C2", "6601", "销售费用—销售返利", 0, 575_000, "C2", "goods"],
    ]);
    expect(v.entries.every((e) => e.date === d("2024-12-31") && e.word === "记")).toBe(true);
    expect([v.debit, v.credit]).toEqual([1_195_000, 1_195_000]);
  });

  it("uses the accounts of the policy", () => {
    const dec = settleRebates([rule({ ruleId: "P", thresholds: [0], rates: [{ perUnit: 100 }] })], [line("2024-12-01", "C1", 3, 1)], mon("2024-12"));
    const v = accrualVouchers(dec.statement, mon("2024-12"), { expenseAccount: "660105", expenseName: "返利", payableAccount: "224101", payableName: "应付返利", word: "转" });
    expect(v.entries.map((e) => [e.word, e.accountCode, e.debit, e.credit])).toEqual([["转", "660105", 300, 0], ["转", "224101", 0, 300]]);
  });
});
