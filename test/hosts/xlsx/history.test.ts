/**
 * Undo to the original in the .xlsx host (and so in `tierplan undo`): five different runs,
 * then five undos, each giving back the package as it was before that run — every part but
 * the registry's, byte for byte (cells, styles, widths, sheets, drawings, charts, tables) —
 * and past the history a clear message. Also a sheet whose data reaches column XFD.
 */
import { strFromU8, unzipSync } from "fflate";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { applyPatchToXlsx, undoLastRunXlsx } from "../../../src/hosts/xlsx/write";
import { MAX_UNDO, NothingToUndoError, REGISTRY_SHEET } from "../../../src/report/ownership";
import type { WorkbookPatch } from "../../../src/report/patch";
import { samplePatch } from "../excel/fixtures";
import { customersAndNotes, rawXlsx } from "./helpers";

const AT = (k: number) => ({ writtenAt: `2025-0${1 + (k % 9)}-15T10:00:00.000Z` });

/** Five runs that differ in values, sheets, column count and widths, charts and placement (as the Excel host's test). */
function runs(): WorkbookPatch[] {
  const out: WorkbookPatch[] = [];
  for (let k = 0; k < 5; k++) {
    const p = samplePatch();
    const tiers = p.sheets[0];
    tiers.blocks[0].rows[0][2] = 500 + 100 * k;
    tiers.columnWidths = { 0: 14 + k };
    const cols = p.columns[0].columns;
    cols[1].values = cols[1].values.map((v) => (typeof v === "number" ? v + k / 10 : v));
    if (k % 2 === 1) p.sheets = [tiers];
    if (k === 2) cols.push({ key: "note", header: "Note", values: ["x", "y", "z", "w"], width: 30 });
    if (k === 3) tiers.name = "Tiers 2025";
    if (k === 4) tiers.charts = [];
    out.push(p);
  }
  return out;
}

/**
 * Every part of the package as text, without the registry sheet. Relationship ids and the
 * order of relationships and content types are the package's bookkeeping, not the workbook's
 * state: the workbook's references are compared by their targets instead.
 */
function packageState(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(unzipSync(bytes))) out[k] = strFromU8(v);
  const relsPart = "xl/_rels/workbook.xml.rels";
  const rels = [...out[relsPart].matchAll(/<Relationship Id="([^"]+)" Type="([^"]+)" Target="([^"]+)"\/>/g)];
  const target = new Map(rels.map((m) => [m[1], m[3]]));
  let wbXml = out["xl/workbook.xml"].replace(/r:id="([^"]+)"/g, (_, id: string) => `r:id="${target.get(id)}"`);
  const registry = new RegExp(`<sheet name="${REGISTRY_SHEET}"[^>]*r:id="([^"]+)"\\/>`).exec(wbXml);
  if (registry) {
    wbXml = wbXml.replace(registry[0], "");
    delete out[`xl/${registry[1]}`];
  }
  out["xl/workbook.xml"] = wbXml;
  out[relsPart] = rels.map((m) => `${m[2]} ${m[3]}`).filter((r) => !registry || !r.endsWith(` ${registry[1]}`)).sort().join("\n");
  const types = out["[Content_Types].xml"];
  out["[Content_Types].xml"] = [...types.matchAll(/<(?:Default|Override)[^>]*\/>/g)].map((m) => m[0]).filter((t) => !registry || !t.includes(`/xl/${registry[1]}"`)).sort().join("\n");
  return out;
}

describe(".xlsx host: undo history", () => {
  test("five runs then five undos give back the original, each undo the package as it was before its run", () => {
    let bytes = customersAndNotes();
    const before: Uint8Array[] = [];
    for (const [k, p] of runs().entries()) {
      before.push(bytes);
      const r = applyPatchToXlsx(bytes, p, AT(k));
      expect(r.plan.issues).toEqual([]);
      bytes = r.bytes;
    }
    for (let k = 4; k >= 0; k--) {
      const r = undoLastRunXlsx(bytes, AT(9));
      expect(r.plan.issues).toEqual([]);
      bytes = r.bytes;
      expect(readWorkbook(bytes).sheets.filter((s) => s.name !== REGISTRY_SHEET)).toEqual(readWorkbook(before[k]).sheets.filter((s) => s.name !== REGISTRY_SHEET));
      if (k > 0) expect(packageState(bytes)).toEqual(packageState(before[k]));
    }
    // The original: the same sheets and cells, every user part byte for byte, no registry.
    expect(readWorkbook(bytes)).toEqual(readWorkbook(customersAndNotes()));
    const a = unzipSync(customersAndNotes());
    const b = unzipSync(bytes);
    for (const k of Object.keys(a).filter((k) => k.startsWith("xl/worksheets/"))) expect(strFromU8(b[k])).toBe(strFromU8(a[k]));
    expect(() => undoLastRunXlsx(bytes, AT(9))).toThrow(NothingToUndoError);
  });

  test(`past the last ${MAX_UNDO} runs undo stops with a message that says so`, () => {
    let bytes = customersAndNotes();
    let afterFirst: Uint8Array | null = null;
    for (const [k, p] of [...runs(), samplePatch()].entries()) {
      bytes = applyPatchToXlsx(bytes, p, AT(k)).bytes;
      afterFirst ??= bytes;
    }
    for (let k = 0; k < MAX_UNDO; k++) bytes = undoLastRunXlsx(bytes, AT(9)).bytes;
    expect(packageState(bytes)).toEqual(packageState(afterFirst!));
    let err: unknown = null;
    try {
      undoLastRunXlsx(bytes, AT(9));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NothingToUndoError);
    expect((err as NothingToUndoError).reason).toBe("history");
    expect((err as Error).message).toContain(`last ${MAX_UNDO} runs`);
  });

  test("a sheet whose data reaches column XFD gets no TierPlan columns, a message instead, and a valid file", () => {
    const book = rawXlsx([
      { name: "Customers", xml: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c><c r="XFD1" t="inlineStr"><is><t>last</t></is></c></row></sheetData>' },
    ]);
    const p = samplePatch();
    const r = applyPatchToXlsx(book, p, AT(0));
    expect(r.plan.issues).toEqual([expect.objectContaining({ code: "output.noRoomForColumns", sheet: "Customers" })]);
    expect(r.plan.columns[0].count).toBe(0);
    const wb = readWorkbook(r.bytes);
    const customers = wb.sheets.find((s) => s.name === "Customers")!;
    expect(customers.rows[0].length).toBe(16384);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Customers", "Tiers", "Funnel", REGISTRY_SHEET]);
    // Nothing was written past XFD: the sheet part holds no reference beyond it.
    const xml = strFromU8(unzipSync(r.bytes)["xl/worksheets/sheet1.xml"]);
    expect(xml).not.toMatch(/r="XF[E-Z]\d+"|r="X[G-Z][A-Z]\d+"|r="[A-Z]{4}\d+"/);
    expect(undoLastRunXlsx(r.bytes, AT(1)).plan.issues).toEqual([]);
  });
});
