/** Value classes (SPEC §2.2): core/value/potential/low with growth, score and stage rules. */
import { classifyValue, growthOf } from "../../../src/domain/valueClass";

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
