/**
 * Monthly plan templates for reps (SPEC §4.1). Owned by the plan work (issue 5).
 */
import type { RunContext } from "../pipeline/context";
import { emptyPatch, WorkbookPatch } from "./patch";

export function planTemplatePatch(_ctx: RunContext, _month: string): WorkbookPatch {
  return emptyPatch();
}
