/**
 * Properties of the call plan over random customers, calendars and capacities.
 */
import fc from "fast-check";
import type { Day } from "../../../src/domain/calendar";
import { CallEntry, CallPlanInput, planCalls, priorityReasons } from "../../../src/domain/callList";
import { repOf } from "../../../src/domain/funnel";
import type { CallPlanSettings, ContractStatus, Temperature } from "../../../src/domain/model";
import { isWorkingDay } from "../../../src/domain/workdays";
import { d } from "./helpers";

const BASE = d("2024-09-01");
const dayNear = fc.option(fc.integer({ min: -90, max: 70 }).map((o) => BASE + o), { nil: null });

const customerArb = (i: number) =>
  fc.record({
    rep: fc.option(fc.constantFrom("王", "李", "张"), { nil: null, freq: 6 }),
    stage: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
    temperature: fc.option(fc.constantFrom<Temperature>("Hot", "Warm", "Cold", "Denial"), { nil: null }),
    intent: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    contractStatus: fc.option(fc.constantFrom<ContractStatus>("none", "active", "expired"), { nil: null }),
    contractEnd: dayNear,
    lastContact: dayNear,
    nextCall: dayNear,
  }).map((r): CallPlanInput => ({ customerId: `C${String(i).padStart(3, "0")}`, ...r }));

const customersArb = fc.integer({ min: 0, max: 60 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i))));

const settingsArb: fc.Arbitrary<CallPlanSettings> = fc.record({
  callsPerDay: fc.integer({ min: 0, max: 6 }),
  workingWeekdays: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 0 }),
  holidays: fc.array(fc.integer({ min: 0, max: 40 }).map((o) => BASE + o), { maxLength: 8 }),
  extraWorkdays: fc.array(fc.integer({ min: 0, max: 40 }).map((o) => BASE + o), { maxLength: 3 }),
  expiringWithinDays: fc.integer({ min: 0, max: 45 }),
});

const scenario = fc.record({
  customers: customersArb,
  cp: settingsArb,
  asOfOffset: fc.integer({ min: 0, max: 29 }),
});

const END = d("2024-09-30");

function byRep(entries: CallEntry[]): Map<string, CallEntry[]> {
  const m = new Map<string, CallEntry[]>();
  for (const e of entries) m.set(e.rep, [...(m.get(e.rep) ?? []), e]);
  return m;
}

describe("call plan properties", () => {
  it("never more than callsPerDay per rep per day, only on working days of the cycle", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOfOffset }) => {
        const asOf = BASE + asOfOffset;
        const plan = planCalls(customers, cp, asOf, END);
        const perRepDay = new Map<string, number>();
        for (const e of plan.entries) {
          const k = `${e.rep}|${e.day}`;
          perRepDay.set(k, (perRepDay.get(k) ?? 0) + 1);
          expect(e.day).toBeGreaterThanOrEqual(asOf);
          expect(e.day).toBeLessThanOrEqual(END);
          expect(isWorkingDay(e.day, cp)).toBe(true);
        }
        for (const n of perRepDay.values()) expect(n).toBeLessThanOrEqual(cp.callsPerDay);
      }),
      { numRuns: 300 },
    );
  });

  it("never plans a Denial account, each account at most once, under its own rep", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOfOffset }) => {
        const plan = planCalls(customers, cp, BASE + asOfOffset, END);
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
      { numRuns: 300 },
    );
  });

  it("when capacity × working days ≥ a rep's accounts, each of them is planned exactly once", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOfOffset }) => {
        const plan = planCalls(customers, cp, BASE + asOfOffset, END);
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
      { numRuns: 300 },
    );
  });

  it("priority accounts come before the rest", () => {
    fc.assert(
      fc.property(scenario, ({ customers, cp, asOfOffset }) => {
        const asOf = BASE + asOfOffset;
        const plan = planCalls(customers, cp, asOf, END);
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
      { numRuns: 300 },
    );
  });

  it("is deterministic: shuffled input, same plan", () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ customers, cp, asOfOffset }, seed) => {
        const shuffled = [...customers].sort((a, b) => ((a.customerId.charCodeAt(3) * 31 + seed) % 7) - ((b.customerId.charCodeAt(3) * 31 + seed) % 7));
        expect(planCalls(shuffled, cp, BASE + asOfOffset, END).entries).toEqual(planCalls(customers, cp, BASE + asOfOffset, END).entries);
      }),
      { numRuns: 100 },
    );
  });
});
