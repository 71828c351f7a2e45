/**
 * EngineHost for the open Excel workbook. Every operation is one batch run through `run`
 * (Excel.run by default; a test passes one that hands over the strict Excel double's context).
 */
import { applyPatch, describeExcelError, readWorkbookGrids, undoLastRun } from "../../hosts/excel";
import { NothingToUndoError } from "../../report/ownership";
import type { WorkbookPatch } from "../../report/patch";
import { selectCell } from "../officeActions";
import { watchSheetSelection } from "../../hosts/excel/selection";
import type { ApplyOutcome, EngineHost, OutputsHelp, SettingsStore } from "./EngineHost";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeHostDeps {
  settings: SettingsStore;
  /** Default: Excel.run. */
  run?: ExcelRun;
  /** Default: the Excel host's (manifest minimum, newer sets asked of Office). */
  isSetSupported?: (set: string, version: string) => boolean;
}

export function createOfficeHost(deps: OfficeHostDeps): EngineHost {
  const run: ExcelRun = deps.run ?? ((batch) => Excel.run(batch));
  return {
    kind: "excel",
    settings: deps.settings,
    read: () => run((context) => readWorkbookGrids(context)),
    async apply(patch: WorkbookPatch, writtenAt: string, help?: OutputsHelp): Promise<ApplyOutcome> {
      const { plan } = await run((context) => applyPatch(context, patch, { writtenAt, isSetSupported: deps.isSetSupported, ...help }));
      return { createdUserSheets: plan.createUserSheets.map((s) => s.name), skippedUserSheets: plan.skippedUserSheets };
    },
    selectCell: (sheet, cell) => run((context) => selectCell(context, sheet, cell)),
    watchSelection: (sheet, onSelect) => watchSheetSelection(run, sheet, onSelect),
    undoSupported: true,
    /** The Excel host restores what the last run replaced from the snapshot in its registry. */
    async undoLastRun(help?: OutputsHelp) {
      try {
        await run((context) => undoLastRun(context, { writtenAt: new Date().toISOString(), isSetSupported: deps.isSetSupported, decodeOutputs: help?.decodeOutputs }));
        return true;
      } catch (e) {
        if (e instanceof NothingToUndoError) return false;
        throw e;
      }
    },
    describeError: (e) => describeExcelError(e),
  };
}
