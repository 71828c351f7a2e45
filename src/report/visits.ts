/**
 * 拜访计划 / Visit plan: capacity per visitor, the month's schedule per visitor grouped by
 * office (one row per visit), visits that did not fit, and coverage from the visit log
 * (required vs done). A function of (visit-plan result, vocabulary); the visit rule is worded
 * by domain/visits.ts, which owns it.
 */
import { monthKeyFromIndex, weekday } from "../domain/calendar";
import { type VisitCoverage, type VisitPlanResult, type VisitPolicy, type VisitorLoad, firstPlannedVisits, visitRule } from "../domain/visits";
import type { Block, SheetPatch } from "./patch";
import { TAB_COLOUR } from "./style";
import { type Column, type Lang, blockHeight, noteBlock, pick, tableBlock } from "./table";

export const VISIT_PLAN_SHEET = { zh: "拜访计划", en: "Visit plan" };

/** What the visit plan sheet needs besides the result. */
export interface VisitVocabulary {
  lang: Lang;
  customerName: (customerId: string) => string | undefined;
  /** The account's grade and ABC class codes (shown as they are: VKA, V1…, A, B, C). */
  classesOf: (customerId: string) => { grade: string | null; abc: string | null } | undefined;
  /** The visit policy the plan was made with, for the rule line. */
  visitPolicy: VisitPolicy;
}

const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"].map((zh, i) => ({ zh: `周${zh}`, en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][i] }));

const CAPACITY: Column<VisitorLoad>[] = [
  { key: "visitor", label: { zh: "拜访人", en: "Visitor" }, format: "text", value: (l) => l.visitor, total: { zh: "合计", en: "Total" } },
  { key: "capacity", label: { zh: "本月容量", en: "Capacity" }, format: "integer", value: (l) => l.capacity, total: "sum" },
  { key: "required", label: { zh: "应拜访次数", en: "Visits due" }, format: "integer", value: (l) => l.required, total: "sum" },
  { key: "planned", label: { zh: "已排", en: "Planned" }, format: "integer", value: (l) => l.planned, total: "sum" },
  { key: "unplanned", label: { zh: "未排（超出容量）", en: "Not planned (over capacity)" }, format: "integer", value: (l) => l.required - l.planned, total: "sum" },
  { key: "days", label: { zh: "拜访天数", en: "Visit days" }, format: "integer", value: (l) => l.visitDays, total: "sum" },
];

interface Visit { visitor: string; day: number; office: string | null; customerId: string; name: string; grade: string | null; abc: string | null; round: number }
const SCHEDULE: Column<Visit>[] = [
  { key: "visitor", label: { zh: "拜访人", en: "Visitor" }, format: "text", value: (v) => v.visitor },
  { key: "date", label: { zh: "日期", en: "Date" }, format: "date", value: (v) => v.day },
  { key: "weekday", label: { zh: "星期", en: "Day" }, format: { vocabulary: Object.fromEntries(WEEKDAYS.map((w, i) => [String(i), w])) }, value: (v) => String(weekday(v.day)) },
  { key: "office", label: { zh: "办事处", en: "Office" }, format: "text", value: (v) => v.office },
  { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (v) => v.customerId },
  { key: "customer", label: { zh: "客户", en: "Customer" }, format: "text", value: (v) => v.name },
  { key: "grade", label: { zh: "等级", en: "Grade" }, format: "text", value: (v) => v.grade },
  { key: "abc", label: { zh: "ABC", en: "ABC" }, format: "text", value: (v) => v.abc },
  { key: "round", label: { zh: "本月第几次", en: "Visit no." }, format: "integer", value: (v) => v.round },
];

interface Unplanned { visitor: string; customerId: string; name: string; round: number }
const UNPLANNED: Column<Unplanned>[] = [
  { key: "visitor", label: { zh: "拜访人", en: "Visitor" }, format: "text", value: (u) => u.visitor },
  { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (u) => u.customerId },
  { key: "customer", label: { zh: "客户", en: "Customer" }, format: "text", value: (u) => u.name },
  { key: "round", label: { zh: "本月第几次", en: "Visit no." }, format: "integer", value: (u) => u.round },
];

type Covered = VisitCoverage & { name: string; next: number | null };
const COVERAGE: Column<Covered>[] = [
  { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (c) => c.customerId },
  { key: "customer", label: { zh: "客户", en: "Customer" }, format: "text", value: (c) => c.name },
  { key: "required", label: { zh: "应拜访", en: "Due" }, format: "integer", value: (c) => c.required, total: "sum" },
  { key: "done", label: { zh: "已拜访", en: "Done" }, format: "integer", value: (c) => c.done, total: "sum" },
  { key: "lastVisit", label: { zh: "上次拜访", en: "Last visit" }, format: "date", value: (c) => c.lastVisit },
  { key: "nextVisit", label: { zh: "下次计划拜访", en: "Next planned visit" }, format: "date", value: (c) => c.next },
];

const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);

export function visitPlanSheet(result: VisitPlanResult, v: VisitVocabulary): SheetPatch {
  const { plan } = result;
  const { lang } = v;
  const name = (id: string) => v.customerName(id) ?? id;
  const month = monthKeyFromIndex(result.month);
  const head = noteBlock("visits.head", { row: 0, col: 0 }, t(lang, `拜访计划 ${month}`, `Visit plan ${month}`), [visitRule(v.visitPolicy, plan.days.length, lang)]);
  let row = blockHeight(head) + 1;
  const capacity = tableBlock({ id: "visits.capacity", at: { row, col: 0 }, title: { zh: "拜访容量（按拜访人）", en: "Capacity by visitor" }, columns: CAPACITY, totals: true }, plan.visitors, lang);
  row += blockHeight(capacity) + 1;
  const visits: Visit[] = plan.visits.map((x) => {
    const c = v.classesOf(x.customerId);
    return { ...x, name: name(x.customerId), grade: c?.grade ?? null, abc: c?.abc ?? null };
  });
  const schedule = tableBlock({ id: "visits.schedule", at: { row, col: 0 }, title: { zh: "拜访日程（按拜访人、日期、办事处）", en: "Schedule (by visitor, day, office)" }, columns: SCHEDULE }, visits, lang);
  row += blockHeight(schedule) + 1;
  const n = plan.unplanned.length;
  const unplanned = tableBlock(
    { id: "visits.unplanned", at: { row, col: 0 }, title: { zh: `超出容量未排的拜访 ${n} 次（下月优先）`, en: `${n} visits over capacity, not planned (first next month)` }, columns: UNPLANNED },
    plan.unplanned.map((u) => ({ ...u, name: name(u.customerId) })),
    lang,
  );
  row += blockHeight(unplanned) + 1;
  return { name: pick(VISIT_PLAN_SHEET, lang), tabColor: TAB_COLOUR, blocks: [head, capacity, schedule, unplanned, coverageBlock(result, row, name, lang)], charts: [] };
}

/** Required vs done visits per account in the coverage month, with the next planned visit. */
function coverageBlock(result: VisitPlanResult, row: number, name: (id: string) => string, lang: Lang): Block {
  const firstPlanned = firstPlannedVisits(result.plan);
  const cm = monthKeyFromIndex(result.coverageMonth);
  const done = result.coverage.reduce((s, c) => s + Math.min(c.done, c.required), 0);
  const due = result.coverage.reduce((s, c) => s + c.required, 0);
  return tableBlock(
    {
      id: "visits.coverage",
      at: { row, col: 0 },
      title: { zh: `拜访覆盖 ${cm}（拜访记录）：应拜访 ${due} 次，已完成 ${done} 次`, en: `Coverage ${cm} (visit log): ${done} of ${due} visits due were done` },
      columns: COVERAGE,
      totals: true,
      rowStyle: (c) => (c.done < c.required ? { fontColor: "#C00000" } : undefined),
    },
    result.coverage.map((c) => ({ ...c, name: name(c.customerId), next: firstPlanned.get(c.customerId) ?? null })),
    lang,
  );
}
