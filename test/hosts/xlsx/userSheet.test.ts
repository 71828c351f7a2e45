import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { ByteSink } from "../../../src/hosts/xlsx/byteSink";
import { CellPlan } from "../../../src/hosts/xlsx/cellPlan";
import { StyleBook } from "../../../src/hosts/xlsx/styles";
import { editUserSheet, parseRange, type UserSheetEdit } from "../../../src/hosts/xlsx/userSheet";
import { decodeUtf8, encodeUtf8 } from "../../../src/hosts/xlsx/xml";
import { applyPatchToXlsx } from "../../../src/hosts/xlsx/write";
import type { ColumnsPatch } from "../../../src/report/patch";
import { cellAddress } from "../../../src/sheets/grid";
import { MAIN_NS, REL_NS, rawXlsx, unzipText } from "./helpers";

const AT = { writtenAt: "2024-06-01T08:00:00.000Z" };

/** A plan of single text cells (General format, no style: written without s="…"). */
function cells(entries: [number, number, string][]): CellPlan {
  const plan = new CellPlan(new StyleBook(null));
  for (const [r, c, v] of entries) plan.rect({ top: r, left: c, values: [[v]], formats: [["General"]], styles: [[undefined]] });
  return plan;
}

/** editUserSheet on text, for readable expectations. */
function editText(xml: string, edit: UserSheetEdit): string {
  const sink = new ByteSink(16);
  editUserSheet(encodeUtf8(xml), edit, sink);
  return decodeUtf8(sink.bytes());
}

describe("editUserSheet", () => {
  test("inserts cells in column order, keeps other cells' text, creates missing rows in order", () => {
    const xml =
      `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:C3"/><sheetData>` +
      '<row r="1" spans="1:3"><c r="A1"><v>1</v></c><c r="C1" s="4"><f>A1*2</f><v>2</v></c></row>' +
      '<row r="3" ht="30" customHeight="1"/>' +
      '<row r="5"><c r="A5"><v>5</v></c><extLst><ext uri="x"/></extLst></row>' +
      "</sheetData></worksheet>";
    const out = editText(xml, { clear: [], widths: new Map(), cells: cells([[0, 1, "b"], [1, 1, "new"], [2, 3, "x"], [4, 4, "e"], [6, 0, "last"]]) });
    expect(out).toBe(
      `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:E7"/><sheetData>` +
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" s="4"><f>A1*2</f><v>2</v></c></row>' +
        '<row r="2"><c r="B2" t="inlineStr"><is><t>new</t></is></c></row>' +
        '<row r="3" ht="30" customHeight="1"><c r="D3" t="inlineStr"><is><t>x</t></is></c></row>' +
        '<row r="5"><c r="A5"><v>5</v></c><c r="E5" t="inlineStr"><is><t>e</t></is></c><extLst><ext uri="x"/></extLst></row>' +
        '<row r="7"><c r="A7" t="inlineStr"><is><t>last</t></is></c></row>' +
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
    const out = editText(xml, {
      clear: [{ c0: 4, c1: 5, fromRow: 1 }],
      widths: new Map(),
      cells: null,
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
    const out = editText(xml, { clear: [], cells: null, widths: new Map<number, number | undefined>([[4, 12], [5, undefined], [20, undefined]]) });
    expect(out).toContain(
      '<cols><col min="1" max="1" width="20" customWidth="1"/><col min="3" max="4" width="5" hidden="1" style="2"/><col min="5" max="5" width="12" style="2" customWidth="1"/>' +
        '<col min="6" max="6" width="5" style="2"/><col min="7" max="10" width="5" hidden="1" style="2"/></cols>',
    );
  });

  test("prefixed SpreadsheetML gets prefixed elements", () => {
    const xml = `<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const out = editText(xml, { clear: [], widths: new Map([[2, 9]]), cells: cells([[0, 2, "t"]]) });
    expect(out).toBe(
      `<x:worksheet xmlns:x="${MAIN_NS}"><x:cols><x:col min="3" max="3" width="9" customWidth="1"/></x:cols><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c>` +
        '<x:c r="C1" t="inlineStr"><x:is><x:t>t</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
    );
  });

  test("byte-level details: spans dropped only on rows that change, r added to rows and cells without, self-closing rows opened, UTF-8 kept", () => {
    const xml =
      `<?xml version="1.0"?>\r\n<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:B4"/><sheetData>\r\n` +
      '<row r="1" spans="1:2" ht="20"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1"><v>1</v></c></row>\r\n' +
      '<row spans="1:1"><c><v>2</v></c>  <c s="1"/></row>\r\n' +
      '<row r="3" spans="1:1" />\r\n' +
      '<!-- <row r="9"> in a comment --><row r="4" spans="1:1"><c r="A4"><v>4</v></c></row>\r\n' +
      "</sheetData></worksheet>";
    const out = editText(xml, { clear: [], widths: new Map(), cells: cells([[0, 3, "新"], [2, 3, "z"]]) });
    expect(out).toBe(
      `<?xml version="1.0"?>\r\n<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:D4"/><sheetData>\r\n` +
        '<row r="1" ht="20"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1"><v>1</v></c><c r="D1" t="inlineStr"><is><t>新</t></is></c></row>\r\n' +
        '<row spans="1:1" r="2"><c r="A2"><v>2</v></c><c s="1" r="B2"/></row>\r\n'.replace('<row spans="1:1" r="2">', '<row r="2">') +
        '<row r="3"><c r="D3" t="inlineStr"><is><t>z</t></is></c></row>\r\n' +
        '<!-- <row r="9"> in a comment --><row r="4" spans="1:1"><c r="A4"><v>4</v></c></row>\r\n' +
        "</sheetData></worksheet>",
    );
  });

  test("a UTF-16 part and a part whose <sheetData> text appears in a comment first are edited the same way", () => {
    const body = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
    const plain = `<worksheet xmlns="${MAIN_NS}">${body}</worksheet>`;
    const plan = () => cells([[0, 2, "t"]]);
    const expected = editText(plain, { clear: [], widths: new Map(), cells: plan() });
    expect(expected).toContain('<c r="C1" t="inlineStr"><is><t>t</t></is></c></row>');
    const tricky = `<worksheet xmlns="${MAIN_NS}"><!-- no <sheetData> here -->${body}</worksheet>`;
    expect(editText(tricky, { clear: [], widths: new Map(), cells: plan() })).toBe(expected.replace(`${MAIN_NS}">`, `${MAIN_NS}"><!-- no <sheetData> here -->`));
    const utf16 = new Uint8Array(2 + plain.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < plain.length; i++) utf16[2 + 2 * i] = plain.charCodeAt(i);
    const sink = new ByteSink(8);
    editUserSheet(utf16, { clear: [], widths: new Map(), cells: plan() }, sink);
    expect(decodeUtf8(sink.bytes())).toBe(expected);
  });

  test("random sheets: the edited part reads back as the user's cells, minus the cleared ones, plus TierPlan's", () => {
    const cellArb = fc.record({ gap: fc.nat(2), withR: fc.boolean(), v: fc.oneof(fc.integer({ min: 0, max: 99 }), fc.constantFrom("a", "名", "x&y")) });
    const rowArb = fc.record({
      gap: fc.nat(2),
      withR: fc.boolean(),
      spans: fc.boolean(),
      ws: fc.constantFrom("", "\n  "),
      ext: fc.boolean(),
      cells: fc.array(cellArb, { maxLength: 5 }),
    });
    const arb = fc.record({
      prefix: fc.constantFrom("", "x:"),
      rows: fc.array(rowArb, { maxLength: 8 }),
      adds: fc.array(fc.tuple(fc.nat(10), fc.nat(7), fc.constantFrom("N", "新", "")), { maxLength: 12 }),
      clear: fc.option(fc.record({ c0: fc.nat(6), w: fc.nat(2), fromRow: fc.nat(4) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arb, ({ prefix: P, rows, adds, clear }) => {
        let r = -1;
        const parts: string[] = [];
        for (const row of rows) {
          r += row.withR ? row.gap + 1 : 1;
          let c = -1;
          const cs = row.cells.map((cell) => {
            c += cell.withR ? cell.gap + 1 : 1;
            const ref = cell.withR ? ` r="${cellAddress(r, c)}"` : "";
            return typeof cell.v === "number" ? `<${P}c${ref}><${P}v>${cell.v}</${P}v></${P}c>` : `<${P}c${ref} t="inlineStr"><${P}is><${P}t>${cell.v.replace("&", "&amp;")}</${P}t></${P}is></${P}c>`;
          });
          const attrs = `${row.withR ? ` r="${r + 1}"` : ""}${row.spans ? ' spans="1:5"' : ""}`;
          const ext = row.ext ? `<${P}extLst><${P}ext uri="u"/></${P}extLst>` : "";
          parts.push(cs.length || ext ? `<${P}row${attrs}>${cs.join(row.ws)}${ext}</${P}row>${row.ws}` : `<${P}row${attrs}/>${row.ws}`);
        }
        const ns = P ? `xmlns:x="${MAIN_NS}"` : `xmlns="${MAIN_NS}"`;
        const xml = `<?xml version="1.0"?><${P}worksheet ${ns}><${P}sheetData>${parts.join("")}</${P}sheetData></${P}worksheet>`;
        const before = readWorkbook(rawXlsx([{ name: "S", xml }])).sheets[0];
        const plan = cells(adds.map(([row, col, v]) => [row, col, v] as [number, number, string]));
        const ranges = clear ? [{ c0: clear.c0, c1: clear.c0 + clear.w, fromRow: clear.fromRow }] : [];
        const out = editText(xml, { clear: ranges, widths: new Map(), cells: plan });
        const after = readWorkbook(rawXlsx([{ name: "S", xml: out }])).sheets[0];

        const want = new Map<string, unknown>();
        before.rows.forEach((vals, i) =>
          vals.forEach((v, j) => {
            const row = before.origin.row + i;
            const col = before.origin.col + j;
            if (v !== null && !ranges.some((c) => row >= c.fromRow && col >= c.c0 && col <= c.c1)) want.set(cellAddress(row, col), v);
          }),
        );
        // TierPlan's cells: later ones win, an empty one removes an earlier one (and writes nothing).
        const ours = new Map<string, string>();
        for (const [row, col, v] of adds) {
          if (v) ours.set(cellAddress(row, col), v);
          else ours.delete(cellAddress(row, col));
        }
        for (const [k, v] of ours) want.set(k, v);
        const got = new Map<string, unknown>();
        after.rows.forEach((vals, i) => vals.forEach((v, j) => v !== null && got.set(cellAddress(after.origin.row + i, after.origin.col + j), v)));
        expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...want].sort()));
        // Element order within rows, and rows ascending.
        const rowNums = [...out.matchAll(new RegExp(`<${P}row r="(\\d+)"`, "g"))].map((m) => Number(m[1]));
        expect(rowNums).toEqual([...rowNums].sort((a, b) => a - b));
        for (const m of out.matchAll(new RegExp(`<${P}row [^>]*>(.*?)</${P}row>`, "g"))) expect(m[1]).not.toMatch(/<\/(x:)?extLst>.*<(x:)?c /);
      }),
      { numRuns: 500 },
    );
  }, 30000);

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
