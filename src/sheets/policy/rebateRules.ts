/**
 * Reading 返利政策 / RebateRules (SPEC §1.3). Owned by the rebates work (issue 6).
 */
import type { IssueLog } from "../../domain/issues";
import type { RebateRule } from "../../domain/model";
import type { SheetGrid } from "../grid";

export function readRebateRules(_grid: SheetGrid, _issues: IssueLog): RebateRule[] {
  return [];
}
