/**
 * Reads an .xlsx workbook into WorkbookGrids, in Node and in the browser.
 *
 * Why hand-written and not ExcelJS: ExcelJS 4.4.0 throws `Cannot read properties of undefined
 * (reading 'anchors')` on workbooks whose charts were written by openpyxl (ENGINEERING.md),
 * and users' workbooks routinely carry charts, pivots, images, comments and external links.
 * It also builds a full object model (styles, every cell object) that TierPlan never needs.
 * This reader only inflates the parts it needs (workbook, relationships, shared strings,
 * worksheets; charts, pivot caches and media stay compressed) and scans <sheetData> with
 * indexOf. Measured on this machine (Node 20; generated sheets of 8 columns — numbers, shared
 * strings, a date, a formula with its cached value, a boolean; `npx tsx
 * test/hosts/xlsx/readBench.ts 200000`):
 *
 *   200,000 rows (9.1 MB .xlsx): ExcelJS 4.4.0 `workbook.xlsx.load` 4.5 s and ~860 MB heap;
 *                                readWorkbook 0.5 s and ~100 MB heap
 *   500,000 rows (23 MB .xlsx):  readWorkbook 1.4 s
 *
 * Values follow Office.js `Range.values`: numbers, strings, booleans; dates stay Excel serial
 * numbers; a formula cell gives its cached value; an error cell its text ("#N/A").
 */
import type { CellValue, SheetGrid, WorkbookGrids } from "../../sheets/grid";
import {
  WorkbookReadError,
  checkSignature,
  findEntry,
  officeDocumentTarget,
  parseWorkbook,
  readErrors,
  relsPathFor,
  resolveTarget,
  unzipPackage,
  workbookPartName,
  type SheetEntry,
  type WorkbookInfo,
} from "./opc";
import { parseSharedStrings, scanWorksheet, type ScannedSheet } from "./sheetScan";
import { decodeXml, rootTag } from "./xml";

export { WorkbookReadError } from "./opc";
export type { WorkbookReadErrorCode } from "./opc";

/** Turn a scanned sheet into a grid relative to its used range's top-left. */
export function gridFromScan(name: string, sc: ScannedSheet, hidden: boolean): SheetGrid {
  const grid: SheetGrid = { name, rows: [], origin: { row: 0, col: 0 } };
  if (hidden) grid.hidden = true;
  if (sc.maxRow < 0) return grid;
  const minRow = sc.minRow;
  const minCol = sc.minCol === Infinity ? 0 : sc.minCol;
  grid.origin = { row: minRow, col: minCol };
  const height = sc.maxRow - minRow + 1;
  const rows: CellValue[][] = new Array(height);
  let prev = -1;
  let sorted = true;
  for (let k = 0; k < sc.rowNums.length; k++) {
    const r = sc.rowNums[k];
    if (r <= prev) sorted = false;
    prev = r;
    const cells = sc.rowCells[k];
    const row = minCol === 0 ? cells : cells.slice(minCol);
    if (sorted || rows[r - minRow] === undefined) rows[r - minRow] = row;
    else {
      // The same row twice (invalid but seen in the wild): merge, later cells win.
      const into = rows[r - minRow];
      for (let c = 0; c < row.length; c++) {
        if (row[c] === null) continue;
        while (into.length < c) into.push(null);
        into[c] = row[c];
      }
    }
  }
  for (let i = 0; i < height; i++) if (rows[i] === undefined) rows[i] = [];
  grid.rows = rows;
  return grid;
}

/**
 * A workbook package opened for reading: the workbook part parsed, sheets scanned on demand.
 * Used by readWorkbook and by the writer (to read the facts it plans with).
 */
export class WorkbookSource {
  private sst: string[] | null = null;
  private readonly grids = new Map<string, SheetGrid>();

  constructor(
    readonly files: Record<string, Uint8Array>,
    readonly wb: WorkbookInfo,
  ) {}

  /** Open from entries already unzipped (must include the workbook, its rels, shared strings and sheets). */
  static fromFiles(files: Record<string, Uint8Array>): WorkbookSource {
    const wbPath = workbookPartName(files);
    if (!wbPath) {
      if (findEntry(files, "xl/workbook.bin")) throw readErrors.xlsb();
      throw readErrors.notWorkbook();
    }
    const xml = decodeXml(files[wbPath]);
    if (!rootTag(xml)) throw readErrors.corrupt("xl/workbook.xml");
    const relsEntry = findEntry(files, relsPathFor(wbPath));
    const wb = parseWorkbook(wbPath, xml, relsEntry ? decodeXml(files[relsEntry]) : undefined, files);
    // Workbooks written without a relationships part for their sheets: try the usual names.
    for (let i = 0; i < wb.sheets.length; i++) {
      const s = wb.sheets[i];
      if (!s.path && s.kind === "other") {
        const guess = findEntry(files, `xl/worksheets/sheet${i + 1}.xml`);
        if (guess) {
          s.path = guess;
          s.kind = "worksheet";
        }
      }
    }
    return new WorkbookSource(files, wb);
  }

  /** Worksheets (chart sheets and macro sheets have no cells and are left out), in tab order. */
  get worksheets(): SheetEntry[] {
    return this.wb.sheets.filter((s) => s.kind === "worksheet");
  }

  private sharedStrings(): string[] {
    if (!this.sst) {
      const p = this.wb.sharedStringsPath ?? findEntry(this.files, resolveTarget(this.wb.path, "sharedStrings.xml"));
      this.sst = p && this.files[p] ? parseSharedStrings(this.files[p]) : [];
    }
    return this.sst;
  }

  grid(entry: SheetEntry): SheetGrid {
    let g = this.grids.get(entry.name);
    if (!g) {
      const bytes = entry.path ? this.files[entry.path] : undefined;
      const sc: ScannedSheet = bytes
        ? scanWorksheet(bytes, { sst: this.sharedStrings(), date1904: this.wb.date1904 })
        : { rowNums: [], rowCells: [], minCol: Infinity, minRow: Infinity, maxRow: -1 };
      g = gridFromScan(entry.name, sc, entry.state !== "visible");
      this.grids.set(entry.name, g);
    }
    return g;
  }
}

/**
 * Read every worksheet of an .xlsx file. Throws WorkbookReadError for files that are not
 * readable workbooks (not a ZIP, damaged, encrypted, .xls/.xlsb, no workbook part).
 */
export function readWorkbook(bytes: Uint8Array): WorkbookGrids {
  checkSignature(bytes);
  // Pass 1: relationships and the workbook part only (small), plus the names of all entries.
  const names: string[] = [];
  const meta = unzipPackage(bytes, (f) => {
    names.push(f.name);
    return f.name.endsWith(".rels") || /(^|\/)workbook[^/]*\.xml$/i.test(f.name);
  });
  const nameSet: Record<string, true> = {};
  for (const n of names) nameSet[n] = true;
  // A workbook part with an unusual name: fetch it and its relationships by name.
  const target = officeDocumentTarget(meta);
  const targetEntry = target ? findEntry(nameSet, target) : undefined;
  if (targetEntry && !meta[targetEntry]) Object.assign(meta, unzipPackage(bytes, (f) => f.name === targetEntry));
  const wbPath = workbookPartName(meta);
  if (!wbPath) {
    if (findEntry(nameSet, "xl/workbook.bin")) throw readErrors.xlsb();
    throw readErrors.notWorkbook();
  }
  const wbXml = decodeXml(meta[wbPath]);
  if (!rootTag(wbXml)) throw readErrors.corrupt(wbPath);
  const relsEntry = findEntry(meta, relsPathFor(wbPath));
  const info = parseWorkbook(wbPath, wbXml, relsEntry ? decodeXml(meta[relsEntry]) : undefined, nameSet);
  // Pass 2: shared strings and the worksheets.
  const want = new Set<string>();
  if (info.sharedStringsPath) want.add(info.sharedStringsPath);
  else {
    const guess = findEntry(nameSet, resolveTarget(wbPath, "sharedStrings.xml"));
    if (guess) want.add(guess);
  }
  info.sheets.forEach((s, i) => {
    if (s.kind === "worksheet" && s.path) want.add(s.path);
    if (s.kind === "other" && !s.path) {
      const guess = findEntry(nameSet, `xl/worksheets/sheet${i + 1}.xml`);
      if (guess) want.add(guess);
    }
  });
  const data = unzipPackage(bytes, (f) => want.has(f.name));
  const files: Record<string, Uint8Array> = { ...meta, ...data };
  let src: WorkbookSource;
  try {
    src = WorkbookSource.fromFiles(files);
    return { sheets: src.worksheets.map((s) => src.grid(s)) };
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw readErrors.corrupt(e instanceof Error ? e.message : undefined);
  }
}
