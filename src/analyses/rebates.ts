/** Rebates (SPEC §5, §8): settle the month, forecast, vouchers; write the rebate sheets and columns, fill the JSON. */
import { monthKeyFromIndex } from "../domain/calendar";
import type { RebateRule } from "../domain/model";
import { roundTo } from "../domain/money";
import { RebateForecast, RebateInputs, VoucherResult, accrualVouchers, firstSaleDayRead, forecastRebates, settleRebates, voucherDate } from "../domain/rebates";
import { workingDays } from "../domain/workdays";
import type { Analysis, RunContext } from "../pipeline/context";
import { rebateColumns, rebateLinesSheet, rebateStatementSheet } from "../report/rebates";
import { rebateForecastSheet, rebateVoucherSheet } from "../report/rebateVouchers";

/** Names by customer ID over the loader's index (no copy). */
function customerNames(ctx: RunContext): { get(id: string): string | undefined } {
  return { get: (id) => ctx.data.customerById.get(id)?.name };
}

/** Fen → yuan for the JSON: a number rounded to 2 dp (SPEC §7). */
const yuan = (fen: number) => roundTo(fen / 100, 2);

/** A basis value for the JSON: units, or yuan for an amount (and every collection) basis. */
const basisJson = (rule: RebateRule, v: number) => (rule.kind === "collection" || rule.basis === "amount" ? yuan(v) : roundTo(v, 2));

/** A band threshold for the JSON: a share for target and growth, else as the basis. */
const bandJson = (rule: RebateRule, t: number) => (rule.kind === "target" || rule.kind === "growth" ? t : basisJson(rule, t));

export function forecastJson(f: RebateForecast) {
  const r = f.rule;
  return {
    customerId: f.customerId, ruleId: r.ruleId, kind: r.kind, paymentForm: r.paymentForm ?? "cash",
    basisUnit: r.kind === "collection" || r.basis === "amount" ? "yuan" : "units",
    basis: basisJson(r, f.basis), projectedBasis: basisJson(r, f.projectedBasis),
    ratio: f.ratio === null ? null : roundTo(f.ratio, 4), projectedRatio: f.projectedRatio === null ? null : roundTo(f.projectedRatio, 4),
    entitlement: yuan(f.entitlement), projectedEntitlement: yuan(f.projectedEntitlement),
    nextBand: f.nextBand === null ? null : bandJson(r, f.nextBand.threshold),
    neededForNextBand: f.neededForNextBand === null ? null : basisJson(r, f.neededForNextBand),
    nextBandGain: f.nextBandGain === null ? null : yuan(f.nextBandGain),
    workingDaysElapsed: f.workingDaysElapsed, workingDaysTotal: f.workingDaysTotal,
  };
}

export function vouchersJson(v: VoucherResult) {
  return {
    debit: yuan(v.debit), credit: yuan(v.credit),
    entries: v.entries.map((e) => ({
      date: voucherDate(e), word: e.word, number: e.number, summary: e.summary, accountCode: e.accountCode, accountName: e.accountName,
      debit: yuan(e.debit), credit: yuan(e.credit), customerId: e.customerId, ruleId: e.ruleId, paymentForm: e.paymentForm,
    })),
  };
}

export const rebatesAnalysis: Analysis = {
  id: "rebates",
  label: { zh: "返利", en: "Rebates" },
  run(ctx: RunContext) {
    if (ctx.month === null) return;
    const rules = ctx.data.policy.rebates;
    // Only the lines some rule can read become objects (a run without rules: the month's).
    const sales = ctx.data.ledger.linesFrom(firstSaleDayRead(rules, ctx.month));
    const inputs: RebateInputs = {
      sales, plans: ctx.data.plans, collections: ctx.data.collections,
      channelOf: (id) => ctx.data.customerById.get(id)?.channel ?? null,
    };
    const result = settleRebates(rules, sales, ctx.month, inputs);
    ctx.results.rebates = result;
    // Working days of the call list's calendar (the policy's weekdays, holidays and 调休 days).
    const cp = ctx.data.policy.callPlan;
    const forecast = forecastRebates(rules, inputs, ctx.month, (from, to) => workingDays(from, to, cp).length);
    const vouchers = accrualVouchers(result.statement, ctx.month, ctx.data.policy.tier.voucher);
    ctx.results.rebateForecast = forecast;
    ctx.results.rebateVouchers = vouchers;
    noteMissingReferences(ctx, result.statement);

    const rec = result.reconciliation;
    ctx.summary.rebates = {
      month: monthKeyFromIndex(ctx.month),
      total: yuan(result.total),
      byCustomer: result.byCustomer.map((c) => ({
        customerId: c.customerId, pickup: yuan(c.pickup), volume: yuan(c.volume), contract: yuan(c.contract), other: yuan(c.other),
        target: yuan(c.target), collection: yuan(c.collection), growth: yuan(c.growth), total: yuan(c.total),
      })),
      reconciliation: { salesAmount: yuan(rec.salesAmount), rebatedAmount: yuan(rec.rebatedAmount), notRebatedAmount: yuan(rec.notRebatedAmount) },
      rules: rules.length,
      lines: result.lines.length,
      forecast: forecast.map(forecastJson),
      vouchers: vouchersJson(vouchers),
    };
    // Without rules there is nothing for finance to check: no rebate sheets.
    if (rules.length === 0) return;
    const vocabulary = { lang: ctx.lang, customerNames: customerNames(ctx), salesSheet: ctx.data.salesTable?.sheet ?? "" };
    const cols = rebateColumns(result, { lang: ctx.lang, salesTable: ctx.data.salesTable });
    if (cols) ctx.patch.columns.push(cols);
    ctx.patch.sheets.push(rebateLinesSheet(result, vocabulary), rebateStatementSheet(result, vocabulary));
    if (forecast.length) ctx.patch.sheets.push(rebateForecastSheet(forecast, vocabulary));
    ctx.patch.sheets.push(rebateVoucherSheet(vouchers, vocabulary, result.monthKey));
  },
};

/** One info issue per rule for customers left without a target or growth rebate for want of a plan or last year's sales. */
function noteMissingReferences(ctx: RunContext, statement: { rule: RebateRule; note?: { zh: string; en: string } | null; customerId: string }[]): void {
  const byRule = new Map<string, { rule: RebateRule; note: { zh: string; en: string }; ids: string[] }>();
  for (const s of statement) {
    if (!s.note) continue;
    let e = byRule.get(s.rule.ruleId);
    if (!e) byRule.set(s.rule.ruleId, (e = { rule: s.rule, note: s.note, ids: [] }));
    e.ids.push(s.customerId);
  }
  for (const { rule, note, ids } of byRule.values()) {
    const list = ids.slice(0, 5).join(", ") + (ids.length > 5 ? " …" : "");
    ctx.issues.info(`rebate.noReference.${rule.kind}`, `Rule ${rule.ruleId}: ${note.en} for ${ids.length} customer(s) (${list})`, `规则 ${rule.ruleId}：${ids.length} 个客户${note.zh}（${list}）`, rule.source ? { sheet: rule.source.sheet } : {});
  }
}
