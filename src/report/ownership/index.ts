/**
 * Which parts of a workbook TierPlan owns, where this run's outputs go, and how runs are
 * undone. Both hosts read the facts they need, call `planPlacement` (or `planUndo`) and carry
 * out the same plan, so a re-run replaces TierPlan's previous outputs instead of adding
 * copies, a cell a person typed is never written over, and the last runs can be undone.
 *
 *  - sheetNames.ts: sheet names as Excel compares them;
 *  - types.ts: the registry, the facts a host supplies and the plan it carries out;
 *  - storage.ts: the registry sheet (the history of runs and their outputs) and its size bound;
 *  - typedCells.ts: cells a person typed into TierPlan's columns;
 *  - placement.ts: where a run's sheets and columns go;
 *  - undo.ts: undoing runs one by one;
 *  - steps.ts: planning in slices, so that the Excel host's pane can breathe between them.
 */
export * from "./sheetNames";
export * from "./types";
export { toBase64, fromBase64 } from "./base64";
export * from "./storage";
export { carryOverOutputs, planPlacement, planPlacementSteps } from "./placement";
export { NothingToUndoError, planUndo, planUndoSteps } from "./undo";
export { runSteps, type Steps } from "./steps";
