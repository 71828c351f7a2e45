/** Rebates (SPEC §5): settle the month, write the rebate lines, statement and sales-line columns, fill the JSON. */
import { monthKeyFromIndex } from "../domain/calendar";
import { roundTo } from "../domain/money";
import { settleRebates } from "../domain/rebates";
import type { Analysis, RunContext } from "../pipeline/context";
import { rebateColumns, rebateLinesSheet, rebateStatementSheet } from "../report/rebates";

/** Names by customer ID over the loader's index (no copy). */
function customerNames(ctx: RunContext): { get(id: string): string | undefined } {
  return { get: (id) => ctx.data.customerById.get(id)?.name };
}

/** Fen → yuan for the JSON: a number rounded to 2 dp (SPEC §7). */
const yuan = (fen: number) => roundTo(fen / 100, 2);

export const rebatesAnalysis: Analysis = {
  id: "rebates",
  label: { zh: "返利", en: "Rebates" },
  run(ctx: RunContext) {
    if (ctx.month === null) return;
    const rules = ctx.data.policy.rebates;
    const result = settleRebates(rules, ctx.data.sales, ctx.month);
    ctx.results.rebates = result;

    const rec = result.reconciliation;
    ctx.summary.rebates = {
      month: monthKeyFromIndex(ctx.month),
      total: yuan(result.total),
      byCustomer: result.byCustomer.map((c) => ({
        customerId: c.customerId, pickup: yuan(c.pickup), volume: yuan(c.volume), contract: yuan(c.contract), other: yuan(c.other), total: yuan(c.total),
      })),
      reconciliation: { salesAmount: yuan(rec.salesAmount), rebatedAmount: yuan(rec.rebatedAmount), notRebatedAmount: yuan(rec.notRebatedAmount) },
      rules: rules.length,
      lines: result.lines.length,
    };
    // Without rules there is nothing for finance to check: no rebate sheets.
    if (rules.length === 0) return;
    const vocabulary = { lang: ctx.lang, customerNames: customerNames(ctx), salesSheet: ctx.data.salesTable?.sheet ?? "" };
    const cols = rebateColumns(result, { lang: ctx.lang, salesTable: ctx.data.salesTable });
    if (cols) ctx.patch.columns.push(cols);
    ctx.patch.sheets.push(rebateLinesSheet(result, vocabulary), rebateStatementSheet(result, vocabulary));
  },
};
