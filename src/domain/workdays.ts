/**
 * Working days for the call plan: the policy's weekdays, minus holidays, plus worked
 * weekend days (调休).
 */
import { Day, weekday } from "./calendar";
import type { CallPlanSettings } from "./model";

export function isWorkingDay(day: Day, cp: Pick<CallPlanSettings, "workingWeekdays" | "holidays" | "extraWorkdays">): boolean {
  if (cp.extraWorkdays.includes(day)) return true;
  if (cp.holidays.includes(day)) return false;
  return cp.workingWeekdays.includes(weekday(day));
}

/** Working days in [from, to], in order. */
export function workingDays(from: Day, to: Day, cp: Pick<CallPlanSettings, "workingWeekdays" | "holidays" | "extraWorkdays">): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d++) if (isWorkingDay(d, cp)) out.push(d);
  return out;
}
