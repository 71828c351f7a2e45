import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { WorkbookReadError, readWorkbook } from "../../../src/hosts/xlsx/read";
import { isoToSerial } from "../../../src/hosts/xlsx/sheetScan";
import { MAIN_NS, bigWorkbook, rawXlsx } from "./helpers";

const FIXTURE = join(__dirname, "../../fixtures/xlsx/user_chart.xlsx");

function sheet(bytes: Uint8Array, name: string) {
  const s = readWorkbook(bytes).sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

function expectReadError(bytes: Uint8Array, code: WorkbookReadError["code"]): WorkbookReadError {
  try {
    readWorkbook(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    const err = e as WorkbookReadError;
    expect(err.code).toBe(code);
    expect(err.message.length).toBeGreaterThan(10);
    expect(err.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(err.stack).not.toMatch(/\n\s+at /);
    return err;
  }
  throw new Error("expected a WorkbookReadError");
}

describe("readWorkbook: cell types", () => {
  test("shared strings with rich text runs, phonetic runs, entities and _x escapes", () => {
    const sst =
      "<si><t>plain</t></si>" +
      '<si><r><t xml:space="preserve">Hello </t></r><r><rPr><b/></rPr><t>World</t></r></si>' +
      "<si><t>东京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>" +
      "<si><t>R&amp;D &lt;x&gt; &quot;q&quot; &apos;a&apos; &#20013;&#x6587;</t></si>" +
      "<si><t>line1_x000D_\nline2 _x005F_x000D_</t></si>" +
      "<si><t/></si>";
    const data = '<sheetData><row r="1">' + [0, 1, 2, 3, 4, 5].map((i) => `<c r="${"ABCDEF"[i]}1" t="s"><v>${i}</v></c>`).join("") + "</row></sheetData>";
    const g = sheet(rawXlsx([{ name: "S", xml: data }], { sharedStrings: sst }), "S");
    expect(g.rows[0]).toEqual(["plain", "Hello World", "东京", "R&D <x> \"q\" 'a' 中文", "line1\r\nline2 _x000D_"]);
  });

  test("inline strings, booleans, errors, formulas with cached values, ISO dates", () => {
    const data =
      "<sheetData>" +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>=HYPERLINK("x")</t></is></c><c r="B1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>' +
      '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>' +
      '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C3" t="b"><f>TRUE</f><v>1</v></c><c r="D3"><f>NOW()</f></c></row>' +
      '<row r="4"><c r="A4" t="d"><v>2024-05-03T00:00:00Z</v></c><c r="B4" t="d"><v>2024-05-03T12:00:00</v></c><c r="C4"><v>1.5E-3</v></c><c r="D4"><v>-42</v></c></row>' +
      "</sheetData>";
    const g = sheet(rawXlsx([{ name: "T", xml: data }]), "T");
    expect(g.origin).toEqual({ row: 0, col: 0 });
    expect(g.rows[0]).toEqual(['=HYPERLINK("x")', "ab"]);
    expect(g.rows[1]).toEqual([true, false, "#N/A", "#DIV/0!"]);
    // A formula without a cached value is an empty cell (as in Office.js before calculation).
    expect(g.rows[2].slice(0, 3)).toEqual([2, "ab", true]);
    expect(g.rows[2][3] ?? null).toBeNull();
    expect(g.rows[3]).toEqual([45415, 45415.5, 0.0015, -42]);
  });

  test("ISO dates follow Excel's 1900 and 1904 serials", () => {
    expect(isoToSerial("1900-01-01", false)).toBe(1);
    expect(isoToSerial("1900-02-28", false)).toBe(59);
    expect(isoToSerial("1900-03-01", false)).toBe(61);
    expect(isoToSerial("2024-05-03", false)).toBe(45415);
    expect(isoToSerial("1904-01-02", true)).toBe(1);
    expect(isoToSerial("T06:00:00", false)).toBe(0.25);
    expect(isoToSerial("not a date", false)).toBeNull();
  });

  test("rows and cells without r attributes are sequential; sparse rows stay aligned", () => {
    const data =
      "<sheetData>" +
      "<row><c><v>1</v></c><c/><c><v>3</v></c></row>" +
      "<row/>" +
      '<row><c t="inlineStr"><is><t>x</t></is></c><c r="D3"><v>4</v></c><c><v>5</v></c></row>' +
      '<row r="6"><c r="B6"><v>6</v></c></row>' +
      "<row><c><v>7</v></c></row>" +
      "</sheetData>";
    const g = sheet(rawXlsx([{ name: "Sparse", xml: data }]), "Sparse");
    expect(g.origin).toEqual({ row: 0, col: 0 });
    expect(g.rows).toEqual([[1, null, 3], [], ["x", null, null, 4, 5], [], [], [null, 6], [7]]);
  });

  test("origin is the used range's top-left; trailing empty rows and styled blanks are trimmed", () => {
    const data =
      "<sheetData>" +
      '<row r="2"><c r="A2" s="1"/></row>' +
      '<row r="5"><c r="C5" t="inlineStr"><is><t>id</t></is></c><c r="D5" t="inlineStr"><is><t>name</t></is></c><c r="H5" s="2"/></row>' +
      '<row r="7"><c r="D7"><v>2</v></c></row>' +
      '<row r="9"><c r="C9" s="3"/></row><row r="12" ht="20" customHeight="1"/>' +
      "</sheetData>";
    const g = sheet(rawXlsx([{ name: "Off", xml: data }]), "Off");
    expect(g.origin).toEqual({ row: 4, col: 2 });
    expect(g.rows).toEqual([["id", "name"], [], [null, 2]]);
  });

  test("hidden and very hidden sheets are flagged; tab order is kept; names are decoded", () => {
    const bytes = rawXlsx([
      { name: "R&D", xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' },
      { name: "Hidden", xml: '<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>', state: "hidden" },
      { name: "Very", xml: "<sheetData/>", state: "veryHidden" },
    ]);
    const wb = readWorkbook(bytes);
    expect(wb.sheets.map((s) => [s.name, !!s.hidden])).toEqual([
      ["R&D", false],
      ["Hidden", true],
      ["Very", true],
    ]);
    expect(wb.sheets[2].rows).toEqual([]);
  });

  test("prefixed SpreadsheetML (x:worksheet) reads the same", () => {
    const doc =
      `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>` +
      '<x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    expect(sheet(rawXlsx([{ name: "P", xml: doc }]), "P").rows).toEqual([["a", 2]]);
  });

  test("a workbook part with an unusual name, found through the package relationships", () => {
    const files = unzipSync(rawXlsx([{ name: "S", xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }]));
    files["xl/book.xml"] = files["xl/workbook.xml"];
    files["xl/_rels/book.xml.rels"] = files["xl/_rels/workbook.xml.rels"];
    delete files["xl/workbook.xml"];
    delete files["xl/_rels/workbook.xml.rels"];
    files["_rels/.rels"] = strToU8(strFromU8(files["_rels/.rels"]).replace("xl/workbook.xml", "xl/book.xml"));
    expect(readWorkbook(zipSync(files)).sheets).toEqual([{ name: "S", rows: [[1]], origin: { row: 0, col: 0 } }]);
  });

  test("a workbook written by ExcelJS reads like ExcelJS reads it", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("客户");
    ws.getCell("B2").value = "客户编号";
    ws.getCell("C2").value = 12.5;
    ws.getCell("D2").value = { richText: [{ text: "a" }, { text: "b", font: { bold: true } }] };
    ws.getCell("B3").value = { formula: "C2*2", result: 25 };
    ws.getCell("C3").value = true;
    ws.getCell("D3").value = { error: "#N/A" };
    ws.getCell("B4").value = new Date(Date.UTC(2024, 4, 3));
    ws.getCell("C4").value = "-5%";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const g = sheet(bytes, "客户");
    expect(g.origin).toEqual({ row: 1, col: 1 });
    expect(g.rows).toEqual([
      ["客户编号", 12.5, "ab"],
      [25, true, "#N/A"],
      [45415, "-5%"],
    ]);
  });

  test("the openpyxl fixture with charts, a table, comments and validation is read (ExcelJS throws on it)", async () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    const wb = readWorkbook(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(["客户资料", "销售记录", "说明"]);
    expect(wb.sheets[0].rows[0]).toEqual(["客户编号", "客户名称", "渠道类型", "办事处", "营业额"]);
    expect(wb.sheets[0].rows[3]).toEqual(["C003", "永辉 & Co", "分销", "杭州", 45000.5]);
    expect(wb.sheets[1].rows[1]).toEqual([45292, "C002", "I9300", 10, 41680]);
    expect(wb.sheets[2].hidden).toBe(true);
    await expect(new ExcelJS.Workbook().xlsx.load(readFileSync(FIXTURE) as unknown as ArrayBuffer)).rejects.toThrow(/anchors/);
  });

  test("a sheet larger than one scan chunk (row boundaries inside chunks) reads every row", () => {
    const n = 60000; // ~16 MB of sheet XML: two chunk boundaries
    const g = readWorkbook(bigWorkbook(n)).sheets[0];
    expect(g.rows.length).toBe(n + 1);
    expect(g.rows[0]).toEqual(["id", "name", "region", "date", "qty", "price", "amount", "flag"]);
    for (let i = 0; i < n; i++) {
      const r = g.rows[i + 1];
      if (r[0] !== 100000 + i || r.length !== 8) throw new Error(`row ${i + 1}: ${JSON.stringify(r)}`);
    }
    expect(g.rows[4]).toEqual([100003, "客户 3", "South & West", 45003, 3, 3.5, 10.5, true]);
  });
});

describe("readWorkbook: files that are not readable workbooks", () => {
  test("random bytes", () => {
    const rnd = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expectReadError(rnd, "notZip");
    expectReadError(new Uint8Array(0), "notZip");
  });

  test("a truncated zip", () => {
    const full = rawXlsx([{ name: "S", xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }]);
    expectReadError(full.slice(0, Math.floor(full.length / 2)), "corrupt");
  });

  test("a zip that is not a workbook, and an .xlsb", () => {
    expectReadError(zipSync({ "readme.txt": strToU8("hello"), "word/document.xml": strToU8("<w/>") }), "notWorkbook");
    const err = expectReadError(zipSync({ "xl/workbook.bin": new Uint8Array([1, 2, 3]) }), "notWorkbook");
    expect(err.message).toMatch(/xlsb/);
  });

  test("an OLE compound file: encrypted workbook or old .xls", () => {
    const ole = (extra: string) => {
      const head = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
      const body: number[] = [];
      for (const ch of extra) body.push(ch.charCodeAt(0), 0);
      const b = new Uint8Array(1024);
      b.set(head, 0);
      b.set(body, 512);
      return b;
    };
    expectReadError(ole("EncryptionInfo"), "encrypted");
    const xls = expectReadError(ole("Workbook"), "notWorkbook");
    expect(xls.message).toMatch(/\.xls/);
  });
});
