/** Visit plan (issue 18, SPEC §9): a plan that hits capacity, coverage from the log, properties. */
import fc from "fast-check";
import { dayFromYmd } from "../../../src/domain/calendar";
import type { AbcClass, Grade } from "../../../src/domain/model";
import { firstPlannedVisits, planVisits, requiredVisits, visitCapacity, visitCoverage, visitRule, VisitAccount, VisitPolicy } from "../../../src/domain/visits";
import { workingDays } from "../../../src/domain/workdays";

const cp = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], publicCalendar: "none" as const };
// November 2024: 21 working days (Mon–Fri).
const NOV = workingDays(dayFromYmd(2024, 11, 1), dayFromYmd(2024, 11, 30), cp);
const acct = (customerId: string, grade: Grade | null, abc: AbcClass, revenue: number, office: string | null = "北京", visitor = "王伟"): VisitAccount => ({ customerId, visitor, office, grade, abc, revenue });

describe("visit plan", () => {
  const policy: VisitPolicy = { perMonth: { VKA: 2, V1: 1, A: 1 }, visitsPerDay: 2, timeShare: 0.25 };

  it("capacity = floor(visits a day × working days × share): 2 × 21 × 25% = 10.5 → 10", () => {
    expect(NOV).toHaveLength(21);
    expect(visitCapacity(policy, NOV.length)).toBe(10);
    expect(visitCapacity({ ...policy, visitsPerDay: 3, timeShare: 1 / 3 }, 21)).toBe(21);
  });

  it("hits the capacity limit: key accounts first, the lowest in priority left unplanned", () => {
    // 3 VKA × 2 + 4 V1 × 1 + 2 ungraded A × 1 = 12 visits wanted, 10 fit.
    const accounts = [
      acct("K1", "VKA", "A", 900), acct("K2", "VKA", "A", 800), acct("K3", "VKA", "A", 700, "天津"),
      acct("V1a", "V1", "B", 600, "天津"), acct("V1b", "V1", "B", 500), acct("V1c", "V1", "B", 400), acct("V1d", "V1", "C", 300),
      acct("A1", null, "A", 250), acct("A2", null, "A", 200), acct("none", "V3", "C", 100),
    ];
    const plan = planVisits(accounts, NOV, policy);
    expect(plan.visitors).toEqual([{ visitor: "王伟", capacity: 10, required: 12, planned: 10, visitDays: 5 }]);
    expect(plan.unplanned).toEqual([{ visitor: "王伟", customerId: "A1", round: 1 }, { visitor: "王伟", customerId: "A2", round: 1 }]);
    const count = (id: string) => plan.visits.filter((v) => v.customerId === id).length;
    expect(["K1", "K2", "K3"].map(count)).toEqual([2, 2, 2]);
    expect(["V1a", "V1b", "V1c", "V1d", "none"].map(count)).toEqual([1, 1, 1, 1, 0]);
    // At most 2 a day; a key account's two visits fall on different days; first round grouped by office.
    const perDay = new Map<number, string[]>();
    for (const v of plan.visits) perDay.set(v.day, [...(perDay.get(v.day) ?? []), v.customerId]);
    for (const ids of perDay.values()) {
      expect(ids.length).toBeLessThanOrEqual(2);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const firstRound = plan.visits.filter((v) => v.round === 1).map((v) => v.office);
    expect(firstRound).toEqual(["北京", "北京", "北京", "北京", "北京", "天津", "天津"]);
    // Visiting days are spread over the month: 5 days out of 21.
    expect([...perDay.keys()].sort((a, b) => a - b)).toEqual([0, 4, 8, 12, 16].map((i) => NOV[i]));
  });

  it("takes the larger of the grade's and the class's visits", () => {
    expect(requiredVisits({ grade: "V1", abc: "A" }, { perMonth: { V1: 1, A: 3 }, visitsPerDay: 1, timeShare: 1 })).toBe(3);
    expect(requiredVisits({ grade: null, abc: "C" }, { perMonth: { VKA: 2 }, visitsPerDay: 1, timeShare: 1 })).toBe(0);
  });

  it("reads coverage (planned vs done) from the visit log", () => {
    const from = dayFromYmd(2024, 11, 1), to = dayFromYmd(2024, 11, 30);
    const log = [
      { date: dayFromYmd(2024, 11, 5), customerId: "K1", visitor: "王伟" },
      { date: dayFromYmd(2024, 10, 28), customerId: "K2", visitor: null },
      { date: dayFromYmd(2024, 11, 20), customerId: "X", visitor: null },
    ];
    expect(visitCoverage(new Map([["K1", 2], ["K2", 1], ["Z", 0]]), log, from, to)).toEqual([
      { customerId: "K1", required: 2, done: 1, lastVisit: dayFromYmd(2024, 11, 5) },
      { customerId: "K2", required: 1, done: 0, lastVisit: dayFromYmd(2024, 10, 28) },
      { customerId: "X", required: 0, done: 1, lastVisit: dayFromYmd(2024, 11, 20) },
    ]);
  });
});

describe("visit plan properties", () => {
  const accountArb = (i: number) =>
    fc.record({
      customerId: fc.constant(`C${i}`),
      visitor: fc.constantFrom("王", "李"),
      office: fc.option(fc.constantFrom("北京", "天津", "上海"), { nil: null }),
      grade: fc.option(fc.constantFrom<Grade>("VKA", "V1", "V2", "V3", "V4"), { nil: null }),
      abc: fc.constantFrom<AbcClass>("A", "B", "C"),
      revenue: fc.integer({ min: -100, max: 10000 }),
    });
  const accountsArb = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => accountArb(i))));
  const policyArb = fc.record({
    perMonth: fc.record({ VKA: fc.integer({ min: 0, max: 4 }), V1: fc.integer({ min: 0, max: 3 }), A: fc.integer({ min: 0, max: 2 }), B: fc.integer({ min: 0, max: 1 }) }),
    visitsPerDay: fc.integer({ min: 0, max: 5 }),
    timeShare: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  const daysArb = fc.integer({ min: 0, max: 23 }).map((n) => NOV.concat(NOV.map((x) => x + 30)).slice(0, n));

  it("never exceeds a visitor's capacity nor the visits a day, never visits an account twice a day, and plans or lists every wanted visit", () => {
    fc.assert(
      fc.property(accountsArb, policyArb, daysArb, (accounts, policy, days) => {
        const plan = planVisits(accounts, days, policy);
        const cap = visitCapacity(policy, days.length);
        const perDayLimit = Math.floor(policy.visitsPerDay);
        const byVisitorDay = new Map<string, string[]>();
        for (const v of plan.visits) {
          expect(days).toContain(v.day);
          const k = `${v.visitor}|${v.day}`;
          byVisitorDay.set(k, [...(byVisitorDay.get(k) ?? []), v.customerId]);
        }
        for (const ids of byVisitorDay.values()) {
          expect(ids.length).toBeLessThanOrEqual(perDayLimit);
          expect(new Set(ids).size).toBe(ids.length);
        }
        for (const l of plan.visitors) {
          expect(l.planned).toBeLessThanOrEqual(cap);
          expect(l.planned).toBe(plan.visits.filter((v) => v.visitor === l.visitor).length);
        }
        const wanted = accounts.reduce((s, a) => s + requiredVisits(a, policy), 0);
        expect(plan.visits.length + plan.unplanned.length).toBe(wanted);
      }),
    );
  });
});

describe("visit rule in its own words, first planned visits", () => {
  it("states visits due, capacity and priority with the policy's numbers", () => {
    const p: VisitPolicy = { perMonth: { A: 1, VKA: 2, V1: 1, C: 0 }, visitsPerDay: 3, timeShare: 1 / 3 };
    expect(visitRule(p, 19, "zh")).toBe(
      "19 个工作日；每月应拜访次数 = 等级与 ABC 类别所定次数中的较大者（VKA 2 次、V1 1 次、A 1 次）；容量 = 每日 3 次 × 工作日 × 拜访时间占比 33.3%，向下取整；重点客户优先（等级、ABC、销售额），同一天尽量同一办事处",
    );
    expect(visitRule({ perMonth: {}, visitsPerDay: 2, timeShare: 0.25 }, 21, "en")).toBe(
      "21 working days; visits due a month = the larger of the grade's and the ABC class's number (none); capacity = 2 visits a day × working days × 25% of time, rounded down; key accounts first (grade, ABC, revenue), one office per day where possible",
    );
  });

  it("takes each account's earliest planned day, whatever the order of the visits", () => {
    const v = (customerId: string, day: number) => ({ day, visitor: "王伟", customerId, office: null, round: 1 });
    expect(firstPlannedVisits({ visits: [v("K1", 9), v("K2", 4), v("K1", 3), v("K1", 5)] })).toEqual(new Map([["K1", 3], ["K2", 4]]));
  });
});
