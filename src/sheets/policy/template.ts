/**
 * The policy sheets as `tierplan init` (and the task pane's "create policy" button) writes
 * them: bilingual headers, every setting with its SPEC default, so that the manager edits
 * numbers in the workbook and not in code.
 */
import { defaultPolicy } from "../../domain/policyDefaults";
import type { CellValue } from "../grid";
import { CALL_SETTINGS, POLICY_SHEETS, PolicySheetDef, SCORECARD_LABELS, SettingDef, TIER_SETTINGS, headerCaption } from "./sheets";

export interface TemplateSheet {
  id: PolicySheetDef["id"];
  name: string;
  rows: CellValue[][];
  /** Column keys whose cells are shares (written with a % format). */
  percentColumns?: number[];
}

function header(def: PolicySheetDef): CellValue[] {
  return def.headers.map(headerCaption);
}

function settingRows(settings: SettingDef[]): CellValue[][] {
  return settings.map((s) => [s.key, `${s.zh} / ${s.en}`, s.value === "" ? null : s.value, s.note ?? null]);
}

/** Example head-office targets for one province (SPEC §1.4); blank office = every office. */
const EXAMPLE_GRADE_TARGETS: [string, number][] = [["VKA", 9], ["V1", 19], ["V2", 25], ["V3", 30], ["V4", 91]];

export function policyTemplate(): TemplateSheet[] {
  const p = defaultPolicy();
  const S = POLICY_SHEETS;
  return [
    { id: "tierRules", name: S.tierRules.names[0], rows: [header(S.tierRules), ...settingRows(TIER_SETTINGS)] },
    { id: "gradeTargets", name: S.gradeTargets.names[0], rows: [header(S.gradeTargets), ...EXAMPLE_GRADE_TARGETS.map(([g, n]) => [null, g, n])] },
    {
      id: "scorecard",
      name: S.scorecard.names[0],
      rows: [header(S.scorecard), ...p.scorecard.map((w) => [`${SCORECARD_LABELS[w.criterion].zh} / ${SCORECARD_LABELS[w.criterion].en}`, w.weight, w.min, w.max])],
    },
    { id: "priceList", name: S.priceList.names[0], rows: [header(S.priceList)] },
    { id: "rebateRules", name: S.rebateRules.names[0], rows: [header(S.rebateRules)] },
    { id: "callPlan", name: S.callPlan.names[0], rows: [header(S.callPlan), ...settingRows(CALL_SETTINGS)] },
    {
      id: "monthlyDistribution",
      name: S.monthlyDistribution.names[0],
      rows: [header(S.monthlyDistribution), ...[8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9].map((pct, i) => [i + 1, pct])],
    },
  ];
}
