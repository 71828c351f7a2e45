/**
 * Print titles in the .xlsx host: every TierPlan sheet with page setup gets the workbook's
 * sheet-scoped name _xlnm.Print_Titles ('Sheet'!$1:$3), at the sheet's position in <sheets>.
 * Over a workbook openpyxl writes at test time with names of its own (a workbook name, a
 * sheet-scoped name, the user's own print titles on the user's sheet): the user's names stay
 * as they were, re-runs leave exactly one Print_Titles per TierPlan sheet, an undo takes them
 * away, and openpyxl reads the titles back from the result.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { applyPatchToXlsx, undoLastRunXlsx } from "../../../src/hosts/xlsx/write";
import { REGISTRY_SHEET } from "../../../src/report/ownership";
import type { WorkbookPatch } from "../../../src/report/patch";
import { samplePatch } from "../excel/fixtures";
import { MAIN_NS, REL_NS, rawXlsx } from "./helpers";

const PYTHON = "/usr/bin/python3";
const hasOpenpyxl = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import openpyxl"]).status === 0;
const T1 = { writtenAt: "2025-01-31T10:00:00.000Z" };
const T2 = { writtenAt: "2025-02-28T10:00:00.000Z" };
const TIERS = "O'Brien & 客户";

// The sheet samplePatch's columns go into, two names of the user's and the user's own print titles.
const MAKE = String.raw`
import sys, openpyxl
from openpyxl.workbook.defined_name import DefinedName
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "Customers"
ws.append(["Customer ID", "Name", "Region", "Sales"])
for r in [("C001", "Alpha", "North", 500), ("C002", "Beta", "South", 300), ("C003", "Gamma", "East", 150), ("C004", "Delta", "West", 50), ("C005", "Eps", "North", 0)]:
    ws.append(list(r))
ws.print_title_rows = "1:1"
n = wb.create_sheet("Notes"); n["A1"] = "keep me"
wb.defined_names.append(DefinedName("SalesTotal", attr_text="Customers!$D$2:$D$6"))
wb.defined_names.append(DefinedName("LocalNote", localSheetId=1, attr_text="Notes!$A$1"))
wb.save(sys.argv[1])
`;

// What openpyxl reads back: each sheet's print title rows.
const READ = String.raw`
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: ws.print_title_rows for ws in wb.worksheets}, ensure_ascii=False))
`;

/** samplePatch with page setup: Tiers repeats rows 1–2 (renamed to need quoting), Funnel row 1. */
function patch(): WorkbookPatch {
  const p = samplePatch();
  p.sheets[0] = { ...p.sheets[0], name: TIERS, setup: { page: { orientation: "landscape", printTitleRows: [0, 1] } } };
  p.sheets[1] = { ...p.sheets[1], setup: { page: { orientation: "portrait", printTitleRows: [0, 0] } } };
  return p;
}

interface Name {
  name: string;
  localSheetId?: number;
  value: string;
  /** The element as written. */
  xml: string;
}

function workbookXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)["xl/workbook.xml"]);
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function definedNames(bytes: Uint8Array): Name[] {
  return [...workbookXml(bytes).matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].map((m) => {
    const name = unescape(/\sname="([^"]*)"/.exec(m[1])![1]);
    const scope = /\slocalSheetId="(\d+)"/.exec(m[1]);
    return { name, value: unescape(m[2]), xml: m[0], ...(scope ? { localSheetId: Number(scope[1]) } : {}) };
  });
}

function sheetOrder(bytes: Uint8Array): string[] {
  return [...workbookXml(bytes).matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => unescape(m[1]));
}

/** Print titles by the name of the sheet their localSheetId points at (the order in <sheets>). */
function printTitles(bytes: Uint8Array): [string, string][] {
  const order = sheetOrder(bytes);
  return definedNames(bytes)
    .filter((n) => n.name === "_xlnm.Print_Titles")
    .map((n): [string, string] => [order[n.localSheetId!], n.value])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

const userNames = (bytes: Uint8Array) => definedNames(bytes).filter((n) => !(n.name === "_xlnm.Print_Titles" && sheetOrder(bytes)[n.localSheetId!] !== "Customers"));

(hasOpenpyxl ? describe : describe.skip)("print titles on a workbook openpyxl wrote, with names of its own", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tierplan-titles-"));
  let input: Uint8Array;
  let once: Uint8Array;
  beforeAll(() => {
    const file = path.join(dir, "user.xlsx");
    const r = spawnSync(PYTHON, ["-c", MAKE, file], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    input = new Uint8Array(readFileSync(file));
    once = applyPatchToXlsx(input, patch(), T1).bytes;
  });

  const expected: [string, string][] = [
    ["Customers", "'Customers'!1:1"],
    ["Funnel", "'Funnel'!$1:$1"],
    [TIERS, "'O''Brien & 客户'!$1:$2"],
  ].sort((a, b) => a[0].localeCompare(b[0])) as [string, string][];

  test("each TierPlan sheet gets its own Print_Titles at its index; the user's names stay as they were", () => {
    expect(sheetOrder(once)).toEqual(["Customers", "Notes", TIERS, "Funnel", REGISTRY_SHEET]);
    expect(printTitles(once)).toEqual(expected);
    // The user's three names, element for element (the print titles of the user's sheet included).
    expect(userNames(once).map((n) => n.xml)).toEqual(definedNames(input).map((n) => n.xml));
    // Quoted and XML-escaped as written.
    expect(workbookXml(once)).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="2">'O''Brien &amp; 客户'!$1:$2</definedName>`);
  });

  test("openpyxl reads the titles back from the result", () => {
    const file = path.join(dir, "once.xlsx");
    writeFileSync(file, once);
    const r = spawnSync(PYTHON, ["-c", READ, file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const got = JSON.parse(r.stdout) as Record<string, string | null>;
    expect(got[TIERS]).toMatch(/^\$?1:\$?2$/);
    expect(got["Funnel"]).toMatch(/^\$?1:\$?1$/);
    expect(got["Customers"]).toMatch(/^\$?1:\$?1$/);
    expect(got["Notes"]).toBeNull();
  });

  test("a re-run replaces TierPlan's names: exactly one per sheet after two runs", () => {
    const twice = applyPatchToXlsx(once, patch(), T2).bytes;
    expect(printTitles(twice)).toEqual(expected);
    expect(definedNames(twice).map((n) => n.xml)).toEqual(definedNames(once).map((n) => n.xml));
    // A run without Funnel: its print titles go with it.
    const p = patch();
    p.sheets = [p.sheets[0]];
    const fewer = applyPatchToXlsx(twice, p, T2).bytes;
    expect(printTitles(fewer)).toEqual(expected.filter(([s]) => s !== "Funnel"));
  });

  test("undo removes them: back to the user's names only", () => {
    const undone = undoLastRunXlsx(once, T2).bytes;
    expect(sheetOrder(undone)).toEqual(["Customers", "Notes"]);
    expect(definedNames(undone).map((n) => n.xml)).toEqual(definedNames(input).map((n) => n.xml));
    // Undo of a second run brings the first run's sheets back, with their titles.
    const second = applyPatchToXlsx(once, { ...patch(), sheets: [patch().sheets[1]] }, T2).bytes;
    expect(printTitles(second)).toEqual(expected.filter(([s]) => s !== TIERS));
    expect(printTitles(undoLastRunXlsx(second, T2).bytes)).toEqual(expected);
  });

  test("a user sheet moved behind TierPlan's: the user's scoped names and TierPlan's titles point at the right sheets", () => {
    // Move Notes (index 1) to the end, as a person dragging the tab would; its name moves with it.
    const files = unzipSync(once);
    let wbXml = strFromU8(files["xl/workbook.xml"]);
    const entry = /<sheet [^>]*name="Notes"[^>]*\/>/.exec(wbXml)![0];
    wbXml = wbXml.replace(entry, "").replace("</sheets>", `${entry}</sheets>`);
    const shift = (id: number) => (id === 1 ? 4 : id > 1 ? id - 1 : id);
    wbXml = wbXml.replace(/localSheetId="(\d+)"/g, (_m, id: string) => `localSheetId="${shift(Number(id))}"`);
    files["xl/workbook.xml"] = strToU8(wbXml);
    const moved = zipSync(files);
    expect(printTitles(moved)).toEqual(expected);

    const rerun = applyPatchToXlsx(moved, patch(), T2).bytes;
    expect(sheetOrder(rerun)).toEqual(["Customers", "Notes", TIERS, "Funnel", REGISTRY_SHEET]);
    expect(printTitles(rerun)).toEqual(expected);
    const note = definedNames(rerun).find((n) => n.name === "LocalNote")!;
    expect(sheetOrder(rerun)[note.localSheetId!]).toBe("Notes");
  });
});

describe("print titles in a new workbook", () => {
  test("a sheet printed over several pages wide: fitToWidth is its page count and the name repeats its ID columns too (columns first)", () => {
    const p = samplePatch();
    p.sheets = [{ ...p.sheets[1], setup: { page: { orientation: "landscape", printTitleRows: [0, 0], pagesWide: 3, printTitleColumns: [0, 1] } } }];
    const { bytes } = applyPatchToXlsx(null, p, T1);
    const files = unzipSync(bytes);
    const sheetPath = Object.keys(files).find((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f) && strFromU8(files[f]).includes("<pageSetup"))!;
    expect(strFromU8(files[sheetPath])).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="3" fitToHeight="0"/>');
    expect(printTitles(bytes)).toEqual([["Funnel", "'Funnel'!$A:$B,'Funnel'!$1:$1"]]);
    if (!hasOpenpyxl) return;
    const dir = mkdtempSync(path.join(tmpdir(), "tierplan-wide-"));
    const file = path.join(dir, "wide.xlsx");
    writeFileSync(file, bytes);
    const read = String.raw`
import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Funnel"]
print(json.dumps([ws.print_title_cols, ws.print_title_rows, ws.page_setup.fitToWidth]))
`;
    const r = spawnSync(PYTHON, ["-c", read, file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const [cols, rows, fit] = JSON.parse(r.stdout) as [string, string, number];
    expect(cols).toMatch(/^\$?A:\$?B$/);
    expect(rows).toMatch(/^\$?1:\$?1$/);
    expect(Number(fit)).toBe(3);
  });

  test("a workbook made from nothing gets a definedNames element in schema order, before calcPr", () => {
    const { bytes } = applyPatchToXlsx(null, patch(), T1);
    const xml = workbookXml(bytes);
    expect(xml).toMatch(/<\/sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'O''Brien &amp; 客户'!\$1:\$2<\/definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'Funnel'!\$1:\$1<\/definedName><\/definedNames><calcPr /);
    expect(printTitles(bytes)).toEqual([["Funnel", "'Funnel'!$1:$1"], [TIERS, "'O''Brien & 客户'!$1:$2"]].sort((a, b) => a[0].localeCompare(b[0])));
  });

  test("sheets without page setup get none", () => {
    const p = samplePatch();
    expect(definedNames(applyPatchToXlsx(null, p, T1).bytes)).toEqual([]);
  });

  test("a prefixed workbook part (x:workbook) with an empty <x:definedNames/>: the names take its prefix; a re-run keeps one", () => {
    const files = unzipSync(rawXlsx([{ name: "Data", xml: "<sheetData/>" }]));
    files["xl/workbook.xml"] = strToU8(
      `<?xml version="1.0"?><x:workbook xmlns:x="${MAIN_NS}" xmlns:r="${REL_NS}"><x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets><x:definedNames/><x:calcPr calcId="191029"/></x:workbook>`,
    );
    const p = samplePatch();
    p.columns = [];
    p.sheets = [{ ...p.sheets[1], setup: { page: { orientation: "portrait", printTitleRows: [0, 0] } } }];
    const once = applyPatchToXlsx(zipSync(files), p, T1).bytes;
    const name = `<x:definedNames><x:definedName name="_xlnm.Print_Titles" localSheetId="1">'Funnel'!$1:$1</x:definedName></x:definedNames><x:calcPr`;
    expect(workbookXml(once)).toContain(name);
    expect(workbookXml(applyPatchToXlsx(once, p, T2).bytes)).toContain(name);
  });
});
