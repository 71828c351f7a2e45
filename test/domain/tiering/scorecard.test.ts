/** Dealer scorecard (SPEC §2.4): scaling, clamping, weights, missing inputs, bands. */
import type { ScorecardWeight } from "../../../src/domain/model";
import { defaultPolicy } from "../../../src/domain/policyDefaults";
import fc from "fast-check";
import { scoreDealer, scoreExact, scoreExplanation, scoreLetter } from "../../../src/domain/scorecard";

const bands = { bandA: 80, bandB: 60 };
const W = (rows: [ScorecardWeight["criterion"], number, number, number][]): ScorecardWeight[] => rows.map(([criterion, weight, min, max]) => ({ criterion, weight, min, max }));

describe("scoreDealer", () => {
  it("scales between min and max and weights (hand-computed)", () => {
    // enthusiasm 8 of 0–10 → 80, distribution 50 of 0–200 → 25; weights 3:1 → 0.75×80 + 0.25×25 = 66.25.
    const r = scoreDealer({ enthusiasm: 8, distribution: 50 }, W([["enthusiasm", 3, 0, 10], ["distribution", 1, 0, 200]]), bands);
    expect(r.score).toBe(66.25);
    expect(r.letter).toBe("B");
    expect(r.missing).toEqual([]);
  });

  it("normalises weights that do not sum to 1 (or 100)", () => {
    const a = scoreDealer({ enthusiasm: 10, credit: 0 }, W([["enthusiasm", 7, 0, 10], ["credit", 7, 0, 10]]), bands);
    const b = scoreDealer({ enthusiasm: 10, credit: 0 }, W([["enthusiasm", 0.5, 0, 10], ["credit", 0.5, 0, 10]]), bands);
    expect(a.score).toBe(50);
    expect(b.score).toBe(50);
  });

  it("clamps values outside min–max", () => {
    const r = scoreDealer({ enthusiasm: 15, credit: -3 }, W([["enthusiasm", 1, 0, 10], ["credit", 1, 0, 10]]), bands);
    expect(r.score).toBe(50);
    expect(r.parts.map((p) => [p.scaled, p.clamped])).toEqual([[100, true], [0, true]]);
  });

  it("counts missing inputs as 0 and lists them", () => {
    const r = scoreDealer({ enthusiasm: 10 }, W([["enthusiasm", 1, 0, 10], ["credit", 1, 0, 10], ["capital", 2, 0, 10]]), bands);
    expect(r.score).toBe(25);
    expect(r.missing).toEqual(["credit", "capital"]);
  });

  it("gives no score to a customer without any input", () => {
    expect(scoreDealer({}, defaultPolicy().scorecard, bands)).toMatchObject({ score: null, letter: null });
  });

  it("100 is A (the top band includes 100)", () => {
    const all = Object.fromEntries(defaultPolicy().scorecard.map((w) => [w.criterion, w.max]));
    expect(scoreDealer(all, defaultPolicy().scorecard, bands)).toMatchObject({ score: 100, letter: "A" });
  });

  it("an exact 80 is A even where floats would give 79.999…", () => {
    // Weights 1:2:4 and three 80s: the float sum Σ scaled × (w / Σw) is 79.99999999999999.
    const naive = [1, 2, 4].reduce((sum, w) => sum + 80 * (w / 7), 0);
    expect(naive).toBeLessThan(80);
    const r = scoreDealer({ enthusiasm: 8, credit: 8, capital: 8 }, W([["enthusiasm", 1, 0, 10], ["credit", 2, 0, 10], ["capital", 4, 0, 10]]), bands);
    expect(r).toMatchObject({ score: 80, letter: "A" });
    // 0.28 of 0–1 is 28 points, not 28.000000000000004.
    expect(scoreDealer({ credit: 0.28 }, W([["credit", 1, 0, 1]]), bands).score).toBe(28);
  });

  it("band edges: 80 A, 79.99 B, 60 B, 59.99 C, 0 C", () => {
    expect(scoreLetter(80, bands)).toBe("A");
    expect(scoreLetter(79.99, bands)).toBe("B");
    expect(scoreLetter(60, bands)).toBe("B");
    expect(scoreLetter(59.99, bands)).toBe("C");
    expect(scoreLetter(0, bands)).toBe("C");
    expect(scoreLetter(100, bands)).toBe("A");
  });

  it("with min > 0 scales from min", () => {
    expect(scoreDealer({ brands: 6 }, W([["brands", 1, 2, 10]]), bands).score).toBe(50);
  });
});

describe("scoreDealer's fast path", () => {
  const criteria = ["enthusiasm", "flexibility", "distribution", "capital", "brands", "logistics", "credit", "relations"] as const;
  const weightRow = fc.record({
    criterion: fc.constantFrom(...criteria),
    weight: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 5, noNaN: true })),
    min: fc.integer({ min: -10, max: 10 }),
    span: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: -200, max: -1 }), fc.constantFrom(3, 7, 0.3)),
  });
  // Inputs on a coarse grid make exact halves (66.125, 33.335 …) frequent, the cases where a
  // float shortcut would round the other way.
  const input = fc.oneof(fc.integer({ min: -20, max: 220 }), fc.integer({ min: -2000, max: 22000 }).map((x) => x / 100), fc.constant(Number.NaN));

  it("gives exactly the decimal reference result (score, letter, parts, missing)", () => {
    fc.assert(
      fc.property(fc.array(weightRow, { minLength: 1, maxLength: 8 }), fc.array(input, { minLength: 8, maxLength: 8 }), (rows, values) => {
        const weights = rows.map((r) => ({ criterion: r.criterion, weight: r.weight, min: r.min, max: r.min + r.span }));
        const inputs: Partial<Record<(typeof criteria)[number], number>> = {};
        criteria.forEach((c, i) => {
          if (!Number.isNaN(values[i])) inputs[c] = values[i];
        });
        expect(scoreDealer(inputs, weights, bands)).toEqual(scoreExact(inputs, weights, undefined, bands));
      }),
      { numRuns: 3000 },
    );
  });

  it("rounds a score that is exactly half a cent up, as decimal does", () => {
    // Weights 1:1:2; 1 of 0–8 scales to 12.5: (12.5 + 12.5 + 2 × 100) / 4 = 56.25.
    const w = W([["enthusiasm", 1, 0, 8], ["credit", 1, 0, 8], ["capital", 2, 0, 1]]);
    expect(scoreDealer({ enthusiasm: 1, credit: 1, capital: 1 }, w, bands).score).toBe(56.25);
    // 4 of 0–80,000 scales to 0.005 exactly: half a cent, rounded up to 0.01 (in binary,
    // 4 / 80000 × 100 is a hair off 0.005, so the fast path must hand this to decimal).
    const half = W([["enthusiasm", 1, 0, 80000]]);
    expect(scoreDealer({ enthusiasm: 4 }, half, bands).score).toBe(0.01);
    expect(scoreDealer({ enthusiasm: 4 }, half, bands)).toEqual(scoreExact({ enthusiasm: 4 }, half, undefined, bands));
  });
});

describe("scoreExplanation", () => {
  const names = { enthusiasm: "积极性", credit: "信誉", distribution: "分销能力" } as Record<string, string>;
  const name = (c: string) => names[c];
  const w = W([["enthusiasm", 1, 0, 10], ["credit", 1, 0, 10], ["distribution", 1, 0, 10]]);

  it("names the band of the letter: ≥ bandA is A, ≥ bandB is B, below bandB is C", () => {
    expect(scoreExplanation(scoreDealer({ enthusiasm: 9, credit: 9, distribution: 9 }, w, bands), bands, "zh", name)).toBe("≥ 80 为A");
    expect(scoreExplanation(scoreDealer({ enthusiasm: 7, credit: 7, distribution: 7 }, w, bands), bands, "zh", name)).toBe("≥ 60 为B");
    expect(scoreExplanation(scoreDealer({ enthusiasm: 1, credit: 1, distribution: 1 }, w, bands), bands, "en", name)).toBe("< 60 is C");
  });

  it("lists the missing criteria (counted 0) and the clamped ones, in the criteria's names", () => {
    // enthusiasm 12 → clamped to 100, credit −1 → 0 (clamped), distribution missing: 100 / 3 = 33.33, C.
    const r = scoreDealer({ enthusiasm: 12, credit: -1 }, w, bands);
    expect(scoreExplanation(r, bands, "zh", name)).toBe("< 60 为C；缺少（按0分计）：分销能力；超出范围已截断：积极性、信誉");
    expect(scoreExplanation(r, bands, "en", name)).toBe("< 60 is C; missing (counted 0): 分销能力; clamped to range: 积极性, 信誉");
  });

  it("says there is no scorecard data when nothing was given", () => {
    const r = scoreDealer({}, w, bands);
    expect(scoreExplanation(r, bands, "zh", name)).toBe("无评分数据");
    expect(scoreExplanation(r, bands, "en", name)).toBe("no scorecard data");
  });
});
