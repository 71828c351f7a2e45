/**
 * A strict, in-memory Excel double for testing the Office.js host without Excel.
 *
 * Unlike office-addin-mock (which returns "Error, property was not loaded" as a string), it
 * behaves like Excel where load/sync mistakes matter:
 *
 *  - commands run only at `await context.sync()`, in order; `stats.syncs` counts round trips;
 *  - reading a property that was not loaded and synced throws code "PropertyNotLoaded";
 *  - every sync measures its request (JSON of the object paths, actions and arguments) and
 *    response (JSON of what was loaded); either above 5 MB (5 × 1024 × 1024 bytes) rejects with
 *    "RequestPayloadSizeLimitExceeded" / "ResponsePayloadSizeLimitExceeded", the codes Excel
 *    uses; reading a range of more than 5,000,000 cells rejects with "RangeExceedsLimit";
 *  - a string starting with "=" written into a cell not formatted "@" becomes a formula, so an
 *    injection test means something (see state.ts for the full input rules);
 *  - number formats, cell formats, tables, charts (type, series, axes, position), conditional
 *    formats, data validation, protection, freeze panes, visibility and tab colour are kept in
 *    `workbookState` for assertions;
 *  - members newer than `apiVersion` reject with "ApiNotFound", and chart types newer than it
 *    (Funnel is ExcelApi 1.9) with "InvalidArgument"; `isSetSupported` answers accordingly.
 *
 * Implemented surface: context.sync, context.workbook.worksheets (items, getItem,
 * getItemOrNullObject, add), context.application.suspendApiCalculationUntilNextSync; Worksheet
 * (name, visibility, tabColor, getRange, getRangeByIndexes, getUsedRange(OrNullObject), delete,
 * tables, charts, freezePanes, protection); Range (values, formulas, numberFormat, address,
 * row/column count and index, clear, getUsedRangeOrNullObject, getCell, format.{font, fill,
 * borders, protection, columnWidth, horizontalAlignment, wrapText}, conditionalFormats,
 * dataValidation, untrack); tables.add + name/style; charts.add + name, title, series (add,
 * getItemAt, setValues, setXAxisValues, chartType, axisGroup), axes (categoryAxis, valueAxis,
 * getItem; minimum, maximum, numberFormat, reversePlotOrder), setPosition.
 * Anything else throws "not implemented by the double" at the call.
 */
import type { CellValue } from "../../src/sheets/grid";
import { DoubleConfig, DoubleContext, DoubleStats, versionAtLeast } from "./proxies";
import { SheetState, Visibility, WorkbookState, parseA1 } from "./state";

export { DoubleError } from "./errors";
export { DoubleStats } from "./proxies";
export type { SyncRecord } from "./proxies";
export { SheetState, WorkbookState, parseA1, a1 } from "./state";
export type { CellView, CellStyleRec, ChartState, SeriesState, AxisState, TableState, ConditionalFormatState, ValidationState, Rect } from "./state";

/** 5 MB, Excel on the web's cap on one request and on one response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Most cells a single range read may return. */
export const READ_CELL_LIMIT = 5_000_000;

export interface SeedSheet {
  name: string;
  /** Row-major values; null or undefined leaves a cell empty. Strings go in as text. */
  rows?: CellValue[][];
  /** 0-based sheet coordinates of rows[0][0]; default A1. */
  origin?: { row: number; col: number };
  visibility?: Visibility;
  /** Per-cell number formats, same shape as rows (e.g. "yyyy-mm-dd" for date serials). */
  numberFormats?: (string | null)[][];
  /** Tables over the seeded data: A1 range relative to the sheet, header row first. */
  tables?: { name: string; address: string; style?: string }[];
}

export interface DoubleOptions {
  /** Highest ExcelApi version the simulated host supports; default "1.8" (Office 2019, TierPlan's minimum). */
  apiVersion?: string;
  payloadLimit?: number;
  readCellLimit?: number;
}

export interface ExcelDouble {
  /** Pass this to the host: it stands in for the `Excel.RequestContext` of `Excel.run`. */
  context: Excel.RequestContext;
  workbookState: WorkbookState;
  stats: DoubleStats;
  /** Like `Office.context.requirements.isSetSupported` on the simulated host. */
  isSetSupported(set: string, version?: string): boolean;
  /** Convenience: the state of one sheet, throwing when it is missing. */
  sheet(name: string): SheetState;
}

export function createExcelDouble(seed?: { sheets: SeedSheet[] }, options: DoubleOptions = {}): ExcelDouble {
  const config: DoubleConfig = {
    apiVersion: options.apiVersion ?? "1.8",
    payloadLimit: options.payloadLimit ?? PAYLOAD_LIMIT,
    readCellLimit: options.readCellLimit ?? READ_CELL_LIMIT,
  };
  const state = new WorkbookState();
  for (const s of seed?.sheets ?? [{ name: "Sheet1" }]) seedSheet(state, s);
  const stats = new DoubleStats();
  const ctx = new DoubleContext(state, config, stats);
  return {
    context: ctx as unknown as Excel.RequestContext,
    workbookState: state,
    stats,
    isSetSupported: (set, version = "1.1") => set === "ExcelApi" && versionAtLeast(config.apiVersion, version),
    sheet(name) {
      const s = state.sheet(name);
      if (!s) throw new Error(`ExcelDouble: no sheet ${name} (sheets: ${state.sheetNames.join(", ")})`);
      return s;
    },
  };
}

function seedSheet(state: WorkbookState, seed: SeedSheet): void {
  const sh = state.addSheet(seed.name);
  const o = seed.origin ?? { row: 0, col: 0 };
  (seed.rows ?? []).forEach((row, i) =>
    row.forEach((v, j) => {
      const r = o.row + i;
      const c = o.col + j;
      const nf = seed.numberFormats?.[i]?.[j];
      if (nf) sh.setNumberFormat(r, c, nf);
      // Seeded values are what the user has in the sheet: stored as they are, never parsed.
      if (v !== null && v !== undefined && v !== "") sh.seedConstant(r, c, v);
    }),
  );
  for (const t of seed.tables ?? []) {
    sh.tables.push({ id: state.nextId(), name: t.name, rect: parseA1(t.address), hasHeaders: true, style: t.style ?? "TableStyleMedium2" });
  }
  if (seed.visibility) sh.visibility = seed.visibility;
}
