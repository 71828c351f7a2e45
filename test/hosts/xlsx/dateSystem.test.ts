/**
 * The 1904 date system (Excel for Mac's workbookPr date1904): the .xlsx host reads every date
 * 1,462 days later than its serial says (grids are in the 1900 system, sheets/grid.ts) and writes
 * TierPlan's dates back in the workbook's own system. A run on a 1904 copy of a workbook gives the
 * same results as on the original.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { main } from "../../../src/cli/main";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../../../src/hosts/xlsx/write";
import { isDateFormatCode } from "../../../src/hosts/xlsx/styles";
import type { SheetPatch } from "../../../src/report/patch";
import { REGISTRY_SHEET } from "../../../src/report/ownership";

const FIXTURE = path.join(__dirname, "../../fixtures/xlsx/user_content.xlsx");
const SALES = "xl/worksheets/sheet2.xml";

/** The fixture as a 1904 workbook: the flag set and every date-styled (s="1") serial 1,462 lower. */
function as1904(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  files["xl/workbook.xml"] = strToU8(strFromU8(files["xl/workbook.xml"]).replace("<workbookPr/>", '<workbookPr date1904="1"/>'));
  files[SALES] = strToU8(strFromU8(files[SALES]).replace(/(<c r="[A-Z]+\d+" s="1" t="n"><v>)(\d+)(<\/v>)/g, (_m, a, v, b) => `${a}${Number(v) - 1462}${b}`));
  return zipSync(files);
}

async function run(input: string, out: string, json: string) {
  const err: string[] = [];
  const code = await main(["run", input, "--out", out, "--json", json, "--as-of", "2024-12-31"], { stdout: () => undefined, stderr: (s) => err.push(s), lang: "en" });
  return { code, err };
}

describe("1904 date system", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tierplan-1904-"));
  const original = new Uint8Array(readFileSync(FIXTURE));
  const mac = as1904(original);

  test("the copy really is 1904: its raw serials are 1,462 lower", () => {
    const raw = strFromU8(unzipSync(mac)[SALES]);
    expect(raw).toContain("<v>43890</v>"); // 45352 (2024-03-01) − 1462
    expect(raw).not.toContain("<v>45352</v>");
  });

  test("reading: date cells come back in the 1900 system, other numbers untouched", () => {
    const a = readWorkbook(original).sheets.find((s) => s.name === "销售记录")!;
    const b = readWorkbook(mac).sheets.find((s) => s.name === "销售记录")!;
    expect(b.rows).toEqual(a.rows);
    expect(b.rows[1][2]).toBe(45352);
  });

  test("a run on the 1904 copy gives the same summary and the same output sheets as on the original", async () => {
    writeFileSync(path.join(dir, "a.xlsx"), original);
    writeFileSync(path.join(dir, "b.xlsx"), mac);
    const ra = await run(path.join(dir, "a.xlsx"), path.join(dir, "a-out.xlsx"), path.join(dir, "a.json"));
    const rb = await run(path.join(dir, "b.xlsx"), path.join(dir, "b-out.xlsx"), path.join(dir, "b.json"));
    expect([ra.code, rb.code]).toEqual([0, 0]);
    // The same summary, except the input file names the intake section lists.
    const summary = (f: string) => {
      const j = JSON.parse(readFileSync(path.join(dir, f), "utf8"));
      expect(j.intake.files).toEqual([path.join(dir, f.replace(".json", ".xlsx"))]);
      delete j.intake.files;
      return j;
    };
    expect(summary("b.json")).toEqual(summary("a.json"));
    const sheets = (f: string) => readWorkbook(readFileSync(path.join(dir, f))).sheets.filter((s) => s.name !== REGISTRY_SHEET);
    expect(sheets("b-out.xlsx")).toEqual(sheets("a-out.xlsx"));
  });

  test("writing: TierPlan's dates are stored in the workbook's own system", () => {
    const sheet: SheetPatch = {
      name: "Dates",
      blocks: [{ id: "d", at: { row: 0, col: 0 }, columns: [{ key: "when", header: "When", format: "date" }, { key: "n", header: "N", format: "integer" }], rows: [[45352, 45352]] }],
      charts: [],
    };
    const out = applyPatchToXlsx(mac, { schemaVersion: 1, sheets: [sheet], columns: [] }, { writtenAt: "2024-12-31T00:00:00Z" }).bytes;
    const files = unzipSync(out);
    const xml = Object.entries(files)
      .filter(([k]) => /^xl\/worksheets\/[^/]+\.xml$/.test(k))
      .map(([, v]) => strFromU8(v))
      .find((x) => x.includes(">When<"))!;
    expect(xml).toMatch(/<c r="A2" s="\d+"><v>43890<\/v><\/c>/); // the date: 45352 − 1462
    expect(xml).toMatch(/<c r="B2" s="\d+"><v>45352<\/v><\/c>/); // a plain number: unchanged
    expect(readWorkbook(out).sheets.find((s) => s.name === "Dates")!.rows[1]).toEqual([45352, 45352]);
  });

  test("date format codes", () => {
    for (const c of ["yyyy-mm-dd", "m/d/yy h:mm", "[h]:mm:ss", 'yyyy"年"m"月"d"日"', "[$-804]yyyy年m月d日"]) expect([c, isDateFormatCode(c)]).toEqual([c, true]);
    for (const c of ["General", "#,##0.00", "0%", "[Red]#,##0", '"Day" 0', "0.00E+00", "@"]) expect([c, isDateFormatCode(c)]).toEqual([c, false]);
  });
});
