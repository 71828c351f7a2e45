/**
 * Choosing the analysis period, the plan/rebate month and the call-list day from the
 * options and the sales dates (SPEC §2 and §7).
 */
import {
  Day, Period, firstDayOfMonth, lastDayOfMonth, monthIndex, monthIndexFromKey, parseIsoDate, weekday,
} from "../domain/calendar";
import type { IssueLog } from "../domain/issues";
import type { CallPlanSettings } from "../domain/model";
import { isWorkingDay } from "../domain/workdays";

export interface Dates {
  period: Period | null;
  previousPeriod: Period | null;
  month: number | null;
  asOf: Day | null;
}

/**
 * The month of the last sale counts as complete when that sale falls on or after the
 * month's last Monday–Friday day (an export taken at month end); otherwise the period ends
 * with the month before, so a half-month never stands in for a whole one.
 */
function lastFullMonth(last: Day): number {
  const idx = monthIndex(last);
  let end = lastDayOfMonth(idx);
  while (weekday(end) === 0 || weekday(end) === 6) end--;
  return last >= end ? idx : idx - 1;
}

export function resolveDates(
  opts: { period?: string; month?: string; asOf?: string },
  /** The last day with a sales line (SalesLedger.lastDay), or null without lines. */
  last: Day | null,
  periodMonths: number,
  calls: CallPlanSettings,
  issues: IssueLog,
): Dates {
  let period: Period | null = null;
  let previousPeriod: Period | null = null;
  let fromIdx: number | null = null;
  let toIdx: number | null = null;
  if (opts.period) {
    const m = /^(\d{4}-\d{1,2})\s*\.\.\s*(\d{4}-\d{1,2})$/.exec(opts.period.trim());
    const a = m ? monthIndexFromKey(m[1]) : null;
    const b = m ? monthIndexFromKey(m[2]) : null;
    if (a === null || b === null || a > b) {
      issues.error("options.period", `Period "${opts.period}" must look like 2024-01..2024-12`, `期间"${opts.period}"格式应为 2024-01..2024-12`);
    } else {
      fromIdx = a;
      toIdx = b;
    }
  }
  if (fromIdx === null && last !== null) {
    toIdx = lastFullMonth(last);
    fromIdx = toIdx - periodMonths + 1;
  }
  if (fromIdx !== null && toIdx !== null) {
    period = { from: firstDayOfMonth(fromIdx), to: lastDayOfMonth(toIdx) };
    const len = toIdx - fromIdx + 1;
    previousPeriod = { from: firstDayOfMonth(fromIdx - len), to: lastDayOfMonth(fromIdx - 1) };
  }

  let month: number | null = last === null ? null : monthIndex(last);
  if (opts.month) {
    const m = monthIndexFromKey(opts.month);
    if (m === null) issues.error("options.month", `Month "${opts.month}" must look like 2024-05`, `月份"${opts.month}"格式应为 2024-05`);
    else month = m;
  }

  let asOf: Day | null = null;
  if (opts.asOf) {
    asOf = parseIsoDate(opts.asOf);
    if (asOf === null) issues.error("options.asOf", `Day "${opts.asOf}" must look like 2024-06-03`, `日期"${opts.asOf}"格式应为 2024-06-03`);
  }
  if (asOf === null && last !== null) {
    asOf = last + 1;
    for (let i = 0; i < 366 && !isWorkingDay(asOf, calls); i++) asOf++;
  }
  return { period, previousPeriod, month, asOf };
}
