/**
 * The same patch through both hosts — Office.js (on the strict Excel double) and the .xlsx
 * host (read back with its reader) — must give the same workbook, cell for cell: every value
 * of the output sheets, of the registry, and of the columns beside the user's data, plus the
 * same placement plan and tab order.
 *
 * The double does not calculate, so a formula cell is compared by its formula on the Excel
 * side and by its cached value on the .xlsx side (which must be the result TierPlan computed).
 */
import { strFromU8, unzipSync } from "fflate";
import { applyPatch, readWorkbookGrids } from "../../src/hosts/excel";
import { applyPatchToXlsx } from "../../src/hosts/xlsx/write";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import type { FormulaValue, WorkbookPatch } from "../../src/report/patch";
import { firstDataRow } from "../../src/report/patch";
import { cellAddress, cellAt, type CellValue, type SheetGrid, type WorkbookGrids } from "../../src/sheets/grid";
import { createExcelDouble, type ExcelDouble, type SeedSheet } from "../excel-double";
import { rawXlsx } from "./xlsx/helpers";
import { samplePatch, userSheets } from "./excel/fixtures";

const WRITTEN_AT = "2025-01-31T10:00:00.000Z";

function xmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The user's workbook of the double's seed, as an .xlsx package (inline strings, like a typed sheet). */
function seedXlsx(seeds: SeedSheet[]): Uint8Array {
  return rawXlsx(
    seeds.map((s) => {
      const o = s.origin ?? { row: 0, col: 0 };
      const rows = (s.rows ?? [])
        .map((row, i) => {
          const cells = row
            .map((v, j) => {
              const r = cellAddress(o.row + i, o.col + j);
              if (v === null || v === undefined || v === "") return "";
              if (typeof v === "number") return `<c r="${r}"><v>${v}</v></c>`;
              if (typeof v === "boolean") return `<c r="${r}" t="b"><v>${v ? 1 : 0}</v></c>`;
              return `<c r="${r}" t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
            })
            .join("");
          return `<row r="${o.row + i + 1}">${cells}</row>`;
        })
        .join("");
      const state = s.visibility === "Hidden" ? "hidden" : s.visibility === "VeryHidden" ? "veryHidden" : undefined;
      return { name: s.name, xml: `<sheetData>${rows}</sheetData>`, ...(state ? { state } : {}) } as const;
    }),
  );
}

/** Formula cells TierPlan wrote, by "sheet!A1", with the result it computed. */
function formulaCells(patch: WorkbookPatch, renamed: Record<string, string>): Map<string, FormulaValue> {
  const out = new Map<string, FormulaValue>();
  for (const sp of patch.sheets) {
    const name = renamed[sp.name] ?? sp.name;
    for (const b of sp.blocks) {
      b.rows.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v && typeof v === "object") out.set(`${name}!${cellAddress(firstDataRow(b) + i, b.at.col + j)}`, v);
        }),
      );
    }
  }
  return out;
}

function extent(g: SheetGrid): { r1: number; c1: number } {
  let c1 = g.origin.col - 1;
  for (const row of g.rows) if (row) c1 = Math.max(c1, g.origin.col + row.length - 1);
  return { r1: g.origin.row + g.rows.length - 1, c1 };
}

/** Every cell where the two workbooks differ, as "Sheet!A1: excel=… xlsx=…". */
function differences(excel: WorkbookGrids, xlsx: WorkbookGrids, d: ExcelDouble, formulas: Map<string, FormulaValue>): string[] {
  const diffs: string[] = [];
  for (const ge of excel.sheets) {
    const gx = xlsx.sheets.find((s) => s.name === ge.name);
    if (!gx) {
      diffs.push(`${ge.name}: missing in the .xlsx output`);
      continue;
    }
    if (!!ge.hidden !== !!gx.hidden) diffs.push(`${ge.name}: hidden excel=${!!ge.hidden} xlsx=${!!gx.hidden}`);
    const a = extent(ge);
    const b = extent(gx);
    const r1 = Math.max(a.r1, b.r1);
    const c1 = Math.max(a.c1, b.c1);
    for (let r = 0; r <= r1; r++) {
      for (let c = 0; c <= c1; c++) {
        const at = `${ge.name}!${cellAddress(r, c)}`;
        const fx = formulas.get(at);
        const ve: CellValue = cellAt(ge, r, c);
        const vx: CellValue = cellAt(gx, r, c);
        if (fx) {
          const formula = d.sheet(ge.name).formulaAt(r, c);
          if (formula !== `=${fx.formula}`) diffs.push(`${at}: excel formula ${String(formula)}, expected =${fx.formula}`);
          if (vx !== (fx.result ?? null)) diffs.push(`${at}: xlsx cached ${JSON.stringify(vx)}, expected ${JSON.stringify(fx.result)}`);
          continue;
        }
        if (ve !== vx) diffs.push(`${at}: excel=${JSON.stringify(ve)} xlsx=${JSON.stringify(vx)}`);
      }
    }
  }
  for (const gx of xlsx.sheets) if (!excel.sheets.some((s) => s.name === gx.name)) diffs.push(`${gx.name}: missing in the Excel output`);
  return diffs;
}

async function bothHosts(patch: () => WorkbookPatch, seeds: () => SeedSheet[], runs = 1, apiVersion?: string) {
  const d = createExcelDouble({ sheets: seeds() }, apiVersion ? { apiVersion } : undefined);
  let xbytes: Uint8Array = seedXlsx(seeds());
  let excelPlan, xlsxPlan;
  for (let i = 0; i < runs; i++) {
    excelPlan = (await applyPatch(d.context, patch(), { writtenAt: WRITTEN_AT, isSetSupported: d.isSetSupported })).plan;
    const out = applyPatchToXlsx(xbytes, patch(), { writtenAt: WRITTEN_AT });
    xbytes = out.bytes;
    xlsxPlan = out.plan;
  }
  const excel = await readWorkbookGrids(d.context, { withOutputs: true });
  const xlsx = readWorkbook(xbytes);
  return { d, excel, xlsx, xbytes, excelPlan: excelPlan!, xlsxPlan: xlsxPlan! };
}

describe("cross-host: the Excel host and the .xlsx host write the same workbook", () => {
  test("same plan, same tab order, same cells in every sheet (outputs, registry, columns beside the user's data)", async () => {
    const { d, excel, xlsx, excelPlan, xlsxPlan } = await bothHosts(samplePatch, userSheets);
    expect(excelPlan.columns).toEqual(xlsxPlan.columns);
    expect(excelPlan.renamedSheets).toEqual(xlsxPlan.renamedSheets);
    expect(excelPlan.registry).toEqual(xlsxPlan.registry);
    expect(excel.sheets.map((s) => s.name)).toEqual(xlsx.sheets.map((s) => s.name));
    expect(differences(excel, xlsx, d, formulaCells(samplePatch(), excelPlan.renamedSheets))).toEqual([]);
    // The comparison did cover the owned columns and the injected text.
    const customers = excel.sheets.find((s) => s.name === "Customers")!;
    expect(cellAt(customers, 5, 5)).toBe("=cmd|' /C calc'!A0");
  });

  test("still the same after a second run on each host's own output", async () => {
    const { d, excel, xlsx, excelPlan } = await bothHosts(samplePatch, userSheets, 2);
    expect(excel.sheets.map((s) => s.name)).toEqual(xlsx.sheets.map((s) => s.name));
    expect(differences(excel, xlsx, d, formulaCells(samplePatch(), excelPlan.renamedSheets))).toEqual([]);
  });

  test("a name clash with a user's sheet is resolved alike", async () => {
    const seeds = (): SeedSheet[] => [...userSheets(), { name: "Tiers", rows: [["mine"]] }];
    const { d, excel, xlsx, excelPlan, xlsxPlan } = await bothHosts(samplePatch, seeds);
    expect(excelPlan.renamedSheets).toEqual({ Tiers: "Tiers (2)" });
    expect(xlsxPlan.renamedSheets).toEqual(excelPlan.renamedSheets);
    expect(excel.sheets.map((s) => s.name)).toEqual(xlsx.sheets.map((s) => s.name));
    expect(differences(excel, xlsx, d, formulaCells(samplePatch(), excelPlan.renamedSheets))).toEqual([]);
  });

  test("the same rows repeat on printed pages: pageLayout in Excel, _xlnm.Print_Titles at the sheet's index in the .xlsx", async () => {
    const withSetup = (): WorkbookPatch => {
      const p = samplePatch();
      p.sheets[0].setup = { page: { orientation: "landscape", printTitleRows: [0, 1] } };
      p.sheets[1].setup = { page: { orientation: "portrait", printTitleRows: [3, 3] } };
      return p;
    };
    const seeds = (): SeedSheet[] => [...userSheets(), { name: "Tiers", rows: [["mine"]] }];
    const { d, xbytes, excelPlan } = await bothHosts(withSetup, seeds, 2, "1.9");
    const wb = strFromU8(unzipSync(xbytes)["xl/workbook.xml"]);
    const order = [...wb.matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => m[1]);
    const xlsxTitles = [...wb.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">'([^<]*)'!([^<]*)<\/definedName>/g)].map((m) => [order[Number(m[1])], m[2], m[3]]);
    const names = withSetup().sheets.map((s) => excelPlan.renamedSheets[s.name] ?? s.name);
    expect(names).toEqual(["Tiers (2)", "Funnel"]);
    expect(xlsxTitles).toEqual(names.map((n) => [n, n, d.sheet(n).pageLayout.printTitleRows]));
    expect(names.map((n) => d.sheet(n).pageLayout.printTitleRows)).toEqual(["$1:$2", "$4:$4"]);
  });

  test("a sheet printed over several pages wide repeats the same columns in both hosts, over the same page count", async () => {
    const wide = (): WorkbookPatch => {
      const p = samplePatch();
      p.sheets[1].setup = { page: { orientation: "landscape", printTitleRows: [3, 3], pagesWide: 2, printTitleColumns: [0, 1] } };
      return p;
    };
    const { d, xbytes } = await bothHosts(wide, () => userSheets(), 1, "1.9");
    const files = unzipSync(xbytes);
    const wb = strFromU8(files["xl/workbook.xml"]);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${[...wb.matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => m[1]).indexOf("Funnel")}">'Funnel'!$A:$B,'Funnel'!$4:$4</definedName>`);
    const layout = d.sheet("Funnel").pageLayout;
    expect([layout.printTitleColumns, layout.printTitleRows, layout.zoom?.horizontalFitToPages]).toEqual(["$A:$B", "$4:$4", 2]);
    const funnelXml = Object.entries(files).find(([f, b]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f) && strFromU8(b).includes('fitToWidth="2"'));
    expect(funnelXml).toBeDefined();
  });

  test("the comparison is not vacuous: one changed cell is reported", async () => {
    const { d, xlsx, excelPlan } = await bothHosts(samplePatch, userSheets);
    d.context.workbook.worksheets.getItem("Funnel").getRange("B3").values = [[61]];
    await d.context.sync();
    const excel = await readWorkbookGrids(d.context, { withOutputs: true });
    expect(differences(excel, xlsx, d, formulaCells(samplePatch(), excelPlan.renamedSheets))).toEqual(["Funnel!B3: excel=61 xlsx=60"]);
  });
});
