/**
 * The tiering builders on a hand-made tiering result and vocabulary (no run context): the tier
 * columns beside the customer table, 分级汇总, and what an XYZ result adds to both.
 *
 * Four customers, period 2024 (previous 2023), net revenue in fen:
 *   K1 800,000 (2023: 100,000), K2 150,000, K3 50,000 (2023: 900,000), K4 none.
 * 2024 total 1,000,000: K1 cumulative 80% (A, exactly on the cut-off), K2 95% (B), K3 100% (C), K4 C.
 * 2023: K3 90% (A), K1 100% (B), K2 and K4 C. So K1 B→A and K2 C→B are promoted, K3 A→C demoted.
 */
import { dayFromYmd } from "../../src/domain/calendar";
import type { Customer, SalesLine } from "../../src/domain/model";
import { defaultPolicy } from "../../src/domain/policyDefaults";
import { type TieringResult, computeTiering } from "../../src/domain/tiering";
import { type XyzRow, abcXyzMatrix } from "../../src/domain/xyz";
import type { Block, ColumnsPatch } from "../../src/report/patch";
import { type TierVocabulary, tierColumns, tierSummarySheet } from "../../src/report/tiering";
import type { TierXyz } from "../../src/report/xyz";

const customer = (customerId: string, name: string, c: Partial<Customer>): Customer => ({
  customerId, name, channel: "direct", office: "杭州", cityTier: null, rep: null, stage: null, temperature: null, intent: null,
  contractStatus: null, contractEnd: null, lastContact: null, nextCall: null, creditLimit: null, arrears: null, expectedValue: null,
  scorecard: {}, source: null, ...c,
});
const customers = [
  // Arrears / limit 80%: watch. Score (100 + 100) / 2 = 100: A.
  customer("K1", "甲商贸", { stage: 1, creditLimit: 1_000_000, arrears: 800_000, scorecard: { enthusiasm: 10, credit: 10 } }),
  // Key account (no grade); 150%: over limit; 积极性 16 clamped to 100, 信誉 missing: 50, C.
  customer("K2", "乙通讯", { channel: "keyAccount", creditLimit: 100_000, arrears: 150_000, scorecard: { enthusiasm: 16 } }),
  // No office; stage 3 makes a class-C account potential.
  customer("K3", "丙连锁", { office: null, stage: 3 }),
  // Not on the customer sheet: no tier columns.
  customer("K4", "丁数码", { channel: "keyAccount" }),
];
const line = (customerId: string, y: number, quantity: number, amount: number): SalesLine => ({
  date: dayFromYmd(y, 6, 15), customerId, model: "M", quantity, unitPrice: null, amount, channel: null, contractPlan: false, orderType: "pickup", sheet: "销售记录", row: 1,
});
// K1 6,000 units over 12 months: 500 a month, VKA. K3 120: 10 a month, V4 (> 0).
const sales = [line("K1", 2024, 6000, 800_000), line("K2", 2024, 10, 150_000), line("K3", 2024, 120, 50_000), line("K1", 2023, 1, 100_000), line("K3", 2023, 1, 900_000)];
const period = { from: dayFromYmd(2024, 1, 1), to: dayFromYmd(2024, 12, 31) };
const previous = { from: dayFromYmd(2023, 1, 1), to: dayFromYmd(2023, 12, 31) };

function tiering(edit: (p: ReturnType<typeof defaultPolicy>) => void = () => {}, cs: Customer[] = customers): TieringResult {
  const policy = defaultPolicy();
  policy.scorecard = [{ criterion: "enthusiasm", weight: 1, min: 0, max: 10 }, { criterion: "credit", weight: 1, min: 0, max: 10 }];
  // 杭州 has its own targets: V1 2 (none reached: gap −2); the blank office gets none.
  policy.gradeTargets = [{ office: "杭州", grade: "V1", target: 2 }];
  edit(policy);
  return computeTiering(cs, sales, period, previous, policy);
}

const ROWS: Record<string, number> = { K1: 1, K2: 2, K3: 3 };
const NAMES: Record<string, string> = Object.fromEntries(customers.map((c) => [c.customerId, c.name]));
const vocabulary = (lang: "zh" | "en"): TierVocabulary => ({
  lang,
  customerName: (id) => NAMES[id] ?? id,
  period: "2024-01-01 – 2024-12-31",
  previousPeriod: "2023-01-01 – 2023-12-31",
  customerTable: { sheet: "客户资料", headerRow: 0, rowOf: (id) => ROWS[id] ?? null },
});

const values = (p: ColumnsPatch, key: string) => p.columns.find((c) => c.key === key)!.values;

describe("tier columns beside the customer table", () => {
  const result = tiering();
  const cols = tierColumns(result, vocabulary("zh"))!;

  it("one row per customer on the customer sheet, under the Chinese headers (money with its unit)", () => {
    expect(cols).toMatchObject({ id: "tiering.columns", sheet: "客户资料", headerRow: 0, rows: [1, 2, 3] });
    expect(cols.columns.map((c) => c.header)).toEqual([
      "净销售额（元）", "销售占比", "累计占比", "排名", "ABC分类", "ABC依据", "价值分类", "价值分类依据",
      "渠道等级", "等级依据", "评分", "评分等级", "评分依据", "额度使用率", "信用风险", "信用依据",
    ]);
    expect(cols.columns.every((c) => c.width === undefined)).toBe(true);
    expect(values(cols, "revenue")).toEqual([8000, 1500, 500]);
    expect(values(cols, "share")).toEqual([0.8, 0.15, 0.05]);
    expect(values(cols, "cumShare")).toEqual([0.8, 0.95, 1]);
    expect(values(cols, "rank")).toEqual([1, 2, 3]);
  });

  it("classes with the rules' own wording; value class and credit flag as Chinese labels", () => {
    expect(values(cols, "abc")).toEqual(["A", "B", "C"]);
    expect(values(cols, "abcReason")).toEqual(["累计占比 80%，在 80% 分界内", "累计占比 95%，在 80%–95% 之间", "累计占比 100%，超过 95%"]);
    expect(values(cols, "valueClass")).toEqual(["核心客户", "价值客户", "潜力客户"]);
    expect(values(cols, "valueReason")).toEqual(["ABC A类", "ABC B类", "销售进程 3 ≥ 3"]);
    expect(values(cols, "grade")).toEqual(["VKA", null, "V4"]);
    expect(values(cols, "gradeReason")).toEqual(["月均提货 500 台 ≥ 500", "非社会渠道直供，不分级", "月均提货 10 台 > 0"]);
    expect(values(cols, "score")).toEqual([100, 50, null]);
    expect(values(cols, "scoreLetter")).toEqual(["A", "C", null]);
    expect(values(cols, "scoreReason")).toEqual(["≥ 80 为A", "< 60 为C；缺少（按0分计）：信誉；超出范围已截断：积极性", "无评分数据"]);
    expect(values(cols, "creditUtilisation")).toEqual([0.8, 1.5, null]);
    expect(values(cols, "creditFlag")).toEqual(["关注", "超限", null]);
    expect(values(cols, "creditReason")).toEqual(["欠款/额度 80% ≥ 80%", "欠款/额度 150% > 100%", null]);
    expect(cols.colours).toEqual(expect.arrayContaining([
      { column: "valueClass", equals: "核心客户", fill: expect.any(String) },
      { column: "creditFlag", equals: "超限", fill: expect.any(String) },
      { column: "scoreLetter", equals: "A", fill: expect.any(String) },
    ]));
  });

  it("the reasons quote the thresholds the result was decided on", () => {
    const r = tiering((p) => { p.tier.creditWatch = 0.75; p.tier.scoreBandA = 100; });
    const c = tierColumns(r, vocabulary("zh"))!;
    expect(r.rules.credit).toEqual({ watch: 0.75, over: 1 });
    expect(values(c, "creditReason")[0]).toBe("欠款/额度 80% ≥ 75%");
    expect(values(c, "scoreReason")[0]).toBe("≥ 100 为A");
  });

  it("speaks English", () => {
    const en = tierColumns(result, vocabulary("en"))!;
    expect(en.columns[0].header).toBe("Net revenue (¥)");
    expect(values(en, "valueClass")).toEqual(["Core", "Value", "Potential"]);
    expect(values(en, "creditFlag")).toEqual(["Watch", "Over limit", null]);
    expect(values(en, "scoreReason")[1]).toBe("< 60 is C; missing (counted 0): Credit; clamped to range: Enthusiasm");
  });

  it("nothing without a customer sheet", () => {
    expect(tierColumns(result, { ...vocabulary("zh"), customerTable: null })).toBeNull();
  });
});

/** A hand-made XYZ result: K1 steady (X), K2 without positive months (Z), K3 erratic (Z), K4 nothing (Z). */
function xyzResult(result: TieringResult): TierXyz {
  const row = (customerId: string, cv: number | null, xyz: XyzRow["xyz"]): XyzRow => ({ customerId, monthly: new Array(12).fill(0), mean: 0, stdDev: 0, cv, xyz });
  const rows = new Map([row("K1", 0.2, "X"), row("K2", null, "Z"), row("K3", 1.5, "Z"), row("K4", null, "Z")].map((r) => [r.customerId, r]));
  const matrix = abcXyzMatrix(result.abc.rows.map((r) => ({ abc: r.abc, xyz: rows.get(r.customerId)!.xyz, revenue: r.revenue })));
  return { rows, matrix, thresholds: { x: 0.5, y: 1 } };
}

describe("XYZ in the tier columns", () => {
  it("the class and the XYZ rule's wording come last, coloured", () => {
    const result = tiering();
    const cols = tierColumns(result, vocabulary("zh"), xyzResult(result))!;
    expect(cols.columns.slice(-2).map((c) => c.header)).toEqual(["XYZ分类", "XYZ依据"]);
    expect(values(cols, "xyz")).toEqual(["X", "Z", "Z"]);
    expect(values(cols, "xyzReason")).toEqual(["12 个月销售额变异系数 0.2 ≤ 0.5", "12 个月平均销售额 ≤ 0：Z", "12 个月销售额变异系数 1.5 > 1"]);
    expect(cols.colours).toEqual(expect.arrayContaining([{ column: "xyz", equals: "X", fill: expect.any(String) }]));
  });
});

describe("分级汇总", () => {
  const result = tiering();
  const s = tierSummarySheet(result, vocabulary("zh"));
  const block = (id: string) => s.blocks.find((b) => b.id === id)!;
  const headers = (b: Block) => b.columns.map((c) => c.header);

  it("heading with the period and the Pareto line", () => {
    expect(s.name).toBe("分级汇总");
    expect(block("tier.head").title).toBe("客户分级汇总 2024-01-01 – 2024-12-31");
    // A: 1 of 4 customers, 800,000 of 1,000,000.
    expect(block("tier.head").rows).toEqual([["25% 的客户（1 家）贡献了 80% 的销售额"]]);
  });

  it("ABC classes with a totals row that sums in the sheet (data rows 6–8)", () => {
    const b = block("abc.split");
    expect(headers(b)).toEqual(["分类", "客户数", "客户占比", "净销售额（元）", "销售额占比"]);
    expect(b.rows).toEqual([
      ["A", 1, 0.25, 8000, 0.8],
      ["B", 1, 0.25, 1500, 0.15],
      ["C", 2, 0.5, 500, 0.05],
      ["合计", { formula: "SUM(B6:B8)", result: 4 }, 1, { formula: "SUM(D6:D8)", result: 10000 }, 1],
    ]);
    expect(b.rowStyles?.[3]).toMatchObject({ bold: true });
  });

  it("value classes by their Chinese names", () => {
    const b = block("value.split");
    expect(b.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ["核心客户", 1, 8000], ["价值客户", 1, 1500], ["潜力客户", 1, 500], ["低等客户", 1, 0],
      ["合计", { formula: expect.stringMatching(/^SUM\(B\d+:B\d+\)$/), result: 4 }, { formula: expect.stringMatching(/^SUM\(D\d+:D\d+\)$/), result: 10000 }],
    ]);
    const en = tierSummarySheet(result, vocabulary("en")).blocks.find((x) => x.id === "value.split")!;
    expect(en.rows.map((r) => r[0])).toEqual(["Core", "Value", "Potential", "Low", "Total"]);
  });

  it("grade targets per office in the grade mode of the result, a shortfall in red", () => {
    const b = block("grade.targets");
    expect(b.title).toBe("渠道等级：目标与实际（社会渠道直供，门槛模式）");
    // Offices: "" (K3, no targets) then 杭州 (own targets: V1 2).
    expect(b.rows[4]).toEqual(["（未指定办事处）", "V4", "（未指定办事处） V4", 0, 1, 1]);
    expect(b.rows[5]).toEqual(["杭州", "VKA", "杭州 VKA", 0, 1, 1]);
    expect(b.rows[6]).toEqual(["杭州", "V1", "杭州 V1", 2, 0, -2]);
    expect(b.cellStyles).toEqual({ "6:gap": { fontColor: "#C00000" } });
    const quota = tierSummarySheet(tiering((p) => { p.tier.gradeMode = "quota"; }), vocabulary("zh"));
    expect(quota.blocks.find((x) => x.id === "grade.targets")!.title).toContain("配额模式");
  });

  it("one line and no grade chart without direct-supply customers", () => {
    const keyAccounts = customers.map((c) => ({ ...c, channel: "keyAccount" as const }));
    const r = tiering((p) => { p.gradeTargets = []; }, keyAccounts);
    const k = tierSummarySheet(r, vocabulary("zh"));
    expect(k.blocks.find((x) => x.id === "grade.targets")!.rows).toEqual([["无社会渠道直供客户", null, null, null, null, null]]);
    expect(k.charts.map((c) => c.id)).not.toContain("grade.targetChart");
  });

  it("migration matrix and the promoted and demoted accounts by name", () => {
    expect(block("review.matrix").title).toBe("大客户动态：ABC 迁移（行 = 上期 2023-01-01 – 2023-12-31，列 = 本期）");
    expect(block("review.matrix").rows).toEqual([["A", 0, 0, 1, 1], ["B", 1, 0, 0, 1], ["C", 0, 1, 1, 2]]);
    const moves = block("review.moves");
    expect(moves.title).toBe("升级客户 2 家，降级客户 1 家");
    expect(headers(moves)).toEqual(["变动", "客户编号", "客户", "上期分类", "本期分类", "上期净销售额（元）", "本期净销售额（元）"]);
    expect(moves.rows).toEqual([
      ["升级", "K1", "甲商贸", "B", "A", 1000, 8000],
      ["升级", "K2", "乙通讯", "C", "B", 0, 1500],
      ["降级", "K3", "丙连锁", "A", "C", 9000, 500],
    ]);
  });

  it("Pareto points of the customers with revenue, with the 80% and 95% cuts, and the charts", () => {
    expect(block("abc.pareto").rows).toEqual([
      [1, "甲商贸", 8000, 0.8, 0.8, 0.95, "A"],
      [2, "乙通讯", 1500, 0.95, 0.8, 0.95, "B"],
      [3, "丙连锁", 500, 1, 0.8, 0.95, "C"],
    ]);
    expect(s.charts.map((c) => [c.id, c.type])).toEqual([
      ["abc.paretoChart", "columnLine"], ["abc.classChart", "pie"], ["value.classChart", "column"], ["grade.targetChart", "column"],
    ]);
    expect(s.columnWidths).toBeUndefined();
  });

  it("blocks do not overlap; with XYZ the matrix comes last, totalled", () => {
    const x = tierSummarySheet(result, vocabulary("zh"), xyzResult(result));
    const m = x.blocks[x.blocks.length - 1];
    expect(m.id).toBe("xyz.matrix");
    expect(m.title).toBe("ABC-XYZ 矩阵（X：变异系数 ≤ 0.5，Y：≤ 1，Z：其余）");
    expect(m.rows.slice(0, 3)).toEqual([["A", 1, 0, 0, 1, 8000, 0, 0, 8000], ["B", 0, 0, 1, 1, 0, 0, 1500, 1500], ["C", 0, 0, 2, 2, 0, 0, 500, 500]]);
    expect(m.rows[3][0]).toBe("合计");
    expect(m.rows[3][4]).toMatchObject({ result: 4 });
    const spans = x.blocks.map((b) => [b.at.row, b.at.row + (b.title ? 1 : 0) + (b.headerless ? 0 : 1) + b.rows.length - 1] as const).sort((p, q) => p[0] - q[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThan(spans[i - 1][1] + 1);
    expect(s.blocks.map((b) => b.id)).not.toContain("xyz.matrix");
  });
});
