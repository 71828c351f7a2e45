/**
 * Plan versus actual (SPEC §4.2) as an owned sheet 计划达成 YYYY-MM / Plan vs actual YYYY-MM:
 * the office channel assessment, achievement by rep, plan vs actual by month, then every
 * account and every account × model line. Actuals without a target are listed and marked
 * 无计划 / No target, never hidden. Blank cells mean "no basis" (target 0, no planned account).
 * The month's achievement in the summary line is the plan month's row of the table by month:
 * one figure, defined in domain/plan.ts (monthAchievement).
 */
import { roundTo, toYuan } from "../domain/money";
import type { PlanAccount, PlanLine, PlanMonth, PlanOffice, PlanRep, PlanResult, UnplannedAccount } from "../domain/plan";
import type { ChartSpec, SheetPatch } from "./patch";
import { CLASS_COLOURS, TAB_COLOUR } from "./style";
import { type Column, type Label, type Lang, blockHeight, noteBlock, pick, tableBlock } from "./table";
import { VALUE_LABELS } from "./labels";

const FLAG_FILL = "#F4CCCC";

/** What the plan sheet needs besides the plan result. */
export interface PlanVocabulary {
  lang: Lang;
  /** The account's class code (value class "core"… or ABC "A"…), shown by its label. */
  classOf: (customerId: string) => string | null;
  customerName: (customerId: string) => string | undefined;
  /** Score cap of the policy, for the explanation line (e.g. 1.2). */
  scoreCap: number;
}

const CLASS_VOCABULARY: Record<string, Label> = {
  ...VALUE_LABELS,
  A: { zh: "A 类", en: "A" },
  B: { zh: "B 类", en: "B" },
  C: { zh: "C 类", en: "C" },
};
const NOTE_VOCABULARY: Record<string, Label> = {
  noTarget: { zh: "无计划", en: "No target" },
  zeroTarget: { zh: "目标为 0，不参与考核", en: "Target 0: not assessed" },
};

const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);
const pct = (x: number | null): number | null => (x === null ? null : roundTo(x, 6));
const num = (x: number | null): number | null => (x === null ? null : roundTo(x, 2));
const yuan = (x: number | null): number | null => (x === null ? null : toYuan(x));

export function planSheetTitle(lang: Lang, month: string): string {
  return t(lang, `计划达成 ${month}`, `Plan vs actual ${month}`);
}

const L = (zh: string, en: string): Label => ({ zh, en });
const TARGET = L("目标数量", "Target qty");
const ACTUAL = L("实际数量", "Actual qty");
const RATE = L("达成率", "Achievement");

function officeColumns(none: string): Column<PlanOffice>[] {
  // An office without assessed accounts: blanks, not 0 and never a division by zero.
  const v = (o: PlanOffice, x: number) => (o.plannedAccounts === 0 ? null : x);
  return [
    { key: "office", label: L("办事处", "Office"), format: "text", value: (o) => o.office ?? none },
    { key: "customers", label: L("客户数", "Customers"), format: "integer", value: (o) => o.customers },
    { key: "planned", label: L("考核客户数", "Assessed accounts"), format: "integer", value: (o) => o.plannedAccounts },
    { key: "target", label: TARGET, format: "integer", value: (o) => v(o, o.targetQty) },
    { key: "actual", label: ACTUAL, format: "integer", value: (o) => v(o, o.actualQty) },
    { key: "achievement", label: RATE, format: "percent1", value: (o) => pct(o.achievement) },
    { key: "channelScore", label: L("月度渠道考核得分", "Channel score"), format: "number", value: (o) => num(o.channelScore) },
    { key: "coreReached", label: L("达成100%核心客户数", "Core accounts at 100%"), format: "integer", value: (o) => v(o, o.coreReached) },
    { key: "coreQuality", label: L("核心客户合作质量", "Core-account quality"), format: "percent1", value: (o) => pct(o.coreQuality) },
    { key: "bought", label: L("当月提货客户数", "Accounts that bought"), format: "integer", value: (o) => v(o, o.bought) },
    { key: "cooperationRate", label: L("传统渠道合作率", "Cooperation rate"), format: "percent1", value: (o) => pct(o.cooperationRate) },
  ];
}

function repColumns(lang: Lang, none: string): Column<PlanRep>[] {
  return [
    { key: "rep", label: L("销售代表", "Rep"), format: "text", value: (p) => p.rep ?? none },
    { key: "office", label: L("办事处", "Office"), format: "text", value: (p) => p.offices.join(t(lang, "、", ", ")) || null },
    { key: "planned", label: L("考核客户数", "Assessed accounts"), format: "integer", value: (p) => p.plannedAccounts },
    { key: "target", label: TARGET, format: "integer", value: (p) => p.targetQty },
    { key: "actual", label: ACTUAL, format: "integer", value: (p) => p.actualQty },
    { key: "achievement", label: RATE, format: "percent1", value: (p) => pct(p.achievement) },
    { key: "score", label: L("平均得分", "Average score"), format: "number", value: (p) => num(p.averageScore) },
  ];
}

const MONTH_COLUMNS: Column<PlanMonth>[] = [
  { key: "month", label: L("月份", "Month"), format: "text", value: (m) => m.month },
  { key: "target", label: TARGET, format: "integer", value: (m) => m.targetQty },
  { key: "actual", label: ACTUAL, format: "integer", value: (m) => m.actualQty },
  { key: "achievement", label: RATE, format: "percent1", value: (m) => pct(m.achievement) },
];

type AccountRow = { planned: PlanAccount; unplanned?: undefined } | { planned?: undefined; unplanned: UnplannedAccount };

function accountColumns(v: PlanVocabulary): Column<AccountRow>[] {
  const id = (r: AccountRow) => r.planned?.customerId ?? r.unplanned!.customerId;
  return [
    { key: "id", label: L("客户编号", "Customer ID"), format: "text", value: id },
    { key: "name", label: L("客户名称", "Customer"), format: "text", value: (r) => r.planned?.name ?? r.unplanned!.name },
    { key: "office", label: L("办事处", "Office"), format: "text", value: (r) => r.planned?.office ?? r.unplanned?.office ?? null },
    { key: "rep", label: L("销售代表", "Rep"), format: "text", value: (r) => r.planned?.rep ?? r.unplanned?.rep ?? null },
    { key: "class", label: L("客户分类", "Class"), format: { vocabulary: CLASS_VOCABULARY }, value: (r) => v.classOf(id(r)) },
    { key: "target", label: TARGET, format: "integer", value: (r) => r.planned?.targetQty ?? null },
    { key: "actual", label: ACTUAL, format: "integer", value: (r) => r.planned?.actualQty ?? r.unplanned!.actualQty },
    { key: "targetAmount", label: L("目标金额", "Target amount"), format: "money", value: (r) => yuan(r.planned?.targetAmount ?? null) },
    { key: "actualAmount", label: L("实际金额", "Actual amount"), format: "money", value: (r) => yuan(r.planned?.actualAmount ?? r.unplanned!.actualAmount) },
    { key: "achievement", label: RATE, format: "percent1", value: (r) => pct(r.planned?.achievement ?? null) },
    { key: "score", label: L("得分", "Score"), format: "number", value: (r) => num(r.planned?.score ?? null) },
    { key: "monthQty", label: L("当月净销量（全部型号）", "Net units, all models"), format: "integer", value: (r) => r.planned?.monthQty ?? r.unplanned!.actualQty },
    { key: "note", label: L("说明", "Note"), format: { vocabulary: NOTE_VOCABULARY }, value: (r) => (r.unplanned ? "noTarget" : r.planned.planned ? null : "zeroTarget") },
  ];
}

function lineColumns(v: PlanVocabulary): Column<PlanLine>[] {
  return [
    { key: "id", label: L("客户编号", "Customer ID"), format: "text", value: (l) => l.customerId },
    { key: "name", label: L("客户名称", "Customer"), format: "text", value: (l) => v.customerName(l.customerId) ?? l.customerId },
    { key: "model", label: L("型号", "Model"), format: "text", value: (l) => l.model },
    { key: "target", label: TARGET, format: "integer", value: (l) => l.targetQty },
    { key: "actual", label: ACTUAL, format: "integer", value: (l) => l.actualQty },
    { key: "targetAmount", label: L("目标金额", "Target amount"), format: "money", value: (l) => yuan(l.targetAmount) },
    { key: "actualAmount", label: L("实际金额", "Actual amount"), format: "money", value: (l) => yuan(l.actualAmount) },
    { key: "achievement", label: RATE, format: "percent1", value: (l) => pct(l.achievement) },
    { key: "note", label: L("说明", "Note"), format: { vocabulary: NOTE_VOCABULARY }, value: (l) => (l.targetQty === null ? "noTarget" : l.targetQty === 0 ? "zeroTarget" : null) },
  ];
}

function summaryLines(r: PlanResult, v: PlanVocabulary): string[] {
  const { lang } = v;
  const planned = r.accounts.filter((a) => a.planned).length;
  const { targetQty: tq, actualQty: aq, achievement } = r.total;
  const rate = achievement === null ? "—" : `${roundTo(achievement * 100, 1)}%`;
  const unplannedQty = r.unplanned.reduce((s, a) => s + a.actualQty, 0);
  const noTarget = pick(NOTE_VOCABULARY.noTarget, lang);
  const cap = roundTo(v.scoreCap * 100, 2);
  return [
    t(lang, `考核客户 ${planned} 家，目标 ${tq} 台，实际 ${aq} 台，达成率 ${rate}`, `${planned} accounts assessed, target ${tq} units, actual ${aq}, achievement ${rate}`),
    t(lang,
      `有实际无计划：${r.unplanned.length} 家客户共 ${unplannedQty} 台（在下方列出，标记为“${noTarget}”）`,
      `Bought without a plan: ${r.unplanned.length} accounts, ${unplannedQty} units (listed below, marked "${noTarget}")`),
    t(lang,
      `达成率 = 考核客户各计划型号当月实际净销量之和 ÷ 目标数量之和；得分 = 达成率限制在 0–${cap}% × 100；渠道考核得分 = 考核客户得分之和 ÷ 考核客户数；核心客户合作质量 = 达成 100% 的核心客户数 ÷ 考核客户数；传统渠道合作率 = 当月净提货 > 0 的考核客户数 ÷ 考核客户数`,
      `Achievement = Σ net units of the assessed accounts' planned models in the month ÷ Σ target qty; score = achievement clamped to 0–${cap}% × 100; channel score = Σ scores ÷ assessed accounts; core quality = core accounts at ≥ 100% ÷ assessed accounts; cooperation rate = assessed accounts with net units > 0 ÷ assessed accounts`),
  ];
}

export function planSheet(r: PlanResult, v: PlanVocabulary): SheetPatch {
  const { lang } = v;
  const none = t(lang, "（未指定）", "(none)");
  const head = noteBlock("plan.head", { row: 0, col: 0 }, t(lang, `月度计划达成 ${r.month}`, `Plan vs actual ${r.month}`), summaryLines(r, v));
  let row = blockHeight(head) + 1;
  const offices = tableBlock({ id: "plan.offices", at: { row, col: 0 }, title: L("办事处月度渠道考核", "Office channel assessment"), columns: officeColumns(none) }, r.offices, lang);
  row += blockHeight(offices) + 1;
  const reps = tableBlock({ id: "plan.reps", at: { row, col: 0 }, title: L("销售代表达成", "Achievement by rep"), columns: repColumns(lang, none) }, r.reps, lang);
  row += blockHeight(reps) + 1;
  const months = tableBlock({
    id: "plan.months", at: { row, col: 0 }, columns: MONTH_COLUMNS,
    title: L("计划与实际（按月，考核客户的计划型号）", "Plan vs actual by month (assessed accounts' planned models)"),
  }, r.byMonth, lang);
  row += blockHeight(months) + 1;
  const accountRows: AccountRow[] = [...r.accounts.map((a) => ({ planned: a })), ...r.unplanned.map((u) => ({ unplanned: u }))];
  const noTarget = pick(NOTE_VOCABULARY.noTarget, lang);
  const accounts = tableBlock({
    id: "plan.accounts", at: { row, col: 0 }, title: L("客户达成", "Accounts"), columns: accountColumns(v), excelTable: "TierPlanPlanAccounts",
    colours: [
      { column: "note", equals: noTarget, fill: FLAG_FILL },
      ...(["core", "A"] as const).map((k) => ({ column: "class", equals: pick(CLASS_VOCABULARY[k], lang), fill: CLASS_COLOURS[k] })),
    ],
  }, accountRows, lang);
  accounts.table!.style = "TableStyleLight9";
  row += blockHeight(accounts) + 1;
  const lines = tableBlock({
    id: "plan.lines", at: { row, col: 0 }, title: L("客户 × 型号明细", "Accounts × models"), columns: lineColumns(v), excelTable: "TierPlanPlanLines",
    colours: [{ column: "note", equals: noTarget, fill: FLAG_FILL }],
  }, r.lines, lang);
  lines.table!.style = "TableStyleLight9";

  const chartCol = accountColumns(v).length + 1;
  const charts: ChartSpec[] = [];
  if (r.reps.length) {
    charts.push({
      id: "plan.repChart", type: "column", title: t(lang, "销售代表计划达成率", "Plan achievement by rep"),
      categories: { block: "plan.reps", column: "rep" },
      series: [{ name: pick(RATE, lang), values: { block: "plan.reps", column: "achievement" } }],
      at: { row: offices.at.row, col: chartCol }, size: { cols: 8, rows: 16 }, valueAxis: { percent: true, fromZero: true },
    });
  }
  if (r.byMonth.length) {
    charts.push({
      id: "plan.monthChart", type: "column", title: t(lang, "计划与实际（按月）", "Plan vs actual by month"),
      categories: { block: "plan.months", column: "month" },
      series: [
        { name: pick(TARGET, lang), values: { block: "plan.months", column: "target" } },
        { name: pick(ACTUAL, lang), values: { block: "plan.months", column: "actual" } },
      ],
      at: { row: offices.at.row + 17, col: chartCol }, size: { cols: 8, rows: 16 }, valueAxis: { fromZero: true },
    });
  }
  return {
    name: planSheetTitle(lang, r.month), tabColor: TAB_COLOUR, blocks: [head, offices, reps, months, accounts, lines], charts,
    // Several tables share the sheet: the frozen rows are its heading.
    freeze: { rows: blockHeight(head), cols: 0 },
  };
}
