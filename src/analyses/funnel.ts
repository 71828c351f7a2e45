/** Sales funnel (SPEC §3.2): compute per rep and overall, write the funnel sheet and chart, fill the JSON. */
import { isoDate, monthsIn } from "../domain/calendar";
import { CONTRACT_STATUSES, FunnelFigures, FunnelOptions, STAGES, TEMPERATURES, UNASSIGNED_REP, computeFunnel } from "../domain/funnel";
import { roundTo, toYuan } from "../domain/money";
import { totalsByCustomer } from "../domain/revenue";
import type { Analysis, RunContext } from "../pipeline/context";
import { funnelSheet } from "../report/funnel";

/** Customers without a rep, reported once per run whichever analysis sees them first. */
export function reportUnassigned(ctx: RunContext): void {
  const n = ctx.data.customers.filter((c) => c.rep === null).length;
  if (!n || ctx.issues.list().some((i) => i.code === "customers.noRep")) return;
  ctx.issues.info(
    "customers.noRep",
    `${n} customers have no rep: they are listed under "${UNASSIGNED_REP}" in the funnel and the call plan`,
    `${n} 个客户没有销售代表：漏斗和拨打计划中列在"${UNASSIGNED_REP}"下`,
    ctx.data.customerTable ? { sheet: ctx.data.customerTable.sheet } : undefined,
  );
}

/** The JSON form of one set of funnel figures (money in yuan, ratios to 6 dp). */
export function funnelJson(f: FunnelFigures) {
  const counts = <K extends string>(keys: readonly K[], get: (k: K) => { count: number }) => Object.fromEntries(keys.map((k) => [String(k), get(k).count]));
  const revenue = <K extends string>(keys: readonly K[], get: (k: K) => { revenue: number }) => Object.fromEntries(keys.map((k) => [String(k), toYuan(get(k).revenue)]));
  const stageKeys = STAGES.map(String);
  return {
    accounts: f.accounts,
    revenue: toYuan(f.revenue),
    byStage: counts(stageKeys, (k) => f.byStage[+k]),
    byTemperature: counts(TEMPERATURES, (k) => f.byTemperature[k]),
    byContractStatus: counts(CONTRACT_STATUSES, (k) => f.byContractStatus[k]),
    revenueByStage: revenue(stageKeys, (k) => f.byStage[+k]),
    revenueByTemperature: revenue(TEMPERATURES, (k) => f.byTemperature[k]),
    revenueByContractStatus: revenue(CONTRACT_STATUSES, (k) => f.byContractStatus[k]),
    notRecorded: { stage: f.stageUnknown.count, temperature: f.temperatureUnknown.count, contractStatus: f.contractUnknown.count },
    reached: Object.fromEntries(stageKeys.map((k) => [k, f.reached[+k]])),
    conversion: Object.fromEntries(f.conversion.map((c, k) => [`${k}-${k + 1}`, c === null ? null : roundTo(c, 6)])),
    weightedPipeline: toYuan(f.pipeline.weighted),
    pipeline: {
      accounts: f.pipeline.count,
      expectedValue: toYuan(f.pipeline.expectedValue),
      weighted: toYuan(f.pipeline.weighted),
      withoutIntent: { accounts: f.pipeline.withoutIntent.count, expectedValue: toYuan(f.pipeline.withoutIntent.expectedValue) },
    },
  };
}

/** Net revenue over the period by customer: tiering's totals (indexed like `ctx.data.customers`), or a pass of its own. */
function revenueOf(ctx: RunContext): FunnelOptions["revenueOf"] {
  const tiering = ctx.results.tiering;
  if (tiering) return (_id, index) => tiering.totals.revenue[index];
  const totals = totalsByCustomer(ctx.data.sales, ctx.period);
  return (id) => totals.get(id)?.revenue ?? 0;
}

export const funnelAnalysis: Analysis = {
  id: "funnel",
  label: { zh: "销售漏斗", en: "Sales funnel" },
  run(ctx: RunContext) {
    const { customers, policy } = ctx.data;
    const result = computeFunnel(customers, {
      revenueOf: revenueOf(ctx),
      months: ctx.period ? monthsIn(ctx.period) : 0,
      winProbability: policy.tier.winProbability,
    });
    ctx.results.funnel = result;
    reportUnassigned(ctx);
    ctx.patch.sheets.push(funnelSheet(result, { lang: ctx.lang, period: ctx.period }));

    const overall = funnelJson(result.overall);
    Object.assign(ctx.summary.funnel, overall, {
      period: ctx.period ? { from: isoDate(ctx.period.from), to: isoDate(ctx.period.to) } : null,
      byRep: result.byRep.map((r) => ({ rep: r.rep, ...funnelJson(r.figures) })),
    });
  },
};
