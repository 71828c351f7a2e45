import fc from "fast-check";
import { computeFunnel, expectedValueOf, probabilityOf, UNASSIGNED_REP } from "../../../src/domain/funnel";
import { DEFAULT_TIER_RULES } from "../../../src/domain/policyDefaults";
import { customer } from "./helpers";

// Revenue over a 12-month period, in fen.
const REVENUE: Record<string, number> = { F1: 0, F2: 0, F3: 1_200_000, F4: 0, F5: 5_000_000, F6: -30_000, F7: 70_000, F8: -120_000 };
const CUSTOMERS = [
  customer("F1", { rep: "A", stage: 0, temperature: "Cold", contractStatus: "none" }),
  customer("F2", { rep: "A", stage: 2, temperature: "Warm", contractStatus: "none", intent: 3, expectedValue: 1_000_000 }),
  customer("F3", { rep: "A", stage: 4, temperature: "Hot", contractStatus: "none", intent: 5 }),
  customer("F4", { rep: "B", stage: 5, temperature: "Hot", contractStatus: "none", intent: null, expectedValue: 200_000 }),
  customer("F5", { rep: "B", stage: 6, temperature: "Warm", contractStatus: "active", intent: 4, expectedValue: 9_900_000 }),
  customer("F6", { rep: "B", stage: 7, temperature: "Denial", contractStatus: "expired" }),
  customer("F7", {}),
  customer("F8", { rep: "A", stage: 1, temperature: "Cold", contractStatus: "none", intent: 1 }),
];

const run = () =>
  computeFunnel(CUSTOMERS, { revenueOf: (id) => REVENUE[id] ?? 0, months: 12, winProbability: DEFAULT_TIER_RULES.winProbability });

describe("funnel by hand", () => {
  const r = run();
  const f = r.overall;

  it("counts and revenue per stage, temperature and contract status, with the unrecorded apart", () => {
    expect(f.accounts).toBe(8);
    expect(f.revenue).toBe(1_200_000 + 5_000_000 - 30_000 + 70_000 - 120_000);
    expect(f.byStage.map((b) => b.count)).toEqual([1, 1, 1, 0, 1, 1, 1, 1]);
    expect(f.byStage.map((b) => b.revenue)).toEqual([0, -120_000, 0, 0, 1_200_000, 0, 5_000_000, -30_000]);
    expect(f.stageUnknown).toEqual({ count: 1, revenue: 70_000 });
    expect(f.byTemperature).toEqual({
      Hot: { count: 2, revenue: 1_200_000 },
      Warm: { count: 2, revenue: 5_000_000 },
      Cold: { count: 2, revenue: -120_000 },
      Denial: { count: 1, revenue: -30_000 },
    });
    expect(f.temperatureUnknown.count).toBe(1);
    expect(f.byContractStatus).toEqual({
      none: { count: 5, revenue: 1_080_000 },
      active: { count: 1, revenue: 5_000_000 },
      expired: { count: 1, revenue: -30_000 },
    });
    expect(f.contractUnknown).toEqual({ count: 1, revenue: 70_000 });
  });

  it("conversion k→k+1 = reached ≥ k+1 / reached ≥ k between progress stages 0–6, stage 7 having passed 6", () => {
    // Known stages: 0, 1, 2, 4, 5, 6, 7.
    expect(f.reached).toEqual([7, 6, 5, 4, 4, 3, 2, 1]);
    // 5 → 6 counts F5 (合同中) and F6 (合同已到期, passed 6): 2 of 3. No 6 → 7 figure.
    expect(f.conversion).toEqual([6 / 7, 5 / 6, 4 / 5, 1, 3 / 4, 2 / 3]);
  });

  it("no conversion 合同中 → 合同已到期: expiring contracts do not move any conversion figure", () => {
    const at = (stage: number, id: string) => customer(id, { rep: "A", stage });
    const active = computeFunnel([at(5, "X1"), at(6, "X2"), at(6, "X3")], { revenueOf: () => 0, months: 12, winProbability: DEFAULT_TIER_RULES.winProbability });
    const expired = computeFunnel([at(5, "X1"), at(7, "X2"), at(7, "X3")], { revenueOf: () => 0, months: 12, winProbability: DEFAULT_TIER_RULES.winProbability });
    expect(active.overall.conversion).toEqual([1, 1, 1, 1, 1, 2 / 3]);
    expect(expired.overall.conversion).toEqual(active.overall.conversion);
  });

  it("weighted pipeline over stages 1–5: expected value or monthly average, intent probability, no intent as 'unclear'", () => {
    // F2: 10,000 × 50% = 5,000; F3: 12,000 / 12 = 1,000 × 90% = 900; F4: 2,000 × 25% (no intent) = 500;
    // F8: average −100 counts as 0. F5 (stage 6) is outside the pipeline despite its expected value.
    expect(f.pipeline.count).toBe(4);
    expect(f.pipeline.expectedValue).toBe(1_300_000);
    expect(f.pipeline.weighted).toBe(640_000);
    expect(f.pipeline.withoutIntent).toEqual({ count: 1, expectedValue: 200_000 });
    expect(f.pipeline.byIntent.map((l) => [l.intent, l.count, l.weighted])).toEqual([
      [1, 1, 0], [2, 0, 0], [3, 1, 500_000], [4, 0, 0], [5, 1, 90_000], [null, 1, 50_000],
    ]);
  });

  it("per rep, reps by name and the unassigned last; rep figures add up to the overall ones", () => {
    expect(r.byRep.map((x) => x.rep)).toEqual(["A", "B", UNASSIGNED_REP]);
    const [a, b, u] = r.byRep.map((x) => x.figures);
    expect(a.accounts).toBe(4);
    expect(a.pipeline.weighted).toBe(590_000);
    expect(b.pipeline.weighted).toBe(50_000);
    expect(u.accounts).toBe(1);
    expect(a.conversion).toEqual([3 / 4, 2 / 3, 1 / 2, 1, 0, null]);
    expect(a.pipeline.weighted + b.pipeline.weighted + u.pipeline.weighted).toBe(f.pipeline.weighted);
    expect(a.revenue + b.revenue + u.revenue).toBe(f.revenue);
  });

  it("uses the policy's probabilities", () => {
    const custom = computeFunnel(CUSTOMERS, { revenueOf: (id) => REVENUE[id] ?? 0, months: 12, winProbability: [0, 1, 1, 1, 1] });
    expect(custom.overall.pipeline.weighted).toBe(1_300_000);
    expect(probabilityOf(null, [0.1, 0.25, 0.5, 0.75, 0.9])).toBe(0.25);
    expect(expectedValueOf({ expectedValue: null }, 100, 0)).toBe(0);
    expect(expectedValueOf({ expectedValue: null }, 1_000, 3)).toBe(333);
  });

  it("an empty customer list gives zeros and no conversion", () => {
    const e = computeFunnel([], { revenueOf: () => 0, months: 12, winProbability: DEFAULT_TIER_RULES.winProbability });
    expect(e.overall.accounts).toBe(0);
    expect(e.overall.conversion).toEqual([null, null, null, null, null, null]);
    expect(e.byRep).toEqual([]);
  });
});

describe("funnel conversion properties", () => {
  const stageArb = fc.array(fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }), { maxLength: 40 });
  const funnelOf = (stages: (number | null)[]) =>
    computeFunnel(stages.map((stage, i) => customer(`P${i}`, { rep: "A", stage })), { revenueOf: () => 0, months: 12, winProbability: DEFAULT_TIER_RULES.winProbability }).overall;

  it("six progress conversions (0→1 … 5→6), each a share or null; a contract running out (6 → 7) changes none", () => {
    fc.assert(
      fc.property(stageArb, (stages) => {
        const f = funnelOf(stages);
        expect(f.conversion).toHaveLength(6);
        f.conversion.forEach((c, k) => {
          if (f.reached[k] === 0) expect(c).toBeNull();
          else expect(c).toBe(f.reached[k + 1] / f.reached[k]);
          if (c !== null) expect(c >= 0 && c <= 1).toBe(true);
        });
        expect(funnelOf(stages.map((s) => (s === 6 ? 7 : s))).conversion).toEqual(f.conversion);
      }),
      { numRuns: 200 },
    );
  });
});
