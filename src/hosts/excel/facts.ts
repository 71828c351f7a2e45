/**
 * Phase 1 of applying a patch (or undoing the last run): what `planPlacement` / `planUndo`
 * needs to know about the open workbook.
 *
 *  sync 1: the sheet names;
 *  sync 2: the registry's index (column A: the history of runs), the used-range extent,
 *          protection and used header-row cells of every sheet that receives columns, the
 *          table names of every sheet;
 *  sync 3: only when TierPlan ran before: the outputs of the current run (and, for undo, of the
 *          run before it) from the registry sheet, the cells of the owned column ranges (to
 *          find what a person typed there) and header cells not read yet.
 * Reads are sized from what the registry says was written (outputs' lengths, the bytes of each
 * owned range; ranges written before that was recorded: 64 bytes a cell) and packed up to the
 * byte budget, a range cut anywhere to fill a request; what does not fit goes in further syncs.
 * The sheet list must come back before any sheet can be addressed safely, hence two syncs
 * at least: `getItem` of a missing sheet would fail the whole batch.
 */
import type { CellValue } from "../../sheets/grid";
import {
  CHUNK,
  REGISTRY_COLUMNS,
  REGISTRY_SHEET,
  rangesToInspect,
  readIndex,
  registryColumnsToRead,
  sameSheetName,
  type FoundCell,
  type OwnedColumns,
  type Registry,
  type RegistryIndex,
  type WorkbookFacts,
} from "../../report/ownership";
import { BATCH_BUDGET_BYTES, MAX_CELLS_PER_READ } from "./chunks";
import { ExcelHostError } from "./errors";

const MAX_COLS = 16384;
/**
 * Response bytes assumed per cell of an owned column range whose registry does not say how
 * much TierPlan wrote there (registries written before it did): generous, text cells.
 */
const BYTES_PER_CELL = 64;
/** Response bytes of a cell TierPlan left empty ("" and a comma). */
const EMPTY_CELL_BYTES = 3;
/**
 * Headroom over the size TierPlan wrote, for what a person may have typed over it. None: the
 * batch budget (4 MB) is itself 1 MB under Excel's 5 MB cap, and typing over megabytes of
 * TierPlan's columns with longer text is not what people do.
 */
const TYPED_MARGIN = 1;

export interface ExcelFacts {
  facts: WorkbookFacts;
  /** Table names by sheet name. */
  tablesBySheet: Map<string, string[]>;
  syncs: number;
  /** Rows the registry sheet uses (0: none). */
  registryRows: number;
  /** The history read from the registry sheet. */
  index: RegistryIndex | null;
  /**
   * Width (points) of a column nobody set on a sheet that receives or loses TierPlan's
   * columns: what a column TierPlan no longer owns gets back. Office.js cannot unset a width,
   * and TierPlan's columns sit right of the user's data where widths are as a rule untouched.
   */
  defaultWidth(sheet: string): number | undefined;
}

/** A header row TierPlan writes columns into. */
export interface ColumnTarget {
  sheet: string;
  headerRow: number;
}

/** The used cells of one header row: values from column `col` on. */
interface HeaderLine {
  col: number;
  values: CellValue[];
}

interface ValueBlock {
  sheet: string;
  top: number;
  left: number;
  rows: number;
  cols: number;
  range?: Excel.Range;
  values?: CellValue[][];
  /** A block of the registry sheet (an outputs column). */
  registry?: boolean;
}

/** A block of cells read back: its top-left sheet coordinates and its values. */
export interface ReadBlock {
  top: number;
  left: number;
  values?: CellValue[][];
}

const filled = (v: CellValue | undefined): v is string | number | boolean => v !== undefined && v !== null && v !== "";

/**
 * The filled cells of `blocks` at or below row r0 in columns c0…c1, each once: a cell two
 * blocks overlap on is the first block's. The earlier blocks are asked directly (a handful of
 * rectangles) instead of keeping a set of the cells seen: at 50,000 customers × 18 owned
 * columns the set's 900,000 "row:col" keys kept the pane's thread busy for about 0.7 s.
 */
export function cellsInBlocks(blocks: readonly ReadBlock[], r0: number, c0: number, c1: number): FoundCell[] {
  const out: FoundCell[] = [];
  eachCellInBlocks(blocks, r0, c0, c1, (row, col, value) => out.push({ row, col, value }));
  return out;
}

/** cellsInBlocks one cell at a time, in the same order, without making an object per cell; rows below r1 - 1 left out. */
export function eachCellInBlocks(blocks: readonly ReadBlock[], r0: number, c0: number, c1: number, visit: (row: number, col: number, value: CellValue) => void, r1 = Infinity): void {
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi];
    const rows = b.values ?? [];
    const end = Math.min(rows.length, r1 - b.top);
    for (let i = Math.max(0, r0 - b.top); i < end; i++) {
      const row = rows[i];
      const r = b.top + i;
      for (let j = Math.max(0, c0 - b.left); j < row.length && b.left + j <= c1; j++) {
        const v = row[j];
        if (!filled(v)) continue;
        const c = b.left + j;
        let earlier = false;
        for (let k = 0; k < bi && !earlier; k++) {
          // Rows outside an earlier block are ruled out by number: reading past an array's ends is slow.
          const e = blocks[k];
          const i2 = r - e.top;
          const er = e.values && i2 >= 0 && i2 < e.values.length ? e.values[i2] : undefined;
          const j2 = c - e.left;
          earlier = er !== undefined && j2 >= 0 && j2 < er.length && filled(er[j2]);
        }
        if (!earlier) visit(r, c, v);
      }
    }
  }
}

/** Rows of columns A and C of the registry sheet read at once (the index and a version 1 registry: a few KB). */
const REGISTRY_JSON_ROWS = 200;
/** Bytes per cell of the registry's outputs columns: chunks of 30,000 characters, quoted. */
const REGISTRY_DENSITY = 30008;
/** Response bytes of a row's brackets and separator, and of one range's envelope. */
const ROW_BYTES = 3;
const RANGE_BYTES = 64;

function notFound(sheet: string): ExcelHostError {
  return new ExcelHostError(
    "ItemNotFound",
    `The sheet "${sheet}" was not found: it may have been renamed or deleted. Run TierPlan again.`,
    `找不到工作表"${sheet}"：可能已被重命名或删除。请重新运行 TierPlan。`,
  );
}

function protectedSheet(sheet: string): ExcelHostError {
  return new ExcelHostError(
    "AccessDenied",
    `The sheet "${sheet}" is protected, so TierPlan cannot add its columns. Unprotect it (Review › Unprotect Sheet) and run TierPlan again.`,
    `工作表"${sheet}"受保护，TierPlan 无法添加列。请取消保护（审阅 › 撤消工作表保护）后重新运行 TierPlan。`,
  );
}

/**
 * @param targets where columns go: known up front (a patch's columns; a missing sheet is an
 *   error), or derived from the registry's history (undo; missing sheets are skipped).
 * @param forUndo read what undoing the current run needs (the run before it too).
 */
export async function readFacts(
  context: Excel.RequestContext,
  targets: ColumnTarget[] | ((index: RegistryIndex | null) => ColumnTarget[]),
  budget: number = BATCH_BUDGET_BYTES,
  forUndo = false,
): Promise<ExcelFacts> {
  let syncs = 0;
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  syncs++;
  const items = worksheets.items;
  const sheetNames = items.map((s) => s.name);
  const sheetOf = (name: string): Excel.Worksheet | undefined => items.find((s) => s.name === name) ?? items.find((s) => sameSheetName(s.name, name));

  const known = Array.isArray(targets) ? targets : null;
  for (const t of known ?? []) if (!sheetOf(t.sheet)) throw notFound(t.sheet);

  const registryWs = sheetOf(REGISTRY_SHEET);
  // The registry sheet: its extent, and columns A and C (the index; C only in version 1 sheets)
  // now; the outputs columns the plan needs (possibly megabytes) with the column ranges below.
  const registryUsed = registryWs?.getUsedRangeOrNullObject(true).load("rowCount,columnCount");
  const registryA = registryWs?.getRangeByIndexes(0, 0, REGISTRY_JSON_ROWS, 1).load("values");
  const registryC = registryWs?.getRangeByIndexes(0, 2, REGISTRY_JSON_ROWS, 1).load("values");
  const used = new Map<string, Excel.Range>();
  const protections = new Map<string, Excel.WorksheetProtection>();
  const headerRanges = new Map<string, Excel.Range>();
  const key = (sheet: string, row: number): string => `${sheet.toLowerCase()}\u0000${row}`;
  const queueHeader = (sheet: string, row: number): void => {
    const ws = sheetOf(sheet);
    if (!ws || headerRanges.has(key(ws.name, row))) return;
    headerRanges.set(key(ws.name, row), ws.getRangeByIndexes(row, 0, 1, MAX_COLS).getUsedRangeOrNullObject(true).load("values,columnIndex"));
  };
  const lastColumns = new Map<string, Excel.Range>();
  const queueSheet = (sheet: string, withProtection: boolean): void => {
    const ws = sheetOf(sheet);
    if (!ws) return;
    if (!used.has(ws.name)) {
      used.set(ws.name, ws.getUsedRangeOrNullObject(true).load("rowIndex,rowCount,columnIndex,columnCount"));
      // The width of column XFD stands for the width of a column nobody set (see defaultWidth).
      const last = ws.getRangeByIndexes(0, MAX_COLS - 1, 1, 1);
      last.format.load("columnWidth");
      lastColumns.set(ws.name, last);
    }
    if (withProtection && !protections.has(ws.name)) protections.set(ws.name, ws.protection.load("protected"));
  };
  for (const t of known ?? []) {
    queueSheet(t.sheet, true);
    queueHeader(t.sheet, t.headerRow);
  }
  // Every sheet's extent, a few bytes each: whichever sheets the registry names (owned ranges,
  // undo's targets), their cells can then be read in the next sync.
  for (const ws of items) queueSheet(ws.name, false);
  const tables = items.map((ws) => ws.tables.load("items/name"));
  if (items.length > 0) {
    await context.sync();
    syncs++;
  }
  const checkProtection = (): void => {
    // Fail before writing anything rather than half way through.
    for (const [sheet, p] of protections) if (p.protected) throw protectedSheet(sheet);
  };
  checkProtection();

  let registryCells: CellValue[][] | null = null;
  const registryRows = registryUsed && !registryUsed.isNullObject ? registryUsed.rowCount : 0;
  if (registryRows > 0) {
    const a = registryA!.values as CellValue[][];
    const c = registryC!.values as CellValue[][];
    registryCells = [];
    for (let r = 0; r < registryRows; r++) {
      const row: CellValue[] = new Array(REGISTRY_COLUMNS).fill(null);
      row[0] = r < a.length ? a[r][0] : null;
      row[2] = r < c.length ? c[r][0] : null;
      registryCells.push(row);
    }
  }
  registryA?.untrack();
  registryC?.untrack();
  const index = readIndex(registryCells);
  const registry: Registry | null = index?.runs[0].registry ?? null;

  // Sync 3: header cells and used ranges not read yet, and the owned column ranges' cells.
  const queuedAfterSync2 = headerRanges.size + used.size + protections.size;
  const usedLoadedBefore = new Set(used.keys());
  const derived = known ? [] : (targets as (ix: RegistryIndex | null) => ColumnTarget[])(index).filter((t) => sheetOf(t.sheet));
  for (const t of derived) {
    queueSheet(t.sheet, true);
    queueHeader(t.sheet, t.headerRow);
  }
  const inspect = rangesToInspect(index, forUndo).filter((o) => sheetOf(o.sheet));
  for (const o of registry?.columns ?? []) queueHeader(o.sheet, o.headerRow);
  for (const o of inspect) {
    queueHeader(o.sheet, o.headerRow);
    queueSheet(o.sheet, false);
  }
  const blocks: ValueBlock[] = [];
  const pendingRanges: typeof inspect = [];
  let planned = 0;
  /** A rectangle still to read, with the response bytes one of its rows is expected to take. */
  type Span = { sheet: string; top: number; left: number; rows: number; cols: number; rowBytes: number; registry?: boolean };
  const span = (sheet: string, top: number, bottom: number, left: number, cols: number, bytesPerCell: number, registry?: boolean): Span[] =>
    bottom < top ? [] : [{ sheet, top, left, rows: bottom - top + 1, cols, rowBytes: cols * bytesPerCell + ROW_BYTES, registry }];
  const queueValues = (list: Span[], limit: number): Span[] => {
    // Fill this request up to `limit`: whole spans while they fit, then the rows of the next
    // one that still fit (a span is cut anywhere: the cells come back the same).
    const rest = list.slice();
    while (rest.length) {
      const sp = rest[0];
      const room = Math.floor((limit - planned - RANGE_BYTES) / sp.rowBytes);
      let rows = Math.min(sp.rows, room, Math.max(1, Math.floor(MAX_CELLS_PER_READ / sp.cols)));
      if (rows <= 0) {
        if (planned > 0) break;
        rows = 1; // one row larger than a request: it goes alone
      }
      planned += rows * sp.rowBytes + RANGE_BYTES;
      const b: ValueBlock = { sheet: sp.sheet, top: sp.top, left: sp.left, rows, cols: sp.cols, registry: sp.registry };
      b.range = sheetOf(b.sheet)!.getRangeByIndexes(b.top, b.left, b.rows, b.cols).load("values");
      blocks.push(b);
      if (rows === sp.rows) rest.shift();
      else rest[0] = { ...sp, top: sp.top + rows, rows: sp.rows - rows };
    }
    return rest;
  };
  let waiting: Span[] = [];
  /** The rows TierPlan wrote in an owned range, sized from what it wrote (the registry records it). */
  const writtenSpans = (o: OwnedColumns): Span[] => {
    const cols = o.headers.length;
    const written = (o.lastRow! - o.headerRow + 1) * cols;
    const perCell = Math.max(EMPTY_CELL_BYTES, (o.bytes! / written) * TYPED_MARGIN);
    return span(sheetOf(o.sheet)!.name, o.headerRow, o.lastRow!, o.firstCol, cols, perCell);
  };
  /** The rest of an owned range down to the sheet's last used row (needs the used range). */
  const restSpans = (o: OwnedColumns, known: boolean): Span[] => {
    const ws = sheetOf(o.sheet)!;
    const u = used.get(ws.name)!;
    if (u.isNullObject) return [];
    const bottom = u.rowIndex + u.rowCount - 1;
    const cols = o.headers.length;
    if (!known) return span(ws.name, o.headerRow, bottom, o.firstCol, cols, BYTES_PER_CELL);
    // Below the last row TierPlan wrote, only what a person typed: empty cells as a rule.
    return span(ws.name, o.lastRow! + 1, bottom, o.firstCol, cols, EMPTY_CELL_BYTES * TYPED_MARGIN);
  };
  const sized = (o: OwnedColumns): boolean => o.bytes !== undefined && o.lastRow !== undefined;
  const seenRanges = new Set<string>();
  for (const o of inspect) {
    const k = `${o.sheet.toLowerCase()}\u0000${o.headerRow}:${o.firstCol}:${o.headers.length}`;
    if (seenRanges.has(k)) continue;
    seenRanges.add(k);
    // The rows TierPlan wrote are read now even when the sheet's extent comes in this same
    // sync (undo's targets): the registry says where they are.
    if (sized(o)) waiting.push(...writtenSpans(o));
    if (usedLoadedBefore.has(sheetOf(o.sheet)!.name)) waiting.push(...restSpans(o, sized(o)));
    else pendingRanges.push(o);
  }
  // The outputs columns of the registry sheet the plan needs: a header, then chunks of 30,000
  // characters; the last chunk's length is known from the index.
  if (registryRows > 0 && registryWs) {
    const name = registryWs.name;
    for (const { col, rows, chars } of registryColumnsToRead(index, forUndo)) {
      const height = Math.min(registryRows, rows ?? registryRows);
      const full = chars === undefined ? height - 1 : Math.min(height - 1, Math.floor(chars / CHUNK));
      waiting.push(...span(name, 0, 0, col, 1, 64, true), ...span(name, 1, full, col, 1, REGISTRY_DENSITY, true));
      if (height - 1 > full) waiting.push(...span(name, full + 1, height - 1, col, 1, chars === undefined ? REGISTRY_DENSITY : (chars % CHUNK) + 8, true));
    }
  }
  waiting = queueValues(waiting, budget);
  if (blocks.length || headerRanges.size + used.size + protections.size > queuedAfterSync2) {
    await context.sync();
    syncs++;
  }
  checkProtection();
  for (const o of pendingRanges) waiting.push(...restSpans(o, sized(o)));
  // Further syncs only for column ranges larger than one request.
  while (waiting.length) {
    planned = 0;
    waiting = queueValues(waiting, budget);
    await context.sync();
    syncs++;
  }

  const lastCol = new Map<string, number>();
  for (const [sheet, r] of used) lastCol.set(sheet, r.isNullObject ? -1 : r.columnIndex + r.columnCount - 1);
  const defaultWidths = new Map<string, number>();
  for (const [sheet, r] of lastColumns) {
    defaultWidths.set(sheet, r.format.columnWidth);
    r.untrack();
  }
  const headers = new Map<string, HeaderLine>();
  for (const [k, r] of headerRanges) {
    if (!r.isNullObject) headers.set(k, { col: r.columnIndex, values: (r.values as CellValue[][])[0] });
    r.untrack();
  }
  for (const b of blocks) {
    b.values = b.range!.values as CellValue[][];
    b.range!.untrack();
    b.range = undefined;
    if (b.registry && registryCells) b.values.forEach((row, i) => (registryCells![b.top + i][b.left] = row[0] === "" ? null : row[0]));
  }
  const tablesBySheet = new Map<string, string[]>();
  items.forEach((ws, i) => tablesBySheet.set(ws.name, tables[i].items.map((t) => t.name)));

  /** The blocks of a sheet's cells read back (not the registry's). */
  const readBack = (sheet: string) => {
    const name = sheetOf(sheet)?.name ?? sheet;
    return blocks.filter((b) => b.sheet === name && b.values && !b.registry);
  };
  const facts: WorkbookFacts = {
    sheetNames,
    registry,
    registryCells,
    lastUsedCol: (sheet) => lastCol.get(sheetOf(sheet)?.name ?? sheet) ?? -1,
    valueAt: (sheet, row, col) => {
      const line = headers.get(key(sheetOf(sheet)?.name ?? sheet, row));
      if (!line) return null;
      const v = line.values[col - line.col];
      return v === undefined || v === "" ? null : v;
    },
    cellsBelow: (sheet, r0, c0, c1) => cellsInBlocks(readBack(sheet), r0, c0, c1),
    eachCellBelow: (sheet, r0, c0, c1, visit, r1) => eachCellInBlocks(readBack(sheet), r0, c0, c1, visit, r1),
  };
  return { facts, tablesBySheet, syncs, registryRows, index, defaultWidth: (sheet) => defaultWidths.get(sheetOf(sheet)?.name ?? sheet) };
}
