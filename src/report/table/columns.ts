/**
 * Typed column tables: a column is one record (key, bilingual label, format, width rule and a
 * `value(row)` accessor) and rows are objects, so a header can never drift from its values and
 * a totals row comes from the columns themselves. `tableBlock` turns (columns, rows, language)
 * into a patch Block; `fitSheet` (./fit.ts) then sizes the sheet from what the cells show.
 *
 * Example:
 *
 *   interface Line { customer: string; amount: number; share: number }
 *   const cols: Column<Line>[] = [
 *     { key: "customer", label: { zh: "客户名称", en: "Customer" }, format: "text", value: (r) => r.customer, total: { zh: "合计", en: "Total" } },
 *     { key: "amount", label: { zh: "金额", en: "Amount" }, format: "money", value: (r) => r.amount, total: "sum" },
 *     { key: "share", label: { zh: "占比", en: "Share" }, format: "percent1", value: (r) => r.share },
 *   ];
 *   const block = tableBlock({ id: "sales.byCustomer", at: { row: 2, col: 0 }, columns: cols, totals: true }, lines, "zh");
 *   // header: 客户名称 | 金额（元） | 占比; one row per line; a bold 合计 row with =SUM(B4:B…) under 金额.
 *
 * Money columns say their unit in the header (元 / ¥), code columns show the label of the
 * code in the sheet's language (never "core" in a Chinese sheet).
 */
import { columnLetter } from "../../sheets/grid";
import type { Block, CellStyle, ColumnSpec, ColumnsPatch, DataValidationSpec, NumberFormat, PatchValue, ValueColour } from "../patch";
import { TOTAL_ROW } from "../style";

export type Lang = "zh" | "en";

export interface Label {
  zh: string;
  en: string;
}

/** A code shown by its label in the sheet's language (class, temperature, kind…). */
export interface CodeFormat {
  vocabulary: Readonly<Record<string, Label>>;
}

export type ColumnFormat = Exclude<NumberFormat, "general"> | CodeFormat;

/** How wide a column may grow; the layout fits it to its content within these bounds (characters). */
export interface WidthRule {
  min?: number;
  /** Text longer than this wraps (long notes); numbers never wrap and ignore it. */
  max?: number;
}

export interface Column<R> {
  key: string;
  label: Label;
  format: ColumnFormat;
  value: (row: R) => PatchValue | undefined;
  width?: WidthRule;
  /**
   * In the totals row: "sum" of the column (a SUM formula with its cached result), a fixed
   * label, or a figure of all rows that is not a sum (a ratio of two totals).
   */
  total?: "sum" | Label | ((rows: readonly R[]) => PatchValue);
  /** Per row number format overriding the column's (e.g. units instead of money on a quantity rule). */
  formatOf?: (row: R) => NumberFormat | undefined;
  style?: CellStyle;
  /**
   * Write the label as it is, without the unit of money: for headers that something reads back
   * by name (the plan template's "<model> 单价", a ledger import's 借方金额).
   */
  exactHeader?: boolean;
}

export interface TableSpec<R> {
  id: string;
  at: { row: number; col: number };
  title?: Label;
  /** No header row: label/value pairs of a form (a profile card's sections), not a detail table. */
  headerless?: boolean;
  columns: readonly Column<R>[];
  /** Append a totals row built from the columns' `total`. */
  totals?: boolean;
  /** An Excel table (ListObject) over the block; a detail table without one gets the sheet's autofilter instead. */
  excelTable?: string;
  colours?: ValueColour[];
  validations?: DataValidationSpec[];
  rowStyle?: (row: R, index: number) => CellStyle | undefined;
}

export const pick = (l: Label, lang: Lang): string => l[lang];

/** Unit of money stated in the header: 金额（元） / Amount (¥). */
function headerText<R>(c: Column<R>, lang: Lang): string {
  const text = pick(c.label, lang);
  if (c.format !== "money" || c.exactHeader || /[元¥]/.test(text)) return text;
  return lang === "zh" ? `${text}（元）` : `${text} (¥)`;
}

function isCode(f: ColumnFormat): f is CodeFormat {
  return typeof f === "object";
}

/** The cell value of a column for a row: codes become their label. */
export function cellValue<R>(c: Column<R>, row: R, lang: Lang): PatchValue {
  const v = c.value(row);
  if (v === undefined) return null;
  if (isCode(c.format) && typeof v === "string") {
    const label = c.format.vocabulary[v];
    return label ? pick(label, lang) : v;
  }
  return v;
}

function sumOf(values: PatchValue[]): number {
  let s = 0;
  for (const v of values) {
    const n = typeof v === "number" ? v : v && typeof v === "object" && typeof v.result === "number" ? v.result : 0;
    s += n;
  }
  // Money is in yuan with 2 decimals: keep the cached result free of float dust.
  return Math.round(s * 100) / 100;
}

/** The patch column of a column record (header in the sheet's language, codes written as text). */
function columnSpec<R>(c: Column<R>, lang: Lang): ColumnSpec {
  return {
    key: c.key,
    header: headerText(c, lang),
    format: isCode(c.format) ? "text" : c.format,
    ...(c.style ? { style: c.style } : {}),
    ...(c.width?.max ? { maxWidth: c.width.max } : {}),
    ...(c.width?.min ? { width: c.width.min } : {}),
  };
}

/** A Block from typed columns and object rows. */
export function tableBlock<R>(spec: TableSpec<R>, rows: readonly R[], lang: Lang): Block {
  const cols = spec.columns;
  const values = rows.map((r) => cols.map((c) => cellValue(c, r, lang)));
  const block: Block = {
    id: spec.id,
    at: spec.at,
    title: spec.title ? pick(spec.title, lang) : undefined,
    ...(spec.headerless ? { headerless: true } : {}),
    columns: cols.map((c) => columnSpec(c, lang)),
    rows: values,
  };
  if (spec.excelTable) block.table = { name: spec.excelTable };
  if (spec.colours) block.colours = spec.colours;
  if (spec.validations) block.validations = spec.validations;
  const cellFormats: Record<string, NumberFormat> = {};
  const rowStyles: Record<number, CellStyle> = {};
  rows.forEach((r, i) => {
    for (const c of cols) {
      const f = c.formatOf?.(r);
      if (f) cellFormats[`${i}:${c.key}`] = f;
    }
    const st = spec.rowStyle?.(r, i);
    if (st) rowStyles[i] = st;
  });
  if (spec.totals && rows.length) {
    const first = spec.at.row + (spec.title ? 1 : 0) + (spec.headerless ? 0 : 1) + 1; // 1-based sheet row of the first data row
    const last = first + rows.length - 1;
    block.rows.push(
      cols.map((c, j) => {
        if (c.total === "sum") {
          const L = columnLetter(spec.at.col + j);
          return { formula: `SUM(${L}${first}:${L}${last})`, result: sumOf(values.map((v) => v[j])) };
        }
        if (typeof c.total === "function") return c.total(rows);
        return c.total ? pick(c.total, lang) : null;
      }),
    );
    rowStyles[rows.length] = TOTAL_ROW;
  }
  if (Object.keys(cellFormats).length) block.cellFormats = cellFormats;
  if (Object.keys(rowStyles).length) block.rowStyles = rowStyles;
  return block;
}

/** Columns TierPlan owns beside a user's table: where that table is and which sheet row each row fills. */
export interface BesideSpec<R> {
  id: string;
  /** The user's table: its sheet and (0-based) header row. */
  table: { sheet: string; headerRow: number };
  columns: readonly Column<R>[];
  /** 0-based sheet row of the user's row a row (the index-th) belongs to. */
  sheetRow: (row: R, index: number) => number;
  colours?: ValueColour[];
}

/**
 * A ColumnsPatch from typed columns and object rows, headers and codes in the sheet's language
 * like tableBlock's. report/widths.ts sizes these columns from what they show, within their width rules.
 */
export function besideColumns<R>(spec: BesideSpec<R>, rows: readonly R[], lang: Lang): ColumnsPatch {
  const patch: ColumnsPatch = {
    id: spec.id,
    sheet: spec.table.sheet,
    headerRow: spec.table.headerRow,
    rows: rows.map(spec.sheetRow),
    columns: spec.columns.map((c) => ({ ...columnSpec(c, lang), values: rows.map((r) => cellValue(c, r, lang)) })),
  };
  if (spec.colours) patch.colours = spec.colours;
  return patch;
}

/** A title line with text lines under it (a sheet's heading and its summary sentences). */
export function noteBlock(id: string, at: { row: number; col: number }, title: string, lines: string[]): Block {
  return { id, at, title, headerless: true, columns: [{ key: "text", header: "", format: "text" }], rows: lines.map((l) => [l]) };
}

/** Rows a block occupies (title, header, data). */
export function blockHeight(b: Block): number {
  return (b.title ? 1 : 0) + (b.headerless ? 0 : 1) + b.rows.length;
}
