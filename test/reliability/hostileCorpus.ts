/**
 * The hostile-file corpus of issue 17, generated at test time from the user_content fixture:
 * zip bombs in each kind of part, directories that lie about sizes, bad CRCs, references past
 * Excel's grid, UTF-16 parts, odd entry names, a dimension with an end tag, a macro workbook,
 * DTDs (billion laughs, external entities) and files of other kinds.
 *
 * Bombs are built cheaply: DEFLATE with a full flush resets the compressor, so one compressed
 * segment of 16 MB of repeated text can be repeated N times in the stream (a 1.5 GB part costs
 * one 16 MB deflate); its CRC-32 is computed on the fly with zlib.crc32.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as zlib from "node:zlib";
import { strToU8, unzipSync } from "fflate";
import { crc32, readZip, writeZip, type ZipEntry, type ZipItem } from "../../src/hosts/xlsx/zipRaw";

export const FIXTURE = path.join(__dirname, "../fixtures/xlsx/user_content.xlsx");
const WHEN = new Date(Date.UTC(2024, 0, 1));

export interface HostileCase {
  file: string;
  /** "ok": exit 0 and a result that re-reads; otherwise the message the user must see. */
  expect: "ok" | RegExp;
  /** Extra CLI arguments (e.g. --out with another extension). */
  args?: string[];
  /** Default output name expected (when no --out is given). */
  defaultOut?: string;
}

type Part = { name: string; nameBytes?: Uint8Array; data?: Uint8Array; entry?: ZipEntry };

/** The fixture's parts, in order, as a list we can edit. */
function baseParts(): Part[] {
  const files = unzipSync(readFileSync(FIXTURE));
  return Object.entries(files).map(([name, data]) => ({ name, data }));
}

const dec = new TextDecoder();
function text(parts: Part[], name: string): string {
  return dec.decode(parts.find((p) => p.name === name)!.data!);
}
function setText(parts: Part[], name: string, xml: string | Uint8Array): void {
  const data = typeof xml === "string" ? strToU8(xml) : xml;
  const p = parts.find((q) => q.name === name);
  if (p) p.data = data;
  else parts.push({ name, data });
}

function zip(parts: Part[]): Uint8Array {
  const items: ZipItem[] = parts.map((p) =>
    p.entry ? { name: p.name, entry: p.entry, ...(p.nameBytes ? { nameBytes: p.nameBytes, nameUtf8: false } : {}) } : { name: p.name, data: p.data!, level: 6, ...(p.nameBytes ? { nameBytes: p.nameBytes, nameUtf8: false } : {}) },
  );
  return writeZip(items, WHEN);
}

/** A raw entry of `head` + `unit` repeated to ~`total` bytes + `tail`, deflated cheaply (see above). */
export function bombEntry(name: string, head: string, unit: string, total: number, tail: string, segBytes = 16 << 20): ZipEntry {
  const seg = Buffer.from(unit.repeat(Math.max(1, Math.floor(segBytes / unit.length))));
  const reps = Math.max(1, Math.floor(total / seg.length));
  const flush = (b: Buffer) => zlib.deflateRawSync(b, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const h = flush(Buffer.from(head));
  const s = flush(seg);
  const t = zlib.deflateRawSync(Buffer.from(tail));
  const raw = new Uint8Array(h.length + s.length * reps + t.length);
  raw.set(h, 0);
  for (let k = 0; k < reps; k++) raw.set(s, h.length + k * s.length);
  raw.set(t, h.length + reps * s.length);
  let crc = crc32(Buffer.from(head));
  for (let k = 0; k < reps; k++) crc = (zlib as unknown as { crc32: (d: Uint8Array, v: number) => number }).crc32(seg, crc);
  crc = crc32(Buffer.from(tail), crc);
  const size = head.length + seg.length * reps + tail.length;
  return { name, method: 8, crc, compressedSize: raw.length, size, flags: 0, dosTime: 0, dosDate: 0x21, raw };
}

/** The fixture's package with one part replaced by a raw entry. */
function withEntry(entry: ZipEntry, replace: string): Uint8Array {
  const parts = baseParts();
  const i = parts.findIndex((p) => p.name === replace);
  const part = { name: entry.name, entry };
  if (i >= 0) parts[i] = part;
  else parts.push(part);
  return zip(parts);
}

/** Fix an entry's fields in a finished ZIP (central directory and local header). */
function patchEntry(zipBytes: Uint8Array, name: string, fix: { size?: number; crc?: number }): Uint8Array {
  const out = zipBytes.slice();
  const e = readZip(out).find((x) => x.name === name)!;
  const dv = new DataView(out.buffer);
  const local = e.raw.byteOffset - 30 - name.length; // our writer: no extra field
  // Find the central record by scanning for the name after the local data.
  for (let p = out.length - 22; p > 0; p--) {
    if (dv.getUint32(p, true) === 0x02014b50 && dec.decode(out.subarray(p + 46, p + 46 + name.length)) === name) {
      if (fix.crc !== undefined) dv.setUint32(p + 16, fix.crc, true);
      if (fix.size !== undefined) dv.setUint32(p + 24, fix.size, true);
      break;
    }
  }
  if (fix.crc !== undefined) dv.setUint32(local + 14, fix.crc, true);
  if (fix.size !== undefined) dv.setUint32(local + 22, fix.size, true);
  return out;
}

const SHEET = "xl/worksheets/sheet1.xml"; // 客户资料: receives TierPlan's columns
const SALES = "xl/worksheets/sheet2.xml"; // 销售记录
const GB = 1 << 30;

export function utf16(xml: string, be: boolean): Uint8Array {
  const body = xml.replace(/^<\?xml[^?]*\?>/, "");
  const s = `\ufeff<?xml version="1.0" encoding="UTF-16" standalone="yes"?>${body}`;
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i + (be ? 1 : 0)] = c & 0xff;
    out[2 * i + (be ? 0 : 1)] = c >> 8;
  }
  return out;
}

/** Write the corpus into `dir`; returns the cases. */
export function buildCorpus(dir: string): HostileCase[] {
  const cases: HostileCase[] = [];
  const put = (file: string, bytes: Uint8Array, expect: HostileCase["expect"], extra: Partial<HostileCase> = {}) => {
    writeFileSync(path.join(dir, file), bytes);
    cases.push({ file, expect, ...extra });
  };

  // ---- zip bombs, one per kind of part (1.5 GB each)
  const row = '<row><c t="inlineStr"><is><t>bomb</t></is></c></row>';
  put("bomb-sheet.xlsx", withEntry(bombEntry(SALES, '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', row, 1.5 * GB, "</sheetData></worksheet>"), SALES), /part xl\/worksheets\/sheet2\.xml .*(limit|zip bomb)/);
  {
    const parts = baseParts();
    parts.push({ name: "xl/sharedStrings.xml", entry: bombEntry("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', "<si><t>x</t></si>", 1.5 * GB, "</sst>") });
    put("bomb-sharedStrings.xlsx", zip(parts), /part xl\/sharedStrings\.xml .*(limit|zip bomb)/);
  }
  put("bomb-styles.xlsx", withEntry(bombEntry("xl/styles.xml", '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts>', "<font/>", 1.5 * GB, "</fonts></styleSheet>"), "xl/styles.xml"), /part xl\/styles\.xml .*(limit|zip bomb)/);
  put("bomb-content-types.xlsx", withEntry(bombEntry("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">', '<Default Extension="x" ContentType="a/b"/>', 1.5 * GB, "</Types>"), "[Content_Types].xml"), /part \[Content_Types\]\.xml .*(limit|zip bomb)/);
  // A bomb within the size caps but far over the ratio cap (64 MB of one row, ~0.1% of that compressed).
  put("bomb-ratio.xlsx", withEntry(bombEntry(SALES, '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', row, 64 << 20, "</sheetData></worksheet>"), SALES), /compressed \d+:1 .*zip bomb/);

  // ---- directories that lie
  {
    // A 1.5 GB sheet whose directory says 3,000 bytes (under every cap): inflating stops there.
    const bomb = bombEntry(SALES, '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', row, 1.5 * GB, "</sheetData></worksheet>");
    put("lying-size-small.xlsx", withEntry({ ...bomb, size: 3000 }, SALES), /xl\/worksheets\/sheet2\.xml.*(larger than its ZIP directory|more than its ZIP directory)/);
    const plain = zip(baseParts());
    const real = readZip(plain).find((e) => e.name === SALES)!.size;
    put("lying-size-large.xlsx", patchEntry(plain, SALES, { size: real + 5000 }), /part xl\/worksheets\/sheet2\.xml is \d+ bytes, its ZIP directory says/);
    put("bad-crc-sheet.xlsx", patchEntry(plain, SALES, { crc: 0x12345678 }), /xl\/worksheets\/sheet2\.xml fails its CRC-32 check/);
    // A part TierPlan never reads is copied as it is (its CRC is the reader's business).
    put("bad-crc-unread-part.xlsx", patchEntry(plain, "xl/media/image1.png", { crc: 0x12345678 }), "ok");
  }

  // ---- references past the grid, huge rows
  const salesWith = (extra: string) => {
    const parts = baseParts();
    setText(parts, SALES, text(parts, SALES).replace("</sheetData>", `${extra}</sheetData>`));
    return zip(parts);
  };
  put("ref-ZZZZZZ.xlsx", salesWith('<row r="20"><c r="ZZZZZZ20"><v>1</v></c></row>'), /cell ZZZZZZ20 is outside Excel's grid/);
  put("ref-14-letters.xlsx", salesWith('<row r="20"><c r="ABCDEFGHIJKLMN20"><v>1</v></c></row>'), /cell ABCDEFGHIJKLMN20 is outside Excel's grid/);
  put("ref-XFE.xlsx", salesWith('<row r="20"><c r="XFE20"><v>1</v></c></row>'), /cell XFE20 is outside Excel's grid/);
  put("row-2000000000.xlsx", salesWith('<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>'), /row 2000000000 is outside Excel's grid/);
  put("row-1048577.xlsx", salesWith('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'), /row 1048577 is outside Excel's grid/);
  put("row-1048576-ok.xlsx", salesWith('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>note</t></is></c></row>'), "ok");

  // ---- encodings
  {
    const parts = baseParts();
    setText(parts, SHEET, utf16(text(parts, SHEET), false));
    setText(parts, SALES, utf16(text(parts, SALES), true));
    setText(parts, "xl/workbook.xml", utf16(text(parts, "xl/workbook.xml"), true));
    setText(parts, "xl/_rels/workbook.xml.rels", utf16(text(parts, "xl/_rels/workbook.xml.rels"), false));
    put("utf16-parts.xlsx", zip(parts), "ok");
  }
  {
    const parts = baseParts();
    setText(parts, SHEET, text(parts, SHEET).replace(/<dimension ref="([^"]*)"\/>/, '<dimension ref="$1"></dimension>'));
    put("dimension-end-tag.xlsx", zip(parts), "ok");
  }

  // ---- entry names
  {
    const parts = baseParts();
    for (const p of parts) if (p.name === SALES || p.name === "xl/styles.xml") p.name = p.name.toUpperCase();
    put("upper-case-names.xlsx", zip(parts), "ok");
  }
  {
    const parts = baseParts();
    for (const p of parts) if (p.name.startsWith("xl/worksheets/") || p.name.startsWith("xl/drawings/")) p.nameBytes = strToU8(p.name.replace(/\//g, "\\"));
    put("backslash-names.xlsx", zip(parts), "ok");
  }
  {
    const parts = baseParts();
    // "xl/media/图片.png" in GBK, without the UTF-8 flag (as old Chinese Windows zip tools write it).
    const gbk = new Uint8Array([...strToU8("xl/media/"), 0xcd, 0xbc, 0xc6, 0xac, ...strToU8(".png")]);
    parts.push({ name: "xl/media/gbk.png", nameBytes: gbk, data: parts.find((p) => p.name === "xl/media/image1.png")!.data });
    put("gbk-entry-name.xlsx", zip(parts), "ok");
  }

  // ---- macros
  {
    const parts = baseParts();
    const vba = new Uint8Array(4096).map((_, i) => (i * 31 + 7) & 0xff);
    parts.push({ name: "xl/vbaProject.bin", data: vba });
    setText(parts, "[Content_Types].xml", text(parts, "[Content_Types].xml").replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace("<Default Extension=\"rels\"", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="rels"'));
    setText(parts, "xl/_rels/workbook.xml.rels", text(parts, "xl/_rels/workbook.xml.rels").replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
    const bytes = zip(parts);
    put("macro.xlsm", bytes, "ok", { defaultOut: "macro.tierplan.xlsm" });
    put("macro-to-xlsx.xlsm", bytes, /contains macros .* cannot be saved as \.xlsx/, { args: ["--out", "macro-out.xlsx"] });
  }

  // ---- DTDs
  {
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>';
    const parts = baseParts();
    parts.push({ name: "xl/sharedStrings.xml", data: strToU8(`<?xml version="1.0"?>${lol}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`) });
    setText(parts, "xl/_rels/workbook.xml.rels", text(parts, "xl/_rels/workbook.xml.rels").replace("</Relationships>", '<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'));
    setText(parts, SALES, text(parts, SALES).replace('<c r="D2" t="inlineStr"><is><t>I9300</t></is></c>', '<c r="D2" t="s"><v>0</v></c>'));
    put("billion-laughs.xlsx", zip(parts), /xl\/sharedStrings\.xml declares a DTD/);
    const ext = baseParts();
    setText(ext, "xl/workbook.xml", `<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${text(ext, "xl/workbook.xml").replace('name="说明"', 'name="&xxe;"')}`);
    put("external-entity.xlsx", zip(ext), /xl\/workbook\.xml declares a DTD/);
  }

  // ---- other kinds of files
  {
    const parts = baseParts().filter((p) => p.name !== SALES);
    put("missing-sheet-part.xlsx", zip(parts), /sheet "销售记录" points to the part xl\/worksheets\/sheet2\.xml, which is not in the file/);
    const xlsb = baseParts().filter((p) => !/^xl\/workbook\.xml$|_rels\/\.rels$/.test(p.name));
    xlsb.push({ name: "xl/workbook.bin", data: new Uint8Array([0x83, 1, 0]) });
    put("binary.xlsb", zip(xlsb), /binary Excel workbook \(\.xlsb\)/);
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    put("old.xls", ole, /Excel 97–2003 workbook \(\.xls\)/);
    const ods = writeZip([{ name: "mimetype", data: strToU8("application/vnd.oasis.opendocument.spreadsheet"), level: 0 }, { name: "content.xml", data: strToU8("<office:document-content/>"), level: 6 }], WHEN);
    put("sheet.ods", ods, /OpenDocument spreadsheet \(\.ods\)/);
    put("export.csv", strToU8("客户编号,金额,日期\nC001,500,2024-03-01\n"), /text file \(CSV\)/);
  }
  return cases;
}
