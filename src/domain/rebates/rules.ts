/**
 * Which sales lines a rebate rule touches, and over which agreement period it accrues
 * (SPEC §5). Pure.
 */
import { Day, Period, firstDayOfMonth, lastDayOfMonth } from "../calendar";
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
export function agreementPeriod(rule: Pick<RebateRule, "validFrom" | "validTo">, month: number): Period {
  const from: Day = rule.validFrom ?? firstDayOfMonth(month - (month % 12));
  const to: Day = rule.validTo ?? Number.MAX_SAFE_INTEGER;
  return { from, to };
}

/** Does the agreement period share at least one day with the month? */
export function overlapsMonth(p: Period, month: number): boolean {
  return p.from <= lastDayOfMonth(month) && p.to >= firstDayOfMonth(month);
}
