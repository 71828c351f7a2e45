/** The shapes shared by the registry, the placement planner, undo and both hosts. */
import type { Issue } from "../../domain/issues";
import type { CellValue } from "../../sheets/grid";
import type { SheetPatch, WorkbookPatch } from "../patch";

export const REGISTRY_SHEET = "_tierplan";

/** Excel's columns: A..XFD. */
export const MAX_COLUMNS = 16384;

export interface OwnedColumns {
  id: string;
  sheet: string;
  headerRow: number;
  firstCol: number;
  headers: string[];
  /**
   * About how many bytes Excel returns for the values TierPlan wrote into this range (header
   * included), as JSON: the Excel host sizes its read-back of the range from it. Absent in
   * registries written before it existed (the host then assumes a generous size per cell).
   */
  bytes?: number;
  /** Last row TierPlan wrote into the range (absent: unknown). */
  lastRow?: number;
}

/** Where one run's outputs are in the workbook. */
export interface Registry {
  version: 1;
  /** ISO timestamp of the run that wrote the outputs. */
  writtenAt: string;
  sheets: string[];
  columns: OwnedColumns[];
}

/** A non-empty cell found in a column range. */
export interface FoundCell {
  row: number;
  col: number;
  value: CellValue;
}

/** What a host knows about the workbook before it applies a patch. */
export interface WorkbookFacts {
  sheetNames: string[];
  /** The current run's registry (null: TierPlan has no outputs in the workbook). */
  registry: Registry | null;
  /**
   * Raw values of the registry sheet (row 0 is the header). A host fills at least column A
   * and the outputs columns `registryColumnsToRead` names; the others may be null.
   */
  registryCells?: CellValue[][] | null;
  /**
   * Stored outputs of earlier runs already decoded, by registry column (storage.ts
   * decodeOutputsAhead): a host that decodes them off its thread puts them here.
   */
  decodedOutputs?: ReadonlyMap<number, WorkbookPatch | null>;
  /** Last used column (0-based) of a sheet, or -1 when empty. */
  lastUsedCol(sheet: string): number;
  /** Value of a cell (used to check that owned columns are still where the registry says). */
  valueAt(sheet: string, row: number, col: number): CellValue;
  /**
   * Non-empty cells of columns c0..c1 from row r0 down. Hosts answer it for every range
   * `rangesToInspect` names; without it, owned ranges are trusted as TierPlan's.
   */
  cellsBelow?(sheet: string, r0: number, c0: number, c1: number): FoundCell[];
  /**
   * The same cells as cellsBelow, handed to `visit` one at a time in the same order, down to row
   * r1 - 1 when r1 is given: a host with many owned cells (the Excel host: 900,000 at 50,000
   * customers) offers it so that checking them makes no object per cell, a slice at a time.
   */
  eachCellBelow?(sheet: string, r0: number, c0: number, c1: number, visit: (row: number, col: number, value: CellValue) => void, r1?: number): void;
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
  /** Where each ColumnsPatch goes (count 0: skipped, nothing written). */
  columns: ColumnPlacement[];
  /** Sheets in the patch written under another name (a person's sheet has the name, or it is not valid in Excel). */
  renamedSheets: Record<string, string>;
  /** Final name of each patch sheet, in patch order. */
  sheetNames: string[];
  /** The registry to store after the run. */
  registry: Registry;
  /** patch.userSheets that will be created (those whose name is free), under valid names. */
  createUserSheets: SheetPatch[];
  /** patch.userSheets skipped because a sheet of that name exists (the person's copy wins). */
  skippedUserSheets: string[];
  /** Problems met while placing: cells a person typed into TierPlan's columns, columns with no room, and what was done. */
  issues: Issue[];
  /** Whether a registry sheet is kept at all (false after undoing a workbook's first run). */
  keepRegistry: boolean;
}
