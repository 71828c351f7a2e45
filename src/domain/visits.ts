/**
 * Key-account visit plan (SPEC §9, issue 18). Key accounts get visits, "about a third of a
 * key-account manager's time".
 *
 * - Required visits a month per account: the policy's number for its grade or its ABC class,
 *   whichever is larger (defaults: VKA 2, V1 1, A 1, everyone else 0).
 * - Capacity per visitor (the account's rep) in the month:
 *   floor(visits a day × working days × share of time for visits).
 * - Key accounts first: visits are chosen in the order grade (VKA … V4, none), ABC class,
 *   net revenue (larger first), customer ID; an account's second visit comes right after its
 *   first in that order. What does not fit is left unplanned and listed.
 * - Days: the chosen visits are laid out round by round (every account's first visit, then
 *   the second ones), grouped by office within a round so that one day stays in one place,
 *   at most `visitsPerDay` a day and never one account twice a day. The visiting days are
 *   spread evenly over the month's working days (the rest of the time is for everything else).
 */
import type { ExplanationLang } from "./abc";
import type { Day } from "./calendar";
import type { AbcClass, Grade } from "./model";
import { roundTo } from "./money";

export interface VisitPolicy {
  /** Visits a month by grade and by ABC class; the larger applies. */
  perMonth: Partial<Record<Grade | AbcClass, number>>;
  visitsPerDay: number;
  /** Share of working days a visitor spends visiting (0–1). */
  timeShare: number;
}

export interface VisitAccount {
  customerId: string;
  visitor: string;
  office: string | null;
  grade: Grade | null;
  abc: AbcClass;
  /** Net revenue in fen (the tie-break after grade and class). */
  revenue: number;
}

export interface PlannedVisit {
  day: Day;
  visitor: string;
  customerId: string;
  office: string | null;
  /** 1 = the account's first visit this month. */
  round: number;
}

export interface VisitorLoad {
  visitor: string;
  capacity: number;
  required: number;
  planned: number;
  /** Days with at least one visit. */
  visitDays: number;
}

export interface VisitPlan {
  days: Day[];
  visits: PlannedVisit[];
  visitors: VisitorLoad[];
  /** Visits that did not fit into a visitor's capacity (account and round). */
  unplanned: { visitor: string; customerId: string; round: number }[];
  required: Map<string, number>;
}

const GRADE_RANK: Record<Grade, number> = { VKA: 0, V1: 1, V2: 2, V3: 3, V4: 4 };
const ABC_RANK: Record<AbcClass, number> = { A: 0, B: 1, C: 2 };

export function requiredVisits(a: Pick<VisitAccount, "grade" | "abc">, p: VisitPolicy): number {
  const byGrade = a.grade ? p.perMonth[a.grade] ?? 0 : 0;
  const byClass = p.perMonth[a.abc] ?? 0;
  return Math.max(0, Math.floor(Math.max(byGrade, byClass)));
}

export function visitCapacity(p: VisitPolicy, workingDays: number): number {
  const share = Math.min(1, Math.max(0, p.timeShare));
  // A float product such as 3 × 21 × (1/3) = 20.999999999999996 must still give 21.
  return Math.floor(Math.max(0, Math.floor(p.visitsPerDay)) * workingDays * share + 1e-9);
}

/** Key accounts first: grade, ABC class, revenue (larger first), customer ID. */
function compareVisitPriority(a: VisitAccount, b: VisitAccount): number {
  const ga = a.grade ? GRADE_RANK[a.grade] : 5;
  const gb = b.grade ? GRADE_RANK[b.grade] : 5;
  return ga - gb || ABC_RANK[a.abc] - ABC_RANK[b.abc] || b.revenue - a.revenue || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
}

/** Visiting days: `n` of the working days, spread evenly (first one on the first day). */
function spreadDays(days: readonly Day[], n: number): Day[] {
  if (n >= days.length) return [...days];
  const out: Day[] = [];
  for (let k = 0; k < n; k++) out.push(days[Math.floor((k * days.length) / n)]);
  return out;
}

export function planVisits(accounts: readonly VisitAccount[], days: readonly Day[], p: VisitPolicy): VisitPlan {
  const perDay = Math.max(0, Math.floor(p.visitsPerDay));
  const capacity = visitCapacity(p, days.length);
  const byVisitor = new Map<string, VisitAccount[]>();
  const required = new Map<string, number>();
  for (const a of accounts) {
    const n = requiredVisits(a, p);
    required.set(a.customerId, n);
    if (!n) continue;
    let list = byVisitor.get(a.visitor);
    if (!list) byVisitor.set(a.visitor, (list = []));
    list.push(a);
  }
  const visits: PlannedVisit[] = [];
  const visitors: VisitorLoad[] = [];
  const unplanned: VisitPlan["unplanned"] = [];
  for (const visitor of [...byVisitor.keys()].sort()) {
    const list = byVisitor.get(visitor)!.sort(compareVisitPriority);
    const wanted = list.flatMap((a) => Array.from({ length: required.get(a.customerId)! }, (_, i) => ({ a, round: i + 1 })));
    const chosen = wanted.slice(0, capacity);
    for (const w of wanted.slice(capacity)) unplanned.push({ visitor, customerId: w.a.customerId, round: w.round });
    const rank = new Map(list.map((a, i) => [a.customerId, i]));
    const officeKey = (a: VisitAccount) => a.office ?? "\uffff";
    chosen.sort((x, y) => x.round - y.round || (officeKey(x.a) < officeKey(y.a) ? -1 : officeKey(x.a) > officeKey(y.a) ? 1 : 0) || rank.get(x.a.customerId)! - rank.get(y.a.customerId)!);
    const slots = spreadDays(days, perDay ? Math.ceil(chosen.length / perDay) : 0);
    const onDay: string[][] = slots.map(() => []);
    for (const w of chosen) {
      // First day with room that does not already have this account; the spread gives enough
      // room in total, but an account visited twice may need a later day.
      let i = onDay.findIndex((d) => d.length < perDay && !d.includes(w.a.customerId));
      if (i < 0) {
        i = days.findIndex((d) => !slots.includes(d));
        if (i >= 0) {
          slots.push(days[i]);
          onDay.push([]);
          i = slots.length - 1;
        }
      }
      if (i < 0) {
        unplanned.push({ visitor, customerId: w.a.customerId, round: w.round });
        continue;
      }
      onDay[i].push(w.a.customerId);
      visits.push({ day: slots[i], visitor, customerId: w.a.customerId, office: w.a.office, round: w.round });
    }
    const mine = visits.filter((v) => v.visitor === visitor);
    visitors.push({
      visitor,
      capacity,
      required: wanted.length,
      planned: mine.length,
      visitDays: new Set(mine.map((v) => v.day)).size,
    });
  }
  visits.sort((a, b) => (a.visitor < b.visitor ? -1 : a.visitor > b.visitor ? 1 : a.day - b.day));
  return { days: [...days], visits, visitors, unplanned, required };
}

export interface VisitLogEntry {
  date: Day;
  customerId: string;
  visitor: string | null;
}

export interface VisitCoverage {
  customerId: string;
  required: number;
  done: number;
  lastVisit: Day | null;
}

/** Planned (required) vs done visits per account in a month [from, to], from the visit log. */
export function visitCoverage(required: ReadonlyMap<string, number>, log: readonly VisitLogEntry[], from: Day, to: Day): VisitCoverage[] {
  const done = new Map<string, number>();
  const last = new Map<string, Day>();
  for (const e of log) {
    if (e.date >= from && e.date <= to) done.set(e.customerId, (done.get(e.customerId) ?? 0) + 1);
    if (e.date <= to && (last.get(e.customerId) ?? -Infinity) < e.date) last.set(e.customerId, e.date);
  }
  const ids = [...new Set([...[...required].filter(([, n]) => n > 0).map(([id]) => id), ...done.keys()])].sort();
  return ids.map((customerId) => ({ customerId, required: required.get(customerId) ?? 0, done: done.get(customerId) ?? 0, lastVisit: last.get(customerId) ?? null }));
}

/** A month's visit plan and the coverage read back from the visit log (the visits analysis's result). */
export interface VisitPlanResult {
  /** Month index (y*12+m-1) of the plan. */
  month: number;
  plan: VisitPlan;
  /** Month index of the coverage (the plan/rebate month). */
  coverageMonth: number;
  coverage: VisitCoverage[];
}

/** Each account's first planned visit day. */
export function firstPlannedVisits(plan: Pick<VisitPlan, "visits">): Map<string, Day> {
  const first = new Map<string, Day>();
  for (const v of plan.visits) if ((first.get(v.customerId) ?? Infinity) > v.day) first.set(v.customerId, v.day);
  return first;
}

const RULE_ORDER: readonly (Grade | AbcClass)[] = ["VKA", "V1", "V2", "V3", "V4", "A", "B", "C"];

/** The visit rule above in words: visits due, capacity and priority, with the policy it was run with. */
export function visitRule(p: VisitPolicy, workingDays: number, lang: ExplanationLang): string {
  const en = lang === "en";
  const due = RULE_ORDER.filter((k) => (p.perMonth[k] ?? 0) > 0).map((k) => (en ? `${k} ${p.perMonth[k]}` : `${k} ${p.perMonth[k]} 次`)).join(en ? ", " : "、");
  const share = roundTo(p.timeShare * 100, 1);
  return en
    ? `${workingDays} working days; visits due a month = the larger of the grade's and the ABC class's number (${due || "none"}); capacity = ${p.visitsPerDay} visits a day × working days × ${share}% of time, rounded down; key accounts first (grade, ABC, revenue), one office per day where possible`
    : `${workingDays} 个工作日；每月应拜访次数 = 等级与 ABC 类别所定次数中的较大者（${due || "无"}）；容量 = 每日 ${p.visitsPerDay} 次 × 工作日 × 拜访时间占比 ${share}%，向下取整；重点客户优先（等级、ABC、销售额），同一天尽量同一办事处`;
}

/**
 * A logged visit is a contact: where the log's latest visit is later than an account's last
 * contact, it becomes the last contact (the call list then plans from it). Returns how many
 * accounts changed. Mutates the given records (the loader's own, never the user's cells).
 */
export function visitsAsContacts(customers: { customerId: string; lastContact: Day | null }[], log: readonly VisitLogEntry[]): number {
  const latest = new Map<string, Day>();
  for (const e of log) if ((latest.get(e.customerId) ?? -Infinity) < e.date) latest.set(e.customerId, e.date);
  let changed = 0;
  for (const c of customers) {
    const v = latest.get(c.customerId);
    if (v !== undefined && (c.lastContact === null || c.lastContact < v)) {
      c.lastContact = v;
      changed++;
    }
  }
  return changed;
}
