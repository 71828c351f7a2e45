/**
 * Writes the benchmark's workbooks as Excel does, without holding them: every sheet's XML is
 * produced in row batches and pushed through fflate's ZipDeflate, strings go to the shared
 * strings part, dates are serials with a date format and money has a number format. Used by
 * xlsxFile.ts (the 500,000-line bench) and wideFile.ts (a full-grid 30-column ERP export).
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { Zip, ZipDeflate, strToU8 } from "fflate";

export type BenchCell = string | number | boolean | null;

/** Cell styles of the generated workbooks: none, a date (numFmt 14), money (#,##0.00). */
export const STYLE = { none: 0, date: 1, money: 2 } as const;

export interface StreamedSheet {
  name: string;
  header: readonly string[];
  /** Data rows (below the header), handed to `emit` one at a time. */
  rows(emit: (values: readonly BenchCell[]) => void): void;
  /** The style of a column's data cells. */
  style(col: number): number;
}

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const STYLES =
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A1-style column letters (A…Z, AA…). */
function colLetters(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Text pushed to a zip entry in ~1 MB pieces. */
function entryWriter(zip: Zip, name: string): { put(text: string): void; end(text: string): void } {
  const f = new ZipDeflate(name, { level: 6 });
  zip.add(f);
  let x = "";
  return {
    put(text) {
      x += text;
      if (x.length > 1 << 20) {
        f.push(strToU8(x));
        x = "";
      }
    },
    end(text) {
      f.push(strToU8(x + text), true);
    },
  };
}

export function writeStreamedXlsx(file: string, sheets: readonly StreamedSheet[]): void {
  const fd = openSync(file, "w");
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    writeSync(fd, chunk);
  });
  const small = (name: string, text: string) => entryWriter(zip, name).end(DECL + text);
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_SHEET}"/>`).join("");
  small(
    "[Content_Types].xml",
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      overrides +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  small("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const sheetList = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  small("xl/workbook.xml", `<workbook ${NS}><bookViews><workbookView/></bookViews><sheets>${sheetList}</sheets></workbook>`);
  const n = sheets.length;
  small(
    "xl/_rels/workbook.xml.rels",
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
      `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  small("xl/styles.xml", STYLES);

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
  sheets.forEach((sheet, i) => {
    const w = entryWriter(zip, `xl/worksheets/sheet${i + 1}.xml`);
    const letters = sheet.header.map((_, c) => colLetters(c));
    const styles = sheet.header.map((_, c) => sheet.style(c));
    let r = 1;
    const row = (values: readonly BenchCell[], styled: boolean) => {
      let x = `<row r="${r}">`;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        if (v === null || v === "") continue;
        const s = styled && styles[c] ? ` s="${styles[c]}"` : "";
        const ref = `${letters[c]}${r}`;
        if (typeof v === "string") x += `<c r="${ref}"${s} t="s"><v>${si(v)}</v></c>`;
        else if (typeof v === "boolean") x += `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
        else x += `<c r="${ref}"${s}><v>${v}</v></c>`;
      }
      w.put(x + "</row>");
      r++;
    };
    w.put(`<worksheet ${NS}><sheetData>`);
    row(sheet.header, false);
    sheet.rows((values) => row(values, true));
    w.end("</sheetData></worksheet>");
  });
  const w = entryWriter(zip, "xl/sharedStrings.xml");
  w.put(DECL + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.length}" uniqueCount="${sst.length}">`);
  for (const s of sst) w.put(`<si><t>${escapeXml(s)}</t></si>`);
  w.end("</sst>");
  zip.end();
  closeSync(fd);
}
