/** Property tests (fast-check) for the tiering rules. */
import fc from "fast-check";
import { abcClassify } from "../../../src/domain/abc";
import { assignGrades } from "../../../src/domain/grades";
import { GRADES, GradeTarget, type AbcBoundary, type Customer, type SalesLine } from "../../../src/domain/model";
import { defaultPolicy } from "../../../src/domain/policyDefaults";
import { computeTiering } from "../../../src/domain/tiering";
import { dayFromYmd } from "../../../src/domain/calendar";
import { SalesLedger } from "../../../src/domain/ledger";

const RANK = { A: 0, B: 1, C: 2 } as const;
const boundary = fc.constantFrom<AbcBoundary>("include", "strict");
// Unique ids with revenue in fen, including zero and negative (net returns).
const customersArb = fc.uniqueArray(fc.record({ customerId: fc.string({ minLength: 1, maxLength: 4 }), revenue: fc.integer({ min: -50_000, max: 1_000_000 }) }), {
  selector: (c) => c.customerId, maxLength: 60,
});
const cutoffs = fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, d]) => ({ cutoffA: a / 100, cutoffB: Math.min(1, (a + d) / 100) }));

describe("ABC properties", () => {
  it("classes partition the customers; counts and revenue add up", () => {
    fc.assert(fc.property(customersArb, boundary, cutoffs, (cs, b, cut) => {
      const r = abcClassify(cs, { ...cut, boundary: b });
      expect(r.rows.map((x) => x.customerId).sort()).toEqual(cs.map((c) => c.customerId).sort());
      expect(r.byClass.A.count + r.byClass.B.count + r.byClass.C.count).toBe(cs.length);
      expect(r.byClass.A.revenue + r.byClass.B.revenue + r.byClass.C.revenue).toBe(cs.reduce((s, c) => s + c.revenue, 0));
      for (const x of r.rows) if (x.revenue <= 0) expect(x.abc).toBe("C");
    }));
  });

  it("more revenue never means a lower class", () => {
    fc.assert(fc.property(customersArb, boundary, cutoffs, (cs, b, cut) => {
      const rows = abcClassify(cs, { ...cut, boundary: b }).rows;
      for (const x of rows) for (const y of rows) if (x.revenue > y.revenue) expect(RANK[x.abc]).toBeLessThanOrEqual(RANK[y.abc]);
    }));
  });

  it("does not depend on the input order", () => {
    fc.assert(fc.property(customersArb.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))), boundary, ([cs, shuffled], b) => {
      const r = { cutoffA: 0.8, cutoffB: 0.95, boundary: b };
      expect(abcClassify(shuffled, r).rows).toEqual(abcClassify(cs, r).rows);
    }));
  });

  it("A holds at least the cut-off under include and less than it under strict", () => {
    fc.assert(fc.property(customersArb, cutoffs, (cs, cut) => {
      const inc = abcClassify(cs, { ...cut, boundary: "include" });
      const str = abcClassify(cs, { ...cut, boundary: "strict" });
      if (inc.total > 0) {
        expect(BigInt(inc.byClass.A.revenue) * 100n >= BigInt(Math.round(cut.cutoffA * 100)) * BigInt(inc.total)).toBe(true);
        expect(BigInt(str.byClass.A.revenue) * 100n < BigInt(Math.round(cut.cutoffA * 100)) * BigInt(str.total)).toBe(true);
        // The strict rule's A is the inclusive A minus at most its boundary customer.
        expect(inc.byClass.A.count - str.byClass.A.count).toBeGreaterThanOrEqual(0);
        expect(inc.byClass.A.count - str.byClass.A.count).toBeLessThanOrEqual(1);
      }
    }));
  });
});

describe("grade properties", () => {
  const offices = ["杭州", "宁波", null] as const;
  const gradeInputs = fc.uniqueArray(
    fc.record({ customerId: fc.string({ minLength: 1, maxLength: 4 }), office: fc.constantFrom(...offices), direct: fc.boolean(), pickupUnits: fc.integer({ min: 0, max: 2000 }) }),
    { selector: (c) => c.customerId, maxLength: 60 },
  );
  const targets: fc.Arbitrary<GradeTarget[]> = fc.array(fc.record({ office: fc.constantFrom(...offices), grade: fc.constantFrom(...GRADES), target: fc.integer({ min: 0, max: 8 }) }), { maxLength: 12 });

  it("quota mode never exceeds a target, and grades only direct customers with pick-ups", () => {
    fc.assert(fc.property(gradeInputs, targets, (inputs, ts) => {
      const r = assignGrades(inputs, { mode: "quota", thresholds: defaultPolicy().tier.gradeThresholds, months: 12, targets: ts });
      for (const s of r.summary) {
        expect(s.actual).toBeLessThanOrEqual(s.target);
        expect(s.gap).toBe(s.actual - s.target);
      }
      for (const c of inputs) if (!c.direct || c.pickupUnits <= 0) expect(r.byId.get(c.customerId)!.grade).toBeNull();
      const graded = r.rows.filter((x) => x.grade).length;
      expect(graded).toBe(r.summary.reduce((s, x) => s + x.actual, 0));
    }));
  });

  it("quota mode: more pick-ups in the same office never means a lower grade", () => {
    fc.assert(fc.property(gradeInputs, targets, (inputs, ts) => {
      const r = assignGrades(inputs, { mode: "quota", thresholds: defaultPolicy().tier.gradeThresholds, months: 12, targets: ts });
      const lvl = (g: string | null) => (g === null ? 99 : GRADES.indexOf(g as never));
      for (const x of inputs) for (const y of inputs) {
        if (x.direct && y.direct && x.office === y.office && x.pickupUnits > y.pickupUnits) {
          expect(lvl(r.byId.get(x.customerId)!.grade)).toBeLessThanOrEqual(lvl(r.byId.get(y.customerId)!.grade));
        }
      }
    }));
  });
});

describe("whole tiering does not depend on row order", () => {
  const cust = (id: string, office: string, direct: boolean, stage: number | null, score: number | null): Customer => ({
    customerId: id, name: id, channel: direct ? "direct" : "keyAccount", office, cityTier: null, rep: null, stage, temperature: null, intent: null,
    contractStatus: null, contractEnd: null, lastContact: null, nextCall: null, creditLimit: 100000, arrears: 85000, expectedValue: null,
    scorecard: score === null ? {} : { enthusiasm: score }, source: null,
  });
  const line = (id: string, month: number, qty: number, amount: number): SalesLine => ({
    date: dayFromYmd(2023 + Math.floor(month / 12), (month % 12) + 1, 15), customerId: id, model: "M", quantity: qty, unitPrice: null, amount,
    channel: null, contractPlan: false, orderType: qty < 0 ? "return" : "pickup", sheet: "S", row: 1,
  });
  const data = fc.uniqueArray(fc.record({
    id: fc.string({ minLength: 1, maxLength: 3 }), office: fc.constantFrom("杭州", "宁波"), direct: fc.boolean(),
    stage: fc.option(fc.integer({ min: 0, max: 7 })), score: fc.option(fc.integer({ min: 0, max: 10 })),
    lines: fc.array(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: -5, max: 50 }), fc.integer({ min: -10_000, max: 500_000 })), { maxLength: 6 }),
  }), { selector: (c) => c.id, maxLength: 25 });

  it("same classes, grades, scores whatever the order of customers and sales lines", () => {
    fc.assert(fc.property(data, fc.boolean(), fc.integer(), (cs, quota, seed) => {
      const customers = cs.map((c) => cust(c.id, c.office, c.direct, c.stage, c.score));
      const sales = cs.flatMap((c) => c.lines.map(([m, q, a]) => line(c.id, m, q, a)));
      const policy = defaultPolicy();
      policy.tier.gradeMode = quota ? "quota" : "threshold";
      policy.gradeTargets = [{ office: null, grade: "VKA", target: 2 }, { office: null, grade: "V1", target: 3 }, { office: "宁波", grade: "VKA", target: 1 }];
      const period = { from: dayFromYmd(2024, 1, 1), to: dayFromYmd(2024, 12, 31) };
      const previous = { from: dayFromYmd(2023, 1, 1), to: dayFromYmd(2023, 12, 31) };
      const shuffle = <T>(xs: T[]) => {
        let s = seed | 0;
        const out = [...xs];
        for (let i = out.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) | 0;
          const j = Math.abs(s) % (i + 1);
          [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
      };
      const key = (r: ReturnType<typeof computeTiering>) =>
        Object.fromEntries([...r.byId.values()].map((t) => [t.customerId, [t.abc.abc, t.abc.rank, t.previousAbc, t.value.valueClass, t.grade.grade, t.score.score, t.credit.flag]]));
      const a = computeTiering(customers, sales, period, previous, policy);
      const b = computeTiering(shuffle(customers), shuffle(sales), period, previous, policy);
      expect(key(b)).toEqual(key(a));
      // A ledger numbered in another customer order than the list given: totals found by ID.
      const ledger = SalesLedger.fromLines(sales, [...customers].reverse().map((c) => c.customerId));
      const c = computeTiering(shuffle(customers), ledger, period, previous, policy);
      expect(key(c)).toEqual(key(a));
      expect(c.abc.rows.map((r) => [r.customerId, r.revenue]).sort()).toEqual(a.abc.rows.map((r) => [r.customerId, r.revenue]).sort());
      expect(b.grades.summary).toEqual(a.grades.summary);
      expect(b.review.matrix).toEqual(a.review.matrix);
      // Rows are found by position inside tiering: each customer's rows are its own, as the maps by ID say.
      for (const r of [a, b]) {
        for (const t of r.customers) {
          expect([t.abc.customerId, t.grade.customerId]).toEqual([t.customerId, t.customerId]);
          expect(r.abcById.get(t.customerId)).toBe(t.abc);
          expect(r.grades.byId.get(t.customerId)).toBe(t.grade);
          expect(r.byId.get(t.customerId)).toBe(t);
          expect(r.previousAbc.rows.find((p) => p.customerId === t.customerId)?.abc).toBe(t.previousAbc);
        }
      }
      // Value classes partition the customers too.
      const counts = new Map<string, number>();
      for (const t of a.customers) counts.set(t.value.valueClass, (counts.get(t.value.valueClass) ?? 0) + 1);
      expect([...counts.values()].reduce((s, n) => s + n, 0)).toBe(customers.length);
    }));
  });
});
