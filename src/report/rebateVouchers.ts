/**
 * 返利凭证 / Vouchers (SPEC §8): the month's accrual entries in the column layout that 用友 and
 * 金蝶 voucher imports accept, with totals and a check cell (debits − credits, must be 0);
 * and 返利预测 / Rebate forecast: per customer × rule, the run-rate projection to the end of
 * the agreement period and what the next band is worth.
 *
 * Builders are functions of (vouchers or forecast, vocabulary): the names of the customers and
 * the language come from the analysis, the rules' wording from domain/rebates/explain.ts.
 */
import type { RebateRule } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import { FORECAST_RULE, REBATE_KINDS, voucherRule, type RebateForecast, type RebateKindInfo, type VoucherResult } from "../domain/rebates";
import { columnLetter } from "../sheets/grid";
import { type PatchValue, type SheetPatch, firstDataRow } from "./patch";
import { PAYMENT_FORM_LABEL, type RebateVocabulary, TOTAL, isUnits, kindVocabulary } from "./rebates";
import { TAB_COLOUR, TOTAL_ROW } from "./style";
import { type Column, type Label, type Lang, noteBlock, pick, tableBlock } from "./table";

export const REBATE_VOUCHER_SHEET = { zh: "返利凭证", en: "Vouchers" };
export const REBATE_FORECAST_SHEET = { zh: "返利预测", en: "Rebate forecast" };

/** What the voucher and forecast sheets need besides their result: the language and the customers' names. */
export type RebateSheetVocabulary = Pick<RebateVocabulary, "lang" | "customerNames">;

const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);

type VoucherRow = VoucherResult["entries"][number];

/**
 * The voucher columns. The first nine are the import layout of SPEC §8 with the headers that
 * 用友 and 金蝶 voucher imports match on (always Chinese, whatever the output language, and
 * without a unit added to 借方金额 / 贷方金额); 规则编号 and 兑付方式 follow for finance.
 */
function voucherColumns(v: RebateSheetVocabulary): Column<VoucherRow>[] {
  const zh = (text: string): Label => ({ zh: text, en: text });
  const nm = (id: string) => v.customerNames.get(id) ?? id;
  return [
    { key: "date", label: zh("日期"), format: "date", value: (e) => e.date },
    { key: "word", label: zh("凭证字"), format: "text", value: (e) => e.word },
    { key: "number", label: zh("凭证号"), format: "integer", value: (e) => e.number },
    { key: "summary", label: zh("摘要"), format: "text", value: (e) => e.summary, total: TOTAL, width: { min: 26 } },
    { key: "accountCode", label: zh("科目编码"), format: "text", value: (e) => e.accountCode },
    { key: "accountName", label: zh("科目名称"), format: "text", value: (e) => e.accountName },
    { key: "debit", label: zh("借方金额"), format: "money", exactHeader: true, value: (e) => (e.debit ? toYuan(e.debit) : null), total: "sum" },
    { key: "credit", label: zh("贷方金额"), format: "money", exactHeader: true, value: (e) => (e.credit ? toYuan(e.credit) : null), total: "sum" },
    { key: "customer", label: zh("客户"), format: "text", value: (e) => `${e.customerId} ${nm(e.customerId)}` },
    { key: "ruleId", label: { zh: "规则编号", en: "Rule ID" }, format: "text", value: (e) => e.ruleId },
    { key: "paymentForm", label: { zh: "兑付方式", en: "Payment form" }, format: { vocabulary: PAYMENT_FORM_LABEL }, value: (e) => e.paymentForm },
  ];
}

/** A row under the table with cells by column key (the rest blank). */
function rowOf<R>(columns: readonly Column<R>[], cells: Record<string, PatchValue>): PatchValue[] {
  return columns.map((c) => cells[c.key] ?? null);
}

/** 返利凭证 / Vouchers of the month `monthKey` ("2024-12"): entries, totals, and the debit − credit check. */
export function rebateVoucherSheet(vouchers: VoucherResult, v: RebateSheetVocabulary, monthKey: string): SheetPatch {
  const { lang } = v;
  const columns = voucherColumns(v);
  const block = tableBlock({ id: "rebates.vouchers", at: { row: 2, col: 0 }, columns, totals: true }, vouchers.entries, lang);
  const letter = (key: string) => columnLetter(block.at.col + columns.findIndex((c) => c.key === key));
  const totalRow = firstDataRow(block) + 1 + vouchers.entries.length; // 1-based sheet row of the totals row
  if (!vouchers.entries.length) block.rows.push(rowOf(columns, { summary: t(lang, "本月无应付返利，无凭证", "No rebate payable this month: no voucher") }));
  const difference = vouchers.entries.length
    ? { formula: `ROUND(${letter("debit")}${totalRow}-${letter("credit")}${totalRow},2)`, result: roundTo(toYuan(vouchers.debit - vouchers.credit), 2) }
    : 0;
  block.rows.push(rowOf(columns, { summary: t(lang, "核对：借方 − 贷方（应为 0）", "Check: debits − credits (must be 0)"), debit: difference }));
  block.rowStyles = { ...block.rowStyles, [block.rows.length - 1]: TOTAL_ROW };
  const totals = t(lang, `借方合计 ¥${toYuan(vouchers.debit)}，贷方合计 ¥${toYuan(vouchers.credit)}。`, ` Debits ¥${toYuan(vouchers.debit)}, credits ¥${toYuan(vouchers.credit)}.`);
  const head = noteBlock("rebates.vouchersHead", { row: 0, col: 0 }, t(lang, `${monthKey} 返利预提凭证`, `Rebate accrual vouchers ${monthKey}`), [pick(voucherRule(vouchers.accounts), lang) + totals]);
  return { name: pick(REBATE_VOUCHER_SHEET, lang), tabColor: TAB_COLOUR, blocks: [head, block], charts: [], freeze: { rows: 3, cols: 0 } };
}

const isShareKind = (rule: RebateRule) => rule.kind === "target" || rule.kind === "growth";
/** A basis value for a cell: units, or yuan for an amount (and every collection) basis. */
const basisCell = (rule: RebateRule, v: number) => (isUnits(rule) ? roundTo(v, 2) : toYuan(Math.round(v)));

function forecastColumns(v: RebateSheetVocabulary, kinds: readonly RebateKindInfo[]): Column<RebateForecast>[] {
  const units = (f: RebateForecast) => (isUnits(f.rule) ? "integer" : undefined);
  return [
    { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (f) => f.customerId, total: TOTAL },
    { key: "customer", label: { zh: "客户名称", en: "Customer" }, format: "text", value: (f) => v.customerNames.get(f.customerId) ?? f.customerId, width: { max: 28 } },
    { key: "ruleId", label: { zh: "规则编号", en: "Rule ID" }, format: "text", value: (f) => f.rule.ruleId },
    { key: "kind", label: { zh: "返利类型", en: "Kind" }, format: { vocabulary: kindVocabulary(kinds) }, value: (f) => f.rule.kind },
    { key: "paymentForm", label: { zh: "兑付方式", en: "Payment form" }, format: { vocabulary: PAYMENT_FORM_LABEL }, value: (f) => f.rule.paymentForm ?? "cash" },
    { key: "periodEnd", label: { zh: "协议期末", en: "Period end" }, format: "date", value: (f) => f.period.to },
    { key: "days", label: { zh: "已过/全部工作日", en: "Working days elapsed / total" }, format: "text", value: (f) => `${f.workingDaysElapsed}/${f.workingDaysTotal}` },
    { key: "basis", label: { zh: "累计依据", en: "Basis to date" }, format: "money", value: (f) => basisCell(f.rule, f.basis), formatOf: units },
    { key: "projectedBasis", label: { zh: "预计期末依据", en: "Projected basis" }, format: "money", value: (f) => basisCell(f.rule, f.projectedBasis), formatOf: units },
    { key: "projectedRatio", label: { zh: "预计达成/增长", en: "Projected achievement / growth" }, format: "percent1", value: (f) => (f.projectedRatio === null ? null : roundTo(f.projectedRatio, 4)) },
    { key: "entitlement", label: { zh: "累计应返", en: "Entitlement to date" }, format: "money", value: (f) => toYuan(f.entitlement), total: "sum" },
    { key: "projectedEntitlement", label: { zh: "预计期末应返", en: "Projected entitlement" }, format: "money", value: (f) => toYuan(f.projectedEntitlement), total: "sum" },
    {
      key: "nextBand", label: { zh: "下一档", en: "Next band" }, format: "money",
      value: (f) => (f.nextBand === null ? null : isShareKind(f.rule) ? f.nextBand.threshold : basisCell(f.rule, f.nextBand.threshold)),
      formatOf: (f) => (isShareKind(f.rule) ? "percent1" : units(f)),
    },
    { key: "needed", label: { zh: "期末前还需", en: "Still needed" }, format: "money", value: (f) => (f.neededForNextBand === null ? null : basisCell(f.rule, f.neededForNextBand)), formatOf: units },
    { key: "gain", label: { zh: "达档多返", en: "Gain of the band" }, format: "money", value: (f) => (f.nextBandGain === null ? null : toYuan(f.nextBandGain)) },
  ];
}

/** 返利预测 / Rebate forecast: one row per customer × rule, with the totals of the entitlements. */
export function rebateForecastSheet(forecast: readonly RebateForecast[], v: RebateSheetVocabulary, kinds: readonly RebateKindInfo[] = REBATE_KINDS): SheetPatch {
  const { lang } = v;
  const block = tableBlock({ id: "rebates.forecast", at: { row: 2, col: 0 }, columns: forecastColumns(v, kinds), totals: true }, forecast, lang);
  const head = noteBlock("rebates.forecastHead", { row: 0, col: 0 }, t(lang, "返利预测（按当前进度推算到协议期末）", "Rebate forecast (run-rate to the end of the agreement period)"), [pick(FORECAST_RULE, lang)]);
  return { name: pick(REBATE_FORECAST_SHEET, lang), tabColor: TAB_COLOUR, blocks: [head, block], charts: [], freeze: { rows: 3, cols: 2 } };
}
