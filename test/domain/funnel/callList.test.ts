import { isoDate } from "../../../src/domain/calendar";
import { CallPlanResult, callCycle, planCalls, priorityReasons } from "../../../src/domain/callList";
import { UNASSIGNED_REP } from "../../../src/domain/funnel";
import { isWorkingDay, publicCalendarGaps, publicCalendarYears, publicDay } from "../../../src/domain/workdays";
import { chinaCalendar, customer, d, nationalDay2024 } from "./helpers";

/** The schedule as "date rep:id,id" lines, easy to compare with a hand-made table. */
function table(plan: CallPlanResult): string[] {
  const lines = new Map<string, string[]>();
  for (const e of plan.entries) {
    const k = `${isoDate(e.day)} ${e.rep}`;
    lines.set(k, [...(lines.get(k) ?? []), e.customerId]);
  }
  return [...lines].map(([k, ids]) => `${k}:${ids.join(",")}`);
}

describe("call cycle", () => {
  it("is the working days from the as-of day to the month end: holidays out, 调休 Sunday in", () => {
    const cp = nationalDay2024(2);
    expect(callCycle(d("2024-09-26"), d("2024-09-30"), cp).map(isoDate)).toEqual(["2024-09-26", "2024-09-27", "2024-09-29", "2024-09-30"]);
    // October after the holiday: 4 + 1 (Saturday 12th) + 5 + 5 + 4 = 19 working days.
    const oct = callCycle(d("2024-10-01"), d("2024-10-31"), cp);
    expect(oct.length).toBe(19);
    expect(isoDate(oct[0])).toBe("2024-10-08");
    expect(oct.map(isoDate)).toContain("2024-10-12");
  });
});

describe("priority reasons as of the day", () => {
  const day = d("2024-09-26");
  const reasons = (over: Parameters<typeof customer>[1]) => priorityReasons(customer("X", over), day, 30).map((r) => r.kind);
  it("stage 4–5, intent ≥ 4, contract expired or ending within 30 days, next call due", () => {
    expect(reasons({ stage: 4 })).toEqual(["stage"]);
    expect(reasons({ stage: 3, intent: 3 })).toEqual([]);
    expect(reasons({ stage: 6, intent: 4 })).toEqual(["intent"]);
    expect(reasons({ contractStatus: "expired" })).toEqual(["contractExpired"]);
    expect(reasons({ stage: 7 })).toEqual(["contractExpired"]);
    expect(reasons({ contractStatus: "active", contractEnd: "2024-09-25" })).toEqual(["contractExpired"]);
    expect(reasons({ contractStatus: "active", contractEnd: "2024-10-26" })).toEqual(["contractExpiring"]); // day + 30
    expect(reasons({ contractStatus: "active", contractEnd: "2024-10-27" })).toEqual([]);
    expect(reasons({ nextCall: "2024-09-26" })).toEqual(["nextCallDue"]);
    expect(reasons({ nextCall: "2024-09-27" })).toEqual([]);
    expect(reasons({ stage: 5, intent: 5, contractStatus: "expired", nextCall: "2024-09-01" })).toEqual(["stage", "intent", "contractExpired", "nextCallDue"]);
  });
});

describe("hand-computed schedule around National Day 2024 (2 calls a day)", () => {
  // Cycle 26, 27, 29 (Sunday, 调休), 30 September: 4 days × 2 = capacity 8 per rep.
  const customers = [
    // 王: 10 accounts to reach (W04 is Denial) → over capacity.
    customer("W01", { rep: "王", stage: 4, lastContact: "2024-09-01" }),
    customer("W02", { rep: "王", intent: 5 }),
    customer("W03", { rep: "王", contractStatus: "active", contractEnd: "2024-10-20", lastContact: "2024-08-01" }),
    customer("W04", { rep: "王", stage: 5, temperature: "Denial" }),
    customer("W05", { rep: "王", nextCall: "2024-09-29", lastContact: "2024-09-20" }),
    customer("W06", { rep: "王" }),
    customer("W07", { rep: "王", lastContact: "2024-06-01" }),
    customer("W08", { rep: "王", lastContact: "2024-07-01" }),
    customer("W09", { rep: "王", lastContact: "2024-09-25" }),
    customer("W10", { rep: "王", lastContact: "2024-09-10" }),
    customer("W11", { rep: "王", contractStatus: "active", contractEnd: "2024-11-30", lastContact: "2024-09-24" }),
    // 李: 3 accounts to reach, fewer than the capacity of 8.
    customer("L1", { rep: "李", lastContact: "2024-09-01" }),
    customer("L2", { rep: "李", stage: 5, lastContact: "2024-09-20" }),
    customer("L3", { rep: "李", contractStatus: "expired" }),
    customer("L4", { rep: "李", temperature: "Denial" }),
    // No rep.
    customer("U1", { lastContact: "2024-09-02", temperature: "Cold" }),
  ];
  const plan = planCalls(customers, nationalDay2024(2), d("2024-09-26"), d("2024-09-30"));

  it("spreads each rep's calls evenly: priority (never contacted first), call-back on its day, then longest not contacted", () => {
    // 王 is over capacity (10 accounts, 8 slots): 2 a day. 李 has 3 accounts over 4 days:
    // 1, 1, 1, 0 (not L3 and L2 together on day one). The unassigned U1 on day one.
    expect(table(plan)).toEqual([
      "2024-09-26 李:L3",
      "2024-09-26 王:W02,W03",
      "2024-09-26 (未分配 / unassigned):U1",
      "2024-09-27 李:L2",
      "2024-09-27 王:W01,W06",
      "2024-09-29 李:L1",
      "2024-09-29 王:W05,W07",
      "2024-09-30 王:W08,W10",
    ]);
    const w05 = plan.entries.find((e) => e.customerId === "W05")!;
    expect(w05.priority).toBe(true);
    expect(w05.reasons).toEqual([{ kind: "callBack", due: d("2024-09-29") }]);
    expect(plan.entries.find((e) => e.customerId === "W06")!.reasons).toEqual([{ kind: "coverage", lastContact: null }]);
    expect(plan.entries.find((e) => e.customerId === "W03")!.reasons).toEqual([{ kind: "contractExpiring", end: d("2024-10-20") }]);
  });

  it("leaves Denial out and the overflow unplanned; planned dates per account", () => {
    expect(plan.plannedDay.has("W04")).toBe(false);
    expect(plan.plannedDay.has("L4")).toBe(false);
    expect(plan.plannedDay.has("W09")).toBe(false); // most recently contacted: next cycle
    expect(plan.plannedDay.has("W11")).toBe(false);
    expect(isoDate(plan.plannedDay.get("W05")!)).toBe("2024-09-29");
  });

  it("coverage per rep: planned / accounts to reach, days to full coverage in working days (as scheduled, or at capacity when over it)", () => {
    const byRep = Object.fromEntries(plan.coverage.map((c) => [c.rep, c]));
    expect(plan.coverage.map((c) => c.rep)).toEqual(["李", "王", UNASSIGNED_REP]);
    expect(byRep["王"]).toEqual({
      rep: "王", owned: 11, denial: 1, callable: 10, priority: 3, capacity: 8, planned: 8, coverage: 0.8,
      daysToFullCoverage: 5, fullCoverageDay: null, today: 2,
    });
    expect(byRep["李"]).toMatchObject({ owned: 4, denial: 1, callable: 3, planned: 3, coverage: 1, daysToFullCoverage: 3, fullCoverageDay: d("2024-09-29"), today: 1 });
    expect(byRep[UNASSIGNED_REP]).toMatchObject({ owned: 1, planned: 1, daysToFullCoverage: 1, fullCoverageDay: d("2024-09-26") });
    expect(plan.unassigned).toBe(1);
  });

  it("is deterministic whatever the input order", () => {
    const again = planCalls([...customers].reverse(), nationalDay2024(2), d("2024-09-26"), d("2024-09-30"));
    expect(again.entries).toEqual(plan.entries);
  });
});

describe("hand-computed schedule starting on a holiday", () => {
  it("no calls on the holiday; the cycle starts after it and a call-back waits for the 调休 Saturday", () => {
    const customers = [
      customer("A1", { rep: "张", nextCall: "2024-10-12", lastContact: "2024-09-20" }),
      customer("A2", { rep: "张" }),
      customer("A3", { rep: "张", lastContact: "2024-09-01" }),
    ];
    const plan = planCalls(customers, nationalDay2024(1), d("2024-10-01"), d("2024-10-31"));
    expect(plan.cycle.days.length).toBe(19);
    expect(isoDate(plan.cycle.from)).toBe("2024-10-08");
    // Three calls over 19 days: one a day on the first days, the call-back on its Saturday.
    expect(table(plan)).toEqual(["2024-10-08 张:A2", "2024-10-09 张:A3", "2024-10-12 张:A1"]);
    expect(plan.entries.filter((e) => e.day === d("2024-10-01"))).toEqual([]);
    expect(plan.coverage[0]).toMatchObject({ capacity: 19, planned: 3, coverage: 1, daysToFullCoverage: 5, fullCoverageDay: d("2024-10-12"), today: 0 });
  });

  it("a call-back whose day is full moves to the latest earlier day with room", () => {
    // Cycle 27, 29 (调休) and 30 September, 1 call a day; both call-backs are due on the 30th:
    // B2 gets the 30th, B3 the latest earlier day with room, the 29th.
    const customers = [customer("B2", { rep: "周", nextCall: "2024-09-30" }), customer("B3", { rep: "周", nextCall: "2024-09-30" })];
    const plan = planCalls(customers, nationalDay2024(1), d("2024-09-27"), d("2024-09-30"));
    expect(table(plan)).toEqual(["2024-09-29 周:B3", "2024-09-30 周:B2"]);
    expect(plan.entries[0]).toMatchObject({ priority: true, reasons: [{ kind: "callBackEarly", due: d("2024-09-30") }] });
  });

  it("zero calls per day plans nothing and has no full-coverage date", () => {
    const plan = planCalls([customer("Z1", { rep: "钱" })], nationalDay2024(0), d("2024-09-26"), d("2024-09-30"));
    expect(plan.entries).toEqual([]);
    expect(plan.coverage[0]).toMatchObject({ capacity: 0, planned: 0, coverage: 0, daysToFullCoverage: null, fullCoverageDay: null });
  });
});

/** Calls per day of one rep, as "date:count" for every working day of the cycle. */
function loads(plan: CallPlanResult, rep: string): string[] {
  return plan.cycle.days.map((day) => `${isoDate(day)}:${plan.entries.filter((e) => e.rep === rep && e.day === day).length}`);
}

describe("hand-computed schedules on the default calendar (mainland China holidays and 调休)", () => {
  it("National Day 2024, end of September: Saturday the 28th off, Sunday the 29th worked (调休)", () => {
    // 7 accounts over 3 working days (27, 29, 30 September): 3, 2, 2; the priority ones first.
    const customers = [
      customer("K1", { rep: "张", lastContact: "2024-06-01" }),
      customer("K2", { rep: "张", lastContact: "2024-07-01" }),
      customer("K3", { rep: "张", lastContact: "2024-08-01" }),
      customer("K4", { rep: "张", lastContact: "2024-09-10" }),
      customer("K5", { rep: "张", lastContact: "2024-09-20" }),
      customer("P1", { rep: "张", stage: 5 }),
      customer("P2", { rep: "张", intent: 4, lastContact: "2024-09-01" }),
    ];
    const plan = planCalls(customers, chinaCalendar(3), d("2024-09-27"), d("2024-09-30"));
    expect(plan.cycle.days.map(isoDate)).toEqual(["2024-09-27", "2024-09-29", "2024-09-30"]);
    expect(table(plan)).toEqual(["2024-09-27 张:P1,P2,K1", "2024-09-29 张:K2,K3", "2024-09-30 张:K4,K5"]);
    expect(plan.coverage[0]).toMatchObject({ capacity: 9, planned: 7, daysToFullCoverage: 3, fullCoverageDay: d("2024-09-30"), today: 3 });
  });

  it("National Day 2024, October: nothing on 1–7 October, Saturday the 12th worked, 40 calls as 3, 3, then 2 a day", () => {
    const customers = Array.from({ length: 40 }, (_, i) => customer(`N${String(i).padStart(2, "0")}`, { rep: "李", lastContact: "2024-08-01" }));
    const plan = planCalls(customers, chinaCalendar(3), d("2024-10-01"), d("2024-10-31"));
    expect(loads(plan, "李")).toEqual([
      "2024-10-08:3", "2024-10-09:3", "2024-10-10:2", "2024-10-11:2", "2024-10-12:2",
      "2024-10-14:2", "2024-10-15:2", "2024-10-16:2", "2024-10-17:2", "2024-10-18:2",
      "2024-10-21:2", "2024-10-22:2", "2024-10-23:2", "2024-10-24:2", "2024-10-25:2",
      "2024-10-28:2", "2024-10-29:2", "2024-10-30:2", "2024-10-31:2",
    ]);
    expect(plan.entries.filter((e) => e.day < d("2024-10-08"))).toEqual([]);
    expect(table(plan).slice(0, 2)).toEqual(["2024-10-08 李:N00,N01,N02", "2024-10-09 李:N03,N04,N05"]);
  });

  it("the CallPlan sheet overrides the public calendar: a 调休 Saturday off, a holiday worked", () => {
    const cp = chinaCalendar(3, { holidays: [d("2024-10-12")], extraWorkdays: [d("2024-10-07")] });
    const days = callCycle(d("2024-10-01"), d("2024-10-31"), cp).map(isoDate);
    expect(days).toHaveLength(19);
    expect(days[0]).toBe("2024-10-07");
    expect(days).not.toContain("2024-10-12");
  });

  it("New Year 2025: 1 January off, Sunday the 26th worked (调休 for 春节), 28–31 January off", () => {
    // 19 working days: 2, 3, 6–10, 13–17, 20–24, 26, 27 January. 25 calls at 2 a day: six days
    // with 2, thirteen with 1. The call-back due on the 调休 Sunday is called that day.
    const coverage = Array.from({ length: 23 }, (_, i) =>
      customer(`K${String(i + 1).padStart(2, "0")}`, { rep: "王", lastContact: isoDate(d("2024-06-01") + i) }),
    );
    const customers = [...coverage, customer("P", { rep: "王", stage: 4, lastContact: "2024-12-20" }), customer("CB", { rep: "王", nextCall: "2025-01-26", lastContact: "2024-12-30" })];
    const plan = planCalls(customers, chinaCalendar(2), d("2025-01-01"), d("2025-01-31"));
    expect(plan.cycle.days.map(isoDate)).toEqual([
      "2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07", "2025-01-08", "2025-01-09", "2025-01-10",
      "2025-01-13", "2025-01-14", "2025-01-15", "2025-01-16", "2025-01-17",
      "2025-01-20", "2025-01-21", "2025-01-22", "2025-01-23", "2025-01-24", "2025-01-26", "2025-01-27",
    ]);
    expect(table(plan)).toEqual([
      "2025-01-02 王:P,K01", "2025-01-03 王:K02,K03", "2025-01-06 王:K04,K05", "2025-01-07 王:K06,K07",
      "2025-01-08 王:K08,K09", "2025-01-09 王:K10,K11", "2025-01-10 王:K12",
      "2025-01-13 王:K13", "2025-01-14 王:K14", "2025-01-15 王:K15", "2025-01-16 王:K16", "2025-01-17 王:K17",
      "2025-01-20 王:K18", "2025-01-21 王:K19", "2025-01-22 王:K20", "2025-01-23 王:K21", "2025-01-24 王:K22",
      "2025-01-26 王:CB", "2025-01-27 王:K23",
    ]);
    expect(plan.entries.find((e) => e.customerId === "CB")!.reasons).toEqual([{ kind: "callBack", due: d("2025-01-26") }]);
    // The last day of 2024 is a normal working day; the cycle of 31 December is that one day.
    expect(callCycle(d("2024-12-31"), d("2024-12-31"), chinaCalendar(2)).map(isoDate)).toEqual(["2024-12-31"]);
  });

  it("outside the years chinese-days covers: Mon–Fri, and the gap is reported", () => {
    const { first, last } = publicCalendarYears();
    expect(first).toBe(2004);
    expect(last).toBeGreaterThanOrEqual(2026);
    expect(publicCalendarGaps(d("2024-12-30"), d("2025-01-31"), chinaCalendar(1))).toEqual([]);
    const year = last + 1;
    const oct1 = d(`${year}-10-01`);
    expect(publicCalendarGaps(oct1, oct1 + 30, chinaCalendar(1))).toEqual([year]);
    expect(publicCalendarGaps(oct1, oct1 + 30, chinaCalendar(1, { publicCalendar: "none" }))).toEqual([]);
    expect(publicCalendarGaps(d("2003-12-01"), d("2003-12-31"), chinaCalendar(1))).toEqual([2003]);
    // National Day of an uncovered year is a plain weekday: worked when it falls Mon–Fri.
    const weekdayOfOct1 = new Date(Date.UTC(year, 9, 1)).getUTCDay();
    expect(isWorkingDay(oct1, chinaCalendar(1))).toBe(weekdayOfOct1 >= 1 && weekdayOfOct1 <= 5);
    expect(publicDay(d("2025-01-01"))).toEqual({ worked: false, zh: "元旦", en: "New Year's Day" });
    expect(publicDay(d("2025-01-26"))).toMatchObject({ worked: true, zh: "春节" });
  });
});
