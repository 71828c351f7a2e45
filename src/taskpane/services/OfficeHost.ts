/**
 * EngineHost for the open Excel workbook. Every operation is one batch run through `run`
 * (Excel.run by default; a test passes one that hands over the strict Excel double's context).
 */
import * as excelHost from "../../hosts/excel";
import { applyPatch, describeExcelError, readWorkbookGrids } from "../../hosts/excel";
import type { WorkbookPatch } from "../../report/patch";
import { selectCell } from "../officeActions";
import type { ApplyOutcome, EngineHost, SettingsStore } from "./EngineHost";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeHostDeps {
  settings: SettingsStore;
  /** Default: Excel.run. */
  run?: ExcelRun;
  /** Default: the Excel host's (manifest minimum, newer sets asked of Office). */
  isSetSupported?: (set: string, version: string) => boolean;
}

type UndoFn = (context: Excel.RequestContext) => Promise<unknown>;

/**
 * The reliability work adds `undoLastRun(context)` to src/hosts/excel; until it exists the
 * pane shows the undo button disabled with an explanation. Looked up at run time so that
 * this file builds either way.
 */
function hostUndo(): UndoFn | null {
  const ns = excelHost as unknown as Record<string, unknown>;
  const f = ns["undoLastRun"];
  return typeof f === "function" ? (f as UndoFn) : null;
}

export function createOfficeHost(deps: OfficeHostDeps): EngineHost {
  const run: ExcelRun = deps.run ?? ((batch) => Excel.run(batch));
  const undo = hostUndo();
  return {
    kind: "excel",
    settings: deps.settings,
    read: () => run((context) => readWorkbookGrids(context)),
    async apply(patch: WorkbookPatch, writtenAt: string): Promise<ApplyOutcome> {
      const { plan } = await run((context) => applyPatch(context, patch, { writtenAt, isSetSupported: deps.isSetSupported }));
      return { createdUserSheets: plan.createUserSheets.map((s) => s.name), skippedUserSheets: plan.skippedUserSheets };
    },
    selectCell: (sheet, cell) => run((context) => selectCell(context, sheet, cell)),
    undoSupported: undo !== null,
    async undoLastRun() {
      if (!undo) return false;
      const r = await run((context) => undo(context));
      return r !== false;
    },
    describeError: (e) => describeExcelError(e),
  };
}
