/**
 * The policy sheets (SPEC §1.3): their names, headers and the settings they hold. One
 * definition serves three purposes: `tierplan init` writes the template from it, the reader
 * parses it, and the task pane labels settings with it.
 */
import { DEFAULT_CALL_PLAN, DEFAULT_TIER_RULES } from "../../domain/policyDefaults";
import { JOB_TIER_SETTINGS, VISIT_SETTINGS } from "./jobSettings";

export interface PolicySheetDef {
  id: "tierRules" | "gradeTargets" | "scorecard" | "priceList" | "rebateRules" | "callPlan" | "monthlyDistribution";
  /** Chinese and English names; either is found. The Chinese name is the one `init` writes. */
  names: [string, string];
  /** Header synonyms per column key, Chinese first. */
  headers: { key: string; zh: string; en: string; extra?: string[] }[];
}

export type SettingKind = "share" | "number" | "integer" | "choice" | "date" | "weekdays" | "text";

export interface SettingDef {
  key: string;
  zh: string;
  en: string;
  kind: SettingKind;
  /** Default as written in the template. */
  value: string | number;
  /** For choice settings: accepted words per option. */
  choices?: Record<string, string[]>;
  note?: string;
}

const SETTING_HEADERS = [
  { key: "key", zh: "参数", en: "Key" },
  { key: "setting", zh: "设置", en: "Setting" },
  { key: "value", zh: "值", en: "Value", extra: ["数值", "取值"] },
  { key: "note", zh: "说明", en: "Note", extra: ["备注"] },
];

export const POLICY_SHEETS: Record<PolicySheetDef["id"], PolicySheetDef> = {
  tierRules: { id: "tierRules", names: ["分级规则", "TierRules"], headers: SETTING_HEADERS },
  gradeTargets: {
    id: "gradeTargets",
    names: ["分级目标", "GradeTargets"],
    headers: [
      { key: "office", zh: "办事处", en: "Office", extra: ["区域"] },
      { key: "grade", zh: "等级", en: "Grade", extra: ["级别"] },
      { key: "target", zh: "目标数量", en: "Target count", extra: ["目标", "Target"] },
    ],
  },
  scorecard: {
    id: "scorecard",
    names: ["评分卡", "Scorecard"],
    headers: [
      { key: "criterion", zh: "指标", en: "Criterion", extra: ["评价指标"] },
      { key: "weight", zh: "权重", en: "Weight" },
      { key: "min", zh: "最小值", en: "Min" },
      { key: "max", zh: "最大值", en: "Max" },
    ],
  },
  priceList: {
    id: "priceList",
    names: ["价格体系", "PriceList"],
    headers: [
      { key: "model", zh: "型号", en: "Model" },
      { key: "channel", zh: "渠道", en: "Channel", extra: ["渠道类型"] },
      { key: "kind", zh: "价格类型", en: "Price kind" },
      { key: "price", zh: "价格", en: "Price" },
    ],
  },
  rebateRules: {
    id: "rebateRules",
    names: ["返利政策", "RebateRules"],
    headers: [
      { key: "ruleId", zh: "规则编号", en: "Rule ID" },
      { key: "model", zh: "型号", en: "Model" },
      { key: "channels", zh: "渠道", en: "Channels", extra: ["Channel"] },
      { key: "kind", zh: "类型", en: "Kind" },
      { key: "basis", zh: "依据", en: "Basis" },
      { key: "thresholds", zh: "门槛", en: "Thresholds", extra: ["达量门槛"] },
      { key: "rates", zh: "返利", en: "Rates", extra: ["返利标准", "Rate"] },
      { key: "mode", zh: "方式", en: "Mode" },
      { key: "validFrom", zh: "生效日期", en: "Valid from" },
      { key: "validTo", zh: "失效日期", en: "Valid to" },
      { key: "note", zh: "备注", en: "Note" },
      // SPEC §8, optional; after 备注 so that sheets written before them keep their layout.
      { key: "daysLimit", zh: "账期天数", en: "Days limit", extra: ["账期", "回款天数"] },
      { key: "paymentForm", zh: "兑付方式", en: "Payment form", extra: ["兑现方式", "支付方式"] },
      { key: "cycle", zh: "结算周期", en: "Cycle", extra: ["周期", "返利周期", "Agreement period"] },
    ],
  },
  callPlan: { id: "callPlan", names: ["拨打计划", "CallPlan"], headers: SETTING_HEADERS },
  monthlyDistribution: {
    id: "monthlyDistribution",
    names: ["月度分解", "MonthlyDistribution"],
    headers: [
      { key: "month", zh: "月份", en: "Month" },
      { key: "percentage", zh: "比例", en: "Percentage", extra: ["百分比", "占比"] },
    ],
  },
};

const D = DEFAULT_TIER_RULES;

export const TIER_SETTINGS: SettingDef[] = [
  { key: "period.months", zh: "分析期（月数）", en: "Analysis period (months)", kind: "integer", value: D.periodMonths, note: "以销售表最后一个完整月为止 / ending with the last full month of sales" },
  { key: "abc.cutoffA", zh: "A类累计占比", en: "A cut-off (cumulative share)", kind: "share", value: D.abcCutoffA },
  { key: "abc.cutoffB", zh: "B类累计占比", en: "B cut-off (cumulative share)", kind: "share", value: D.abcCutoffB },
  {
    key: "abc.boundary", zh: "临界客户规则", en: "Boundary rule", kind: "choice", value: "含临界客户",
    choices: { include: ["含临界客户", "包含", "include", "inclusive"], strict: ["严格小于", "不含临界客户", "strict", "strictly below"] },
    note: "含临界客户 = 跨过分界线的客户计入该类 (SAP BW); 严格小于 = 只计累计占比严格小于分界线的客户",
  },
  { key: "value.growthMin", zh: "潜力客户最低增长率", en: "Potential: min growth", kind: "share", value: D.potentialGrowthMin },
  { key: "value.scoreMin", zh: "潜力客户最低评分", en: "Potential: min score", kind: "number", value: D.potentialScoreMin },
  { key: "value.stageMin", zh: "潜力客户最低销售进程", en: "Potential: min stage", kind: "integer", value: D.potentialStageMin },
  {
    key: "grade.mode", zh: "分级方式", en: "Grade mode", kind: "choice", value: "门槛",
    choices: { threshold: ["门槛", "门槛模式", "threshold"], quota: ["配额", "配额模式", "quota"] },
    note: "门槛 = 按月均提货量; 配额 = 按提货量排名依次填满各级目标数",
  },
  { key: "grade.VKA", zh: "VKA 月均提货量≥", en: "VKA: monthly units ≥", kind: "number", value: D.gradeThresholds.VKA },
  { key: "grade.V1", zh: "V1 月均提货量≥", en: "V1: monthly units ≥", kind: "number", value: D.gradeThresholds.V1 },
  { key: "grade.V2", zh: "V2 月均提货量≥", en: "V2: monthly units ≥", kind: "number", value: D.gradeThresholds.V2 },
  { key: "grade.V3", zh: "V3 月均提货量≥", en: "V3: monthly units ≥", kind: "number", value: D.gradeThresholds.V3 },
  { key: "grade.V4", zh: "V4 月均提货量>", en: "V4: monthly units >", kind: "number", value: D.gradeThresholds.V4 },
  { key: "score.bandA", zh: "评分A档≥", en: "Score band A ≥", kind: "number", value: D.scoreBandA },
  { key: "score.bandB", zh: "评分B档≥", en: "Score band B ≥", kind: "number", value: D.scoreBandB },
  { key: "credit.watch", zh: "信用关注线", en: "Credit watch at", kind: "share", value: D.creditWatch },
  { key: "credit.over", zh: "信用超限线", en: "Credit over limit above", kind: "share", value: D.creditOver },
  { key: "funnel.winProb.1", zh: "成交概率：可能性差", en: "Win probability: poor", kind: "share", value: D.winProbability[0] },
  { key: "funnel.winProb.2", zh: "成交概率：意向不明", en: "Win probability: unclear", kind: "share", value: D.winProbability[1] },
  { key: "funnel.winProb.3", zh: "成交概率：可能成交", en: "Win probability: possible", kind: "share", value: D.winProbability[2] },
  { key: "funnel.winProb.4", zh: "成交概率：成交意向好", en: "Win probability: good", kind: "share", value: D.winProbability[3] },
  { key: "funnel.winProb.5", zh: "成交概率：成交可能性很大", en: "Win probability: very likely", kind: "share", value: D.winProbability[4] },
  { key: "plan.scoreCap", zh: "达成得分封顶", en: "Achievement score cap", kind: "share", value: D.planScoreCap },
  { key: "voucher.expenseAccount", zh: "返利费用科目编码", en: "Rebate expense account", kind: "text", value: D.voucher.expenseAccount, note: "返利凭证借方 / debit of the rebate vouchers" },
  { key: "voucher.expenseName", zh: "返利费用科目名称", en: "Rebate expense account name", kind: "text", value: D.voucher.expenseName },
  { key: "voucher.payableAccount", zh: "应付返利科目编码", en: "Rebate payable account", kind: "text", value: D.voucher.payableAccount, note: "返利凭证贷方，辅助核算：客户 / credit, customer as auxiliary item" },
  { key: "voucher.payableName", zh: "应付返利科目名称", en: "Rebate payable account name", kind: "text", value: D.voucher.payableName },
  { key: "voucher.word", zh: "凭证字", en: "Voucher word", kind: "text", value: D.voucher.word },
  ...JOB_TIER_SETTINGS,
];

export const CALL_SETTINGS: SettingDef[] = [
  { key: "calls.perDay", zh: "每日拨打量", en: "Calls per day", kind: "integer", value: DEFAULT_CALL_PLAN.callsPerDay },
  { key: "calls.workdays", zh: "工作日", en: "Working days", kind: "weekdays", value: "一,二,三,四,五", note: "星期一至五 = 一,二,三,四,五 (Mon,Tue,Wed,Thu,Fri)" },
  {
    key: "calls.calendar", zh: "节假日日历", en: "Public holiday calendar", kind: "choice", value: "中国大陆",
    choices: { CN: ["中国大陆", "中国", "mainland China", "China", "CN"], none: ["无", "不使用", "none", "off"] },
    note: "中国大陆法定节假日及调休上班日；无 = 只按上面的工作日 / mainland China public holidays and 调休 working days; none = the weekdays above only",
  },
  { key: "calls.expiringDays", zh: "合同即将到期（天）", en: "Contract expiring within (days)", kind: "integer", value: DEFAULT_CALL_PLAN.expiringWithinDays },
  { key: "holiday", zh: "节假日", en: "Holiday", kind: "date", value: "", note: "每个节假日一行 / one row per holiday" },
  { key: "workday", zh: "调休上班日", en: "Extra working day", kind: "date", value: "", note: "周末调休上班，每天一行 / a worked weekend day, one row each" },
  ...VISIT_SETTINGS,
];

export const SCORECARD_LABELS: Record<string, { zh: string; en: string }> = {
  enthusiasm: { zh: "积极性", en: "Enthusiasm" },
  flexibility: { zh: "经营灵活性", en: "Flexibility" },
  distribution: { zh: "分销能力", en: "Distribution reach" },
  capital: { zh: "资金实力", en: "Capital" },
  brands: { zh: "畅销品牌数", en: "Best-selling brands" },
  logistics: { zh: "仓储车辆人员", en: "Warehouse, vehicles, staff" },
  credit: { zh: "信誉", en: "Credit" },
  relations: { zh: "社会关系", en: "Social relations" },
};

/** Header row as `init` writes it: "中文 / English". */
export function headerCaption(h: { zh: string; en: string }): string {
  return `${h.zh} / ${h.en}`;
}
