/**
 * The plan template builder from a hand-made template (no run): per-rep sheets, the headers the
 * plan reader matches on, locked generated cells and unlocked validated inputs, the row
 * formulas and the totals row from the column records, channel codes as labels, and Chinese
 * per-model headers standing whole on one line.
 */
import { IssueLog } from "../../src/domain/issues";
import type { Block, FormulaValue, SheetPatch } from "../../src/report/patch";
import { type PlanTemplate, planTemplateSheets } from "../../src/report/planTemplate";
import { headerLines } from "../../src/report/table/fit";
import type { CellValue } from "../../src/sheets/grid";
import { readPlans } from "../../src/sheets/plan";
import { sheet, workbook } from "../support/grids";

const template: PlanTemplate = {
  month: "2025-01",
  models: ["X", "Y"],
  abc: true,
  suggestedShare: 0.1,
  reps: [
    {
      rep: "王伟",
      offices: ["杭州办事处"],
      accounts: [
        { customerId: "C1", name: "甲商贸", abc: "A", channel: "direct", lines: [{ price: 10_000, suggested: 12 }, { price: null, suggested: 0 }] },
        { customerId: "C2", name: "乙通讯", abc: "B", channel: null, lines: [{ price: 9_950, suggested: 3 }, { price: 5_000, suggested: 1 }] },
      ],
    },
    { rep: null, offices: [], accounts: [{ customerId: "C3", name: "丙", abc: null, channel: "operator", lines: [{ price: 10_000, suggested: 0 }, { price: 5_000, suggested: 0 }] }] },
  ],
};

const body = (s: SheetPatch): Block => s.blocks.find((b) => b.id === "planTemplate")!;
const at = (b: Block, key: string) => b.columns.findIndex((c) => c.key === key);

/** The sheet as a host hands it back: title, notes, blank row, header, rows with the formulas' cached results. */
function grid(s: SheetPatch): CellValue[][] {
  const [head, b] = s.blocks;
  const rows: CellValue[][] = [[head.title!], ...head.rows.map((r) => [r[0] as string])];
  while (rows.length < b.at.row) rows.push([]);
  rows.push(b.columns.map((c) => c.header));
  for (const r of b.rows) rows.push(r.map((v) => (v !== null && typeof v === "object" ? v.result ?? null : v)));
  return rows;
}

describe("plan template sheets (zh)", () => {
  const sheets = planTemplateSheets(template, { lang: "zh" });
  const wang = sheets[0];
  const b = body(wang);

  test("one protected sheet per rep, the accounts without a rep last", () => {
    expect(sheets.map((s) => s.name)).toEqual(["计划 2025-01 王伟", "计划 2025-01 未分配"]);
    expect(sheets.every((s) => s.protect)).toBe(true);
    expect(wang.freeze).toEqual({ rows: 6, cols: 2 });
  });

  test("the title, and the notes under their caption with the suggested-target rule", () => {
    const head = wang.blocks[0];
    expect(head.title).toBe("2025-01 月度销售计划 · 王伟（杭州办事处）");
    expect(head.rows.map((r) => r[0])).toEqual([
      "填写说明",
      expect.stringContaining("请在黄色单元格填写目标数量"),
      "建议数量 = 该客户该型号前 12 个月净提货量（年度目标，不含增长）× 月度分解 1 月占比 10%，取整。",
    ]);
  });

  test("headers as the plan reader reads them: no unit added to the money columns", () => {
    expect(b.columns.map((c) => c.header)).toEqual([
      "客户编号", "客户名称", "ABC分类", "渠道类型",
      "X 单价", "X 建议数量", "X 目标数量", "X 目标金额", "Y 单价", "Y 建议数量", "Y 目标数量", "Y 目标金额",
      "目标数量合计", "目标金额合计",
    ]);
    expect(b.at.row).toBe(5);
  });

  test("account rows: prices in yuan, suggestions, blank inputs, formulas of the row, channel labels", () => {
    // Header on sheet row 6, so C1 is on row 7: E = X price, G = X qty, I = Y price, K = Y qty.
    expect(b.rows[0]).toEqual([
      "C1", "甲商贸", "A", "社会渠道直供", 100, 12, null, { formula: "E7*G7", result: 0 }, null, 0, null, { formula: "I7*K7", result: 0 },
      { formula: "SUM(G7,K7)", result: 0 }, { formula: "SUM(H7,L7)", result: 0 },
    ]);
    expect(b.rows[1].slice(0, 6)).toEqual(["C2", "乙通讯", "B", null, 99.5, 3]);
    expect(b.rows[1][at(b, "a1")]).toEqual({ formula: "I8*K8", result: 0 });
    expect(body(sheets[1]).rows[0][at(b, "channel")]).toBe("联通渠道");
  });

  test("a locked totals row: 合计 and the sums of the quantities and amounts", () => {
    const totals = b.rows[2];
    expect(totals[0]).toBe("合计");
    const sums = ["q0", "a0", "q1", "a1", "tq", "ta"].map((k) => (totals[at(b, k)] as FormulaValue).formula);
    expect(sums).toEqual(["SUM(G7:G8)", "SUM(H7:H8)", "SUM(K7:K8)", "SUM(L7:L8)", "SUM(M7:M8)", "SUM(N7:N8)"]);
    for (const k of ["p0", "s0", "p1", "s1"]) expect(totals[at(b, k)]).toBeNull();
    expect(b.rowStyles).toEqual({ 2: expect.objectContaining({ bold: true, locked: true }) });
  });

  test("only the target quantities are unlocked, each a whole number ≥ 0", () => {
    const unlocked = b.columns.filter((c) => c.style?.locked === false).map((c) => c.key);
    expect(unlocked).toEqual(["q0", "q1"]);
    expect(b.columns[at(b, "q0")].style).toMatchObject({ fill: "#FFF2CC" });
    expect(b.validations!.map((v) => [v.column, v.kind, v.min])).toEqual([["q0", "wholeNumber", 0], ["q1", "wholeNumber", 0]]);
  });

  test("建议数量 and 目标数量 stand whole on one line of their header", () => {
    for (const k of ["s0", "q0", "s1", "q1"]) {
      const c = b.columns[at(b, k)];
      expect(headerLines(c.header, wang.columnWidths![at(b, k)])).toBe(1);
    }
  });
});

describe("the template reads back", () => {
  test("a filled target cell becomes a plan row of the rep's month, priced from the template", () => {
    const [wang] = planTemplateSheets(template, { lang: "zh" });
    const b = body(wang);
    const rows = grid(wang);
    rows[b.at.row + 1][at(b, "q0")] = 8; // C1 plans 8 units of X
    rows[b.at.row + 2][at(b, "q1")] = 0; // C2 plans none of Y: a zero target
    const issues = new IssueLog();
    const plans = readPlans(workbook(sheet(wang.name, rows)), issues, new Set());
    expect(plans.map((p) => [p.month, p.customerId, p.model, p.targetQty, p.targetAmount, p.rep])).toEqual([
      ["2025-01", "C1", "X", 8, 80_000, "王伟"],
      ["2025-01", "C2", "Y", 0, 0, "王伟"],
    ]);
    expect(issues.list()).toEqual([]);
  });
});

describe("plan template sheets (en)", () => {
  test("English headers and labels; no suggestion columns without a distribution; one sheet without reps", () => {
    const noReps: PlanTemplate = { ...template, abc: false, suggestedShare: null, reps: [{ ...template.reps[0], rep: null, offices: [] }] };
    const [s] = planTemplateSheets(noReps, { lang: "en" });
    expect(s.name).toBe("Plan 2025-01");
    const b = body(s);
    expect(b.at.row).toBe(4);
    expect(b.columns.map((c) => c.header)).toEqual([
      "Customer ID", "Customer", "Channel", "X Price", "X Target qty", "X Target amount", "Y Price", "Y Target qty", "Y Target amount", "Total qty", "Total amount",
    ]);
    expect(b.rows[0].slice(0, 4)).toEqual(["C1", "甲商贸", "Direct supply", 100]);
    expect(b.rows[0][at(b, "a0")]).toEqual({ formula: "D6*E6", result: 0 });
    expect(b.rows[2][0]).toBe("Total");
    expect(s.blocks[0].title).toBe("Sales plan 2025-01 · Unassigned");
  });
});
