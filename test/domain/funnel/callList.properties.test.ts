/**
 * Properties of the call plan over random customers, calendars and capacities, in months with
 * public holidays and 调休 days (中秋 and 国庆 2024, 元旦 and 春节 2025, 劳动节 2025).
 */
import { isWorkday } from "chinese-days";
import fc from "fast-check";
import { Day, lastDayOfMonth, monthIndex, ymd } from "../../../src/domain/calendar";
import { CallEntry, CallPlanInput, planCalls, priorityReasons } from "../../../src/domain/callList";
import { repOf } from "../../../src/domain/funnel";
import type { CallPlanSettings, ContractStatus, Temperature } from "../../../src/domain/model";
import { isWorkingDay } from "../../../src/domain/workdays";
import { chinaCalendar, d } from "./helpers";

/** First days of the months drawn from. */
const MONTHS = ["2024-09-01", "2024-10-01", "2024-12-01", "2025-01-01", "2025-02-01", "2025-05-01"].map(d);

const dayNear = (base: Day) => fc.option(fc.integer({ min: -90, max: 70 }).map((o) => base + o), { nil: null });

const customerArb = (i: number, base: Day) =>
  fc.record({
    rep: fc.option(fc.constantFrom("王", "李", "张"), { nil: null, freq: 6 }),
    stage: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
    temperature: fc.option(fc.constantFrom<Temperature>("Hot", "Warm", "Cold", "Denial"), { nil: null }),
    intent: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    contractStatus: fc.option(fc.constantFrom<ContractStatus>("none", "active", "expired"), { nil: null }),
    contractEnd: dayNear(base),
    lastContact: dayNear(base),
    nextCall: dayNear(base),
  }).map((r): CallPlanInput => ({ customerId: `C${String(i).padStart(3, "0")}`, ...r }));

const customersArb = (base: Day, max = 60) => fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i, base))));

const settingsArb = (base: Day): fc.Arbitrary<CallPlanSettings> =>
  fc.record({
    callsPerDay: fc.integer({ min: 0, max: 6 }),
    workingWeekdays: fc.oneof(fc.constant<number[]>([1, 2, 3, 4, 5]), fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 0 })),
    publicCalendar: fc.constantFrom<CallPlanSettings["publicCalendar"]>("CN", "CN", "none"),
    holidays: fc.array(fc.integer({ min: 0, max: 40 }).map((o) => base + o), { maxLength: 8 }),
    extraWorkdays: fc.array(fc.integer({ min: 0, max: 40 }).map((o) => base + o), { maxLength: 3 }),
    expiringWithinDays: fc.integer({ min: 0, max: 45 }),
  });

/** A month, customers and settings; the as-of day in that month, the cycle to its end. */
const scenario = fc.constantFrom(...MONTHS).chain((base) =>
  fc.record({ customers: customersArb(base), cp: settingsArb(base), asOfOffset: fc.integer({ min: 0, max: 27 }) }).map((r) => ({
    ...r,
    asOf: base + r.asOfOffset,
    end: lastDayOfMonth(monthIndex(base)),
  })),
);

function byRep(entries: CallEntry[]): Map<string, CallEntry[]> {
  const m = new Map<string, CallEntry[]>();
  for (const e of entries) m.set(e.rep, [...(m.get(e.rep) ?? []), e]);
  return m;
}

describe("call plan properties", () => {
  it("never more than callsPerDay per rep per day, only on working days of the cycle", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOf, end }) => {
        const plan = planCalls(customers, cp, asOf, end);
        const perRepDay = new Map<string, number>();
        for (const e of plan.entries) {
          const k = `${e.rep}|${e.day}`;
          perRepDay.set(k, (perRepDay.get(k) ?? 0) + 1);
          expect(e.day).toBeGreaterThanOrEqual(asOf);
          expect(e.day).toBeLessThanOrEqual(end);
          expect(isWorkingDay(e.day, cp)).toBe(true);
        }
        for (const n of perRepDay.values()) expect(n).toBeLessThanOrEqual(cp.callsPerDay);
      }),
      { numRuns: 200 },
    );
  });

  it("never plans a Denial account, each account at most once, under its own rep", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOf, end }) => {
        const plan = planCalls(customers, cp, asOf, end);
        const byId = new Map(customers.map((c) => [c.customerId, c]));
        const seen = new Set<string>();
        for (const e of plan.entries) {
          const c = byId.get(e.customerId)!;
          expect(c.temperature).not.toBe("Denial");
          expect(e.rep).toBe(repOf(c));
          expect(seen.has(e.customerId)).toBe(false);
          seen.add(e.customerId);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("when capacity × working days ≥ a rep's accounts, each of them is planned exactly once", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOf, end }) => {
        const plan = planCalls(customers, cp, asOf, end);
        const days = plan.cycle.days.length;
        for (const cov of plan.coverage) {
          const callable = customers.filter((c) => repOf(c) === cov.rep && c.temperature !== "Denial");
          if (cp.callsPerDay * days >= callable.length) {
            const planned = plan.entries.filter((e) => e.rep === cov.rep).map((e) => e.customerId).sort();
            expect(planned).toEqual(callable.map((c) => c.customerId).sort());
            expect(cov.coverage).toBe(1);
          } else {
            // Over capacity: every slot of the cycle is used.
            expect(cov.planned).toBe(cp.callsPerDay * days);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("priority accounts come before the rest", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOf, end }) => {
        const plan = planCalls(customers, cp, asOf, end);
        const byId = new Map(customers.map((c) => [c.customerId, c]));
        const isPriorityAccount = (id: string) => priorityReasons(byId.get(id)!, asOf, cp.expiringWithinDays).length > 0;
        for (const [rep, list] of byRep(plan.entries)) {
          // Entries are in call order (day, then position).
          const firstNonPriority = list.findIndex((e) => !e.priority);
          if (firstNonPriority >= 0) {
            // Every priority account of the rep is planned, and before the first non-priority call.
            const prio = customers.filter((c) => repOf(c) === rep && c.temperature !== "Denial" && isPriorityAccount(c.customerId));
            for (const c of prio) {
              const at = list.findIndex((e) => e.customerId === c.customerId);
              expect(at).toBeGreaterThanOrEqual(0);
              expect(at).toBeLessThan(firstNonPriority);
            }
          }
          // Within each day, priority calls first.
          const days = new Map<Day, CallEntry[]>();
          for (const e of list) days.set(e.day, [...(days.get(e.day) ?? []), e]);
          for (const es of days.values()) {
            expect(es.map((e) => e.order)).toEqual(es.map((_, i) => i + 1));
            const flags = es.map((e) => e.priority);
            expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("spreads evenly: per rep, the calls on any two working days of the cycle differ by at most one", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOf, end }) => {
        const plan = planCalls(customers, cp, asOf, end);
        for (const cov of plan.coverage) {
          // Every working day of the cycle counts, the days without a call too.
          const loads = plan.cycle.days.map((day) => plan.entries.filter((e) => e.rep === cov.rep && e.day === day).length);
          if (!loads.length) continue;
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          expect(loads.reduce((a, b) => a + b, 0)).toBe(cov.planned);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("priority accounts on the earliest days: none after a day with a coverage call", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOf, end }) => {
        const plan = planCalls(customers, cp, asOf, end);
        for (const list of byRep(plan.entries).values()) {
          const lastPriorityAccount = Math.max(-Infinity, ...list.filter((e) => e.reasons.some((r) => r.kind !== "callBack" && r.kind !== "callBackEarly" && r.kind !== "coverage")).map((e) => e.day));
          const firstCoverage = Math.min(Infinity, ...list.filter((e) => e.reasons[0].kind === "coverage").map((e) => e.day));
          expect(lastPriorityAccount).toBeLessThanOrEqual(firstCoverage);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic: shuffled input, same plan", () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ customers, cp, asOf, end }, seed) => {
        const shuffled = [...customers].sort((a, b) => ((a.customerId.charCodeAt(3) * 31 + seed) % 7) - ((b.customerId.charCodeAt(3) * 31 + seed) % 7));
        expect(planCalls(shuffled, cp, asOf, end).entries).toEqual(planCalls(customers, cp, asOf, end).entries);
      }),
      { numRuns: 100 },
    );
  });
});

/** The default calendar in months around 中秋/国庆 2024 and 元旦/春节 2025, no sheet overrides. */
const defaultCalendarScenario = fc.constantFrom(...MONTHS).chain((base) =>
  fc
    .record({ customers: customersArb(base, 120), callsPerDay: fc.integer({ min: 1, max: 8 }), asOfOffset: fc.integer({ min: 0, max: 27 }) })
    .map((r) => ({ ...r, cp: chinaCalendar(r.callsPerDay), asOf: base + r.asOfOffset, end: lastDayOfMonth(monthIndex(base)) })),
);

/** The chinese-days package's own answer, asked with a local-time date (correct in any time zone). */
function libraryIsWorkday(day: Day): boolean {
  const { y, m, d: dd } = ymd(day);
  return isWorkday(new Date(y, m - 1, dd));
}

describe("call plan on the default calendar (mainland China public holidays and 调休)", () => {
  it("never calls on a public holiday, and calls only on the calendar's working days", () => {
    fc.assert(
      fc.property(defaultCalendarScenario, ({ customers, cp, asOf, end }) => {
        const plan = planCalls(customers, cp, asOf, end);
        for (const day of plan.cycle.days) expect(libraryIsWorkday(day)).toBe(true);
        for (const e of plan.entries) expect(libraryIsWorkday(e.day)).toBe(true);
        // And the cycle misses none of them.
        for (let day = asOf; day <= end; day++) expect(plan.cycle.days.includes(day)).toBe(libraryIsWorkday(day));
      }),
      { numRuns: 100 },
    );
  });

  it("schedules every account due in the cycle exactly once when capacity suffices", () => {
    fc.assert(
      fc.property(defaultCalendarScenario, ({ customers, cp, asOf, end }) => {
        const plan = planCalls(customers, cp, asOf, end);
        for (const cov of plan.coverage) {
          const due = customers.filter((c) => repOf(c) === cov.rep && c.temperature !== "Denial").map((c) => c.customerId);
          if (cov.capacity < due.length) continue;
          const planned = plan.entries.filter((e) => e.rep === cov.rep).map((e) => e.customerId);
          expect([...planned].sort()).toEqual([...due].sort());
        }
      }),
      { numRuns: 100 },
    );
  });

  it("agrees with the chinese-days package's own functions on every day it covers", () => {
    for (let day = d("2004-01-01"); day <= d("2026-12-31"); day++) {
      if (isWorkingDay(day, chinaCalendar(1)) !== libraryIsWorkday(day)) throw new Error(`calendars differ on day ${day}`);
    }
  });
});
