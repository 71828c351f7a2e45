/**
 * Account tiering through the pipeline (SPEC §2): workbook grids with a customer sheet, two
 * years of sales and the policy sheets in, tier columns, summary sheet, charts and JSON out.
 * Every number below is computed by hand in the comments.
 */
import { runPipeline } from "../../src/pipeline/run";
import type { CellValue } from "../../src/sheets/grid";
import { serial, sheet, workbook } from "../support/grids";

// Period 2024, previous 2023.
// 2024 net revenue: K1 5000, K2 3000, K3 1500, K4 600 − 100 = 500, K5 none → total 10000:
//   cumulative 50%, 80% (A, exactly), 95% (B, exactly), 100% (C), K5 C.
// 2023: K4 9000 (90%, crosses 80% → A), K1 1000 (B), K2/K3/K5 none (C).
const customers = sheet("客户资料", [
  ["客户编号", "客户名称", "渠道类型", "办事处", "销售进程", "信用额度", "欠款", "积极性", "信誉"],
  ["K1", "甲商贸", "社会渠道直供", "杭州", 1, 10000, 8000, 10, 10],
  ["K2", "乙通讯", "社会渠道直供", "杭州", 1, 1000, 1500, 16, null],
  ["K3", "丙连锁", "大客户", "杭州", 2, 1000, 100, null, null],
  ["K4", "丁数码", "社会渠道直供", "宁波", 3, null, null, 6, 6],
  ["K5", "戊手机", "社会渠道直供", "宁波", 0, null, null, 8, 6],
]);
const sales = sheet("销售记录", [
  ["日期", "客户编号", "型号", "数量", "金额"],
  [serial("2024-02-10"), "K1", "I9300", 6000, 5000],
  [serial("2024-03-10"), "K2", "I9300", 1200, 3000],
  [serial("2024-04-10"), "K3", "I9300", 10, 1500],
  [serial("2024-05-10"), "K4", "I9300", 620, 600],
  [serial("2024-06-10"), "K4", "I9300", -100, -100], // return: net revenue falls, pick-ups do not
  [serial("2023-05-10"), "K4", "I9300", 100, 9000],
  [serial("2023-06-10"), "K1", "I9300", 10, 1000],
  [serial("2024-12-31"), "K1", "I9300", 0, 0],
]);
const targets = sheet("分级目标", [
  ["办事处", "等级", "目标数量"],
  [null, "VKA", 1],
  [null, "V2", 2],
  ["宁波", "VKA", 3],
]);
const scorecard = sheet("评分卡", [
  ["指标", "权重", "最小值", "最大值"],
  ["积极性", 1, 0, 10],
  ["信誉", 1, 0, 10],
]);
const rules = (rows: CellValue[][]) => sheet("分级规则", [["参数 / Key", "设置 / Setting", "值 / Value"], ...rows]);

const byId = <T extends { customerId: string }>(xs: T[]) => Object.fromEntries(xs.map((x) => [x.customerId, x]));

describe("account tiering through the pipeline", () => {
  const out = runPipeline(workbook(customers, sales, targets, scorecard), { period: "2024-01..2024-12" });
  const c = byId(out.summary.customers);

  it("ABC with exact boundaries, value classes, grades (pick-ups only), scores", () => {
    expect(out.failed).toBe(false);
    expect(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [v.abc, v.valueClass, v.grade, v.score]]))).toEqual({
      K1: ["A", "core", "VKA", 100], // 6000 units / 12 = 500 ≥ 500; score (100 + 100) / 2
      K2: ["A", "core", "V2", 50], // 100/month; 积极性 16 clamped to 100, 信誉 missing → 0
      K3: ["B", "value", null, null], // key account: no grade; no scorecard input: no score
      K4: ["C", "potential", "V3", 60], // stage 3; 620 picked up / 12 = 51.67 ≥ 50 (net 520 would be V4)
      K5: ["C", "potential", null, 70], // score 70 ≥ 70; no pick-ups: no grade
    });
    expect(out.summary.abc).toEqual({ A: { count: 2, revenue: 8000 }, B: { count: 1, revenue: 1500 }, C: { count: 2, revenue: 500 } });
  });

  it("grade targets vs actuals per office: blank-office rows are the default, an office's own rows replace them", () => {
    const g = Object.fromEntries(out.summary.grades.map((x) => [`${x.office} ${x.grade}`, [x.target, x.actual, x.gap]]));
    expect(g).toEqual({
      "宁波 VKA": [3, 0, -3], "宁波 V1": [0, 0, 0], "宁波 V2": [0, 0, 0], "宁波 V3": [0, 1, 1], "宁波 V4": [0, 0, 0],
      "杭州 VKA": [1, 1, 0], "杭州 V1": [0, 0, 0], "杭州 V2": [2, 1, -1], "杭州 V3": [0, 0, 0], "杭州 V4": [0, 0, 0],
    });
  });

  it("writes the tier columns with reasons and colours", () => {
    const cols = out.patch.columns.find((x) => x.id === "tiering.columns")!;
    const col = (k: string) => cols.columns.find((x) => x.key === k)!.values;
    expect(cols.rows).toEqual([1, 2, 3, 4, 5]);
    expect(col("valueClass")).toEqual(["核心客户", "核心客户", "价值客户", "潜力客户", "潜力客户"]);
    expect(col("valueReason")[3]).toBe("销售进程 3 ≥ 3");
    expect(col("valueReason")[4]).toBe("评分 70 ≥ 70");
    expect(col("grade")).toEqual(["VKA", "V2", null, "V3", null]);
    expect(col("gradeReason")[0]).toBe("月均提货 500 台 ≥ 500");
    expect(col("gradeReason")[2]).toBe("非社会渠道直供，不分级");
    expect(col("gradeReason")[4]).toBe("期内无提货，不分级");
    expect(col("scoreLetter")).toEqual(["A", "C", null, "B", "B"]);
    expect(col("scoreReason")[1]).toContain("缺少（按0分计）：信誉");
    expect(col("scoreReason")[1]).toContain("超出范围已截断：积极性");
    expect(col("creditFlag")).toEqual(["关注", "超限", "正常", null, null]);
    expect(col("creditUtilisation")).toEqual([0.8, 1.5, 0.1, null, null]);
    expect(cols.colours).toEqual(expect.arrayContaining([
      { column: "valueClass", equals: "核心客户", fill: expect.any(String) },
      { column: "creditFlag", equals: "超限", fill: expect.any(String) },
      { column: "abc", equals: "A", fill: expect.any(String) },
    ]));
  });

  it("writes the summary sheet: headline, classes, grades, migration, promoted/demoted, charts", () => {
    const s = out.patch.sheets.find((x) => x.name === "分级汇总")!;
    const block = (id: string) => s.blocks.find((b) => b.id === id)!;
    expect(block("tier.head").rows[0][0]).toBe("40% 的客户（2 家）贡献了 80% 的销售额");
    // The totals row sums the counts in the sheet (data rows 13–16).
    expect(block("value.split").rows.map((r) => [r[0], r[1]])).toEqual([["核心客户", 2], ["价值客户", 1], ["潜力客户", 2], ["低等客户", 0], ["合计", { formula: "SUM(B13:B16)", result: 5 }]]);
    // Migration (rows previous, columns current): K4 A→C, K1 B→A, K2 C→A, K3 C→B, K5 C→C.
    expect(block("review.matrix").rows).toEqual([["A", 0, 0, 1, 1], ["B", 1, 0, 0, 1], ["C", 1, 1, 1, 3]]);
    expect(block("review.moves").rows.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ["升级", "K1", "B", "A"], ["升级", "K2", "C", "A"], ["升级", "K3", "C", "B"], ["降级", "K4", "A", "C"],
    ]);
    expect(block("grade.targets").rows[0]).toEqual(["宁波", "VKA", "宁波 VKA", 3, 0, -3]);
    expect(s.charts.map((ch) => [ch.id, ch.type])).toEqual([
      ["abc.paretoChart", "columnLine"], ["abc.classChart", "pie"], ["value.classChart", "column"], ["grade.targetChart", "column"],
    ]);
    expect(s.charts[3].series.map((x) => x.values.column)).toEqual(["target", "actual"]);
    // Blocks do not overlap.
    const spans = s.blocks.map((b) => [b.at.row, b.at.row + (b.title ? 1 : 0) + b.rows.length] as const).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThan(spans[i - 1][1]);
  });

  it("quota mode fills the office targets top-down", () => {
    const q = runPipeline(workbook(customers, sales, targets, scorecard, rules([["grade.mode", "分级方式", "配额"]])), { period: "2024-01..2024-12" });
    const g = byId(q.summary.customers);
    // 杭州: K1 (6000) → VKA (target 1), K2 (1200) → V1 target 0 → V2. 宁波: K4 → VKA (target 3); K5 no pick-ups.
    expect([g.K1.grade, g.K2.grade, g.K3.grade, g.K4.grade, g.K5.grade]).toEqual(["VKA", "V2", null, "VKA", null]);
    for (const r of q.summary.grades) expect(r.actual).toBeLessThanOrEqual(r.target);
  });

  it("speaks English and honours the policy thresholds", () => {
    const e = runPipeline(workbook(customers, sales, targets, scorecard, rules([["value.stageMin", "", 4], ["score.bandA", "", 100]])), { period: "2024-01..2024-12", lang: "en" });
    const g = byId(e.summary.customers);
    expect(g.K4.valueClass).toBe("low"); // stage 3 < 4, growth −94%, score 60 < 70
    expect(g.K1.score).toBe(100);
    const cols = e.patch.columns[0];
    expect(cols.columns.find((x) => x.key === "scoreLetter")!.values[0]).toBe("A"); // 100 ≥ 100: top band includes 100
    expect(cols.columns.find((x) => x.key === "valueReason")!.values[3]).toBe("class C, no potential rule met (growth -94.4%)");
    expect(e.patch.sheets.map((s) => s.name)).toContain("Tier summary");
  });

  it("without a previous period in the data, growth and review are not applied", () => {
    const only2024 = sheet("销售记录", sales.rows.filter((r, i) => i === 0 || (r[0] as number) >= serial("2024-01-01")));
    const r = runPipeline(workbook(customers, only2024), { period: "2024-01..2024-12" });
    expect(r.issues.some((i) => i.code === "tiering.noPreviousPeriod")).toBe(true);
    const s = r.patch.sheets.find((x) => x.name === "分级汇总")!;
    expect(s.blocks.find((b) => b.id === "review.moves")!.rows).toEqual([]);
    // K4 (stage 3) stays potential by stage; nobody is "new" just because 2023 is missing.
    expect(byId(r.summary.customers).K4.valueClass).toBe("potential");
  });

  it("derives customers from the sales lines when there is no customer sheet", () => {
    const r = runPipeline(workbook(sales), { period: "2024-01..2024-12" });
    expect(r.summary.customers.map((x) => [x.customerId, x.abc, x.grade, x.score])).toEqual([
      ["K1", "A", null, null], ["K2", "A", null, null], ["K3", "B", null, null], ["K4", "C", null, null],
    ]);
    expect(r.patch.columns).toEqual([]);
  });

  it("XYZ, run after tiering, writes the tier outputs with its class: one of each in the patch; tiering alone writes them without XYZ", () => {
    const tierOutputs = (o: typeof out) => ({
      columns: o.patch.columns.filter((x) => x.id === "tiering.columns").map((x) => x.columns.slice(-2).map((c) => c.key)),
      sheets: o.patch.sheets.filter((x) => x.name === "分级汇总").map((x) => x.blocks[x.blocks.length - 1].id),
    });
    expect(tierOutputs(out)).toEqual({ columns: [["xyz", "xyzReason"]], sheets: ["xyz.matrix"] });
    expect(tierOutputs(runPipeline(workbook(customers, sales, targets, scorecard), { period: "2024-01..2024-12" }, ["tiering"]))).toEqual({
      columns: [["creditFlag", "creditReason"]], sheets: ["review.moves"],
    });
  });
});
