/**
 * The byte scanner of worksheets and shared strings (src/hosts/xlsx/sheetScan.ts), fed in
 * chunks as the inflater hands them out: a chunk may end anywhere — inside a tag, an entity or
 * a multi-byte UTF-8 character — and the result must be the one of the whole part.
 */
import fc from "fast-check";
import { deflateSync, strToU8 } from "fflate";
import { readWorkbook, WorkbookReadError } from "../../../src/hosts/xlsx/read";
import { WorksheetScanner, parseSharedStrings, scanWorksheet, type ScanContext, type ScannedSheet } from "../../../src/hosts/xlsx/sheetScan";
import { FFLATE_CODEC, inflateRawChunks, useDeflateCodec, type DeflateCodec } from "../../../src/report/deflate";
import { MAIN_NS, bigWorkbook, rawXlsx } from "./helpers";

const enc = new TextEncoder();
const CTX: ScanContext = { sst: ["zero", "R&D 研发", "", "😀 emoji"], date1904: false };

function doc(sheetData: string, prefix = ""): string {
  const p = prefix ? `${prefix}:` : "";
  const ns = prefix ? `xmlns:${prefix}="${MAIN_NS}"` : `xmlns="${MAIN_NS}"`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- written by hand -->\n<${p}worksheet ${ns}><${p}dimension ref="A1:F9"/><${p}sheetViews><${p}sheetView workbookViewId="0"/></${p}sheetViews>${sheetData}<${p}pageMargins left="0.7"/></${p}worksheet>`;
}

/** Every shape the scanner reads, with text that has entities and 2-, 3- and 4-byte UTF-8 characters. */
const SHEET_DATA =
  "<sheetData>" +
  '<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>99</v></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>Café &amp; 东京 &lt;x&gt; 😀</t></is></c><c r="B2" t="inlineStr"><is><r><t xml:space="preserve">a </t></r><r><rPr><b/></rPr><t>&#x4e2d;</t></r><rPh sb="0" eb="1"><t>ナ</t></rPh></is></c>' +
  '<c r="C2" t="str"><f>"x"&amp;"y"</f><v>x&amp;y ü</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="b"><v>0</v></c></row>' +
  '<row r="3"><c r="A3"><v>-12.5</v></c><c r="B3"><v>1.5E-3</v></c><c r="C3"><v>2540.73</v></c><c r="D3" s="2"><v>45512</v></c><c r="E3"><f>D3*2</f><v>91024</v></c><c r="F3"><f>NOW()</f></c></row>' +
  '<row r="4"><c r="A4" t="d"><v>2024-05-03T12:00:00</v></c><c r="B4"><v>1e999</v></c><c r="C4"><v>abc</v></c><c r="D4"><v>0.1</v></c><c r="E4"><v>123456789012345678</v></c></row>' +
  "<!-- a comment between rows -->" +
  '<row r="6" ht="20" customHeight="1"/>' +
  "<row><c><v>7</v></c><c/><c r='D7'><v>8</v></c><extLst><ext uri=\"{x}\"><y:z xmlns:y=\"urn:y\"><y:z>1</y:z></y:z></ext></extLst></row>" +
  '<row r="9"><c r="B9" t="inlineStr"><is><t>_x000D_line &quot;q&quot;</t></is></c></row>' +
  "</sheetData>";

const EXPECTED_ROWS = [
  ["zero", "R&D 研发", null, "😀 emoji"],
  ["Café & 东京 <x> 😀", "a 中", "x&y ü", "#N/A", true, false],
  [-12.5, 0.0015, 2540.73, 45512, 91024, null],
  [45415.5, Infinity, null, 0.1, 123456789012345680],
  [7, null, null, 8],
  [null, "\rline \"q\""],
];

function scanInChunks(bytes: Uint8Array, cuts: number[], ctx: ScanContext = CTX): ScannedSheet {
  const sc = new WorksheetScanner(ctx);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    // A fresh copy per chunk that is then overwritten: the scanner must not keep a chunk it was handed.
    const chunk = bytes.slice(from, cut);
    sc.push(chunk);
    chunk.fill(0x20);
    from = cut;
  }
  return sc.end();
}

describe("WorksheetScanner", () => {
  const bytes = enc.encode(doc(SHEET_DATA));

  test("reads every cell type of a whole part", () => {
    const sc = scanWorksheet(bytes, CTX);
    expect(sc.rowNums).toEqual([0, 1, 2, 3, 6, 8]);
    expect(sc.rowCells).toEqual(EXPECTED_ROWS);
    expect([sc.minRow, sc.maxRow, sc.minCol]).toEqual([0, 8, 0]);
    // Rows are exact-length arrays (no trailing empty cells).
    expect(sc.rowCells.map((r) => r.length)).toEqual([4, 6, 6, 5, 4, 2]);
  });

  test("the same result for a cut at every byte (tags, entities and UTF-8 characters split across chunks)", () => {
    const whole = scanWorksheet(bytes, CTX);
    // The cuts this test is about are among them: check that they exist in the document.
    const text = doc(SHEET_DATA);
    const byteAt = (needle: string, offset: number) => enc.encode(text.slice(0, text.indexOf(needle))).length + offset;
    const special = [byteAt("<sheetData>", 4), byteAt("&amp; 东京", 2), byteAt("东京", 1), byteAt("东京", 2), byteAt("😀 </t>", 3), byteAt("</row>", 3), byteAt("1.5E-3", 3)];
    for (const cut of special) expect(scanInChunks(bytes, [cut])).toEqual(whole);
    for (let cut = 1; cut < bytes.length; cut++) {
      const sc = scanInChunks(bytes, [cut]);
      if (JSON.stringify(sc) !== JSON.stringify(whole)) throw new Error(`cut at ${cut}: ${JSON.stringify(sc.rowCells)}`);
    }
  });

  test("the same result in one-byte chunks and in random chunk sizes", () => {
    const whole = scanWorksheet(bytes, CTX);
    expect(scanInChunks(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1))).toEqual(whole);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), (cuts) => {
        expect(scanInChunks(bytes, [...cuts].sort((a, b) => a - b))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  test("a prefixed part (x:worksheet) in chunks reads the same", () => {
    const prefixed = enc.encode(doc(SHEET_DATA.replace(/<(\/?)(sheetData|row|c|v|f|is|r|t|rPr|b|rPh|extLst|ext)([ >/])/g, "<$1x:$2$3"), "x"));
    const whole = scanWorksheet(prefixed, CTX);
    expect(whole.rowCells).toEqual(EXPECTED_ROWS);
    for (let cut = 1; cut < prefixed.length; cut += 7) expect(scanInChunks(prefixed, [cut, Math.min(prefixed.length - 1, cut + 3)])).toEqual(whole);
  });

  test("a part cut off in the middle of a row keeps the complete rows only; nothing after </sheetData> is read", () => {
    const text = doc(SHEET_DATA);
    const truncated = enc.encode(text.slice(0, text.indexOf('<c r="C3"')));
    expect(scanWorksheet(truncated, CTX).rowCells).toEqual(EXPECTED_ROWS.slice(0, 2));
    const after = enc.encode(doc(SHEET_DATA).replace("<pageMargins", '<sheetData><row r="20"><c r="A20"><v>1</v></c></row></sheetData><pageMargins'));
    expect(scanWorksheet(after, CTX).maxRow).toBe(8);
    expect(scanWorksheet(enc.encode(`<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`), CTX).rowCells).toEqual([]);
  });

  test("a UTF-16 part (with its byte-order mark) reads like UTF-8, also in chunks", () => {
    const text = doc(SHEET_DATA).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      utf16[2 + 2 * i] = c & 0xff;
      utf16[3 + 2 * i] = c >> 8;
    }
    expect(scanWorksheet(utf16, CTX).rowCells).toEqual(EXPECTED_ROWS);
    expect(scanInChunks(utf16, [1, 3, 1001]).rowCells).toEqual(EXPECTED_ROWS);
  });

  test("numbers read from the bytes equal Number() of their text", () => {
    const number = fc.oneof(
      fc.double({ noNaN: true }).map((d) => String(d)),
      fc.double({ min: -1e7, max: 1e7, noNaN: true }).chain((d) => fc.integer({ min: 0, max: 17 }).map((k) => d.toFixed(k))),
      fc.double({ noNaN: true, noDefaultInfinity: true }).chain((d) => fc.integer({ min: 0, max: 16 }).map((k) => d.toExponential(k).toUpperCase())),
      fc.stringMatching(/^-?\d{0,20}(\.\d{0,20})?([eE][+-]?\d{1,3})?$/),
      fc.constantFrom("-0", "0x1F", " 5", "+5", ".5", "5.", "-", "1e", "Infinity", "1e-400", "9007199254740993", "0.30000000000000004"),
    );
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 20 }), (texts) => {
        const row = texts.map((t) => `<c><v>${t}</v></c>`).join("");
        const sc = scanWorksheet(enc.encode(`<worksheet><sheetData><row>${row}</row></sheetData></worksheet>`), CTX);
        // An empty <v></v> is an empty cell, not Number("") = 0 (as before the byte scanner).
        const want = texts.map((t) => (t === "" || Number.isNaN(+t) ? null : +t));
        const got = sc.rowCells[0] ?? [];
        for (let i = 0; i < texts.length; i++) {
          const g = got[i] ?? null;
          if (!Object.is(g, want[i])) throw new Error(`"${texts[i]}": ${String(g)} instead of ${String(want[i])}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseSharedStrings from bytes", () => {
  test("plain, rich, phonetic, empty, entities, _x escapes, a prefixed table, UTF-16", () => {
    const items =
      "<si><t>plain</t></si><si><t/></si><si/>" +
      '<si><r><t xml:space="preserve">Hello </t></r><r><rPr><b/></rPr><t>World</t></r></si>' +
      '<si><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>' +
      "<si><t>R&amp;D &#x1F600; a_x000D_b</t></si>";
    const want = ["plain", "", "", "Hello World", "东京", "R&D 😀 a\rb"];
    expect(parseSharedStrings(enc.encode(`<?xml version="1.0"?><sst xmlns="${MAIN_NS}" count="6">${items}</sst>`))).toEqual(want);
    const prefixed = items.replace(/<(\/?)(si|t|r|rPr|b|rPh)([ >/])/g, "<$1s:$2$3");
    expect(parseSharedStrings(enc.encode(`<s:sst xmlns:s="${MAIN_NS}">${prefixed}</s:sst>`))).toEqual(want);
    const text = `<sst xmlns="${MAIN_NS}">${items}</sst>`;
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) >> 8;
      utf16[3 + 2 * i] = text.charCodeAt(i) & 0xff;
    }
    expect(parseSharedStrings(utf16)).toEqual(want);
  });
});

describe("readWorkbook through a chunked inflate", () => {
  afterEach(() => useDeflateCodec(FFLATE_CODEC));

  /** fflate, handing out its output in pieces of 1–4,099 bytes (boundaries everywhere). */
  const tinyChunks: DeflateCodec = {
    ...FFLATE_CODEC,
    name: "fflate, tiny chunks",
    inflateRawChunks: (data, onChunk) => {
      const all = FFLATE_CODEC.inflateRaw(data);
      let k = 0;
      for (let p = 0; p < all.length; ) {
        const len = 1 + ((k++ * 7919) % 4099);
        onChunk(all.slice(p, Math.min(all.length, p + len)));
        p += len;
      }
    },
  };
  /** A codec without a chunked inflate: the part comes whole (as with Node's zlib in the CLI). */
  const wholeOnly: DeflateCodec = { name: "whole", deflateRaw: FFLATE_CODEC.deflateRaw, inflateRaw: FFLATE_CODEC.inflateRaw };

  test("fflate's chunks, tiny chunks and whole parts give the same grids", () => {
    const bytes = bigWorkbook(3000);
    const viaFflate = readWorkbook(bytes);
    expect(viaFflate.sheets[0].rows.length).toBe(3001);
    expect(viaFflate.sheets[0].rows[4]).toEqual([100003, "客户 3", "South & West", 45003, 3, 3.5, 10.5, true]);
    useDeflateCodec(tinyChunks);
    expect(readWorkbook(bytes)).toEqual(viaFflate);
    useDeflateCodec(wholeOnly);
    expect(readWorkbook(bytes)).toEqual(viaFflate);
  });

  test("fflate's chunked inflate hands out exactly the data, in several chunks for a large part", () => {
    // 3 MB of letters from a pseudo-random sequence: > 1 MB compressed, i.e. several pushes.
    const data = new Uint8Array(3 * 1024 * 1024);
    for (let i = 0, x = 12345; i < data.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      data[i] = 97 + ((x >>> 16) % 26);
    }
    const chunks: Uint8Array[] = [];
    inflateRawChunks(deflateSync(data, { level: 6 }), (c) => chunks.push(c.slice()));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true);
  });

  test("a worksheet whose deflate stream is damaged is a 'corrupt' WorkbookReadError, with either codec", () => {
    const good = rawXlsx([{ name: "S", xml: "<sheetData>" + '<row><c t="inlineStr"><is><t>some text to compress</t></is></c></row>'.repeat(500) + "</sheetData>" }]);
    // The sheet's data begins with a block of the reserved type 3 (first byte 0xFF): invalid for every inflater.
    const name = findBytes(good, strToU8("xl/worksheets/sheet1.xml"));
    const header = name - 30;
    expect(good[header] | (good[header + 1] << 8)).toBe(0x4b50);
    const damaged = good.slice();
    damaged[name + (good[header + 26] | (good[header + 27] << 8)) + (good[header + 28] | (good[header + 29] << 8))] = 0xff;
    for (const codec of [FFLATE_CODEC, tinyChunks, wholeOnly]) {
      useDeflateCodec(codec);
      expect(readWorkbook(good).sheets[0].rows.length).toBe(500);
      let err: unknown = null;
      try {
        readWorkbook(damaged);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(WorkbookReadError);
      expect((err as WorkbookReadError).code).toBe("corrupt");
    }
  });
});

function findBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
