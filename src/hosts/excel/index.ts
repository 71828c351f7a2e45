/** The Excel (Office.js) host: the only code in TierPlan that touches Office.js. */
export { readWorkbookGrids } from "./readWorkbook";
export type { ReadOptions } from "./readWorkbook";
export { applyPatch, undoLastRun } from "./applyPatch";
export { NothingToUndoError } from "../../report/ownership";
export type { ApplyOptions, ApplyResult } from "./applyPatch";
export { describeExcelError, ExcelHostError } from "./errors";
export type { UserMessage } from "./errors";
export type { IsSetSupported } from "./requirements";
