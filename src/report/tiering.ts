/**
 * Tiering outputs (SPEC §2): the tier columns beside the customer data (ABC, value class,
 * grade, score, credit flag, each with a short reason), and the tier summary sheet (分级汇总)
 * with the "x% of customers make y% of revenue" line, counts and revenue per ABC and value
 * class, grade targets vs actuals per office, the migration matrix, the promoted and demoted
 * accounts, and the charts: Pareto (column + cumulative line, which draws everywhere), ABC
 * and value-class distribution, grade target vs actual (clustered column).
 */
import { type AbcRow, abcExplanation } from "../domain/abc";
import { isoDate as isoOf } from "../domain/calendar";
import { type CreditFlag, creditExplanation } from "../domain/credit";
import { type GradeRow, gradeExplanation } from "../domain/grades";
import type { ValueClass } from "../domain/model";
import { toYuan, roundTo } from "../domain/money";
import type { CustomerTier } from "../domain/tiering";
import { VALUE_CLASSES, valueClassExplanation } from "../domain/valueClass";
import type { RunContext } from "../pipeline/context";
import { tr } from "../pipeline/context";
import { SCORECARD_LABELS } from "../sheets/policy/sheets";
import type { Block, ChartSpec, ColumnSpec, ColumnsPatch, PatchValue, SheetPatch, ValueColour } from "./patch";
import { CLASS_COLOURS, TAB_COLOUR, TOTAL_ROW } from "./style";
import { type Column, tableBlock } from "./table";

/** Customers the Pareto chart draws one by one; the rest are aggregated into one tail point. */
export const PARETO_CHART_POINTS = 300;

interface ParetoPoint {
  rank: number | null;
  customer: string;
  revenue: number;
  cumShare: number;
  abc: string | null;
}

const PARETO_COLUMNS: Column<ParetoPoint>[] = [
  { key: "rank", label: { zh: "排名", en: "Rank" }, format: "integer", value: (p) => p.rank },
  { key: "customer", label: { zh: "客户", en: "Customer" }, format: "text", value: (p) => p.customer },
  { key: "revenue", label: { zh: "净销售额", en: "Net revenue" }, format: "money", value: (p) => p.revenue },
  { key: "cumShare", label: { zh: "累计占比", en: "Cumulative share" }, format: "percent1", value: (p) => p.cumShare },
  // The 80% and 95% cuts drawn as flat lines on the chart's percent axis.
  { key: "cut80", label: { zh: "80% 线", en: "80% cut" }, format: "percent", value: () => 0.8 },
  { key: "cut95", label: { zh: "95% 线", en: "95% cut" }, format: "percent", value: () => 0.95 },
  { key: "abc", label: { zh: "ABC", en: "ABC" }, format: "text", value: (p) => p.abc },
];

/** Every customer with revenue, the tail beyond PARETO_CHART_POINTS aggregated into one point. */
function paretoPoints(rows: AbcRow[], name: (id: string) => string, lang: "zh" | "en"): ParetoPoint[] {
  const point = (r: AbcRow): ParetoPoint => ({ rank: r.rank, customer: name(r.customerId), revenue: toYuan(r.revenue), cumShare: roundTo(r.cumShare ?? 0, 6), abc: r.abc });
  if (rows.length <= PARETO_CHART_POINTS) return rows.map(point);
  const head = rows.slice(0, PARETO_CHART_POINTS - 1).map(point);
  const tail = rows.slice(PARETO_CHART_POINTS - 1);
  const revenue = tail.reduce((s, r) => s + r.revenue, 0);
  const label = lang === "zh" ? `其余 ${tail.length} 家客户` : `Other ${tail.length} customers`;
  return [...head, { rank: null, customer: label, revenue: toYuan(revenue), cumShare: roundTo(tail[tail.length - 1].cumShare ?? 1, 6), abc: null }];
}

export const TIER_SHEET = { zh: "分级汇总", en: "Tier summary" };

type Ctx = Pick<RunContext, "lang" | "data" | "results" | "period" | "previousPeriod">;

export const VALUE_LABELS: Record<ValueClass, { zh: string; en: string }> = {
  core: { zh: "核心客户", en: "Core" },
  value: { zh: "价值客户", en: "Value" },
  potential: { zh: "潜力客户", en: "Potential" },
  low: { zh: "低等客户", en: "Low" },
};

const CREDIT_LABELS: Record<CreditFlag, { zh: string; en: string }> = {
  ok: { zh: "正常", en: "OK" },
  watch: { zh: "关注", en: "Watch" },
  over: { zh: "超限", en: "Over limit" },
};

const CREDIT_COLOURS: Record<CreditFlag, string | null> = { ok: null, watch: "#FFEB9C", over: "#F4CCCC" };

export function valueLabel(ctx: Pick<RunContext, "lang">, v: ValueClass): string {
  return tr(ctx, VALUE_LABELS[v].zh, VALUE_LABELS[v].en);
}

export function creditLabel(ctx: Pick<RunContext, "lang">, f: CreditFlag): string {
  return tr(ctx, CREDIT_LABELS[f].zh, CREDIT_LABELS[f].en);
}


// The reason texts below are built once per customer (50,000 rows in the bench): each picks
// its language before building the text (ctx.lang === "en" ? en : zh), where tr() would build
// both. The Chinese and English texts say the same thing.

/** The ABC cut-off rule's own wording (domain/abc.ts). */
export function abcReason(ctx: Ctx, r: AbcRow): string {
  const t = ctx.data.policy.tier;
  return abcExplanation(r, { cutoffA: t.abcCutoffA, cutoffB: t.abcCutoffB, boundary: t.abcBoundary }, ctx.lang);
}

/** The value-class rules' own wording, the core-account rule included (domain/valueClass.ts). */
export function valueReason(ctx: Ctx, t: CustomerTier): string {
  const r = ctx.data.policy.tier;
  const rules = { growthMin: r.potentialGrowthMin, scoreMin: r.potentialScoreMin, stageMin: r.potentialStageMin };
  return valueClassExplanation(t.value, { score: t.score.score, stage: t.stage }, rules, ctx.lang);
}

/** The grade rule's own wording (domain/grades.ts). */
export function gradeReason(ctx: Ctx, g: GradeRow): string {
  return gradeExplanation(g, ctx.lang);
}

export function scoreReason(ctx: Ctx, t: CustomerTier): string {
  const s = t.score;
  const label = (c: string) => (ctx.lang === "en" ? SCORECARD_LABELS[c]?.en ?? c : SCORECARD_LABELS[c]?.zh ?? c);
  if (s.score === null) return (ctx.lang === "en" ? "no scorecard data" : "无评分数据");
  const r = ctx.data.policy.tier;
  const band = s.letter === "A" ? (ctx.lang === "en" ? `≥ ${r.scoreBandA} is A` : `≥ ${r.scoreBandA} 为A`) : s.letter === "B" ? (ctx.lang === "en" ? `≥ ${r.scoreBandB} is B` : `≥ ${r.scoreBandB} 为B`) : (ctx.lang === "en" ? `< ${r.scoreBandB} is C` : `< ${r.scoreBandB} 为C`);
  const parts = [band];
  if (s.missing.length) parts.push((ctx.lang === "en" ? `missing (counted 0): ${s.missing.map(label).join(", ")}` : `缺少（按0分计）：${s.missing.map(label).join("、")}`));
  const clamped = s.parts.filter((p) => p.clamped).map((p) => label(p.criterion));
  if (clamped.length) parts.push((ctx.lang === "en" ? `clamped to range: ${clamped.join(", ")}` : `超出范围已截断：${clamped.join("、")}`));
  return parts.join((ctx.lang === "en" ? "; " : "；"));
}

/** The credit rule's own wording (domain/credit.ts). */
export function creditReason(ctx: Ctx, t: CustomerTier): string {
  const r = ctx.data.policy.tier;
  return creditExplanation(t.credit, { watch: r.creditWatch, over: r.creditOver }, ctx.lang);
}

function officeLabel(ctx: Ctx, office: string): string {
  return office || tr(ctx, "（未指定办事处）", "(no office)");
}

/** Colours of the class columns, shared by the tier columns and the summary sheet. */
function classColours(ctx: Ctx, columns: { abc?: string; value?: string; letter?: string; credit?: string }): ValueColour[] {
  const out: ValueColour[] = [];
  for (const k of ["A", "B", "C"] as const) {
    if (columns.abc) out.push({ column: columns.abc, equals: k, fill: CLASS_COLOURS[k] });
    if (columns.letter) out.push({ column: columns.letter, equals: k, fill: CLASS_COLOURS[k] });
  }
  if (columns.value) for (const v of VALUE_CLASSES) out.push({ column: columns.value, equals: valueLabel(ctx, v), fill: CLASS_COLOURS[v] });
  if (columns.credit) {
    for (const f of ["watch", "over"] as const) out.push({ column: columns.credit, equals: creditLabel(ctx, f), fill: CREDIT_COLOURS[f]! });
  }
  return out;
}

/** Tier columns next to the user's customer table (only when there is a customer sheet). */
export function tierColumns(ctx: Ctx): ColumnsPatch | null {
  const table = ctx.data.customerTable;
  const tiering = ctx.results.tiering;
  if (!table || !tiering) return null;
  const rows: number[] = [];
  const keys = [
    "revenue", "share", "cumShare", "rank", "abc", "abcReason", "valueClass", "valueReason", "grade", "gradeReason",
    "score", "scoreLetter", "scoreReason", "creditUtilisation", "creditFlag", "creditReason",
  ] as const;
  const v: Record<(typeof keys)[number], PatchValue[]> = Object.fromEntries(keys.map((k) => [k, []])) as never;
  for (const c of ctx.data.customers) {
    if (!c.source || c.source.sheet !== table.sheet) continue;
    const t = tiering.byId.get(c.customerId)!;
    const r = t.abc;
    rows.push(c.source.row);
    v.revenue.push(toYuan(r.revenue));
    v.share.push(roundTo(r.share, 6));
    v.cumShare.push(r.cumShare === null ? null : roundTo(r.cumShare, 6));
    v.rank.push(r.rank);
    v.abc.push(r.abc);
    v.abcReason.push(abcReason(ctx, r));
    v.valueClass.push(valueLabel(ctx, t.value.valueClass));
    v.valueReason.push(valueReason(ctx, t));
    v.grade.push(t.grade.grade);
    v.gradeReason.push(gradeReason(ctx, t.grade));
    v.score.push(t.score.score);
    v.scoreLetter.push(t.score.letter);
    v.scoreReason.push(scoreReason(ctx, t));
    v.creditUtilisation.push(t.credit.utilisation === null ? null : roundTo(t.credit.utilisation, 6));
    v.creditFlag.push(t.credit.flag === null ? null : creditLabel(ctx, t.credit.flag));
    v.creditReason.push(creditReason(ctx, t) || null);
  }
  return {
    id: "tiering.columns",
    sheet: table.sheet,
    headerRow: table.headerRow,
    rows,
    columns: [
      { key: "revenue", header: tr(ctx, "净销售额", "Net revenue"), format: "money", width: 14, values: v.revenue },
      { key: "share", header: tr(ctx, "销售占比", "Share"), format: "percent1", width: 10, values: v.share },
      { key: "cumShare", header: tr(ctx, "累计占比", "Cumulative share"), format: "percent1", width: 10, values: v.cumShare },
      { key: "rank", header: tr(ctx, "排名", "Rank"), format: "integer", width: 8, values: v.rank },
      { key: "abc", header: tr(ctx, "ABC分类", "ABC class"), format: "text", width: 9, values: v.abc },
      { key: "abcReason", header: tr(ctx, "ABC依据", "ABC reason"), format: "text", width: 34, values: v.abcReason },
      { key: "valueClass", header: tr(ctx, "价值分类", "Value class"), format: "text", width: 10, values: v.valueClass },
      { key: "valueReason", header: tr(ctx, "价值分类依据", "Value class reason"), format: "text", width: 30, values: v.valueReason },
      { key: "grade", header: tr(ctx, "渠道等级", "Grade"), format: "text", width: 8, values: v.grade },
      { key: "gradeReason", header: tr(ctx, "等级依据", "Grade reason"), format: "text", width: 30, values: v.gradeReason },
      { key: "score", header: tr(ctx, "评分", "Score"), format: "number", width: 8, values: v.score },
      { key: "scoreLetter", header: tr(ctx, "评分等级", "Score band"), format: "text", width: 8, values: v.scoreLetter },
      { key: "scoreReason", header: tr(ctx, "评分依据", "Score reason"), format: "text", width: 30, values: v.scoreReason },
      { key: "creditUtilisation", header: tr(ctx, "额度使用率", "Credit used"), format: "percent1", width: 10, values: v.creditUtilisation },
      { key: "creditFlag", header: tr(ctx, "信用风险", "Credit risk"), format: "text", width: 9, values: v.creditFlag },
      { key: "creditReason", header: tr(ctx, "信用依据", "Credit reason"), format: "text", width: 24, values: v.creditReason },
    ],
    colours: classColours(ctx, { abc: "abc", value: "valueClass", letter: "scoreLetter", credit: "creditFlag" }),
  };
}

const share = (part: number, whole: number) => (whole ? roundTo(part / whole, 6) : 0);

/** Columns of a class split (ABC classes, value classes): class, customers and revenue with their shares. */
function classSplitColumns(ctx: { lang: RunContext["lang"] }): ColumnSpec[] {
  return [
    { key: "class", header: tr(ctx, "分类", "Class"), format: "text" },
    { key: "count", header: tr(ctx, "客户数", "Customers"), format: "integer" },
    { key: "countShare", header: tr(ctx, "客户占比", "Share of customers"), format: "percent1" },
    { key: "revenue", header: tr(ctx, "净销售额", "Net revenue"), format: "money" },
    { key: "revenueShare", header: tr(ctx, "销售额占比", "Share of revenue"), format: "percent1" },
  ];
}

export function tierSummarySheet(ctx: Ctx): SheetPatch | null {
  const tiering = ctx.results.tiering;
  if (!tiering) return null;
  const { abc } = tiering;
  const n = abc.rows.length;
  const classes = ["A", "B", "C"] as const;
  const byId = ctx.data.customerById;

  // Headline.
  const a = abc.byClass.A;
  const headline = n && abc.total
    ? tr(ctx, `${roundTo((a.count / n) * 100, 1)}% 的客户（${a.count} 家）贡献了 ${roundTo((a.revenue / abc.total) * 100, 1)}% 的销售额`, `${roundTo((a.count / n) * 100, 1)}% of customers (${a.count}) make ${roundTo((a.revenue / abc.total) * 100, 1)}% of revenue`)
    : tr(ctx, "期内无销售额", "No revenue in the period");
  const period = ctx.period ? `${isoOf(ctx.period.from)} – ${isoOf(ctx.period.to)}` : "";
  const head: Block = {
    id: "tier.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, `客户分级汇总 ${period}`, `Account tiering ${period}`),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [[headline]],
  };

  // ABC split.
  let row = 3;
  const abcRevenue = classes.reduce((s, k) => s + abc.byClass[k].revenue, 0);
  const split: Block = {
    id: "abc.split",
    at: { row, col: 0 },
    title: tr(ctx, "ABC 分类汇总", "ABC classes"),
    columns: classSplitColumns(ctx),
    rows: [
      ...classes.map((k) => [k, abc.byClass[k].count, share(abc.byClass[k].count, n), toYuan(abc.byClass[k].revenue), share(abc.byClass[k].revenue, abc.total)]),
      [tr(ctx, "合计", "Total"), n, n ? 1 : 0, toYuan(abcRevenue), share(abcRevenue, abc.total)],
    ],
    rowStyles: { 3: TOTAL_ROW },
    colours: classColours(ctx, { abc: "class" }),
  };
  row += 2 + split.rows.length + 1;

  // Value classes.
  const vCount = new Map<ValueClass, number>(), vRevenue = new Map<ValueClass, number>();
  for (const t of tiering.customers) {
    vCount.set(t.value.valueClass, (vCount.get(t.value.valueClass) ?? 0) + 1);
    vRevenue.set(t.value.valueClass, (vRevenue.get(t.value.valueClass) ?? 0) + t.abc.revenue);
  }
  const values: Block = {
    id: "value.split",
    at: { row, col: 0 },
    title: tr(ctx, "客户价值分类", "Value classes"),
    columns: classSplitColumns(ctx),
    rows: [
      ...VALUE_CLASSES.map((k) => [valueLabel(ctx, k), vCount.get(k) ?? 0, share(vCount.get(k) ?? 0, n), toYuan(vRevenue.get(k) ?? 0), share(vRevenue.get(k) ?? 0, abc.total)]),
      [tr(ctx, "合计", "Total"), n, n ? 1 : 0, toYuan(abcRevenue), share(abcRevenue, abc.total)],
    ],
    rowStyles: { 4: TOTAL_ROW },
    colours: classColours(ctx, { value: "class" }),
  };
  row += 2 + values.rows.length + 1;

  // Grades: target vs actual per office.
  const gs = tiering.grades.summary;
  const modeText = ctx.data.policy.tier.gradeMode === "quota" ? tr(ctx, "配额模式", "quota mode") : tr(ctx, "门槛模式", "threshold mode");
  const grades: Block = {
    id: "grade.targets",
    at: { row, col: 0 },
    title: tr(ctx, `渠道等级：目标与实际（社会渠道直供，${modeText}）`, `Channel grades: target vs actual (direct supply, ${modeText})`),
    columns: [
      { key: "office", header: tr(ctx, "办事处", "Office"), format: "text" },
      { key: "grade", header: tr(ctx, "等级", "Grade"), format: "text" },
      { key: "label", header: tr(ctx, "办事处/等级", "Office / grade"), format: "text" },
      { key: "target", header: tr(ctx, "目标数", "Target"), format: "integer" },
      { key: "actual", header: tr(ctx, "实际数", "Actual"), format: "integer" },
      { key: "gap", header: tr(ctx, "差距", "Gap"), format: "integer" },
    ],
    rows: gs.length
      ? gs.map((g) => [officeLabel(ctx, g.office), g.grade, `${officeLabel(ctx, g.office)} ${g.grade}`, g.target, g.actual, g.gap])
      : [[tr(ctx, "无社会渠道直供客户", "No direct-supply customers"), null, null, null, null, null]],
    cellStyles: Object.fromEntries(gs.flatMap((g, i) => (g.gap < 0 ? [[`${i}:gap`, { fontColor: "#C00000" }]] : []))),
  };
  row += 2 + grades.rows.length + 1;

  // Key-account review: migration matrix.
  const prev = ctx.previousPeriod ? `${isoOf(ctx.previousPeriod.from)} – ${isoOf(ctx.previousPeriod.to)}` : "";
  const m = tiering.review.matrix;
  const migration: Block = {
    id: "review.matrix",
    at: { row, col: 0 },
    title: tiering.previousAvailable
      ? tr(ctx, `大客户动态：ABC 迁移（行 = 上期 ${prev}，列 = 本期）`, `Key-account review: ABC migration (rows = previous ${prev}, columns = this period)`)
      : tr(ctx, `大客户动态：上期（${prev}）无销售数据，无法比较`, `Key-account review: no sales in the previous period (${prev}) to compare with`),
    columns: [
      { key: "previous", header: tr(ctx, "上期＼本期", "Previous \\ current"), format: "text" },
      { key: "A", header: "A", format: "integer" },
      { key: "B", header: "B", format: "integer" },
      { key: "C", header: "C", format: "integer" },
      { key: "total", header: tr(ctx, "合计", "Total"), format: "integer" },
    ],
    rows: classes.map((p) => [p, m[p].A, m[p].B, m[p].C, m[p].A + m[p].B + m[p].C]),
    colours: classColours(ctx, { abc: "previous" }),
  };
  row += 2 + migration.rows.length + 1;

  // Pareto table over all customers with revenue; beyond PARETO_CHART_POINTS the tail is one row.
  const paretoRows = paretoPoints(abc.rows.filter((r) => r.revenue > 0), (id) => byId.get(id)?.name ?? id, ctx.lang);
  const top = paretoRows;
  const pareto = tableBlock({
    id: "abc.pareto", at: { row, col: 0 }, columns: PARETO_COLUMNS, colours: classColours(ctx, { abc: "abc" }),
    title: { zh: `帕累托：全部 ${abc.rows.filter((r) => r.revenue > 0).length} 家有销售额的客户`, en: `Pareto: all ${abc.rows.filter((r) => r.revenue > 0).length} customers with revenue` },
  }, paretoRows, ctx.lang);
  row += 2 + Math.max(1, pareto.rows.length) + 1;

  // Promoted and demoted accounts.
  const moves = [...tiering.review.promoted, ...tiering.review.demoted];
  const movesBlock: Block = {
    id: "review.moves",
    at: { row, col: 0 },
    title: tr(ctx, `升级客户 ${tiering.review.promoted.length} 家，降级客户 ${tiering.review.demoted.length} 家`, `Promoted ${tiering.review.promoted.length}, demoted ${tiering.review.demoted.length}`),
    columns: [
      { key: "direction", header: tr(ctx, "变动", "Move"), format: "text" },
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "customer", header: tr(ctx, "客户", "Customer"), format: "text" },
      { key: "from", header: tr(ctx, "上期分类", "Previous class"), format: "text" },
      { key: "to", header: tr(ctx, "本期分类", "Current class"), format: "text" },
      { key: "previousRevenue", header: tr(ctx, "上期净销售额", "Previous revenue"), format: "money" },
      { key: "revenue", header: tr(ctx, "本期净销售额", "Current revenue"), format: "money" },
    ],
    rows: moves.map((mv) => [
      mv.direction === "promoted" ? tr(ctx, "升级", "Promoted") : tr(ctx, "降级", "Demoted"),
      mv.customerId, byId.get(mv.customerId)?.name ?? mv.customerId, mv.previous, mv.current, toYuan(mv.previousRevenue), toYuan(mv.revenue),
    ]),
    colours: [...classColours(ctx, { abc: "from" }), ...classColours(ctx, { abc: "to" }),
      { column: "direction", equals: tr(ctx, "升级", "Promoted"), fill: "#C6EFCE" }, { column: "direction", equals: tr(ctx, "降级", "Demoted"), fill: "#F4CCCC" }],
  };

  const sheet: SheetPatch = {
    name: tr(ctx, TIER_SHEET.zh, TIER_SHEET.en),
    tabColor: TAB_COLOUR,
    blocks: [head, split, values, grades, migration, pareto, movesBlock],
    charts: [],
    columnWidths: { 0: 16, 1: 14, 2: 22, 3: 14, 4: 14, 5: 14, 6: 14 },
  };
  const chartCol = 8;
  const charts: ChartSpec[] = [];
  if (top.length) {
    charts.push({
      id: "abc.paretoChart",
      type: "columnLine",
      title: tr(ctx, "帕累托图（销售额与累计占比）", "Pareto (revenue and cumulative share)"),
      categories: { block: "abc.pareto", column: "customer" },
      series: [
        { name: tr(ctx, "净销售额", "Net revenue"), values: { block: "abc.pareto", column: "revenue" }, as: "column" },
        { name: tr(ctx, "累计占比", "Cumulative share"), values: { block: "abc.pareto", column: "cumShare" }, as: "line", secondaryAxis: true },
        { name: tr(ctx, "80% 线", "80% cut"), values: { block: "abc.pareto", column: "cut80" }, as: "line", secondaryAxis: true },
        { name: tr(ctx, "95% 线", "95% cut"), values: { block: "abc.pareto", column: "cut95" }, as: "line", secondaryAxis: true },
      ],
      valueAxis: { fromZero: true },
      secondaryPercent: true,
      at: { row: 2, col: chartCol },
      size: { cols: 10, rows: 20 },
    });
  }
  if (n) {
    charts.push({
      id: "abc.classChart",
      type: "pie",
      title: tr(ctx, "ABC 客户数分布", "Customers by ABC class"),
      categories: { block: "abc.split", column: "class", rows: [0, 2] },
      series: [{ name: tr(ctx, "客户数", "Customers"), values: { block: "abc.split", column: "count", rows: [0, 2] } }],
      at: { row: 23, col: chartCol },
      size: { cols: 5, rows: 14 },
    });
    charts.push({
      id: "value.classChart",
      type: "column",
      title: tr(ctx, "客户价值分类分布", "Customers by value class"),
      categories: { block: "value.split", column: "class", rows: [0, 3] },
      series: [{ name: tr(ctx, "客户数", "Customers"), values: { block: "value.split", column: "count", rows: [0, 3] } }],
      at: { row: 23, col: chartCol + 5 },
      size: { cols: 5, rows: 14 },
      valueAxis: { fromZero: true },
    });
  }
  if (gs.length) {
    charts.push({
      id: "grade.targetChart",
      type: "column",
      title: tr(ctx, "渠道等级：目标与实际", "Channel grades: target vs actual"),
      categories: { block: "grade.targets", column: "label" },
      series: [
        { name: tr(ctx, "目标数", "Target"), values: { block: "grade.targets", column: "target" } },
        { name: tr(ctx, "实际数", "Actual"), values: { block: "grade.targets", column: "actual" } },
      ],
      at: { row: 38, col: chartCol },
      size: { cols: 10, rows: 18 },
      valueAxis: { fromZero: true },
    });
  }
  sheet.charts = charts;
  return sheet;
}
