/**
 * Reads an .xlsx workbook into WorkbookGrids, in Node and in the browser.
 *
 * Why hand-written and not ExcelJS: ExcelJS 4.4.0 throws `Cannot read properties of undefined
 * (reading 'anchors')` on workbooks whose charts were written by openpyxl (ENGINEERING.md),
 * and users' workbooks routinely carry charts, pivots, images, comments and external links.
 * It also builds a full object model (styles, every cell object) that TierPlan never needs.
 * This reader only inflates the parts it needs (workbook, relationships, shared strings,
 * worksheets; charts, pivot caches and media stay compressed), through the DEFLATE seam
 * (report/deflate.ts: Node's zlib in the CLI, fflate in the browser), and scans <sheetData> as
 * bytes, chunk by chunk as the inflater produces them (sheetScan.ts). Measured on this machine
 * (Node 20; generated sheets of 8 columns — numbers, shared strings, a date, a formula with its
 * cached value, a boolean; `npx tsx test/hosts/xlsx/readBench.ts 200000 500000`, fflate):
 *
 *   200,000 rows (9.1 MB .xlsx):  ExcelJS 4.4.0 `workbook.xlsx.load` 4.5 s and ~860 MB heap;
 *                                 readWorkbook 0.42 s (0.55 s with the earlier string scanner)
 *   500,000 rows (22.9 MB .xlsx): readWorkbook 0.85 s (1.38 s with the string scanner)
 *
 * On the CLI bench's 26.7 MB workbook (500,000 sales lines, a 156 MB sheet; `bench/readPhases.ts`,
 * Node's zlib, first run in a fresh process, median of 5 on a shared 2-core machine): 0.86 s
 * (1.59 s with fflate's unzipSync and the string scanner); heap holding the grids after a GC
 * 93 MB (136 MB).
 *
 * Values follow Office.js `Range.values`: numbers, strings, booleans; dates stay Excel serial
 * numbers; a formula cell gives its cached value; an error cell its text ("#N/A").
 */
import type { CellValue, SheetGrid, WorkbookGrids } from "../../sheets/grid";
import {
  WorkbookReadError,
  checkSignature,
  findEntry,
  inflateEntryChunks,
  inflateEntryChunksAsync,
  openPackage,
  parseWorkbook,
  pendingEntry,
  readErrors,
  relsPathFor,
  resolveTarget,
  workbookPartName,
  type SheetEntry,
  type WorkbookInfo,
} from "./opc";
import type { ZipEntry } from "./zipRaw";
import { GridLimitError, WorksheetScanner, parseSharedStrings, scanWorksheet, type ScannedSheet } from "./sheetScan";
import { ReadLimitError } from "./limits";
import { dateStyleFlags } from "./styles";
import { decodeXml, rootTag } from "./xml";

export { WorkbookReadError } from "./opc";
export type { WorkbookReadErrorCode } from "./opc";

function isAscending(a: number[]): boolean {
  for (let k = 1; k < a.length; k++) if (a[k] <= a[k - 1]) return false;
  return true;
}

/** Turn a scanned sheet into a grid relative to its used range's top-left. */
function gridFromScan(name: string, sc: ScannedSheet, hidden: boolean): SheetGrid {
  const grid: SheetGrid = { name, rows: [], origin: { row: 0, col: 0 } };
  if (hidden) grid.hidden = true;
  if (sc.maxRow < 0) return grid;
  const minRow = sc.minRow;
  const minCol = sc.minCol === Infinity ? 0 : sc.minCol;
  grid.origin = { row: minRow, col: minCol };
  const height = sc.maxRow - minRow + 1;
  if (minCol === 0 && sc.rowNums.length === height && sc.rowNums[0] === minRow && sc.rowNums[height - 1] === sc.maxRow && isAscending(sc.rowNums)) {
    // Every row from the first to the last, in order (the usual sheet): the scanned rows are the grid.
    grid.rows = sc.rowCells;
    return grid;
  }
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
    /**
     * Scan a worksheet that `files` (an openPackage record) has not inflated yet straight from
     * its compressed entry, chunk by chunk, without keeping the part (readWorkbook reads each
     * sheet once). Off for the writer, which reads the parts it edits again.
     */
    private readonly streamSheets = false,
  ) {}

  /**
   * Open from entries already unzipped, or from an openPackage record (must include the
   * workbook, its rels, shared strings and sheets).
   */
  static fromFiles(files: Record<string, Uint8Array>, opts: { streamSheets?: boolean } = {}): WorkbookSource {
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
    return new WorkbookSource(files, wb, opts.streamSheets ?? false);
  }

  /** Worksheets (chart sheets and macro sheets have no cells and are left out), in tab order. */
  get worksheets(): SheetEntry[] {
    return this.wb.sheets.filter((s) => s.kind === "worksheet");
  }

  private dates: Uint8Array | undefined | null = null;

  /** For a 1904-system workbook, which cell styles are dates (styles.ts dateStyleFlags). */
  private styleDates(): Uint8Array | undefined {
    if (this.dates === null) {
      const p = this.wb.stylesPath;
      this.dates = this.wb.date1904 ? dateStyleFlags(p && this.files[p] ? decodeXml(this.files[p]) : "") : undefined;
    }
    return this.dates;
  }

  private sharedStrings(): string[] {
    if (!this.sst) {
      const p = this.wb.sharedStringsPath ?? findEntry(this.files, resolveTarget(this.wb.path, "sharedStrings.xml"));
      this.sst = p && this.files[p] ? parseSharedStrings(this.files[p]) : [];
    }
    return this.sst;
  }

  grid(entry: SheetEntry): SheetGrid {
    const known = this.grids.get(entry.name);
    if (known) return known;
    return this.gridOf(entry, () => {
      const scan = this.scanStart(entry);
      if ("done" in scan) return scan.done;
      inflateEntryChunks(scan.zipEntry, (chunk) => scan.scanner.push(chunk));
      return scan.scanner.end();
    });
  }

  /** grid() with the sheet inflated by the platform where it can (opc.ts inflateEntryChunksAsync): the standalone page. */
  async gridAsync(entry: SheetEntry): Promise<SheetGrid> {
    const known = this.grids.get(entry.name);
    if (known) return known;
    const scan = this.scanStart(entry);
    if ("done" in scan) return this.gridOf(entry, () => scan.done);
    try {
      await inflateEntryChunksAsync(scan.zipEntry, (chunk) => scan.scanner.push(chunk));
    } catch (e) {
      throw asReadError(e, entry.name);
    }
    return this.gridOf(entry, () => scan.scanner.end());
  }

  private gridOf(entry: SheetEntry, scanned: () => ScannedSheet): SheetGrid {
    let g: SheetGrid;
    try {
      g = gridFromScan(entry.name, scanned(), entry.state !== "visible");
    } catch (e) {
      throw asReadError(e, entry.name);
    }
    this.grids.set(entry.name, g);
    return g;
  }

  /** A sheet scanned at once, or the compressed entry to stream into a scanner. */
  private scanStart(entry: SheetEntry): { done: ScannedSheet } | { zipEntry: ZipEntry; scanner: WorksheetScanner } {
    try {
      // Grids are in the 1900 date system (sheets/grid.ts): a 1904 workbook's date cells are moved.
      const ctx = () => ({ sst: this.sharedStrings(), date1904: false, styleDates: this.styleDates() });
      if (entry.path && !(entry.path in this.files)) throw readErrors.missingPart(entry.path, entry.name);
      if (!entry.path) return { done: { rowNums: [], rowCells: [], minCol: Infinity, minRow: Infinity, maxRow: -1 } };
      const zipEntry = this.streamSheets ? pendingEntry(this.files, entry.path) : undefined;
      if (!zipEntry) return { done: scanWorksheet(this.files[entry.path], ctx()) };
      return { zipEntry, scanner: new WorksheetScanner(ctx()) };
    } catch (e) {
      throw asReadError(e, entry.name);
    }
  }
}

/**
 * Read every worksheet of an .xlsx file. Throws WorkbookReadError for files that are not
 * readable workbooks (not a ZIP, damaged, encrypted, .xls/.xlsb, no workbook part).
 */
export function readWorkbook(bytes: Uint8Array): WorkbookGrids {
  checkSignature(bytes);
  try {
    // Parts are inflated when first read (workbook, relationships, shared strings); worksheets
    // are scanned while they inflate and are not kept.
    const src = WorkbookSource.fromFiles(openPackage(bytes), { streamSheets: true });
    return { sheets: src.worksheets.map((s) => src.grid(s)) };
  } catch (e) {
    throw asReadError(e);
  }
}

/**
 * readWorkbook with the worksheets inflated by the platform's native inflate where it has one
 * (the standalone page's worker: half the time of fflate's in Chromium). Same grids, same errors.
 */
export async function readWorkbookAsync(bytes: Uint8Array): Promise<WorkbookGrids> {
  checkSignature(bytes);
  try {
    const src = WorkbookSource.fromFiles(openPackage(bytes), { streamSheets: true });
    const sheets: SheetGrid[] = [];
    for (const s of src.worksheets) sheets.push(await src.gridAsync(s));
    return { sheets };
  } catch (e) {
    throw asReadError(e);
  }
}

/**
 * Any failure while reading a package as the WorkbookReadError users see: limits (limits.ts) and
 * references past the grid named with their sheet, anything else as a damaged workbook.
 */
export function asReadError(e: unknown, sheet?: string): WorkbookReadError {
  if (e instanceof WorkbookReadError) return e;
  if (e instanceof GridLimitError) {
    const where = sheet ? `sheet "${sheet}": ` : "";
    const whereZh = sheet ? `工作表“${sheet}”：` : "";
    return new WorkbookReadError(
      "tooLarge",
      `The workbook cannot be read: ${where}${e.message}. Nothing was changed.`,
      `无法读取工作簿：${whereZh}${e.ref} 超出 Excel 的表格范围（1,048,576 行 × 16,384 列）。未做任何修改。`,
    );
  }
  if (e instanceof ReadLimitError) return readErrors.tooLarge(e.en, e.zh);
  return readErrors.corrupt(e instanceof Error ? e.message : undefined);
}
