/**
 * Rebate outputs (SPEC §5): the 返利明细 / Rebate lines sheet (every sales line of the month a
 * rule touched, with the rule, basis, threshold reached, rate and amount, and the rebate again
 * in its kind's column so that finance can total each kind), the 返利对账单 / Rebate statement
 * sheet (reconciliation with a check cell, rebates by customer and kind with a top-20 bar
 * chart, and the per customer × rule statement with the distance to the next tier), and two
 * columns beside the month's sales lines.
 *
 * Builders are functions of (settlement result, vocabulary, rebate kinds): the columns per
 * kind come from the kinds table (domain/rebates/kinds.ts), so a new kind needs no change here.
 */
import { Decimal } from "decimal.js";
import { isoDate } from "../domain/calendar";
import type { PaymentForm, RebateBasis, RebateKind, RebateRate, RebateRule } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import {
  KIND_MODULES, LINE_REBATE_RULE, MONTH_PAYMENT_RULE, REBATE_KINDS, type RebateKindInfo, type RebateLine, type RebateResult, type RebateStatementRow,
  retroactiveTopUp, returnClawback,
} from "../domain/rebates";
import { columnLetter } from "../sheets/grid";
import type { Block, ColumnsPatch, NumberFormat, SheetPatch } from "./patch";
import { firstDataRow } from "./patch";
import { TAB_COLOUR, TOTAL_ROW } from "./style";
import { type Column, type Label, type Lang, besideColumns, noteBlock, pick, tableBlock } from "./table";

export const REBATE_LINES_SHEET = { zh: "返利明细", en: "Rebate lines" };
export const REBATE_STATEMENT_SHEET = { zh: "返利对账单", en: "Rebate statement" };
/** How many customers the rebate chart draws (the table lists them all). */
export const REBATE_CHART_CUSTOMERS = 20;

/** What the rebate sheets need besides the settlement: the language and the customers' names. */
export interface RebateVocabulary {
  lang: Lang;
  customerNames: { get(customerId: string): string | undefined };
  /** The sales sheet the month's lines come from (named in the reconciliation). */
  salesSheet: string;
}

const BASIS_LABEL: Record<RebateBasis | "collection", Label> = {
  quantity: { zh: "数量", en: "Quantity" },
  amount: { zh: "金额", en: "Amount" },
  collection: { zh: "回款", en: "Collections" },
};
const YES_NO = { yes: { zh: "是", en: "yes" }, no: { zh: "否", en: "no" } };
export const TOTAL: Label = { zh: "合计", en: "Total" };

export const PAYMENT_FORM_LABEL: Record<PaymentForm, Label> = {
  cash: { zh: "现金", en: "Cash" },
  goods: { zh: "货补", en: "Goods" },
  invoiceDiscount: { zh: "票折", en: "Invoice discount" },
};

const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);
const yuanText = (fen: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(fen / 100);
/** Units as people write them in tier names ("1000-unit tier", no grouping). */
const qtyText = (q: number) => String(Math.round(q * 10_000) / 10_000);

export function kindVocabulary(kinds: readonly RebateKindInfo[]): Record<string, Label> {
  return Object.fromEntries(kinds.map((k) => [k.kind, k.label]));
}

export function rateLabel(lang: Lang, r: RebateRate): string {
  if (r.share !== undefined) return `${new Decimal(r.share).times(100).toString()}%`;
  if (r.fixed !== undefined) return t(lang, `固定 ¥${yuanText(r.fixed)}`, `fixed ¥${yuanText(r.fixed)}`);
  return t(lang, `¥${yuanText(r.perUnit ?? 0)}/台`, `¥${yuanText(r.perUnit ?? 0)}/unit`);
}

/** "≥1,000台" / "≥¥5,000"; the first tier "from 0" reads "from the first unit". */
export function tierLabel(lang: Lang, rule: RebateRule, tier: number): string {
  if (tier < 0) return t(lang, "未达门槛", "below the first tier");
  const th = rule.thresholds[tier];
  if (rule.kind === "target") return t(lang, `达成≥${roundTo(th * 100, 2)}%`, `achievement ≥${roundTo(th * 100, 2)}%`);
  if (rule.kind === "growth") return t(lang, `增长≥${roundTo(th * 100, 2)}%`, `growth ≥${roundTo(th * 100, 2)}%`);
  if (th === 0) return t(lang, "首台起", "from the first unit");
  return isUnits(rule) ? t(lang, `≥${qtyText(th)}台`, `≥${qtyText(th)} units`) : `≥¥${yuanText(th)}`;
}

/** The rate in force at a tier, with the mode for tiered rules ("¥43/台 全量"). */
function tierRate(lang: Lang, rule: RebateRule, tier: number): string {
  if (tier < 0) return "";
  const r = rateLabel(lang, rule.rates[tier]);
  if (rule.kind === "growth") return `${r} ${rule.mode === "increment" ? t(lang, "增量", "on the increment") : t(lang, "全量", "on the whole")}`;
  if (rule.rates.length < 2 || rule.kind === "target") return r;
  return `${r} ${rule.mode === "graduated" ? t(lang, "分段", "graduated") : t(lang, "全量", "whole-volume")}`;
}

/** Basis value for cells: units, or yuan for an amount basis. */
function basisCell(rule: RebateRule, v: { qty: number; amount: number }): number {
  return isUnits(rule) ? v.qty : toYuan(v.amount);
}

/** A rule measured in units (collection rules are always measured in money collected). */
export function isUnits(rule: RebateRule): boolean {
  return rule.basis === "quantity" && rule.kind !== "collection";
}

/** What a per-customer kind's figure rests on: the plan, last year's basis, collections left out (SPEC §8). */
export function kindExplanation(lang: Lang, s: RebateStatementRow): string {
  const { rule } = s;
  const fmt = (a: { qty: number; amount: number }) => (rule.basis === "quantity" ? t(lang, `${qtyText(a.qty)}台`, `${qtyText(a.qty)} units`) : `¥${yuanText(a.amount)}`);
  if (s.note) return pick(s.note, lang);
  if (rule.kind === "target" && s.reference && s.ratio != null) {
    return t(lang, `计划 ${fmt(s.reference)}，达成 ${roundTo(s.ratio * 100, 1)}%`, `plan ${fmt(s.reference)}, achievement ${roundTo(s.ratio * 100, 1)}%`);
  }
  if (rule.kind === "growth" && s.reference && s.ratio != null) {
    return t(lang, `去年同期 ${fmt(s.reference)}，增长 ${roundTo(s.ratio * 100, 1)}%`, `same dates last year ${fmt(s.reference)}, growth ${roundTo(s.ratio * 100, 1)}%`);
  }
  if (rule.kind === "collection") {
    const parts: string[] = [];
    if (rule.daysLimit != null) parts.push(t(lang, `账期 ≤${rule.daysLimit} 天`, `paid within ${rule.daysLimit} days`));
    if (s.excludedCount) parts.push(t(lang, `超期 ${s.excludedCount} 笔 ¥${yuanText(s.excluded ?? 0)} 不计`, `${s.excludedCount} late collection(s) ¥${yuanText(s.excluded ?? 0)} left out`));
    if (s.unchecked) parts.push(t(lang, `${s.unchecked} 笔无发票日期，按符合计`, `${s.unchecked} without invoice date, counted`));
    return parts.join("；");
  }
  return "";
}

function thresholdCell(rule: RebateRule, tier: number): number | null {
  if (tier < 0) return null;
  const th = rule.thresholds[tier];
  return rule.basis === "quantity" ? th : toYuan(th);
}

/** Quantity-basis cells show whole units; amount-basis cells keep the money format of the column. */
const unitFormat = (rule: RebateRule): NumberFormat | undefined => (isUnits(rule) ? "integer" : undefined);

/** "再提 120 台 I9300 达到 1000 台档" / "120 more units of I9300 reach the 1000-unit tier". */
export function nextTierText(lang: Lang, s: Pick<RebateStatementRow, "rule" | "next" | "tier">): string {
  const { rule, next } = s;
  if (!next) return rule.thresholds.length > 1 || rule.thresholds[0] > 0 ? t(lang, "已达最高档", "top tier reached") : "";
  if (next.threshold === 0 && rule.kind !== "growth") return "";
  if (rule.kind === "target" || rule.kind === "growth") {
    const band = tierLabel(lang, rule, next.index);
    return rule.basis === "quantity"
      ? t(lang, `再提 ${qtyText(next.missing)} 台达到 ${band}`, `${qtyText(next.missing)} more units reach ${band}`)
      : t(lang, `再提 ¥${yuanText(next.missing)} 达到 ${band}`, `¥${yuanText(next.missing)} more reach ${band}`);
  }
  if (rule.kind === "collection") {
    return t(lang, `再回款 ¥${yuanText(next.missing)} 达到 ¥${yuanText(next.threshold)} 档`, `¥${yuanText(next.missing)} more collected reach the ¥${yuanText(next.threshold)} tier`);
  }
  if (rule.basis === "quantity") {
    const n = qtyText(next.missing), th = qtyText(next.threshold);
    return rule.model
      ? t(lang, `再提 ${n} 台 ${rule.model} 达到 ${th} 台档`, `${n} more units of ${rule.model} reach the ${th}-unit tier`)
      : t(lang, `再提 ${n} 台达到 ${th} 台档`, `${n} more units reach the ${th}-unit tier`);
  }
  const n = yuanText(next.missing), th = yuanText(next.threshold);
  return rule.model
    ? t(lang, `再提 ¥${n} ${rule.model} 达到 ¥${th} 档`, `¥${n} more of ${rule.model} reach the ¥${th} tier`)
    : t(lang, `再提 ¥${n} 达到 ¥${th} 档`, `¥${n} more reach the ¥${th} tier`);
}

function lineNote(lang: Lang, l: RebateLine): string {
  if (l.tier > l.tierBefore) {
    if (l.rule.thresholds.length === 1 && l.rule.thresholds[0] === 0) return "";
    const before = l.rule.basis === "quantity" ? l.cumulative.qty - l.line.quantity : l.cumulative.amount - l.line.amount;
    const label = tierLabel(lang, l.rule, l.tier);
    return l.rule.mode === "wholeVolume" && before > 0 ? pick(retroactiveTopUp(label), lang) : t(lang, `达到 ${label} 档`, `reaches ${label}`);
  }
  if (l.tier < l.tierBefore) return pick(returnClawback(tierLabel(lang, l.rule, l.tier)), lang);
  if (l.rebate < 0) return t(lang, "退货冲减", "return reduces the rebate");
  return "";
}

function periodText(p: { from: number; to: number }): string {
  return `${isoDate(p.from)} – ${p.to >= 2958465 ? "…" : isoDate(p.to)}`;
}

/** One money column per rebate kind; `amount(row, kind)` is the row's rebate of that kind. */
function kindColumns<R>(kinds: readonly RebateKindInfo[], amount: (row: R, kind: string) => number | null): Column<R>[] {
  return kinds.map((k) => ({ key: `kind.${k.kind}`, label: k.label, format: "money" as const, value: (r: R) => amount(r, k.kind), total: "sum" as const }));
}

function lineColumns(v: RebateVocabulary, kinds: readonly RebateKindInfo[]): Column<RebateLine>[] {
  const { lang } = v;
  return [
    { key: "sheet", label: { zh: "来源表", en: "Source sheet" }, format: "text", value: (l) => l.line.sheet, total: TOTAL },
    { key: "row", label: { zh: "来源行", en: "Source row" }, format: "integer", value: (l) => l.line.row + 1 },
    { key: "date", label: { zh: "日期", en: "Date" }, format: "date", value: (l) => l.line.date },
    { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (l) => l.line.customerId },
    { key: "customer", label: { zh: "客户名称", en: "Customer" }, format: "text", value: (l) => v.customerNames.get(l.line.customerId) ?? l.line.customerId },
    { key: "model", label: { zh: "型号", en: "Model" }, format: "text", value: (l) => l.line.model },
    { key: "qty", label: { zh: "数量", en: "Qty" }, format: "integer", value: (l) => l.line.quantity },
    { key: "amount", label: { zh: "金额", en: "Amount" }, format: "money", value: (l) => toYuan(l.line.amount) },
    { key: "contractPlan", label: { zh: "合约计划", en: "Contract plan" }, format: { vocabulary: YES_NO }, value: (l) => (l.line.contractPlan ? "yes" : "no") },
    { key: "ruleId", label: { zh: "规则编号", en: "Rule ID" }, format: "text", value: (l) => l.rule.ruleId },
    { key: "kind", label: { zh: "返利类型", en: "Kind" }, format: { vocabulary: kindVocabulary(kinds) }, value: (l) => l.rule.kind },
    { key: "basis", label: { zh: "依据", en: "Basis" }, format: { vocabulary: BASIS_LABEL }, value: (l) => l.rule.basis },
    { key: "cumulative", label: { zh: "协议期累计依据", en: "Cumulative basis" }, format: "number", value: (l) => basisCell(l.rule, l.cumulative), formatOf: (l) => unitFormat(l.rule) },
    { key: "threshold", label: { zh: "达到门槛", en: "Threshold reached" }, format: "number", value: (l) => thresholdCell(l.rule, l.tier), formatOf: (l) => unitFormat(l.rule) },
    { key: "rate", label: { zh: "返利标准", en: "Rate" }, format: "text", value: (l) => tierRate(lang, l.rule, l.tier) },
    { key: "entitlement", label: { zh: "累计应返", en: "Cumulative entitlement" }, format: "money", value: (l) => toYuan(l.entitlementAfter) },
    { key: "rebate", label: { zh: "本行返利", en: "Rebate" }, format: "money", value: (l) => toYuan(l.rebate), total: "sum" },
    // Kinds settled per customer × rule (target, collection, growth) have no lines: no empty column for them here.
    ...kindColumns<RebateLine>(kinds.filter((k) => KIND_MODULES[k.kind as RebateKind]?.byLine !== false), (l, k) => (l.rule.kind === k ? toYuan(l.rebate) : null)),
    { key: "note", label: { zh: "说明", en: "Note" }, format: "text", value: (l) => lineNote(lang, l), width: { max: 60 } },
    { key: "paymentForm", label: { zh: "兑付方式", en: "Payment form" }, format: { vocabulary: PAYMENT_FORM_LABEL }, value: (l) => l.rule.paymentForm ?? "cash" },
  ];
}

/** 返利明细 / Rebate lines: one row per (sales line of the month × rule that touched it), in sales-sheet order. */
export function rebateLinesSheet(r: RebateResult, v: RebateVocabulary, kinds: readonly RebateKindInfo[] = REBATE_KINDS): SheetPatch {
  const { lang } = v;
  const sorted = r.lines.slice().sort((a, b) =>
    a.line.sheet < b.line.sheet ? -1 : a.line.sheet > b.line.sheet ? 1 : a.line.row - b.line.row || a.ruleIndex - b.ruleIndex);
  const lines = tableBlock({ id: "rebates.lines", at: { row: 2, col: 0 }, columns: lineColumns(v, kinds), totals: true }, sorted, lang);
  const total = sorted.reduce((s, l) => s + l.rebate, 0);
  const head = noteBlock("rebates.linesHead", { row: 0, col: 0 }, t(lang, `${r.monthKey} 返利明细`, `Rebate lines ${r.monthKey}`), [
    `${pick(LINE_REBATE_RULE, lang)}${t(lang, "合计", " Total")} ¥${yuanText(total)}`,
  ]);
  return {
    name: pick(REBATE_LINES_SHEET, lang), tabColor: TAB_COLOUR, blocks: [head, lines], charts: [],
    freeze: { rows: 3, cols: 0 }, setup: { autoFilter: "rebates.lines" },
  };
}

interface CustomerRow {
  rank: number;
  customerId: string;
  byKind: Map<string, number>;
  total: number;
}

/** The month's payment per customer and kind, from the statement (so any kind of the table is covered). */
function customerRows(r: RebateResult): CustomerRow[] {
  const byKind = new Map<string, Map<string, number>>();
  for (const s of r.statement) {
    let m = byKind.get(s.customerId);
    if (!m) byKind.set(s.customerId, (m = new Map()));
    m.set(s.rule.kind, (m.get(s.rule.kind) ?? 0) + s.thisMonth);
  }
  return r.byCustomer.map((c, i) => ({ rank: i + 1, customerId: c.customerId, byKind: byKind.get(c.customerId) ?? new Map(), total: c.total }));
}

function reconciliationBlock(r: RebateResult, v: RebateVocabulary): Block {
  const { lang } = v;
  const rec = r.reconciliation;
  const block: Block = {
    id: "rebates.reconciliation",
    at: { row: 3, col: 0 },
    title: t(lang, "核对：当月销售额 = 有返利 + 无返利", "Reconciliation: sales of the month = rebated + not rebated"),
    columns: [
      { key: "item", header: t(lang, "项目", "Item"), format: "text" },
      { key: "amount", header: t(lang, "金额（元）", "Amount (¥)"), format: "money" },
      { key: "lines", header: t(lang, "行数", "Lines"), format: "integer" },
    ],
    rows: [],
  };
  const r0 = firstDataRow(block) + 1; // 1-based sheet row of the first data row
  const B = columnLetter(block.at.col + 1);
  const C = columnLetter(block.at.col + 2);
  block.rows = [
    [t(lang, `当月销售额（${v.salesSheet}）`, `Sales amount of the month (${v.salesSheet})`), toYuan(rec.salesAmount), rec.salesLines],
    [t(lang, "其中：有返利的销售额", "of which rebated (lines that earned a rebate)"), toYuan(rec.rebatedAmount), rec.rebatedLines],
    [t(lang, "其中：无返利的销售额", "of which not rebated"), toYuan(rec.notRebatedAmount), rec.salesLines - rec.rebatedLines],
    [
      t(lang, "核对差额（应为 0）", "Check (must be 0)"),
      { formula: `ROUND(${B}${r0}-${B}${r0 + 1}-${B}${r0 + 2},2)`, result: 0 },
      { formula: `${C}${r0}-${C}${r0 + 1}-${C}${r0 + 2}`, result: 0 },
    ],
    [t(lang, "当月返利合计", "Rebates of the month"), toYuan(r.total), r.lines.length],
    [t(lang, "返利占当月销售额", "Rebates as a share of sales"), rec.salesAmount ? roundTo(r.total / rec.salesAmount, 6) : 0, null],
  ];
  block.rowStyles = { 3: TOTAL_ROW };
  block.cellFormats = { "5:amount": "percent1" };
  return block;
}

function statementColumns(v: RebateVocabulary, kinds: readonly RebateKindInfo[]): Column<RebateStatementRow>[] {
  const { lang } = v;
  return [
    { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (s) => s.customerId, total: TOTAL },
    { key: "customer", label: { zh: "客户名称", en: "Customer" }, format: "text", value: (s) => v.customerNames.get(s.customerId) ?? s.customerId },
    { key: "ruleId", label: { zh: "规则编号", en: "Rule ID" }, format: "text", value: (s) => s.rule.ruleId },
    { key: "kind", label: { zh: "返利类型", en: "Kind" }, format: { vocabulary: kindVocabulary(kinds) }, value: (s) => s.rule.kind },
    { key: "model", label: { zh: "型号", en: "Model" }, format: "text", value: (s) => s.rule.model ?? t(lang, "全部", "all") },
    { key: "basis", label: { zh: "依据", en: "Basis" }, format: { vocabulary: BASIS_LABEL }, value: (s) => (s.rule.kind === "collection" ? "collection" : s.rule.basis) },
    { key: "period", label: { zh: "协议期", en: "Agreement period" }, format: "text", value: (s) => periodText(s.period) },
    { key: "cumulative", label: { zh: "累计依据", en: "Cumulative basis" }, format: "number", value: (s) => basisCell(s.rule, s.cumulative), formatOf: (s) => unitFormat(s.rule) },
    { key: "tier", label: { zh: "达到档位", en: "Tier reached" }, format: "text", value: (s) => tierLabel(lang, s.rule, s.tier) },
    { key: "rate", label: { zh: "返利标准", en: "Rate" }, format: "text", value: (s) => tierRate(lang, s.rule, s.tier) },
    { key: "entitlement", label: { zh: "累计应返", en: "Cumulative entitlement" }, format: "money", value: (s) => toYuan(s.entitlement), total: "sum" },
    { key: "paidBefore", label: { zh: "以前月份已返", en: "Paid before" }, format: "money", value: (s) => toYuan(s.paidBefore), total: "sum" },
    { key: "thisMonth", label: { zh: "本月应付", en: "This month" }, format: "money", value: (s) => toYuan(s.thisMonth), total: "sum" },
    { key: "next", label: { zh: "距下一档", en: "To the next tier" }, format: "text", value: (s) => nextTierText(lang, s), width: { max: 40 } },
    { key: "paymentForm", label: { zh: "兑付方式", en: "Payment form" }, format: { vocabulary: PAYMENT_FORM_LABEL }, value: (s) => s.rule.paymentForm ?? "cash" },
    { key: "explain", label: { zh: "计算依据说明", en: "Figures used" }, format: "text", value: (s) => kindExplanation(lang, s), width: { max: 40 } },
  ];
}

/** 返利对账单 / Rebate statement: reconciliation, rebates by customer and kind (with chart), statement per customer × rule. */
export function rebateStatementSheet(r: RebateResult, v: RebateVocabulary, kinds: readonly RebateKindInfo[] = REBATE_KINDS): SheetPatch {
  const { lang } = v;
  const recon = reconciliationBlock(r, v);
  const customerCols: Column<CustomerRow>[] = [
    { key: "rank", label: { zh: "排名", en: "Rank" }, format: "integer", value: (c) => c.rank },
    { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (c) => c.customerId },
    { key: "customer", label: { zh: "客户名称", en: "Customer" }, format: "text", value: (c) => v.customerNames.get(c.customerId) ?? c.customerId, total: TOTAL },
    ...kindColumns<CustomerRow>(kinds, (c, k) => toYuan(c.byKind.get(k) ?? 0)),
    { key: "total", label: TOTAL, format: "money", value: (c) => toYuan(c.total), total: "sum" },
  ];
  const customers = customerRows(r);
  const byCustomerAt = recon.at.row + 2 + recon.rows.length + 2;
  const byCustomer = tableBlock({
    id: "rebates.byCustomer", at: { row: byCustomerAt, col: 0 }, columns: customerCols, totals: true,
    title: { zh: "按客户返利汇总（本月应付）", en: "Rebates by customer (payable this month)" },
  }, customers, lang);
  const chartTop = recon.at.row;
  const chartRows = 22;
  const afterCustomers = byCustomer.at.row + 2 + byCustomer.rows.length;
  const statement = tableBlock({
    id: "rebates.statement", at: { row: Math.max(afterCustomers, chartTop + chartRows) + 2, col: 0 }, columns: statementColumns(v, kinds), totals: true,
    title: { zh: `${r.monthKey} 返利对账单（每客户 × 每规则）`, en: `Rebate statement ${r.monthKey} (per customer × rule)` },
  }, r.statement, lang);
  const head = noteBlock("rebates.head", { row: 0, col: 0 }, t(lang, `${r.monthKey} 返利对账单`, `Rebate statement ${r.monthKey}`), [
    t(lang, `本月应付返利 ¥${yuanText(r.total)}（${r.byCustomer.length} 家客户）。`, `Rebates payable this month ¥${yuanText(r.total)} (${r.byCustomer.length} customers). `) + pick(MONTH_PAYMENT_RULE, lang),
  ]);
  const sheet: SheetPatch = {
    name: pick(REBATE_STATEMENT_SHEET, lang), tabColor: TAB_COLOUR, blocks: [head, recon, byCustomer, statement], charts: [],
    // Several tables share the sheet: the frozen rows are its heading; the filter is on the statement.
    freeze: { rows: 2, cols: 0 }, setup: { autoFilter: "rebates.statement" },
  };
  const top = Math.min(REBATE_CHART_CUSTOMERS, r.byCustomer.length);
  if (top > 0) {
    sheet.charts.push({
      id: "rebates.byCustomerChart",
      type: "bar",
      title: t(lang, `返利金额前 ${top} 名客户（${r.monthKey}）`, `Top ${top} customers by rebate (${r.monthKey})`),
      categories: { block: "rebates.byCustomer", column: "customer", rows: [0, top - 1] },
      series: [{ name: t(lang, "本月返利", "Rebate this month"), values: { block: "rebates.byCustomer", column: "total", rows: [0, top - 1] } }],
      at: { row: chartTop, col: customerCols.length + 1 },
      size: { cols: 8, rows: chartRows },
    });
  }
  return sheet;
}

/** A sales line of the month that some rule touched: its sheet row, the rules and the month's rebate. */
interface RebatedSalesLine {
  row: number;
  rules: string[];
  rebate: number;
}

const SALES_LINE_COLUMNS: Column<RebatedSalesLine>[] = [
  { key: "rebateRules", label: { zh: "返利规则（当月）", en: "Rebate rules (month)" }, format: "text", value: (x) => x.rules.join(", ") },
  { key: "rebate", label: { zh: "返利金额（当月，元）", en: "Rebate (month, ¥)" }, format: "money", value: (x) => toYuan(x.rebate) },
];

/** The touched lines of one sales sheet, in sheet order. */
function rebatedSalesLines(r: RebateResult, sheet: string): RebatedSalesLine[] {
  const byRow = new Map<number, RebatedSalesLine>();
  for (const l of r.lines) {
    if (l.line.sheet !== sheet) continue;
    let e = byRow.get(l.line.row);
    if (!e) byRow.set(l.line.row, (e = { row: l.line.row, rules: [], rebate: 0 }));
    if (!e.rules.includes(l.rule.ruleId)) e.rules.push(l.rule.ruleId);
    e.rebate += l.rebate;
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

/** Rule ids and the month's rebate beside each sales line of the month that a rule touched. */
export function rebateColumns(r: RebateResult, v: Pick<RebateVocabulary, "lang"> & { salesTable: { sheet: string; headerRow: number } | null }): ColumnsPatch | null {
  const table = v.salesTable;
  if (!table || r.lines.length === 0) return null;
  const lines = rebatedSalesLines(r, table.sheet);
  return besideColumns({ id: "rebates.columns", table, columns: SALES_LINE_COLUMNS, sheetRow: (x) => x.row }, lines, v.lang);
}
