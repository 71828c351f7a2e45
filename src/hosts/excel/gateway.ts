/**
 * The task pane's door to Excel: each operation is one `Excel.run`. Nothing outside
 * src/hosts/excel/ calls Office.js; the task pane calls these and shows `describeExcelError`
 * when they reject.
 */
import type { WorkbookGrids } from "../../sheets/grid";
import type { WorkbookPatch } from "../../report/patch";
import { ApplyResult, applyPatch, undoLastRun } from "./applyPatch";
import { readWorkbookGrids } from "./readWorkbook";
import { defaultIsSetSupported } from "./requirements";

/** Read every sheet of the open workbook. */
export function readOpenWorkbook(): Promise<WorkbookGrids> {
  return Excel.run((context) => readWorkbookGrids(context));
}

/** Write a patch into the open workbook (replacing TierPlan's previous outputs). */
export function applyPatchToOpenWorkbook(patch: WorkbookPatch, writtenAt: string = new Date().toISOString()): Promise<ApplyResult> {
  return Excel.run((context) => applyPatch(context, patch, { writtenAt, isSetSupported: defaultIsSetSupported }));
}

/** Undo the last TierPlan run in the open workbook (rejects with NothingToUndoError when there is none). */
export function undoLastRunInOpenWorkbook(writtenAt: string = new Date().toISOString()): Promise<ApplyResult> {
  return Excel.run((context) => undoLastRun(context, { writtenAt, isSetSupported: defaultIsSetSupported }));
}
