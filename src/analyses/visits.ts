/**
 * Visit plan (issue 18, SPEC §9): a month's key-account visits per visitor (the account's
 * rep) within capacity, grouped by office; the visit log read back for coverage (required vs
 * done in the plan/rebate month); sheet 拜访计划; JSON `visits`.
 */
import { isoDate, lastDayOfMonth, firstDayOfMonth, monthIndex, monthKeyFromIndex } from "../domain/calendar";
import { repOf } from "../domain/funnel";
import { firstPlannedVisits, planVisits, visitCoverage, type VisitAccount, type VisitPlanResult } from "../domain/visits";
import { workingDays } from "../domain/workdays";
import type { Analysis, RunContext } from "../pipeline/context";
import { visitPlanSheet } from "../report/visits";

export const visitsAnalysis: Analysis = {
  id: "visits",
  label: { zh: "拜访计划", en: "Visit plan" },
  run(ctx: RunContext) {
    const { jobs, policy } = ctx.data;
    const tiering = ctx.results.tiering;
    if (!tiering || ctx.asOf === null || (!jobs.sheets.visitLog && !policy.jobs.visitsConfigured)) return;
    const month = monthIndex(ctx.asOf);
    const days = workingDays(ctx.asOf, lastDayOfMonth(month), policy.callPlan);
    const accounts: VisitAccount[] = [];
    for (const c of ctx.data.customers) {
      if (c.temperature === "Denial") continue;
      const t = tiering.byId.get(c.customerId);
      if (!t) continue;
      accounts.push({ customerId: c.customerId, visitor: repOf(c), office: c.office, grade: t.grade.grade, abc: t.abc.abc, revenue: t.abc.revenue });
    }
    const plan = planVisits(accounts, days, policy.jobs.visits);
    const coverageMonth = ctx.month ?? month;
    const coverage = visitCoverage(plan.required, jobs.visitLog, firstDayOfMonth(coverageMonth), lastDayOfMonth(coverageMonth));
    const result: VisitPlanResult = { month, plan, coverageMonth, coverage };
    ctx.results.visits = result;
    if (plan.unplanned.length) {
      const byVisitor = new Map<string, number>();
      for (const u of plan.unplanned) byVisitor.set(u.visitor, (byVisitor.get(u.visitor) ?? 0) + 1);
      const list = [...byVisitor].map(([v, n]) => `${v} (${n})`).join(", ");
      ctx.issues.info("visits.overCapacity", `Visits beyond capacity this month, not planned: ${list}`, `本月拜访超出容量，未排：${list}`);
    }
    const byId = ctx.data.customerById;
    ctx.patch.sheets.push(visitPlanSheet(result, {
      lang: ctx.lang,
      customerName: (id) => byId.get(id)?.name,
      classesOf: (id) => {
        const t = tiering.byId.get(id);
        return t && { grade: t.grade.grade, abc: t.abc.abc };
      },
      visitPolicy: policy.jobs.visits,
    }));
    const firstPlanned = firstPlannedVisits(plan);
    ctx.summary.visits = {
      month: monthKeyFromIndex(month),
      capacity: plan.visitors.map((l) => ({ visitor: l.visitor, capacity: l.capacity, required: l.required, planned: l.planned })),
      schedule: plan.visits.map((v) => ({ date: isoDate(v.day), visitor: v.visitor, customerId: v.customerId, office: v.office, round: v.round })),
      unplanned: plan.unplanned,
      coverage: {
        month: monthKeyFromIndex(coverageMonth),
        accounts: coverage.map((c) => ({
          customerId: c.customerId, required: c.required, done: c.done,
          lastVisit: c.lastVisit === null ? null : isoDate(c.lastVisit),
          nextVisit: firstPlanned.has(c.customerId) ? isoDate(firstPlanned.get(c.customerId)!) : null,
        })),
      },
    };
  },
};
