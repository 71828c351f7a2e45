/**
 * Nothing lost, in the .xlsx host: a re-run leaves exactly one set of outputs, a cell a person
 * typed into TierPlan's columns is never written over, and `undoLastRunXlsx` restores the
 * previous state cell for cell (every sheet's values, the tab order, and the user's parts byte
 * for byte).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { applyPatchToXlsx, undoLastRunXlsx } from "../../../src/hosts/xlsx/write";
import { NothingToUndoError, REGISTRY_SHEET, parseRegistry } from "../../../src/report/ownership";
import type { WorkbookPatch } from "../../../src/report/patch";
import type { WorkbookGrids } from "../../../src/sheets/grid";
import { samplePatch } from "../excel/fixtures";
import { customersAndNotes } from "./helpers";

const T1 = { writtenAt: "2025-01-31T10:00:00.000Z" };
const T2 = { writtenAt: "2025-02-28T10:00:00.000Z" };

function secondPatch(): WorkbookPatch {
  const p = samplePatch();
  p.sheets = [p.sheets[0]];
  p.sheets[0].blocks[0].rows[0][2] = 700;
  p.columns[0].columns[0].values = ["B", "B", "A", "C"];
  p.columns[0].columns[1].values = [0.4, 0.6, 0.7, 0.2];
  return p;
}

/** Every sheet but the registry, cell for cell, in tab order. */
function cells(bytes: Uint8Array): WorkbookGrids["sheets"] {
  return readWorkbook(bytes).sheets.filter((s) => s.name !== REGISTRY_SHEET);
}

function registry(bytes: Uint8Array) {
  const g = readWorkbook(bytes).sheets.find((s) => s.name === REGISTRY_SHEET);
  return g ? parseRegistry(g.rows) : null;
}

function parts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

describe(".xlsx host: re-run and undo", () => {
  test("three runs leave exactly one set of outputs", () => {
    const once = applyPatchToXlsx(customersAndNotes(), samplePatch(), T1).bytes;
    let b = once;
    for (let i = 0; i < 2; i++) b = applyPatchToXlsx(b, samplePatch(), T2).bytes;
    expect(cells(b)).toEqual(cells(once));
    expect(Object.keys(parts(b)).sort()).toEqual(Object.keys(parts(once)).sort());
    expect(readWorkbook(b).sheets.filter((s) => s.name === REGISTRY_SHEET)).toHaveLength(1);
  });

  test("undo restores the previous run's outputs cell for cell, and the registry", () => {
    const first = applyPatchToXlsx(customersAndNotes(), samplePatch(), T1).bytes;
    const second = applyPatchToXlsx(first, secondPatch(), T2).bytes;
    expect(cells(second).map((s) => s.name)).not.toContain("Funnel");
    const undone = undoLastRunXlsx(second, T2);
    expect(undone.plan.issues).toEqual([]);
    expect(cells(undone.bytes)).toEqual(cells(first));
    expect(registry(undone.bytes)).toEqual(registry(first));
    // Charts and tables come back once each.
    const names = Object.keys(parts(undone.bytes));
    expect(names.filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k))).toHaveLength(2);
    expect(names.filter((k) => /^xl\/tables\//.test(k))).toHaveLength(1);
    // A second undo reaches the user's workbook; past it there is nothing to undo.
    const again = undoLastRunXlsx(undone.bytes, T2).bytes;
    expect(cells(again)).toEqual(cells(customersAndNotes()));
    expect(() => undoLastRunXlsx(again, T2)).toThrow(NothingToUndoError);
  });

  test("undoing the first run gives back the user's workbook: same sheets, same cells, user parts byte for byte", () => {
    const original = customersAndNotes();
    const undone = undoLastRunXlsx(applyPatchToXlsx(original, samplePatch(), T1).bytes, T2).bytes;
    expect(cells(undone)).toEqual(cells(original));
    expect(readWorkbook(undone).sheets.map((s) => s.name)).toEqual(["Customers", "Notes"]);
    const a = parts(original);
    const b = parts(undone);
    expect(strFromU8(b["xl/worksheets/sheet2.xml"])).toBe(strFromU8(a["xl/worksheets/sheet2.xml"]));
  });

  test("a file TierPlan never ran on has nothing to undo", () => {
    expect(() => undoLastRunXlsx(customersAndNotes(), T1)).toThrow(NothingToUndoError);
  });

  test("a value a person typed into TierPlan's column is kept; the columns move right and the cell is named", () => {
    const first = applyPatchToXlsx(customersAndNotes(), samplePatch(), T1).bytes;
    // The person types into G3 (TierPlan's "Score" column) in Excel.
    const files = unzipSync(first);
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]);
    const typed = sheet.replace(/<c r="G3"[^>]*?(\/>|>.*?<\/c>)/, '<c r="G3" t="inlineStr"><is><t>checked by Ann</t></is></c>');
    expect(typed).not.toBe(sheet);
    files["xl/worksheets/sheet1.xml"] = strToU8(typed);
    const edited = zipSync(files);

    const again = applyPatchToXlsx(edited, samplePatch(), T2);
    const g = readWorkbook(again.bytes).sheets[0];
    expect(g.rows[2][6]).toBe("checked by Ann");
    expect(again.plan.clearColumns).toEqual([]);
    expect(again.plan.columns[0].firstCol).toBe(8);
    expect(g.rows[0].slice(8, 10)).toEqual(["ABC class", "Score"]);
    expect(again.plan.issues).toEqual([expect.objectContaining({ code: "output.cellsTyped", sheet: "Customers", cell: "G3" })]);

    const undone = undoLastRunXlsx(again.bytes, T2);
    expect(cells(undone.bytes)).toEqual(cells(edited));
  });
});
