/**
 * Plan versus actual (SPEC §4.2) on small hand-computed tables: zero targets, returns that
 * make an actual negative, actuals without a target, an office without planned accounts,
 * the score cap, and the template helpers (models, prices, suggested targets).
 */
import { dayFromYmd, monthIndexFromKey } from "../../../src/domain/calendar";
import type { Customer, PlanEntry, PriceEntry, SalesLine } from "../../../src/domain/model";
import { clampScore, computePlanVsActual, planModels, planPriceLookup, suggestedTargets } from "../../../src/domain/plan";

function customer(customerId: string, office: string | null, rep: string | null): Customer {
  return {
    customerId, name: `N${customerId}`, channel: "direct", office, cityTier: null, rep, stage: null, temperature: null, intent: null,
    contractStatus: null, contractEnd: null, lastContact: null, nextCall: null, creditLimit: null, arrears: null, expectedValue: null,
    scorecard: {}, source: null,
  };
}

function sale(iso: string, customerId: string, model: string, quantity: number, yuanEach: number): SalesLine {
  const [y, m, d] = iso.split("-").map(Number);
  return {
    date: dayFromYmd(y, m, d), customerId, model, quantity, unitPrice: yuanEach * 100, amount: quantity * yuanEach * 100, channel: "direct",
    contractPlan: false, orderType: quantity < 0 ? "return" : "pickup", sheet: "S", row: 1,
  };
}

function plan(month: string, customerId: string, model: string, targetQty: number, rep: string | null = null): PlanEntry {
  return { month, customerId, model, targetQty, targetAmount: null, rep, source: { sheet: "P", row: 1 } };
}

const customers = [
  customer("C1", "杭州", "王伟"),
  customer("C2", "杭州", "王伟"),
  customer("C3", "杭州", "李娜"),
  customer("C4", "宁波", "李娜"),
  customer("C5", "温州", "赵强"),
];

const sales = [
  sale("2024-11-05", "C1", "X", 9, 100),
  sale("2024-12-03", "C1", "X", 12, 100),
  sale("2024-12-04", "C1", "Y", 3, 50),
  sale("2024-12-05", "C2", "X", 8, 100),
  sale("2024-12-20", "C2", "X", -10, 100), // return: net −2
  sale("2024-12-06", "C3", "Y", 4, 50),
  sale("2024-12-07", "C3", "Z", 2, 30), // model without a target
  sale("2024-12-08", "C4", "X", 3, 100),
  sale("2024-12-09", "C5", "Y", 5, 50), // account without a plan
  sale("2025-01-02", "C1", "X", 50, 100), // next month: not counted
];

const plans = [
  plan("2024-11", "C1", "X", 10),
  plan("2024-12", "C1", "X", 10, "王伟"),
  plan("2024-12", "C1", "Y", 0, "王伟"), // zero target on a planned account
  plan("2024-12", "C2", "X", 5, "王伟"),
  plan("2024-12", "C3", "Y", 4),
  plan("2024-12", "C4", "X", 0), // zero-target account: listed, not assessed
];

const core = new Set(["C1", "C3", "C4"]);
const result = computePlanVsActual({
  month: monthIndexFromKey("2024-12")!,
  plans,
  sales,
  customers,
  cap: 1.2,
  isCore: (id) => core.has(id),
  price: (model) => (model === "X" ? 10_000 : model === "Y" ? 5_000 : null),
});
const acc = Object.fromEntries(result.accounts.map((a) => [a.customerId, a]));
const office = Object.fromEntries(result.offices.map((o) => [o.office, o]));

describe("plan vs actual per line", () => {
  it("measures achievement in net units; blank when the target is 0", () => {
    const line = (c: string, m: string) => result.lines.find((l) => l.customerId === c && l.model === m)!;
    expect(line("C1", "X")).toMatchObject({ targetQty: 10, actualQty: 12, achievement: 1.2, targetAmount: 100_000, actualAmount: 120_000 });
    expect(line("C1", "Y")).toMatchObject({ targetQty: 0, actualQty: 3, achievement: null, targetAmount: 0 });
    expect(line("C2", "X")).toMatchObject({ targetQty: 5, actualQty: -2, achievement: -0.4, actualAmount: -20_000 });
    expect(line("C4", "X")).toMatchObject({ targetQty: 0, actualQty: 3, achievement: null });
  });

  it("flags actuals without a target instead of hiding them", () => {
    const flagged = result.lines.filter((l) => l.targetQty === null).map((l) => [l.customerId, l.model, l.actualQty]);
    expect(flagged).toEqual([
      ["C3", "Z", 2],
      ["C5", "Y", 5],
    ]);
    expect(result.unplanned).toEqual([{ customerId: "C5", name: "NC5", office: "温州", rep: "赵强", actualQty: 5, actualAmount: 25_000 }]);
  });
});

describe("plan vs actual per account", () => {
  it("sums the planned models and scores clamp(achievement, 0, cap) × 100", () => {
    // C1: target 10 + 0, actual 12 + 3 = 15 → 150% → capped at 120.
    expect(acc.C1).toMatchObject({ planned: true, targetQty: 10, actualQty: 15, achievement: 1.5, score: 120, reached: true, rep: "王伟" });
    // C2: a return makes the actual −2 → achievement −40%, score 0.
    expect(acc.C2).toMatchObject({ planned: true, targetQty: 5, actualQty: -2, achievement: -0.4, score: 0, reached: false, monthQty: -2 });
    // C3: exactly 100%; the unplanned model Z does not count towards it.
    expect(acc.C3).toMatchObject({ planned: true, targetQty: 4, actualQty: 4, achievement: 1, score: 100, reached: true, monthQty: 6, rep: "李娜" });
    // C4: all targets 0 → listed, achievement and score blank, not assessed.
    expect(acc.C4).toMatchObject({ planned: false, targetQty: 0, actualQty: 3, achievement: null, score: null, reached: false });
    expect(acc.C5).toBeUndefined();
  });

  it("caps with the policy value", () => {
    expect(clampScore(1.5, 1.2)).toBe(120);
    expect(clampScore(1.5, 1)).toBe(100);
    expect(clampScore(-0.4, 1.2)).toBe(0);
    expect(clampScore(null, 1.2)).toBeNull();
  });
});

describe("office channel assessment", () => {
  it("divides by the planned accounts", () => {
    // 杭州: C1 120, C2 0, C3 100 → 220 / 3; core at 100%: C1, C3 → 2/3; bought: C1 (15), C3 (6), not C2 (−2) → 2/3.
    expect(office["杭州"].plannedAccounts).toBe(3);
    expect(office["杭州"].channelScore).toBeCloseTo(220 / 3, 10);
    expect(office["杭州"].coreQuality).toBeCloseTo(2 / 3, 10);
    expect(office["杭州"].cooperationRate).toBeCloseTo(2 / 3, 10);
    expect(office["杭州"]).toMatchObject({ customers: 3, coreReached: 2, bought: 2, targetQty: 19, actualQty: 17 });
  });

  it("shows offices without planned accounts with blanks, not a division by zero", () => {
    // 宁波 has only a zero-target plan; 温州 none at all.
    for (const o of ["宁波", "温州"]) {
      expect(office[o]).toMatchObject({ plannedAccounts: 0, channelScore: null, coreQuality: null, cooperationRate: null, achievement: null });
    }
    expect(result.offices.map((o) => o.office)).toEqual(["宁波", "杭州", "温州"].sort());
  });
});

describe("per rep and per month", () => {
  it("aggregates the assessed accounts by the rep on the plan", () => {
    const reps = Object.fromEntries(result.reps.map((r) => [r.rep, r]));
    expect(reps["王伟"]).toMatchObject({ plannedAccounts: 2, targetQty: 15, actualQty: 13, averageScore: 60 });
    expect(reps["王伟"].achievement).toBeCloseTo(13 / 15, 10);
    // 李娜: C3 assessed (100%), C4 zero target (not assessed).
    expect(reps["李娜"]).toMatchObject({ plannedAccounts: 1, targetQty: 4, actualQty: 4, achievement: 1, averageScore: 100 });
    expect(reps["赵强"]).toBeUndefined();
  });

  it("compares each plan month's target with its own planned pairs", () => {
    expect(result.byMonth).toEqual([
      { month: "2024-11", targetQty: 10, actualQty: 9, achievement: 0.9 },
      // C4's 3 units do not count: its targets are all 0, it is not assessed (monthAchievement).
      { month: "2024-12", targetQty: 19, actualQty: 12 + 3 - 2 + 4, achievement: 17 / 19 },
    ]);
  });

  it("has one achievement rate for the month: the assessed accounts' units over their targets", () => {
    const assessed = result.accounts.filter((a) => a.planned);
    const target = assessed.reduce((s, a) => s + a.targetQty, 0);
    const actual = assessed.reduce((s, a) => s + a.actualQty, 0);
    expect(result.total).toEqual({ month: "2024-12", targetQty: target, actualQty: actual, achievement: actual / target });
    expect(result.byMonth[result.byMonth.length - 1]).toEqual(result.total);
  });
});

describe("template helpers", () => {
  const prices: PriceEntry[] = [
    { model: "X", channel: "direct", kind: "retail", price: 12_000 },
    { model: "X", channel: "direct", kind: "dealer", price: 9_000 },
    { model: "X", channel: null, kind: "retail", price: 13_000 },
    { model: "W", channel: null, kind: "retail", price: 1_000 },
  ];

  it("prices a model for the channel: dealer first, then the channel-less entry, then the sales average", () => {
    const price = planPriceLookup(prices, sales);
    expect(price("X", "direct")).toBe(9_000);
    expect(price("X", "operator")).toBe(13_000);
    expect(price("Z", "direct")).toBe(3_000); // from the sales lines
    expect(price("Q", "direct")).toBeNull();
  });

  it("lists the models sold (most units first) then the price-list models", () => {
    expect(planModels(sales, null, prices)).toEqual(["X", "Y", "Z", "W"]);
  });

  it("suggests last 12 months' net units × the month's share", () => {
    const dist = [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12];
    const s = suggestedTargets(sales, monthIndexFromKey("2025-01")!, dist)!;
    expect(s.share).toBe(0.08);
    // C1 X over 2024-01..2024-12: 9 + 12 = 21 → 21 × 8% = 1.68 → 2.
    expect(s.of("C1", "X")).toBe(2);
    // C2 X: 8 − 10 = −2 → never below 0.
    expect(s.of("C2", "X")).toBe(0);
    expect(suggestedTargets(sales, 0, null)).toBeNull();
  });
});
