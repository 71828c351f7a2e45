/**
 * Read every sheet of the open workbook into WorkbookGrids (src/sheets/grid.ts).
 *
 * Round trips: one sync for the sheet list, one for every sheet's used range, then the values
 * in row blocks whose estimated response stays under the 4 MB batch budget (and 5,000,000
 * cells), as many blocks per sync as fit. The estimate starts at 32 bytes per cell and follows
 * what Excel actually returns, sheet by sheet (×1.03 margin: enough, since the 4 MB budget is 1 MB under Excel's cap and a refused batch is re-cut and retried); a batch Excel still refuses as too large is
 * retried with blocks half the size. Dates arrive as serial numbers, as Office.js gives them.
 *
 * TierPlan's own sheets (those its registry lists) and the registry sheet are no one's input:
 * unless `withOutputs` asks for them they come back as empty grids, unread, so a re-run reads
 * what a first run reads plus TierPlan's columns beside the user's data (the registry's index
 * is read with the used ranges, in the second sync).
 */
import type { CellValue, SheetGrid, WorkbookGrids } from "../../sheets/grid";
import { parseRangeAddress } from "./addresses";
import { REGISTRY_SHEET, parseRegistry, sameSheetName, sheetKey } from "../../report/ownership";
import { BATCH_BUDGET_BYTES, MAX_CELLS_PER_READ, READ_BYTES_PER_CELL, cellJsonBytes } from "./chunks";
import { defaultIsSetSupported, type IsSetSupported } from "./requirements";
import { nextTask } from "./pace";
import { DAYS_1904, isDateFormatCode } from "../../sheets/dateSystem";

export { DAYS_1904 };

/**
 * The workbook's date system, asked in the sync that is made anyway: Workbook.use1904DateSystem
 * exists from ExcelApi 1.16; below it the system cannot be known (undefined).
 */
export function queueDateSystem(context: Excel.RequestContext, isSetSupported: IsSetSupported): () => boolean | undefined {
  if (!isSetSupported("ExcelApi", "1.16")) return () => undefined;
  const wb = context.workbook as unknown as { load(p: string): void; use1904DateSystem: boolean };
  wb.load("use1904DateSystem");
  return () => !!wb.use1904DateSystem;
}

export interface ReadOptions {
  /** Response budget per sync in bytes (default 4 MB). */
  budgetBytes?: number;
  /** Starting estimate of response bytes per cell (default 32). */
  bytesPerCell?: number;
  /** Filled in with the number of round trips used. */
  stats?: { syncs: number };
  /** Read TierPlan's own sheets and its registry too (tests comparing outputs); default: skipped. */
  withOutputs?: boolean;
  /** Requirement-set detector (the date system needs ExcelApi 1.16); default: ask Office. */
  isSetSupported?: IsSetSupported;
}

/** Rows of the registry's index (column A) read to learn which sheets are TierPlan's. */
const REGISTRY_INDEX_ROWS = 200;


interface Block {
  sheetIndex: number;
  /** 0-based sheet row and column of the block's first cell. */
  row: number;
  col: number;
  rows: number;
  cols: number;
  /** Index in grid.rows of the block's first row. */
  offset: number;
  /** Known response bytes per cell (TierPlan's registry sheet holds 30,000-character chunks). */
  density?: number;
}

/** Bytes per cell of the registry sheet: chunks of 30,000 characters (report/ownership.ts). */
const REGISTRY_DENSITY = 31000;

/** Margin over the bytes per cell measured so far. */
const READ_MARGIN = 1.03;

const PAYLOAD_ERRORS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"]);
const MAX_BYTES_PER_CELL = 32767 * 3;

export async function readWorkbookGrids(context: Excel.RequestContext, opts: ReadOptions = {}): Promise<WorkbookGrids> {
  const budget = opts.budgetBytes ?? BATCH_BUDGET_BYTES;
  let bytesPerCell = opts.bytesPerCell ?? READ_BYTES_PER_CELL;
  let ceiling = bytesPerCell;
  let syncs = 0;

  // Phase 1a: the sheets, in tab order.
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  const dateSystem = queueDateSystem(context, opts.isSetSupported ?? defaultIsSetSupported);
  await context.sync();
  syncs++;
  const sheets = worksheets.items;
  // A 1904 workbook: number formats are read with the values, and date cells are moved to the
  // 1900 system the grids promise (sheets/grid.ts). Unknown (ExcelApi < 1.16): read as 1900, flagged.
  const date1904 = dateSystem();

  // Phase 1b: every sheet's used range (values only: formatting alone does not make data).
  const used = sheets.map((ws) => ws.getUsedRangeOrNullObject(true).load("address,rowCount,columnCount"));
  const registryWs = opts.withOutputs ? undefined : sheets.find((ws) => sameSheetName(ws.name, REGISTRY_SHEET));
  const index = registryWs?.getRangeByIndexes(0, 0, REGISTRY_INDEX_ROWS, 1).load("values");
  if (sheets.length > 0) {
    await context.sync();
    syncs++;
  }
  const skipped = new Set<string>();
  if (registryWs && index) {
    skipped.add(sheetKey(registryWs.name));
    for (const name of parseRegistry(index.values as CellValue[][])?.sheets ?? []) skipped.add(sheetKey(name));
    index.untrack();
  }

  const grids: SheetGrid[] = [];
  let pending: Block[] = [];
  sheets.forEach((ws, i) => {
    const grid: SheetGrid = { name: ws.name, rows: [], origin: { row: 0, col: 0 } };
    if (ws.visibility !== "Visible") grid.hidden = true;
    grids.push(grid);
    const u = used[i];
    if (u.isNullObject || skipped.has(sheetKey(ws.name))) return;
    const box = parseRangeAddress(u.address);
    grid.origin = { row: box.row, col: box.col };
    grid.rows = new Array(u.rowCount);
    const density = ws.name === REGISTRY_SHEET ? REGISTRY_DENSITY : undefined;
    pending.push({ sheetIndex: i, row: box.row, col: box.col, rows: u.rowCount, cols: u.columnCount, offset: 0, ...(density ? { density } : {}) });
    u.untrack();
  });

  // Phase 2: values in row blocks, packed into syncs under the budget: whole blocks while they
  // fit, then as many rows of the next one as still fit. Each sheet's cells are estimated from
  // what that sheet's earlier blocks weighed (a sales sheet and a customer sheet differ).
  const sheetDensity = new Map<number, number>();
  const perCell = (b: Block): number => b.density ?? sheetDensity.get(b.sheetIndex) ?? bytesPerCell;
  pending = cut(pending, budget, bytesPerCell);

  while (pending.length > 0) {
    const batch: Block[] = [];
    let est = 0;
    let cells = 0;
    while (pending.length > 0) {
      const b = pending[0];
      const per = perCell(b);
      const fit = Math.min(Math.floor((budget - est) / (per * b.cols)), Math.floor((MAX_CELLS_PER_READ - cells) / b.cols));
      if (fit <= 0 && batch.length > 0) break;
      const rows = Math.max(1, Math.min(b.rows, fit));
      const take = rows === b.rows ? b : { ...b, rows };
      if (rows === b.rows) pending.shift();
      else pending[0] = { ...b, row: b.row + rows, rows: b.rows - rows, offset: b.offset + rows };
      batch.push(take);
      est += rows * b.cols * per;
      cells += rows * b.cols;
      if (rows < b.rows) break;
    }
    const ranges = batch.map((b) => sheets[b.sheetIndex].getRangeByIndexes(b.row, b.col, b.rows, b.cols).load(date1904 ? "values,numberFormat" : "values"));
    try {
      syncs++;
      await context.sync();
    } catch (e) {
      const code = (e as { code?: string }).code;
      const splittable = batch.length > 1 || batch[0].rows > 1;
      if (!code || !PAYLOAD_ERRORS.has(code) || !splittable || bytesPerCell * 2 > MAX_BYTES_PER_CELL) throw e;
      // The data is denser than estimated: halve the blocks and try again.
      bytesPerCell *= 2;
      ceiling = bytesPerCell;
      for (const b of batch) sheetDensity.set(b.sheetIndex, Math.min(MAX_BYTES_PER_CELL, perCell(b) * 2));
      pending = cut([...batch, ...pending], budget, bytesPerCell);
      continue;
    }
    // Office.js read the 4 MB answer in the task that resumed us: going through it is another
    // task (pace.ts), so that the pane paints between the two.
    await nextTask();
    const weighed = new Map<number, { bytes: number; cells: number }>();
    batch.forEach((b, k) => {
      const values = ranges[k].values as CellValue[][];
      if (date1904) to1900(values, ranges[k].numberFormat as unknown[][]);
      const grid = grids[b.sheetIndex];
      let actual = 0;
      for (let r = 0; r < values.length; r++) {
        const row = values[r];
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (!b.density) actual += cellJsonBytes(v) + 1;
          // Office.js gives "" for an empty cell; the grid contract says null.
          if (v === "") row[c] = null;
        }
        grid.rows[b.offset + r] = row;
      }
      if (!b.density) {
        const w = weighed.get(b.sheetIndex) ?? { bytes: 0, cells: 0 };
        w.bytes += actual;
        w.cells += b.rows * b.cols;
        weighed.set(b.sheetIndex, w);
      }
      ranges[k].untrack();
    });
    // Follow the data: the next blocks are sized on what this batch really weighed, sheet by
    // sheet, with a small margin (the 4 MB budget is itself 1 MB under Excel's cap).
    for (const [sheet, w] of weighed) {
      const d = Math.min(ceiling, Math.max(8, (w.bytes / w.cells) * READ_MARGIN));
      sheetDensity.set(sheet, d);
      bytesPerCell = d;
    }
  }
  if (opts.stats) opts.stats.syncs = syncs;
  const out: WorkbookGrids = { sheets: grids };
  if (date1904 === undefined) out.dateSystemUnknown = true;
  return out;
}

/** Date-formatted numbers of a 1904 workbook, moved to the 1900 system (in place). */
function to1900(values: CellValue[][], formats: unknown[][]): void {
  const memo = new Map<string, boolean>();
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "number") continue;
      const f = String(formats[r]?.[c] ?? "General");
      let isDate = memo.get(f);
      if (isDate === undefined) memo.set(f, (isDate = isDateFormatCode(f)));
      if (isDate) row[c] = v + DAYS_1904;
    }
  }
}

/** Cut (or re-cut) row blocks for a bytes-per-cell estimate, keeping their order. */
function cut(blocks: Block[], budget: number, bytesPerCell: number): Block[] {
  const merged: Block[] = [];
  for (const b of blocks) {
    const last = merged[merged.length - 1];
    if (last && last.sheetIndex === b.sheetIndex && last.row + last.rows === b.row && last.offset + last.rows === b.offset) {
      last.rows += b.rows;
    } else merged.push({ ...b });
  }
  const out: Block[] = [];
  for (const b of merged) {
    const cellsPerBlock = Math.max(1, Math.min(MAX_CELLS_PER_READ, Math.floor(budget / (b.density ?? bytesPerCell))));
    const step = Math.max(1, Math.floor(cellsPerBlock / b.cols));
    for (let r = 0; r < b.rows; r += step) out.push({ ...b, row: b.row + r, rows: Math.min(step, b.rows - r), offset: b.offset + r });
  }
  return out;
}
