/**
 * The plan template as a patch (SPEC §4.1): user sheets (never owned), one per rep, locked
 * generated cells, unlocked validated inputs, a protected sheet, and the suggested target
 * from MonthlyDistribution. Then the demo workbook's filled plan month through the pipeline.
 */
import * as fs from "fs";
import * as path from "path";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { runPipeline } from "../../src/pipeline/run";
import { planTemplatePatch } from "../../src/analyses/planTemplate";
import { serial, sheet, workbook } from "../support/grids";

const customers = sheet("客户资料", [
  ["客户编号", "客户名称", "销售代表"],
  ["C1", "甲", "王伟"],
  ["C2", "乙", null],
]);
const sales = sheet("销售记录", [
  ["日期", "客户编号", "型号", "数量", "金额"],
  [serial("2024-01-10"), "C1", "X", 100, 10000],
  [serial("2024-06-10"), "C1", "X", 20, 2000],
  [serial("2024-12-31"), "C2", "X", 7, 700],
]);
const distribution = sheet("月度分解", [["月份", "比例"], ...Array.from({ length: 12 }, (_, i) => [i + 1, i === 0 ? 10 : 90 / 11])]);

describe("plan template patch", () => {
  const run = runPipeline(workbook(customers, sales, distribution), { lang: "zh" });
  const patch = planTemplatePatch(run.context, "2025-1");

  it("makes one user sheet per rep (unassigned accounts apart), none owned", () => {
    expect(patch.sheets).toEqual([]);
    expect(patch.columns).toEqual([]);
    expect(patch.userSheets!.map((s) => s.name)).toEqual(["计划 2025-01 王伟", "计划 2025-01 未分配"]);
    expect(patch.userSheets!.every((s) => s.protect)).toBe(true);
  });

  it("unlocks and validates only the target columns and adds the suggested target", () => {
    const body = patch.userSheets![0].blocks.find((b) => b.id === "planTemplate")!;
    const col = (k: string) => body.columns.find((c) => c.key === k)!;
    expect(body.columns.map((c) => c.header)).toEqual(["客户编号", "客户名称", "ABC分类", "渠道类型", "X 单价", "X 建议数量", "X 目标数量", "X 目标金额", "目标数量合计", "目标金额合计"]);
    expect(col("q0").style).toMatchObject({ locked: false, fill: "#FFF2CC" });
    for (const k of ["p0", "s0", "a0", "tq", "ta"]) expect(col(k).style?.locked).not.toBe(false);
    expect(body.validations).toEqual([expect.objectContaining({ column: "q0", kind: "wholeNumber", min: 0 })]);
    // C1: 120 units over 2024-01..2024-12 × January's 10% = 12. Price: average of its sales, 100.
    const c1 = body.rows[0];
    expect(c1.slice(0, 7)).toEqual(["C1", "甲", "A", null, 100, 12, null]);
    expect(c1[7]).toEqual({ formula: "E7*G7", result: 0 });
    expect(body.rows[1][0]).toBe("合计");
    expect(body.rowStyles![1]).toMatchObject({ locked: true });
  });

  it("writes a single sheet without a rep suffix when the workbook has no reps", () => {
    const noReps = sheet("客户资料", [["客户编号", "客户名称"], ["C1", "甲"]]);
    const r = runPipeline(workbook(noReps, sales), { lang: "en" });
    expect(planTemplatePatch(r.context, "2025-01").userSheets!.map((s) => s.name)).toEqual(["Plan 2025-01"]);
  });
});

describe("the demo workbook's plan month", () => {
  const demo = path.resolve(__dirname, "../../examples/demo.xlsx");
  const maybe = fs.existsSync(demo) ? it : it.skip;

  maybe("shows every plan output for 计划 2024-12", () => {
    const out = runPipeline(readWorkbook(new Uint8Array(fs.readFileSync(demo))), { month: "2024-12", lang: "zh" });
    const plan = out.summary.plan as typeof out.summary.plan & { unplanned: unknown[]; reps: unknown[] };
    expect(plan.month).toBe("2024-12");
    expect(plan.accounts.length).toBe(300);
    expect(plan.accounts.some((a) => a.target === 0 && a.achievement === null)).toBe(true); // a few targets are 0
    expect(plan.accounts.some((a) => a.target > 0 && a.actual === 0)).toBe(true); // the account that buys nothing
    expect(plan.accounts.some((a) => (a.achievement ?? 0) > 1.2 && a.score === 120)).toBe(true); // capped
    expect(plan.unplanned.length).toBeGreaterThan(0);
    expect(plan.reps.length).toBe(10);
    expect(plan.offices.map((o) => o.office).sort()).toEqual(["宁波办事处", "杭州办事处", "温州办事处"]);
    for (const o of plan.offices) {
      expect(o.channelScore).toBeGreaterThan(0);
      expect(o.channelScore).toBeLessThanOrEqual(120);
      expect(o.coreQuality).toBeGreaterThan(0);
      expect(o.cooperationRate).toBeGreaterThan(0);
    }
    const sheetOut = out.patch.sheets.find((s) => s.name === "计划达成 2024-12")!;
    expect(sheetOut.blocks.map((b) => b.id)).toEqual(["plan.head", "plan.offices", "plan.reps", "plan.months", "plan.accounts", "plan.lines"]);
    expect(sheetOut.charts.map((c) => c.type)).toEqual(["column", "column"]);
    expect(out.issues.filter((i) => i.code.startsWith("plan.") && i.severity !== "info")).toEqual([]);
  });
});

describe("the template reads back as plan rows", () => {
  it("in English too: a filled template patch laid out as a grid gives one entry per filled cell", () => {
    const run = runPipeline(workbook(customers, sales), { lang: "en" });
    const ts = planTemplatePatch(run.context, "2024-12").userSheets!.find((s) => s.name === "Plan 2024-12 王伟")!;
    const body = ts.blocks.find((b) => b.id === "planTemplate")!;
    const q = body.columns.findIndex((c) => c.key === "q0");
    // Lay the sheet out as a host would hand it back: title, the notes under their caption, blank, header, rows.
    const head = ts.blocks[0];
    const rows: (string | number | null)[][] = [[head.title!], ...head.rows.map((r) => [r[0] as string])];
    while (rows.length < body.at.row) rows.push([]);
    rows.push(body.columns.map((c) => c.header));
    for (const r of body.rows) rows.push(r.map((v) => (v !== null && typeof v === "object" ? v.result ?? null : (v as string | number | null))));
    rows[body.at.row + 1][q] = 8; // the rep types 8 units of X for C1
    const out = runPipeline(workbook(customers, sales, sheet(ts.name, rows)), { month: "2024-12", lang: "en" });
    expect(out.context.data.plans.map((p) => [p.month, p.customerId, p.model, p.targetQty, p.targetAmount, p.rep])).toEqual([["2024-12", "C1", "X", 8, 80_000, "王伟"]]);
    expect(out.summary.plan.accounts).toEqual([expect.objectContaining({ customerId: "C1", target: 8, actual: 0, achievement: 0, score: 0 })]);
  });
});
