/**
 * Writing one SheetPatch onto a freshly added worksheet: blocks (title, header, rows), tables,
 * value colours, data validation, column widths, sheet settings and charts. Protection is
 * left to the caller, which applies it after everything else.
 */
import { blockHeaderRect, layoutBlockRows, layoutTitle, type CellRect } from "../../report/layout";
import type { Pace } from "./pace";
import type { Block, DataValidationSpec, SheetPatch, ValueColour } from "../../report/patch";
import { blockColumn, firstDataRow, headerRow } from "../../report/patch";
import { cellAddress, columnLetter } from "../../sheets/grid";
import { addChart } from "./charts";
import { OP_BYTES, SyncBatcher } from "./chunks";
import { writeRect } from "./cells";
import { validTableName } from "./names";
import type { IsSetSupported } from "./requirements";

/** Points per character of column width (Calibri 11: ≈ 7.5). */
const POINTS_PER_CHAR = 7.5;

export interface SheetEnv {
  batcher: SyncBatcher;
  isSet: IsSetSupported;
  /** Lower-cased table names already used in the workbook; names given out are added. */
  tableNames: Set<string>;
}

/** A table name not yet used in the workbook (Excel table names are workbook-wide). */
function uniqueTableName(wanted: string, taken: Set<string>): string {
  const name = validTableName(wanted);
  let n = name;
  let k = 2;
  while (taken.has(n.toLowerCase())) n = `${name}_${k++}`;
  taken.add(n.toLowerCase());
  return n;
}

/** formula1 of a "cell value equals" rule: a number, or a quoted string. */
function equalsFormula(v: string | number): string {
  return typeof v === "number" ? `=${v}` : `="${v.replace(/"/g, '""')}"`;
}

export async function queueValueColour(env: SheetEnv, sheet: Excel.Worksheet, col: number, r0: number, rows: number, vc: ValueColour): Promise<void> {
  if (rows <= 0 || !env.isSet("ExcelApi", "1.6")) return;
  await env.batcher.reserve(OP_BYTES * 5);
  const range = sheet.getRangeByIndexes(r0, col, rows, 1);
  const cf = range.conditionalFormats.add("CellValue");
  cf.cellValue.format.fill.color = vc.fill;
  if (vc.fontColor) cf.cellValue.format.font.color = vc.fontColor;
  cf.cellValue.rule = { formula1: equalsFormula(vc.equals), operator: "EqualTo" };
  range.untrack();
}

function validationRule(v: DataValidationSpec): Excel.DataValidationRule {
  if (v.kind === "list") return { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } };
  let basic: Excel.BasicDataValidation;
  if (v.min !== undefined && v.max !== undefined) basic = { operator: "Between", formula1: v.min, formula2: v.max };
  else if (v.max !== undefined) basic = { operator: "LessThanOrEqualTo", formula1: v.max };
  else basic = { operator: "GreaterThanOrEqualTo", formula1: v.min ?? -1e15 };
  return v.kind === "wholeNumber" ? { wholeNumber: basic } : { decimal: basic };
}

async function queueValidation(env: SheetEnv, sheet: Excel.Worksheet, b: Block, v: DataValidationSpec): Promise<void> {
  if (b.rows.length === 0 || !env.isSet("ExcelApi", "1.8")) return;
  await env.batcher.reserve(OP_BYTES * 3 + JSON.stringify(v).length * 3);
  const range = sheet.getRangeByIndexes(firstDataRow(b), blockColumn(b, v.column), b.rows.length, 1);
  range.dataValidation.rule = validationRule(v);
  if (v.prompt) range.dataValidation.prompt = { showPrompt: true, message: v.prompt, title: "TierPlan" };
  if (v.error) range.dataValidation.errorAlert = { showAlert: true, style: "Stop", message: v.error, title: "TierPlan" };
  range.untrack();
}

/** Contiguous columns of equal width → one `columnWidth` assignment each. */
export async function queueColumnWidths(env: SheetEnv, sheet: Excel.Worksheet, widths: Map<number, number>): Promise<void> {
  const cols = [...widths.keys()].sort((a, b) => a - b);
  for (let i = 0; i < cols.length; ) {
    let j = i + 1;
    while (j < cols.length && cols[j] === cols[j - 1] + 1 && widths.get(cols[j]) === widths.get(cols[i])) j++;
    await env.batcher.reserve(OP_BYTES);
    const range = sheet.getRangeByIndexes(0, cols[i], 1, j - i);
    range.format.columnWidth = Math.round(widths.get(cols[i])! * POINTS_PER_CHAR * 100) / 100;
    range.untrack();
    i = j;
  }
}

/** Rows laid out between two looks at the clock. */
const LAYOUT_ROWS = 1024;

/** layoutBlock in slices of the pane's time (50,000 rows: 40–60 ms with its garbage). */
async function layoutPaced(b: Block, pace: Pace): Promise<CellRect> {
  const rect = blockHeaderRect(b);
  for (let r = 0; r < b.rows.length; r += LAYOUT_ROWS) {
    if (pace.due()) await pace.breathe();
    layoutBlockRows(b, rect, r, Math.min(b.rows.length, r + LAYOUT_ROWS));
  }
  return rect;
}

async function writeBlock(env: SheetEnv, sheet: Excel.Worksheet, b: Block): Promise<void> {
  if (b.columns.length === 0) return;
  const title = layoutTitle(b);
  if (title) await writeRect(env.batcher, sheet, title);
  await writeRect(env.batcher, sheet, await layoutPaced(b, env.batcher.pace));

  if (b.table) {
    // Over the rows already written: never rows.add in a loop. A table needs one data row.
    const top = headerRow(b);
    const bottom = top + Math.max(1, b.rows.length);
    const address = `${cellAddress(top, b.at.col)}:${cellAddress(bottom, b.at.col + b.columns.length - 1)}`;
    await env.batcher.reserve(OP_BYTES * 3);
    const table = sheet.tables.add(address, true);
    table.name = uniqueTableName(b.table.name, env.tableNames);
    table.style = b.table.style ?? "TableStyleMedium2";
  }
  for (const vc of b.colours ?? []) await queueValueColour(env, sheet, blockColumn(b, vc.column), firstDataRow(b), b.rows.length, vc);
  for (const v of b.validations ?? []) await queueValidation(env, sheet, b, v);
}

/** Write a SheetPatch onto `sheet` (already added). Protection is not applied here. */
export async function writeSheet(env: SheetEnv, sheet: Excel.Worksheet, sp: SheetPatch): Promise<void> {
  const b = env.batcher;
  if (sp.visibility && sp.visibility !== "visible") {
    await b.reserve(OP_BYTES);
    sheet.visibility = sp.visibility === "veryHidden" ? "VeryHidden" : "Hidden";
  }
  if (sp.tabColor && env.isSet("ExcelApi", "1.7")) {
    await b.reserve(OP_BYTES);
    sheet.tabColor = sp.tabColor;
  }
  for (const block of sp.blocks) await writeBlock(env, sheet, block);

  const widths = new Map<number, number>();
  for (const block of sp.blocks) block.columns.forEach((c, i) => c.width !== undefined && widths.set(block.at.col + i, c.width));
  for (const [col, w] of Object.entries(sp.columnWidths ?? {})) widths.set(Number(col), w);
  await queueColumnWidths(env, sheet, widths);

  if (sp.freeze && (sp.freeze.rows > 0 || sp.freeze.cols > 0) && env.isSet("ExcelApi", "1.7")) {
    await b.reserve(OP_BYTES * 2);
    const { rows, cols } = sp.freeze;
    if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, cols));
    else if (rows > 0) sheet.freezePanes.freezeRows(rows);
    else sheet.freezePanes.freezeColumns(cols);
  }
  await queueRowHeights(env, sheet, sp.rowHeights);
  await queuePageSetup(env, sheet, sp);
  await queueAutoFilter(env, sheet, sp);
  for (const chart of sp.charts) await addChart(b, sheet, sp, chart, env.isSet);
}

/** Taller rows (wrapped headers), one assignment per row. */
async function queueRowHeights(env: SheetEnv, sheet: Excel.Worksheet, heights: SheetPatch["rowHeights"]): Promise<void> {
  for (const [row, h] of Object.entries(heights ?? {})) {
    await env.batcher.reserve(OP_BYTES);
    const range = sheet.getRangeByIndexes(Number(row), 0, 1, 1);
    range.format.rowHeight = h;
    range.untrack();
  }
}

/** A4, one page wide (or `pagesWide`), header rows (and ID columns) on every page (page layout is ExcelApi 1.9; older hosts print with Excel's defaults). */
async function queuePageSetup(env: SheetEnv, sheet: Excel.Worksheet, sp: SheetPatch): Promise<void> {
  const page = sp.setup?.page;
  if (!page || !env.isSet("ExcelApi", "1.9")) return;
  await env.batcher.reserve(OP_BYTES * 5);
  const layout = sheet.pageLayout;
  layout.paperSize = "A4" as Excel.PaperType;
  layout.orientation = (page.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
  layout.zoom = { horizontalFitToPages: page.pagesWide ?? 1, verticalFitToPages: 0 };
  if (page.printTitleRows) layout.setPrintTitleRows(`$${page.printTitleRows[0] + 1}:$${page.printTitleRows[1] + 1}`);
  const cols = page.printTitleColumns;
  if (cols) layout.setPrintTitleColumns(`$${columnLetter(cols[0])}:$${columnLetter(cols[1])}`);
}

/** The sheet's autofilter over a detail block (ExcelApi 1.9). */
async function queueAutoFilter(env: SheetEnv, sheet: Excel.Worksheet, sp: SheetPatch): Promise<void> {
  const b = sp.setup?.autoFilter ? sp.blocks.find((x) => x.id === sp.setup?.autoFilter) : undefined;
  if (!b || b.table || b.headerless || b.rows.length === 0 || !env.isSet("ExcelApi", "1.9")) return;
  await env.batcher.reserve(OP_BYTES * 2);
  sheet.autoFilter.apply(sheet.getRangeByIndexes(headerRow(b), b.at.col, b.rows.length + 1, b.columns.length));
}
