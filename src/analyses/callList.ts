/**
 * Call list (SPEC §3.3): plan each rep's calls over the cycle (the as-of day to the end of
 * its month), write the day's call list with the coverage per rep and the cycle's schedule,
 * and fill the JSON `callList` (the as-of day's calls), `callSchedule` (the whole cycle) and
 * `funnel.coverage`.
 */
import { isoDate, lastDayOfMonth, monthIndex } from "../domain/calendar";
import { planCalls } from "../domain/callList";
import { isWorkingDay, publicCalendarGaps, publicCalendarYears, publicDay } from "../domain/workdays";
import { roundTo } from "../domain/money";
import type { Analysis, RunContext } from "../pipeline/context";
import { callListSheet, entryReason, scheduleSheet } from "../report/callList";
import { reportUnassigned } from "./funnel";
import { overstockCallReasons } from "./stock";

export const callListAnalysis: Analysis = {
  id: "callList",
  label: { zh: "拨打清单", en: "Call list" },
  run(ctx: RunContext) {
    if (ctx.asOf === null) return;
    const { customers, policy } = ctx.data;
    const cp = policy.callPlan;
    const asOf = ctx.asOf;
    const plan = planCalls(customers, cp, asOf, lastDayOfMonth(monthIndex(asOf)), overstockCallReasons(ctx));
    ctx.results.callList = plan;
    reportUnassigned(ctx);
    reportCalendarGaps(ctx, asOf, plan.cycle.to);
    if (!isWorkingDay(asOf, cp)) {
      const holiday = cp.publicCalendar === "CN" ? publicDay(asOf) : null;
      const name = holiday && !holiday.worked ? { zh: `（${holiday.zh}）`, en: ` (${holiday.en})` } : { zh: "", en: "" };
      ctx.issues.info(
        "callList.notWorkingDay",
        `${isoDate(asOf)}${name.en} is not a working day in the call plan: no calls that day; the cycle starts ${plan.cycle.days.length ? isoDate(plan.cycle.from) : "next month"}`,
        `${isoDate(asOf)}${name.zh} 不是拨打计划中的工作日：当天不排拨打；周期从 ${plan.cycle.days.length ? isoDate(plan.cycle.from) : "下月"} 开始`,
      );
    }
    const over = plan.coverage.filter((r) => r.planned < r.callable);
    if (over.length) {
      ctx.issues.info(
        "callList.overCapacity",
        `Not every account fits into this cycle for ${over.map((r) => `${r.rep} (${r.callable - r.planned})`).join(", ")}: they come first next cycle`,
        `本周期容量不足以覆盖全部客户：${over.map((r) => `${r.rep}（${r.callable - r.planned} 个）`).join("、")}；下个周期优先`,
      );
    }
    const vocabulary = { lang: ctx.lang, customers, customerById: ctx.data.customerById };
    ctx.patch.sheets.push(callListSheet(plan, vocabulary));
    ctx.patch.sheets.push(scheduleSheet(plan, vocabulary));

    const byId = ctx.data.customerById;
    ctx.summary.callList = plan.entries
      .filter((e) => e.day === asOf)
      .map((e) => ({
        date: isoDate(e.day),
        rep: e.rep,
        customerId: e.customerId,
        reason: entryReason(ctx.lang, e),
        name: byId.get(e.customerId)?.name ?? e.customerId,
        order: e.order,
        priority: e.priority,
        reasonCodes: e.reasons.map((r) => r.kind),
        lastContact: byId.get(e.customerId)?.lastContact != null ? isoDate(byId.get(e.customerId)!.lastContact!) : null,
      }));
    ctx.summary.callSchedule = plan.entries.map((e) => ({ date: isoDate(e.day), rep: e.rep, customerId: e.customerId, priority: e.priority }));
    ctx.summary.funnel.callCycle = { from: plan.cycle.days.length ? isoDate(plan.cycle.from) : null, to: isoDate(plan.cycle.to), workingDays: plan.cycle.days.length, callsPerDay: plan.callsPerDay };
    ctx.summary.funnel.coverage = plan.coverage.map((r) => ({
      rep: r.rep,
      owned: r.owned,
      denial: r.denial,
      callable: r.callable,
      priority: r.priority,
      capacity: r.capacity,
      planned: r.planned,
      coverage: roundTo(r.coverage, 6),
      daysToFullCoverage: r.daysToFullCoverage,
      fullCoverageDate: r.fullCoverageDay === null ? null : isoDate(r.fullCoverageDay),
    }));
  },
};

/** Years of the cycle the public holiday calendar does not cover: weekdays only, said once. */
function reportCalendarGaps(ctx: RunContext, from: number, to: number): void {
  const gaps = publicCalendarGaps(from, to, ctx.data.policy.callPlan);
  if (!gaps.length) return;
  const { first, last } = publicCalendarYears();
  const years = gaps.join(", ");
  ctx.issues.warn(
    "callList.calendarYears",
    `The mainland China holiday calendar covers ${first}–${last}, not ${years}: the call plan uses the weekdays only there; list that year's holidays and 调休 working days in the CallPlan sheet`,
    `中国大陆节假日日历只覆盖 ${first}–${last} 年，不含 ${years} 年：拨打计划在该年只按工作日排；请在"拨打计划"表中逐行填写该年的节假日和调休上班日`,
    ctx.data.policySheets.callPlan ? { sheet: ctx.data.policySheets.callPlan } : undefined,
  );
}
