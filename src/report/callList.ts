/**
 * Call-list outputs (SPEC §3.3): the as-of day's call list with the coverage per rep
 * (今日拨打清单 / Call list), and the cycle's schedule with each account's planned call date
 * (拨打排期 / Call schedule).
 *
 * Builders are functions of (call plan, vocabulary): the analysis passes the customers and the
 * language; stage, temperature, intent and reasons are shown in the sheet's language.
 */
import { isoDate, weekday } from "../domain/calendar";
import type { CallEntry, CallPlanResult, CallReason, RepCoverage } from "../domain/callList";
import { UNASSIGNED_REP } from "../domain/funnel";
import type { Customer } from "../domain/model";
import { roundTo } from "../domain/money";
import { CONTRACT_NAMES, INTENT_NAMES, STAGE_NAMES, TEMPERATURE_VOCABULARY, intentText, stageText } from "./funnel";
import type { SheetPatch } from "./patch";
import { TAB_COLOUR } from "./style";
import { type Column, type Label, type Lang, blockHeight, noteBlock, pick, tableBlock } from "./table";

export const CALL_LIST_SHEET = { zh: "今日拨打清单", en: "Call list" };
export const SCHEDULE_SHEET = { zh: "拨打排期", en: "Call schedule" };

/** What the call-list sheets need besides the plan. */
export interface CallListVocabulary {
  lang: Lang;
  customers: readonly Customer[];
  /** The same customers by ID (the loader builds it once; two more maps of 50,000 were ~50 ms a run). */
  customerById: ReadonlyMap<string, Customer>;
}

const PRIORITY_FILL = "#FCE4D6";
const NOT_PLANNED_FILL = "#F4CCCC";
const WEEKDAYS_ZH = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const WEEKDAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const L = (zh: string, en: string): Label => ({ zh, en });
const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);
const YES: Record<string, Label> = { yes: L("是", "yes") };
const STATUS: Record<string, Label> = {
  denial: L("废弃，不拨打", "Denial, not called"),
  notPlanned: L("本周期未排（超出容量）", "Not in this cycle (over capacity)"),
  planned: L("已排", "planned"),
};

/** One reason in the output language (only that language's text is built: one per call entry). */
export function reasonText(lang: Lang, r: CallReason): string {
  const en = lang === "en";
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

export function entryReason(lang: Lang, e: CallEntry): string {
  if (e.reasons.length === 1) return reasonText(lang, e.reasons[0]);
  return e.reasons.map((r) => reasonText(lang, r)).join(lang === "en" ? "; " : "；");
}

function dayText(lang: Lang, d: number): string {
  return `${isoDate(d)}（${t(lang, WEEKDAYS_ZH[weekday(d)], WEEKDAYS_EN[weekday(d)])}）`;
}

function cycleText(lang: Lang, plan: CallPlanResult): string {
  const n = plan.cycle.days.length;
  if (!n) return t(lang, `${isoDate(plan.asOf)} 至月底没有工作日`, `No working days from ${isoDate(plan.asOf)} to the month end`);
  return t(
    lang,
    `拨打周期 ${isoDate(plan.cycle.from)} – ${isoDate(plan.cycle.to)}，${n} 个工作日，每人每天最多 ${plan.callsPerDay} 通；每个客户（废弃除外）每周期最多排一次`,
    `Cycle ${isoDate(plan.cycle.from)} – ${isoDate(plan.cycle.to)}, ${n} working days, at most ${plan.callsPerDay} calls per rep per day; each account (Denial excluded) at most once per cycle`,
  );
}

type CoverageKey = "owned" | "denial" | "callable" | "priority" | "capacity" | "planned" | "today";
const sumOf = (rows: readonly RepCoverage[], k: CoverageKey) => rows.reduce((s, r) => s + r[k], 0);
const count = (key: CoverageKey, label: Label): Column<RepCoverage> => ({ key, label, format: "integer", value: (r) => r[key], total: "sum" });

const COVERAGE_COLUMNS: Column<RepCoverage>[] = [
  { key: "rep", label: L("销售代表", "Rep"), format: "text", value: (r) => r.rep, total: L("合计", "Total") },
  count("owned", L("名下客户", "Owned accounts")),
  count("denial", L("废弃（不拨打）", "Denial (not called)")),
  count("callable", L("应覆盖客户", "Accounts to reach")),
  count("priority", L("优先客户", "Priority accounts")),
  count("capacity", L("本周期拨打容量", "Capacity this cycle")),
  count("planned", L("已排客户", "Planned accounts")),
  {
    key: "coverage", label: L("覆盖率（已排/应覆盖）", "Coverage (planned / to reach)"), format: "percent1", value: (r) => roundTo(r.coverage, 6),
    // The total coverage is planned over callable of all reps, not a sum of rates.
    total: (rows) => { const c = sumOf(rows, "callable"); return c ? roundTo(sumOf(rows, "planned") / c, 6) : 1; },
  },
  { key: "days", label: L("全覆盖所需工作日", "Working days to full coverage"), format: "integer", value: (r) => r.daysToFullCoverage },
  { key: "fullDay", label: L("预计全覆盖日期", "Full coverage by"), format: "date", value: (r) => r.fullCoverageDay },
  count("today", L("今日拨打", "Calls today")),
];

/** A planned call with the customer it calls. */
interface CallRow { entry: CallEntry; customer: Customer | undefined; reason: string }

function callColumns(lang: Lang, withCustomerState: boolean): Column<CallRow>[] {
  const cols: Column<CallRow>[] = [
    { key: "date", label: L("日期", "Date"), format: "date", value: (r) => r.entry.day },
    { key: "rep", label: L("销售代表", "Rep"), format: "text", value: (r) => r.entry.rep },
    { key: "order", label: L("序号", "No."), format: "integer", value: (r) => r.entry.order },
    { key: "customerId", label: L("客户编号", "Customer ID"), format: "text", value: (r) => r.entry.customerId },
    { key: "name", label: L("客户名称", "Customer"), format: "text", value: (r) => r.customer?.name ?? r.entry.customerId },
    { key: "priority", label: L("优先", "Priority"), format: { vocabulary: YES }, value: (r) => (r.entry.priority ? "yes" : "") },
    { key: "reason", label: L("拨打原因", "Reason"), format: "text", value: (r) => r.reason, width: { max: 60 } },
  ];
  if (!withCustomerState) return cols;
  return [
    ...cols,
    { key: "lastContact", label: L("上次联系", "Last contact"), format: "date", value: (r) => r.customer?.lastContact ?? null },
    { key: "stage", label: L("销售进程", "Stage"), format: "text", value: (r) => (r.customer?.stage == null ? null : stageText(lang, r.customer.stage)) },
    { key: "temperature", label: L("客户温度", "Temperature"), format: { vocabulary: TEMPERATURE_VOCABULARY }, value: (r) => r.customer?.temperature ?? null },
    { key: "intent", label: L("成交意向", "Intent"), format: "text", value: (r) => (r.customer?.intent == null ? null : intentText(lang, r.customer.intent)) },
  ];
}

function callRows(entries: readonly CallEntry[], byId: ReadonlyMap<string, Customer>, lang: Lang): CallRow[] {
  return entries.map((entry) => ({ entry, customer: byId.get(entry.customerId), reason: entryReason(lang, entry) }));
}


/** The as-of day's call list, with the coverage per rep above it. */
export function callListSheet(plan: CallPlanResult, v: CallListVocabulary): SheetPatch {
  const { lang } = v;
  const today = plan.entries.filter((e) => e.day === plan.asOf);
  const head = noteBlock("callList.head", { row: 0, col: 0 }, t(lang, `拨打清单 ${dayText(lang, plan.asOf)}`, `Call list ${dayText(lang, plan.asOf)}`), [
    t(lang, `今日共 ${today.length} 通`, `${today.length} calls today`),
    cycleText(lang, plan),
  ]);
  const coverage = tableBlock({ id: "callList.coverage", at: { row: 4, col: 0 }, title: L("覆盖率（按销售代表）", "Coverage by rep"), columns: COVERAGE_COLUMNS, totals: true }, plan.coverage, lang);
  const yes = pick(YES.yes, lang);
  const list = tableBlock({
    id: "callList.today", at: { row: 4 + blockHeight(coverage) + 2, col: 0 },
    title: L(`${isoDate(plan.asOf)} 拨打清单`, `Calls on ${isoDate(plan.asOf)}`),
    columns: callColumns(lang, true),
    colours: [{ column: "priority", equals: yes, fill: PRIORITY_FILL }],
  }, callRows(today, v.customerById, lang), lang);
  if (list.rows.length) list.table = { name: "TP_CallList" };
  else list.rows = [[null, t(lang, "当天无拨打（非工作日或无可拨打客户）", "No calls on this day (not a working day, or nothing to call)")]];
  return { name: pick(CALL_LIST_SHEET, lang), tabColor: TAB_COLOUR, blocks: [head, coverage, list], charts: [] };
}

/** An account and its planned call day in the cycle. */
interface AccountRow { customer: Customer; day: number | null }

const ACCOUNT_COLUMNS: Column<AccountRow>[] = [
  { key: "customerId", label: L("客户编号", "Customer ID"), format: "text", value: (r) => r.customer.customerId },
  { key: "name", label: L("客户名称", "Customer"), format: "text", value: (r) => r.customer.name },
  { key: "rep", label: L("销售代表", "Rep"), format: "text", value: (r) => r.customer.rep ?? UNASSIGNED_REP },
  { key: "planned", label: L("计划拨打日", "Planned call"), format: "date", value: (r) => r.day },
  {
    key: "status", label: L("状态", "Status"), format: { vocabulary: STATUS },
    value: (r) => (r.customer.temperature === "Denial" ? "denial" : r.day === null ? "notPlanned" : "planned"),
  },
];

/** The cycle's schedule (one row per planned call) and the planned date per account. */
export function scheduleSheet(plan: CallPlanResult, v: CallListVocabulary): SheetPatch {
  const { lang } = v;
  const head = noteBlock("schedule.head", { row: 0, col: 0 }, t(lang, "拨打排期", "Call schedule"), [cycleText(lang, plan)]);
  const calls = tableBlock({
    id: "schedule.calls", at: { row: 3, col: 0 }, title: L("每日拨打排期", "Calls by day"), columns: callColumns(lang, false),
    colours: [{ column: "priority", equals: pick(YES.yes, lang), fill: PRIORITY_FILL }],
  }, callRows(plan.entries, v.customerById, lang), lang);
  if (calls.rows.length) calls.table = { name: "TP_CallSchedule" };

  const rows: AccountRow[] = [...v.customers]
    .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0))
    .map((customer) => ({ customer, day: plan.plannedDay.get(customer.customerId) ?? null }));
  const accounts = tableBlock({
    id: "schedule.accounts", at: { row: 3, col: callColumns(lang, false).length + 1 }, title: L("各客户计划拨打日", "Planned call date per account"), columns: ACCOUNT_COLUMNS,
    colours: [{ column: "status", equals: pick(STATUS.notPlanned, lang), fill: NOT_PLANNED_FILL }],
  }, rows, lang);
  if (accounts.rows.length) accounts.table = { name: "TP_NextCall" };

  return { name: pick(SCHEDULE_SHEET, lang), tabColor: TAB_COLOUR, blocks: [head, calls, accounts], charts: [], freeze: { rows: 5, cols: 0 } };
}
