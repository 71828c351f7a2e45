import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { cellXml } from "../../../src/hosts/xlsx/sheetWriter";
import { StyleBook } from "../../../src/hosts/xlsx/styles";
import { editUserSheet, parseRange } from "../../../src/hosts/xlsx/userSheet";
import { applyPatchToXlsx } from "../../../src/hosts/xlsx/write";
import type { ColumnsPatch } from "../../../src/report/patch";
import { MAIN_NS, REL_NS, rawXlsx, unzipText } from "./helpers";

const AT = { writtenAt: "2024-06-01T08:00:00.000Z" };

function cells(entries: [number, number, string][]): Map<number, Map<number, string>> {
  const m = new Map<number, Map<number, string>>();
  for (const [r, c, v] of entries) {
    if (!m.has(r)) m.set(r, new Map());
    m.get(r)!.set(c, cellXml(r, c, v, 0));
  }
  return m;
}

describe("editUserSheet", () => {
  test("inserts cells in column order, keeps other cells' text, creates missing rows in order", () => {
    const xml =
      `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:C3"/><sheetData>` +
      '<row r="1" spans="1:3"><c r="A1"><v>1</v></c><c r="C1" s="4"><f>A1*2</f><v>2</v></c></row>' +
      '<row r="3" ht="30" customHeight="1"/>' +
      '<row r="5"><c r="A5"><v>5</v></c><extLst><ext uri="x"/></extLst></row>' +
      "</sheetData></worksheet>";
    const out = editUserSheet(xml, { clear: [], widths: new Map(), cells: cells([[0, 1, "b"], [1, 1, "new"], [2, 3, "x"], [4, 4, "e"], [6, 0, "last"]]) });
    expect(out).toBe(
      `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:E7"/><sheetData>` +
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">b</t></is></c><c r="C1" s="4"><f>A1*2</f><v>2</v></c></row>' +
        '<row r="2"><c r="B2" t="inlineStr"><is><t xml:space="preserve">new</t></is></c></row>' +
        '<row r="3" ht="30" customHeight="1"><c r="D3" t="inlineStr"><is><t xml:space="preserve">x</t></is></c></row>' +
        '<row r="5"><c r="A5"><v>5</v></c><c r="E5" t="inlineStr"><is><t xml:space="preserve">e</t></is></c><extLst><ext uri="x"/></extLst></row>' +
        '<row r="7"><c r="A7" t="inlineStr"><is><t xml:space="preserve">last</t></is></c></row>' +
        "</sheetData></worksheet>",
    );
  });

  test("clears TierPlan's old columns from the header row down, and only there", () => {
    const xml =
      `<worksheet xmlns="${MAIN_NS}"><sheetData>` +
      '<row r="1"><c r="E1"><v>0</v></c></row>' +
      '<row r="2"><c r="A2"><v>1</v></c><c r="E2" t="inlineStr"><is><t>old</t></is></c><c r="F2"><v>9</v></c><c r="G2"><v>7</v></c></row>' +
      '<row r="3"><c r="E3"><v>2</v></c></row>' +
      "</sheetData>" +
      '<conditionalFormatting sqref="E3:F9"><cfRule type="cellIs" dxfId="0" priority="4" operator="equal"><formula>"A"</formula></cfRule></conditionalFormatting>' +
      '<conditionalFormatting sqref="A1:A9"><cfRule type="cellIs" dxfId="1" priority="2" operator="equal"><formula>1</formula></cfRule></conditionalFormatting>' +
      "</worksheet>";
    const out = editUserSheet(xml, {
      clear: [{ c0: 4, c1: 5, fromRow: 1 }],
      widths: new Map(),
      cells: new Map(),
      conditionalFormats: (p) => `<conditionalFormatting sqref="E2"><cfRule type="cellIs" dxfId="2" priority="${p}" operator="equal"><formula>"B"</formula></cfRule></conditionalFormatting>`,
    });
    expect(out).toContain('<row r="1"><c r="E1"><v>0</v></c></row>'); // above the header row: not ours
    expect(out).toContain('<row r="2"><c r="A2"><v>1</v></c><c r="G2"><v>7</v></c></row>');
    expect(out).toContain('<row r="3"/>');
    expect(out).not.toContain('sqref="E3:F9"');
    expect(out).toContain('sqref="A1:A9"');
    expect(out).toContain('sqref="E2"><cfRule type="cellIs" dxfId="2" priority="3"');
  });

  test("widths carve TierPlan's columns out of the user's <col> ranges and unhide them", () => {
    const xml = `<worksheet xmlns="${MAIN_NS}"><cols><col min="1" max="1" width="20" customWidth="1"/><col min="3" max="10" width="5" hidden="1" style="2"/></cols><sheetData/></worksheet>`;
    const out = editUserSheet(xml, { clear: [], cells: new Map(), widths: new Map<number, number | undefined>([[4, 12], [5, undefined], [20, undefined]]) });
    expect(out).toContain(
      '<cols><col min="1" max="1" width="20" customWidth="1"/><col min="3" max="4" width="5" hidden="1" style="2"/><col min="5" max="5" width="12" style="2" customWidth="1"/>' +
        '<col min="6" max="6" width="5" style="2"/><col min="7" max="10" width="5" hidden="1" style="2"/></cols>',
    );
  });

  test("prefixed SpreadsheetML gets prefixed elements", () => {
    const xml = `<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const out = editUserSheet(xml, { clear: [], widths: new Map([[2, 9]]), cells: cells([[0, 2, "t"]]) });
    expect(out).toBe(
      `<x:worksheet xmlns:x="${MAIN_NS}"><x:cols><x:col min="3" max="3" width="9" customWidth="1"/></x:cols><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c>` +
        '<x:c r="C1" t="inlineStr"><x:is><x:t xml:space="preserve">t</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
    );
  });

  test("parseRange", () => {
    expect(parseRange("$B$2:$D$10")).toEqual([1, 1, 9, 3]);
    expect(parseRange("C5")).toEqual([4, 2, 4, 2]);
    expect(parseRange("nonsense")).toBeNull();
  });
});

describe("StyleBook", () => {
  test("appends without reordering, reuses built-in formats and its own earlier entries", () => {
    const book = new StyleBook(null);
    expect(book.xf("General")).toBe(0);
    const a = book.xf("#,##0.00", { bold: true });
    const b = book.xf("#,##0.00", { bold: true });
    const c = book.xf("yyyy-mm-dd");
    expect(a).toBe(b);
    expect(c).toBe(a + 1);
    const xml = book.toXml();
    expect(xml).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>');
    // A second book over the result finds the same entries: nothing new is appended.
    const again = new StyleBook(xml);
    expect(again.xf("#,##0.00", { bold: true })).toBe(a);
    expect(again.xf("yyyy-mm-dd")).toBe(c);
    expect(again.changed).toBe(false);
    expect(again.toXml()).toBe(xml);
  });
});

describe("a fully prefixed package (x:workbook, x:worksheet)", () => {
  test("columns, new sheets and the registry are written with the package's prefixes", () => {
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const files = unzipSync(rawXlsx([{ name: "Data", xml: sheet }]));
    files["xl/workbook.xml"] = strToU8(
      `<?xml version="1.0"?><x:workbook xmlns:x="${MAIN_NS}" xmlns:r="${REL_NS}"><x:bookViews><x:workbookView activeTab="0"/></x:bookViews><x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    );
    const input = zipSync(files);
    const cp: ColumnsPatch = { id: "t", sheet: "Data", headerRow: 0, rows: [1], columns: [{ key: "k", header: "Tier", values: ["A"], width: 6 }] };
    const patch = { schemaVersion: 1 as const, sheets: [{ name: "Out", blocks: [{ id: "b", at: { row: 0, col: 0 }, columns: [{ key: "a", header: "h" }], rows: [["v"]] }], charts: [] }], columns: [cp] };
    const out = applyPatchToXlsx(input, patch, AT).bytes;
    const wb = readWorkbook(out);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Data", "Out", "_tierplan"]);
    expect(wb.sheets[0].rows).toEqual([["id", null, "Tier"], [7, null, "A"]]);
    const text = unzipText(out);
    expect(text["xl/workbook.xml"]).toMatch(/<x:sheet name="Out" sheetId="2" r:id="rId\d+"\/><x:sheet name="_tierplan" sheetId="3" state="veryHidden" r:id="rId\d+"\/><\/x:sheets>/);
    expect(text["xl/worksheets/sheet1.xml"]).toContain('<x:c r="C2" s="');
    // Run again: still one set
    const again = applyPatchToXlsx(out, patch, AT).bytes;
    expect(readWorkbook(again).sheets.map((s) => s.name)).toEqual(["Data", "Out", "_tierplan"]);
    expect(strFromU8(unzipSync(again)["xl/worksheets/sheet1.xml"])).toBe(text["xl/worksheets/sheet1.xml"]);
  });
});
