/**
 * Worksheet XML for a SheetPatch (a sheet TierPlan owns): cells laid out by report/layout.ts
 * (the same rectangles the Excel host writes), plus tables, conditional formats, data
 * validation, protection, frozen panes, tab colour, column widths and charts.
 *
 * Strings are always inline strings (t="inlineStr"): a text that starts with "=", "+", "-" or
 * "@" stays text. Formulas exist only as FormulaValue, written as <f> with the cached value.
 * The cells themselves are written as bytes by cellPlan.ts; the sheet's XML goes into a
 * ByteSink that the caller compresses and reuses for the next part.
 */
import { cellAddress, columnLetter } from "../../sheets/grid";
import type { ByteSink } from "./byteSink";
import { BYTES_PER_CELL, CellPlan, CellXmlWriter, blockSource } from "./cellPlan";
import { layoutTitle } from "../../report/layout";
import { firstDataRow, headerRow, type Block, type ChartSpec, type DataValidationSpec, type SheetPatch, type ValueColour } from "../../report/patch";
import { chartPartXml, drawingXml } from "./chartXml";
import { CT, NS, REL, relativeTarget, relsPathFor, relsXml, type Relationship } from "./opc";
import { argb, type StyleBook } from "./styles";
import { escapeAttr, escapeXml } from "./xml";

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------------------------------------
// Cells

/** A number as Excel writes it in <v> (finite only). */
function numberText(n: number): string {
  if (Object.is(n, -0)) return "0";
  return String(n);
}

// ---------------------------------------------------------------------------------------------
// Ranges, conditional formats, validation

export function rangeRef(r0: number, c0: number, r1: number, c1: number): string {
  const a = cellAddress(r0, c0);
  return r0 === r1 && c0 === c1 ? a : `${a}:${cellAddress(r1, c1)}`;
}

/** A cellIs-equal rule's formula: strings quoted with "" doubled, numbers as written. */
function equalsFormula(v: string | number): string {
  return typeof v === "number" ? numberText(v) : `"${v.replace(/"/g, '""')}"`;
}

/** <conditionalFormatting> elements for ValueColours on a column range; priorities continue from `priority`. */
export function conditionalFormats(
  colours: ValueColour[],
  rangeOf: (columnKey: string) => string | null,
  styles: StyleBook,
  priority: { next: number },
): string {
  const byCol = new Map<string, ValueColour[]>();
  for (const c of colours) byCol.set(c.column, [...(byCol.get(c.column) ?? []), c]);
  let out = "";
  for (const [key, list] of byCol) {
    const sqref = rangeOf(key);
    if (!sqref) continue;
    const rules = list
      .map((c) => {
        const dxf = styles.dxf(c.fill, c.fontColor);
        return `<cfRule type="cellIs" dxfId="${dxf}" priority="${priority.next++}" operator="equal"><formula>${escapeXml(equalsFormula(c.equals))}</formula></cfRule>`;
      })
      .join("");
    out += `<conditionalFormatting sqref="${sqref}">${rules}</conditionalFormatting>`;
  }
  return out;
}

function dataValidation(v: DataValidationSpec, sqref: string): string {
  const msgs =
    ' allowBlank="1" showInputMessage="1" showErrorMessage="1"' +
    (v.prompt ? ` prompt="${escapeAttr(v.prompt.slice(0, 255))}"` : "") +
    (v.error ? ` error="${escapeAttr(v.error.slice(0, 225))}"` : "");
  if (v.kind === "list") {
    const items = (v.list ?? []).map((x) => x.replace(/["]/g, "")).join(",");
    return `<dataValidation type="list"${msgs} sqref="${sqref}"><formula1>${escapeXml(`"${items}"`)}</formula1></dataValidation>`;
  }
  const type = v.kind === "wholeNumber" ? "whole" : "decimal";
  const big = v.kind === "wholeNumber" ? 2147483647 : 1e307;
  const hasMin = typeof v.min === "number";
  const hasMax = typeof v.max === "number";
  if (hasMin && !hasMax)
    return `<dataValidation type="${type}" operator="greaterThanOrEqual"${msgs} sqref="${sqref}"><formula1>${numberText(v.min!)}</formula1></dataValidation>`;
  if (!hasMin && hasMax)
    return `<dataValidation type="${type}" operator="lessThanOrEqual"${msgs} sqref="${sqref}"><formula1>${numberText(v.max!)}</formula1></dataValidation>`;
  const lo = hasMin ? v.min! : -big;
  const hi = hasMax ? v.max! : big;
  return `<dataValidation type="${type}" operator="between"${msgs} sqref="${sqref}"><formula1>${numberText(lo)}</formula1><formula2>${numberText(hi)}</formula2></dataValidation>`;
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Table column names: the header texts made unique (case-insensitively) and non-empty. */
function uniqueHeaders(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((h, i) => {
    const base = h.trim() === "" ? `Column${i + 1}` : h;
    let name = base;
    let k = 2;
    while (used.has(name.toLowerCase())) name = `${base}${k++}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** A tableColumn name attribute: line breaks and tabs as _xHHHH_, as Excel stores them. */
function tableColumnName(h: string): string {
  return escapeAttr(h.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_").replace(/[\t\n\r]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0")}_`));
}

/** A valid, workbook-unique table name (letters/digits/_/., starting with a letter or _, not a cell reference). */
export function validTableName(wanted: string): string {
  let n = wanted.replace(/[^\p{L}\p{N}_.\\]/gu, "_");
  if (!/^[\p{L}_\\]/u.test(n)) n = "T_" + n;
  if (/^[A-Za-z]{1,3}\d+$/.test(n) || /^[RrCc]$/.test(n) || /^[Rr]\d*[Cc]\d*$/.test(n)) n = "T_" + n;
  return n.slice(0, 255);
}

function tableXml(id: number, name: string, ref: string, headers: string[], style: string): string {
  const cols = headers.map((h, i) => `<tableColumn id="${i + 1}" name="${tableColumnName(h)}"/>`).join("");
  return (
    XML_DECL +
    `<table xmlns="${NS.main}" id="${id}" name="${escapeAttr(name)}" displayName="${escapeAttr(name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${headers.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

// ---------------------------------------------------------------------------------------------
// The sheet

/** New parts to add to the package for one sheet. */
export interface NewPart {
  path: string;
  content: string;
  contentType: string;
}

export interface SheetBuildContext {
  styles: StyleBook;
  /** A new, unused part name: alloc("xl/tables/table", ".xml") → "xl/tables/table3.xml". */
  alloc(prefix: string, ext: string): string;
  /** A new unique table id and name. */
  table(wanted: string): { id: number; name: string };
}

export interface BuiltSheet {
  rels: Relationship[];
  parts: NewPart[];
  needsRecalc: boolean;
  /**
   * Rows to repeat on printed pages ("$1:$3"): the workbook part must define the sheet-scoped
   * name _xlnm.Print_Titles = 'Sheet'!$1:$3 for it (write.ts owns workbook.xml).
   */
  printTitles?: string[];
}

/**
 * The worksheet part for a SheetPatch written as `finalName` at `path`: its XML is appended to
 * `sink`; its tables, drawing and charts are returned as new parts.
 */
export function buildSheet(sheet: SheetPatch, finalName: string, path: string, ctx: SheetBuildContext, sink: ByteSink): BuiltSheet {
  const { styles } = ctx;
  const grid = new CellPlan(styles);
  const rels: Relationship[] = [];
  const parts: NewPart[] = [];
  const relId = () => `rId${rels.length + 1}`;

  // Header texts of table blocks must be unique: the header cells then show exactly the names.
  const blocks: Block[] = sheet.blocks.map((b) => {
    if (!b.table) return b;
    const names = uniqueHeaders(b.columns.map((c) => c.header));
    return { ...b, columns: b.columns.map((c, i) => ({ ...c, header: names[i] })) };
  });

  for (const b of blocks) {
    const t = layoutTitle(b);
    if (t) grid.rect(t);
    grid.add(blockSource(b));
  }

  // Column widths: block columns, then the sheet-level overrides.
  const widths = new Map<number, number>();
  for (const b of blocks) b.columns.forEach((c, i) => typeof c.width === "number" && c.width > 0 && widths.set(b.at.col + i, c.width));
  for (const [k, w] of Object.entries(sheet.columnWidths ?? {})) if (w > 0) widths.set(Number(k), w);

  const dataRange = (b: Block, key: string): string | null => {
    const i = b.columns.findIndex((c) => c.key === key);
    if (i < 0 || b.rows.length === 0) return null;
    const r0 = firstDataRow(b);
    return rangeRef(r0, b.at.col + i, r0 + b.rows.length - 1, b.at.col + i);
  };

  let cf = "";
  const priority = { next: 1 };
  for (const b of blocks) if (b.colours?.length) cf += conditionalFormats(b.colours, (k) => dataRange(b, k), styles, priority);

  const dvs: string[] = [];
  for (const b of blocks)
    for (const v of b.validations ?? []) {
      const ref = dataRange(b, v.column);
      if (ref) dvs.push(dataValidation(v, ref));
    }

  // Tables
  const tableRefs: string[] = [];
  for (const b of blocks) {
    if (!b.table || b.columns.length === 0) continue;
    const top = headerRow(b);
    const bottom = top + Math.max(1, b.rows.length);
    const ref = rangeRef(top, b.at.col, bottom, b.at.col + b.columns.length - 1);
    const { id, name } = ctx.table(b.table.name);
    const tpath = ctx.alloc("xl/tables/table", ".xml");
    parts.push({ path: tpath, content: tableXml(id, name, ref, b.columns.map((c) => c.header), b.table.style ?? "TableStyleMedium2"), contentType: CT.table });
    const rid = relId();
    rels.push({ id: rid, type: REL.table, target: relativeTarget(path, tpath), external: false });
    tableRefs.push(rid);
  }

  // Charts
  let drawingRel = "";
  if (sheet.charts.length) {
    const dpath = ctx.alloc("xl/drawings/drawing", ".xml");
    const drels: Relationship[] = [];
    sheet.charts.forEach((ch: ChartSpec, i) => {
      const cpath = ctx.alloc("xl/charts/chart", ".xml");
      parts.push({ path: cpath, content: chartPartXml(sheet, ch, finalName), contentType: CT.chart });
      drels.push({ id: `rId${i + 1}`, type: REL.chart, target: relativeTarget(dpath, cpath), external: false });
    });
    const anchors = sheet.charts.map((ch, i) => ({ chartRelId: `rId${i + 1}`, at: ch.at, size: ch.size, name: ch.title || `Chart ${i + 1}`, id: i + 2 }));
    parts.push({ path: dpath, content: drawingXml(anchors), contentType: CT.drawing });
    parts.push({ path: relsPathFor(dpath), content: relsXml(drels), contentType: "" });
    drawingRel = relId();
    rels.push({ id: drawingRel, type: REL.drawing, target: relativeTarget(path, dpath), external: false });
  }

  const x: string[] = [XML_DECL, `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">`];
  x.push(sheetPrXml(sheet));
  x.push(`<dimension ref="${grid.dimension()}"/>`);
  x.push(`<sheetViews><sheetView workbookViewId="0">${paneXml(sheet.freeze)}</sheetView></sheetViews>`);
  x.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (widths.size) {
    const cols = [...widths.keys()].sort((a, b) => a - b).map((c) => `<col min="${c + 1}" max="${c + 1}" width="${numberText(widths.get(c)!)}" customWidth="1"/>`);
    x.push(`<cols>${cols.join("")}</cols>`);
  }
  x.push("<sheetData>");
  sink.reserve(sink.len + grid.cellCount * BYTES_PER_CELL + 65536);
  sink.utf8(x.join(""));
  grid.writeRows(sink, new CellXmlWriter(""), sheet.rowHeights);
  const y: string[] = ["</sheetData>"];
  if (sheet.protect) y.push('<sheetProtection sheet="1" objects="1" scenarios="1"/>');
  y.push(autoFilterXml(sheet));
  y.push(cf);
  if (dvs.length) y.push(`<dataValidations count="${dvs.length}">${dvs.join("")}</dataValidations>`);
  y.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  y.push(pageSetupXml(sheet));
  if (drawingRel) y.push(`<drawing r:id="${drawingRel}"/>`);
  if (tableRefs.length) y.push(`<tableParts count="${tableRefs.length}">${tableRefs.map((r) => `<tablePart r:id="${r}"/>`).join("")}</tableParts>`);
  y.push("</worksheet>");
  sink.utf8(y.join(""));
  return { rels, parts, needsRecalc: grid.needsRecalc, printTitles: printTitlesRef(sheet) };
}

/** Tab colour, and "fit to page" (which makes pageSetup's fitToWidth count). */
function sheetPrXml(sheet: SheetPatch): string {
  const tab = sheet.tabColor ? `<tabColor rgb="${argb(sheet.tabColor)}"/>` : "";
  const fit = sheet.setup?.page ? '<pageSetUpPr fitToPage="1"/>' : "";
  return tab || fit ? `<sheetPr>${tab}${fit}</sheetPr>` : "";
}

/** A4 (paperSize 9), `pagesWide` pages wide (1 unless the sheet is very wide) and as many tall as needed. */
function pageSetupXml(sheet: SheetPatch): string {
  const page = sheet.setup?.page;
  return page ? `<pageSetup paperSize="9" orientation="${page.orientation}" fitToWidth="${page.pagesWide ?? 1}" fitToHeight="0"/>` : "";
}

/** The autofilter over a detail block's header and data rows. */
function autoFilterXml(sheet: SheetPatch): string {
  const id = sheet.setup?.autoFilter;
  const b = id ? sheet.blocks.find((x) => x.id === id) : undefined;
  if (!b || b.table || b.headerless || b.rows.length === 0) return "";
  const top = headerRow(b);
  return `<autoFilter ref="${rangeRef(top, b.at.col, top + b.rows.length, b.at.col + b.columns.length - 1)}"/>`;
}

/**
 * The columns and rows repeated on every printed page, as the workbook's _xlnm.Print_Titles
 * lists them: columns first ("$A:$B", "$1:$3"). Undefined when nothing repeats.
 */
function printTitlesRef(sheet: SheetPatch): string[] | undefined {
  const page = sheet.setup?.page;
  const refs: string[] = [];
  const cols = page?.printTitleColumns;
  if (cols) refs.push(`$${columnLetter(cols[0])}:$${columnLetter(cols[1])}`);
  const rows = page?.printTitleRows;
  if (rows) refs.push(`$${rows[0] + 1}:$${rows[1] + 1}`);
  return refs.length ? refs : undefined;
}

function paneXml(freeze: SheetPatch["freeze"]): string {
  const rows = Math.max(0, freeze?.rows ?? 0);
  const cols = Math.max(0, freeze?.cols ?? 0);
  if (!rows && !cols) return "";
  const pane = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  const tl = `${columnLetter(cols)}${rows + 1}`;
  return (
    `<pane${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""} topLeftCell="${tl}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${tl}" sqref="${tl}"/>`
  );
}
