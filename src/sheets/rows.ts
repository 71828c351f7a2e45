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

export interface RowReader<K extends string> {
  sheet: string;
  row: number;
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
  const cols = match.columns;
  const colList = Object.values(cols) as number[];
  const first = match.headerRow + 1;
  const last = grid.origin.row + grid.rows.length - 1;
  for (let row = first; row <= last; row++) {
    const cells = grid.rows[row - grid.origin.row];
    if (!cells) continue;
    let blank = true;
    let totals = false;
    for (const c of colList) {
      const v = cells[c - grid.origin.col];
      if (!isBlank(v as CellValue)) blank = false;
      if (isTotalsLabel(v as CellValue)) totals = true;
    }
    if (blank) continue;
    if (totals) {
      issues.info("row.totals", `Totals row skipped`, `已跳过合计行`, { sheet: grid.name, cell: cellAddress(row, match.columns[Object.keys(cols)[0] as K]!) });
      continue;
    }
    const reader: RowReader<K> = {
      sheet: grid.name,
      row,
      raw: (f) => (cols[f] === undefined ? null : cellAt(grid, row, cols[f]!)),
      address: (f) => cellAddress(row, cols[f] ?? 0),
      get(field, parse, what, severity = "error") {
        if (cols[field] === undefined) return null;
        const v = cellAt(grid, row, cols[field]!);
        const p = parse(v);
        if (p === BAD) {
          const shown = String(v).slice(0, 40);
          issues.add({
            severity,
            code: `value.bad.${field}`,
            sheet: grid.name,
            cell: cellAddress(row, cols[field]!),
            message: `"${shown}" is not a valid ${what.en}`,
            messageZh: `"${shown}" 不是有效的${what.zh}`,
          });
        }
        return p;
      },
    };
    visit(reader);
  }
}
