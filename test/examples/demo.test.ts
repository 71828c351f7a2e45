/**
 * The demo workbook (examples/demo.xlsx, written by examples/make-demo.ts) has the shape the
 * README promises: the sheets, ~1,000 customers in 3 offices with 10 reps, 24 months of
 * sales lines with the planted messy cells, injection probes stored as text, and the policy
 * sheets. When the file is missing it is built in memory.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildDemo } from "../../examples/make-demo";

const DEMO = path.resolve(__dirname, "../../examples/demo.xlsx");

let wb: ExcelJS.Workbook;

beforeAll(async () => {
  wb = new ExcelJS.Workbook();
  if (fs.existsSync(DEMO)) await wb.xlsx.readFile(DEMO);
  else await wb.xlsx.load(Buffer.from((await buildDemo()).bytes) as never);
});

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`sheet ${name} missing`);
  return ws;
}

/** Data rows of a sheet as header → value records. */
function records(ws: ExcelJS.Worksheet, headerRow: number): Record<string, ExcelJS.CellValue>[] {
  const headers = (ws.getRow(headerRow).values as ExcelJS.CellValue[]).map((v) => (v == null ? "" : String(v)));
  const out: Record<string, ExcelJS.CellValue>[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rec: Record<string, ExcelJS.CellValue> = {};
    headers.forEach((h, c) => {
      if (h) rec[h] = row.getCell(c).value;
    });
    out.push(rec);
  }
  return out;
}

const ymKey = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;

/** Month of a sales date cell: a Date, or text such as "2024/5/3" / "2024年5月3日". */
function monthOf(v: ExcelJS.CellValue): string | null {
  if (v instanceof Date) return ymKey(v);
  const m = typeof v === "string" ? /^(\d{4})[/年](\d{1,2})[/月]\d{1,2}日?$/.exec(v) : null;
  return m ? `${m[1]}-${m[2].padStart(2, "0")}` : null;
}

describe("demo workbook", () => {
  test("has the data, plan and policy sheets", () => {
    const names = wb.worksheets.map((w) => w.name);
    for (const n of ["客户资料", "销售记录", "计划 2024-12", "分级规则", "分级目标", "评分卡", "价格体系", "返利政策", "拨打计划", "月度分解"]) {
      expect(names).toContain(n);
    }
  });

  test("customer sheet: title row above the header, ~1,000 customers, 3 offices, 10 reps", () => {
    const ws = sheet("客户资料");
    expect(String(ws.getCell("A1").value)).toContain("客户资料");
    expect(ws.getCell("A1").isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const rows = records(ws, 2);
    expect(rows.length).toBeGreaterThanOrEqual(950);
    expect(rows.length).toBeLessThanOrEqual(1050);
    expect(new Set(rows.map((r) => r["客户编号"])).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r["办事处"]))).toEqual(new Set(["杭州办事处", "宁波办事处", "温州办事处"]));
    const reps = new Map<string, Set<unknown>>();
    const perRep = new Map<string, number>();
    for (const r of rows) {
      const rep = String(r["销售代表"]);
      reps.set(rep, (reps.get(rep) ?? new Set()).add(r["办事处"]));
      perRep.set(rep, (perRep.get(rep) ?? 0) + 1);
    }
    expect(reps.size).toBe(10);
    for (const offices of reps.values()) expect(offices.size).toBe(1);
    for (const n of perRep.values()) expect(n).toBeGreaterThanOrEqual(80);
    const direct = rows.filter((r) => r["渠道类型"] === "社会渠道直供").length / rows.length;
    expect(direct).toBeGreaterThan(0.7);
    expect(direct).toBeLessThan(0.8);
    for (const h of ["积极性", "经营灵活性", "分销能力", "资金实力", "畅销品牌数", "仓储车辆人员", "信誉", "社会关系", "预计金额", "合同到期日", "下次拨打时间"]) {
      expect(Object.keys(rows[0])).toContain(h);
    }
  });

  test("injection probes are stored as text, not formulas", () => {
    const ws = sheet("客户资料");
    const probes = ['=HYPERLINK("http://x","点我")', "+86 专营店"];
    const found: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && probes.includes(cell.value)) {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          expect(cell.formula).toBeUndefined();
          found.push(cell.value);
        }
      }),
    );
    expect(new Set(found)).toEqual(new Set(probes));
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  test("sales lines span 24 months and carry the planted messy cells", () => {
    const rows = records(sheet("销售记录"), 1);
    const total = rows[rows.length - 1];
    expect(total["日期"]).toBe("合计");
    const data = rows.slice(0, -1);
    expect(data.length).toBeGreaterThanOrEqual(40_000);
    expect(data.length).toBeLessThanOrEqual(60_000);
    const months = new Set(data.map((r) => monthOf(r["日期"])).filter((m): m is string => m !== null));
    expect(months.size).toBe(24);
    expect([...months].sort()[0]).toBe("2023-01");
    expect([...months].sort()[23]).toBe("2024-12");
    const textDates = data.filter((r) => typeof r["日期"] === "string").length;
    expect(textDates).toBeGreaterThan(100);
    expect(data.some((r) => typeof r["日期"] === "string" && /年.*月.*日/.test(r["日期"]))).toBe(true);
    expect(data.some((r) => typeof r["金额"] === "string" && /^-?¥[\d,]+\.\d\d$/.test(r["金额"]))).toBe(true);
    expect(data.filter((r) => r["日期"] === "2024-13-45")).toHaveLength(1);
    expect(data.filter((r) => r["数量"] === "三")).toHaveLength(1);
    expect(data.filter((r) => r["客户编号"] == null)).toHaveLength(1);
    const returns = data.filter((r) => r["类型"] === "退货");
    expect(returns.length / data.length).toBeGreaterThan(0.01);
    expect(returns.length / data.length).toBeLessThan(0.03);
    for (const r of returns) expect(r["数量"] as number).toBeLessThan(0);
    // ~8% of the customers never bought.
    const buyers = new Set(data.map((r) => r["客户编号"]));
    const customers = records(sheet("客户资料"), 2).map((r) => r["客户编号"]);
    const silent = customers.filter((id) => !buyers.has(id)).length / customers.length;
    expect(silent).toBeGreaterThan(0.05);
    expect(silent).toBeLessThan(0.11);
  });

  test("monthly plan: ~300 accounts, zero targets, and an account with a target but no purchase", () => {
    const plan = records(sheet("计划 2024-12"), 1);
    const accounts = new Set(plan.map((r) => r["客户编号"]));
    expect(accounts.size).toBeGreaterThanOrEqual(250);
    expect(accounts.size).toBeLessThanOrEqual(350);
    expect(plan.some((r) => r["目标数量"] === 0)).toBe(true);
    const decBuyers = new Set(
      records(sheet("销售记录"), 1)
        .filter((r) => monthOf(r["日期"]) === "2024-12")
        .map((r) => r["客户编号"]),
    );
    expect(plan.some((r) => (r["目标数量"] as number) > 0 && !decBuyers.has(r["客户编号"]))).toBe(true);
  });

  test("policy sheets are filled: prices, rebate rules, targets, holidays", () => {
    const prices = records(sheet("价格体系"), 1);
    const i9300 = prices.find((r) => r["型号 / Model"] === "I9300" && r["价格类型 / Price kind"] === "分销进店价");
    expect(i9300?.["价格 / Price"]).toBe(4168);
    const rules = records(sheet("返利政策"), 1);
    const volume = rules.find((r) => r["类型 / Kind"] === "达量返利" && r["门槛 / Thresholds"] === "400/1000");
    expect(volume?.["返利 / Rates"]).toBe("26/43");
    expect(volume?.["生效日期 / Valid from"]).toEqual(new Date(Date.UTC(2024, 9, 1)));
    expect(rules.filter((r) => r["类型 / Kind"] === "合约返利").map((r) => r["返利 / Rates"])).toEqual([100, 70]);
    const targets = records(sheet("分级目标"), 1);
    expect(targets.some((r) => r["办事处 / Office"] === "杭州办事处")).toBe(true);
    expect(targets.some((r) => r["办事处 / Office"] == null)).toBe(true);
    const call = records(sheet("拨打计划"), 1);
    const holidays = call.filter((r) => r["参数 / Key"] === "holiday" && r["值 / Value"] instanceof Date).map((r) => ymd(r["值 / Value"] as Date));
    expect(holidays).toEqual(expect.arrayContaining(["2025-01-01", "2025-01-28", "2025-02-04"]));
    const workdays = call.filter((r) => r["参数 / Key"] === "workday" && r["值 / Value"] instanceof Date).map((r) => ymd(r["值 / Value"] as Date));
    expect(workdays).toEqual(["2025-01-26", "2025-02-08"]);
    const tier = sheet("分级规则");
    let shareFormatted = false;
    tier.eachRow((row) => {
      if (row.getCell(1).value === "abc.cutoffA") shareFormatted = row.getCell(3).numFmt === "0%";
    });
    expect(shareFormatted).toBe(true);
  });

  test("generation is deterministic", async () => {
    const a = await buildDemo();
    const b = await buildDemo();
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  }, 300_000); // two full generations: generous for a slow, shared CI machine
});

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}
