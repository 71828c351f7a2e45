/**
 * The manager's job sheets (配货方案, 销售进度及库存, 拜访计划, 客户资料卡) built from a hand-made
 * domain result and vocabulary, with no run context: headers, cells, totals from the column
 * records, and codes (priority group, stock flag, value class) in the sheet's language.
 */
import type { AllocationResult } from "../../src/domain/allocation";
import { dayFromYmd } from "../../src/domain/calendar";
import type { Customer } from "../../src/domain/model";
import type { ProfileCard } from "../../src/domain/profileCard";
import { daysOfStockRule, type StockRow } from "../../src/domain/stock";
import { type VisitPlanResult, visitRule } from "../../src/domain/visits";
import { allocationSheet } from "../../src/report/allocation";
import type { Block, SheetPatch } from "../../src/report/patch";
import { cardsSheet } from "../../src/report/profileCard";
import { stockSheet } from "../../src/report/stock";
import { visitPlanSheet } from "../../src/report/visits";

const NAMES: Record<string, string> = { K1: "恒达通讯", A: "安信", D1: "德信", D2: "东方" };
const customerName = (id: string): string | undefined => NAMES[id];
const block = (s: SheetPatch, id: string): Block => s.blocks.find((b) => b.id === id)!;
const column = (b: Block, key: string) => b.rows.map((r) => r[b.columns.findIndex((c) => c.key === key)]);

describe("配货方案 / Allocation", () => {
  // 10 units of M: K1 (VKA) served 4 in full; A (V1) gets 6 of its 8 (the whole rest); X (no grade) nothing.
  // 5 units of N nobody asked for.
  const result: AllocationResult = {
    models: [
      { model: "M", supply: 10, requested: 14, allocated: 10, unallocated: 0 },
      { model: "N", supply: 5, requested: 0, allocated: 0, unallocated: 5 },
    ],
    lines: [
      { model: "M", customerId: "K1", requested: 4, allocated: 4, group: "VKA", groupRank: 0, reason: { kind: "full" } },
      { model: "M", customerId: "A", requested: 8, allocated: 6, group: "V1", groupRank: 1, reason: { kind: "proportional", left: 6, groupRequested: 8, extraUnit: false } },
      { model: "M", customerId: "X", requested: 2, allocated: 0, group: "none", groupRank: 2, reason: { kind: "noneLeft" } },
    ],
  };
  const vocabulary = { customerName, priorityOrder: ["VKA", "V1", "none"] };

  test("the rule line, per model with totals from the columns, per line with its reason", () => {
    const s = allocationSheet(result, { ...vocabulary, lang: "zh" });
    expect(s.name).toBe("配货方案");
    expect(block(s, "allocation.head").rows[0][0]).toMatch(/^按等级分组依次满足（VKA → V1 → 无等级）/);
    const models = block(s, "allocation.models");
    expect(models.columns.map((c) => c.header)).toEqual(["型号", "可供数量", "申请合计", "分配合计", "未分配", "满足率"]);
    // head (title + 1 line) at rows 0–1, models' title on row 3, header row 4: data on sheet rows 6–7.
    expect(models.rows[2]).toEqual(["合计", { formula: "SUM(B6:B7)", result: 15 }, { formula: "SUM(C6:C7)", result: 14 }, { formula: "SUM(D6:D7)", result: 10 }, { formula: "SUM(E6:E7)", result: 5 }, 0.714286]);
    expect(column(models, "fill")).toEqual([0.714286, null, 0.714286]);
    const lines = block(s, "allocation.lines");
    expect(lines.table?.name).toBe("TierPlanAllocation");
    expect(lines.columns.map((c) => c.header)).toEqual(["型号", "客户编号", "客户", "优先组", "申请数量", "分配数量", "满足率", "分配依据"]);
    expect(column(lines, "customer")).toEqual(["恒达通讯", "安信", "X"]);
    expect(column(lines, "group")).toEqual(["VKA", "V1", "无等级"]);
    expect(column(lines, "share")).toEqual([1, 0.75, 0]);
    expect(column(lines, "reason")).toEqual(["VKA 组：全额满足", "V1 组按申请比例分配：剩余 6 台 ÷ 组内申请 8 台 = 75%，取整", "无等级 组：优先等级分配后已无剩余"]);
  });

  test("in English", () => {
    const s = allocationSheet(result, { ...vocabulary, lang: "en" });
    expect(s.name).toBe("Allocation");
    const lines = block(s, "allocation.lines");
    expect(column(lines, "group")).toEqual(["VKA", "V1", "no grade"]);
    expect(column(lines, "reason")[2]).toBe("no grade group: nothing left after higher-priority groups");
    expect(block(s, "allocation.models").rows[2][0]).toBe("Total");
  });
});

describe("销售进度及库存 / Sell-through and stock", () => {
  const d = (m: number, day: number) => dayFromYmd(2024, m, day);
  const row = (customerId: string, over: Partial<StockRow>): StockRow => ({
    customerId, model: "M", windowStart: d(11, 30), windowEnd: d(12, 30), openingStock: 100, sellIn: 60, sellThrough: 70,
    sellThroughSource: "stockCounts", stock: 90, daysOfStock: 90 / (70 / 30), flag: null, negativeSellThrough: false, ...over,
  });
  const rows: StockRow[] = [
    row("D1", {}),
    // Nothing sold: overstock, days of stock unknown (infinite).
    row("D2", { sellIn: 0, sellThrough: 0, stock: 120, openingStock: 120, daysOfStock: null, flag: "overstock" }),
    // Reported 90 sold in 30 days, 9 left: 3 days.
    row("K1", { openingStock: null, sellThrough: 90, sellThroughSource: "report", stock: 9, daysOfStock: 3, flag: "stockOutRisk" }),
  ];
  const thresholds = { overDays: 45, underDays: 7 };

  test("one row per dealer × model with the alert in Chinese, the rule from the domain, the chart over the most stock", () => {
    const s = stockSheet(rows, { lang: "zh", customerName, thresholds });
    expect(s.name).toBe("销售进度及库存");
    expect(block(s, "stock.head").rows.map((r) => r[0])).toEqual(["3 个经销商×型号；库存积压 1 个，断货风险 1 个；积压经销商已列入拨打清单优先客户", daysOfStockRule(thresholds, "zh")]);
    const t = block(s, "stock.rows");
    expect(t.table?.name).toBe("TierPlanStock");
    expect(t.columns.map((c) => c.header)).toEqual(["客户编号", "客户", "型号", "起始日", "盘点日", "期初库存", "进货（净）", "动销", "动销依据", "期末库存", "周转天数", "预警"]);
    expect(column(t, "customer")).toEqual(["德信", "东方", "恒达通讯"]);
    expect(column(t, "days")).toEqual([38.6, null, 3]);
    expect(column(t, "source")).toEqual(["期初库存 + 进货 − 期末库存", "期初库存 + 进货 − 期末库存", "分销上报"]);
    expect(column(t, "flag")).toEqual([null, "库存积压", "断货风险"]);
    expect(t.colours).toEqual([{ column: "flag", equals: "库存积压", fill: "#F4CCCC" }, { column: "flag", equals: "断货风险", fill: "#FFEB9C" }]);
    const chart = block(s, "stock.chart");
    expect(chart.rows).toEqual([["东方 M", 120, 0], ["德信 M", 90, 70], ["恒达通讯 M", 9, 90]]);
    expect(s.charts.map((c) => [c.id, c.title, c.series.map((x) => x.name)])).toEqual([["stock.chartStock", "期末库存与近 30 天动销", ["期末库存", "动销"]]]);
  });

  test("in English", () => {
    const s = stockSheet(rows, { lang: "en", customerName, thresholds });
    expect(s.name).toBe("Sell-through and stock");
    const t = block(s, "stock.rows");
    expect(column(t, "flag")).toEqual([null, "Overstock", "Stock-out risk"]);
    expect(column(t, "source")[2]).toBe("sell-out report");
    expect(block(s, "stock.head").rows[1][0]).toBe(daysOfStockRule(thresholds, "en"));
  });
});

describe("拜访计划 / Visit plan", () => {
  const nov = (day: number) => dayFromYmd(2024, 11, day);
  const visitPolicy = { perMonth: { VKA: 2, A: 1 }, visitsPerDay: 2, timeShare: 0.25 };
  // Fri 1, Mon 4, Tue 5 November: K1 (VKA) twice, A once; D1's visit did not fit.
  const result: VisitPlanResult = {
    month: 2024 * 12 + 10,
    coverageMonth: 2024 * 12 + 9,
    plan: {
      days: [nov(1), nov(4), nov(5)],
      visits: [
        { day: nov(1), visitor: "王伟", customerId: "K1", office: "北京", round: 1 },
        { day: nov(1), visitor: "王伟", customerId: "A", office: "北京", round: 1 },
        { day: nov(4), visitor: "王伟", customerId: "K1", office: "北京", round: 2 },
      ],
      visitors: [{ visitor: "王伟", capacity: 3, required: 4, planned: 3, visitDays: 2 }],
      unplanned: [{ visitor: "王伟", customerId: "D1", round: 1 }],
      required: new Map([["K1", 2], ["A", 1], ["D1", 1]]),
    },
    coverage: [
      { customerId: "A", required: 1, done: 1, lastVisit: dayFromYmd(2024, 10, 8) },
      { customerId: "K1", required: 2, done: 1, lastVisit: dayFromYmd(2024, 10, 20) },
    ],
  };
  const classes: Record<string, { grade: string | null; abc: string | null }> = { K1: { grade: "VKA", abc: "A" }, A: { grade: null, abc: "A" } };
  const vocabulary = { customerName, classesOf: (id: string) => classes[id], visitPolicy };

  test("the rule from the domain, capacity with totals, the schedule with weekdays, unplanned visits and coverage", () => {
    const s = visitPlanSheet(result, { ...vocabulary, lang: "zh" });
    expect(s.name).toBe("拜访计划");
    const head = block(s, "visits.head");
    expect(head.title).toBe("拜访计划 2024-11");
    expect(head.rows[0][0]).toBe(visitRule(visitPolicy, 3, "zh"));
    const cap = block(s, "visits.capacity");
    expect(cap.columns.map((c) => c.header)).toEqual(["拜访人", "本月容量", "应拜访次数", "已排", "未排（超出容量）", "拜访天数"]);
    expect(cap.rows[0]).toEqual(["王伟", 3, 4, 3, 1, 2]);
    // head rows 0–1, capacity title row 3, header row 4: the one data row is sheet row 6.
    expect(cap.rows[1]).toEqual(["合计", { formula: "SUM(B6:B6)", result: 3 }, { formula: "SUM(C6:C6)", result: 4 }, { formula: "SUM(D6:D6)", result: 3 }, { formula: "SUM(E6:E6)", result: 1 }, { formula: "SUM(F6:F6)", result: 2 }]);
    const schedule = block(s, "visits.schedule");
    expect(column(schedule, "weekday")).toEqual(["周五", "周五", "周一"]);
    expect(column(schedule, "customer")).toEqual(["恒达通讯", "安信", "恒达通讯"]);
    expect(column(schedule, "grade")).toEqual(["VKA", null, "VKA"]);
    expect(column(schedule, "round")).toEqual([1, 1, 2]);
    const unplanned = block(s, "visits.unplanned");
    expect(unplanned.title).toBe("超出容量未排的拜访 1 次（下月优先）");
    expect(unplanned.rows).toEqual([["王伟", "D1", "德信", 1]]);
    const coverage = block(s, "visits.coverage");
    expect(coverage.title).toBe("拜访覆盖 2024-10（拜访记录）：应拜访 3 次，已完成 2 次");
    expect(column(coverage, "nextVisit")).toEqual([nov(1), nov(1), null]);
    expect(coverage.rows[2].slice(0, 4)).toEqual([null, null, { formula: expect.stringMatching(/^SUM\(C\d+:C\d+\)$/), result: 3 }, { formula: expect.stringMatching(/^SUM\(D\d+:D\d+\)$/), result: 2 }]);
    // K1 is short of its visits: red.
    expect(coverage.rowStyles?.[1]).toEqual({ fontColor: "#C00000" });
    expect(coverage.rowStyles?.[0]).toBeUndefined();
  });

  test("in English", () => {
    const s = visitPlanSheet(result, { ...vocabulary, lang: "en" });
    expect(s.name).toBe("Visit plan");
    expect(column(block(s, "visits.schedule"), "weekday")).toEqual(["Fri", "Fri", "Mon"]);
    expect(block(s, "visits.capacity").rows[1][0]).toBe("Total");
    expect(block(s, "visits.head").rows[0][0]).toBe(visitRule(visitPolicy, 3, "en"));
  });
});

describe("客户资料卡 / Profile cards", () => {
  const customer: Customer = {
    customerId: "K1", name: "恒达通讯", channel: "direct", office: "北京", cityTier: null, rep: "王伟", stage: null, temperature: null, intent: null,
    contractStatus: null, contractEnd: null, lastContact: null, nextCall: null, creditLimit: null, arrears: null, expectedValue: null, scorecard: {}, source: null,
  };
  const card: ProfileCard = {
    customer, abc: "A", revenue: 123_456_78, rank: 1, valueClass: "core", grade: "VKA", xyz: null, score: null, scoreLetter: null, criteria: [],
    creditUtilisation: 0.5, creditFlag: "watch", lastVisit: null, nextVisit: null, plan: null, trend: [{ month: "2024-12", revenue: 100_00 }], rebates: null,
    stock: [{ model: "M", stock: 120, daysOfStock: null, flag: "overstock" }],
  };

  test("sections are label/value pairs with their own number formats, codes in Chinese", () => {
    const s = cardsSheet([card], "zh");
    expect(s.name).toBe("客户资料卡");
    expect(block(s, "card.head").rows).toEqual([["客户资料卡（1 张，每张一页）"]]);
    expect(block(s, "card.0.title").title).toBe("客户资料卡  K1  恒达通讯");
    const tier = block(s, "card.0.tier");
    expect(tier.headerless).toBe(true);
    const value = (b: Block, label: string) => b.rows.find((r) => r[0] === label)?.[1];
    expect(value(tier, "价值分类")).toBe("核心客户");
    expect(value(tier, "信用风险")).toBe("关注");
    expect(value(tier, "净销售额")).toBe(123456.78);
    expect(tier.cellFormats?.[`${tier.rows.findIndex((r) => r[0] === "净销售额")}:value`]).toBe("money");
    expect(tier.cellFormats?.[`${tier.rows.findIndex((r) => r[0] === "排名")}:value`]).toBe("integer");
    expect(value(block(s, "card.0.identity"), "渠道类型")).toBe("社会渠道直供");
    expect(block(s, "card.0.stock").rows).toEqual([["M", "120 / – 库存积压"]]);
    expect(block(s, "card.0.stock").at.col).toBe(3);
  });

  test("in English, and a sheet that says when no customer matches", () => {
    const s = cardsSheet([card], "en");
    expect(block(s, "card.0.tier").rows.find((r) => r[0] === "Value class")?.[1]).toBe("Core");
    expect(block(s, "card.0.stock").rows).toEqual([["M", "120 / – Overstock"]]);
    expect(block(cardsSheet([], "zh"), "card.none").rows).toEqual([["没有符合条件的客户"]]);
  });
});
