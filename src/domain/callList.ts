/**
 * Call list and coverage (SPEC §3.3): each rep's calls over one cycle.
 *
 * The cycle is the working days from the as-of day to the end of its month (see workdays.ts:
 * the mainland China public calendar with its 调休 days, the policy's weekdays, the CallPlan
 * sheet's overrides). Every account that is not Denial is planned at most once per cycle, and
 * no rep gets more than `callsPerDay` calls on a day.
 *
 * Which accounts, when a rep has more than callsPerDay × working days: agreed call-backs,
 * then priority accounts, then the rest by longest not contacted. Accounts that do not fit
 * are not planned (coverage < 100%); the next run picks them up first, since they have then
 * gone longest without contact.
 *
 * Spread: the planned calls are spread evenly over the cycle, so a rep's daily loads differ by
 * at most one call (the earliest days take the extra ones). Filling days to capacity from the
 * first day on front-loaded the month (hundreds of calls on day one, a handful afterwards).
 * The day's slots are taken in this order:
 *  1. Agreed call-backs: an account whose next-call date falls inside the cycle (after the
 *     as-of day) waits for that day and is called first on it. Should that day and every later
 *     one be full, it moves to the latest earlier day with room (reason says so).
 *  2. Priority accounts, on the earliest free slots: stage 4 or 5; intent ≥ 4; contract
 *     expired (status expired, stage 7, or an end date before the day) or ending within
 *     `expiringWithinDays` of the day; next-call date on or before the day. Among them: never
 *     contacted first, then longest not contacted, then customer id.
 *  3. Everyone else for coverage: never contacted first, then longest not contacted, then id.
 */
import type { Day } from "./calendar";
import { compareReps, repOf } from "./funnel";
import type { CallPlanSettings, Customer } from "./model";
import { WorkdaySettings, workingDays } from "./workdays";

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
  /**
   * Working days to reach every account: when they all fit into the cycle, the days the
   * schedule uses (the calls are spread, so min(callable, working days)); when they do not,
   * ceil(callable / callsPerDay), more than the cycle has. null when callsPerDay is 0.
   */
  daysToFullCoverage: number | null;
  /** The day the schedule reaches every account (its last planned call); null when it does not. */
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
export function callCycle(asOf: Day, monthEnd: Day, cp: WorkdaySettings): Day[] {
  return workingDays(asOf, monthEnd, cp);
}

interface Slot {
  c: CallPlanInput;
  priority: boolean;
  reasons: CallReason[];
}

/**
 * Daily loads for `n` calls over `days` days that differ by at most one: every day takes
 * floor(n / days) calls and `n mod days` of them one more. Which days get the extra call is
 * decided as slots are taken (a call-back's day first, then the earliest days), so a call-back
 * due on a late day is not pushed earlier by a load fixed in advance.
 */
class EvenLoads {
  readonly counts: number[];
  private readonly base: number;
  private extrasLeft: number;

  constructor(n: number, days: number) {
    this.counts = new Array<number>(days).fill(0);
    this.base = days > 0 ? Math.floor(n / days) : 0;
    this.extrasLeft = days > 0 ? n % days : 0;
  }

  hasRoom(i: number): boolean {
    const c = this.counts[i];
    return c < this.base || (c === this.base && this.extrasLeft > 0);
  }

  take(i: number): void {
    if (this.counts[i]++ === this.base) this.extrasLeft--;
  }
}

/** Extra priority reasons by customer ID, from other analyses (overstocked dealers need a call). */
export type ExtraPriority = ReadonlyMap<string, CallReason[]>;

/** Classify a rep's accounts as of the day, each list in call order. */
function classify(accounts: CallPlanInput[], asOf: Day, cycleEnd: Day, expiringWithinDays: number, extra?: ExtraPriority) {
  const priority: Slot[] = [];
  const callBacks: Slot[] = [];
  const coverage: Slot[] = [];
  for (const c of accounts) {
    const more = extra?.get(c.customerId);
    const reasons = more ? [...priorityReasons(c, asOf, expiringWithinDays), ...more] : priorityReasons(c, asOf, expiringWithinDays);
    if (reasons.length) priority.push({ c, priority: true, reasons });
    else if (c.nextCall !== null && c.nextCall > asOf && c.nextCall <= cycleEnd) callBacks.push({ c, priority: true, reasons: [{ kind: "callBack", due: c.nextCall }] });
    else coverage.push({ c, priority: false, reasons: [{ kind: "coverage", lastContact: c.lastContact }] });
  }
  priority.sort((a, b) => byLongestNotContacted(a.c, b.c));
  coverage.sort((a, b) => byLongestNotContacted(a.c, b.c));
  callBacks.sort((a, b) => a.c.nextCall! - b.c.nextCall! || byLongestNotContacted(a.c, b.c));
  return { priority, callBacks, coverage };
}

function planRep(rep: string, accounts: CallPlanInput[], days: Day[], asOf: Day, cp: CallPlanSettings, out: CallEntry[], extra?: ExtraPriority): { planned: number; priority: number } {
  const cycleEnd = days.length ? days[days.length - 1] : asOf - 1;
  const { priority, callBacks, coverage } = classify(accounts, asOf, cycleEnd, cp.expiringWithinDays, extra);
  const capacity = Math.max(0, Math.floor(cp.callsPerDay)) * days.length;
  // What fits into the cycle, most important first.
  const chosenCallBacks = callBacks.slice(0, capacity);
  const chosenPriority = priority.slice(0, capacity - chosenCallBacks.length);
  const chosenCoverage = coverage.slice(0, capacity - chosenCallBacks.length - chosenPriority.length);
  const loads = new EvenLoads(chosenCallBacks.length + chosenPriority.length + chosenCoverage.length, days.length);
  const byDay: Slot[][] = days.map(() => []);
  const place = (i: number, s: Slot) => {
    loads.take(i);
    byDay[i].push(s);
  };

  for (const s of chosenCallBacks) {
    const due = s.c.nextCall!;
    const onOrAfter = days.findIndex((d, i) => d >= due && loads.hasRoom(i));
    if (onOrAfter >= 0) {
      place(onOrAfter, s);
      continue;
    }
    // Every day from the due date on is full: the latest earlier day with room. One exists,
    // since the loads add up to the number of chosen accounts.
    let i = days.length - 1;
    while (!(days[i] < due && loads.hasRoom(i))) i--;
    place(i, { c: s.c, priority: true, reasons: [{ kind: "callBackEarly", due }] });
  }
  // The rest on the earliest days with room. A day passed over never regains room (it is
  // above the base load, or at it with no extra call left), so one pass fills every slot.
  let i = 0;
  for (const s of [...chosenPriority, ...chosenCoverage]) {
    while (!loads.hasRoom(i)) i++;
    place(i, s);
  }

  let planned = 0;
  days.forEach((d, k) => {
    byDay[k].forEach((s, n) => {
      out.push({ day: d, rep, customerId: s.c.customerId, order: n + 1, priority: s.priority, reasons: s.reasons });
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
    const allPlanned = planned === callable.length;
    const lastDay = mine.reduce<Day | null>((last, e) => (last === null || e.day > last ? e.day : last), null);
    coverage.push({
      rep,
      owned: all.length,
      denial: all.length - callable.length,
      callable: callable.length,
      priority,
      capacity: perDay * days.length,
      planned,
      coverage: callable.length ? planned / callable.length : 1,
      daysToFullCoverage: perDay === 0 ? null : allPlanned ? (lastDay === null ? 0 : days.indexOf(lastDay) + 1) : Math.ceil(callable.length / perDay),
      fullCoverageDay: allPlanned ? lastDay : null,
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
