/**
 * Call-list outputs (SPEC §3.3): the as-of day's call list with the coverage per rep
 * (今日拨打清单 / Call list), and the cycle's schedule with each account's planned call date
 * (拨打排期 / Call schedule).
 */
import { isoDate, weekday } from "../domain/calendar";
import type { CallEntry, CallPlanResult, CallReason } from "../domain/callList";
import { UNASSIGNED_REP } from "../domain/funnel";
import type { Customer } from "../domain/model";
import { roundTo } from "../domain/money";
import type { RunContext } from "../pipeline/context";
import { tr } from "../pipeline/context";
import { CONTRACT_NAMES, INTENT_NAMES, STAGE_NAMES } from "./funnel";
import type { Block, PatchValue, SheetPatch } from "./patch";
import { TAB_COLOUR, TOTAL_ROW } from "./style";

export const CALL_LIST_SHEET = { zh: "今日拨打清单", en: "Call list" };
export const SCHEDULE_SHEET = { zh: "拨打排期", en: "Call schedule" };

const PRIORITY_FILL = "#FCE4D6";
const WEEKDAYS_ZH = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const WEEKDAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * One reason in the output language. Only that language's text is built (one per call entry:
 * with `tr(ctx, zh, en)` both texts and their dates were formatted every time).
 */
export function reasonText(ctx: RunContext, r: CallReason): string {
  const en = ctx.lang === "en";
  switch (r.kind) {
    case "stage":
      return en ? `stage ${r.stage} (${STAGE_NAMES[r.stage].en})` : `进程${r.stage}（${STAGE_NAMES[r.stage].zh}）`;
    case "intent":
      return en ? `intent: ${INTENT_NAMES[r.intent - 1].en}` : `成交意向：${INTENT_NAMES[r.intent - 1].zh}`;
    case "contractExpired":
      if (r.end === null) return en ? "contract expired" : CONTRACT_NAMES.expired.zh;
      return en ? `contract expired (${isoDate(r.end)})` : `合同已到期（${isoDate(r.end)}）`;
    case "contractExpiring":
      return en ? `contract ends ${isoDate(r.end)}` : `合同将于 ${isoDate(r.end)} 到期`;
    case "nextCallDue":
      return en ? `next call due (${isoDate(r.due)})` : `下次拨打时间已到（${isoDate(r.due)}）`;
    case "callBack":
      return en ? `agreed call-back (${isoDate(r.due)})` : `约定回访日（${isoDate(r.due)}）`;
    case "callBackEarly":
      return en ? `call-back ${isoDate(r.due)}: days from then on are full, called earlier` : `约定回访 ${isoDate(r.due)} 起已排满，提前拨打`;
    case "overstock": {
      const days = r.days === null ? (en ? "nothing sells" : "无销售") : en ? `${Math.round(r.days)} days of stock` : `库存 ${Math.round(r.days)} 天`;
      return en ? `overstocked: ${r.models.join(", ")} (${days})` : `库存积压：${r.models.join("、")}（${days}）`;
    }
    case "coverage":
      if (r.lastContact === null) return en ? "coverage: never contacted" : "覆盖拨打：从未联系";
      return en ? `coverage: longest not contacted (last ${isoDate(r.lastContact)})` : `覆盖拨打：最久未联系（上次 ${isoDate(r.lastContact)}）`;
  }
}

export function entryReason(ctx: RunContext, e: CallEntry): string {
  if (e.reasons.length === 1) return reasonText(ctx, e.reasons[0]);
  return e.reasons.map((r) => reasonText(ctx, r)).join(ctx.lang === "en" ? "; " : "；");
}

function dayText(ctx: RunContext, d: number): string {
  return `${isoDate(d)}（${tr(ctx, WEEKDAYS_ZH[weekday(d)], WEEKDAYS_EN[weekday(d)])}）`;
}

function cycleText(ctx: RunContext, plan: CallPlanResult): string {
  const n = plan.cycle.days.length;
  if (!n) return tr(ctx, `${isoDate(plan.asOf)} 至月底没有工作日`, `No working days from ${isoDate(plan.asOf)} to the month end`);
  return tr(
    ctx,
    `拨打周期 ${isoDate(plan.cycle.from)} – ${isoDate(plan.cycle.to)}，${n} 个工作日，每人每天最多 ${plan.callsPerDay} 通；每个客户（废弃除外）每周期最多排一次`,
    `Cycle ${isoDate(plan.cycle.from)} – ${isoDate(plan.cycle.to)}, ${n} working days, at most ${plan.callsPerDay} calls per rep per day; each account (Denial excluded) at most once per cycle`,
  );
}

/** The as-of day's call list, with the coverage per rep above it. */
export function callListSheet(ctx: RunContext, plan: CallPlanResult): SheetPatch {
  const byId = ctx.data.customerById;
  const today = plan.entries.filter((e) => e.day === plan.asOf);
  const head: Block = {
    id: "callList.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, `拨打清单 ${dayText(ctx, plan.asOf)}`, `Call list ${dayText(ctx, plan.asOf)}`),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[tr(ctx, `今日共 ${today.length} 通`, `${today.length} calls today`)], [cycleText(ctx, plan)]],
  };

  const cov = plan.coverage;
  const sum = (k: "owned" | "denial" | "callable" | "priority" | "capacity" | "planned" | "today") => cov.reduce((s, r) => s + r[k], 0);
  const totalCallable = sum("callable");
  const coverage: Block = {
    id: "callList.coverage",
    at: { row: 4, col: 0 },
    title: tr(ctx, "覆盖率（按销售代表）", "Coverage by rep"),
    columns: [
      { key: "rep", header: tr(ctx, "销售代表", "Rep"), format: "text" },
      { key: "owned", header: tr(ctx, "名下客户", "Owned accounts"), format: "integer" },
      { key: "denial", header: tr(ctx, "废弃（不拨打）", "Denial (not called)"), format: "integer" },
      { key: "callable", header: tr(ctx, "应覆盖客户", "Accounts to reach"), format: "integer" },
      { key: "priority", header: tr(ctx, "优先客户", "Priority accounts"), format: "integer" },
      { key: "capacity", header: tr(ctx, "本周期拨打容量", "Capacity this cycle"), format: "integer" },
      { key: "planned", header: tr(ctx, "已排客户", "Planned accounts"), format: "integer" },
      { key: "coverage", header: tr(ctx, "覆盖率（已排/应覆盖）", "Coverage (planned / to reach)"), format: "percent1" },
      { key: "days", header: tr(ctx, "全覆盖所需工作日", "Working days to full coverage"), format: "integer" },
      { key: "fullDay", header: tr(ctx, "预计全覆盖日期", "Full coverage by"), format: "date" },
      { key: "today", header: tr(ctx, "今日拨打", "Calls today"), format: "integer" },
    ],
    rows: [
      ...cov.map((r) => [r.rep, r.owned, r.denial, r.callable, r.priority, r.capacity, r.planned, roundTo(r.coverage, 6), r.daysToFullCoverage, r.fullCoverageDay, r.today]),
      [
        tr(ctx, "合计", "Total"), sum("owned"), sum("denial"), totalCallable, sum("priority"), sum("capacity"), sum("planned"),
        totalCallable ? roundTo(sum("planned") / totalCallable, 6) : 1, null, null, sum("today"),
      ],
    ],
    rowStyles: { [cov.length]: TOTAL_ROW },
  };

  const listRow = 4 + 2 + coverage.rows.length + 2;
  const list: Block = {
    id: "callList.today",
    at: { row: listRow, col: 0 },
    title: tr(ctx, `${isoDate(plan.asOf)} 拨打清单`, `Calls on ${isoDate(plan.asOf)}`),
    columns: [
      { key: "date", header: tr(ctx, "日期", "Date"), format: "date" },
      { key: "rep", header: tr(ctx, "销售代表", "Rep"), format: "text" },
      { key: "order", header: tr(ctx, "序号", "No."), format: "integer" },
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "name", header: tr(ctx, "客户名称", "Customer"), format: "text" },
      { key: "priority", header: tr(ctx, "优先", "Priority"), format: "text" },
      { key: "reason", header: tr(ctx, "拨打原因", "Reason"), format: "text" },
      { key: "lastContact", header: tr(ctx, "上次联系", "Last contact"), format: "date" },
      { key: "stage", header: tr(ctx, "销售进程", "Stage"), format: "integer" },
      { key: "temperature", header: tr(ctx, "客户温度", "Temperature"), format: "text" },
      { key: "intent", header: tr(ctx, "成交意向", "Intent"), format: "integer" },
    ],
    rows: today.map((e) => {
      const c = byId.get(e.customerId);
      return [
        e.day, e.rep, e.order, e.customerId, c?.name ?? e.customerId, e.priority ? tr(ctx, "是", "yes") : "",
        entryReason(ctx, e), c?.lastContact ?? null, c?.stage ?? null, c?.temperature ?? null, c?.intent ?? null,
      ] as PatchValue[];
    }),
    colours: [{ column: "priority", equals: tr(ctx, "是", "yes"), fill: PRIORITY_FILL }],
  };
  if (list.rows.length) list.table = { name: "TP_CallList" };
  else list.rows = [[null, tr(ctx, "当天无拨打（非工作日或无可拨打客户）", "No calls on this day (not a working day, or nothing to call)")]];

  return {
    name: tr(ctx, CALL_LIST_SHEET.zh, CALL_LIST_SHEET.en),
    tabColor: TAB_COLOUR,
    blocks: [head, coverage, list],
    charts: [],
    columnWidths: { 0: 18, 1: 14, 2: 10, 3: 12, 4: 24, 5: 12, 6: 44, 7: 14, 8: 14, 9: 14, 10: 10 },
  };
}

/** The cycle's schedule (one row per planned call) and the planned date per account. */
export function scheduleSheet(ctx: RunContext, plan: CallPlanResult, customers: Customer[]): SheetPatch {
  const byId = new Map(customers.map((c) => [c.customerId, c]));
  const head: Block = {
    id: "schedule.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, "拨打排期", "Call schedule"),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[cycleText(ctx, plan)]],
  };
  const schedule: Block = {
    id: "schedule.calls",
    at: { row: 3, col: 0 },
    title: tr(ctx, "每日拨打排期", "Calls by day"),
    columns: [
      { key: "date", header: tr(ctx, "日期", "Date"), format: "date" },
      { key: "rep", header: tr(ctx, "销售代表", "Rep"), format: "text" },
      { key: "order", header: tr(ctx, "序号", "No."), format: "integer" },
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "name", header: tr(ctx, "客户名称", "Customer"), format: "text" },
      { key: "priority", header: tr(ctx, "优先", "Priority"), format: "text" },
      { key: "reason", header: tr(ctx, "拨打原因", "Reason"), format: "text" },
    ],
    rows: plan.entries.map((e) => [e.day, e.rep, e.order, e.customerId, byId.get(e.customerId)?.name ?? e.customerId, e.priority ? tr(ctx, "是", "yes") : "", entryReason(ctx, e)]),
    colours: [{ column: "priority", equals: tr(ctx, "是", "yes"), fill: PRIORITY_FILL }],
  };
  if (schedule.rows.length) schedule.table = { name: "TP_CallSchedule" };

  const notPlanned = tr(ctx, "本周期未排（超出容量）", "Not in this cycle (over capacity)");
  const accounts: Block = {
    id: "schedule.accounts",
    at: { row: 3, col: 8 },
    title: tr(ctx, "各客户计划拨打日", "Planned call date per account"),
    columns: [
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "name", header: tr(ctx, "客户名称", "Customer"), format: "text" },
      { key: "rep", header: tr(ctx, "销售代表", "Rep"), format: "text" },
      { key: "planned", header: tr(ctx, "计划拨打日", "Planned call"), format: "date" },
      { key: "status", header: tr(ctx, "状态", "Status"), format: "text" },
    ],
    rows: [...customers]
      .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0))
      .map((c) => {
        const d = plan.plannedDay.get(c.customerId) ?? null;
        const status = c.temperature === "Denial" ? tr(ctx, "废弃，不拨打", "Denial, not called") : d === null ? notPlanned : tr(ctx, "已排", "planned");
        return [c.customerId, c.name, c.rep ?? UNASSIGNED_REP, d, status];
      }),
    colours: [{ column: "status", equals: notPlanned, fill: "#F4CCCC" }],
  };
  if (accounts.rows.length) accounts.table = { name: "TP_NextCall" };

  return {
    name: tr(ctx, SCHEDULE_SHEET.zh, SCHEDULE_SHEET.en),
    tabColor: TAB_COLOUR,
    blocks: [head, schedule, accounts],
    charts: [],
    freeze: { rows: 5, cols: 0 },
    columnWidths: { 0: 14, 1: 14, 2: 8, 3: 12, 4: 24, 5: 8, 6: 44, 7: 3, 8: 12, 9: 24, 10: 14, 11: 14, 12: 22 },
  };
}
