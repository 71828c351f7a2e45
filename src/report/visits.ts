/**
 * 拜访计划 / Visit plan: capacity per visitor, the month's schedule per visitor grouped by
 * office (one row per visit), visits that did not fit, and coverage from the visit log
 * (required vs done).
 */
import { monthKeyFromIndex, weekday } from "../domain/calendar";
import { tr, type RunContext } from "../pipeline/context";
import type { Block, SheetPatch } from "./patch";
import { TAB_COLOUR, TOTAL_ROW } from "./style";

export const VISIT_PLAN_SHEET = { zh: "拜访计划", en: "Visit plan" };
const WEEKDAYS_ZH = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const WEEKDAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function visitPlanSheet(ctx: RunContext): SheetPatch {
  const v = ctx.results.visits!;
  const { plan } = v;
  const p = ctx.data.policy.jobs.visits;
  const byId = ctx.data.customerById;
  const tiering = ctx.results.tiering;
  const month = monthKeyFromIndex(v.month);
  const head: Block = {
    id: "visits.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, `拜访计划 ${month}`, `Visit plan ${month}`),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[tr(
      ctx,
      `${plan.days.length} 个工作日；容量 = 每日 ${p.visitsPerDay} 次 × 工作日 × 拜访时间占比 ${Math.round(p.timeShare * 1000) / 10}%；重点客户优先（等级、ABC、销售额），同一天尽量同一办事处`,
      `${plan.days.length} working days; capacity = ${p.visitsPerDay} visits a day × working days × ${Math.round(p.timeShare * 1000) / 10}% of time; key accounts first (grade, ABC, revenue), one office per day where possible`,
    )]],
  };
  const loads = plan.visitors;
  const sum = (k: "capacity" | "required" | "planned" | "visitDays") => loads.reduce((s, l) => s + l[k], 0);
  const capacity: Block = {
    id: "visits.capacity",
    at: { row: 3, col: 0 },
    title: tr(ctx, "拜访容量（按拜访人）", "Capacity by visitor"),
    columns: [
      { key: "visitor", header: tr(ctx, "拜访人", "Visitor"), format: "text", width: 14 },
      { key: "capacity", header: tr(ctx, "本月容量", "Capacity"), format: "integer" },
      { key: "required", header: tr(ctx, "应拜访次数", "Visits due"), format: "integer" },
      { key: "planned", header: tr(ctx, "已排", "Planned"), format: "integer" },
      { key: "unplanned", header: tr(ctx, "未排（超出容量）", "Not planned (over capacity)"), format: "integer" },
      { key: "days", header: tr(ctx, "拜访天数", "Visit days"), format: "integer" },
    ],
    rows: [
      ...loads.map((l) => [l.visitor, l.capacity, l.required, l.planned, l.required - l.planned, l.visitDays]),
      [tr(ctx, "合计", "Total"), sum("capacity"), sum("required"), sum("planned"), sum("required") - sum("planned"), sum("visitDays")],
    ],
    rowStyles: { [loads.length]: TOTAL_ROW },
  };
  let row = 3 + 2 + capacity.rows.length + 1;
  const tierOf = (id: string) => tiering?.byId.get(id);
  const schedule: Block = {
    id: "visits.schedule",
    at: { row, col: 0 },
    title: tr(ctx, "拜访日程（按拜访人、日期、办事处）", "Schedule (by visitor, day, office)"),
    columns: [
      { key: "visitor", header: tr(ctx, "拜访人", "Visitor"), format: "text" },
      { key: "date", header: tr(ctx, "日期", "Date"), format: "date" },
      { key: "weekday", header: tr(ctx, "星期", "Day"), format: "text" },
      { key: "office", header: tr(ctx, "办事处", "Office"), format: "text" },
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "customer", header: tr(ctx, "客户", "Customer"), format: "text", width: 18 },
      { key: "grade", header: tr(ctx, "等级", "Grade"), format: "text" },
      { key: "abc", header: "ABC", format: "text" },
      { key: "round", header: tr(ctx, "本月第几次", "Visit no."), format: "integer" },
    ],
    rows: plan.visits.map((x) => [
      x.visitor, x.day, tr(ctx, WEEKDAYS_ZH[weekday(x.day)], WEEKDAYS_EN[weekday(x.day)]), x.office, x.customerId, byId.get(x.customerId)?.name ?? x.customerId,
      tierOf(x.customerId)?.grade.grade ?? null, tierOf(x.customerId)?.abc.abc ?? null, x.round,
    ]),
  };
  row += 2 + Math.max(1, schedule.rows.length) + 1;
  const unplanned: Block = {
    id: "visits.unplanned",
    at: { row, col: 0 },
    title: tr(ctx, `超出容量未排的拜访 ${plan.unplanned.length} 次（下月优先）`, `${plan.unplanned.length} visits over capacity, not planned (first next month)`),
    columns: [
      { key: "visitor", header: tr(ctx, "拜访人", "Visitor"), format: "text" },
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "customer", header: tr(ctx, "客户", "Customer"), format: "text" },
      { key: "round", header: tr(ctx, "本月第几次", "Visit no."), format: "integer" },
    ],
    rows: plan.unplanned.map((u) => [u.visitor, u.customerId, byId.get(u.customerId)?.name ?? u.customerId, u.round]),
  };
  row += 2 + Math.max(1, unplanned.rows.length) + 1;
  const firstPlanned = new Map<string, number>();
  for (const x of plan.visits) if (!firstPlanned.has(x.customerId)) firstPlanned.set(x.customerId, x.day);
  const cm = monthKeyFromIndex(v.coverageMonth);
  const done = v.coverage.reduce((s, c) => s + Math.min(c.done, c.required), 0);
  const due = v.coverage.reduce((s, c) => s + c.required, 0);
  const coverage: Block = {
    id: "visits.coverage",
    at: { row, col: 0 },
    title: tr(ctx, `拜访覆盖 ${cm}（拜访记录）：应拜访 ${due} 次，已完成 ${done} 次`, `Coverage ${cm} (visit log): ${done} of ${due} visits due were done`),
    columns: [
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "customer", header: tr(ctx, "客户", "Customer"), format: "text" },
      { key: "required", header: tr(ctx, "应拜访", "Due"), format: "integer" },
      { key: "done", header: tr(ctx, "已拜访", "Done"), format: "integer" },
      { key: "lastVisit", header: tr(ctx, "上次拜访", "Last visit"), format: "date" },
      { key: "nextVisit", header: tr(ctx, "下次计划拜访", "Next planned visit"), format: "date" },
    ],
    rows: v.coverage.map((c) => [c.customerId, byId.get(c.customerId)?.name ?? c.customerId, c.required, c.done, c.lastVisit, firstPlanned.get(c.customerId) ?? null]),
    cellStyles: Object.fromEntries(v.coverage.flatMap((c, i) => (c.done < c.required ? [[`${i}:done`, { fontColor: "#C00000" }]] : []))),
  };
  return { name: tr(ctx, VISIT_PLAN_SHEET.zh, VISIT_PLAN_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, capacity, schedule, unplanned, coverage], charts: [], columnWidths: { 0: 14, 1: 12, 4: 12, 5: 18 } };
}
