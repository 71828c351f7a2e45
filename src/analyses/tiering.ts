/** Account tiering (SPEC §2): compute, write the tier columns and summary sheet, fill the JSON. */
import { toYuan, roundTo } from "../domain/money";
import { computeTiering } from "../domain/tiering";
import type { Analysis, RunContext } from "../pipeline/context";
import { tierColumns, tierSummarySheet } from "../report/tiering";

export const tieringAnalysis: Analysis = {
  id: "tiering",
  label: { zh: "客户分级", en: "Account tiering" },
  run(ctx: RunContext) {
    const { customers, sales, policy } = ctx.data;
    const result = computeTiering(customers, sales, ctx.period, ctx.previousPeriod, policy.tier);
    ctx.results.tiering = result;

    const cols = tierColumns(ctx);
    if (cols) ctx.patch.columns.push(cols);
    const sheet = tierSummarySheet(ctx);
    if (sheet) ctx.patch.sheets.push(sheet);

    const s = ctx.summary;
    for (const k of ["A", "B", "C"] as const) s.abc[k] = { count: result.abc.byClass[k].count, revenue: toYuan(result.abc.byClass[k].revenue) };
    const byId = new Map(customers.map((c) => [c.customerId, c]));
    s.customers = result.abc.rows.map((r) => {
      const c = byId.get(r.customerId)!;
      return {
        customerId: c.customerId,
        name: c.name,
        channel: c.channel,
        office: c.office,
        rep: c.rep,
        revenue: toYuan(r.revenue),
        rank: r.rank,
        share: roundTo(r.share, 6),
        cumShare: r.cumShare === null ? null : roundTo(r.cumShare, 6),
        abc: r.abc,
        valueClass: null,
        grade: null,
        score: null,
        stage: c.stage,
        temperature: c.temperature,
      };
    });
  },
};
