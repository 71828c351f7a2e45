/**
 * Monthly plan versus actual (SPEC §4.2) for ctx.month: compute, write the 计划达成 sheet,
 * fill the JSON `plan`. Runs after tiering, whose classes decide the core accounts: the value
 * class `core` when tiering produced value classes, else ABC class A (SPEC §2.2's default rule).
 */
import { monthKeyFromIndex } from "../domain/calendar";
import { roundTo, toYuan } from "../domain/money";
import { computePlanVsActual, planPriceLookup } from "../domain/plan";
import type { Analysis, RunContext } from "../pipeline/context";
import { planSheet } from "../report/plan";
import { planEntryCell } from "../sheets/plan";

/** Class shown for an account and the core test: value classes when tiering made them, else ABC. */
function classes(ctx: RunContext): { label: (id: string) => string | null; isCore: (id: string) => boolean } {
  const fromSummary = new Map(ctx.summary.customers.filter((c) => c.valueClass).map((c) => [c.customerId, c.valueClass as string]));
  if (fromSummary.size) return { label: (id) => fromSummary.get(id) ?? null, isCore: (id) => fromSummary.get(id) === "core" };
  const abc = ctx.results.tiering?.abcById;
  return { label: (id) => abc?.get(id)?.abc ?? null, isCore: (id) => abc?.get(id)?.abc === "A" };
}

const r6 = (x: number | null) => (x === null ? null : roundTo(x, 6));
const r2 = (x: number | null) => (x === null ? null : roundTo(x, 2));

export const planAnalysis: Analysis = {
  id: "plan",
  label: { zh: "月度计划达成", en: "Plan vs actual" },
  run(ctx: RunContext) {
    if (ctx.month === null) return;
    const month = monthKeyFromIndex(ctx.month);
    const { plans, customers, policy } = ctx.data;
    ctx.summary.plan.month = month;
    if (!plans.length) return; // no plan sheet in the workbook: nothing to compare
    const mine = plans.filter((p) => p.month === month);
    if (!mine.length) {
      const other = [...new Set(plans.map((p) => p.month))].sort().join(", ");
      ctx.issues.info("plan.noneForMonth", `No plan for ${month} (plans found for ${other}; choose the month with --month)`, `没有 ${month} 的计划（已有 ${other} 的计划；可用 --month 指定月份）`);
      return;
    }
    const known = new Set(customers.map((c) => c.customerId));
    for (const e of mine) {
      if (known.has(e.customerId)) continue;
      ctx.issues.warn("plan.unknownCustomer", `Customer ${e.customerId} of the plan is not in the customer list: assessed without office`, `计划中的客户 ${e.customerId} 不在客户清单中：按无办事处考核`, { sheet: e.source.sheet, cell: planEntryCell(e) });
    }
    const cls = classes(ctx);
    const sales = ctx.data.sales;
    const result = computePlanVsActual({
      month: ctx.month,
      plans,
      sales,
      customers,
      cap: policy.tier.planScoreCap,
      isCore: cls.isCore,
      price: planPriceLookup(policy.prices, sales),
    });
    ctx.results.plan = result;
    ctx.patch.sheets.push(planSheet(result, {
      lang: ctx.lang, classOf: cls.label, customerName: (id) => ctx.data.customerById.get(id)?.name, scoreCap: policy.tier.planScoreCap,
    }));

    ctx.summary.plan = {
      month,
      accounts: result.accounts.map((a) => ({
        customerId: a.customerId,
        target: a.targetQty,
        actual: a.actualQty,
        achievement: r6(a.achievement),
        score: r2(a.score),
        office: a.office,
        rep: a.rep,
        targetAmount: a.targetAmount === null ? null : toYuan(a.targetAmount),
        actualAmount: toYuan(a.actualAmount),
        assessed: a.planned,
        core: a.core,
      })),
      offices: result.offices.map((o) => ({
        office: o.office,
        channelScore: r2(o.channelScore),
        coreQuality: r6(o.coreQuality),
        cooperationRate: r6(o.cooperationRate),
        customers: o.customers,
        plannedAccounts: o.plannedAccounts,
        target: o.targetQty,
        actual: o.actualQty,
      })),
      reps: result.reps.map((p) => ({ rep: p.rep, plannedAccounts: p.plannedAccounts, target: p.targetQty, actual: p.actualQty, achievement: r6(p.achievement), averageScore: r2(p.averageScore) })),
      unplanned: result.unplanned.map((u) => ({ customerId: u.customerId, actual: u.actualQty, actualAmount: toYuan(u.actualAmount) })),
      byMonth: result.byMonth.map((m) => ({ month: m.month, target: m.targetQty, actual: m.actualQty, achievement: r6(m.achievement) })),
      total: { target: result.total.targetQty, actual: result.total.actualQty, achievement: r6(result.total.achievement) },
    };
  },
};
