import { isoDate } from "../../../src/domain/calendar";
import { CallPlanResult, callCycle, nthWorkingDay, planCalls, priorityReasons } from "../../../src/domain/callList";
import { UNASSIGNED_REP } from "../../../src/domain/funnel";
import { customer, d, nationalDay2024 } from "./helpers";

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
    expect(isoDate(nthWorkingDay(d("2024-09-26"), 5, cp)!)).toBe("2024-10-08");
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

  it("fills each day to capacity: priority (never contacted first), call-back on its day, then longest not contacted", () => {
    expect(table(plan)).toEqual([
      "2024-09-26 李:L3,L2",
      "2024-09-26 王:W02,W03",
      "2024-09-26 (未分配 / unassigned):U1",
      "2024-09-27 李:L1",
      "2024-09-27 王:W01,W06",
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

  it("coverage per rep: planned / accounts to reach, days to full coverage in working days", () => {
    const byRep = Object.fromEntries(plan.coverage.map((c) => [c.rep, c]));
    expect(plan.coverage.map((c) => c.rep)).toEqual(["李", "王", UNASSIGNED_REP]);
    expect(byRep["王"]).toEqual({
      rep: "王", owned: 11, denial: 1, callable: 10, priority: 3, capacity: 8, planned: 8, coverage: 0.8,
      daysToFullCoverage: 5, fullCoverageDay: d("2024-10-08"), today: 2,
    });
    expect(byRep["李"]).toMatchObject({ owned: 4, denial: 1, callable: 3, planned: 3, coverage: 1, daysToFullCoverage: 2, fullCoverageDay: d("2024-09-27"), today: 2 });
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
    expect(table(plan)).toEqual(["2024-10-08 张:A2", "2024-10-09 张:A3", "2024-10-12 张:A1"]);
    expect(plan.entries.filter((e) => e.day === d("2024-10-01"))).toEqual([]);
    expect(plan.coverage[0]).toMatchObject({ capacity: 19, planned: 3, coverage: 1, daysToFullCoverage: 3, fullCoverageDay: d("2024-10-10"), today: 0 });
  });

  it("a call-back whose day is full moves to the latest earlier day with room", () => {
    // Cycle 27, 29 (调休) and 30 September, 1 call a day; both call-backs are due on the 30th:
    // B2 gets the 30th, B3 the latest earlier day with room, the 29th.
    const customers = [customer("B2", { rep: "周", nextCall: "2024-09-30" }), customer("B3", { rep: "周", nextCall: "2024-09-30" })];
    const plan = planCalls(customers, nationalDay2024(1), d("2024-09-27"), d("2024-09-30"));
    expect(table(plan)).toEqual(["2024-09-29 周:B3", "2024-09-30 周:B2"]);
    expect(plan.entries[0]).toMatchObject({ priority: false, reasons: [{ kind: "callBackEarly", due: d("2024-09-30") }] });
  });

  it("zero calls per day plans nothing and has no full-coverage date", () => {
    const plan = planCalls([customer("Z1", { rep: "钱" })], nationalDay2024(0), d("2024-09-26"), d("2024-09-30"));
    expect(plan.entries).toEqual([]);
    expect(plan.coverage[0]).toMatchObject({ capacity: 0, planned: 0, coverage: 0, daysToFullCoverage: null, fullCoverageDay: null });
  });
});
