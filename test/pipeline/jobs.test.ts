/**
 * SPEC §9's jobs through the pipeline on one small hand-made workbook: XYZ, allocation, stock
 * (feeding the call list), visits and profile cards; and a workbook without the new sheets.
 */
import { runPipeline } from "../../src/pipeline/run";
import { serial, sheet, workbook } from "../support/grids";

const customers = sheet("客户资料", [
  ["客户编号", "客户名称", "渠道类型", "办事处", "销售代表"],
  ["K1", "恒达通讯", "社会渠道直供", "北京", "王伟"],
  ["A", "安信", "社会渠道直供", "北京", "王伟"],
  ["B", "博远", "社会渠道直供", "天津", "王伟"],
  ["D", "鼎盛", "社会渠道直供", "天津", "李娜"],
]);
// Unit price 100. K1: 500 units every month (VKA, steady: X). A: 2,400 in December (V1, erratic: Z).
// B: 1,200 in November and December (V1). D: 1,120 in June, 100 on Dec 5, a return of 20 on Dec 20 (V2).
const salesRows: (string | number)[][] = [["日期", "客户编号", "型号", "数量", "金额"]];
for (let m = 1; m <= 12; m++) salesRows.push([serial(`2024-${String(m).padStart(2, "0")}-15`), "K1", "M", 500, 50000]);
salesRows.push([serial("2024-12-10"), "A", "M", 2400, 240000], [serial("2024-11-10"), "B", "M", 1200, 120000], [serial("2024-12-10"), "B", "M", 1200, 120000]);
salesRows.push([serial("2024-06-10"), "D", "M", 1120, 112000], [serial("2024-12-05"), "D", "M", 100, 10000], [serial("2024-12-20"), "D", "M", -20, -2000]);
const sales = sheet("销售记录", salesRows);

const jobSheets = [
  sheet("可供数量", [["型号", "可供数量"], ["M", 10]]),
  sheet("配货申请", [["客户编号", "型号", "申请数量"], ["K1", "M", 4], ["A", "M", 5], ["B", "M", 3], ["D", "M", 2]]),
  sheet("库存", [
    ["日期", "客户编号", "型号", "库存数量"],
    [serial("2024-11-30"), "D", "M", 100], [serial("2024-12-30"), "D", "M", 90],
    [serial("2024-11-30"), "K1", "M", 3000], [serial("2024-12-30"), "K1", "M", 3400],
  ]),
  sheet("拜访记录", [["拜访日期", "客户编号", "拜访人"], [serial("2024-12-10"), "K1", "王伟"], [serial("2024-12-12"), "A", "王伟"]]),
];
const opts = { period: "2024-01..2024-12", month: "2024-12", asOf: "2025-01-02", now: "2025-01-02T00:00:00Z" };

describe("SPEC §9 jobs in the pipeline", () => {
  const out = runPipeline(workbook(customers, sales, ...jobSheets), { ...opts, cards: ["A"] });
  const s = out.summary;
  const byId = Object.fromEntries(s.customers.map((c) => [c.customerId, c]));

  it("reads the job sheets as inputs, never as the sales sheet, and notes nothing as skipped", () => {
    expect(out.failed).toBe(false);
    expect(out.context.data.salesTable?.sheet).toBe("销售记录");
    expect(out.issues.map((i) => i.code)).not.toContain("jobs.skipped");
  });

  it("classes XYZ per customer and fills the ABC × XYZ matrix", () => {
    expect(byId.K1).toMatchObject({ abc: "A", grade: "VKA", xyz: "X", cv: 0 });
    expect(byId.A).toMatchObject({ grade: "V1", xyz: "Z" });
    expect(byId.D).toMatchObject({ abc: "B", grade: "V2", xyz: "Z" });
    expect(s.xyz!.A.X).toEqual({ count: 1, revenue: 600000 });
    expect(s.xyz!.A.Z.count).toBe(2);
    const tierSheet = out.patch.sheets.find((x) => x.name === "分级汇总")!;
    expect(tierSheet.blocks.find((b) => b.id === "xyz.matrix")!.rows[0]).toEqual(["A", 1, 0, 2, 3, 600000, 0, 480000, 1080000]);
    const cols = out.patch.columns.find((c) => c.id === "tiering.columns")!;
    expect(cols.columns.find((c) => c.key === "xyz")!.values).toEqual(["X", "Z", "Z", "Z"]);
  });

  it("allocates 10 units by grade: VKA 4 in full, V1 shares 6 (A 4, B 2), V2 nothing", () => {
    const a = Object.fromEntries(s.allocation!.map((l) => [l.customerId, l]));
    expect([a.K1.allocated, a.A.allocated, a.B.allocated, a.D.allocated]).toEqual([4, 4, 2, 0]);
    expect(a.A.reason).toContain("最大余数");
    expect(a.D.group).toBe("V2");
    expect(out.patch.sheets.map((x) => x.name)).toContain("配货方案");
  });

  it("computes stock with returns, flags the overstocked dealer and makes it a priority call", () => {
    const st = Object.fromEntries(s.stock!.map((r) => [r.customerId, r]));
    // D: 100 + (100 − 20) − 90 = 90 sold in 30 days → 30 days of stock.
    expect(st.D).toEqual({ customerId: "D", model: "M", sellIn: 80, sellThrough: 90, stock: 90, daysOfStock: 30, flag: null });
    // K1: 3000 + 500 − 3400 = 100 sold → 1,020 days.
    expect(st.K1).toMatchObject({ sellThrough: 100, daysOfStock: 1020, flag: "overstock" });
    const call = s.callList.find((c) => c.customerId === "K1")!;
    expect(call.priority).toBe(true);
    expect(call.reason).toContain("库存积压");
    expect(out.patch.sheets.find((x) => x.name === "销售进度及库存")!.charts).toHaveLength(1);
  });

  it("plans visits for the as-of month and reads coverage from the log", () => {
    const v = s.visits!;
    expect(v.month).toBe("2025-01");
    // January 2025 on the default calendar: 23 weekdays − 元旦 (1st) − 春节 (28th–31st) + the
    // 调休 Sunday 26th = 19 working days; 3 visits a day × 19 days × a third of the time → 19.
    expect(v.capacity).toEqual([{ visitor: "王伟", capacity: 19, required: 4, planned: 4 }]);
    expect(v.schedule.filter((x) => x.customerId === "K1")).toHaveLength(2);
    expect(v.coverage.month).toBe("2024-12");
    expect(v.coverage.accounts.map((c) => [c.customerId, c.required, c.done])).toEqual([["A", 1, 1], ["B", 1, 0], ["K1", 2, 1]]);
    // The log's visits are contacts: K1's last contact is its visit.
    expect(out.context.data.customerById.get("K1")!.lastContact).toBe(serial("2024-12-10"));
  });

  it("writes one profile card per A/VKA account, in revenue order", () => {
    expect(s.cards).toEqual({ customerIds: ["K1", "A", "B"] });
    const cards = out.patch.sheets.find((x) => x.name === "客户资料卡")!;
    expect(cards.blocks.filter((b) => b.id.endsWith(".title")).map((b) => b.title)).toEqual(["客户资料卡  K1  恒达通讯", "客户资料卡  A  安信", "客户资料卡  B  博远"]);
  });
});

describe("a workbook without the new sheets", () => {
  it("runs as before with one note saying what was skipped", () => {
    const out = runPipeline(workbook(customers, sales), opts);
    const notes = out.issues.filter((i) => i.code === "jobs.skipped");
    expect(notes).toHaveLength(1);
    expect(notes[0].messageZh).toContain("库存");
    expect(out.summary.stock).toBeUndefined();
    expect(out.summary.allocation).toBeUndefined();
    expect(out.summary.visits).toBeUndefined();
    expect(out.patch.sheets.map((x) => x.name)).toEqual(expect.not.arrayContaining(["配货方案", "销售进度及库存", "拜访计划", "客户资料卡"]));
  });
});

describe("one job alone", () => {
  it("runs what it reads first: allocation alone still knows the grades", () => {
    const out = runPipeline(workbook(customers, sales, ...jobSheets), opts, ["allocation"]);
    expect(Object.fromEntries(out.summary.allocation!.map((l) => [l.customerId, l.allocated]))).toEqual({ K1: 4, A: 4, B: 2, D: 0 });
    expect(out.patch.sheets.map((x) => x.name)).not.toContain("漏斗分析");
  });
});
