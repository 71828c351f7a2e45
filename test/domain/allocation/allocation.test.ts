/** Allocation of scarce supply (SPEC §9): hand-computed cases and properties. */
import fc from "fast-check";
import { allocateSupply, allocationExplanation, allocationRule, priorityGroupName, RequestRow } from "../../../src/domain/allocation";

const GRADE_ORDER = ["VKA", "V1", "V2", "V3", "V4", "none"];
const grades: Record<string, string> = { K1: "VKA", A: "V1", B: "V1", C: "V1", D: "V2" };
const groupOf = (id: string) => {
  const group = grades[id] ?? "none";
  return { group, rank: GRADE_ORDER.indexOf(group) };
};
const req = (customerId: string, requested: number, model = "M"): RequestRow => ({ customerId, model, requested });
const alloc = (r: ReturnType<typeof allocateSupply>) => Object.fromEntries(r.lines.map((l) => [l.customerId, l.allocated]));

describe("allocateSupply", () => {
  it("serves VKA in full, shares the rest within V1 by largest remainders, and leaves V2 out", () => {
    // 10 units. K1 (VKA) asks 4 → 4; 6 left for V1 asking 5 + 3 + 3 = 11:
    // A 6·5/11 = 2 r 8, B 6·3/11 = 1 r 7, C 1 r 7: floors 4, 2 leftover units →
    // A (remainder 8), then B (tie with C on remainder 7 and request 3: customer ID B < C).
    const r = allocateSupply([{ model: "M", quantity: 10 }], [req("D", 2), req("C", 3), req("B", 3), req("A", 5), req("K1", 4)], groupOf);
    expect(alloc(r)).toEqual({ K1: 4, A: 3, B: 2, C: 1, D: 0 });
    expect(r.models).toEqual([{ model: "M", supply: 10, requested: 17, allocated: 10, unallocated: 0 }]);
    const byId = Object.fromEntries(r.lines.map((l) => [l.customerId, l]));
    expect(byId.K1.reason).toEqual({ kind: "full" });
    expect(byId.A.reason).toEqual({ kind: "proportional", left: 6, groupRequested: 11, extraUnit: true });
    expect(byId.C.reason).toEqual({ kind: "proportional", left: 6, groupRequested: 11, extraUnit: false });
    expect(byId.D.reason).toEqual({ kind: "noneLeft" });
  });

  it("breaks a remainder tie by the larger request before the customer ID", () => {
    // 2 units among 2 + 7 + 1 = 10 (one group): P 0 r 4, Q 1 r 4, R 0 r 2 → the unit goes to Q (asked 7).
    const r = allocateSupply([{ model: "M", quantity: 2 }], [req("P", 2), req("Q", 7), req("R", 1)], () => ({ group: "none", rank: 0 }));
    expect(alloc(r)).toEqual({ P: 0, Q: 2, R: 0 });
  });

  it("gives everyone their request and leaves the rest unallocated when supply is ample", () => {
    const r = allocateSupply([{ model: "M", quantity: 100 }], [req("A", 5), req("D", 2)], groupOf);
    expect(alloc(r)).toEqual({ A: 5, D: 2 });
    expect(r.models[0]).toMatchObject({ allocated: 7, unallocated: 93 });
  });

  it("allocates nothing for a model without supply, and says so", () => {
    const r = allocateSupply([], [req("A", 5, "X9")], groupOf);
    expect(r.lines[0]).toMatchObject({ allocated: 0, reason: { kind: "noSupply" } });
  });

  it("follows another group order when the policy names one", () => {
    const order = ["V2", "VKA", "V1"];
    const r = allocateSupply([{ model: "M", quantity: 3 }], [req("K1", 4), req("D", 2)], (id) => ({ group: grades[id], rank: order.indexOf(grades[id]) }));
    expect(alloc(r)).toEqual({ D: 2, K1: 1 });
  });
});

const GROUPS = 4;
const requestsArb = fc.array(
  fc.record({ customerId: fc.integer({ min: 0, max: 30 }).map((i) => `C${String(i).padStart(2, "0")}`), model: fc.constantFrom("M1", "M2"), requested: fc.integer({ min: 0, max: 50 }) }),
  { maxLength: 40 },
).map((rs) => {
  const seen = new Set<string>();
  return rs.filter((r) => !seen.has(r.customerId + r.model) && seen.add(r.customerId + r.model));
});
const rankOf = (ranks: Record<string, number>) => (id: string) => ({ group: `G${ranks[id] ?? GROUPS - 1}`, rank: ranks[id] ?? GROUPS - 1 });
const ranksArb = fc.dictionary(fc.integer({ min: 0, max: 30 }).map((i) => `C${String(i).padStart(2, "0")}`), fc.integer({ min: 0, max: GROUPS - 1 }));

describe("allocateSupply properties", () => {
  it("allocates exactly min(supply, requests) per model, whole units, never above a request", () => {
    fc.assert(
      fc.property(requestsArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), ranksArb, (reqs, s1, s2, ranks) => {
        const r = allocateSupply([{ model: "M1", quantity: s1 }, { model: "M2", quantity: s2 }], reqs, rankOf(ranks));
        for (const [model, supply] of [["M1", s1], ["M2", s2]] as const) {
          const mine = r.lines.filter((l) => l.model === model);
          const requested = mine.reduce((s, l) => s + l.requested, 0);
          expect(mine.reduce((s, l) => s + l.allocated, 0)).toBe(Math.min(supply, requested));
        }
        for (const l of r.lines) {
          expect(Number.isInteger(l.allocated)).toBe(true);
          expect(l.allocated).toBeGreaterThanOrEqual(0);
          expect(l.allocated).toBeLessThanOrEqual(l.requested);
        }
      }),
    );
  });

  it("is monotone in priority: a higher group is never filled to a lower share than a lower group", () => {
    fc.assert(
      fc.property(requestsArb, fc.integer({ min: 0, max: 300 }), ranksArb, (reqs, supply, ranks) => {
        const r = allocateSupply([{ model: "M1", quantity: supply }], reqs, rankOf(ranks));
        const lines = r.lines.filter((l) => l.model === "M1" && l.requested > 0);
        for (const hi of lines) {
          for (const lo of lines) {
            if (hi.groupRank >= lo.groupRank) continue;
            // A lower group gets anything only when every higher request is served in full.
            if (lo.allocated > 0) expect(hi.allocated).toBe(hi.requested);
          }
        }
      }),
    );
  });

  it("moving a customer to a higher-priority group never lowers its allocation", () => {
    fc.assert(
      fc.property(requestsArb, fc.integer({ min: 0, max: 300 }), ranksArb, (reqs, supply, ranks) => {
        const mine = reqs.filter((q) => q.model === "M1");
        if (!mine.length) return;
        const who = mine[0].customerId;
        const before = allocateSupply([{ model: "M1", quantity: supply }], mine, rankOf(ranks));
        const rank = ranks[who] ?? GROUPS - 1;
        if (rank === 0) return;
        const after = allocateSupply([{ model: "M1", quantity: supply }], mine, rankOf({ ...ranks, [who]: rank - 1 }));
        const get = (x: typeof before) => x.lines.find((l) => l.customerId === who)!.allocated;
        expect(get(after)).toBeGreaterThanOrEqual(get(before));
      }),
    );
  });
});

describe("allocation rule and reasons in their own words", () => {
  it("names the priority order, the group without a grade as 无等级 / no grade", () => {
    expect(priorityGroupName("V1", "zh")).toBe("V1");
    expect(priorityGroupName("none", "zh")).toBe("无等级");
    expect(priorityGroupName("none", "en")).toBe("no grade");
    expect(allocationRule(["VKA", "V1", "none"], "zh")).toMatch(/^按等级分组依次满足（VKA → V1 → 无等级）；不能全额满足的组按申请比例分配/);
    expect(allocationRule(["VKA", "none"], "en")).toMatch(/^Groups served in order \(VKA → no grade\);.*total = min\(supply, requests\)$/);
  });

  it("explains each line of the VKA / V1 / V2 case: full, 6 ÷ 11 = 54.5% with and without the extra unit, nothing left", () => {
    const r = allocateSupply([{ model: "M", quantity: 10 }], [req("D", 2), req("C", 3), req("B", 3), req("A", 5), req("K1", 4), req("X", 1)], groupOf);
    const say = Object.fromEntries(r.lines.map((l) => [l.customerId, allocationExplanation(l, "zh")]));
    expect(say.K1).toBe("VKA 组：全额满足");
    expect(say.A).toBe("V1 组按申请比例分配：剩余 6 台 ÷ 组内申请 11 台 = 54.5%，取整，按最大余数多分 1 台");
    expect(say.C).toBe("V1 组按申请比例分配：剩余 6 台 ÷ 组内申请 11 台 = 54.5%，取整");
    expect(say.D).toBe("V2 组：优先等级分配后已无剩余");
    expect(say.X).toBe("无等级 组：优先等级分配后已无剩余");
    const a = r.lines.find((l) => l.customerId === "A")!;
    expect(allocationExplanation(a, "en")).toBe("V1 group shared in proportion: 6 left ÷ 11 requested = 54.5%, rounded down, plus 1 unit by largest remainder");
    expect(allocationExplanation({ group: "none", reason: { kind: "full" } }, "en")).toBe("no grade group: served in full");
    expect(allocationExplanation({ group: "V1", reason: { kind: "noSupply" } }, "zh")).toBe("该型号无可供数量");
  });
});
