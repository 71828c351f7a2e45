/**
 * Which parts of a workbook TierPlan owns, and where this run's outputs go.
 *
 * The registry is TierPlan's bookkeeping, kept in a very hidden sheet inside the workbook
 * itself (so it travels with the file and works in every host). Both hosts call
 * `planPlacement` with the facts they read and then carry out the same plan, so a re-run
 * replaces TierPlan's previous outputs instead of adding copies, and a cell a person typed
 * is never written over.
 */
import type { CellValue } from "../sheets/grid";
import type { PatchValue, SheetPatch, WorkbookPatch } from "./patch";

export const REGISTRY_SHEET = "_tierplan";

export interface OwnedColumns {
  id: string;
  sheet: string;
  headerRow: number;
  firstCol: number;
  headers: string[];
}

export interface Registry {
  version: 1;
  /** ISO timestamp of the run that wrote the outputs. */
  writtenAt: string;
  sheets: string[];
  columns: OwnedColumns[];
}

/** What a host knows about the workbook before it applies a patch. */
export interface WorkbookFacts {
  sheetNames: string[];
  registry: Registry | null;
  /** Last used column (0-based) of a sheet, or -1 when empty. */
  lastUsedCol(sheet: string): number;
  /** Value of a cell (used to check that owned columns are still where the registry says). */
  valueAt(sheet: string, row: number, col: number): CellValue;
}

export interface ColumnPlacement {
  id: string;
  sheet: string;
  headerRow: number;
  firstCol: number;
  count: number;
}

export interface PlacementPlan {
  /** TierPlan sheets from the previous run to delete before writing (includes names this run recreates). */
  removeSheets: string[];
  /** Previously owned column ranges to clear (values and formats) before writing. */
  clearColumns: ColumnPlacement[];
  /** Where each ColumnsPatch goes. */
  columns: ColumnPlacement[];
  /** Sheets in the patch whose name collides with a user's sheet: written under another name. */
  renamedSheets: Record<string, string>;
  /** The registry to store after the run. */
  registry: Registry;
  /** patch.userSheets that will be created (those whose name is free). */
  createUserSheets: SheetPatch[];
  /** patch.userSheets skipped because a sheet of that name exists (the person's copy wins). */
  skippedUserSheets: string[];
}

function ownedStillThere(o: OwnedColumns, facts: WorkbookFacts): boolean {
  if (!facts.sheetNames.includes(o.sheet)) return false;
  return o.headers.every((h, i) => String(facts.valueAt(o.sheet, o.headerRow, o.firstCol + i) ?? "") === h);
}

export function planPlacement(patch: WorkbookPatch, facts: WorkbookFacts, writtenAt: string): PlacementPlan {
  const prev = facts.registry;
  const prevSheets = new Set(prev?.sheets ?? []);
  const removeSheets = facts.sheetNames.filter((n) => prevSheets.has(n));

  // A patch sheet whose name is a user's sheet (not ours) must not replace it.
  const renamedSheets: Record<string, string> = {};
  const taken = new Set(facts.sheetNames.filter((n) => !prevSheets.has(n)));
  for (const s of patch.sheets) {
    if (!taken.has(s.name)) continue;
    let k = 2;
    while (taken.has(`${s.name} (${k})`)) k++;
    renamedSheets[s.name] = `${s.name} (${k})`;
    taken.add(renamedSheets[s.name]);
  }

  const clearColumns: ColumnPlacement[] = [];
  const reusable = new Map<string, OwnedColumns>();
  for (const o of prev?.columns ?? []) {
    if (!ownedStillThere(o, facts)) continue;
    clearColumns.push({ id: o.id, sheet: o.sheet, headerRow: o.headerRow, firstCol: o.firstCol, count: o.headers.length });
    reusable.set(`${o.id}\u0000${o.sheet}`, o);
  }

  // The user's data ends before TierPlan's own columns: never count those as user data.
  const ownedBySheet = new Map<string, ColumnPlacement[]>();
  for (const c of clearColumns) ownedBySheet.set(c.sheet, [...(ownedBySheet.get(c.sheet) ?? []), c]);
  const userLastCol = (sheet: string): number => {
    const last = facts.lastUsedCol(sheet);
    const owned = ownedBySheet.get(sheet) ?? [];
    let end = last;
    // Owned ranges sit at the right edge; peel them off while they are the last columns.
    for (const o of [...owned].sort((a, b) => b.firstCol - a.firstCol)) {
      if (o.firstCol + o.count - 1 >= end && o.firstCol <= end) end = o.firstCol - 1;
    }
    return end;
  };

  const columns: ColumnPlacement[] = [];
  const nextFree = new Map<string, number>();
  for (const cp of patch.columns) {
    const count = cp.columns.length;
    const old = reusable.get(`${cp.id}\u0000${cp.sheet}`);
    let firstCol: number;
    if (old && old.headerRow === cp.headerRow && old.headers.length === count) {
      firstCol = old.firstCol;
    } else {
      const start = nextFree.get(cp.sheet) ?? userLastCol(cp.sheet) + 1;
      // Leave one blank column between the user's data and ours, so the user's table is not extended.
      firstCol = old ? old.firstCol : start + (nextFree.has(cp.sheet) ? 0 : 1);
    }
    nextFree.set(cp.sheet, Math.max(nextFree.get(cp.sheet) ?? 0, firstCol + count));
    columns.push({ id: cp.id, sheet: cp.sheet, headerRow: cp.headerRow, firstCol, count });
  }

  const registry: Registry = {
    version: 1,
    writtenAt,
    sheets: patch.sheets.map((s) => renamedSheets[s.name] ?? s.name),
    columns: patch.columns.map((cp, i) => ({
      id: cp.id,
      sheet: cp.sheet,
      headerRow: cp.headerRow,
      firstCol: columns[i].firstCol,
      headers: cp.columns.map((c) => c.header),
    })),
  };
  const createUserSheets: SheetPatch[] = [];
  const skippedUserSheets: string[] = [];
  for (const us of patch.userSheets ?? []) {
    if (taken.has(us.name) || prevSheets.has(us.name)) skippedUserSheets.push(us.name);
    else {
      createUserSheets.push(us);
      taken.add(us.name);
    }
  }
  return { removeSheets, clearColumns, columns, renamedSheets, registry, createUserSheets, skippedUserSheets };
}

/** The registry as a very hidden sheet: one JSON chunk per row in column A (cells hold ≤ 32,767 chars). */
export function registrySheet(reg: Registry): SheetPatch {
  const json = JSON.stringify(reg);
  const rows: PatchValue[][] = [];
  for (let i = 0; i < json.length; i += 30000) rows.push([json.slice(i, i + 30000)]);
  return {
    name: REGISTRY_SHEET,
    visibility: "veryHidden",
    blocks: [{ id: "registry", at: { row: 0, col: 0 }, columns: [{ key: "json", header: "TierPlan registry (do not edit)", format: "text" }], rows }],
    charts: [],
  };
}

/** Read the registry back from the values of the registry sheet (column A from row 2). */
export function parseRegistry(values: CellValue[][] | null): Registry | null {
  if (!values || values.length < 2) return null;
  const json = values
    .slice(1)
    .map((r) => (typeof r[0] === "string" ? r[0] : ""))
    .join("");
  try {
    const reg = JSON.parse(json) as Registry;
    return reg && reg.version === 1 && Array.isArray(reg.sheets) && Array.isArray(reg.columns) ? reg : null;
  } catch {
    return null;
  }
}
