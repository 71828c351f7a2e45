/**
 * Shared row walking for the user's tables: blank rows are skipped, totals rows are skipped
 * with a note, and every value is read with its cell address for issue reports.
 */
import type { IssueLog } from "../domain/issues";
import type { HeaderMatch } from "./headers";
import { CellValue, SheetGrid, cellAddress, cellAt } from "./grid";
import { BAD, Parsed, isBlank } from "./values";

const TOTAL_WORDS = new Set(["合计", "总计", "小计", "总合计", "total", "totals", "grandtotal", "subtotal", "sum"]);

export function isTotalsLabel(v: CellValue): boolean {
  return typeof v === "string" && TOTAL_WORDS.has(v.normalize("NFKC").trim().toLowerCase().replace(/[\s:：]/g, ""));
}

/** Subtotal labels of ERP exports as well: "客户小计", "本页合计", "小计(张三)", "Total for East". */
const SUBTOTAL = /^(.{1,8}(小计|合计|总计)|小计.{1,12}|(sub)?totalfor.{0,20})$/;

export function isTotalsOrSubtotalLabel(v: CellValue): boolean {
  if (typeof v !== "string") return false;
  if (isTotalsLabel(v)) return true;
  return SUBTOTAL.test(v.normalize("NFKC").trim().toLowerCase().replace(/[\s:：()（）]/g, ""));
}

// Per UTF-16 code unit, 1 when the normalisation of isTotalsOrSubtotalLabel leaves it as it
// is (NFKC, trim, lower-casing aside, and the stripped spaces, colons and brackets): printable
// ASCII but ":()", and the CJK unified ideographs. 64 KiB, built once.
const STABLE = new Uint8Array(0x10000);
for (let c = 0x21; c < 0x7f; c++) STABLE[c] = 1;
for (const ch of ":()") STABLE[ch.charCodeAt(0)] = 0;
STABLE.fill(1, 0x4e00, 0xa000);
// The first characters of the totals words, both cases: 合 总 小 t g s (the subtotal forms of
// SUBTOTAL start with the same, or end with 计).
const TOTALS_FIRST = new Uint8Array(0x10000);
for (const w of TOTAL_WORDS) for (const ch of [w[0], w[0].toUpperCase()]) TOTALS_FIRST[ch.charCodeAt(0)] = 1;
const JI = "计".charCodeAt(0);

/**
 * True when the first and last characters alone rule out a totals or subtotal label, which
 * saves the memo lookup for nearly every cell (ids, names, models). Exact: a stable first and
 * last character (see STABLE) stay the first and last of the normalised text, and every
 * totals label starts with 合, 总, 小, t, g or s, or ends with 计 (TOTAL_WORDS and SUBTOTAL).
 * Anything else (a space, a bracket, other scripts) goes to the full check.
 *
 * Why: the earlier first-character test still ran `includes("计")` over every name, about
 * 290 ms a run of 1,048,576 lines (node --cpu-prof, line ticks); two table reads replace it.
 */
export function ruledOutAsTotals(s: string): boolean {
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return STABLE[first] === 1 && TOTALS_FIRST[first] === 0 && STABLE[last] === 1 && last !== JI;
}

export interface RowReader<K extends string> {
  sheet: string;
  row: number;
  /**
   * The row's cells as the grid holds them (index = sheet column − grid.origin.col; may be
   * shorter than the header). For hot loops that read a few known columns directly.
   */
  cells: readonly CellValue[];
  /** Raw value of a field (null when the column is absent). */
  raw(field: K): CellValue;
  address(field: K): string;
  /** Parse a field; a bad value is reported and gives BAD. */
  get<T>(field: K, parse: (v: CellValue) => Parsed<T>, what: { en: string; zh: string }, severity?: "error" | "warning"): T | null | typeof BAD;
}

/**
 * Calls `visit` for every data row below the header that is neither blank nor a totals
 * row. Rows are sheet rows (0-based).
 */
export function forEachDataRow<K extends string>(
  grid: SheetGrid,
  match: HeaderMatch<K>,
  issues: IssueLog,
  visit: (r: RowReader<K>) => void,
): void {
  const rows = dataRows(grid, match);
  const reader = rowReader(grid, match, issues);
  for (let k = 0; k < rows.length; k++) {
    if (rows[k] < 0) noteTotalsRow(grid, match, issues, rows[k]);
    else {
      reader.moveTo(rows[k]);
      visit(reader);
    }
  }
}

/**
 * The sheet rows (0-based) below the header that are not blank, in order, with each totals
 * row as −(row + 1): the caller skips it with `noteTotalsRow` where it meets it, so that the
 * issue log keeps the sheet's row order (a totals note after the bad cells above it). A reader
 * of a million lines loops over these itself with a `rowReader` (one optimised loop), where a
 * visit per row through forEachDataRow, shared by every table's reader, cannot be inlined.
 */
export function dataRows<K extends string>(grid: SheetGrid, match: HeaderMatch<K>): Int32Array {
  const cols = match.columns;
  const colList = (Object.values(cols) as number[]).map((c) => c - grid.origin.col);
  const first = match.headerRow + 1;
  const last = Math.min(grid.origin.row + grid.rows.length - 1, match.lastRow ?? Infinity);
  const out = new Int32Array(Math.max(0, last - first + 1));
  let n = 0;
  // Every mapped cell of every row is checked for a totals word, and NFKC + regex per cell
  // cost ~1.1 s of the 8.5 s spent reading 1,048,576 sales lines. Sheet text repeats (ids,
  // names, models), so the answer is memoised per distinct string for this table: exact, a
  // Map hit instead of normalize() + replace(); local, so nothing outlives the read.
  const totalsMemo = new Map<string, boolean>();
  for (let row = first; row <= last; row++) {
    const cells = grid.rows[row - grid.origin.row];
    if (!cells) continue;
    let blank = true;
    let totals = false;
    for (let k = 0; k < colList.length; k++) {
      const v = cells[colList[k]];
      if (blank && !isBlank(v as CellValue)) blank = false;
      if (typeof v === "string" && !ruledOutAsTotals(v)) {
        let t = totalsMemo.get(v);
        if (t === undefined) {
          t = isTotalsOrSubtotalLabel(v);
          totalsMemo.set(v, t);
        }
        if (t) totals = true;
      }
    }
    if (blank) continue;
    // A subtotal row often carries its label in a column that is not read (序号, 单据号).
    if (!totals) {
      let k = 0;
      while (k < cells.length && isBlank(cells[k] as CellValue)) k++;
      const v = cells[k];
      if (typeof v === "string" && !ruledOutAsTotals(v)) {
        let t = totalsMemo.get(v);
        if (t === undefined) {
          t = isTotalsOrSubtotalLabel(v);
          totalsMemo.set(v, t);
        }
        totals = t;
      }
    }
    out[n++] = totals ? -(row + 1) : row;
  }
  return out.subarray(0, n);
}

/** A totals row of dataRows (given as −(row + 1)) skipped, with a note. */
export function noteTotalsRow<K extends string>(grid: SheetGrid, match: HeaderMatch<K>, issues: IssueLog, entry: number): void {
  const row = -entry - 1;
  const first = Object.keys(match.columns)[0] as K;
  issues.info("row.totals", `Totals row skipped`, `已跳过合计行`, { sheet: grid.name, cell: cellAddress(row, match.columns[first]!) });
}

/**
 * One reader for all rows (its row moves on), not an object with three closures per row:
 * under tsx every closure also goes through esbuild's __name (Object.defineProperty), which
 * with the GC it caused was ~1.8 s of 8.5 s on 1,048,576 lines. A reader is only valid until
 * its row moves on (no caller keeps one).
 */
export function rowReader<K extends string>(grid: SheetGrid, match: HeaderMatch<K>, issues: IssueLog): RowReader<K> & { moveTo(row: number): void } {
  return new GridRowReader<K>(grid, match.columns, issues);
}

class GridRowReader<K extends string> implements RowReader<K> {
  readonly sheet: string;
  row = 0;
  cells: readonly CellValue[] = [];

  constructor(
    private readonly grid: SheetGrid,
    private readonly cols: Partial<Record<K, number>>,
    private readonly issues: IssueLog,
  ) {
    this.sheet = grid.name;
  }

  /** Reads sheet row `row` (0-based) from now on. */
  moveTo(row: number): void {
    this.row = row;
    this.cells = this.grid.rows[row - this.grid.origin.row] ?? [];
  }

  raw(f: K): CellValue {
    const c = this.cols[f];
    return c === undefined ? null : cellAt(this.grid, this.row, c);
  }

  address(f: K): string {
    return cellAddress(this.row, this.cols[f] ?? 0);
  }

  get<T>(field: K, parse: (v: CellValue) => Parsed<T>, what: { en: string; zh: string }, severity: "error" | "warning" = "error"): T | null | typeof BAD {
    const c = this.cols[field];
    if (c === undefined) return null;
    const v = cellAt(this.grid, this.row, c);
    const p = parse(v);
    if (p === BAD) {
      const shown = String(v).slice(0, 40);
      this.issues.add({
        severity,
        code: `value.bad.${field}`,
        sheet: this.grid.name,
        cell: cellAddress(this.row, c),
        message: `"${shown}" is not a valid ${what.en}`,
        messageZh: `"${shown}" 不是有效的${what.zh}`,
      });
    }
    return p;
  }
}
