/**
 * 拜访计划 / Visit plan: capacity per visitor, the month's schedule per visitor grouped by
 * office (one row per visit), visits that did not fit, and coverage from the visit log
 * (required vs done). Built on the typed column tables.
 */
import { monthKeyFromIndex, weekday } from "../domain/calendar";
import type { VisitCoverage, VisitorLoad } from "../domain/visits";
import { tr, type RunContext } from "../pipeline/context";
import type { SheetPatch } from "./patch";
import { TAB_COLOUR } from "./style";
import { blockHeight, noteBlock, tableBlock, type Column } from "./table";

export const VISIT_PLAN_SHEET = { zh: "拜访计划", en: "Visit plan" };
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

export function visitPlanSheet(ctx: RunContext): SheetPatch {
  const v = ctx.results.visits!;
  const { plan } = v;
  const p = ctx.data.policy.jobs.visits;
  const name = (id: string) => ctx.data.customerById.get(id)?.name ?? id;
  const tier = (id: string) => ctx.results.tiering?.byId.get(id);
  const month = monthKeyFromIndex(v.month);
  const share = Math.round(p.timeShare * 1000) / 10;
  const head = noteBlock("visits.head", { row: 0, col: 0 }, tr(ctx, `拜访计划 ${month}`, `Visit plan ${month}`), [tr(
    ctx,
    `${plan.days.length} 个工作日；容量 = 每日 ${p.visitsPerDay} 次 × 工作日 × 拜访时间占比 ${share}%；重点客户优先（等级、ABC、销售额），同一天尽量同一办事处`,
    `${plan.days.length} working days; capacity = ${p.visitsPerDay} visits a day × working days × ${share}% of time; key accounts first (grade, ABC, revenue), one office per day where possible`,
  )]);
  let row = blockHeight(head) + 1;
  const capacity = tableBlock({ id: "visits.capacity", at: { row, col: 0 }, title: { zh: "拜访容量（按拜访人）", en: "Capacity by visitor" }, columns: CAPACITY, totals: true }, plan.visitors, ctx.lang);
  row += blockHeight(capacity) + 1;
  const visits: Visit[] = plan.visits.map((x) => ({ ...x, name: name(x.customerId), grade: tier(x.customerId)?.grade.grade ?? null, abc: tier(x.customerId)?.abc.abc ?? null }));
  const schedule = tableBlock({ id: "visits.schedule", at: { row, col: 0 }, title: { zh: "拜访日程（按拜访人、日期、办事处）", en: "Schedule (by visitor, day, office)" }, columns: SCHEDULE }, visits, ctx.lang);
  row += blockHeight(schedule) + 1;
  const n = plan.unplanned.length;
  const unplanned = tableBlock(
    { id: "visits.unplanned", at: { row, col: 0 }, title: { zh: `超出容量未排的拜访 ${n} 次（下月优先）`, en: `${n} visits over capacity, not planned (first next month)` }, columns: UNPLANNED },
    plan.unplanned.map((u) => ({ ...u, name: name(u.customerId) })),
    ctx.lang,
  );
  row += blockHeight(unplanned) + 1;
  const firstPlanned = new Map<string, number>();
  for (const x of plan.visits) if (!firstPlanned.has(x.customerId) || x.day < firstPlanned.get(x.customerId)!) firstPlanned.set(x.customerId, x.day);
  const cm = monthKeyFromIndex(v.coverageMonth);
  const done = v.coverage.reduce((s, c) => s + Math.min(c.done, c.required), 0);
  const due = v.coverage.reduce((s, c) => s + c.required, 0);
  const coverage = tableBlock(
    {
      id: "visits.coverage",
      at: { row, col: 0 },
      title: { zh: `拜访覆盖 ${cm}（拜访记录）：应拜访 ${due} 次，已完成 ${done} 次`, en: `Coverage ${cm} (visit log): ${done} of ${due} visits due were done` },
      columns: COVERAGE,
      totals: true,
      rowStyle: (c) => (c.done < c.required ? { fontColor: "#C00000" } : undefined),
    },
    v.coverage.map((c) => ({ ...c, name: name(c.customerId), next: firstPlanned.get(c.customerId) ?? null })),
    ctx.lang,
  );
  return { name: tr(ctx, VISIT_PLAN_SHEET.zh, VISIT_PLAN_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, capacity, schedule, unplanned, coverage], charts: [] };
}
