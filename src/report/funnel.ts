/**
 * Funnel outputs (SPEC §3.2): the funnel summary sheet (漏斗分析 / Funnel) with counts and net
 * revenue per stage, temperature and contract status (overall and per rep), the stage
 * conversion, the weighted pipeline by intent and a funnel chart (native funnel where the host
 * has one, a bar chart otherwise).
 *
 * The builder is a function of (funnel result, vocabulary): stages, temperatures, contract
 * statuses and intents are codes shown by their label in the sheet's language, and every
 * totals row comes from the column records.
 */
import { isoDate } from "../domain/calendar";
import { type Bucket, CONTRACT_STATUSES, type FunnelFigures, type FunnelResult, NO_INTENT_LEVEL, type PipelineLine, STAGES, TEMPERATURES } from "../domain/funnel";
import type { ContractStatus, Temperature } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import type { Block, SheetPatch } from "./patch";
import { TAB_COLOUR } from "./style";
import { type Column, type Label, type Lang, blockHeight, noteBlock, pick, tableBlock } from "./table";

export const FUNNEL_SHEET = { zh: "漏斗分析", en: "Funnel" };

/** What the funnel sheet needs besides the funnel result. */
export interface FunnelVocabulary {
  lang: Lang;
  /** The analysis period, for the heading (null: none given). */
  period: { from: number; to: number } | null;
}

export const STAGE_NAMES: Label[] = [
  { zh: "暂时没有联系上", en: "not reached yet" },
  { zh: "新增到自己名下", en: "newly assigned" },
  { zh: "和KP建立了沟通", en: "in contact with the key person" },
  { zh: "有申请资质的计划", en: "plans to apply for a licence" },
  { zh: "有选择我们的意向", en: "intends to choose us" },
  { zh: "直接联系并且传了合同", en: "contract sent" },
  { zh: "合同中", en: "under contract" },
  { zh: "合同已经到期", en: "contract expired" },
];

export const TEMPERATURE_NAMES: Record<Temperature, Label> = {
  Hot: { zh: "Hot（A类，即将成交）", en: "Hot (about to close)" },
  Warm: { zh: "Warm（B类，有意向）", en: "Warm (interested)" },
  Cold: { zh: "Cold（C类，未确定）", en: "Cold (undetermined)" },
  Denial: { zh: "Denial（废弃）", en: "Denial (dropped)" },
};

export const CONTRACT_NAMES: Record<ContractStatus, Label> = {
  none: { zh: "无合同", en: "none" },
  active: { zh: "合同中", en: "active" },
  expired: { zh: "合同已到期", en: "expired" },
};

export const INTENT_NAMES: Label[] = [
  { zh: "可能性差", en: "poor" },
  { zh: "意向不明", en: "unclear" },
  { zh: "可能成交", en: "possible" },
  { zh: "成交意向好", en: "good" },
  { zh: "成交可能性很大", en: "very likely" },
];

/** "4 有选择我们的意向" / "4 intends to choose us". */
export const stageText = (lang: Lang, k: number): string => `${k} ${pick(STAGE_NAMES[k], lang)}`;
/** "4 成交意向好" / "4 good". */
export const intentText = (lang: Lang, i: number): string => `${i} ${pick(INTENT_NAMES[i - 1], lang)}`;

const L = (zh: string, en: string): Label => ({ zh, en });
const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);
const TOTAL = L("合计", "Total");
const NOT_RECORDED = L("未填写", "Not recorded");
const NO_INTENT = INTENT_NAMES[NO_INTENT_LEVEL - 1];

export const TEMPERATURE_VOCABULARY: Record<string, Label> = { ...TEMPERATURE_NAMES, unknown: NOT_RECORDED };
const STAGE_VOCABULARY: Record<string, Label> = {
  ...Object.fromEntries(STAGES.map((k) => [String(k), L(`${k} ${STAGE_NAMES[k].zh}`, `${k} ${STAGE_NAMES[k].en}`)])),
  unknown: NOT_RECORDED,
};
const CONTRACT_VOCABULARY: Record<string, Label> = { ...CONTRACT_NAMES, unknown: NOT_RECORDED };
const INTENT_VOCABULARY: Record<string, Label> = {
  ...Object.fromEntries(INTENT_NAMES.map((n, i) => [String(i + 1), L(`${i + 1} ${n.zh}`, `${i + 1} ${n.en}`)])),
  none: L(`未填写（按“${NO_INTENT.zh}”计）`, `Not recorded (as "${NO_INTENT.en}")`),
};
const DIMENSIONS = { stage: L("销售进程", "Stage"), temperature: L("客户温度", "Temperature"), contract: L("合同状态", "Contract status") };
type Dimension = keyof typeof DIMENSIONS;
const VALUE_VOCABULARY: Record<string, Label> = Object.fromEntries([
  ...Object.entries(STAGE_VOCABULARY).map(([k, l]) => [`stage.${k}`, l]),
  ...Object.entries(TEMPERATURE_VOCABULARY).map(([k, l]) => [`temperature.${k}`, l]),
  ...Object.entries(CONTRACT_VOCABULARY).map(([k, l]) => [`contract.${k}`, l]),
]);

const ratio = (x: number | null): number | null => (x === null ? null : roundTo(x, 6));

/** One value of a dimension (or "unknown": not recorded) with its accounts and revenue. */
interface BucketRow { code: string; bucket: Bucket; reached?: number; conversion?: number | null }

function bucketColumns(first: Label, vocabulary: Record<string, Label>, accounts: number): Column<BucketRow>[] {
  return [
    { key: "label", label: first, format: { vocabulary }, value: (r) => r.code, total: TOTAL },
    { key: "count", label: L("客户数", "Accounts"), format: "integer", value: (r) => r.bucket.count, total: "sum" },
    { key: "share", label: L("客户占比", "Share of accounts"), format: "percent1", value: (r) => (accounts ? roundTo(r.bucket.count / accounts, 6) : 0), total: "sum" },
    { key: "revenue", label: L("净销售额", "Net revenue"), format: "money", value: (r) => toYuan(r.bucket.revenue), total: "sum" },
  ];
}

function stageColumns(accounts: number): Column<BucketRow>[] {
  return [
    ...bucketColumns(L("销售进程", "Stage"), STAGE_VOCABULARY, accounts),
    { key: "reached", label: L("到达该进程（≥）", "Reached (≥ stage)"), format: "integer", value: (r) => r.reached ?? null },
    { key: "conversion", label: L("转化率（到下一进程）", "Conversion to next stage"), format: "percent1", value: (r) => ratio(r.conversion ?? null) },
  ];
}

const PIPELINE_COLUMNS: Column<PipelineLine>[] = [
  { key: "intent", label: L("成交意向", "Intent"), format: { vocabulary: INTENT_VOCABULARY }, value: (l) => (l.intent === null ? "none" : String(l.intent)), total: TOTAL },
  { key: "count", label: L("客户数", "Accounts"), format: "integer", value: (l) => l.count, total: "sum" },
  { key: "probability", label: L("成交概率", "Win probability"), format: "percent", value: (l) => roundTo(l.probability, 6) },
  { key: "expected", label: L("预计金额", "Expected value"), format: "money", value: (l) => toYuan(l.expectedValue), total: "sum" },
  { key: "weighted", label: L("加权金额", "Weighted value"), format: "money", value: (l) => toYuan(l.weighted), total: "sum" },
];

const NOTES: Label[] = [
  L("预计金额 = 客户的“预计金额”列；未填时取分析期内月均净销售额（负数按 0 计）。", "Expected value = the account's Expected value column; when blank, its average monthly net revenue over the period (negative counts as 0)."),
  L(`未填写成交意向的客户按“${NO_INTENT.zh}”的成交概率计算。`, `Accounts without intent are weighted with the "${NO_INTENT.en}" probability.`),
  L("转化率 = 到达下一进程（≥k+1）的客户数 / 到达本进程（≥k）的客户数；进程7视为已过进程6。", "Conversion = accounts at stage ≥ k+1 / accounts at stage ≥ k; stage 7 counts as having passed 6."),
];
const NOTE_COLUMNS: Column<string>[] = [{ key: "text", label: L("说明", "Notes"), format: "text", value: (s) => s }];

interface RepRow { rep: string; f: FunnelFigures }

function repColumns(): Column<RepRow>[] {
  const count = (key: string, label: Label, get: (f: FunnelFigures) => number): Column<RepRow> => ({ key, label, format: "integer", value: (r) => get(r.f), total: "sum" });
  return [
    { key: "rep", label: L("销售代表", "Rep"), format: "text", value: (r) => r.rep, total: TOTAL },
    count("accounts", L("客户数", "Accounts"), (f) => f.accounts),
    { key: "revenue", label: L("净销售额", "Net revenue"), format: "money", value: (r) => toYuan(r.f.revenue), total: "sum" },
    ...STAGES.map((k) => count(`s.${k}`, L(`进程${k}`, `Stage ${k}`), (f) => f.byStage[k].count)),
    ...TEMPERATURES.map((x) => count(`t.${x}`, TEMPERATURE_NAMES[x], (f) => f.byTemperature[x].count)),
    ...CONTRACT_STATUSES.map((s) => count(`c.${s}`, CONTRACT_NAMES[s], (f) => f.byContractStatus[s].count)),
    { key: "pipeline", label: L("加权管道", "Weighted pipeline"), format: "money", value: (r) => toYuan(r.f.pipeline.weighted), total: "sum" },
  ];
}

interface DetailRow { rep: string; dimension: Dimension; code: string; bucket: Bucket }

const DETAIL_COLUMNS: Column<DetailRow>[] = [
  { key: "rep", label: L("销售代表", "Rep"), format: "text", value: (r) => r.rep },
  { key: "dimension", label: L("维度", "Dimension"), format: { vocabulary: DIMENSIONS }, value: (r) => r.dimension },
  { key: "value", label: L("取值", "Value"), format: { vocabulary: VALUE_VOCABULARY }, value: (r) => `${r.dimension}.${r.code}` },
  { key: "count", label: L("客户数", "Accounts"), format: "integer", value: (r) => r.bucket.count },
  { key: "revenue", label: L("净销售额", "Net revenue"), format: "money", value: (r) => toYuan(r.bucket.revenue) },
];

function detailRows(result: FunnelResult): DetailRow[] {
  return result.byRep.flatMap(({ rep, figures: g }) => [
    ...STAGES.map((k) => ({ rep, dimension: "stage" as const, code: String(k), bucket: g.byStage[k] })),
    ...TEMPERATURES.map((x) => ({ rep, dimension: "temperature" as const, code: x, bucket: g.byTemperature[x] })),
    ...CONTRACT_STATUSES.map((s) => ({ rep, dimension: "contract" as const, code: s, bucket: g.byContractStatus[s] })),
  ]);
}

function headLine(f: FunnelFigures, lang: Lang): string {
  const yuan = (x: number) => toYuan(x).toLocaleString("en-US");
  return t(
    lang,
    `${f.accounts} 个客户；进程1–5 共 ${f.pipeline.count} 个，加权管道 ${yuan(f.pipeline.weighted)} 元（预计金额 ${yuan(f.pipeline.expectedValue)} 元）`,
    `${f.accounts} accounts; ${f.pipeline.count} at stages 1–5, weighted pipeline ${yuan(f.pipeline.weighted)} (expected value ${yuan(f.pipeline.expectedValue)})`,
  );
}

export function funnelSheet(result: FunnelResult, v: FunnelVocabulary): SheetPatch {
  const { lang } = v;
  const f = result.overall;
  const period = v.period ? `${isoDate(v.period.from)} – ${isoDate(v.period.to)}` : "";
  const head = noteBlock("funnel.head", { row: 0, col: 0 }, t(lang, `销售漏斗 ${period}`, `Sales funnel ${period}`), [headLine(f, lang)]);

  let row = 3;
  const at = () => ({ row, col: 0 });
  const next = (b: Block, gap = 1) => (row += blockHeight(b) + gap);
  const stageRows: BucketRow[] = [
    ...STAGES.map((k, i) => ({ code: String(k), bucket: f.byStage[k], reached: f.reached[i], conversion: i < f.conversion.length ? f.conversion[i] : null })),
    { code: "unknown", bucket: f.stageUnknown },
  ];
  const stage = tableBlock({ id: "funnel.stage", at: at(), title: L("按销售进程", "By sales stage"), columns: stageColumns(f.accounts), totals: true }, stageRows, lang);
  next(stage);
  const temp = tableBlock({ id: "funnel.temperature", at: at(), title: L("按客户温度", "By temperature"), columns: bucketColumns(L("客户温度", "Temperature"), TEMPERATURE_VOCABULARY, f.accounts), totals: true }, [
    ...TEMPERATURES.map((x) => ({ code: x, bucket: f.byTemperature[x] })),
    { code: "unknown", bucket: f.temperatureUnknown },
  ], lang);
  next(temp);
  const contract = tableBlock({ id: "funnel.contract", at: at(), title: L("按合同状态", "By contract status"), columns: bucketColumns(L("合同状态", "Contract status"), CONTRACT_VOCABULARY, f.accounts), totals: true }, [
    ...CONTRACT_STATUSES.map((s) => ({ code: s, bucket: f.byContractStatus[s] })),
    { code: "unknown", bucket: f.contractUnknown },
  ], lang);
  next(contract);
  const pipeline = tableBlock({
    id: "funnel.pipeline", at: at(), columns: PIPELINE_COLUMNS, totals: true,
    title: L("加权管道（进程1–5，预计金额 × 成交概率）", "Weighted pipeline (stages 1–5, expected value × win probability)"),
  }, f.pipeline.byIntent, lang);
  next(pipeline, 0);
  const note = tableBlock({ id: "funnel.note", at: at(), columns: NOTE_COLUMNS }, NOTES.map((n) => pick(n, lang)), lang);
  next(note, 2);

  // Per rep: one wide overview, then the long table with counts and revenue per value.
  const repRows: RepRow[] = result.byRep.map((r) => ({ rep: r.rep, f: r.figures }));
  const repOverview = tableBlock({ id: "funnel.byRep", at: at(), title: L("按销售代表", "By rep"), columns: repColumns(), totals: true }, repRows, lang);
  next(repOverview);
  const repDetail = tableBlock({
    id: "funnel.byRepDetail", at: at(), columns: DETAIL_COLUMNS,
    title: L("按销售代表明细（客户数与净销售额）", "By rep in detail (accounts and net revenue)"),
  }, detailRows(result), lang);
  if (repDetail.rows.length) repDetail.table = { name: "TP_FunnelByRep" };

  const sheet: SheetPatch = {
    name: pick(FUNNEL_SHEET, lang), tabColor: TAB_COLOUR, charts: [],
    blocks: [head, stage, temp, contract, pipeline, note, repOverview, repDetail],
  };
  if (f.accounts - f.stageUnknown.count > 0) {
    const reached = L("到达该进程（≥）", "Reached (≥ stage)");
    sheet.charts.push({
      id: "funnel.chart", type: "funnel", fallback: "bar",
      title: t(lang, "销售漏斗（到达各进程的客户数）", "Sales funnel (accounts reaching each stage)"),
      categories: { block: "funnel.stage", column: "label", rows: [0, 7] },
      series: [{ name: pick(reached, lang), values: { block: "funnel.stage", column: "reached", rows: [0, 7] } }],
      at: { row: 3, col: stageColumns(0).length + 2 }, size: { cols: 9, rows: 20 },
    });
  }
  return sheet;
}
