/**
 * Plan versus actual (SPEC §4.2) as an owned sheet 计划达成 YYYY-MM / Plan vs actual YYYY-MM:
 * the office channel assessment, achievement by rep, plan vs actual by month, then every
 * account and every account × model line. Actuals without a target are listed and marked
 * 无计划 / No target, never hidden. Blank cells mean "no basis" (target 0, no planned account).
 */
import { roundTo, toYuan } from "../domain/money";
import type { PlanResult } from "../domain/plan";
import { tr, type RunContext } from "../pipeline/context";
import type { Block, ChartSpec, PatchValue, SheetPatch } from "./patch";
import { CLASS_COLOURS, TAB_COLOUR } from "./style";

const FLAG_FILL = "#F4CCCC";

export function planSheetTitle(ctx: RunContext, month: string): string {
  return tr(ctx, `计划达成 ${month}`, `Plan vs actual ${month}`);
}

const pct = (x: number | null): number | null => (x === null ? null : roundTo(x, 6));
const num = (x: number | null): number | null => (x === null ? null : roundTo(x, 2));
const yuan = (x: number | null): number | null => (x === null ? null : toYuan(x));

/** Rows a block takes on the sheet, including its title and header. */
function height(b: Block): number {
  return (b.title ? 1 : 0) + 1 + b.rows.length;
}

export function planSheet(ctx: RunContext, r: PlanResult, valueClass: (id: string) => string | null): SheetPatch {
  const none = tr(ctx, "（未指定）", "(none)");
  const noTarget = tr(ctx, "无计划", "No target");
  const zeroTarget = tr(ctx, "目标为 0，不参与考核", "Target 0: not assessed");
  const planned = r.accounts.filter((a) => a.planned);
  const tq = planned.reduce((s, a) => s + a.targetQty, 0);
  const aq = planned.reduce((s, a) => s + a.actualQty, 0);
  const unplannedQty = r.unplanned.reduce((s, a) => s + a.actualQty, 0);
  const cap = roundTo(ctx.data.policy.tier.planScoreCap * 100, 2);

  const head: Block = {
    id: "plan.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, `月度计划达成 ${r.month}`, `Plan vs actual ${r.month}`),
    columns: [{ key: "text", header: tr(ctx, "概要", "Summary"), format: "text", width: 12 }],
    rows: [
      [tr(ctx,
        `考核客户 ${planned.length} 家，目标 ${tq} 台，实际 ${aq} 台，达成率 ${tq ? roundTo((aq / tq) * 100, 1) + "%" : "—"}`,
        `${planned.length} accounts assessed, target ${tq} units, actual ${aq}, achievement ${tq ? roundTo((aq / tq) * 100, 1) + "%" : "—"}`)],
      [tr(ctx,
        `有实际无计划：${r.unplanned.length} 家客户共 ${unplannedQty} 台（在下方列出，标记为“${noTarget}”）`,
        `Bought without a plan: ${r.unplanned.length} accounts, ${unplannedQty} units (listed below, marked "${noTarget}")`)],
      [tr(ctx,
        `达成率 = 当月实际净销量 ÷ 目标数量；得分 = 达成率限制在 0–${cap}% × 100；渠道考核得分 = 考核客户得分之和 ÷ 考核客户数；核心客户合作质量 = 达成 100% 的核心客户数 ÷ 考核客户数；传统渠道合作率 = 当月净提货 > 0 的考核客户数 ÷ 考核客户数`,
        `Achievement = net units in the month ÷ target qty; score = achievement clamped to 0–${cap}% × 100; channel score = Σ scores ÷ assessed accounts; core quality = core accounts at ≥ 100% ÷ assessed accounts; cooperation rate = assessed accounts with net units > 0 ÷ assessed accounts`)],
    ],
  };

  let row = height(head) + 1;
  const offices: Block = {
    id: "plan.offices",
    at: { row, col: 0 },
    title: tr(ctx, "办事处月度渠道考核", "Office channel assessment"),
    columns: [
      { key: "office", header: tr(ctx, "办事处", "Office"), format: "text", width: 14 },
      { key: "customers", header: tr(ctx, "客户数", "Customers"), format: "integer", width: 9 },
      { key: "planned", header: tr(ctx, "考核客户数", "Assessed accounts"), format: "integer", width: 10 },
      { key: "target", header: tr(ctx, "目标数量", "Target qty"), format: "integer", width: 10 },
      { key: "actual", header: tr(ctx, "实际数量", "Actual qty"), format: "integer", width: 10 },
      { key: "achievement", header: tr(ctx, "达成率", "Achievement"), format: "percent1", width: 9 },
      { key: "channelScore", header: tr(ctx, "月度渠道考核得分", "Channel score"), format: "number", width: 12 },
      { key: "coreReached", header: tr(ctx, "达成100%核心客户数", "Core accounts at 100%"), format: "integer", width: 12 },
      { key: "coreQuality", header: tr(ctx, "核心客户合作质量", "Core-account quality"), format: "percent1", width: 12 },
      { key: "bought", header: tr(ctx, "当月提货客户数", "Accounts that bought"), format: "integer", width: 11 },
      { key: "cooperationRate", header: tr(ctx, "传统渠道合作率", "Cooperation rate"), format: "percent1", width: 12 },
    ],
    // An office without assessed accounts: blanks, not 0 and never a division by zero.
    rows: r.offices.map((o) => {
      const blank = o.plannedAccounts === 0;
      return [
        o.office ?? none, o.customers, o.plannedAccounts, blank ? null : o.targetQty, blank ? null : o.actualQty, pct(o.achievement),
        num(o.channelScore), blank ? null : o.coreReached, pct(o.coreQuality), blank ? null : o.bought, pct(o.cooperationRate),
      ];
    }),
  };
  row += height(offices) + 1;

  const reps: Block = {
    id: "plan.reps",
    at: { row, col: 0 },
    title: tr(ctx, "销售代表达成", "Achievement by rep"),
    columns: [
      { key: "rep", header: tr(ctx, "销售代表", "Rep"), format: "text", width: 14 },
      { key: "office", header: tr(ctx, "办事处", "Office"), format: "text", width: 9 },
      { key: "planned", header: tr(ctx, "考核客户数", "Assessed accounts"), format: "integer", width: 10 },
      { key: "target", header: tr(ctx, "目标数量", "Target qty"), format: "integer", width: 10 },
      { key: "actual", header: tr(ctx, "实际数量", "Actual qty"), format: "integer", width: 10 },
      { key: "achievement", header: tr(ctx, "达成率", "Achievement"), format: "percent1", width: 9 },
      { key: "score", header: tr(ctx, "平均得分", "Average score"), format: "number", width: 12 },
    ],
    rows: r.reps.map((p) => [p.rep ?? none, p.offices.join(tr(ctx, "、", ", ")) || null, p.plannedAccounts, p.targetQty, p.actualQty, pct(p.achievement), num(p.averageScore)]),
  };
  row += height(reps) + 1;

  const months: Block = {
    id: "plan.months",
    at: { row, col: 0 },
    title: tr(ctx, "计划与实际（按月，各月计划客户×型号）", "Plan vs actual by month (each month's planned accounts × models)"),
    columns: [
      { key: "month", header: tr(ctx, "月份", "Month"), format: "text", width: 14 },
      { key: "target", header: tr(ctx, "目标数量", "Target qty"), format: "integer", width: 9 },
      { key: "actual", header: tr(ctx, "实际数量", "Actual qty"), format: "integer", width: 10 },
      { key: "achievement", header: tr(ctx, "达成率", "Achievement"), format: "percent1", width: 10 },
    ],
    rows: r.byMonth.map((m) => [m.month, m.targetQty, m.actualQty, pct(m.achievement)]),
  };
  row += height(months) + 1;

  const accountRows: PatchValue[][] = [
    ...r.accounts.map((a) => [
      a.customerId, a.name, a.office, a.rep, valueClass(a.customerId), a.targetQty, a.actualQty, yuan(a.targetAmount), yuan(a.actualAmount),
      pct(a.achievement), num(a.score), a.monthQty, a.planned ? null : zeroTarget,
    ]),
    ...r.unplanned.map((u) => [u.customerId, u.name, u.office, u.rep, valueClass(u.customerId), null, u.actualQty, null, yuan(u.actualAmount), null, null, u.actualQty, noTarget]),
  ];
  const accounts: Block = {
    id: "plan.accounts",
    at: { row, col: 0 },
    title: tr(ctx, "客户达成", "Accounts"),
    columns: [
      { key: "id", header: tr(ctx, "客户编号", "Customer ID"), format: "text", width: 14 },
      { key: "name", header: tr(ctx, "客户名称", "Customer"), format: "text", width: 9 },
      { key: "office", header: tr(ctx, "办事处", "Office"), format: "text", width: 10 },
      { key: "rep", header: tr(ctx, "销售代表", "Rep"), format: "text", width: 10 },
      { key: "class", header: tr(ctx, "客户分类", "Class"), format: "text", width: 9 },
      { key: "target", header: tr(ctx, "目标数量", "Target qty"), format: "integer", width: 12 },
      { key: "actual", header: tr(ctx, "实际数量", "Actual qty"), format: "integer", width: 12 },
      { key: "targetAmount", header: tr(ctx, "目标金额", "Target amount"), format: "money", width: 12 },
      { key: "actualAmount", header: tr(ctx, "实际金额", "Actual amount"), format: "money", width: 12 },
      { key: "achievement", header: tr(ctx, "达成率", "Achievement"), format: "percent1", width: 11 },
      { key: "score", header: tr(ctx, "得分", "Score"), format: "number", width: 9 },
      { key: "monthQty", header: tr(ctx, "当月净销量（全部型号）", "Net units, all models"), format: "integer", width: 12 },
      { key: "note", header: tr(ctx, "说明", "Note"), format: "text", width: 22 },
    ],
    rows: accountRows,
    colours: [
      { column: "note", equals: noTarget, fill: FLAG_FILL },
      ...(["core", "A"] as const).map((k) => ({ column: "class", equals: k, fill: CLASS_COLOURS[k] })),
    ],
    table: { name: "TierPlanPlanAccounts", style: "TableStyleLight9" },
  };
  row += height(accounts) + 1;

  const byId = ctx.data.customerById;
  const lines: Block = {
    id: "plan.lines",
    at: { row, col: 0 },
    title: tr(ctx, "客户 × 型号明细", "Accounts × models"),
    columns: [
      { key: "id", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "name", header: tr(ctx, "客户名称", "Customer"), format: "text" },
      { key: "model", header: tr(ctx, "型号", "Model"), format: "text" },
      { key: "target", header: tr(ctx, "目标数量", "Target qty"), format: "integer" },
      { key: "actual", header: tr(ctx, "实际数量", "Actual qty"), format: "integer" },
      { key: "targetAmount", header: tr(ctx, "目标金额", "Target amount"), format: "money" },
      { key: "actualAmount", header: tr(ctx, "实际金额", "Actual amount"), format: "money" },
      { key: "achievement", header: tr(ctx, "达成率", "Achievement"), format: "percent1" },
      { key: "note", header: tr(ctx, "说明", "Note"), format: "text" },
    ],
    rows: r.lines.map((l) => [
      l.customerId, byId.get(l.customerId)?.name ?? l.customerId, l.model, l.targetQty, l.actualQty, yuan(l.targetAmount), yuan(l.actualAmount), pct(l.achievement),
      l.targetQty === null ? noTarget : l.targetQty === 0 ? zeroTarget : null,
    ]),
    colours: [{ column: "note", equals: noTarget, fill: FLAG_FILL }],
    table: { name: "TierPlanPlanLines", style: "TableStyleLight9" },
  };

  const charts: ChartSpec[] = [];
  if (reps.rows.length) {
    charts.push({
      id: "plan.repChart",
      type: "column",
      title: tr(ctx, "销售代表计划达成率", "Plan achievement by rep"),
      categories: { block: "plan.reps", column: "rep" },
      series: [{ name: tr(ctx, "达成率", "Achievement"), values: { block: "plan.reps", column: "achievement" } }],
      at: { row: offices.at.row, col: 14 },
      size: { cols: 8, rows: 16 },
    });
  }
  if (months.rows.length) {
    charts.push({
      id: "plan.monthChart",
      type: "column",
      title: tr(ctx, "计划与实际（按月）", "Plan vs actual by month"),
      categories: { block: "plan.months", column: "month" },
      series: [
        { name: tr(ctx, "目标数量", "Target qty"), values: { block: "plan.months", column: "target" } },
        { name: tr(ctx, "实际数量", "Actual qty"), values: { block: "plan.months", column: "actual" } },
      ],
      at: { row: offices.at.row + 17, col: 14 },
      size: { cols: 8, rows: 16 },
    });
  }
  return {
    name: planSheetTitle(ctx, r.month),
    tabColor: TAB_COLOUR,
    blocks: [head, offices, reps, months, accounts, lines],
    charts,
  };
}
