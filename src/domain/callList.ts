/**
 * Call list and coverage (SPEC §3.3): each rep's calls over one cycle.
 *
 * The cycle is the working days from the as-of day to the end of its month (working days =
 * the policy's weekdays minus holidays plus 调休 extra workdays). Every account that is not
 * Denial is planned at most once per cycle, and no rep gets more than `callsPerDay` calls on
 * a day. Days are filled to capacity from the first day on (so "days to full coverage" is
 * what the schedule really does).
 *
 * Order of calls for a rep, decided as of the as-of day:
 *  1. Agreed call-backs: an account whose next-call date falls inside the cycle (after the
 *     as-of day) waits for that day and is called first on it. Should that day and every later
 *     one be full, it moves to the latest earlier day with room (reason says so).
 *  2. Priority accounts: stage 4 or 5; intent ≥ 4; contract expired (status expired, stage 7,
 *     or an end date before the day) or ending within `expiringWithinDays` of the day;
 *     next-call date on or before the day. Among them: never contacted first, then longest
 *     not contacted, then customer id.
 *  3. Everyone else for coverage: never contacted first, then longest not contacted, then id.
 * Accounts that do not fit into the cycle are not planned (coverage < 100%); the next run
 * picks them up first, since they have then gone longest without contact.
 */
import type { Day } from "./calendar";
import { compareReps, repOf } from "./funnel";
import type { CallPlanSettings, Customer } from "./model";
import { isWorkingDay, workingDays } from "./workdays";

export type CallReason =
  | { kind: "stage"; stage: number }
  | { kind: "intent"; intent: number }
  | { kind: "contractExpired"; end: Day | null }
  | { kind: "contractExpiring"; end: Day }
  | { kind: "nextCallDue"; due: Day }
  | { kind: "callBack"; due: Day }
  | { kind: "callBackEarly"; due: Day }
  | { kind: "coverage"; lastContact: Day | null }
  /** Supplied by the caller (stock analysis): the dealer is overstocked; days null = nothing sells. */
  | { kind: "overstock"; models: string[]; days: number | null };

export interface CallEntry {
  day: Day;
  rep: string;
  customerId: string;
  /** 1-based position in the rep's calls of that day. */
  order: number;
  /** A priority call (priority account, or a call-back on its day). */
  priority: boolean;
  reasons: CallReason[];
}

export interface RepCoverage {
  rep: string;
  /** All accounts of the rep. */
  owned: number;
  denial: number;
  /** owned − denial: the accounts to reach once per cycle. */
  callable: number;
  /** Accounts that are priority as of the day. */
  priority: number;
  /** callsPerDay × working days of the cycle. */
  capacity: number;
  planned: number;
  /** planned / callable (1 when there is nothing to call). */
  coverage: number;
  /** ceil(callable / callsPerDay) working days; null when callsPerDay is 0. */
  daysToFullCoverage: number | null;
  /** The working day on which a plan at full capacity from the cycle's first day reaches everyone. */
  fullCoverageDay: Day | null;
  /** Calls on the as-of day. */
  today: number;
}

export interface CallPlanResult {
  asOf: Day;
  cycle: { from: Day; to: Day; days: Day[] };
  callsPerDay: number;
  /** Sorted by day, rep, order. */
  entries: CallEntry[];
  /** Planned day per customer id (non-Denial accounts planned in this cycle). */
  plannedDay: Map<string, Day>;
  coverage: RepCoverage[];
  /** Customers without a rep (listed under UNASSIGNED_REP). */
  unassigned: number;
}

export type CallPlanInput = Pick<
  Customer,
  "customerId" | "rep" | "stage" | "temperature" | "intent" | "contractStatus" | "contractEnd" | "lastContact" | "nextCall"
>;

/** Why an account is a priority call as of `day` (empty = not priority). */
export function priorityReasons(c: CallPlanInput, day: Day, expiringWithinDays: number): CallReason[] {
  const out: CallReason[] = [];
  if (c.stage === 4 || c.stage === 5) out.push({ kind: "stage", stage: c.stage });
  if (c.intent !== null && c.intent >= 4) out.push({ kind: "intent", intent: c.intent });
  if (c.contractStatus === "expired" || c.stage === 7 || (c.contractEnd !== null && c.contractEnd < day)) {
    out.push({ kind: "contractExpired", end: c.contractEnd });
  } else if (c.contractEnd !== null && c.contractEnd <= day + expiringWithinDays) {
    out.push({ kind: "contractExpiring", end: c.contractEnd });
  }
  if (c.nextCall !== null && c.nextCall <= day) out.push({ kind: "nextCallDue", due: c.nextCall });
  return out;
}

/** Never contacted first, then the oldest contact, then customer id. */
function byLongestNotContacted(a: CallPlanInput, b: CallPlanInput): number {
  const la = a.lastContact ?? -Infinity;
  const lb = b.lastContact ?? -Infinity;
  if (la !== lb) return la < lb ? -1 : 1;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

/** The cycle: working days from `asOf` to the end of its month. */
export function callCycle(asOf: Day, monthEnd: Day, cp: Pick<CallPlanSettings, "workingWeekdays" | "holidays" | "extraWorkdays">): Day[] {
  return workingDays(asOf, monthEnd, cp);
}

/** The `n`-th working day (1-based) counting from `from`, or null if none within ten years. */
export function nthWorkingDay(from: Day, n: number, cp: Pick<CallPlanSettings, "workingWeekdays" | "holidays" | "extraWorkdays">): Day | null {
  if (n <= 0) return null;
  let seen = 0;
  for (let d = from; d < from + 3660; d++) {
    if (isWorkingDay(d, cp) && ++seen === n) return d;
  }
  return null;
}

interface Slot {
  c: CallPlanInput;
  priority: boolean;
  reasons: CallReason[];
}

/** Extra priority reasons by customer ID, from other analyses (overstocked dealers need a call). */
export type ExtraPriority = ReadonlyMap<string, CallReason[]>;

function planRep(rep: string, accounts: CallPlanInput[], days: Day[], asOf: Day, cp: CallPlanSettings, out: CallEntry[], extra?: ExtraPriority): { planned: number; priority: number } {
  const cycleEnd = days.length ? days[days.length - 1] : asOf - 1;
  const priority: Slot[] = [];
  const callBacks: Slot[] = [];
  const coverage: Slot[] = [];
  for (const c of accounts) {
    const more = extra?.get(c.customerId);
    const reasons = more ? [...priorityReasons(c, asOf, cp.expiringWithinDays), ...more] : priorityReasons(c, asOf, cp.expiringWithinDays);
    if (reasons.length) priority.push({ c, priority: true, reasons });
    else if (c.nextCall !== null && c.nextCall > asOf && c.nextCall <= cycleEnd) callBacks.push({ c, priority: true, reasons: [{ kind: "callBack", due: c.nextCall }] });
    else coverage.push({ c, priority: false, reasons: [{ kind: "coverage", lastContact: c.lastContact }] });
  }
  priority.sort((a, b) => byLongestNotContacted(a.c, b.c));
  coverage.sort((a, b) => byLongestNotContacted(a.c, b.c));
  callBacks.sort((a, b) => a.c.nextCall! - b.c.nextCall! || byLongestNotContacted(a.c, b.c));

  const perDay = Math.max(0, Math.floor(cp.callsPerDay));
  const byDay: Slot[][] = days.map(() => []);
  let p = 0, q = 0;
  const waiting = [...callBacks];
  days.forEach((d, i) => {
    const list = byDay[i];
    // Call-backs due today (or earlier, when an earlier day was full), in date order.
    for (let k = 0; k < waiting.length && list.length < perDay; ) {
      if (waiting[k].c.nextCall! <= d) list.push(waiting.splice(k, 1)[0]);
      else k++;
    }
    while (list.length < perDay && p < priority.length) list.push(priority[p++]);
    while (list.length < perDay && q < coverage.length) list.push(coverage[q++]);
  });
  // Call-backs that found every day from their date on full: the latest earlier day with room.
  for (const s of waiting) {
    for (let i = days.length - 1; i >= 0; i--) {
      if (days[i] < s.c.nextCall! && byDay[i].length < perDay) {
        byDay[i].push({ c: s.c, priority: false, reasons: [{ kind: "callBackEarly", due: s.c.nextCall! }] });
        break;
      }
    }
  }
  let planned = 0;
  days.forEach((d, i) => {
    byDay[i].forEach((s, k) => {
      out.push({ day: d, rep, customerId: s.c.customerId, order: k + 1, priority: s.priority, reasons: s.reasons });
      planned++;
    });
  });
  return { planned, priority: priority.length };
}

/**
 * Plan every rep's calls from `asOf` to `cycleEnd` (normally the last day of the as-of
 * month). Pure and deterministic: same inputs, same plan.
 */
export function planCalls(customers: CallPlanInput[], cp: CallPlanSettings, asOf: Day, cycleEnd: Day, extra?: ExtraPriority): CallPlanResult {
  const days = callCycle(asOf, cycleEnd, cp);
  const byRep = new Map<string, CallPlanInput[]>();
  let unassigned = 0;
  for (const c of customers) {
    if (c.rep === null) unassigned++;
    const rep = repOf(c);
    let list = byRep.get(rep);
    if (!list) byRep.set(rep, (list = []));
    list.push(c);
  }
  const perDay = Math.max(0, Math.floor(cp.callsPerDay));
  const entries: CallEntry[] = [];
  const coverage: RepCoverage[] = [];
  for (const rep of [...byRep.keys()].sort(compareReps)) {
    const all = byRep.get(rep)!;
    const callable = all.filter((c) => c.temperature !== "Denial");
    const before = entries.length;
    const { planned, priority } = planRep(rep, callable, days, asOf, cp, entries, extra);
    const mine = entries.slice(before);
    const daysToFull = perDay > 0 ? Math.ceil(callable.length / perDay) : null;
    coverage.push({
      rep,
      owned: all.length,
      denial: all.length - callable.length,
      callable: callable.length,
      priority,
      capacity: perDay * days.length,
      planned,
      coverage: callable.length ? planned / callable.length : 1,
      daysToFullCoverage: daysToFull,
      fullCoverageDay: daysToFull === null || daysToFull === 0 ? null : nthWorkingDay(asOf, daysToFull, cp),
      today: mine.filter((e) => e.day === asOf).length,
    });
  }
  entries.sort((a, b) => a.day - b.day || compareReps(a.rep, b.rep) || a.order - b.order);
  return {
    asOf,
    cycle: { from: days[0] ?? asOf, to: cycleEnd, days },
    callsPerDay: perDay,
    entries,
    plannedDay: new Map(entries.map((e) => [e.customerId, e.day])),
    coverage,
    unassigned,
  };
}
