/**
 * Settings of SPEC §9's jobs: XYZ thresholds, stock thresholds and the allocation order live in
 * 分级规则 / TierRules; the visit plan's numbers in 拨打计划 / CallPlan (beside the calls, since
 * both share the working days). `init` writes them with the defaults; the reader applies them.
 */
import { GRADES } from "../../domain/model";
import type { IssueLog } from "../../domain/issues";
import type { AbcClass, Grade, JobSettings } from "../../domain/model";
import { defaultJobSettings } from "../../domain/policyDefaults";
import type { SettingDef } from "./sheets";

const J = defaultJobSettings();

export const JOB_TIER_SETTINGS: SettingDef[] = [
  { key: "xyz.x", zh: "X类变异系数≤", en: "XYZ: X when CV ≤", kind: "number", value: J.xyz.x, note: "月销售额的变异系数 = 标准差 ÷ 均值 / CV of monthly net revenue" },
  { key: "xyz.y", zh: "Y类变异系数≤", en: "XYZ: Y when CV ≤", kind: "number", value: J.xyz.y },
  { key: "stock.overDays", zh: "库存积压天数>", en: "Overstock above (days of stock)", kind: "number", value: J.stock.overDays },
  { key: "stock.underDays", zh: "断货风险天数<", en: "Stock-out risk below (days of stock)", kind: "number", value: J.stock.underDays },
  {
    key: "allocation.order", zh: "配货优先顺序", en: "Allocation order", kind: "text", value: J.allocationOrder.map((g) => (g === "none" ? "无等级" : g)).join(","),
    note: "按等级分组依次满足 / groups served in this order; 无等级 = no grade",
  },
];

const VISIT_TARGETS: (Grade | AbcClass)[] = [...GRADES, "A", "B", "C"];

export const VISIT_SETTINGS: SettingDef[] = [
  { key: "visits.perDay", zh: "每日拜访量", en: "Visits a day", kind: "integer", value: J.visits.visitsPerDay },
  { key: "visits.timeShare", zh: "拜访占工作时间比例", en: "Share of working days for visits", kind: "share", value: J.visits.timeShare, note: "大客户经理约三分之一的时间 / about a third of a key-account manager's time" },
  ...VISIT_TARGETS.map((t): SettingDef => ({
    key: `visits.${t}`,
    zh: `${/^[ABC]$/.test(t) ? `${t}类` : t} 每月拜访次数`,
    en: `Visits a month: ${/^[ABC]$/.test(t) ? `class ${t}` : t}`,
    kind: "integer",
    value: J.visits.perMonth[t] ?? 0,
  })),
];

const NO_GRADE_WORDS = new Set(["无等级", "无", "none", "nograde", "其他", "other"]);

/** "VKA,V1,V2,V3,V4,无等级" → groups; unknown words are reported and the default kept. */
export function parseAllocationOrder(text: string, issues: IssueLog, at: { sheet: string; cell: string }): string[] | null {
  const words = text.normalize("NFKC").split(/[,，、;；>\s]+/).map((w) => w.trim()).filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    const g = GRADES.find((x) => x === w.toUpperCase()) ?? (NO_GRADE_WORDS.has(w.toLowerCase()) ? "none" : null);
    if (!g) {
      issues.error("policy.badValue", `Allocation order: "${w}" is not a grade (VKA, V1–V4, 无等级); default kept`, `配货优先顺序："${w}" 不是等级（VKA、V1–V4、无等级），保留默认值`, at);
      return null;
    }
    if (!out.includes(g)) out.push(g);
  }
  // Groups the policy did not name come last, in the default order.
  for (const g of defaultJobSettings().allocationOrder) if (!out.includes(g)) out.push(g);
  return out;
}

/** Apply one job setting's value; true when the key was a job setting. */
export function applyJobSetting(jobs: JobSettings, key: string, value: number | string): boolean {
  const n = value as number;
  switch (key) {
    case "xyz.x": jobs.xyz.x = n; return true;
    case "xyz.y": jobs.xyz.y = n; return true;
    case "stock.overDays": jobs.stock.overDays = n; return true;
    case "stock.underDays": jobs.stock.underDays = n; return true;
    case "visits.perDay": jobs.visits.visitsPerDay = n; jobs.visitsConfigured = true; return true;
    case "visits.timeShare": jobs.visits.timeShare = Math.min(1, n); jobs.visitsConfigured = true; return true;
  }
  if (key.startsWith("visits.")) {
    jobs.visits.perMonth[key.slice(7) as Grade | AbcClass] = n;
    jobs.visitsConfigured = true;
    return true;
  }
  return false;
}
