/** Credit risk (SPEC §2.6) and key-account review (SPEC §2.5). */
import { creditExplanation, creditRisk } from "../../../src/domain/credit";
import { reviewAccounts } from "../../../src/domain/review";

const rules = { watch: 0.8, over: 1.0 };

describe("creditExplanation: the credit rule in its own words", () => {
  const say = (limit: number | null, arrears: number | null, lang: "zh" | "en" = "zh") => creditExplanation(creditRisk(limit, arrears, rules), rules, lang);
  it("states the utilisation against the threshold that decided the flag", () => {
    expect(say(100000, 80000)).toBe("欠款/额度 80% ≥ 80%");
    expect(say(100000, 100001, "en")).toBe("arrears/limit 100% > 100%");
    expect(say(100000, 12345)).toBe("欠款/额度 12.3%");
    expect(say(0, 100)).toBe("无信用额度但有欠款");
    expect(say(0, 0, "en")).toBe("no arrears");
    expect(say(null, 100)).toBe("");
  });
});

describe("creditRisk", () => {
  it("flags ≥ 80% as watch and > 100% as over limit, exactly", () => {
    expect(creditRisk(100000, 79999, rules)).toMatchObject({ flag: "ok" });
    expect(creditRisk(100000, 80000, rules)).toEqual({ utilisation: 0.8, flag: "watch" });
    expect(creditRisk(100000, 100000, rules)).toEqual({ utilisation: 1, flag: "watch" });
    expect(creditRisk(100000, 100001, rules)).toMatchObject({ flag: "over" });
  });
  it("needs both values; a zero limit with arrears is over, a credit balance is fine", () => {
    expect(creditRisk(null, 100, rules)).toEqual({ utilisation: null, flag: null });
    expect(creditRisk(100, null, rules)).toEqual({ utilisation: null, flag: null });
    expect(creditRisk(0, 100, rules)).toEqual({ utilisation: null, flag: "over" });
    expect(creditRisk(0, 0, rules)).toEqual({ utilisation: null, flag: "ok" });
    expect(creditRisk(1000, -50, rules)).toMatchObject({ flag: "ok" });
  });
});

describe("reviewAccounts", () => {
  it("counts previous × current and lists promoted and demoted accounts", () => {
    const r = reviewAccounts([
      { customerId: "a", previous: "A", current: "A", revenue: 900, previousRevenue: 800 },
      { customerId: "b", previous: "C", current: "A", revenue: 700, previousRevenue: 0 },
      { customerId: "c", previous: "B", current: "A", revenue: 700, previousRevenue: 100 },
      { customerId: "d", previous: "A", current: "C", revenue: 0, previousRevenue: 600 },
      { customerId: "e", previous: "A", current: "B", revenue: 50, previousRevenue: 650 },
      { customerId: "f", previous: "C", current: "C", revenue: 0, previousRevenue: 0 },
    ]);
    expect(r.matrix).toEqual({ A: { A: 1, B: 1, C: 1 }, B: { A: 1, B: 0, C: 0 }, C: { A: 1, B: 0, C: 1 } });
    expect(r.promoted.map((m) => m.customerId)).toEqual(["b", "c"]); // same revenue: by id
    expect(r.demoted.map((m) => [m.customerId, m.previous, m.current])).toEqual([["e", "A", "B"], ["d", "A", "C"]]);
  });
});
