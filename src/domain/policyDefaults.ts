/**
 * The defaults of SPEC.md. They apply when a workbook has no policy sheet, and `tierplan init`
 * writes them into a new policy sheet for the manager to edit.
 */
import type { CallPlanSettings, JobSettings, Policy, TierRules } from "./model";

export const DEFAULT_TIER_RULES: TierRules = {
  periodMonths: 12,
  abcCutoffA: 0.8,
  abcCutoffB: 0.95,
  abcBoundary: "include",
  potentialGrowthMin: 0.3,
  potentialScoreMin: 70,
  potentialStageMin: 3,
  gradeMode: "threshold",
  gradeThresholds: { VKA: 500, V1: 200, V2: 100, V3: 50, V4: 0 },
  scoreBandA: 80,
  scoreBandB: 60,
  creditWatch: 0.8,
  creditOver: 1.0,
  winProbability: [0.1, 0.25, 0.5, 0.75, 0.9],
  planScoreCap: 1.2,
  // Codes of the 2007 enterprise accounting standards' chart, which 用友 and 金蝶 ship.
  voucher: { expenseAccount: "6601", expenseName: "销售费用—销售返利", payableAccount: "2241", payableName: "其他应付款", word: "记" },
};

export const DEFAULT_CALL_PLAN: CallPlanSettings = {
  callsPerDay: 60,
  workingWeekdays: [1, 2, 3, 4, 5],
  publicCalendar: "CN",
  holidays: [],
  extraWorkdays: [],
  expiringWithinDays: 30,
};

export function defaultPolicy(): Policy {
  return {
    tier: { ...DEFAULT_TIER_RULES, gradeThresholds: { ...DEFAULT_TIER_RULES.gradeThresholds }, winProbability: [...DEFAULT_TIER_RULES.winProbability], voucher: { ...DEFAULT_TIER_RULES.voucher } },
    gradeTargets: [],
    scorecard: [
      { criterion: "enthusiasm", weight: 15, min: 0, max: 10 },
      { criterion: "flexibility", weight: 10, min: 0, max: 10 },
      { criterion: "distribution", weight: 20, min: 0, max: 200 },
      { criterion: "capital", weight: 15, min: 0, max: 10 },
      { criterion: "brands", weight: 10, min: 0, max: 10 },
      { criterion: "logistics", weight: 10, min: 0, max: 10 },
      { criterion: "credit", weight: 10, min: 0, max: 10 },
      { criterion: "relations", weight: 10, min: 0, max: 10 },
    ],
    prices: [],
    rebates: [],
    callPlan: { ...DEFAULT_CALL_PLAN, workingWeekdays: [...DEFAULT_CALL_PLAN.workingWeekdays] },
    monthlyDistribution: null,
    jobs: defaultJobSettings(),
  };
}

/** SPEC §9: X ≤ 0.5, Y ≤ 1.0; overstock over 45 days, stock-out risk under 7; grade order; visits. */
export function defaultJobSettings(): JobSettings {
  return {
    xyz: { x: 0.5, y: 1.0 },
    stock: { overDays: 45, underDays: 7 },
    allocationOrder: ["VKA", "V1", "V2", "V3", "V4", "none"],
    // "About a third of a key-account manager's time" goes to visits.
    visits: { perMonth: { VKA: 2, V1: 1, A: 1 }, visitsPerDay: 3, timeShare: 1 / 3 },
    visitsConfigured: false,
  };
}
