/**
 * Which sales lines a rebate rule touches, and over which agreement period it accrues
 * (SPEC §5). Pure.
 */
import { Day, Period, dayFromYmd, firstDayOfMonth, lastDayOfMonth, ymd } from "../calendar";
import type { RebateRule, SalesLine } from "../model";

/**
 * A line counts for a rule when its model and channel match (blank = all), its date is
 * within the rule's validity, and, for a contract-plan rule, it was sold under a contract
 * plan. Returns count too (negative quantities): they reduce the basis.
 */
export function ruleTouches(rule: RebateRule, line: SalesLine, period: Period): boolean {
  if (line.date < period.from || line.date > period.to) return false;
  if (rule.model !== null && rule.model !== line.model) return false;
  if (rule.channels !== null && (line.channel === null || !rule.channels.includes(line.channel))) return false;
  if (rule.kind === "contract" && !line.contractPlan) return false;
  return true;
}

/**
 * The agreement period over which a rule's basis accumulates: valid from .. valid to. A
 * blank "valid from" starts the period on 1 January of the settlement month's year (the
 * usual annual agreement); a blank "valid to" leaves it open.
 */
export function agreementPeriod(rule: Pick<RebateRule, "validFrom" | "validTo" | "cycle">, month: number): Period {
  const from: Day = rule.validFrom ?? firstDayOfMonth(month - (month % 12));
  const to: Day = rule.validTo ?? Number.MAX_SAFE_INTEGER;
  if (!rule.cycle) return { from, to };
  // A repeating cycle (结算周期): the month, quarter or year holding the settlement month,
  // cut to the validity, accrues on its own and starts again from zero.
  const size = rule.cycle === "month" ? 1 : rule.cycle === "quarter" ? 3 : 12;
  const first = month - ((month % 12) % size);
  return { from: Math.max(from, firstDayOfMonth(first)), to: Math.min(to, lastDayOfMonth(first + size - 1)) };
}

/** The same calendar day one year earlier (29 February → 28 February), for growth rebates. */
export function yearEarlier(day: Day): Day {
  const { y, m, d } = ymd(day);
  const back = dayFromYmd(y - 1, m, d);
  // Date.UTC rolls 29 Feb of a non-leap year over to 1 March: step back to the 28th.
  return ymd(back).m !== m ? back - 1 : back;
}

/** Does the agreement period share at least one day with the month? */
export function overlapsMonth(p: Period, month: number): boolean {
  return p.from <= lastDayOfMonth(month) && p.to >= firstDayOfMonth(month);
}
