/**
 * The reader's limits and checks in the browser's codec (fflate; the CLI's zlib path is covered by
 * test/reliability/hostile.test.ts): declared sizes enforced while inflating, CRC-32, caps on
 * shared strings and cell formats, the read-back check of well-formedness.
 */
import { strToU8 } from "fflate";
import { MAX_CELL_FORMATS, MAX_SHARED_STRINGS, checkDeclaredSizes } from "../../../src/hosts/xlsx/limits";
import { parseSharedStrings } from "../../../src/hosts/xlsx/sheetScan";
import { StyleBook } from "../../../src/hosts/xlsx/styles";
import { xmlProblem } from "../../../src/hosts/xlsx/verify";
import { WHOLE_RESULT_MAX, codecGivesWholeResults, inflateEntry, inflateEntryChecked, useCrc32 } from "../../../src/hosts/xlsx/zipRaw";
import { FFLATE_CODEC, useDeflateCodec } from "../../../src/report/deflate";
import { useNodeZlib } from "../../../src/cli/nodeDeflate";
import { bombEntry } from "../../reliability/hostileCorpus";

describe("reader limits", () => {
  test("a 512 MB bomb whose directory says 3,000 bytes stops after one bounded burst (fflate, 64 KB pushes)", () => {
    const bomb = bombEntry("xl/worksheets/sheet1.xml", "<worksheet><sheetData>", "<row><c><v>1</v></c></row>", 512 * 2 ** 20, "</sheetData></worksheet>");
    const before = process.memoryUsage().rss;
    expect(() => inflateEntry({ ...bomb, size: 3000 })).toThrow(/larger than its ZIP directory says/);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 2 ** 20);
  });

  test("declared sizes and ratios are refused before anything is inflated", () => {
    // A full-grid ERP export (1,048,575 lines × 30 columns: 1.1 GB of XML, 7:1) is read; past 1.5 GB a sheet is not.
    expect(checkDeclaredSizes([{ name: "xl/worksheets/sheet2.xml", size: 1_138_598_546, compressedSize: 160 * 2 ** 20, method: 8 }])).toBeNull();
    expect(checkDeclaredSizes([{ name: "xl/worksheets/sheet1.xml", size: 1600 * 2 ** 20, compressedSize: 200 * 2 ** 20, method: 8 }])?.en).toMatch(/sheet1\.xml inflates to 1\.6 GB, over TierPlan's limit of 1\.5 GB for a worksheet/);
    expect(checkDeclaredSizes([{ name: "xl/styles.xml", size: 10 * 2 ** 20, compressedSize: 10_000, method: 8 }])?.en).toMatch(/xl\/styles\.xml is compressed 1049:1/);
    expect(checkDeclaredSizes([{ name: "xl/styles.xml", size: 10 * 2 ** 20, compressedSize: 2 ** 20, method: 8 }])).toBeNull();
    const many = Array.from({ length: 5 }, (_, i) => ({ name: `xl/media/v${i}.bin`, size: 500 * 2 ** 20, compressedSize: 490 * 2 ** 20, method: 8 }));
    expect(checkDeclaredSizes(many)?.en).toMatch(/2\.4 GB in all, over TierPlan's limit of 2\.0 GB/);
  });

  test("a bad CRC is caught where the part is read", () => {
    const e = bombEntry("a.xml", "<a>", "x", 100, "</a>", 100);
    expect(inflateEntry(e).length).toBe(e.size);
    expect(() => inflateEntry({ ...e, crc: (e.crc + 1) >>> 0 })).toThrow(/fails its CRC-32 check/);
  });

  test("shared strings past the cap are refused", () => {
    const n = MAX_SHARED_STRINGS + 1;
    const xml = strToU8(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${"<si/>".repeat(n)}</sst>`);
    expect(() => parseSharedStrings(xml)).toThrow(/more than 5,000,000 entries/);
  });

  test("styles with more cell formats than Excel allows are refused", () => {
    const xfs = '<xf numFmtId="0"/>'.repeat(MAX_CELL_FORMATS + 1);
    expect(() => new StyleBook(`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>${xfs}</cellXfs></styleSheet>`)).toThrow(/65,491 cell formats, more than the 65,490 Excel allows/);
  });

  test("the read-back check finds what makes a part not well-formed", () => {
    const ok = ['<?xml version="1.0"?><a x="1"><b/><c>t</c><!-- n --><![CDATA[<x>]]></a>', "\ufeff<a/>", '<x:a xmlns:x="u"><x:b></x:b ></x:a>'];
    for (const s of ok) expect([s, xmlProblem(strToU8(s))]).toEqual([s, null]);
    const bad: [string, RegExp][] = [
      ['<dimension ref="A1"><x/>', /not closed/],
      ["<a><b></a></b>", /does not match/],
      ['<a x="1><b/></a>', /"<" in an attribute value|unterminated/],
      ["<a/><b/>", /more than one root/],
      ["text<a/>", /text outside the root/],
      ["", /no root/],
    ];
    for (const [s, re] of bad) expect([s, xmlProblem(strToU8(s))]).toEqual([s, expect.stringMatching(re)]);
  });
});

describe("reader limits with the CLI's codec (Node's zlib, whole results)", () => {
  beforeEach(() => useNodeZlib());
  afterEach(() => {
    useDeflateCodec(FFLATE_CODEC);
    codecGivesWholeResults(false);
    useCrc32(null);
  });
  const row = '<row><c t="s"><v>1</v></c><c><v>2.5</v></c></row>';

  test("a part up to WHOLE_RESULT_MAX comes whole, one buffer", () => {
    const e = bombEntry("xl/worksheets/sheet1.xml", "<worksheet><sheetData>", row, 4 * 2 ** 20, "</sheetData></worksheet>", 2 ** 20);
    const sizes: number[] = [];
    inflateEntryChecked(e, (chunk) => sizes.push(chunk.length));
    expect(sizes).toEqual([e.size]);
  });

  test("a larger part comes in bounded pieces, checked to its size and CRC (a full-grid sheet is never one buffer)", () => {
    const e = bombEntry("xl/worksheets/sheet1.xml", "<worksheet><sheetData>", row, WHOLE_RESULT_MAX + 16 * 2 ** 20, "</sheetData></worksheet>");
    expect(e.size).toBeGreaterThan(WHOLE_RESULT_MAX);
    let pieces = 0;
    let largest = 0;
    let total = 0;
    inflateEntryChecked(e, (chunk) => {
      pieces++;
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
    });
    expect(total).toBe(e.size);
    expect(pieces).toBeGreaterThan(4);
    expect(largest).toBeLessThan(70 * 2 ** 20);
    // The CRC is still checked on the pieces.
    expect(() => inflateEntryChecked({ ...e, crc: (e.crc + 1) >>> 0 }, () => undefined)).toThrow(/fails its CRC-32 check/);
  });

  test("a directory that understates such a part stops it after one bounded burst", () => {
    const bomb = bombEntry("xl/worksheets/sheet1.xml", "<worksheet><sheetData>", row, 512 * 2 ** 20, "</sheetData></worksheet>");
    const before = process.memoryUsage().rss;
    expect(() => inflateEntryChecked({ ...bomb, size: WHOLE_RESULT_MAX + 1 }, () => undefined)).toThrow(/larger than its ZIP directory says/);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 2 ** 20);
  });
});
