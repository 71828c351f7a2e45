/**
 * Reading monthly plans in the long format of SPEC §4.1 (sheets named 计划 YYYY-MM /
 * Plan YYYY-MM, or any sheet with a 月份 / Month column). Owned by the plan work (issue 5).
 */
import type { IssueLog } from "../domain/issues";
import type { PlanEntry } from "../domain/model";
import type { WorkbookGrids } from "./grid";

export function readPlans(_wb: WorkbookGrids, _issues: IssueLog, _exclude: Set<string>): PlanEntry[] {
  return [];
}
