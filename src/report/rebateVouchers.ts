/**
 * 返利凭证 / Vouchers (SPEC §8): the month's accrual entries in the column layout that 用友 and
 * 金蝶 voucher imports accept, with totals and a check cell (debits − credits, must be 0);
 * and 返利预测 / Rebate forecast: per customer × rule, the run-rate projection to the end of
 * the agreement period and what the next band is worth.
 */
import { monthKeyFromIndex } from "../domain/calendar";
import type { PaymentForm, RebateRule } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import { REBATE_KINDS, type RebateForecast, type VoucherResult } from "../domain/rebates";
import { type RunContext, tr } from "../pipeline/context";
import { columnLetter } from "../sheets/grid";
import { PatchValue, SheetPatch, firstDataRow } from "./patch";
import { type Column, type Label, noteBlock, tableBlock } from "./table";
import { TAB_COLOUR, TOTAL_ROW } from "./style";

export const REBATE_VOUCHER_SHEET = { zh: "返利凭证", en: "Vouchers" };
export const REBATE_FORECAST_SHEET = { zh: "返利预测", en: "Rebate forecast" };

type Ctx = Pick<RunContext, "lang" | "data">;

/** Kind labels from the table of kinds (domain/rebates/kinds.ts). */
const KIND_LABELS: Record<string, Label> = Object.fromEntries(REBATE_KINDS.map((k) => [k.kind, k.label]));

export const PAYMENT_FORM_LABEL: Record<PaymentForm, Label> = {
  cash: { zh: "现金", en: "Cash" },
  goods: { zh: "货补", en: "Goods" },
  invoiceDiscount: { zh: "票折", en: "Invoice discount" },
};

export function paymentFormLabel(ctx: Pick<RunContext, "lang">, rule: Pick<RebateRule, "paymentForm">): string {
  const l = PAYMENT_FORM_LABEL[rule.paymentForm ?? "cash"];
  return tr(ctx, l.zh, l.en);
}

type VoucherRow = VoucherResult["entries"][number];

/**
 * The voucher columns. The first nine are the import layout of SPEC §8 with the headers that
 * 用友 and 金蝶 voucher imports match on (always Chinese, whatever the output language);
 * 规则编号 and 兑付方式 follow for finance.
 */
function voucherColumns(nm: (id: string) => string): Column<VoucherRow>[] {
  const zh = (t: string): Label => ({ zh: t, en: t });
  return [
    { key: "date", label: zh("日期"), format: "date", value: (e) => e.date },
    { key: "word", label: zh("凭证字"), format: "text", value: (e) => e.word },
    { key: "number", label: zh("凭证号"), format: "integer", value: (e) => e.number },
    { key: "summary", label: zh("摘要"), format: "text", value: (e) => e.summary, total: { zh: "合计", en: "Total" }, width: { min: 26 } },
    { key: "accountCode", label: zh("科目编码"), format: "text", value: (e) => e.accountCode },
    { key: "accountName", label: zh("科目名称"), format: "text", value: (e) => e.accountName },
    { key: "debit", label: zh("借方金额"), format: "money", value: (e) => (e.debit ? toYuan(e.debit) : null), total: "sum" },
    { key: "credit", label: zh("贷方金额"), format: "money", value: (e) => (e.credit ? toYuan(e.credit) : null), total: "sum" },
    { key: "customer", label: zh("客户"), format: "text", value: (e) => `${e.customerId} ${nm(e.customerId)}` },
    { key: "ruleId", label: { zh: "规则编号", en: "Rule ID" }, format: "text", value: (e) => e.ruleId },
    { key: "paymentForm", label: { zh: "兑付方式", en: "Payment form" }, format: { vocabulary: PAYMENT_FORM_LABEL }, value: (e) => e.paymentForm },
  ];
}

export function rebateVoucherSheet(ctx: Ctx, v: VoucherResult, month: number): SheetPatch {
  const nm = (id: string) => ctx.data.customerById.get(id)?.name ?? id;
  const columns = voucherColumns(nm);
  const block = tableBlock({ id: "rebates.vouchers", at: { row: 2, col: 0 }, columns, totals: true }, v.entries, ctx.lang);
  // Import headers exactly as the ledger expects them: no "（元）" added to 借方金额 / 贷方金额.
  for (const c of block.columns) if (c.key === "debit" || c.key === "credit") c.header = c.key === "debit" ? "借方金额" : "贷方金额";
  const debitAt = columns.findIndex((c) => c.key === "debit");
  const G = columnLetter(debitAt), H = columnLetter(debitAt + 1);
  const totalRow = firstDataRow(block) + 1 + v.entries.length; // 1-based sheet row of the totals row
  if (!v.entries.length) {
    const empty: PatchValue[] = new Array(columns.length).fill(null);
    empty[3] = tr(ctx, "本月无应付返利，无凭证", "No rebate payable this month: no voucher");
    block.rows.push(empty);
  }
  const check: PatchValue[] = new Array(columns.length).fill(null);
  check[3] = tr(ctx, "核对：借方 − 贷方（应为 0）", "Check: debits − credits (must be 0)");
  check[debitAt] = v.entries.length ? { formula: `ROUND(${G}${totalRow}-${H}${totalRow},2)`, result: roundTo(toYuan(v.debit - v.credit), 2) } : 0;
  block.rows.push(check);
  block.rowStyles = { ...block.rowStyles, [block.rows.length - 1]: TOTAL_ROW };
  const head = noteBlock("rebates.vouchersHead", { row: 0, col: 0 }, tr(ctx, `${monthKeyFromIndex(month)} 返利预提凭证`, `Rebate accrual vouchers ${monthKeyFromIndex(month)}`), [tr(
    ctx,
    `每客户 × 每规则一张凭证：借 销售费用—销售返利，贷 其他应付款（辅助核算：客户）；本月为负（退货追回）时借贷方向相反。科目在 分级规则 的 voucher.* 参数中设置。借方合计 ¥${toYuan(v.debit)}，贷方合计 ¥${toYuan(v.credit)}。`,
    `One voucher per customer × rule: debit the rebate expense, credit the payable with the customer as auxiliary item; a negative month (clawback) reverses the sides. Accounts: settings voucher.* in TierRules. Debits ¥${toYuan(v.debit)}, credits ¥${toYuan(v.credit)}.`,
  )]);
  return { name: tr(ctx, REBATE_VOUCHER_SHEET.zh, REBATE_VOUCHER_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, block], charts: [], freeze: { rows: 3, cols: 0 } };
}

const isShareKind = (rule: RebateRule) => rule.kind === "target" || rule.kind === "growth";
const isUnits = (rule: RebateRule) => rule.kind !== "collection" && rule.basis === "quantity";
/** A basis value for a cell: units, or yuan for an amount (and every collection) basis. */
const basisCell = (rule: RebateRule, v: number) => (isUnits(rule) ? roundTo(v, 2) : toYuan(Math.round(v)));

function forecastColumns(ctx: Ctx): Column<RebateForecast>[] {
  const nm = (id: string) => ctx.data.customerById.get(id)?.name ?? id;
  const units = (f: RebateForecast) => (isUnits(f.rule) ? "integer" : undefined);
  return [
    { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (f) => f.customerId, total: { zh: "合计", en: "Total" } },
    { key: "customer", label: { zh: "客户名称", en: "Customer" }, format: "text", value: (f) => nm(f.customerId), width: { max: 28 } },
    { key: "ruleId", label: { zh: "规则编号", en: "Rule ID" }, format: "text", value: (f) => f.rule.ruleId },
    { key: "kind", label: { zh: "返利类型", en: "Kind" }, format: { vocabulary: KIND_LABELS }, value: (f) => f.rule.kind },
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

export function rebateForecastSheet(ctx: Ctx, forecast: readonly RebateForecast[]): SheetPatch {
  const block = tableBlock({ id: "rebates.forecast", at: { row: 2, col: 0 }, columns: forecastColumns(ctx), totals: true }, forecast, ctx.lang);
  const head = noteBlock("rebates.forecastHead", { row: 0, col: 0 }, tr(ctx, "返利预测（按当前进度推算到协议期末）", "Rebate forecast (run-rate to the end of the agreement period)"), [tr(
    ctx,
    "预计期末依据 = 累计依据 × 协议期工作日 ÷ 已过工作日（日历同拨打计划）；下一档 = 预计档位之上的一档；期末前还需 = 达到该档的依据 − 累计依据；达档多返 = 达到该档的应返 − 预计应返。",
    "Projected basis = basis to date × working days of the period ÷ working days elapsed (the call list's calendar); next band = the band above the projected one; still needed = its basis − the basis to date; gain = its entitlement − the projected entitlement.",
  )]);
  return { name: tr(ctx, REBATE_FORECAST_SHEET.zh, REBATE_FORECAST_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, block], charts: [], freeze: { rows: 3, cols: 2 } };
}
