/**
 * Funnel and call list through the whole pipeline: messy notations in the customer sheet,
 * a CallPlan policy sheet with National Day holidays and a 调休 Sunday, the sheets, the chart
 * and the JSON summary.
 */
import type { funnelJson } from "../../src/analyses/funnel";
import { runPipeline } from "../../src/pipeline/run";
import type { SheetPatch } from "../../src/report/patch";
import { serial, sheet, workbook } from "../support/grids";

const customers = sheet("客户资料", [
  ["客户编号", "客户名称", "销售代表", "销售进程", "客户温度", "成交意向", "合同状态", "合同到期日", "上次联系", "下次拨打时间", "预计金额"],
  ["C1", "甲", "王", "4-有选择我们的意向", "A类", "成交意向好", "无合同", null, serial("2024-09-01"), null, "¥10,000"],
  ["C2", "乙", "王", 6, "Warm", 3, "合同中", serial("2024-10-15"), "2024/9/20", null, null],
  ["C3", "丙", "王", "进程2", "C类", "2", "None", null, null, null, null],
  ["C4", "丁", "王", 7, "废弃", null, "Expired", serial("2024-06-30"), null, null, null],
  ["C5", "戊", "王", 1, "Cold", null, "无合同", null, serial("2024-08-01"), serial("2024-09-29"), null],
  ["C6", "己", "李", "合同中", "Hot", 5, "Active", serial("2025-03-31"), serial("2024-09-25"), null, null],
  ["C7", "庚", "李", 0, "温热", "很好", "待定", null, null, null, null],
  ["C8", "辛", null, 3, "B类", "可能成交", "无合同", null, null, null, 5000],
]);
const sales = sheet("销售记录", [
  ["日期", "客户编号", "型号", "数量", "金额"],
  [serial("2024-01-10"), "C2", "I9300", 10, 120000],
  [serial("2024-03-10"), "C6", "I9300", 5, 60000],
  [serial("2024-05-10"), "C1", "I9300", 1, 2400],
  [serial("2024-08-30"), "C4", "I9300", -1, -2400],
]);
const callPlan = sheet("拨打计划", [
  ["参数 / Key", "设置 / Setting", "值 / Value"],
  ["calls.perDay", "每日拨打量", 2],
  ["calls.workdays", "工作日", "一,二,三,四,五"],
  ...["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07"].map((h) => ["holiday", "节假日", serial(h)]),
  ["workday", "调休上班日", serial("2024-09-29")],
  ["workday", "调休上班日", serial("2024-10-12")],
]);

const sheetNamed = (sheets: SheetPatch[], name: string) => {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}: ${sheets.map((x) => x.name).join(", ")}`);
  return s;
};

describe("funnel and call list through the pipeline", () => {
  const out = runPipeline(workbook(customers, sales, callPlan), { period: "2024-01..2024-12", asOf: "2024-09-26" });

  it("reads every notation; unknown values are issues with their cell", () => {
    expect(out.failed).toBe(false);
    const bad = out.issues.filter((i) => i.code.startsWith("value.bad.")).map((i) => `${i.code}@${i.cell}`);
    expect(bad.sort()).toEqual(["value.bad.contractStatus@G8", "value.bad.intent@F8", "value.bad.temperature@E8"]);
    const noRep = out.issues.filter((i) => i.code === "customers.noRep");
    expect(noRep).toHaveLength(1);
    expect(noRep[0].severity).toBe("info");
  });

  it("JSON funnel: counts per stage, temperature and contract status, conversion, weighted pipeline, per rep", () => {
    const f = out.summary.funnel as unknown as ReturnType<typeof funnelJson> & { byRep: (ReturnType<typeof funnelJson> & { rep: string })[] };
    expect(f.byStage).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 0, 6: 2, 7: 1 });
    expect(f.byTemperature).toEqual({ Hot: 2, Warm: 2, Cold: 2, Denial: 1 });
    expect(f.byContractStatus).toEqual({ none: 4, active: 2, expired: 1 });
    expect(f.notRecorded).toEqual({ stage: 0, temperature: 1, contractStatus: 1 });
    expect(f.revenueByStage["6"]).toBe(180000);
    expect(f.revenueByStage["7"]).toBe(-2400);
    // Reached ≥ k: 8, 7, 6, 5, 4, 3, 3, 1.
    expect(f.reached).toEqual({ 0: 8, 1: 7, 2: 6, 3: 5, 4: 4, 5: 3, 6: 3, 7: 1 });
    // Progress stages only: no "conversion" 合同中 → 合同已到期 (6 → 7).
    expect(f.conversion).toEqual({ "0-1": 0.875, "1-2": 0.857143, "2-3": 0.833333, "3-4": 0.8, "4-5": 0.75, "5-6": 1 });
    // Stages 1–5: C1 10,000 × 75% = 7,500; C3 0 (no sales) × 25%; C5 0, no intent; C8 5,000 × 50% = 2,500.
    expect(f.weightedPipeline).toBe(10000);
    expect(f.pipeline).toEqual({ accounts: 4, expectedValue: 15000, weighted: 10000, withoutIntent: { accounts: 1, expectedValue: 0 } });
    expect(f.byRep.map((r) => r.rep)).toEqual(["李", "王", "(未分配 / unassigned)"]);
    expect(f.byRep[1].weightedPipeline).toBe(7500);
  });

  it("JSON callList: the as-of day's calls with date, rep, customer and reason", () => {
    // Cycle 26, 27, 29 (调休), 30 September; at most 2 calls a day, spread evenly.
    // 李: C6 priority (intent 5) on the 26th, C7 for coverage (never contacted) on the 27th.
    // 王: 4 calls over 4 days: C5's call-back on the 29th, priority C1 (stage 4, intent 4;
    // last 09-01) on the 26th, C2 (contract ends 10-15, within 30 days) on the 27th, C3 the 30th.
    // Unassigned: C8 for coverage.
    expect(out.summary.callList.map((e) => [e.date, e.rep, e.customerId])).toEqual([
      ["2024-09-26", "李", "C6"],
      ["2024-09-26", "王", "C1"],
      ["2024-09-26", "(未分配 / unassigned)", "C8"],
    ]);
    const c1 = out.summary.callList[1];
    expect(c1.reason).toBe("进程4（有选择我们的意向）；成交意向：成交意向好");
    expect(c1.priority).toBe(true);
    expect(out.summary.callList[2]).toMatchObject({ reason: "覆盖拨打：从未联系", priority: false, reasonCodes: ["coverage"], name: "辛" });
    const cov = (out.summary.funnel.coverage as { rep: string; owned: number; callable: number; planned: number; daysToFullCoverage: number }[]);
    expect(cov.find((c) => c.rep === "王")).toMatchObject({ owned: 5, callable: 4, planned: 4, daysToFullCoverage: 4, fullCoverageDate: "2024-09-30" });
    expect(out.summary.funnel.callCycle).toEqual({ from: "2024-09-26", to: "2024-09-30", workingDays: 4, callsPerDay: 2 });
  });

  it("JSON callSchedule: the whole cycle beside callList, by date, rep and order", () => {
    expect(out.summary.callSchedule).toEqual([
      { date: "2024-09-26", rep: "李", customerId: "C6", priority: true },
      { date: "2024-09-26", rep: "王", customerId: "C1", priority: true },
      { date: "2024-09-26", rep: "(未分配 / unassigned)", customerId: "C8", priority: false },
      { date: "2024-09-27", rep: "李", customerId: "C7", priority: false },
      { date: "2024-09-27", rep: "王", customerId: "C2", priority: true },
      { date: "2024-09-29", rep: "王", customerId: "C5", priority: true },
      { date: "2024-09-30", rep: "王", customerId: "C3", priority: false },
    ]);
    // The as-of day's part of the schedule is the call list.
    expect(out.summary.callSchedule.filter((e) => e.date === "2024-09-26").map((e) => e.customerId)).toEqual(out.summary.callList.map((e) => e.customerId));
  });

  it("writes the funnel sheet with a funnel chart (bar fallback), the call list and the schedule", () => {
    const names = out.patch.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["漏斗分析", "今日拨打清单", "拨打排期"]));
    const funnel = sheetNamed(out.patch.sheets, "漏斗分析");
    const chart = funnel.charts.find((c) => c.id === "funnel.chart")!;
    expect(chart).toMatchObject({ type: "funnel", fallback: "bar", categories: { block: "funnel.stage", column: "label", rows: [0, 7] } });
    const stage = funnel.blocks.find((b) => b.id === "funnel.stage")!;
    expect(stage.rows[4]).toEqual(["4 有选择我们的意向", 1, 0.125, 2400, 4, 0.75]);
    expect(stage.rows[6].slice(-2)).toEqual([3, null]); // 合同中: no conversion into 合同已到期
    expect(stage.rows[7].slice(-2)).toEqual([1, null]);

    const list = sheetNamed(out.patch.sheets, "今日拨打清单").blocks.find((b) => b.id === "callList.today")!;
    expect(list.rows.map((r) => r[3])).toEqual(["C6", "C1", "C8"]);
    expect(list.rows[1][0]).toBe(serial("2024-09-26"));

    const schedule = sheetNamed(out.patch.sheets, "拨打排期");
    const calls = schedule.blocks.find((b) => b.id === "schedule.calls")!;
    // 王: one call a day; C5's call-back on Sunday the 29th (调休).
    expect(calls.rows.filter((r) => r[1] === "王").map((r) => [r[0], r[3]])).toEqual([
      [serial("2024-09-26"), "C1"],
      [serial("2024-09-27"), "C2"],
      [serial("2024-09-29"), "C5"],
      [serial("2024-09-30"), "C3"],
    ]);
    const accounts = schedule.blocks.find((b) => b.id === "schedule.accounts")!;
    expect(accounts.rows.find((r) => r[0] === "C4")).toEqual(["C4", "丁", "王", null, "废弃，不拨打"]);
    expect(accounts.rows.find((r) => r[0] === "C5")![3]).toBe(serial("2024-09-29"));
  });

  it("shows codes in the sheet's language and takes totals from the columns", () => {
    const funnel = sheetNamed(out.patch.sheets, "漏斗分析");
    const temp = funnel.blocks.find((b) => b.id === "funnel.temperature")!;
    expect(temp.rows.map((r) => r[0])).toEqual(["Hot（A类，即将成交）", "Warm（B类，有意向）", "Cold（C类，未确定）", "Denial（废弃）", "未填写", "合计"]);
    // Totals row (sheet rows 19–23 hold the five values): SUM formulas cached with the overall figures.
    const total = temp.rows[5];
    expect(total[1]).toMatchObject({ formula: "SUM(B19:B23)", result: 8 });
    expect(total[3]).toMatchObject({ result: 180000 });
    const detail = funnel.blocks.find((b) => b.id === "funnel.byRepDetail")!;
    expect(detail.rows.find((r) => r[0] === "李" && r[1] === "客户温度" && r[2] === "Hot（A类，即将成交）")![3]).toBe(1); // C6 (C7's 温热 is not a temperature)

    const call = sheetNamed(out.patch.sheets, "今日拨打清单");
    const list = call.blocks.find((b) => b.id === "callList.today")!;
    const c1 = list.rows.find((r) => r[3] === "C1")!;
    const col = (k: string) => list.columns.findIndex((c) => c.key === k);
    expect([c1[col("stage")], c1[col("temperature")], c1[col("intent")]]).toEqual(["4 有选择我们的意向", "Hot（A类，即将成交）", "4 成交意向好"]);
    const coverage = call.blocks.find((b) => b.id === "callList.coverage")!;
    const cov = coverage.rows[coverage.rows.length - 1];
    expect(cov[0]).toBe("合计");
    // Total coverage is planned ÷ callable over all reps, not a sum of the reps' rates.
    const cc = (k: string) => coverage.columns.findIndex((c) => c.key === k);
    const sum = (k: string) => coverage.rows.slice(0, -1).reduce((s, r) => s + (r[cc(k)] as number), 0);
    expect(coverage.rows).toHaveLength(4); // three reps at 100% each: a sum of rates would read 300%
    expect(cov[cc("coverage")]).toBe(sum("planned") / sum("callable"));
    expect(cov[cc("coverage")]).toBe(1);
  });

  it("speaks English when asked, with the same JSON numbers", () => {
    const en = runPipeline(workbook(customers, sales, callPlan), { period: "2024-01..2024-12", asOf: "2024-09-26", lang: "en" });
    expect(en.patch.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Funnel", "Call list", "Call schedule"]));
    expect(en.summary.funnel.byStage).toEqual(out.summary.funnel.byStage);
    expect(en.summary.callList[2].reason).toBe("coverage: never contacted");
  });

  it("without holiday rows the mainland China calendar applies: National Day off, 调休 Saturday worked", () => {
    const noPlan = runPipeline(workbook(customers, sales), { period: "2024-01..2024-12", asOf: "2024-10-01" });
    expect(noPlan.summary.callList).toEqual([]);
    expect(noPlan.summary.funnel.callCycle).toMatchObject({ from: "2024-10-08", workingDays: 19, callsPerDay: 60 });
    expect(noPlan.summary.callSchedule.map((e) => e.date)).not.toContain("2024-10-07");
    const note = noPlan.issues.find((i) => i.code === "callList.notWorkingDay")!;
    expect(note.messageZh).toContain("2024-10-01（国庆节）");
    expect(noPlan.issues.some((i) => i.code === "callList.calendarYears")).toBe(false);
  });

  it("calls.calendar 无 switches the public calendar off; the sheet's rows still apply", () => {
    const off = sheet("拨打计划", [
      ["参数 / Key", "设置 / Setting", "值 / Value"],
      ["calls.calendar", "节假日日历", "无"],
      ["holiday", "节假日", serial("2024-10-02")],
    ]);
    const r = runPipeline(workbook(customers, sales, off), { period: "2024-01..2024-12", asOf: "2024-10-01" });
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    // October 2024 has 23 weekdays; the sheet takes the 2nd off.
    expect(r.summary.funnel.callCycle).toMatchObject({ from: "2024-10-01", workingDays: 22 });
    expect(r.summary.callList.length).toBeGreaterThan(0);
  });

  it("a year the calendar does not cover: weekdays only, with a warning", () => {
    const r = runPipeline(workbook(customers, sales), { period: "2024-01..2024-12", asOf: "2099-10-01" });
    const w = r.issues.find((i) => i.code === "callList.calendarYears")!;
    expect(w.severity).toBe("warning");
    expect(w.message).toContain("not 2099");
    // 1 October 2099 is a Thursday: a working day without the public calendar.
    expect(r.summary.callList[0]).toMatchObject({ date: "2099-10-01" });
  });

  it("a holiday as-of day has no calls and says so", () => {
    const h = runPipeline(workbook(customers, sales, callPlan), { period: "2024-01..2024-12", asOf: "2024-10-01" });
    expect(h.summary.callList).toEqual([]);
    expect(h.issues.some((i) => i.code === "callList.notWorkingDay")).toBe(true);
    expect(h.summary.funnel.callCycle).toMatchObject({ from: "2024-10-08", workingDays: 19 });
  });
});
