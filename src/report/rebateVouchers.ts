/**
 * 返利凭证 / Vouchers (SPEC §8): the month's accrual entries in the column layout that 用友 and
 * 金蝶 voucher imports accept, with totals and a check cell (debits − credits, must be 0);
 * and 返利预测 / Rebate forecast: per customer × rule, the run-rate projection to the end of
 * the agreement period and what the next band is worth.
 */
import { monthKeyFromIndex } from "../domain/calendar";
import type { PaymentForm, RebateRule } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import type { RebateForecast, VoucherResult } from "../domain/rebates";
import { type RunContext, tr } from "../pipeline/context";
import { columnLetter } from "../sheets/grid";
import { Block, PatchValue, SheetPatch, firstDataRow } from "./patch";
import { kindLabel } from "./rebates";
import { TAB_COLOUR, TOTAL_ROW } from "./style";

export const REBATE_VOUCHER_SHEET = { zh: "返利凭证", en: "Vouchers" };
export const REBATE_FORECAST_SHEET = { zh: "返利预测", en: "Rebate forecast" };

type Ctx = Pick<RunContext, "lang" | "data">;

export const PAYMENT_FORM_LABEL: Record<PaymentForm, { zh: string; en: string }> = {
  cash: { zh: "现金", en: "Cash" },
  goods: { zh: "货补", en: "Goods" },
  invoiceDiscount: { zh: "票折", en: "Invoice discount" },
};

export function paymentFormLabel(ctx: Pick<RunContext, "lang">, rule: Pick<RebateRule, "paymentForm">): string {
  const l = PAYMENT_FORM_LABEL[rule.paymentForm ?? "cash"];
  return tr(ctx, l.zh, l.en);
}

export function rebateVoucherSheet(ctx: Ctx, v: VoucherResult, month: number): SheetPatch {
  const nm = (id: string) => ctx.data.customerById.get(id)?.name ?? id;
  const block: Block = {
    id: "rebates.vouchers",
    at: { row: 2, col: 0 },
    // The first nine headers are the import layout (SPEC §8); 规则编号 and 兑付方式 follow for finance.
    columns: [
      { key: "date", header: "日期", format: "date", width: 11 },
      { key: "word", header: "凭证字", format: "text", width: 7 },
      { key: "number", header: "凭证号", format: "integer", width: 7 },
      { key: "summary", header: "摘要", format: "text", width: 30 },
      { key: "accountCode", header: "科目编码", format: "text", width: 9 },
      { key: "accountName", header: "科目名称", format: "text", width: 18 },
      { key: "debit", header: "借方金额", format: "money", width: 13 },
      { key: "credit", header: "贷方金额", format: "money", width: 13 },
      { key: "customer", header: "客户", format: "text", width: 24 },
      { key: "ruleId", header: tr(ctx, "规则编号", "Rule ID"), format: "text", width: 8 },
      { key: "paymentForm", header: tr(ctx, "兑付方式", "Payment form"), format: "text", width: 10 },
    ],
    rows: v.entries.map((e) => [
      e.date, e.word, e.number, e.summary, e.accountCode, e.accountName, e.debit ? toYuan(e.debit) : null, e.credit ? toYuan(e.credit) : null,
      `${e.customerId} ${nm(e.customerId)}`, e.ruleId, tr(ctx, PAYMENT_FORM_LABEL[e.paymentForm].zh, PAYMENT_FORM_LABEL[e.paymentForm].en),
    ]),
  };
  const first = firstDataRow(block) + 1;
  const last = first + block.rows.length - 1;
  const G = columnLetter(6), H = columnLetter(7);
  const sumOf = (c: string, fen: number): PatchValue => (block.rows.length ? { formula: `SUM(${c}${first}:${c}${last})`, result: toYuan(fen) } : 0);
  const totalRow: PatchValue[] = new Array(block.columns.length).fill(null);
  totalRow[3] = tr(ctx, "合计", "Total");
  totalRow[6] = sumOf(G, v.debit);
  totalRow[7] = sumOf(H, v.credit);
  const checkRow: PatchValue[] = new Array(block.columns.length).fill(null);
  checkRow[3] = tr(ctx, "核对：借方 − 贷方（应为 0）", "Check: debits − credits (must be 0)");
  checkRow[6] = { formula: `ROUND(${G}${last + 1}-${H}${last + 1},2)`, result: roundTo(toYuan(v.debit - v.credit), 2) };
  block.rows.push(totalRow, checkRow);
  block.rowStyles = { [block.rows.length - 2]: TOTAL_ROW, [block.rows.length - 1]: TOTAL_ROW };
  const head: Block = {
    id: "rebates.vouchersHead",
    at: { row: 0, col: 0 },
    title: tr(ctx, `${monthKeyFromIndex(month)} 返利预提凭证`, `Rebate accrual vouchers ${monthKeyFromIndex(month)}`),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[tr(
      ctx,
      `每客户 × 每规则一张凭证：借 销售费用—销售返利，贷 其他应付款（辅助核算：客户）；本月为负（退货追回）时借贷方向相反。科目在 分级规则 的 voucher.* 参数中设置。`,
      `One voucher per customer × rule: debit the rebate expense, credit the payable with the customer as auxiliary item; a negative month (clawback) reverses the sides. Accounts: settings voucher.* in TierRules.`,
    )]],
  };
  return { name: tr(ctx, REBATE_VOUCHER_SHEET.zh, REBATE_VOUCHER_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, block], charts: [], freeze: { rows: 3, cols: 0 } };
}

/** A basis or band value for a cell: units, yuan, or a share (target and growth bands). */
const basisValue = (rule: RebateRule, v: number) => (rule.kind === "collection" || rule.basis === "amount" ? toYuan(Math.round(v)) : roundTo(v, 2));

export function rebateForecastSheet(ctx: Ctx, forecast: readonly RebateForecast[]): SheetPatch {
  const nm = (id: string) => ctx.data.customerById.get(id)?.name ?? id;
  const block: Block = {
    id: "rebates.forecast",
    at: { row: 2, col: 0 },
    columns: [
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text", width: 10 },
      { key: "customer", header: tr(ctx, "客户名称", "Customer"), format: "text", width: 24 },
      { key: "ruleId", header: tr(ctx, "规则编号", "Rule ID"), format: "text", width: 8 },
      { key: "kind", header: tr(ctx, "返利类型", "Kind"), format: "text", width: 10 },
      { key: "paymentForm", header: tr(ctx, "兑付方式", "Payment form"), format: "text", width: 9 },
      { key: "periodEnd", header: tr(ctx, "协议期末", "Period end"), format: "date", width: 11 },
      { key: "days", header: tr(ctx, "已过/全部工作日", "Working days elapsed / total"), format: "text", width: 12 },
      { key: "basis", header: tr(ctx, "累计依据", "Basis to date"), format: "money", width: 14 },
      { key: "projectedBasis", header: tr(ctx, "预计期末依据", "Projected basis"), format: "money", width: 14 },
      { key: "projectedRatio", header: tr(ctx, "预计达成/增长", "Projected achievement / growth"), format: "percent1", width: 12 },
      { key: "entitlement", header: tr(ctx, "累计应返", "Entitlement to date"), format: "money", width: 13 },
      { key: "projectedEntitlement", header: tr(ctx, "预计期末应返", "Projected entitlement"), format: "money", width: 13 },
      { key: "nextBand", header: tr(ctx, "下一档", "Next band"), format: "number", width: 11 },
      { key: "needed", header: tr(ctx, "期末前还需", "Still needed"), format: "money", width: 13 },
      { key: "gain", header: tr(ctx, "达档多返", "Gain of the band"), format: "money", width: 12 },
    ],
    rows: forecast.map((f) => [
      f.customerId, nm(f.customerId), f.rule.ruleId, kindLabel(ctx, f.rule.kind), paymentFormLabel(ctx, f.rule), f.period.to,
      `${f.workingDaysElapsed}/${f.workingDaysTotal}`, basisValue(f.rule, f.basis), basisValue(f.rule, f.projectedBasis),
      f.projectedRatio === null ? null : roundTo(f.projectedRatio, 4), toYuan(f.entitlement), toYuan(f.projectedEntitlement),
      f.nextBand === null ? null : f.rule.kind === "target" || f.rule.kind === "growth" ? f.nextBand.threshold : basisValue(f.rule, f.nextBand.threshold),
      f.neededForNextBand === null ? null : basisValue(f.rule, f.neededForNextBand), f.nextBandGain === null ? null : toYuan(f.nextBandGain),
    ]),
  };
  const formats: Record<string, "integer" | "percent1"> = {};
  forecast.forEach((f, i) => {
    const units = f.rule.kind !== "collection" && f.rule.basis === "quantity";
    if (units) for (const k of ["basis", "projectedBasis", "needed"]) formats[`${i}:${k}`] = "integer";
    if (f.rule.kind === "target" || f.rule.kind === "growth") formats[`${i}:nextBand`] = "percent1";
    else if (units) formats[`${i}:nextBand`] = "integer";
  });
  block.cellFormats = formats;
  const head: Block = {
    id: "rebates.forecastHead",
    at: { row: 0, col: 0 },
    title: tr(ctx, "返利预测（按当前进度推算到协议期末）", "Rebate forecast (run-rate to the end of the agreement period)"),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[tr(
      ctx,
      "预计期末依据 = 累计依据 × 协议期工作日 ÷ 已过工作日（日历同拨打计划）；下一档 = 预计档位之上的一档；期末前还需 = 达到该档的依据 − 累计依据；达档多返 = 达到该档的应返 − 预计应返。",
      "Projected basis = basis to date × working days of the period ÷ working days elapsed (the call list's calendar); next band = the band above the projected one; still needed = its basis − the basis to date; gain = its entitlement − the projected entitlement.",
    )]],
  };
  return { name: tr(ctx, REBATE_FORECAST_SHEET.zh, REBATE_FORECAST_SHEET.en), tabColor: TAB_COLOUR, blocks: [head, block], charts: [], freeze: { rows: 3, cols: 2 } };
}
