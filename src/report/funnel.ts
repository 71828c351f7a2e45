/**
 * Funnel outputs (SPEC §3.2): the funnel summary sheet (漏斗分析 / Funnel) with counts and net
 * revenue per stage, temperature and contract status (overall and per rep), the stage
 * conversion, the weighted pipeline by intent and a funnel chart (native funnel where the host
 * has one, a bar chart otherwise).
 */
import { isoDate } from "../domain/calendar";
import { Bucket, CONTRACT_STATUSES, FunnelFigures, FunnelResult, NO_INTENT_LEVEL, STAGES, TEMPERATURES } from "../domain/funnel";
import type { ContractStatus, Temperature } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import type { RunContext } from "../pipeline/context";
import { tr } from "../pipeline/context";
import type { Block, PatchValue, SheetPatch } from "./patch";
import { TAB_COLOUR, TOTAL_ROW } from "./style";

export const FUNNEL_SHEET = { zh: "漏斗分析", en: "Funnel" };

export const STAGE_NAMES: { zh: string; en: string }[] = [
  { zh: "暂时没有联系上", en: "not reached yet" },
  { zh: "新增到自己名下", en: "newly assigned" },
  { zh: "和KP建立了沟通", en: "in contact with the key person" },
  { zh: "有申请资质的计划", en: "plans to apply for a licence" },
  { zh: "有选择我们的意向", en: "intends to choose us" },
  { zh: "直接联系并且传了合同", en: "contract sent" },
  { zh: "合同中", en: "under contract" },
  { zh: "合同已经到期", en: "contract expired" },
];

export const TEMPERATURE_NAMES: Record<Temperature, { zh: string; en: string }> = {
  Hot: { zh: "Hot（A类，即将成交）", en: "Hot (about to close)" },
  Warm: { zh: "Warm（B类，有意向）", en: "Warm (interested)" },
  Cold: { zh: "Cold（C类，未确定）", en: "Cold (undetermined)" },
  Denial: { zh: "Denial（废弃）", en: "Denial (dropped)" },
};

export const CONTRACT_NAMES: Record<ContractStatus, { zh: string; en: string }> = {
  none: { zh: "无合同", en: "none" },
  active: { zh: "合同中", en: "active" },
  expired: { zh: "合同已到期", en: "expired" },
};

export const INTENT_NAMES: { zh: string; en: string }[] = [
  { zh: "可能性差", en: "poor" },
  { zh: "意向不明", en: "unclear" },
  { zh: "可能成交", en: "possible" },
  { zh: "成交意向好", en: "good" },
  { zh: "成交可能性很大", en: "very likely" },
];

export function stageLabel(ctx: RunContext, k: number): string {
  return `${k} ${tr(ctx, STAGE_NAMES[k].zh, STAGE_NAMES[k].en)}`;
}

const ratio = (x: number | null): number | null => (x === null ? null : roundTo(x, 6));

/** Rows of a count/revenue table: one per value, "not recorded", total. */
function bucketRows(ctx: RunContext, rows: [string, Bucket][], unknown: Bucket, f: FunnelFigures): PatchValue[][] {
  const share = (b: Bucket) => (f.accounts ? roundTo(b.count / f.accounts, 6) : 0);
  return [
    ...rows.map(([label, b]) => [label, b.count, share(b), toYuan(b.revenue)]),
    [tr(ctx, "未填写", "Not recorded"), unknown.count, share(unknown), toYuan(unknown.revenue)],
    [tr(ctx, "合计", "Total"), f.accounts, f.accounts ? 1 : 0, toYuan(f.revenue)],
  ];
}

function countColumns(ctx: RunContext, first: { zh: string; en: string }) {
  return [
    { key: "label", header: tr(ctx, first.zh, first.en), format: "text" as const },
    { key: "count", header: tr(ctx, "客户数", "Accounts"), format: "integer" as const },
    { key: "share", header: tr(ctx, "客户占比", "Share of accounts"), format: "percent1" as const },
    { key: "revenue", header: tr(ctx, "净销售额", "Net revenue"), format: "money" as const },
  ];
}

export function funnelSheet(ctx: RunContext, result: FunnelResult): SheetPatch {
  const f = result.overall;
  const period = ctx.period ? `${isoDate(ctx.period.from)} – ${isoDate(ctx.period.to)}` : "";
  const pipelineText = tr(
    ctx,
    `${f.accounts} 个客户；进程1–5 共 ${f.pipeline.count} 个，加权管道 ${toYuan(f.pipeline.weighted).toLocaleString("en-US")} 元（预计金额 ${toYuan(f.pipeline.expectedValue).toLocaleString("en-US")} 元）`,
    `${f.accounts} accounts; ${f.pipeline.count} at stages 1–5, weighted pipeline ${toYuan(f.pipeline.weighted).toLocaleString("en-US")} (expected value ${toYuan(f.pipeline.expectedValue).toLocaleString("en-US")})`,
  );
  const head: Block = {
    id: "funnel.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, `销售漏斗 ${period}`, `Sales funnel ${period}`),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[pipelineText]],
  };

  let row = 3;
  const stage: Block = {
    id: "funnel.stage",
    at: { row, col: 0 },
    title: tr(ctx, "按销售进程", "By sales stage"),
    columns: [
      ...countColumns(ctx, { zh: "销售进程", en: "Stage" }),
      { key: "reached", header: tr(ctx, "到达该进程（≥）", "Reached (≥ stage)"), format: "integer" },
      { key: "conversion", header: tr(ctx, "转化率（到下一进程）", "Conversion to next stage"), format: "percent1" },
    ],
    rows: bucketRows(ctx, STAGES.map((k) => [stageLabel(ctx, k), f.byStage[k]]), f.stageUnknown, f).map((r, i) =>
      i < STAGES.length ? [...r, f.reached[i], i < f.conversion.length ? ratio(f.conversion[i]) : null] : [...r, null, null],
    ),
    rowStyles: { [STAGES.length + 1]: TOTAL_ROW },
  };
  row += 2 + stage.rows.length + 1;

  const temp: Block = {
    id: "funnel.temperature",
    at: { row, col: 0 },
    title: tr(ctx, "按客户温度", "By temperature"),
    columns: countColumns(ctx, { zh: "客户温度", en: "Temperature" }),
    rows: bucketRows(ctx, TEMPERATURES.map((t) => [tr(ctx, TEMPERATURE_NAMES[t].zh, TEMPERATURE_NAMES[t].en), f.byTemperature[t]]), f.temperatureUnknown, f),
    rowStyles: { [TEMPERATURES.length + 1]: TOTAL_ROW },
  };
  row += 2 + temp.rows.length + 1;

  const contract: Block = {
    id: "funnel.contract",
    at: { row, col: 0 },
    title: tr(ctx, "按合同状态", "By contract status"),
    columns: countColumns(ctx, { zh: "合同状态", en: "Contract status" }),
    rows: bucketRows(ctx, CONTRACT_STATUSES.map((s) => [tr(ctx, CONTRACT_NAMES[s].zh, CONTRACT_NAMES[s].en), f.byContractStatus[s]]), f.contractUnknown, f),
    rowStyles: { [CONTRACT_STATUSES.length + 1]: TOTAL_ROW },
  };
  row += 2 + contract.rows.length + 1;

  const noIntent = INTENT_NAMES[NO_INTENT_LEVEL - 1];
  const pipeline: Block = {
    id: "funnel.pipeline",
    at: { row, col: 0 },
    title: tr(ctx, "加权管道（进程1–5，预计金额 × 成交概率）", "Weighted pipeline (stages 1–5, expected value × win probability)"),
    columns: [
      { key: "intent", header: tr(ctx, "成交意向", "Intent"), format: "text" },
      { key: "count", header: tr(ctx, "客户数", "Accounts"), format: "integer" },
      { key: "probability", header: tr(ctx, "成交概率", "Win probability"), format: "percent" },
      { key: "expected", header: tr(ctx, "预计金额", "Expected value"), format: "money" },
      { key: "weighted", header: tr(ctx, "加权金额", "Weighted value"), format: "money" },
    ],
    rows: [
      ...f.pipeline.byIntent.map((l) => [
        l.intent === null
          ? tr(ctx, `未填写（按“${noIntent.zh}”计）`, `Not recorded (as "${noIntent.en}")`)
          : `${l.intent} ${tr(ctx, INTENT_NAMES[l.intent - 1].zh, INTENT_NAMES[l.intent - 1].en)}`,
        l.count,
        roundTo(l.probability, 6),
        toYuan(l.expectedValue),
        toYuan(l.weighted),
      ]),
      [tr(ctx, "合计", "Total"), f.pipeline.count, null, toYuan(f.pipeline.expectedValue), toYuan(f.pipeline.weighted)],
    ],
    rowStyles: { 6: TOTAL_ROW },
  };
  row += 2 + pipeline.rows.length;
  const note: Block = {
    id: "funnel.note",
    at: { row, col: 0 },
    columns: [{ key: "text", header: tr(ctx, "说明", "Notes"), format: "text" }],
    rows: [
      [tr(ctx, "预计金额 = 客户的“预计金额”列；未填时取分析期内月均净销售额（负数按 0 计）。", "Expected value = the account's Expected value column; when blank, its average monthly net revenue over the period (negative counts as 0).")],
      [tr(ctx, `未填写成交意向的客户按“${noIntent.zh}”的成交概率计算。`, `Accounts without intent are weighted with the "${noIntent.en}" probability.`)],
      [tr(ctx, "转化率 = 到达下一进程（≥k+1）的客户数 / 到达本进程（≥k）的客户数；进程7视为已过进程6。", "Conversion = accounts at stage ≥ k+1 / accounts at stage ≥ k; stage 7 counts as having passed 6.")],
    ],
  };
  row += 1 + note.rows.length + 2;

  // Per rep: one wide overview, then the long table with counts and revenue per value.
  const tempKeys = TEMPERATURES.map((t) => `t.${t}`);
  const repOverview: Block = {
    id: "funnel.byRep",
    at: { row, col: 0 },
    title: tr(ctx, "按销售代表", "By rep"),
    columns: [
      { key: "rep", header: tr(ctx, "销售代表", "Rep"), format: "text" },
      { key: "accounts", header: tr(ctx, "客户数", "Accounts"), format: "integer" },
      { key: "revenue", header: tr(ctx, "净销售额", "Net revenue"), format: "money" },
      ...STAGES.map((k) => ({ key: `s.${k}`, header: tr(ctx, `进程${k}`, `Stage ${k}`), format: "integer" as const })),
      ...TEMPERATURES.map((t, i) => ({ key: tempKeys[i], header: t, format: "integer" as const })),
      ...CONTRACT_STATUSES.map((s) => ({ key: `c.${s}`, header: tr(ctx, CONTRACT_NAMES[s].zh, CONTRACT_NAMES[s].en), format: "integer" as const })),
      { key: "pipeline", header: tr(ctx, "加权管道", "Weighted pipeline"), format: "money" },
    ],
    rows: [...result.byRep.map((r) => ({ label: r.rep, f: r.figures })), { label: tr(ctx, "合计", "Total"), f }].map(({ label, f: g }) => [
      label,
      g.accounts,
      toYuan(g.revenue),
      ...STAGES.map((k) => g.byStage[k].count),
      ...TEMPERATURES.map((t) => g.byTemperature[t].count),
      ...CONTRACT_STATUSES.map((s) => g.byContractStatus[s].count),
      toYuan(g.pipeline.weighted),
    ]),
    rowStyles: { [result.byRep.length]: TOTAL_ROW },
  };
  row += 2 + repOverview.rows.length + 1;

  const detailRows: PatchValue[][] = [];
  for (const r of result.byRep) {
    const g = r.figures;
    const dim = (zh: string, en: string) => tr(ctx, zh, en);
    for (const k of STAGES) detailRows.push([r.rep, dim("销售进程", "Stage"), stageLabel(ctx, k), g.byStage[k].count, toYuan(g.byStage[k].revenue)]);
    for (const t of TEMPERATURES) detailRows.push([r.rep, dim("客户温度", "Temperature"), t, g.byTemperature[t].count, toYuan(g.byTemperature[t].revenue)]);
    for (const s of CONTRACT_STATUSES) detailRows.push([r.rep, dim("合同状态", "Contract status"), tr(ctx, CONTRACT_NAMES[s].zh, CONTRACT_NAMES[s].en), g.byContractStatus[s].count, toYuan(g.byContractStatus[s].revenue)]);
  }
  const repDetail: Block = {
    id: "funnel.byRepDetail",
    at: { row, col: 0 },
    title: tr(ctx, "按销售代表明细（客户数与净销售额）", "By rep in detail (accounts and net revenue)"),
    columns: [
      { key: "rep", header: tr(ctx, "销售代表", "Rep"), format: "text" },
      { key: "dimension", header: tr(ctx, "维度", "Dimension"), format: "text" },
      { key: "value", header: tr(ctx, "取值", "Value"), format: "text" },
      { key: "count", header: tr(ctx, "客户数", "Accounts"), format: "integer" },
      { key: "revenue", header: tr(ctx, "净销售额", "Net revenue"), format: "money" },
    ],
    rows: detailRows,
  };
  if (detailRows.length) repDetail.table = { name: "TP_FunnelByRep" };

  const sheet: SheetPatch = {
    name: tr(ctx, FUNNEL_SHEET.zh, FUNNEL_SHEET.en),
    tabColor: TAB_COLOUR,
    blocks: [head, stage, temp, contract, pipeline, note, repOverview, repDetail],
    charts: [],
    columnWidths: { 0: 26, 1: 16, 2: 16, 3: 16, 4: 16, 5: 16 },
  };
  if (f.accounts - f.stageUnknown.count > 0) {
    sheet.charts.push({
      id: "funnel.chart",
      type: "funnel",
      fallback: "bar",
      title: tr(ctx, "销售漏斗（到达各进程的客户数）", "Sales funnel (accounts reaching each stage)"),
      categories: { block: "funnel.stage", column: "label", rows: [0, 7] },
      series: [{ name: tr(ctx, "到达该进程（≥）", "Reached (≥ stage)"), values: { block: "funnel.stage", column: "reached", rows: [0, 7] } }],
      at: { row: 3, col: 8 },
      size: { cols: 9, rows: 20 },
    });
  }
  return sheet;
}
