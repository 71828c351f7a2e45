/**
 * The benchmark workbook, written once into out/bench/ and reused while its recipe is
 * unchanged: a 销售记录 sheet of N lines × 8 columns (shared strings, dates as serials with a
 * date format, money with a number format, like Excel writes them) plus a 客户资料 sheet of
 * the 50,000 customers; and the same sales lines as CSV for pandas.read_csv.
 *
 * Streaming: sheet XML is produced in row batches and pushed through fflate's ZipDeflate, so
 * the 150 MB of XML never exists as one string.
 */
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";
import { isoDate } from "../src/domain/calendar";
import { CUSTOMER_HEADER, Dataset, SALES_HEADER, customerRow, dataset, forEachSalesLine } from "./data";

const RECIPE = 3; // bump when the generator changes
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function colLetter(c: number): string {
  return String.fromCharCode(65 + c); // ≤ 26 columns here
}

export interface BenchFiles {
  xlsx: string;
  csv: string;
  lines: number;
  xlsxBytes: number;
  csvBytes: number;
  generatedMs: number | null;
}

export function benchFiles(dir: string, lines: number, log = console.log): BenchFiles {
  const xlsx = path.join(dir, `sales-${lines}.xlsx`);
  const csv = path.join(dir, `sales-${lines}.csv`);
  const metaFile = path.join(dir, `sales-${lines}.meta.json`);
  const want = { recipe: RECIPE, lines, customers: 50_000 };
  if (existsSync(xlsx) && existsSync(csv) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8"));
    if (meta.recipe === RECIPE && meta.lines === lines) {
      return { xlsx, csv, lines, xlsxBytes: readFileSync(xlsx).length, csvBytes: readFileSync(csv).length, generatedMs: null };
    }
  }
  const t0 = performance.now();
  const ds = dataset(50_000, 12);
  writeXlsx(xlsx, ds, lines);
  writeCsv(csv, ds, lines);
  writeFileSync(metaFile, JSON.stringify(want) + "\n");
  const ms = Math.round(performance.now() - t0);
  log(`  generated ${xlsx} and ${csv} in ${ms} ms`);
  return { xlsx, csv, lines, xlsxBytes: readFileSync(xlsx).length, csvBytes: readFileSync(csv).length, generatedMs: ms };
}

function writeCsv(file: string, ds: Dataset, lines: number): void {
  const fd = openSync(file, "w");
  const iso = new Map<number, string>();
  let buf = SALES_HEADER.join(",") + "\n";
  forEachSalesLine(ds, lines, (date, c, m, qty, price, amount, isReturn) => {
    let d = iso.get(date);
    if (!d) iso.set(date, (d = isoDate(date)));
    buf += `${d},${ds.ids[c]},${ds.names[c]},${ds.models[m]},${qty},${price},${amount},${isReturn ? "退货" : "提货"}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = "";
    }
  });
  writeSync(fd, buf);
  closeSync(fd);
}

function writeXlsx(file: string, ds: Dataset, lines: number): void {
  const fd = openSync(file, "w");
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    writeSync(fd, chunk);
  });
  const small = (name: string, text: string) => {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(strToU8(text), true);
  };
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  small(
    "[Content_Types].xml",
    decl +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  small(
    "_rels/.rels",
    decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  small(
    "xl/workbook.xml",
    decl + `<workbook ${NS}><bookViews><workbookView/></bookViews><sheets><sheet name="客户资料" sheetId="1" r:id="rId1"/><sheet name="销售记录" sheetId="2" r:id="rId2"/></sheets></workbook>`,
  );
  small(
    "xl/_rels/workbook.xml.rels",
    decl +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
  );
  // Style 1: date (numFmt 14), style 2: #,##0.00
  small(
    "xl/styles.xml",
    decl +
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );

  // Shared strings: headers, ids, names, models, types, customer sheet texts.
  const sst: string[] = [];
  const sstIndex = new Map<string, number>();
  const si = (s: string) => {
    let i = sstIndex.get(s);
    if (i === undefined) {
      i = sst.length;
      sst.push(s);
      sstIndex.set(s, i);
    }
    return i;
  };
  const cell = (r: number, c: number, v: string | number | boolean | null, style = 0): string => {
    if (v === null) return "";
    const ref = `${colLetter(c)}${r + 1}`;
    const s = style ? ` s="${style}"` : "";
    if (typeof v === "string") return `<c r="${ref}"${s} t="s"><v>${si(v)}</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s}><v>${v}</v></c>`;
  };

  // Sheet 1: customers
  {
    const f = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 6 });
    zip.add(f);
    let x = decl + `<worksheet ${NS}><dimension ref="A1:K${ds.customers + 1}"/><sheetData>`;
    x += `<row r="1">${CUSTOMER_HEADER.map((h, c) => cell(0, c, h)).join("")}</row>`;
    for (let i = 0; i < ds.customers; i++) {
      const row = customerRow(ds, i);
      x += `<row r="${i + 2}">${row.map((v, c) => cell(i + 1, c, v, c === 8 ? 1 : 0)).join("")}</row>`;
      if (x.length > 1 << 20) {
        f.push(strToU8(x));
        x = "";
      }
    }
    f.push(strToU8(x + "</sheetData></worksheet>"), true);
  }
  // Sheet 2: sales lines
  {
    const f = new ZipDeflate("xl/worksheets/sheet2.xml", { level: 6 });
    zip.add(f);
    let x = decl + `<worksheet ${NS}><dimension ref="A1:H${lines + 1}"/><sheetData>`;
    x += `<row r="1">${SALES_HEADER.map((h, c) => cell(0, c, h)).join("")}</row>`;
    let r = 1;
    forEachSalesLine(ds, lines, (date, c, m, qty, price, amount, isReturn) => {
      const n = r + 1;
      x +=
        `<row r="${n}"><c r="A${n}" s="1"><v>${date}</v></c><c r="B${n}" t="s"><v>${si(ds.ids[c])}</v></c><c r="C${n}" t="s"><v>${si(ds.names[c])}</v></c>` +
        `<c r="D${n}" t="s"><v>${si(ds.models[m])}</v></c><c r="E${n}"><v>${qty}</v></c><c r="F${n}" s="2"><v>${price}</v></c><c r="G${n}" s="2"><v>${amount}</v></c>` +
        `<c r="H${n}" t="s"><v>${si(isReturn ? "退货" : "提货")}</v></c></row>`;
      r++;
      if (x.length > 1 << 20) {
        f.push(strToU8(x));
        x = "";
      }
    });
    f.push(strToU8(x + "</sheetData></worksheet>"), true);
  }
  {
    const f = new ZipDeflate("xl/sharedStrings.xml", { level: 6 });
    zip.add(f);
    let x = decl + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.length}" uniqueCount="${sst.length}">`;
    for (const s of sst) {
      x += `<si><t>${escapeXml(s)}</t></si>`;
      if (x.length > 1 << 20) {
        f.push(strToU8(x));
        x = "";
      }
    }
    f.push(strToU8(x + "</sst>"), true);
  }
  void ZipPassThrough;
  zip.end();
  closeSync(fd);
}
