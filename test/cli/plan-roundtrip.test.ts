import type { Summary } from "../../src/report/summary";
/**
 * The monthly plan as a rep does it: `tierplan plan` writes the templates, the rep types
 * targets into the yellow cells (ExcelJS here), `tierplan run --json` reads them back and
 * compares with the month's sales. Every figure below is computed by hand.
 *
 * Workbook: 5 customers in 3 offices, prices for X and Y, sales in Nov and Dec 2024.
 *   Revenue 2024 (yuan): C1 2350, C4 500, C3 460, C2 300, C5 300 → ABC A = C1, C4, C3
 *   (cumulative 60.1%, 72.9%, 84.7%: C3 crosses 80% and is included) = the core accounts.
 *   December: C1 X 12, Y 3 · C2 X 8 then a return of 10 (net −2) · C3 Y 4, Z 2 ·
 *             C4 X 3 · C5 Y 5.
 *   Targets typed: 王伟 C1 X 10, Y 0 · C2 X 5;  李娜 C3 Y 4 · C4 X 0;  赵强 nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { runPipeline } from "../../src/pipeline/run";

const dir = mkdtempSync(path.join(tmpdir(), "tierplan-plan-"));
const input = path.join(dir, "book.xlsx");
const template = path.join(dir, "plan.xlsx");
const filled = path.join(dir, "filled.xlsx");
const summaryFile = path.join(dir, "summary.json");

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), lang: "zh" as const }, out, err };
}

async function makeBook(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const c = wb.addWorksheet("客户资料");
  c.addRow(["客户编号", "客户名称", "办事处", "销售代表", "渠道类型"]);
  c.addRow(["C1", "甲商贸", "杭州办事处", "王伟", "社会渠道直供"]);
  c.addRow(["C2", "乙通讯", "杭州办事处", "王伟", "社会渠道直供"]);
  c.addRow(["C3", "丙营业厅", "杭州办事处", "李娜", "联通渠道"]);
  c.addRow(["C4", "丁数码", "宁波办事处", "李娜", "社会渠道直供"]);
  c.addRow(["C5", "戊手机", "温州办事处", "赵强", "社会渠道直供"]);
  const s = wb.addWorksheet("销售记录");
  s.addRow(["日期", "客户编号", "型号", "数量", "金额", "类型"]);
  const rows: [string, string, string, number, number, string][] = [
    ["2024-11-05", "C1", "X", 10, 1000, "提货"],
    ["2024-11-06", "C2", "X", 5, 500, "提货"],
    ["2024-11-07", "C3", "Y", 4, 200, "提货"],
    ["2024-11-08", "C4", "X", 2, 200, "提货"],
    ["2024-11-09", "C5", "Y", 1, 50, "提货"],
    ["2024-12-02", "C1", "X", 12, 1200, "提货"],
    ["2024-12-03", "C1", "Y", 3, 150, "提货"],
    ["2024-12-04", "C2", "X", 8, 800, "提货"],
    ["2024-12-18", "C2", "X", -10, -1000, "退货"],
    ["2024-12-05", "C3", "Y", 4, 200, "提货"],
    ["2024-12-06", "C3", "Z", 2, 60, "提货"],
    ["2024-12-09", "C4", "X", 3, 300, "提货"],
    ["2024-12-31", "C5", "Y", 5, 250, "提货"],
  ];
  for (const r of rows) s.addRow(r);
  const p = wb.addWorksheet("价格体系");
  p.addRow(["型号", "渠道", "价格类型", "价格"]);
  p.addRow(["X", "社会渠道直供", "经销价", 100]);
  p.addRow(["X", null, "零售价", 120]);
  p.addRow(["Y", "联通渠道", "经销价", 45]);
  p.addRow(["Y", null, "零售价", 60]);
  writeFileSync(input, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** The header row and the column of each header on a template sheet. */
function headerOf(ws: ExcelJS.Worksheet): { row: number; col: Map<string, number> } {
  for (let r = 1; r <= 20; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === "客户编号") {
      const col = new Map<string, number>();
      row.eachCell((cell, n) => col.set(String(cell.value), n));
      return { row: r, col };
    }
  }
  throw new Error(`no header on ${ws.name}`);
}

function rowOf(ws: ExcelJS.Worksheet, headerRow: number, id: string): number {
  for (let r = headerRow + 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === id) return r;
  throw new Error(`${id} not on ${ws.name}`);
}

let templateBook: ExcelJS.Workbook;

beforeAll(async () => {
  await makeBook();
  const t = io();
  expect(await main(["plan", input, "--month", "2024-12", "--out", template], t.io)).toBe(0);
  templateBook = new ExcelJS.Workbook();
  await templateBook.xlsx.readFile(template);

  // The rep's part: type targets into the input cells, save.
  const fill: Record<string, [string, string, number][]> = {
    "计划 2024-12 王伟": [["C1", "X", 10], ["C1", "Y", 0], ["C2", "X", 5]],
    "计划 2024-12 李娜": [["C3", "Y", 4], ["C4", "X", 0]],
  };
  for (const [name, targets] of Object.entries(fill)) {
    const ws = templateBook.getWorksheet(name)!;
    const h = headerOf(ws);
    for (const [id, model, qty] of targets) ws.getRow(rowOf(ws, h.row, id)).getCell(h.col.get(`${model} 目标数量`)!).value = qty;
  }
  writeFileSync(filled, Buffer.from(await templateBook.xlsx.writeBuffer()));
});

describe("the template", () => {
  it("has one protected sheet per rep with the rep's accounts, ABC order, models and channel prices", () => {
    const names = templateBook.worksheets.map((w) => w.name).filter((n) => n.startsWith("计划"));
    expect(names.sort()).toEqual(["计划 2024-12 李娜", "计划 2024-12 王伟", "计划 2024-12 赵强"].sort());
    const ws = templateBook.getWorksheet("计划 2024-12 李娜")!;
    const h = headerOf(ws);
    expect([...h.col.keys()]).toEqual([
      "客户编号", "客户名称", "ABC分类", "渠道类型",
      "X 单价", "X 目标数量", "X 目标金额", "Y 单价", "Y 目标数量", "Y 目标金额", "Z 单价", "Z 目标数量", "Z 目标金额",
      "目标数量合计", "目标金额合计",
    ]);
    // C4 (rank 2) before C3 (rank 3); then the totals row.
    expect(ws.getRow(h.row + 1).getCell(1).value).toBe("C4");
    expect(ws.getRow(h.row + 2).getCell(1).value).toBe("C3");
    expect(ws.getRow(h.row + 3).getCell(1).value).toBe("合计");
    const c3 = ws.getRow(h.row + 2);
    // C3 is an operator account: Y at its channel's dealer price 45, X at the channel-less 120, Z from its sales (30).
    expect(c3.getCell(h.col.get("X 单价")!).value).toBe(120);
    expect(c3.getCell(h.col.get("Y 单价")!).value).toBe(45);
    expect(c3.getCell(h.col.get("Z 单价")!).value).toBe(30);
  });

  it("unlocks only the target cells, and computes amounts by formula with a cached result", async () => {
    const fresh = new ExcelJS.Workbook();
    await fresh.xlsx.readFile(template);
    const ws = fresh.getWorksheet("计划 2024-12 王伟")!;
    const h = headerOf(ws);
    const r = ws.getRow(h.row + 1);
    const qty = r.getCell(h.col.get("X 目标数量")!);
    expect(qty.value).toBeNull();
    expect(qty.protection?.locked).toBe(false);
    expect(qty.fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    expect(qty.dataValidation).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formulae: [0] });
    const price = r.getCell(h.col.get("X 单价")!);
    expect(price.protection?.locked).not.toBe(false);
    const amount = r.getCell(h.col.get("X 目标金额")!);
    expect((amount.value as ExcelJS.CellFormulaValue).formula).toMatch(/^[A-Z]+\d+\*[A-Z]+\d+$/);
    // The cached result (0 while the target is blank) is what a reader without a calc engine sees.
    const grid = readWorkbook(new Uint8Array(readFileSync(template))).sheets.find((g) => g.name === ws.name)!;
    expect(grid.rows[h.row][h.col.get("X 目标金额")! - 1]).toBe(0);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });
});

describe("plan vs actual from the filled templates", () => {
  let summary: Summary;
  beforeAll(async () => {
    const t = io();
    expect(await main(["run", filled, "--month", "2024-12", "--out", path.join(dir, "result.xlsx"), "--json", summaryFile], t.io)).toBe(0);
    summary = JSON.parse(readFileSync(summaryFile, "utf8"));
  });

  it("gives the hand-computed achievements and scores per account", () => {
    const pick = (a: Summary["plan"]["accounts"][number]) => [a.customerId, a.target, a.actual, a.achievement, a.score, a.targetAmount];
    expect(summary.plan.month).toBe("2024-12");
    expect(summary.plan.accounts.map(pick)).toEqual([
      ["C1", 10, 15, 1.5, 120, 1000], // X 12 + Y 3 (Y planned at 0); capped at 120%
      ["C2", 5, -2, -0.4, 0, 500], // the return makes the actual negative: score 0
      ["C3", 4, 4, 1, 100, 180], // Z (2 units, no target) does not count; Y at 45
      ["C4", 0, 3, null, null, 0], // zero target: no achievement, not assessed
    ]);
    expect(summary.plan.unplanned).toEqual([{ customerId: "C5", actual: 5, actualAmount: 250 }]);
  });

  it("gives the hand-computed office scores, with blanks for offices without planned accounts", () => {
    const pick = (o: Summary["plan"]["offices"][number]) => [o.office, o.plannedAccounts, o.channelScore, o.coreQuality, o.cooperationRate];
    expect(summary.plan.offices.map(pick)).toEqual([
      ["宁波办事处", 0, null, null, null],
      // (120 + 0 + 100) / 3; core at 100%: C1, C3 → 2/3; bought: C1, C3 (C2 net −2) → 2/3
      ["杭州办事处", 3, 73.33, 0.666667, 0.666667],
      ["温州办事处", 0, null, null, null],
    ].sort((a, b) => (a[0] as string < (b[0] as string) ? -1 : 1)));
  });

  it("writes the plan-vs-actual sheet with the flagged lines and both charts", () => {
    const grids = readWorkbook(new Uint8Array(readFileSync(filled)));
    const out = runPipeline(grids, { month: "2024-12" });
    const sheet = out.patch.sheets.find((s) => s.name === "计划达成 2024-12")!;
    expect(sheet.charts.map((c) => c.id)).toEqual(["plan.repChart", "plan.monthChart"]);
    const lines = sheet.blocks.find((b) => b.id === "plan.lines")!;
    const flagged = lines.rows.filter((r) => r[8] === "无计划").map((r) => [r[0], r[2], r[4]]);
    expect(flagged).toEqual([
      ["C3", "Z", 2],
      ["C5", "Y", 5],
    ]);
    const reps = sheet.blocks.find((b) => b.id === "plan.reps")!;
    expect(reps.rows.map((r) => [r[0], r[2], r[3], r[4], r[6]])).toEqual(
      [
        ["李娜", 1, 4, 4, 100],
        ["王伟", 2, 15, 13, 60],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    expect(out.issues.filter((i) => i.code.startsWith("plan."))).toEqual([]);
  });
});
