import { settleRebates } from "../../../src/domain/rebates";
import { line, mon, rule } from "./helpers";

/** SPEC §5 worked example: whole-volume on value, 2% from 5,000 (the minimum) and 4% from 20,000, Oct–Dec. */
const specRule = rule({
  ruleId: "V1", basis: "amount", mode: "wholeVolume", thresholds: [500_000, 2_000_000], rates: [{ share: 0.02 }, { share: 0.04 }],
  validFrom: line("2024-10-01", "x", 0, 0).date, validTo: line("2024-12-31", "x", 0, 0).date,
});

const stmt = (r: ReturnType<typeof settleRebates>, customerId: string, ruleId: string) =>
  r.statement.find((s) => s.customerId === customerId && s.rule.ruleId === ruleId)!;

describe("monthly settlement (SPEC §5)", () => {
  const sales = [
    line("2024-09-20", "C1", 10, 9_000), // before the agreement period: not counted
    line("2024-10-10", "C1", 3, 3_000), // October cumulative 3,000
    line("2024-11-05", "C1", 4, 4_000), // November cumulative 7,000
    line("2024-12-03", "C1", 10, 12_000),
    line("2024-12-20", "C1", 8, 8_000), // final cumulative 27,000
  ];

  it("SPEC worked example: October 3,000 → 0; November 7,000 → 140; final 27,000 → 1,080, final payment 1,080 − 140 = 940", () => {
    const oct = stmt(settleRebates([specRule], sales, mon("2024-10")), "C1", "V1");
    expect(oct.cumulative.amount).toBe(300_000);
    expect(oct.entitlement).toBe(0);
    expect(oct.thisMonth).toBe(0);
    expect(oct.next).toEqual({ index: 0, threshold: 500_000, missing: 200_000 });

    const nov = stmt(settleRebates([specRule], sales, mon("2024-11")), "C1", "V1");
    expect(nov.cumulative.amount).toBe(700_000);
    expect(nov.entitlement).toBe(14_000); // 140.00 yuan
    expect(nov.paidBefore).toBe(0);
    expect(nov.thisMonth).toBe(14_000);

    const dec = settleRebates([specRule], sales, mon("2024-12"));
    const s = stmt(dec, "C1", "V1");
    expect(s.cumulative.amount).toBe(2_700_000);
    expect(s.entitlement).toBe(108_000); // 1,080.00
    expect(s.paidBefore).toBe(14_000); // 140.00
    expect(s.thisMonth).toBe(94_000); // 940.00
    expect(dec.total).toBe(94_000);
    expect(dec.byCustomer).toEqual([{ customerId: "C1", pickup: 0, volume: 94_000, contract: 0, other: 0, target: 0, collection: 0, growth: 0, total: 94_000 }]);
    // The month's lines carry the payment: 12,000 takes 7,000 → 19,000 (2% on all = 380, +240);
    // 8,000 takes it to 27,000 ≥ 20,000 (4% on all = 1,080, +700). 240 + 700 = 940.
    expect(dec.lines.map((l) => [l.rebate, l.entitlementAfter, l.tier])).toEqual([[24_000, 38_000, 0], [70_000, 108_000, 1]]);
  });

  it("a return that takes a customer back under the threshold is a negative line (clawback)", () => {
    const withReturn = [
      line("2024-10-10", "C1", 3, 3_000),
      line("2024-11-05", "C1", 4, 4_000), // November: 7,000 → 140 paid
      line("2024-12-08", "C1", -3, -3_000, { orderType: "return" }), // back to 4,000 < 5,000
    ];
    const dec = settleRebates([specRule], withReturn, mon("2024-12"));
    const s = stmt(dec, "C1", "V1");
    expect(s.cumulative.amount).toBe(400_000);
    expect(s.entitlement).toBe(0);
    expect(s.paidBefore).toBe(14_000);
    expect(s.thisMonth).toBe(-14_000); // −140.00: clawback
    expect(dec.lines).toHaveLength(1);
    expect(dec.lines[0].rebate).toBe(-14_000);
    expect(dec.lines[0].tierBefore).toBe(0);
    expect(dec.lines[0].tier).toBe(-1);
    expect(dec.total).toBe(-14_000);
  });

  it("a quantity clawback on 400/1000 at 26/43: 450 units in November = 11,700; a return of 100 in December = −11,700", () => {
    const r = rule({ ruleId: "R5", model: "I9300", thresholds: [400, 1000], rates: [{ perUnit: 2600 }, { perUnit: 4300 }], validFrom: line("2024-10-01", "x", 0, 0).date, validTo: line("2024-12-31", "x", 0, 0).date });
    const s = [line("2024-11-02", "C1", 450, 450 * 4168), line("2024-12-02", "C1", -100, -100 * 4168)];
    expect(stmt(settleRebates([r], s, mon("2024-11")), "C1", "R5").thisMonth).toBe(1_170_000);
    const dec = stmt(settleRebates([r], s, mon("2024-12")), "C1", "R5");
    expect([dec.entitlement, dec.paidBefore, dec.thisMonth]).toEqual([0, 1_170_000, -1_170_000]);
    expect(dec.next).toEqual({ index: 0, threshold: 400, missing: 50 });
  });

  it("a contract-plan rebate is paid to the named channel and not to another", () => {
    const contract = rule({ ruleId: "R7", kind: "contract", model: "I9300", channels: ["direct"], thresholds: [0], rates: [{ perUnit: 10_000 }] });
    const s = [
      line("2024-12-02", "DIRECT", 5, 5 * 4168, { channel: "direct", contractPlan: true }), // 5 × 100 = 500
      line("2024-12-03", "DIRECT", 2, 2 * 4168, { channel: "direct", contractPlan: false }), // not a contract-plan unit
      line("2024-12-04", "OPER", 5, 5 * 4168, { channel: "operator", contractPlan: true }), // operator channel: not named
      line("2024-12-05", "NOCH", 5, 5 * 4168, { channel: null, contractPlan: true }), // unknown channel: not paid
    ];
    const r = settleRebates([contract], s, mon("2024-12"));
    expect(r.byCustomer).toEqual([{ customerId: "DIRECT", pickup: 0, volume: 0, contract: 50_000, other: 0, target: 0, collection: 0, growth: 0, total: 50_000 }]);
    expect(r.lines.map((l) => l.line.customerId)).toEqual(["DIRECT"]);
    expect(r.statement.map((x) => x.customerId)).toEqual(["DIRECT"]);
  });

  it("pick-up rebates per unit and as a share, by model and channel, within validity", () => {
    const perUnit = rule({ ruleId: "R1", kind: "pickup", model: "I9300", channels: ["direct"], thresholds: [0], rates: [{ perUnit: 3000 }], validFrom: line("2024-12-10", "x", 0, 0).date });
    const share = rule({ ruleId: "R9", kind: "other", basis: "amount", channels: ["keyAccount"], thresholds: [0], rates: [{ share: 0.005 }] });
    const s = [
      line("2024-12-01", "C1", 10, 41_680), // before valid from: no R1
      line("2024-12-11", "C1", 10, 41_680), // R1: 10 × 30 = 300
      line("2024-12-12", "C1", 4, 11_996, { model: "I9100" }), // other model
      line("2024-12-12", "K1", 10, 42_180, { channel: "keyAccount" }), // R9: 0.5% × 42,180 = 210.90
    ];
    const r = settleRebates([perUnit, share], s, mon("2024-12"));
    expect(r.byCustomer).toEqual([
      { customerId: "C1", pickup: 30_000, volume: 0, contract: 0, other: 0, target: 0, collection: 0, growth: 0, total: 30_000 },
      { customerId: "K1", pickup: 0, volume: 0, contract: 0, other: 21_090, target: 0, collection: 0, growth: 0, total: 21_090 },
    ]);
  });

  it("reconciliation ties: sales of the month = rebated + not rebated", () => {
    const perUnit = rule({ ruleId: "R1", kind: "pickup", model: "I9300", channels: ["direct"], thresholds: [0], rates: [{ perUnit: 3000 }] });
    const s = [
      line("2024-11-30", "C1", 1, 4_168), // other month: outside the reconciliation
      line("2024-12-01", "C1", 10, 41_680), // rebated
      line("2024-12-02", "C2", 3, 8_997, { model: "I9100" }), // no rule: not rebated
      line("2024-12-03", "C3", 2, 8_336, { channel: "operator" }), // channel not named: not rebated
      line("2024-12-04", "C1", -1, -4_168, { orderType: "return" }), // return with a −30 rebate: rebated
    ];
    const r = settleRebates([perUnit], s, mon("2024-12"));
    expect(r.reconciliation).toEqual({
      salesAmount: (41_680 + 8_997 + 8_336 - 4_168) * 100, // 54,845.00
      rebatedAmount: (41_680 - 4_168) * 100, // 37,512.00
      notRebatedAmount: (8_997 + 8_336) * 100, // 17,333.00
      salesLines: 4,
      rebatedLines: 2,
    });
    expect(r.reconciliation.rebatedAmount + r.reconciliation.notRebatedAmount).toBe(r.reconciliation.salesAmount);
    expect(r.total).toBe((10 - 1) * 3000); // 270.00
  });

  it("rules whose agreement period misses the month pay nothing and are not listed", () => {
    const r = settleRebates([specRule], [line("2024-11-05", "C1", 7, 7_000)], mon("2025-01"));
    expect(r.statement).toEqual([]);
    expect(r.total).toBe(0);
  });
});
