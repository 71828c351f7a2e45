/** Account tiering (SPEC §2): compute, write the tier columns and summary sheet, fill the JSON. */
import { type Period, isoDate } from "../domain/calendar";
import { toYuan, roundTo } from "../domain/money";
import { type CustomerTier, type TieringResult, computeTiering } from "../domain/tiering";
import type { Analysis, RunContext } from "../pipeline/context";
import { type TierVocabulary, tierColumns, tierSummarySheet } from "../report/tiering";
import type { TierXyz } from "../report/xyz";

const periodText = (p: Period | null) => (p ? `${isoDate(p.from)} – ${isoDate(p.to)}` : "");

/** What the tiering builders need from the run: language, names, periods, where the customer table is. */
function tierVocabulary(ctx: RunContext): TierVocabulary {
  const { customerById, customerTable: table } = ctx.data;
  return {
    lang: ctx.lang,
    customerName: (id) => customerById.get(id)?.name ?? id,
    period: periodText(ctx.period),
    previousPeriod: periodText(ctx.previousPeriod),
    customerTable: table && {
      sheet: table.sheet,
      headerRow: table.headerRow,
      rowOf: (id) => {
        const at = customerById.get(id)?.source;
        return at && at.sheet === table.sheet ? at.row : null;
      },
    },
  };
}

/**
 * Puts the tier columns and 分级汇总 into the patch, in place of those already there. The
 * XYZ analysis runs right after tiering (it reads the ABC classes) and writes them with its
 * class and matrix; tiering writes them itself only when XYZ is not part of the run (the
 * pane's profile cards ask for tiering alone). So each builder is called once, with all of
 * its results, and no patch is edited after it was built (building the 50,000-customer tier
 * columns twice was ~80 ms a run).
 */
export function writeTieringReport(ctx: RunContext, result: TieringResult, xyz: TierXyz | null): void {
  const v = tierVocabulary(ctx);
  const cols = tierColumns(result, v, xyz);
  if (cols) put(ctx.patch.columns, cols, (c) => c.id === cols.id);
  const sheet = tierSummarySheet(result, v, xyz);
  put(ctx.patch.sheets, sheet, (s) => s.name === sheet.name);
}

/** Replace the entry `same` finds, else append. */
function put<T>(list: T[], item: T, same: (x: T) => boolean): void {
  const at = list.findIndex(same);
  if (at >= 0) list[at] = item;
  else list.push(item);
}

export const tieringAnalysis: Analysis = {
  id: "tiering",
  label: { zh: "客户分级", en: "Account tiering" },
  run(ctx: RunContext) {
    const { customers, ledger, policy } = ctx.data;
    const result = computeTiering(customers, ledger, ctx.period, ctx.previousPeriod, policy);
    ctx.results.tiering = result;

    const where = (id: string) => (ctx.data.policySheets[id] ? { sheet: ctx.data.policySheets[id] } : undefined);
    if (policy.tier.gradeMode === "quota" && policy.gradeTargets.length === 0 && result.grades.rows.some((r) => r.basis.kind !== "notDirect")) {
      ctx.issues.warn("tiering.quotaWithoutTargets", "Grade mode is quota but no grade targets are set (分级目标 / GradeTargets): no customer gets a grade", "分级方式为配额，但未设置等级目标（分级目标表）：所有客户均无等级", where("tierRules"));
    }
    if (ctx.previousPeriod && !result.previousAvailable && result.abc.total > 0) {
      ctx.issues.info("tiering.noPreviousPeriod", "No sales in the previous equal period: growth (potential customers) and the key-account review are not applied", "上一同等期间无销售记录：潜力客户的增长条件和大客户动态对比不适用");
    }

    if (!ctx.chosen?.includes("xyz")) writeTieringReport(ctx, result, null);

    const s = ctx.summary;
    for (const k of ["A", "B", "C"] as const) s.abc[k] = { count: result.abc.byClass[k].count, revenue: toYuan(result.abc.byClass[k].revenue) };
    const byId = ctx.data.customerById;
    // Each customer's tier by its ABC rank (ranks are 1…n), in the order of the rows.
    const byRank: CustomerTier[] = new Array(result.customers.length);
    for (const t of result.customers) byRank[t.abc.rank - 1] = t;
    s.customers = result.abc.rows.map((r) => {
      const c = byId.get(r.customerId)!;
      const t = byRank[r.rank - 1];
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
        valueClass: t.value.valueClass,
        grade: t.grade.grade,
        score: t.score.score,
        stage: c.stage,
        temperature: c.temperature,
      };
    });
    s.grades = result.grades.summary.map((g) => ({ office: g.office, grade: g.grade, target: g.target, actual: g.actual, gap: g.gap }));
  },
};
