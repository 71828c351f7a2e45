/**
 * Shared reading of the small input tables of SPEC §9 (stock counts, sell-out reports, supply,
 * allocation requests, the visit log): a sheet found by its name (Chinese or English), its
 * header row found by synonyms, rows read with their cell addresses. A missing sheet is not
 * an error (every job is optional); a sheet without its required columns is reported once.
 */
import type { IssueLog } from "../domain/issues";
import { FieldDef, normalizeHeader } from "./fields";
import type { SheetGrid, WorkbookGrids } from "./grid";
import { detectHeader } from "./headers";
import { forEachDataRow, RowReader } from "./rows";
import { BAD, parseNumber } from "./values";

export interface JobSheetDef<K extends string> {
  names: string[];
  fields: FieldDef<K>[];
  label: { zh: string; en: string };
}

function findJobSheet(wb: WorkbookGrids, names: string[]): SheetGrid | null {
  const wanted = names.map(normalizeHeader);
  return wb.sheets.find((s) => !s.hidden && wanted.includes(normalizeHeader(s.name))) ?? null;
}

/** Visit each data row of the job sheet; returns the sheet name read, or null when there is none. */
export function readJobSheet<K extends string>(wb: WorkbookGrids, def: JobSheetDef<K>, issues: IssueLog, visit: (r: RowReader<K>) => void): string | null {
  const grid = findJobSheet(wb, def.names);
  if (!grid) return null;
  const m = detectHeader(grid, def.fields);
  if (!m || m.missing.length) {
    const missing = def.fields.filter((f) => f.required && (!m || m.missing.includes(f.key))).map((f) => f.label);
    issues.error(
      "jobs.columnsMissing",
      `${def.label.en} sheet ${grid.name} lacks the columns ${missing.map((l) => l.en).join(", ")}: not read`,
      `${def.label.zh}表 ${grid.name} 缺少列 ${missing.map((l) => l.zh).join("、")}，未读取`,
      { sheet: grid.name, cell: "A1" },
    );
    return grid.name;
  }
  forEachDataRow(grid, m, issues, visit);
  return grid.name;
}

const QTY = { en: "quantity", zh: "数量" };

/** A quantity cell: a number (whole units unless `fractions`), reported and skipped otherwise. */
export function quantityOf<K extends string>(r: RowReader<K>, field: K, issues: IssueLog, opts: { min?: number } = {}): number | null {
  const v = r.get(field, parseNumber, QTY);
  if (v === BAD) return null;
  if (v === null) {
    issues.error("jobs.noQuantity", "Row without a quantity: skipped", "行缺少数量，已跳过", { sheet: r.sheet, cell: r.address(field) });
    return null;
  }
  if (!Number.isInteger(v) || (opts.min !== undefined && v < opts.min)) {
    issues.error("jobs.badQuantity", `Quantity ${v} must be a whole number${opts.min !== undefined ? ` ≥ ${opts.min}` : ""}: row skipped`, `数量 ${v} 须为${opts.min !== undefined ? ` ≥ ${opts.min} 的` : ""}整数，已跳过该行`, { sheet: r.sheet, cell: r.address(field) });
    return null;
  }
  return v;
}
