/**
 * Formula injection, end to end: customer names, reps, offices, models and channels that start
 * with = + - @ go through the whole pipeline and both hosts; every cell TierPlan writes that
 * holds such text is text, never a formula, in every output sheet and in the columns beside
 * the user's data. The only formulas are TierPlan's own (none of them carries user text).
 */
import { strFromU8, unzipSync } from "fflate";
import ExcelJS from "exceljs";
import { applyPatch } from "../../src/hosts/excel";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../../src/hosts/xlsx/write";
import { runPipeline } from "../../src/pipeline/run";
import type { CellValue, WorkbookGrids } from "../../src/sheets/grid";
import { createExcelDouble } from "../excel-double";
import { serial } from "../support/grids";

const EVIL = ['=HYPERLINK("http://x","y")', "+SUM(1,2)", "-2+3", "@cmd", "=cmd|' /C calc'!A0", "-5% 折扣"];
const customers: CellValue[][] = [
  ["客户编号", "客户名称", "渠道类型", "办事处", "销售代表", "销售进程", "客户温度"],
  ...EVIL.map((e, i) => [`C${i + 1}`, e, i % 2 ? "分销" : "大客户", i % 3 ? "=A1" : "杭州", i % 2 ? "@rep" : "+王", i % 8, "Hot"]),
];
const sales: CellValue[][] = [
  ["日期", "客户编号", "客户名称", "型号", "数量", "金额"],
  ...EVIL.flatMap((e, i) => [
    [serial("2024-03-01") + i, `C${i + 1}`, e, i % 2 ? "=MODEL()" : "-I9300", 1 + i, 100 * (6 - i)],
    [serial("2024-06-01") + i, `C${i + 1}`, e, "@X", 1, 50],
  ]),
];
const grids = (): WorkbookGrids => ({ sheets: [{ name: "客户资料", rows: customers, origin: { row: 0, col: 0 } }, { name: "销售记录", rows: sales, origin: { row: 0, col: 0 } }] });
const startsLikeFormula = (s: string) => /^[=+\-@]/.test(s);
const USER_TEXT = new Set<string>([...customers.flat(), ...sales.flat()].filter((v): v is string => typeof v === "string" && startsLikeFormula(v)));

async function inputXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids().sheets) {
    const ws = wb.addWorksheet(g.name);
    // Typed as text, as a person's sheet would hold them.
    g.rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("user text that looks like a formula stays text, through the whole pipeline", () => {
  const out = runPipeline(grids(), { now: "2024-12-31T00:00:00Z", lang: "en", period: "2024-01..2024-12" });

  test("the pipeline runs and its outputs carry the user's text", () => {
    expect(out.failed).toBe(false);
    expect(out.patch.sheets.length).toBeGreaterThan(0);
    const strings = new Set<string>();
    for (const s of out.patch.sheets) for (const b of s.blocks) for (const r of b.rows) for (const v of r) if (typeof v === "string") strings.add(v);
    expect([...USER_TEXT].filter((t) => strings.has(t)).length).toBeGreaterThan(2);
  });

  test(".xlsx host: no cell holding user text is a formula; every formula is TierPlan's", async () => {
    const bytes = applyPatchToXlsx(await inputXlsx(), out.patch, { writtenAt: "2025-01-01T00:00:00Z" }).bytes;
    const files = unzipSync(bytes);
    const formulas: string[] = [];
    let textCells = 0;
    for (const [k, v] of Object.entries(files)) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(k)) continue;
      const xml = strFromU8(v);
      for (const m of xml.matchAll(/<c\b[^>]*>(.*?)<\/c>/g)) {
        const f = /<f\b[^>]*>(.*?)<\/f>/.exec(m[1]);
        if (f) formulas.push(f[1]);
        if (/<is>|t="s"/.test(m[0])) textCells++;
      }
    }
    expect(textCells).toBeGreaterThan(0);
    for (const f of formulas) for (const t of USER_TEXT) expect(f).not.toContain(t.replace(/^[=+@]/, ""));
    // Read back: every user string is still the same string.
    const back = readWorkbook(bytes);
    const found = new Set<string>();
    for (const g of back.sheets) for (const r of g.rows) for (const v of r) if (typeof v === "string" && USER_TEXT.has(v)) found.add(v);
    expect(found.size).toBeGreaterThan(2);
  });

  test("Excel host (strict double): every string cell starting with = + - @ is text, never a formula", async () => {
    const d = createExcelDouble({ sheets: grids().sheets.map((g) => ({ name: g.name, rows: g.rows })) });
    await applyPatch(d.context, out.patch, { writtenAt: "2025-01-01T00:00:00Z", isSetSupported: d.isSetSupported });
    const bad: string[] = [];
    let checked = 0;
    for (const s of d.workbookState.sheets) {
      for (const [r, c] of s.contentCells()) {
        const f = s.formulaAt(r, c);
        const v = s.cellAt(r, c).value;
        if (typeof v === "string" && startsLikeFormula(v)) checked++;
        if (f !== undefined && [...USER_TEXT].some((t) => f.includes(t.replace(/^[=+@]/, "")))) bad.push(`${s.name}!${r}:${c} ${f}`);
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(2);
  });
});
