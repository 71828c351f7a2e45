/**
 * Builders for hand-written .xlsx packages (raw XML parts zipped with fflate), for reader tests
 * that need shapes ExcelJS never writes (rows without r attributes, prefixed elements…) and for
 * generating large workbooks quickly.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface RawSheet {
  name: string;
  /** The <sheetData> element (or the whole <worksheet> document when it starts with "<?xml" or "<worksheet"). */
  xml: string;
  state?: "hidden" | "veryHidden";
}

/** A minimal package: workbook, rels, content types, optional shared strings, the given sheets. */
export function rawXlsx(sheets: RawSheet[], opts: { sharedStrings?: string; extraParts?: Record<string, string> } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const overrides: string[] = [
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
  ];
  const rels: string[] = [];
  const entries: string[] = [];
  sheets.forEach((s, i) => {
    const n = i + 1;
    const doc = s.xml.startsWith("<?xml") || s.xml.startsWith("<worksheet") || /^<\w+:worksheet/.test(s.xml) ? s.xml : `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}">${s.xml}</worksheet>`;
    files[`xl/worksheets/sheet${n}.xml`] = strToU8(doc);
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    rels.push(`<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    entries.push(`<sheet name="${s.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" sheetId="${n}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${n}"/>`);
  });
  if (opts.sharedStrings !== undefined) {
    files["xl/sharedStrings.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">${opts.sharedStrings}</sst>`);
    overrides.push('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
    rels.push(`<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${entries.join("")}</sheets></workbook>`);
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
  );
  for (const [k, v] of Object.entries(opts.extraParts ?? {})) files[k] = strToU8(v);
  return zipSync(files, { level: 6 });
}

/**
 * A big sheet: `rows` rows × 8 columns (id, name as shared string, region as shared string,
 * a date serial, quantity, price, amount, a flag), with a header row.
 */
export function bigWorkbook(rows: number): Uint8Array {
  const sst: string[] = ["id", "name", "region", "date", "qty", "price", "amount", "flag"];
  const regions = ["华东", "华南", "North", "South & West"];
  for (const r of regions) sst.push(r);
  const nameBase = sst.length;
  const names = 5000;
  for (let i = 0; i < names; i++) sst.push(`客户 ${i}`);
  const parts: string[] = ['<sheetData><row r="1">'];
  for (let c = 0; c < 8; c++) parts.push(`<c r="${"ABCDEFGH"[c]}1" t="s"><v>${c}</v></c>`);
  parts.push("</row>");
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    parts.push(
      `<row r="${r}"><c r="A${r}"><v>${100000 + i}</v></c><c r="B${r}" t="s"><v>${nameBase + (i % names)}</v></c><c r="C${r}" t="s"><v>${8 + (i % 4)}</v></c>` +
        `<c r="D${r}" s="1"><v>${45000 + (i % 365)}</v></c><c r="E${r}"><v>${i % 97}</v></c><c r="F${r}"><v>${(i % 50) + 0.5}</v></c>` +
        `<c r="G${r}"><f>E${r}*F${r}</f><v>${(i % 97) * ((i % 50) + 0.5)}</v></c><c r="H${r}" t="b"><v>${i % 2}</v></c></row>`,
    );
  }
  parts.push("</sheetData>");
  const si = sst.map((s) => `<si><t>${s.replace(/&/g, "&amp;")}</t></si>`).join("");
  const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const bytes = rawXlsx([{ name: "Sales", xml: parts.join("") }], { sharedStrings: si, extraParts: { "xl/styles.xml": styles } });
  // Register the styles part so that every reader (ExcelJS too) formats the dates.
  const files = unzipSync(bytes);
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    strFromU8(files["xl/_rels/workbook.xml.rels"]).replace("</Relationships>", `<Relationship Id="rIdT" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`),
  );
  files["[Content_Types].xml"] = strToU8(
    strFromU8(files["[Content_Types].xml"]).replace(
      "</Types>",
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    ),
  );
  return zipSync(files, { level: 6 });
}

export function unzipText(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(unzipSync(bytes))) out[k] = strFromU8(v);
  return out;
}

/** A small user workbook: Customers (ID, name, region, sales; 5 customers) and a Notes sheet (the undo and writer tests). */
export function customersAndNotes(): Uint8Array {
  const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
  const s = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const n = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`;
  const data = [
    row(1, s("A1", "Customer ID") + s("B1", "Name") + s("C1", "Region") + s("D1", "Sales")),
    row(2, s("A2", "C001") + s("B2", "Alpha") + s("C2", "North") + n("D2", 500)),
    row(3, s("A3", "C002") + s("B3", "Beta") + s("C3", "South") + n("D3", 300)),
    row(4, s("A4", "C003") + s("B4", "Gamma") + s("C4", "East") + n("D4", 150)),
    row(5, s("A5", "C004") + s("B5", "Delta") + s("C5", "West") + n("D5", 50)),
    row(6, s("A6", "C005") + s("B6", "Eps") + s("C6", "North") + n("D6", 0)),
  ];
  return rawXlsx([
    { name: "Customers", xml: `<sheetData>${data.join("")}</sheetData>` },
    { name: "Notes", xml: `<sheetData>${row(1, s("A1", "keep me"))}</sheetData>` },
  ]);
}
