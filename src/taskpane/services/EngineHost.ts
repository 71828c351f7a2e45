/**
 * What the task pane needs from "a workbook": read its sheets, apply a patch, remember
 * settings per workbook. Two implementations — OfficeHost (the open Excel workbook, through
 * src/hosts/excel) and FileHost (an .xlsx file in the browser, through src/hosts/xlsx) — so the
 * components never know which one runs.
 */
import type { WorkbookPatch } from "../../report/patch";
import type { WorkbookGrids } from "../../sheets/grid";

/** An error phrased for the user in both languages; `code` is shown small, for support. */
export interface UserError {
  code: string;
  message: string;
  messageZh: string;
}

export interface ApplyOutcome {
  /** patch.userSheets that were created. */
  createdUserSheets: string[];
  /** patch.userSheets left alone because a sheet of that name exists. */
  skippedUserSheets: string[];
}

/** Settings remembered per workbook (Office: document settings; file: localStorage). */
export interface SettingsStore {
  get<T>(key: string): T | undefined;
  /** Sets and persists. */
  set(key: string, value: unknown): Promise<void>;
}

/**
 * What the engine's worker does for the Excel host so that the pane's thread does not: the
 * run's outputs compressed for undo, and the outputs earlier runs stored, decoded (see
 * hosts/excel ApplyOptions). The file host does all its work in the worker already.
 */
export interface OutputsHelp {
  encodedOutputs?: string;
  decodeOutputs?: (text: string) => Promise<WorkbookPatch | null>;
}

export interface EngineHost {
  readonly kind: "excel" | "file";
  readonly settings: SettingsStore;
  read(): Promise<WorkbookGrids>;
  /** `help`: the engine's share of the registry work, off the pane's thread (see OutputsHelp). */
  apply(patch: WorkbookPatch, writtenAt: string, help?: OutputsHelp): Promise<ApplyOutcome>;
  /** Select a cell in the host's UI; absent when the host has no UI to select in. */
  selectCell?: (sheet: string, cell: string) => Promise<void>;
  /**
   * Call `onSelect` with the sheet and 0-based row whenever the user selects a cell of `sheet`
   * (the profile card follows the selection); resolves to a function that stops it. Absent when
   * the host has no UI to select in.
   */
  watchSelection?: (sheet: string, onSelect: (sheet: string, row: number) => void) => Promise<() => void>;
  /** Whether this host can undo a run at all (false: the button shows why not). */
  readonly undoSupported: boolean;
  /** Undo the last run; resolves false when there was nothing to undo. */
  undoLastRun(help?: OutputsHelp): Promise<boolean>;
  describeError(error: unknown): UserError;
  /** File host: the workbook's bytes, so that the engine (in its worker) reads and writes them itself. */
  bytes?: () => Uint8Array;
  /** File host: take the workbook the engine wrote (the run's result). */
  adoptBytes?: (bytes: Uint8Array) => void;
  /** File host: the workbook as it is now (with the outputs), to download. */
  download?: () => { bytes: Uint8Array; fileName: string } | null;
}

/** Keys under which the pane remembers things in a workbook. */
export const SETTINGS = {
  mapping: "tierplan.mapping",
  lastRun: "tierplan.lastRun",
  lastRerun: "tierplan.lastRerun",
} as const;
