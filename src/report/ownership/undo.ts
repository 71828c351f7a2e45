/**
 * Undo: the current run's outputs go and the run before it comes back where it was, cell for
 * cell, from the history in the registry sheet (storage.ts). Repeated, it walks back through
 * the last MAX_UNDO runs to the workbook as it was before TierPlan's first run.
 */
import type { Issue } from "../../domain/issues";
import type { WorkbookPatch } from "../patch";
import { nameSheets } from "./placement";
import { sameSheetName, sheetKey } from "./sheetNames";
import { MAX_UNDO, outputsOf, readIndex, undoUpdate, type RegistryUpdate } from "./storage";
import { runSteps, type Steps } from "./steps";
import { clearableColumns, conflictingCells, findSheet } from "./typedCells";
import { REGISTRY_SHEET, type ColumnPlacement, type PlacementPlan, type WorkbookFacts } from "./types";

export class NothingToUndoError extends Error {
  readonly messageZh: string;
  /** "none": TierPlan never ran here (or everything was undone); "history": the oldest run kept was reached. */
  readonly reason: "none" | "history";
  constructor(reason: "none" | "history" = "none") {
    super(
      reason === "history"
        ? `Nothing more to undo: TierPlan keeps the last ${MAX_UNDO} runs, and the oldest of them is already undone.`
        : "Nothing to undo: this workbook has no record of a TierPlan run to undo.",
    );
    this.reason = reason;
    this.messageZh =
      reason === "history"
        ? `没有更多可撤销的运行：TierPlan 只保留最近 ${MAX_UNDO} 次运行，最早的一次已撤销。`
        : "没有可撤销的运行：此工作簿中没有 TierPlan 上次运行的记录。";
  }
}

/**
 * Undo the current run: remove its outputs and put back the outputs it replaced, at their old
 * places and under their old names. Returns the patch to apply (the previous outputs), the plan
 * and the registry update. Throws NothingToUndoError when the history holds no earlier state.
 */
export function planUndo(facts: WorkbookFacts, writtenAt: string): UndoPlan {
  return runSteps(planUndoSteps(facts, writtenAt));
}

export interface UndoPlan {
  patch: WorkbookPatch;
  plan: PlacementPlan;
  update: RegistryUpdate;
}

/** planUndo, yielding between slices of its work (steps.ts). */
export function* planUndoSteps(facts: WorkbookFacts, writtenAt: string): Steps<UndoPlan> {
  const index = readIndex(facts.registryCells);
  if (!index || !facts.registry) throw new NothingToUndoError();
  if (index.runs.length < 2) throw new NothingToUndoError("history");
  const stored = outputsOf(facts.registryCells, index.runs[1], facts.decodedOutputs);
  if (!stored) throw new NothingToUndoError("history");
  const cur = facts.registry;
  const curSheets = new Set(cur.sheets.map(sheetKey));
  const removeSheets = facts.sheetNames.filter((n) => curSheets.has(sheetKey(n)));
  const keptNames = facts.sheetNames.filter((n) => !curSheets.has(sheetKey(n)) && !sameSheetName(n, REGISTRY_SHEET));
  const issues: Issue[] = [];
  const curOutputs = outputsOf(facts.registryCells, index.runs[0], facts.decodedOutputs);

  // This run's columns go, unless a person typed into them since.
  const clearColumns: ColumnPlacement[] = [];
  for (const o of yield* clearableColumns(cur.columns, curOutputs, facts, issues, false)) {
    clearColumns.push({ id: o.id, sheet: o.sheet, headerRow: o.headerRow, firstCol: o.firstCol, count: o.headers.length });
  }

  const patch: WorkbookPatch = { ...stored, userSheets: [] };
  const prev = index.runs[1].registry;
  const columns: ColumnPlacement[] = [];
  for (const cp of patch.columns) {
    const o = prev?.columns.find((c) => c.id === cp.id && sameSheetName(c.sheet, cp.sheet));
    const at: ColumnPlacement = { id: cp.id, sheet: cp.sheet, headerRow: cp.headerRow, firstCol: o?.firstCol ?? 0, count: cp.columns.length };
    // Not placed then (no room), or its sheet is gone: nothing to re-create.
    if (!o || !findSheet(facts, cp.sheet)) columns.push({ ...at, count: 0 });
    // The range was left alone by the run undone if it holds anything not TierPlan's: then it
    // is already as it was, and writing it would overwrite what a person typed.
    else columns.push((yield* conflictingCells(o, patch, facts, clearColumns)).length ? { ...at, count: 0 } : at);
  }

  const plan: PlacementPlan = {
    removeSheets,
    clearColumns,
    columns,
    renamedSheets: {},
    sheetNames: [],
    registry: prev ?? { version: 1, writtenAt, sheets: [], columns: [] },
    createUserSheets: [],
    skippedUserSheets: [],
    issues,
    keepRegistry: prev !== null,
  };
  nameSheets(patch, keptNames, plan, prev?.sheets);
  if (prev) plan.registry = { ...prev, sheets: [...plan.sheetNames] };
  return { patch, plan, update: undoUpdate(index, plan) };
}
