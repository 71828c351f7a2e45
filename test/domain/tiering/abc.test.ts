/** ABC / Pareto (SPEC §2.1): hand-computed cases. Money is in fen. */
import fc from "fast-check";
import { abcClassesByPosition, abcClassify, abcClassifyByInput, abcExplanation, compareShare, shareAbove, shareAtLeast } from "../../../src/domain/abc";
import type { AbcBoundary } from "../../../src/domain/model";

const rules = (boundary: AbcBoundary = "include", cutoffA = 0.8, cutoffB = 0.95) => ({ cutoffA, cutoffB, boundary });
const classes = (input: [string, number][], boundary: AbcBoundary = "include", a = 0.8, b = 0.95) =>
  Object.fromEntries(abcClassify(input.map(([customerId, revenue]) => ({ customerId, revenue })), rules(boundary, a, b)).rows.map((r) => [r.customerId, r.abc]));

describe("abcClassify", () => {
  // 500 + 300 = 800 of 1000: exactly 80%; + 150 = 950: exactly 95%.
  const exact: [string, number][] = [["C1", 50000], ["C2", 30000], ["C3", 15000], ["C4", 5000]];

  it("includes the customer that reaches exactly 80% / 95% under the inclusive rule", () => {
    expect(classes(exact, "include")).toEqual({ C1: "A", C2: "A", C3: "B", C4: "C" });
  });

  it("leaves the customer that reaches exactly 80% / 95% out under the strict rule", () => {
    expect(classes(exact, "strict")).toEqual({ C1: "A", C2: "B", C3: "C", C4: "C" });
  });

  it("includes the customer that crosses (not only reaches) the cut-off under the inclusive rule", () => {
    // 700/1000 = 70% (A, still below), 900 = 90% crosses 80% → A; 960 crosses 95% → B; 1000 → C.
    const r = classes([["X", 70000], ["Y", 20000], ["Z", 6000], ["W", 4000]], "include");
    expect(r).toEqual({ X: "A", Y: "A", Z: "B", W: "C" });
    expect(classes([["X", 70000], ["Y", 20000], ["Z", 6000], ["W", 4000]], "strict")).toEqual({ X: "A", Y: "B", Z: "C", W: "C" });
  });

  it("is exact where floats are not: 0.1 + 0.2 style sums of cents reach 80% exactly", () => {
    // 10 customers of 0.10 yuan... cumulative 8 × 10 fen / 100 fen = 80% exactly.
    const input = Array.from({ length: 10 }, (_, i) => [`K${i}`, 10] as [string, number]);
    const r = abcClassify(input.map(([customerId, revenue]) => ({ customerId, revenue })), rules("include"));
    expect(r.rows.filter((x) => x.abc === "A").map((x) => x.customerId)).toEqual(["K0", "K1", "K2", "K3", "K4", "K5", "K6", "K7"]);
    const s = abcClassify(input.map(([customerId, revenue]) => ({ customerId, revenue })), rules("strict"));
    expect(s.rows.filter((x) => x.abc === "A")).toHaveLength(7);
    // Floats would say 0.1*8 = 0.8000000000000002 or 0.7999999999999999 depending on order; integers say 80%.
  });

  it("breaks ties by customer id (code-unit order, not locale), whatever the input order", () => {
    const input: [string, number][] = [["b", 100], ["a", 100], ["B", 100], ["c", 100], ["A", 100]];
    const r = abcClassify(input.map(([customerId, revenue]) => ({ customerId, revenue })), rules());
    expect(r.rows.map((x) => x.customerId)).toEqual(["A", "B", "a", "b", "c"]);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
    // 5 × 20%: A up to 80% (4 customers), the fifth reaches 100% → B.
    expect(r.rows.map((x) => x.abc)).toEqual(["A", "A", "A", "A", "B"]);
  });

  it("puts zero and negative revenue in C and leaves them out of the total", () => {
    const r = abcClassify([
      { customerId: "P", revenue: 80000 },
      { customerId: "Q", revenue: 20000 },
      { customerId: "Z", revenue: 0 },
      { customerId: "N", revenue: -50000 }, // net returns
    ], rules());
    expect(r.total).toBe(100000);
    const by = Object.fromEntries(r.rows.map((x) => [x.customerId, x]));
    expect(by.P.abc).toBe("A");
    expect(by.P.cumShare).toBe(0.8);
    expect(by.Q.abc).toBe("B");
    expect(by.Z.abc).toBe("C");
    expect(by.Z.cumShare).toBeNull();
    expect(by.N.abc).toBe("C");
    expect(by.N.rank).toBe(4);
    expect(r.byClass.C).toEqual({ count: 2, revenue: -50000 });
  });

  it("classifies everyone C when nobody has positive revenue (customers without sales)", () => {
    const r = abcClassify([{ customerId: "a", revenue: 0 }, { customerId: "b", revenue: -1 }], rules());
    expect(r.rows.map((x) => x.abc)).toEqual(["C", "C"]);
    expect(r.total).toBe(0);
    expect(r.rows.every((x) => x.share === 0)).toBe(true);
  });

  it("leaves B empty when one customer crosses both cut-offs", () => {
    expect(classes([["big", 97000], ["s1", 2000], ["s2", 1000]], "include")).toEqual({ big: "A", s1: "C", s2: "C" });
    expect(classes([["big", 97000], ["s1", 2000], ["s2", 1000]], "strict")).toEqual({ big: "C", s1: "C", s2: "C" });
  });

  it("single customer: A under include, C under strict (it is at 100%)", () => {
    expect(classes([["only", 100]], "include")).toEqual({ only: "A" });
    expect(classes([["only", 100]], "strict")).toEqual({ only: "C" });
  });

  it("honours policy cut-offs that are equal", () => {
    expect(classes(exact, "include", 0.8, 0.8)).toEqual({ C1: "A", C2: "A", C3: "C", C4: "C" });
  });
});

describe("exact share comparisons", () => {
  it("decides on integers", () => {
    expect(shareAtLeast(80, 100, 0.8)).toBe(true);
    expect(shareAtLeast(79, 100, 0.8)).toBe(false);
    expect(shareAbove(100, 100, 1)).toBe(false);
    expect(shareAbove(101, 100, 1)).toBe(true);
    expect(shareAtLeast(1, 3, 0.333333)).toBe(true);
    expect(shareAtLeast(1, 3, 0.333334)).toBe(false);
  });

  // The definition: sign of part × 10^6 − ppm(share) × whole, on BigInts.
  const exactSign = (part: number, whole: number, share: number) => {
    const d = BigInt(part) * 1_000_000n - BigInt(Math.round(share * 1e6)) * BigInt(whole);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  };
  const fen = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 9_007_199_254_740 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
  const share = fc.integer({ min: 0, max: 1_000_000 }).map((p) => p / 1e6);

  it("compareShare equals the BigInt definition, at ties too and past 2^53 products (fast-check)", () => {
    fc.assert(fc.property(fen, fen.filter((w) => w > 0), share, (part, whole, s) => compareShare(part, whole, s) === exactSign(part, whole, s)));
    // Exact ties, where the float products are equal or one ulp apart: whole = k × 10^6 / gcd, part = share × whole.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 9_000_000_000 }), fc.integer({ min: -1, max: 1 }), (p, k, nudge) => {
        const whole = k * 1_000_000, part = p * k + nudge;
        return compareShare(part, whole, p / 1e6) === exactSign(part, whole, p / 1e6);
      }),
    );
    // Near-ties past 2^53: whole ≈ part × 10^6 / ppm, so the true difference is a few units in 10^21.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }).chain((p) => fc.tuple(fc.constant(p), fc.integer({ min: 1, max: Math.floor(9e15 * (p / 1e6)) }))), fc.integer({ min: -2, max: 2 }), ([p, part], d) => {
        const whole = Number((BigInt(part) * 1_000_000n) / BigInt(p)) + d;
        return whole <= 0 || compareShare(part, whole, p / 1e6) === exactSign(part, whole, p / 1e6);
      }),
    );
  });
});

describe("abcExplanation: the cut-off rule in its own words", () => {
  // 500 + 300 = 800 of 1000: the second account sits exactly on the 80% cut-off.
  const rows = abcClassify([["K1", 500], ["K2", 300], ["K3", 150], ["K4", 50], ["K5", 0]].map(([customerId, revenue]) => ({ customerId: String(customerId), revenue: Number(revenue) })), rules()).rows;
  const why = (id: string, lang: "zh" | "en" = "zh", r = rules()) => abcExplanation(rows.find((x) => x.customerId === id)!, r, lang);

  it("names the cumulative share and the cut-off it is measured against", () => {
    expect(why("K2")).toBe("累计占比 80%，在 80% 分界内");
    expect(why("K2", "en")).toBe("cumulative 80%, within the 80% cut-off");
    expect(why("K3")).toBe("累计占比 95%，在 80%–95% 之间");
    expect(why("K4", "en")).toBe("cumulative 100%, beyond 95%");
    expect(why("K5")).toBe("期内无正销售额");
  });

  it("a strict boundary says 低于", () => {
    const strict = rules("strict");
    const k1 = abcClassify([{ customerId: "K1", revenue: 500 }, { customerId: "K2", revenue: 500 }], strict).rows[0];
    expect(k1.abc).toBe("A");
    expect(abcExplanation(k1, strict, "zh")).toBe("累计占比 50%，低于 80% 分界");
  });
});

describe("abcClassifyByInput", () => {
  it("gives each input its own row, at the input's position, and the same result as abcClassify", () => {
    const input = fc.array(fc.record({ customerId: fc.stringMatching(/^C[0-9]{1,3}$/), revenue: fc.integer({ min: -1e6, max: 1e9 }) }), { maxLength: 60 });
    fc.assert(
      fc.property(input, fc.constantFrom<AbcBoundary>("include", "strict"), (xs, boundary) => {
        const { result, byInput } = abcClassifyByInput(xs, rules(boundary));
        expect(result).toEqual(abcClassify(xs, rules(boundary)));
        expect(byInput).toHaveLength(xs.length);
        xs.forEach((x, i) => expect([byInput[i].customerId, byInput[i].revenue]).toEqual([x.customerId, x.revenue]));
        // Every row once: the rows by input are the ranked rows, in another order.
        expect(new Set(byInput)).toEqual(new Set(result.rows));
      }),
      { numRuns: 300 },
    );
  });

  it("a hand case: ranks follow revenue, then ID (900 reaches 80% and closes A; C at 100% still closes B)", () => {
    const { byInput } = abcClassifyByInput([{ customerId: "B", revenue: 100 }, { customerId: "A", revenue: 900 }, { customerId: "C", revenue: 100 }], rules());
    expect(byInput.map((r) => [r.customerId, r.rank, r.abc])).toEqual([["B", 2, "B"], ["A", 1, "A"], ["C", 3, "B"]]);
  });
});

describe("abcClassesByPosition (the previous period's classes)", () => {
  it("gives each position the class abcClassifyByInput gives it, duplicate IDs and ties included", () => {
    const input = fc.array(fc.record({ customerId: fc.stringMatching(/^C[0-9]{1,2}$/), revenue: fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.constantFrom(0, 100, 500)) }), { maxLength: 80 });
    fc.assert(
      fc.property(input, fc.constantFrom<AbcBoundary>("include", "strict"), (xs, boundary) => {
        const { byInput } = abcClassifyByInput(xs, rules(boundary));
        const classes = abcClassesByPosition(Float64Array.from(xs.map((x) => x.revenue)), xs.map((x) => x.customerId), rules(boundary));
        expect(classes).toEqual(byInput.map((r) => r.abc));
      }),
      { numRuns: 300 },
    );
  });
});

