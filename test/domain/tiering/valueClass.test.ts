/** Value classes (SPEC §2.2): core/value/potential/low with growth, score and stage rules. */
import { type ValueClassInput, classifyValue, growthOf, valueClassExplanation } from "../../../src/domain/valueClass";

const rules = { growthMin: 0.3, scoreMin: 70, stageMin: 3 };
const base = { abc: "C" as const, revenue: 10000, previousRevenue: 10000, previousAvailable: true, score: null, stage: null };

describe("classifyValue", () => {
  it("core = A, value = B whatever else holds", () => {
    expect(classifyValue({ ...base, abc: "A" }, rules)).toMatchObject({ valueClass: "core", because: ["abcA"] });
    expect(classifyValue({ ...base, abc: "B", stage: 0 }, rules)).toMatchObject({ valueClass: "value", because: ["abcB"] });
  });

  it("potential by growth: exactly 30% counts, 29.99% does not", () => {
    expect(classifyValue({ ...base, revenue: 13000 }, rules)).toMatchObject({ valueClass: "potential", because: ["growth"] });
    expect(classifyValue({ ...base, revenue: 12999 }, rules)).toMatchObject({ valueClass: "low", because: [] });
  });

  it("potential by score ≥ 70 and by stage ≥ 3, at the edges", () => {
    expect(classifyValue({ ...base, score: 70 }, rules).valueClass).toBe("potential");
    expect(classifyValue({ ...base, score: 69.99 }, rules).valueClass).toBe("low");
    expect(classifyValue({ ...base, stage: 3 }, rules)).toMatchObject({ valueClass: "potential", because: ["stage"] });
    expect(classifyValue({ ...base, stage: 2 }, rules).valueClass).toBe("low");
    expect(classifyValue({ ...base, revenue: 20000, score: 90, stage: 5 }, rules).because).toEqual(["growth", "score", "stage"]);
  });

  it("a new account (previous ≤ 0, current > 0) counts as growth", () => {
    expect(classifyValue({ ...base, previousRevenue: 0 }, rules)).toMatchObject({ valueClass: "potential", because: ["new"] });
    expect(classifyValue({ ...base, previousRevenue: -500 }, rules)).toMatchObject({ valueClass: "potential", because: ["new"] });
  });

  it("no revenue now and none before is not growth; nor is a missing previous period", () => {
    expect(classifyValue({ ...base, revenue: 0, previousRevenue: 0 }, rules).valueClass).toBe("low");
    expect(classifyValue({ ...base, revenue: -10, previousRevenue: 0 }, rules).valueClass).toBe("low");
    expect(classifyValue({ ...base, previousRevenue: 0, previousAvailable: false }, rules)).toMatchObject({ valueClass: "low", growth: { kind: "unknown" } });
  });

  it("decline is not growth", () => {
    expect(growthOf(5000, 10000, true, 0.3)).toEqual({ kind: "rate", rate: -0.5, meets: false });
    expect(growthOf(13000, 10000, true, 0.3)).toMatchObject({ kind: "rate", meets: true });
  });
});

describe("valueClassExplanation: the value-class rules in their own words", () => {
  const say = (input: ValueClassInput, lang: "zh" | "en" = "zh") =>
    valueClassExplanation(classifyValue(input, rules), input, rules, lang);

  it("core and value accounts are explained by their ABC class (the core-account rule)", () => {
    expect(say({ ...base, abc: "A" })).toBe("ABC A类");
    expect(say({ ...base, abc: "B" }, "en")).toBe("ABC class B");
  });

  it("potential lists every rule met; low says why not", () => {
    // 13,000 vs 10,000: +30% exactly meets 30%.
    expect(say({ ...base, revenue: 13000, score: 70, stage: 3 })).toBe("增长 30% ≥ 30%；评分 70 ≥ 70；销售进程 3 ≥ 3");
    expect(say({ ...base, previousRevenue: 0 }, "en")).toBe("new account (no positive revenue before)");
    expect(say({ ...base, revenue: 5000 })).toBe("C类，未达潜力条件（增长 -50%）");
    expect(say({ ...base, previousAvailable: false }, "en")).toBe("class C, no potential rule met (no previous-period data)");
  });
});
