/**
 * Phase 1 of applying a patch: what `planPlacement` needs to know about the open workbook.
 *
 *  sync 1: the sheet names;
 *  sync 2: the registry sheet's values, the used-range extent, protection and used header-row
 *          cells of every sheet that receives columns, the table names of every sheet;
 *  sync 3: only when the registry names owned columns on a header row not read in sync 2
 *          (e.g. the user moved the header), those header cells.
 * The sheet list must come back before any sheet can be addressed safely, hence two syncs
 * at least: `getItem` of a missing sheet would fail the whole batch.
 */
import type { CellValue } from "../../sheets/grid";
import { REGISTRY_SHEET, Registry, WorkbookFacts, parseRegistry } from "../../report/ownership";
import type { WorkbookPatch } from "../../report/patch";
import { ExcelHostError } from "./errors";

const MAX_COLS = 16384;

export interface ExcelFacts {
  facts: WorkbookFacts;
  /** Table names by sheet name. */
  tablesBySheet: Map<string, string[]>;
  syncs: number;
}

/** The used cells of one header row: values from column `col` on. */
interface HeaderLine {
  col: number;
  values: CellValue[];
}

export async function readFacts(context: Excel.RequestContext, patch: WorkbookPatch): Promise<ExcelFacts> {
  let syncs = 0;
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  syncs++;
  const items = worksheets.items;
  const sheetNames = items.map((s) => s.name);
  const byName = new Map(items.map((s) => [s.name, s] as const));

  for (const cp of patch.columns) {
    if (!byName.has(cp.sheet)) {
      throw new ExcelHostError(
        "ItemNotFound",
        `The sheet "${cp.sheet}" was not found: it may have been renamed or deleted. Run TierPlan again.`,
        `找不到工作表"${cp.sheet}"：可能已被重命名或删除。请重新运行 TierPlan。`,
      );
    }
  }

  const registrySheet = byName.get(REGISTRY_SHEET);
  const registryRange = registrySheet?.getUsedRangeOrNullObject(true).load("values");
  const usedCols = new Map<string, Excel.Range>();
  const headerRanges = new Map<string, Excel.Range>();
  const key = (sheet: string, row: number): string => `${sheet}\u0000${row}`;
  const queueHeader = (sheet: string, row: number): void => {
    const ws = byName.get(sheet);
    if (!ws || headerRanges.has(key(sheet, row))) return;
    headerRanges.set(key(sheet, row), ws.getRangeByIndexes(row, 0, 1, MAX_COLS).getUsedRangeOrNullObject(true).load("values,columnIndex"));
  };
  for (const cp of patch.columns) {
    if (!usedCols.has(cp.sheet)) usedCols.set(cp.sheet, byName.get(cp.sheet)!.getUsedRangeOrNullObject(true).load("columnIndex,columnCount"));
    queueHeader(cp.sheet, cp.headerRow);
  }
  const protections = new Map<string, Excel.WorksheetProtection>();
  for (const cp of patch.columns) if (!protections.has(cp.sheet)) protections.set(cp.sheet, byName.get(cp.sheet)!.protection.load("protected"));
  const tables = items.map((ws) => ws.tables.load("items/name"));
  if (items.length > 0) {
    await context.sync();
    syncs++;
  }

  // Fail before writing anything rather than half way through.
  for (const [sheet, p] of protections) {
    if (p.protected) {
      throw new ExcelHostError(
        "AccessDenied",
        `The sheet "${sheet}" is protected, so TierPlan cannot add its columns. Unprotect it (Review › Unprotect Sheet) and run TierPlan again.`,
        `工作表"${sheet}"受保护，TierPlan 无法添加列。请取消保护（审阅 › 撤消工作表保护）后重新运行 TierPlan。`,
      );
    }
  }

  let registry: Registry | null = null;
  if (registryRange && !registryRange.isNullObject) registry = parseRegistry(registryRange.values as CellValue[][]);

  // Owned columns on header rows not read yet (rare): one more round trip.
  const before = headerRanges.size;
  for (const o of registry?.columns ?? []) queueHeader(o.sheet, o.headerRow);
  if (headerRanges.size > before) {
    await context.sync();
    syncs++;
  }

  const lastCol = new Map<string, number>();
  for (const [sheet, r] of usedCols) lastCol.set(sheet, r.isNullObject ? -1 : r.columnIndex + r.columnCount - 1);
  const headers = new Map<string, HeaderLine>();
  for (const [k, r] of headerRanges) {
    if (!r.isNullObject) headers.set(k, { col: r.columnIndex, values: (r.values as CellValue[][])[0] });
    r.untrack();
  }
  const tablesBySheet = new Map<string, string[]>();
  items.forEach((ws, i) => tablesBySheet.set(ws.name, tables[i].items.map((t) => t.name)));

  const facts: WorkbookFacts = {
    sheetNames,
    registry,
    lastUsedCol: (sheet) => lastCol.get(sheet) ?? -1,
    valueAt: (sheet, row, col) => {
      const line = headers.get(key(sheet, row));
      if (!line) return null;
      const v = line.values[col - line.col];
      return v === undefined || v === "" ? null : v;
    },
  };
  return { facts, tablesBySheet, syncs };
}
