/**
 * WorkbookPatch: everything TierPlan writes, as plain data. The seam between the engine and
 * the hosts: report/ builds a patch from results, and the Excel host (Office.js) and the
 * .xlsx host both apply the same patch, so what Excel shows and what the CLI writes cannot
 * drift apart. A test can read a patch without any host.
 *
 * Coordinates are 0-based. Strings are always literal text: a host must never let a string
 * become a formula (a customer named "=HYPERLINK(...)" stays a name). Formulas exist only as
 * the explicit `{ formula }` value, which TierPlan itself generates.
 */

export interface FormulaValue {
  /** Without the leading "=", e.g. "SUM(B2:B10)". */
  formula: string;
  /** The value TierPlan computed, cached in the file so that readers without a calc engine see it. */
  result?: number | string;
}

export type PatchValue = string | number | boolean | null | FormulaValue;

/** Number formats TierPlan uses; hosts map them to Excel format codes (see formatCode). */
export type NumberFormat = "text" | "integer" | "number" | "money" | "percent" | "percent1" | "date" | "general";

export const FORMAT_CODES: Record<NumberFormat, string> = {
  text: "@",
  integer: "#,##0",
  number: "#,##0.00",
  money: "#,##0.00",
  percent: "0%",
  percent1: "0.0%",
  date: "yyyy-mm-dd",
  general: "General",
};

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** "#RRGGBB" */
  fill?: string;
  fontColor?: string;
  fontSize?: number;
  align?: "left" | "center" | "right";
  wrap?: boolean;
  /** For protected sheets: false marks an input cell the user may edit. Default true (Excel's default). */
  locked?: boolean;
  border?: boolean;
}

export interface ColumnSpec {
  /** Stable key (e.g. "abc"), used by charts and conditional formats to refer to the column. */
  key: string;
  header: string;
  format?: NumberFormat;
  /** Width in characters (a minimum once report/table/fit.ts sized the sheet from its content). */
  width?: number;
  /** Text wider than this wraps instead of widening the column (long notes). */
  maxWidth?: number;
  style?: CellStyle;
}

/** Colour the cells of one column whose value equals `equals` (e.g. ABC class "A" green). */
export interface ValueColour {
  column: string;
  equals: string | number;
  fill: string;
  fontColor?: string;
}

/** Whole numbers ≥ min (and ≤ max) for input cells, e.g. plan target quantities. */
export interface DataValidationSpec {
  /** Column key inside the block. */
  column: string;
  kind: "wholeNumber" | "decimal" | "list";
  min?: number;
  max?: number;
  list?: string[];
  prompt?: string;
  error?: string;
}

/**
 * A rectangular block: an optional title line, a header row, then data rows. Blocks are the
 * unit that charts and tables refer to.
 */
export interface Block {
  id: string;
  at: { row: number; col: number };
  /** A bold line above the header (the header then starts one row lower). */
  title?: string;
  /**
   * No header row: the rows follow the title directly (a sheet's heading and its summary
   * lines). Such a block cannot be a table.
   */
  headerless?: boolean;
  columns: ColumnSpec[];
  rows: PatchValue[][];
  /** Build an Excel table (ListObject) over header + rows. Names must be workbook-unique. */
  table?: { name: string; style?: string };
  colours?: ValueColour[];
  validations?: DataValidationSpec[];
  /** Style for every data cell of a row, by row index (e.g. a totals row in bold). */
  rowStyles?: Record<number, CellStyle>;
  /** Per cell overrides: key `${rowIndex}:${columnKey}`. */
  cellStyles?: Record<string, CellStyle>;
  /** Per cell number formats overriding the column's: key `${rowIndex}:${columnKey}`. */
  cellFormats?: Record<string, NumberFormat>;
}

export type ChartType = "columnLine" | "column" | "bar" | "stackedBar" | "pie" | "doughnut" | "line" | "funnel";

/** Data of a chart: rows of a block's column (all data rows unless `rows` narrows them). */
export interface SeriesRef {
  block: string;
  column: string;
  /** [first, last] data-row indexes, inclusive; default all rows. */
  rows?: [number, number];
}

export interface ChartSeries {
  name: string;
  values: SeriesRef;
  /** Only for columnLine charts: which series are drawn as a line (on the secondary axis). */
  as?: "column" | "line";
  secondaryAxis?: boolean;
}

export interface ChartSpec {
  id: string;
  type: ChartType;
  title: string;
  categories: SeriesRef;
  series: ChartSeries[];
  /** Top-left cell and size in cells. */
  at: { row: number; col: number };
  size: { cols: number; rows: number };
  /** The primary value axis: labels in percent (rates), starting at zero (column charts never start mid-scale). */
  valueAxis?: { percent?: boolean; fromZero?: boolean };
  /** Secondary axis as 0–100% (Pareto cumulative line). */
  secondaryPercent?: boolean;
  /** Host hint: use the native chart type when the host supports it (e.g. funnel in ExcelApi 1.9). */
  fallback?: ChartType;
}

/** A sheet TierPlan owns entirely: created fresh on every run (previous copy replaced). */
export interface SheetPatch {
  name: string;
  blocks: Block[];
  charts: ChartSpec[];
  tabColor?: string;
  freeze?: { rows: number; cols: number };
  /** Protect the sheet so that only unlocked (input) cells can change. */
  protect?: boolean;
  /** "hidden" for TierPlan's own bookkeeping sheets (the registry). */
  visibility?: "visible" | "hidden" | "veryHidden";
  /** Sheet-level column widths by absolute column index (characters), overriding block widths. */
  columnWidths?: Record<number, number>;
  /** Row heights in points by absolute row index (a wrapped header row needs more than 15 pt). */
  rowHeights?: Record<number, number>;
  /** Print and filter settings (report/table/sheetSetup.ts makes them from the sheet's content). */
  setup?: SheetSetup;
}

/** How a TierPlan sheet prints and filters; both hosts apply it. */
export interface SheetSetup {
  /** A4, scaled to fit all used columns on `pagesWide` pages wide (as many pages tall as needed). */
  page?: {
    orientation: "portrait" | "landscape";
    /** [first, last] 0-based rows repeated at the top of every printed page. */
    printTitleRows?: [number, number];
    /** Pages the columns are spread over (absent: 1). */
    pagesWide?: number;
    /** [first, last] 0-based columns repeated at the left of every printed page (a sheet printed over several pages wide). */
    printTitleColumns?: [number, number];
  };
  /** A detail block (not an Excel table, which filters by itself) that gets the sheet's autofilter over its header and data rows. */
  autoFilter?: string;
}

/** Columns appended beside a user's table (e.g. the tier columns next to the customer data). */
export interface ColumnsPatch {
  id: string;
  sheet: string;
  /** 0-based sheet row of the user's header row. */
  headerRow: number;
  /**
   * The user's rows these values belong to (0-based sheet rows), same order as each column's
   * values. Rows not listed get blanks in the owned columns.
   */
  rows: number[];
  /** Host places the block right after the user's last used column, or where TierPlan's own columns were last time. */
  columns: (ColumnSpec & { values: PatchValue[] })[];
  colours?: ValueColour[];
}

export interface WorkbookPatch {
  schemaVersion: 1;
  /** Owned sheets to (re)create, in the order they should appear after the user's sheets. */
  sheets: SheetPatch[];
  columns: ColumnsPatch[];
  /**
   * Sheets made once for people to edit (policy templates from `init`, plan templates from
   * `plan`). They are not TierPlan's: never registered, never replaced, and skipped when a
   * sheet of that name already exists (planPlacement reports which).
   */
  userSheets?: SheetPatch[];
}

export function emptyPatch(): WorkbookPatch {
  return { schemaVersion: 1, sheets: [], columns: [] };
}

/** Sheet coordinates of a block's first data row (after the optional title and the header). */
export function firstDataRow(b: Block): number {
  return b.at.row + (b.title ? 1 : 0) + (b.headerless ? 0 : 1);
}

export function headerRow(b: Block): number {
  return b.at.row + (b.title ? 1 : 0);
}

/** Absolute column index of a block column by key; throws on a programming error (unknown key). */
export function blockColumn(b: Block, key: string): number {
  const i = b.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`block ${b.id} has no column ${key}`);
  return b.at.col + i;
}

/** Resolve a SeriesRef to absolute (sheet) coordinates: rows [r0, r1] in column c. */
export function resolveSeries(sheet: SheetPatch, ref: SeriesRef): { col: number; r0: number; r1: number } {
  const b = sheet.blocks.find((x) => x.id === ref.block);
  if (!b) throw new Error(`sheet ${sheet.name} has no block ${ref.block}`);
  const col = blockColumn(b, ref.column);
  const base = firstDataRow(b);
  const [a, z] = ref.rows ?? [0, b.rows.length - 1];
  return { col, r0: base + a, r1: base + z };
}
