/**
 * Rebate outputs (SPEC §5): the 返利明细 / Rebate lines sheet (every sales line of the month a
 * rule touched, with the rule, basis, threshold reached, rate and amount, so that finance can
 * check each cell), the 返利对账单 / Rebate statement sheet (reconciliation with a check cell,
 * rebates by customer with a top-20 bar chart, and the per customer × rule statement with the
 * distance to the next tier), and two columns beside the month's sales lines.
 */
import { Decimal } from "decimal.js";
import { isoDate } from "../domain/calendar";
import type { RebateBasis, RebateKind, RebateRate, RebateRule } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import type { RebateLine, RebateResult, RebateStatementRow } from "../domain/rebates";
import type { RunContext } from "../pipeline/context";
import { tr } from "../pipeline/context";
import { columnLetter } from "../sheets/grid";
import { Block, ColumnsPatch, NumberFormat, PatchValue, SheetPatch, firstDataRow } from "./patch";
import { TAB_COLOUR, TOTAL_ROW } from "./style";
import { paymentFormLabel } from "./rebateVouchers";

export const REBATE_LINES_SHEET = { zh: "返利明细", en: "Rebate lines" };
export const REBATE_STATEMENT_SHEET = { zh: "返利对账单", en: "Rebate statement" };
/** How many customers the rebate chart draws (the table lists them all). */
export const REBATE_CHART_CUSTOMERS = 20;

type Ctx = Pick<RunContext, "lang" | "data">;

const KIND_LABEL: Record<RebateKind, { zh: string; en: string }> = {
  pickup: { zh: "提货返利", en: "Pick-up" },
  volume: { zh: "达量返利", en: "Volume" },
  contract: { zh: "合约返利", en: "Contract plan" },
  other: { zh: "其他返利", en: "Other" },
  target: { zh: "任务返利", en: "Target" },
  collection: { zh: "回款返利", en: "Collection" },
  growth: { zh: "增长返利", en: "Growth" },
};
const BASIS_LABEL: Record<RebateBasis, { zh: string; en: string }> = {
  quantity: { zh: "数量", en: "Quantity" },
  amount: { zh: "金额", en: "Amount" },
};

const yuanText = (fen: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(fen / 100);
/** Units as people write them in tier names ("1000-unit tier", no grouping). */
const qtyText = (q: number) => String(Math.round(q * 10_000) / 10_000);

export function kindLabel(ctx: Ctx, k: RebateKind): string {
  return tr(ctx, KIND_LABEL[k].zh, KIND_LABEL[k].en);
}

export function rateLabel(ctx: Ctx, r: RebateRate): string {
  if (r.share !== undefined) return `${new Decimal(r.share).times(100).toString()}%`;
  if (r.fixed !== undefined) return tr(ctx, `固定 ¥${yuanText(r.fixed)}`, `fixed ¥${yuanText(r.fixed)}`);
  return tr(ctx, `¥${yuanText(r.perUnit ?? 0)}/台`, `¥${yuanText(r.perUnit ?? 0)}/unit`);
}

/** "≥1,000台" / "≥¥5,000"; the first tier "from 0" reads "from the first unit". */
export function tierLabel(ctx: Ctx, rule: RebateRule, tier: number): string {
  if (tier < 0) return tr(ctx, "未达门槛", "below the first tier");
  const t = rule.thresholds[tier];
  if (rule.kind === "target") return tr(ctx, `达成≥${roundTo(t * 100, 2)}%`, `achievement ≥${roundTo(t * 100, 2)}%`);
  if (rule.kind === "growth") return tr(ctx, `增长≥${roundTo(t * 100, 2)}%`, `growth ≥${roundTo(t * 100, 2)}%`);
  if (t === 0) return tr(ctx, "首台起", "from the first unit");
  return rule.basis === "quantity" && rule.kind !== "collection" ? tr(ctx, `≥${qtyText(t)}台`, `≥${qtyText(t)} units`) : `≥¥${yuanText(t)}`;
}

/** The rate in force at a tier, with the mode for tiered rules ("¥43/台 全量"). */
function tierRate(ctx: Ctx, rule: RebateRule, tier: number): string {
  if (tier < 0) return "";
  const r = rateLabel(ctx, rule.rates[tier]);
  if (rule.kind === "growth") return `${r} ${rule.mode === "increment" ? tr(ctx, "增量", "on the increment") : tr(ctx, "全量", "on the whole")}`;
  if (rule.rates.length < 2 || rule.kind === "target") return r;
  return `${r} ${rule.mode === "graduated" ? tr(ctx, "分段", "graduated") : tr(ctx, "全量", "whole-volume")}`;
}

/** Basis value for cells: units, or yuan for an amount basis. */
function basisCell(rule: RebateRule, v: { qty: number; amount: number }): number {
  return rule.basis === "quantity" && rule.kind !== "collection" ? v.qty : toYuan(v.amount);
}

/** What a per-customer kind's figure rests on: the plan, last year's basis, collections left out (SPEC §8). */
export function kindExplanation(ctx: Ctx, s: RebateStatementRow): string {
  const { rule } = s;
  const fmt = (a: { qty: number; amount: number }) => (rule.basis === "quantity" ? tr(ctx, `${qtyText(a.qty)}台`, `${qtyText(a.qty)} units`) : `¥${yuanText(a.amount)}`);
  if (s.note) return tr(ctx, s.note.zh, s.note.en);
  if (rule.kind === "target" && s.reference && s.ratio != null) {
    return tr(ctx, `计划 ${fmt(s.reference)}，达成 ${roundTo(s.ratio * 100, 1)}%`, `plan ${fmt(s.reference)}, achievement ${roundTo(s.ratio * 100, 1)}%`);
  }
  if (rule.kind === "growth" && s.reference && s.ratio != null) {
    return tr(ctx, `去年同期 ${fmt(s.reference)}，增长 ${roundTo(s.ratio * 100, 1)}%`, `same dates last year ${fmt(s.reference)}, growth ${roundTo(s.ratio * 100, 1)}%`);
  }
  if (rule.kind === "collection") {
    const parts: string[] = [];
    if (rule.daysLimit != null) parts.push(tr(ctx, `账期 ≤${rule.daysLimit} 天`, `paid within ${rule.daysLimit} days`));
    if (s.excludedCount) parts.push(tr(ctx, `超期 ${s.excludedCount} 笔 ¥${yuanText(s.excluded ?? 0)} 不计`, `${s.excludedCount} late collection(s) ¥${yuanText(s.excluded ?? 0)} left out`));
    if (s.unchecked) parts.push(tr(ctx, `${s.unchecked} 笔无发票日期，按符合计`, `${s.unchecked} without invoice date, counted`));
    return parts.join("；");
  }
  return "";
}

function thresholdCell(rule: RebateRule, tier: number): number | null {
  if (tier < 0) return null;
  const t = rule.thresholds[tier];
  return rule.basis === "quantity" ? t : toYuan(t);
}

/** "再提 120 台 I9300 达到 1000 台档" / "120 more units of I9300 reach the 1000-unit tier". */
export function nextTierText(ctx: Ctx, s: Pick<RebateStatementRow, "rule" | "next" | "tier">): string {
  const { rule, next } = s;
  if (!next) return rule.thresholds.length > 1 || rule.thresholds[0] > 0 ? tr(ctx, "已达最高档", "top tier reached") : "";
  if (next.threshold === 0 && rule.kind !== "growth") return "";
  if (rule.kind === "target" || rule.kind === "growth") {
    const band = tierLabel(ctx, rule, next.index);
    return rule.basis === "quantity"
      ? tr(ctx, `再提 ${qtyText(next.missing)} 台达到 ${band}`, `${qtyText(next.missing)} more units reach ${band}`)
      : tr(ctx, `再提 ¥${yuanText(next.missing)} 达到 ${band}`, `¥${yuanText(next.missing)} more reach ${band}`);
  }
  if (rule.kind === "collection") {
    return tr(ctx, `再回款 ¥${yuanText(next.missing)} 达到 ¥${yuanText(next.threshold)} 档`, `¥${yuanText(next.missing)} more collected reach the ¥${yuanText(next.threshold)} tier`);
  }
  if (rule.basis === "quantity") {
    const n = qtyText(next.missing), t = qtyText(next.threshold);
    return rule.model
      ? tr(ctx, `再提 ${n} 台 ${rule.model} 达到 ${t} 台档`, `${n} more units of ${rule.model} reach the ${t}-unit tier`)
      : tr(ctx, `再提 ${n} 台达到 ${t} 台档`, `${n} more units reach the ${t}-unit tier`);
  }
  const n = yuanText(next.missing), t = yuanText(next.threshold);
  return rule.model
    ? tr(ctx, `再提 ¥${n} ${rule.model} 达到 ¥${t} 档`, `¥${n} more of ${rule.model} reach the ¥${t} tier`)
    : tr(ctx, `再提 ¥${n} 达到 ¥${t} 档`, `¥${n} more reach the ¥${t} tier`);
}

function lineNote(ctx: Ctx, l: RebateLine): string {
  if (l.tier > l.tierBefore) {
    if (l.rule.thresholds.length === 1 && l.rule.thresholds[0] === 0) return "";
    const before = l.rule.basis === "quantity" ? l.cumulative.qty - l.line.quantity : l.cumulative.amount - l.line.amount;
    const retro = l.rule.mode === "wholeVolume" && before > 0;
    const label = tierLabel(ctx, l.rule, l.tier);
    return retro
      ? tr(ctx, `达到 ${label} 档，含本协议期此前各台按新档追溯补提`, `reaches ${label}: includes the retroactive top-up on earlier units of the period`)
      : tr(ctx, `达到 ${label} 档`, `reaches ${label}`);
  }
  if (l.tier < l.tierBefore) {
    return tr(ctx, `退货后降至 ${tierLabel(ctx, l.rule, l.tier)}，追回差额`, `return drops to ${tierLabel(ctx, l.rule, l.tier)}: clawback`);
  }
  if (l.rebate < 0) return tr(ctx, "退货冲减", "return reduces the rebate");
  return "";
}

function periodText(p: { from: number; to: number }): string {
  return `${isoDate(p.from)} – ${p.to >= 2958465 ? "…" : isoDate(p.to)}`;
}

/** Quantity-basis cells show whole units; amount-basis cells keep the money format of the column. */
function unitFormats(rules: RebateRule[], keys: string[]): Record<string, NumberFormat> {
  const out: Record<string, NumberFormat> = {};
  rules.forEach((rule, i) => {
    if (rule.basis === "quantity" && rule.kind !== "collection") for (const k of keys) out[`${i}:${k}`] = "integer";
  });
  return out;
}

function names(ctx: Ctx): Map<string, string> {
  return new Map(ctx.data.customers.map((c) => [c.customerId, c.name]));
}

/** 返利明细 / Rebate lines: one row per (sales line of the month × rule that touched it), in sales-sheet order. */
export function rebateLinesSheet(ctx: Ctx, r: RebateResult): SheetPatch {
  const nm = names(ctx);
  const sorted = r.lines.slice().sort((a, b) =>
    a.line.sheet < b.line.sheet ? -1 : a.line.sheet > b.line.sheet ? 1 : a.line.row - b.line.row || a.ruleIndex - b.ruleIndex);
  const rows: PatchValue[][] = sorted.map((l) => [
    l.line.sheet,
    l.line.row + 1,
    l.line.date,
    l.line.customerId,
    nm.get(l.line.customerId) ?? l.line.customerId,
    l.line.model,
    l.line.quantity,
    toYuan(l.line.amount),
    l.line.contractPlan ? tr(ctx, "是", "yes") : tr(ctx, "否", "no"),
    l.rule.ruleId,
    kindLabel(ctx, l.rule.kind),
    tr(ctx, BASIS_LABEL[l.rule.basis].zh, BASIS_LABEL[l.rule.basis].en),
    basisCell(l.rule, l.cumulative),
    thresholdCell(l.rule, l.tier),
    tierRate(ctx, l.rule, l.tier),
    toYuan(l.entitlementAfter),
    toYuan(l.rebate),
    lineNote(ctx, l),
    paymentFormLabel(ctx, l.rule),
  ]);
  const block: Block = {
    id: "rebates.lines",
    at: { row: 2, col: 0 },
    columns: [
      { key: "sheet", header: tr(ctx, "来源表", "Source sheet"), format: "text", width: 10 },
      { key: "row", header: tr(ctx, "来源行", "Source row"), format: "integer", width: 8 },
      { key: "date", header: tr(ctx, "日期", "Date"), format: "date", width: 11 },
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text", width: 10 },
      { key: "customer", header: tr(ctx, "客户名称", "Customer"), format: "text", width: 24 },
      { key: "model", header: tr(ctx, "型号", "Model"), format: "text", width: 9 },
      { key: "qty", header: tr(ctx, "数量", "Qty"), format: "integer", width: 8 },
      { key: "amount", header: tr(ctx, "金额", "Amount"), format: "money", width: 13 },
      { key: "contractPlan", header: tr(ctx, "合约计划", "Contract plan"), format: "text", width: 8 },
      { key: "ruleId", header: tr(ctx, "规则编号", "Rule ID"), format: "text", width: 8 },
      { key: "kind", header: tr(ctx, "返利类型", "Kind"), format: "text", width: 10 },
      { key: "basis", header: tr(ctx, "依据", "Basis"), format: "text", width: 7 },
      { key: "cumulative", header: tr(ctx, "协议期累计依据", "Cumulative basis"), format: "money", width: 14 },
      { key: "threshold", header: tr(ctx, "达到门槛", "Threshold reached"), format: "money", width: 11 },
      { key: "rate", header: tr(ctx, "返利标准", "Rate"), format: "text", width: 14 },
      { key: "entitlement", header: tr(ctx, "累计应返", "Cumulative entitlement"), format: "money", width: 13 },
      { key: "rebate", header: tr(ctx, "本行返利", "Rebate"), format: "money", width: 12 },
      { key: "note", header: tr(ctx, "说明", "Note"), format: "text", width: 36 },
      { key: "paymentForm", header: tr(ctx, "兑付方式", "Payment form"), format: "text", width: 9 },
    ],
    rows,
  };
  block.cellFormats = unitFormats(sorted.map((l) => l.rule), ["cumulative", "threshold"]);
  const rebateCol = columnLetter(block.at.col + 16);
  const first = firstDataRow(block) + 1;
  const total = sorted.reduce((s, l) => s + l.rebate, 0);
  if (rows.length) {
    const totalRow: PatchValue[] = new Array(block.columns.length).fill(null);
    totalRow[0] = tr(ctx, "合计", "Total");
    totalRow[16] = { formula: `SUM(${rebateCol}${first}:${rebateCol}${first + rows.length - 1})`, result: toYuan(total) };
    rows.push(totalRow);
    block.rowStyles = { [rows.length - 1]: TOTAL_ROW };
  }
  const head: Block = {
    id: "rebates.linesHead",
    at: { row: 0, col: 0 },
    title: tr(ctx, `${r.monthKey} 返利明细`, `Rebate lines ${r.monthKey}`),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[tr(
      ctx,
      `每行 = 当月一条销售记录 × 一条返利规则；本行返利 = 本行后累计应返 − 本行前累计应返（协议期累计，四舍五入到分）。合计 ¥${yuanText(total)}`,
      `One row per sales line of the month × rule; rebate = cumulative entitlement after the line − before it (agreement period to date, rounded half-up to the fen). Total ¥${yuanText(total)}`,
    )]],
  };
  return { name: tr(ctx, REBATE_LINES_SHEET.zh, REBATE_LINES_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, block], charts: [], freeze: { rows: 3, cols: 0 } };
}

/** 返利对账单 / Rebate statement: reconciliation, rebates by customer (with chart), statement per customer × rule. */
export function rebateStatementSheet(ctx: Ctx & Pick<RunContext, "data">, r: RebateResult): SheetPatch {
  const nm = names(ctx);
  const rec = r.reconciliation;
  const salesSheet = ctx.data.salesTable?.sheet ?? "";
  const recon: Block = {
    id: "rebates.reconciliation",
    at: { row: 2, col: 0 },
    title: tr(ctx, "核对：当月销售额 = 有返利 + 无返利", "Reconciliation: sales of the month = rebated + not rebated"),
    columns: [
      { key: "item", header: tr(ctx, "项目", "Item"), format: "text", width: 34 },
      { key: "amount", header: tr(ctx, "金额", "Amount"), format: "money", width: 16 },
      { key: "lines", header: tr(ctx, "行数", "Lines"), format: "integer", width: 10 },
    ],
    rows: [],
  };
  const r0 = firstDataRow(recon) + 1; // 1-based sheet row of the first data row
  const B = columnLetter(recon.at.col + 1);
  const C = columnLetter(recon.at.col + 2);
  recon.rows = [
    [tr(ctx, `当月销售额（${salesSheet}）`, `Sales amount of the month (${salesSheet})`), toYuan(rec.salesAmount), rec.salesLines],
    [tr(ctx, "其中：有返利的销售额", "of which rebated (lines that earned a rebate)"), toYuan(rec.rebatedAmount), rec.rebatedLines],
    [tr(ctx, "其中：无返利的销售额", "of which not rebated"), toYuan(rec.notRebatedAmount), rec.salesLines - rec.rebatedLines],
    [
      tr(ctx, "核对差额（应为 0）", "Check (must be 0)"),
      { formula: `ROUND(${B}${r0}-${B}${r0 + 1}-${B}${r0 + 2},2)`, result: 0 },
      { formula: `${C}${r0}-${C}${r0 + 1}-${C}${r0 + 2}`, result: 0 },
    ],
    [tr(ctx, "当月返利合计", "Rebates of the month"), toYuan(r.total), r.lines.length],
    [tr(ctx, "返利占当月销售额", "Rebates as a share of sales"), rec.salesAmount ? roundTo(r.total / rec.salesAmount, 6) : 0, null],
  ];
  recon.rowStyles = { 3: TOTAL_ROW };
  recon.cellFormats = { "5:amount": "percent1" };

  const byCustomer: Block = {
    id: "rebates.byCustomer",
    at: { row: 2 + 1 + 1 + recon.rows.length + 2, col: 0 },
    title: tr(ctx, "按客户返利汇总（本月应付）", "Rebates by customer (payable this month)"),
    columns: [
      { key: "rank", header: tr(ctx, "排名", "Rank"), format: "integer", width: 6 },
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text", width: 10 },
      { key: "customer", header: tr(ctx, "客户名称", "Customer"), format: "text", width: 26 },
      { key: "pickup", header: KIND_LABEL.pickup[ctx.lang], format: "money", width: 12 },
      { key: "volume", header: KIND_LABEL.volume[ctx.lang], format: "money", width: 12 },
      { key: "contract", header: KIND_LABEL.contract[ctx.lang], format: "money", width: 12 },
      { key: "other", header: KIND_LABEL.other[ctx.lang], format: "money", width: 12 },
      { key: "target", header: KIND_LABEL.target[ctx.lang], format: "money", width: 12 },
      { key: "collection", header: KIND_LABEL.collection[ctx.lang], format: "money", width: 12 },
      { key: "growth", header: KIND_LABEL.growth[ctx.lang], format: "money", width: 12 },
      { key: "total", header: tr(ctx, "合计", "Total"), format: "money", width: 13 },
    ],
    rows: r.byCustomer.map((c, i) => [i + 1, c.customerId, nm.get(c.customerId) ?? c.customerId, toYuan(c.pickup), toYuan(c.volume), toYuan(c.contract), toYuan(c.other), toYuan(c.target), toYuan(c.collection), toYuan(c.growth), toYuan(c.total)]),
  };
  if (r.byCustomer.length) {
    const sum = (k: RebateKind | "total") => toYuan(r.byCustomer.reduce((s, c) => s + c[k], 0));
    byCustomer.rows.push([null, null, tr(ctx, "合计", "Total"), sum("pickup"), sum("volume"), sum("contract"), sum("other"), sum("target"), sum("collection"), sum("growth"), sum("total")]);
    byCustomer.rowStyles = { [byCustomer.rows.length - 1]: TOTAL_ROW };
  }
  const chartTop = 2;
  const chartRows = 22;
  const afterCustomers = byCustomer.at.row + 2 + byCustomer.rows.length;
  const statementAt = Math.max(afterCustomers, chartTop + chartRows) + 2;
  const statement: Block = {
    id: "rebates.statement",
    at: { row: statementAt, col: 0 },
    title: tr(ctx, `${r.monthKey} 返利对账单（每客户 × 每规则）`, `Rebate statement ${r.monthKey} (per customer × rule)`),
    columns: [
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text", width: 10 },
      { key: "customer", header: tr(ctx, "客户名称", "Customer"), format: "text", width: 26 },
      { key: "ruleId", header: tr(ctx, "规则编号", "Rule ID"), format: "text", width: 8 },
      { key: "kind", header: tr(ctx, "返利类型", "Kind"), format: "text", width: 10 },
      { key: "model", header: tr(ctx, "型号", "Model"), format: "text", width: 9 },
      { key: "basis", header: tr(ctx, "依据", "Basis"), format: "text", width: 7 },
      { key: "period", header: tr(ctx, "协议期", "Agreement period"), format: "text", width: 24 },
      { key: "cumulative", header: tr(ctx, "累计依据", "Cumulative basis"), format: "money", width: 14 },
      { key: "tier", header: tr(ctx, "达到档位", "Tier reached"), format: "text", width: 12 },
      { key: "rate", header: tr(ctx, "返利标准", "Rate"), format: "text", width: 16 },
      { key: "entitlement", header: tr(ctx, "累计应返", "Cumulative entitlement"), format: "money", width: 13 },
      { key: "paidBefore", header: tr(ctx, "以前月份已返", "Paid before"), format: "money", width: 13 },
      { key: "thisMonth", header: tr(ctx, "本月应付", "This month"), format: "money", width: 13 },
      { key: "next", header: tr(ctx, "距下一档", "To the next tier"), format: "text", width: 34 },
      { key: "paymentForm", header: tr(ctx, "兑付方式", "Payment form"), format: "text", width: 9 },
      { key: "explain", header: tr(ctx, "计算依据说明", "Figures used"), format: "text", width: 34 },
    ],
    rows: r.statement.map((s) => [
      s.customerId,
      nm.get(s.customerId) ?? s.customerId,
      s.rule.ruleId,
      kindLabel(ctx, s.rule.kind),
      s.rule.model ?? tr(ctx, "全部", "all"),
      s.rule.kind === "collection" ? tr(ctx, "回款", "Collections") : tr(ctx, BASIS_LABEL[s.rule.basis].zh, BASIS_LABEL[s.rule.basis].en),
      periodText(s.period),
      basisCell(s.rule, s.cumulative),
      tierLabel(ctx, s.rule, s.tier),
      tierRate(ctx, s.rule, s.tier),
      toYuan(s.entitlement),
      toYuan(s.paidBefore),
      toYuan(s.thisMonth),
      nextTierText(ctx, s),
      paymentFormLabel(ctx, s.rule),
      kindExplanation(ctx, s),
    ]),
  };
  statement.cellFormats = unitFormats(r.statement.map((x) => x.rule), ["cumulative"]);
  if (r.statement.length) {
    const sum = (f: (s: RebateStatementRow) => number) => toYuan(r.statement.reduce((a, s) => a + f(s), 0));
    statement.rows.push([tr(ctx, "合计", "Total"), null, null, null, null, null, null, null, null, null, sum((s) => s.entitlement), sum((s) => s.paidBefore), sum((s) => s.thisMonth), null, null, null]);
    statement.rowStyles = { [statement.rows.length - 1]: TOTAL_ROW };
  }
  const head: Block = {
    id: "rebates.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, `${r.monthKey} 返利对账单`, `Rebate statement ${r.monthKey}`),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[tr(
      ctx,
      `本月应付返利 ¥${yuanText(r.total)}（${r.byCustomer.length} 家客户）。本月应付 = 协议期累计应返 − 以前月份已返；负数为退货追回。`,
      `Rebates payable this month ¥${yuanText(r.total)} (${r.byCustomer.length} customers). This month = cumulative entitlement − paid before; negative = clawback.`,
    )]],
  };
  const sheet: SheetPatch = {
    name: tr(ctx, REBATE_STATEMENT_SHEET.zh, REBATE_STATEMENT_SHEET.en),
    tabColor: TAB_COLOUR,
    blocks: [head, recon, byCustomer, statement],
    charts: [],
  };
  const top = Math.min(REBATE_CHART_CUSTOMERS, r.byCustomer.length);
  if (top > 0) {
    sheet.charts.push({
      id: "rebates.byCustomerChart",
      type: "bar",
      title: tr(ctx, `返利金额前 ${top} 名客户（${r.monthKey}）`, `Top ${top} customers by rebate (${r.monthKey})`),
      categories: { block: "rebates.byCustomer", column: "customer", rows: [0, top - 1] },
      series: [{ name: tr(ctx, "本月返利", "Rebate this month"), values: { block: "rebates.byCustomer", column: "total", rows: [0, top - 1] } }],
      at: { row: chartTop, col: 9 },
      size: { cols: 9, rows: chartRows },
    });
  }
  return sheet;
}

/** Rule ids and the month's rebate beside each sales line of the month that a rule touched. */
export function rebateColumns(ctx: Ctx & Pick<RunContext, "data">, r: RebateResult): ColumnsPatch | null {
  const table = ctx.data.salesTable;
  if (!table || r.lines.length === 0) return null;
  const byRow = new Map<number, { rules: string[]; rebate: number }>();
  for (const l of r.lines) {
    if (l.line.sheet !== table.sheet) continue;
    let e = byRow.get(l.line.row);
    if (!e) byRow.set(l.line.row, (e = { rules: [], rebate: 0 }));
    if (!e.rules.includes(l.rule.ruleId)) e.rules.push(l.rule.ruleId);
    e.rebate += l.rebate;
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  return {
    id: "rebates.columns",
    sheet: table.sheet,
    headerRow: table.headerRow,
    rows,
    columns: [
      { key: "rebateRules", header: tr(ctx, "返利规则（当月）", "Rebate rules (month)"), format: "text", width: 12, values: rows.map((x) => byRow.get(x)!.rules.join(", ")) },
      { key: "rebate", header: tr(ctx, "返利金额（当月）", "Rebate (month)"), format: "money", width: 12, values: rows.map((x) => toYuan(byRow.get(x)!.rebate)) },
    ],
  };
}
