/**
 * Working days for the call plan (SPEC §3.3): the mainland China public holiday calendar with
 * its 调休 worked weekend days, then the team's weekdays (Mon–Fri by default); the `CallPlan`
 * sheet's holiday and workday rows override both.
 *
 * The public calendar comes from the `chinese-days` package, which ships the State Council's
 * yearly arrangements as data (no network access). We read its JSON data file rather than
 * its functions: those parse "YYYY-MM-DD" as UTC and then read the date back in local time,
 * so in a time zone west of UTC they answer for the previous day. The data is keyed by ISO
 * date and needs no clock. Years it does not cover fall back to the weekdays alone (Mon–Fri),
 * and the call list warns (`publicCalendarGaps`).
 */
import chineseDays from "chinese-days/dist/chinese-days.json";
import { Day, parseIsoDate, weekday, ymd } from "./calendar";
import type { CallPlanSettings } from "./model";

export type WorkdaySettings = Pick<CallPlanSettings, "workingWeekdays" | "holidays" | "extraWorkdays" | "publicCalendar">;

/** The public calendar as data: day → true for a worked 调休 day, false for a public holiday. */
interface PublicCalendar {
  kind: Map<Day, boolean>;
  /** Holiday name per day ("国庆节", "元旦", …) in Chinese and English. */
  names: Map<Day, { zh: string; en: string }>;
  years: Set<number>;
}

let cnCalendar: PublicCalendar | null = null;

/** The chinese-days data, indexed once (about 770 days over 2004–2026). */
function cn(): PublicCalendar {
  if (cnCalendar) return cnCalendar;
  const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const cal: PublicCalendar = { kind: new Map(), names: new Map(), years: new Set() };
  const add = (entries: Record<string, string>, worked: boolean) => {
    for (const [iso, label] of Object.entries(entries)) {
      const day = parseIsoDate(iso);
      if (day === null) continue;
      // Labels read "National Day,国庆节,3": English name, Chinese name, length of the break.
      const [en, zh] = label.split(",");
      cal.kind.set(day, worked);
      cal.names.set(day, { zh: zh ?? en, en });
      cal.years.add(ymd(day).y);
    }
  };
  add(data.holidays, false);
  add(data.workdays, true);
  return (cnCalendar = cal);
}

/** The first and last year the mainland China public calendar covers. */
export function publicCalendarYears(): { first: number; last: number } {
  const years = [...cn().years];
  return { first: Math.min(...years), last: Math.max(...years) };
}

/** The public holiday or 调休 day `day` is, in the mainland China calendar, or null. */
export function publicDay(day: Day): { worked: boolean; zh: string; en: string } | null {
  const worked = cn().kind.get(day);
  if (worked === undefined) return null;
  return { worked, ...cn().names.get(day)! };
}

/** Years of [from, to] the public calendar in use does not cover (none when it is switched off). */
export function publicCalendarGaps(from: Day, to: Day, cp: Pick<CallPlanSettings, "publicCalendar">): number[] {
  if (cp.publicCalendar !== "CN" || to < from) return [];
  const out: number[] = [];
  for (let y = ymd(from).y; y <= ymd(to).y; y++) if (!cn().years.has(y)) out.push(y);
  return out;
}

export function isWorkingDay(day: Day, cp: WorkdaySettings): boolean {
  if (cp.extraWorkdays.includes(day)) return true;
  if (cp.holidays.includes(day)) return false;
  if (cp.publicCalendar === "CN") {
    const worked = cn().kind.get(day);
    if (worked !== undefined) return worked;
  }
  return cp.workingWeekdays.includes(weekday(day));
}

/** Working days in [from, to], in order. */
export function workingDays(from: Day, to: Day, cp: WorkdaySettings): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d++) if (isWorkingDay(d, cp)) out.push(d);
  return out;
}
