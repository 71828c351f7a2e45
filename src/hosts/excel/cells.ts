/**
 * Writing a rectangle of cells (report/layout.ts CellRect) through Office.js.
 *
 * Order per row chunk: number formats first, then values. A string cell carries "@" (text),
 * which is what keeps "=HYPERLINK(…)" a name: Office.js turns a string starting with = + - @
 * into a formula unless the cell is text-formatted. TierPlan's own formulas ({ formula }) are
 * written afterwards through `Range.formulas`, one call per run down a column; then styles,
 * one call per attribute per rectangle of identical style.
 *
 * Rows are cut into chunks that fill the current batch up to its byte budget, so a 300,000-row
 * block goes out in as few syncs as the 5 MB request cap allows.
 */
import type { CellRect } from "../../report/layout";
import type { FormulaValue, PatchValue } from "../../report/patch";
import { MAX_CELLS_PER_READ, OP_BYTES, SyncBatcher, cellJsonBytes, rowJsonBytes } from "./chunks";
import { applyStyle, styleBytes, styleRuns } from "./styles";
import { isDateFormatCode } from "../../sheets/dateSystem";

type OfficeValue = string | number | boolean | null;

/** Rows prepared between two looks at the clock. */
const PREPARE_ROWS = 256;

function isFormulaValue(v: PatchValue | undefined): v is FormulaValue {
  return typeof v === "object" && v !== null;
}

/** The value to put in `Range.values`: null (= leave as is) for formulas and for numbers Excel cannot hold. */
function officeValue(v: PatchValue | undefined): OfficeValue {
  if (v === undefined || v === null || isFormulaValue(v)) return null;
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

export async function writeRect(b: SyncBatcher, sheet: Excel.Worksheet, rect: CellRect): Promise<void> {
  const height = rect.values.length;
  let width = 0;
  for (const row of rect.values) if (row.length > width) width = row.length;
  if (height === 0 || width === 0) return;

  // Rows are prepared (values, formats, JSON size) as the batches reach them, so that the pane's
  // thread does the work of one batch between two syncs, not of the whole rectangle at once
  // (50,000 customers × 18 columns: ~0.4 s before the first sync).
  const values: OfficeValue[][] = new Array(height);
  const formats: string[][] = new Array(height);
  const bytes: number[] = new Array(height);
  const formulas: { r: number; c: number; f: string }[] = [];
  let prepared = 0;
  const prepare = (r: number) => {
    const src = rect.values[r];
    const fsrc = rect.formats[r];
    const vrow: OfficeValue[] = new Array(width);
    const frow: string[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const v = src[c];
      let fmt = fsrc?.[c] ?? "General";
      if (isFormulaValue(v)) {
        formulas.push({ r, c, f: `=${v.formula}` });
        // A text-formatted cell would keep the formula as text.
        if (fmt === "@") fmt = "General";
      }
      const ov = officeValue(v);
      vrow[c] = typeof ov === "number" && b.dateShift !== 0 && isDateFormatCode(fmt) ? ov + b.dateShift : ov;
      frow[c] = fmt;
    }
    values[r] = vrow;
    formats[r] = frow;
    bytes[r] = rowJsonBytes(vrow) + rowJsonBytes(frow);
  };
  // A few hundred rows at a time, each chunk in the slice of the pane's time it fits (pace.ts).
  const prepareMore = async () => {
    if (b.pace.due()) await b.pace.breathe();
    const end = Math.min(height, prepared + PREPARE_ROWS);
    while (prepared < end) prepare(prepared++);
  };

  // Number formats, then values, in row chunks sized to what the batch can still take.
  const overhead = 3 * OP_BYTES;
  let r = 0;
  while (r < height) {
    const avail = b.remaining - overhead;
    let n = 0;
    let sum = 0;
    while (r + n < height && (n + 1) * width <= MAX_CELLS_PER_READ) {
      if (r + n >= prepared) {
        await prepareMore();
        continue;
      }
      if (sum + bytes[r + n] > avail) break;
      sum += bytes[r + n];
      n++;
    }
    if (n === 0) {
      if (!b.isEmpty) {
        await b.flush();
        continue;
      }
      // One row larger than a whole batch: it has to go alone.
      n = 1;
      sum = bytes[r];
    }
    b.charge(sum + 2 * OP_BYTES);
    const range = sheet.getRangeByIndexes(rect.top + r, rect.left, n, width);
    range.numberFormat = formats.slice(r, r + n);
    range.values = values.slice(r, r + n);
    range.untrack();
    r += n;
  }

  // TierPlan's formulas: one call per vertical run in a column.
  formulas.sort((x, y) => x.c - y.c || x.r - y.r);
  for (let i = 0; i < formulas.length; ) {
    let j = i + 1;
    while (j < formulas.length && formulas[j].c === formulas[i].c && formulas[j].r === formulas[j - 1].r + 1) j++;
    const run = formulas.slice(i, j).map((x) => [x.f]);
    await b.reserve(OP_BYTES + run.reduce((s, x) => s + cellJsonBytes(x[0]) + 3, 2));
    const range = sheet.getRangeByIndexes(rect.top + formulas[i].r, rect.left + formulas[i].c, j - i, 1);
    range.formulas = run;
    range.untrack();
    i = j;
  }

  // Styles: one assignment per attribute per rectangle of identical style.
  for (const run of styleRuns(rect.styles)) {
    await b.reserve(OP_BYTES + styleBytes(run.style, run.rows, run.cols));
    const range = sheet.getRangeByIndexes(rect.top + run.top, rect.left + run.left, run.rows, run.cols);
    applyStyle(range, run.style, run.rows, run.cols);
    range.untrack();
  }
}
