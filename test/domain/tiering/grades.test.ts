/** Channel grades VKA/V1–V4 (SPEC §2.3): threshold and quota mode, targets per office. */
import fc from "fast-check";
import { assignGrades, gradeExplanation, targetsFor, thresholdGrade, thresholdGradeExact } from "../../../src/domain/grades";
import type { GradeTarget } from "../../../src/domain/model";
import { DEFAULT_TIER_RULES } from "../../../src/domain/policyDefaults";

const T = DEFAULT_TIER_RULES.gradeThresholds; // VKA 500, V1 200, V2 100, V3 50, V4 > 0

describe("gradeExplanation: the grade rules in their own words", () => {
  it("threshold: ≥ for VKA–V3, > for V4; no grade says why", () => {
    expect(gradeExplanation(thresholdGrade(6000, 12, T), "zh")).toBe("月均提货 500 台 ≥ 500");
    expect(gradeExplanation(thresholdGrade(599, 12, T), "en")).toMatch(/^monthly pick-ups 49\.92 units > \d+$/);
    expect(gradeExplanation(thresholdGrade(0, 12, T), "zh")).toBe("期内无提货，不分级");
    expect(gradeExplanation({ grade: null, basis: { kind: "notDirect" } }, "en")).toBe("not direct supply: no grade");
  });
  it("quota: the rank in the office and the grade's target", () => {
    expect(gradeExplanation({ grade: "V1", basis: { kind: "quota", rank: 3, target: 5 } }, "zh")).toBe("办事处内提货量第 3 名，V1 目标 5 家");
    expect(gradeExplanation({ grade: null, basis: { kind: "beyondQuota", rank: 9, targetTotal: 8 } }, "en")).toBe("rank 9 by pick-ups, beyond the 8 targeted accounts");
  });
});

describe("threshold mode", () => {
  it("grades by average monthly pick-ups, ≥ for VKA–V3 and > for V4", () => {
    expect(thresholdGrade(6000, 12, T).grade).toBe("VKA"); // 500/month exactly
    expect(thresholdGrade(5999, 12, T).grade).toBe("V1");
    expect(thresholdGrade(2400, 12, T).grade).toBe("V1"); // 200
    expect(thresholdGrade(1200, 12, T).grade).toBe("V2"); // 100
    expect(thresholdGrade(600, 12, T).grade).toBe("V3"); // 50: exactly, not 49.999
    expect(thresholdGrade(599, 12, T).grade).toBe("V4");
    expect(thresholdGrade(1, 12, T).grade).toBe("V4");
  });

  it("gives no grade without pick-ups, and none at or below the V4 threshold", () => {
    expect(thresholdGrade(0, 12, T)).toEqual({ grade: null, basis: { kind: "noPickup" } });
    expect(thresholdGrade(120, 12, { ...T, V4: 10 })).toMatchObject({ grade: null, basis: { kind: "belowThresholds", monthlyAverage: 10 } });
    expect(thresholdGrade(121, 12, { ...T, V4: 10 }).grade).toBe("V4");
  });

  it("grades only direct-supply customers", () => {
    const r = assignGrades(
      [
        { customerId: "d", office: "杭州", direct: true, pickupUnits: 6000 },
        { customerId: "k", office: "杭州", direct: false, pickupUnits: 99999 },
        { customerId: "z", office: "杭州", direct: true, pickupUnits: 0 },
      ],
      { mode: "threshold", thresholds: T, months: 12, targets: [{ office: null, grade: "VKA", target: 2 }] },
    );
    expect(r.byId.get("d")!.grade).toBe("VKA");
    expect(r.byId.get("k")).toMatchObject({ grade: null, basis: { kind: "notDirect" } });
    expect(r.byId.get("z")).toMatchObject({ grade: null, basis: { kind: "noPickup" } });
    expect(r.summary.find((s) => s.grade === "VKA")).toEqual({ office: "杭州", grade: "VKA", target: 2, actual: 1, gap: -1 });
  });
});

describe("targets per office", () => {
  const targets: GradeTarget[] = [
    { office: null, grade: "VKA", target: 9 },
    { office: null, grade: "V1", target: 19 },
    { office: "宁波", grade: "VKA", target: 3 },
  ];
  it("uses the office's own rows (unlisted grades 0), else the blank-office defaults", () => {
    expect(targetsFor(targets, "宁波")).toEqual({ VKA: 3, V1: 0, V2: 0, V3: 0, V4: 0 });
    expect(targetsFor(targets, "杭州")).toEqual({ VKA: 9, V1: 19, V2: 0, V3: 0, V4: 0 });
    expect(targetsFor([], "杭州")).toEqual({ VKA: 0, V1: 0, V2: 0, V3: 0, V4: 0 });
    expect(targetsFor(targets, "")).toEqual({ VKA: 9, V1: 19, V2: 0, V3: 0, V4: 0 }); // customers without an office
    expect(targetsFor([...targets, { office: "宁波", grade: "VKA", target: 4 }], "宁波").VKA).toBe(4); // later row wins
  });
});

describe("quota mode", () => {
  const rules = (targets: GradeTarget[]) => ({ mode: "quota" as const, thresholds: T, months: 12, targets });
  const c = (id: string, units: number, office: string | null = "A") => ({ customerId: id, office, direct: true, pickupUnits: units });

  it("fills grades top-down up to each target, ties by id, the rest ungraded", () => {
    const r = assignGrades(
      [c("c5", 10), c("c1", 100), c("c3", 50), c("c2", 50), c("c4", 20), c("c6", 5), c("c0", 0)],
      rules([{ office: null, grade: "VKA", target: 1 }, { office: null, grade: "V1", target: 2 }, { office: null, grade: "V3", target: 2 }]),
    );
    const g = (id: string) => r.byId.get(id)!.grade;
    expect([g("c1"), g("c2"), g("c3"), g("c4"), g("c5"), g("c6"), g("c0")]).toEqual(["VKA", "V1", "V1", "V3", "V3", null, null]);
    expect(r.byId.get("c6")!.basis).toEqual({ kind: "beyondQuota", rank: 6, targetTotal: 5 });
    expect(r.byId.get("c0")!.basis).toEqual({ kind: "noPickup" });
    expect(r.summary.map((s) => [s.grade, s.target, s.actual, s.gap])).toEqual([
      ["VKA", 1, 1, 0], ["V1", 2, 2, 0], ["V2", 0, 0, 0], ["V3", 2, 2, 0], ["V4", 0, 0, 0],
    ]);
  });

  it("ranks within each office against that office's targets", () => {
    const r = assignGrades(
      [c("h1", 900, "杭州"), c("h2", 800, "杭州"), c("n1", 10, "宁波"), c("n2", 5, "宁波"), c("x", 1, null)],
      rules([{ office: null, grade: "VKA", target: 1 }, { office: "宁波", grade: "VKA", target: 2 }]),
    );
    expect(Object.fromEntries(r.rows.map((x) => [x.customerId, x.grade]))).toEqual({ h1: "VKA", h2: null, n1: "VKA", n2: "VKA", x: "VKA" });
    const vka = r.summary.filter((s) => s.grade === "VKA").map((s) => [s.office, s.target, s.actual, s.gap]);
    expect(vka).toEqual([["", 1, 1, 0], ["宁波", 2, 2, 0], ["杭州", 1, 1, 0]]);
  });

  it("shows a shortfall as a negative gap", () => {
    const r = assignGrades([c("a", 5)], rules([{ office: null, grade: "VKA", target: 9 }]));
    expect(r.summary[0]).toEqual({ office: "A", grade: "VKA", target: 9, actual: 1, gap: -8 });
  });
});

describe("threshold mode in binary floating point", () => {
  const months = fc.integer({ min: 1, max: 36 });
  const thresholds = fc.oneof(
    fc.constant(T),
    fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 200000 }).map((k) => k / 100)), { minLength: 5, maxLength: 5 }).map((xs) => {
      const [VKA, V1, V2, V3, V4] = [...xs].sort((a, b) => b - a);
      return { VKA, V1, V2, V3, V4 };
    }),
  );
  // Units on a threshold, on a 4th-decimal tie of the monthly average, a hair either side of
  // them, and ordinary counts and decimals.
  const units = (m: number, t: Record<string, number>) =>
    fc.oneof(
      fc.integer({ min: 1, max: 10_000_000 }),
      fc.integer({ min: 1, max: 10_000_000 }).map((k) => k / 100),
      fc.constantFrom(...Object.values(t)).map((x) => x * m),
      fc.integer({ min: 0, max: 10_000_000 }).map((k) => ((k + 0.5) / 1e4) * m),
    ).chain((u) => fc.constantFrom(u, u + 1e-9, u - 1e-9, u * (1 + 1e-15), u * (1 - 1e-15)));
  it("gives the grade and the 4-decimal monthly average of the decimal computation", () => {
    fc.assert(
      fc.property(months.chain((m) => thresholds.chain((t) => units(m, t).map((u) => [u, m, t] as const))), ([u, m, t]) => {
        if (!(u > 0)) return;
        expect(thresholdGrade(u, m, t)).toEqual(thresholdGradeExact(u, m, t));
      }),
      { numRuns: 5000 },
    );
  });
});
