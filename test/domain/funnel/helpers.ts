/** Building customers and call-plan settings for the funnel and call-list tests. */
import type { Day } from "../../../src/domain/calendar";
import { dayFromYmd } from "../../../src/domain/calendar";
import type { CallPlanSettings, Customer } from "../../../src/domain/model";

export function d(iso: string): Day {
  const [y, m, dd] = iso.split("-").map(Number);
  return dayFromYmd(y, m, dd);
}

export function customer(id: string, over: Partial<Omit<Customer, "lastContact" | "nextCall" | "contractEnd">> & { lastContact?: string | null; nextCall?: string | null; contractEnd?: string | null } = {}): Customer {
  const { lastContact, nextCall, contractEnd, ...rest } = over;
  return {
    customerId: id, name: `客户${id}`, channel: null, office: null, cityTier: null, rep: null, stage: null, temperature: null, intent: null,
    contractStatus: null, contractEnd: contractEnd ? d(contractEnd) : null, lastContact: lastContact ? d(lastContact) : null,
    nextCall: nextCall ? d(nextCall) : null, creditLimit: null, arrears: null, expectedValue: null, scorecard: {}, source: null,
    ...rest,
  };
}

/**
 * China's National Day 2024 typed in by hand, as a CallPlan sheet would list it, with the
 * public calendar switched off: Oct 1–7 off, Sunday Sep 29 and Saturday Oct 12 worked (调休).
 */
export function nationalDay2024(callsPerDay: number): CallPlanSettings {
  const holidays = ["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07"].map(d);
  return { callsPerDay, workingWeekdays: [1, 2, 3, 4, 5], publicCalendar: "none", holidays, extraWorkdays: [d("2024-09-29"), d("2024-10-12")], expiringWithinDays: 30 };
}

/** The default calendar: mainland China public holidays and 调休 days, Mon–Fri, no sheet overrides. */
export function chinaCalendar(callsPerDay: number, over: Partial<CallPlanSettings> = {}): CallPlanSettings {
  return { callsPerDay, workingWeekdays: [1, 2, 3, 4, 5], publicCalendar: "CN", holidays: [], extraWorkdays: [], expiringWithinDays: 30, ...over };
}
