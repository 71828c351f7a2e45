/**
 * Nothing lost, on the strict Excel double: a re-run leaves exactly one set of outputs, a cell a
 * person typed into TierPlan's columns is never written over, and `undoLastRun` restores the
 * previous state cell for cell (values, number formats, styles, charts, tables).
 */
import { applyPatch, undoLastRun, NothingToUndoError } from "../../../src/hosts/excel";
import { REGISTRY_SHEET, decodeOutputs, encodeOutputs, parseRegistry } from "../../../src/report/ownership";
import type { WorkbookPatch } from "../../../src/report/patch";
import type { CellValue } from "../../../src/sheets/grid";
import { ExcelDouble, SheetState, createExcelDouble } from "../../excel-double";
import { samplePatch, userSheets } from "./fixtures";

const T1 = "2025-01-31T10:00:00.000Z";
const T2 = "2025-02-28T10:00:00.000Z";

function snapshot(s: SheetState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [r, c] of s.contentCells()) out[`${r}:${c}`] = s.cellAt(r, c);
  return out;
}

/** Every sheet but the registry, cell for cell, plus charts (without the double's object ids), tables and the tab order. */
function state(d: ExcelDouble): unknown {
  const sheets = d.workbookState.sheets.filter((s) => s.name !== REGISTRY_SHEET);
  return {
    names: d.workbookState.sheetNames,
    cells: Object.fromEntries(sheets.map((s) => [s.name, snapshot(s)])),
    charts: Object.fromEntries(sheets.map((s) => [s.name, s.charts.map((c) => JSON.stringify({ ...c, id: undefined }))])),
    tables: d.workbookState.allTables().map((t) => t.name).sort(),
    visibility: d.workbookState.sheets.map((s) => s.visibility),
  };
}

function registryOf(d: ExcelDouble) {
  const reg = d.sheet(REGISTRY_SHEET);
  return parseRegistry(reg.valuesOf(`A1:A${reg.usedRange(true)!.r1 + 1}`) as CellValue[][]);
}

/** The second run's patch: other numbers, one sheet fewer, other column values. */
function secondPatch(): WorkbookPatch {
  const p = samplePatch();
  p.sheets = [p.sheets[0]];
  p.sheets[0].blocks[0].rows[0][2] = 700;
  p.columns[0].columns[0].values = ["B", "B", "A", "C"];
  p.columns[0].columns[1].values = [0.4, 0.6, 0.7, 0.2];
  return p;
}

async function run(d: ExcelDouble, patch: WorkbookPatch, at = T1) {
  return applyPatch(d.context, patch, { writtenAt: at, isSetSupported: d.isSetSupported });
}

describe("Excel host: re-run and undo", () => {
  test("three runs leave exactly one set of outputs", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    await run(d, samplePatch());
    const once = state(d);
    await run(d, samplePatch(), T2);
    await run(d, samplePatch(), T2);
    expect(state(d)).toEqual(once);
    expect(d.workbookState.sheetNames.filter((n) => n === REGISTRY_SHEET)).toHaveLength(1);
  });

  test("undo restores the previous run's outputs cell for cell, and the registry", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    await run(d, samplePatch());
    const before = state(d);
    const regBefore = registryOf(d);
    await run(d, secondPatch(), T2);
    expect(d.workbookState.sheetNames).not.toContain("Funnel");
    expect(d.sheet("Customers").cell("F2").value).toBe("B");

    const r = await undoLastRun(d.context, { writtenAt: T2, isSetSupported: d.isSetSupported });
    expect(r.plan.issues).toEqual([]);
    expect(state(d)).toEqual(before);
    expect(registryOf(d)).toEqual(regBefore);
    // A second undo reaches the user's workbook; past it there is nothing to undo.
    await undoLastRun(d.context, { writtenAt: T2, isSetSupported: d.isSetSupported });
    expect(d.workbookState.sheetNames).not.toContain(REGISTRY_SHEET);
    await expect(undoLastRun(d.context, { writtenAt: T2, isSetSupported: d.isSetSupported })).rejects.toBeInstanceOf(NothingToUndoError);
  });

  test("outputs encoded by the engine's worker (encodedOutputs) give the same registry, workbook and undo", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    const plain = createExcelDouble({ sheets: userSheets() });
    for (const [patch, at] of [[samplePatch(), T1], [secondPatch(), T2]] as const) {
      await applyPatch(d.context, patch, { writtenAt: at, isSetSupported: d.isSetSupported, encodedOutputs: encodeOutputs(patch) });
      await run(plain, patch, at);
    }
    const whole = (x: ExcelDouble) => {
      const reg = x.sheet(REGISTRY_SHEET);
      return { state: state(x), registry: reg.valuesOf(`A1:K${reg.usedRange(true)!.r1 + 1}`) };
    };
    expect(whole(d)).toEqual(whole(plain));
    // Decoded elsewhere (the engine's worker): the runs the undo needs, once each.
    const decoded: string[] = [];
    const decode = async (text: string) => {
      decoded.push(text);
      return decodeOutputs(text);
    };
    await undoLastRun(d.context, { writtenAt: T2, isSetSupported: d.isSetSupported, decodeOutputs: decode });
    expect(decoded.map((t) => t.length)).toEqual([encodeOutputs(secondPatch()).length, encodeOutputs(samplePatch()).length]);
    await undoLastRun(plain.context, { writtenAt: T2, isSetSupported: plain.isSetSupported });
    expect(whole(d)).toEqual(whole(plain));
    expect(d.sheet("Customers").cell("F2").value).not.toBe("B");
  });

  test("undoing the first run gives back the user's workbook as it was", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    const pristine = state(d);
    await run(d, samplePatch());
    await undoLastRun(d.context, { writtenAt: T2, isSetSupported: d.isSetSupported });
    expect(state(d)).toEqual(pristine);
    expect(d.workbookState.sheetNames).not.toContain(REGISTRY_SHEET);
  });

  test("a workbook TierPlan never ran on has nothing to undo", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    await expect(undoLastRun(d.context, { writtenAt: T1, isSetSupported: d.isSetSupported })).rejects.toBeInstanceOf(NothingToUndoError);
  });

  test("a value a person typed into TierPlan's column is kept; the columns move right and the cell is named", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    await run(d, samplePatch());
    d.context.workbook.worksheets.getItem("Customers").getRange("G3").values = [["checked by Ann"]];
    await d.context.sync();
    const again = await run(d, samplePatch(), T2);
    expect(d.sheet("Customers").cell("G3").value).toBe("checked by Ann");
    expect(again.plan.clearColumns).toEqual([]);
    expect(again.plan.columns[0].firstCol).toBe(8);
    expect(d.sheet("Customers").valuesOf("I1:J1")).toEqual([["ABC class", "Score"]]);
    expect(again.plan.issues).toHaveLength(1);
    expect(again.plan.issues[0]).toMatchObject({ code: "output.cellsTyped", sheet: "Customers", cell: "G3" });
    expect(again.plan.issues[0].message).toContain("G3");

    // Undo takes the new columns away and leaves the person's cell alone.
    await undoLastRun(d.context, { writtenAt: T2, isSetSupported: d.isSetSupported });
    expect(d.sheet("Customers").cell("G3").value).toBe("checked by Ann");
    expect(d.sheet("Customers").valuesOf("I1:J1")).toEqual([["", ""]]);
  });
});
