/**
 * Tiering outputs (SPEC §2): the tier columns beside the customer data (ABC, value class,
 * grade, score, credit flag, each with a short reason), and the tier summary sheet (分级汇总)
 * with the "x% of customers make y% of revenue" line, counts and revenue per ABC and value
 * class, grade targets vs actuals per office, the migration matrix, the promoted and demoted
 * accounts, and the charts: Pareto (column + cumulative line, which draws everywhere), ABC
 * and value-class distribution, grade target vs actual (clustered column).
 *
 * Builders are functions of (tiering result, vocabulary, optional XYZ): the thresholds the
 * reasons quote travel in the result (`rules`), and each reason is the wording of the domain
 * module owning the rule. With an XYZ result the XYZ class joins the tier columns and the
 * ABC × XYZ matrix the summary sheet (report/xyz.ts).
 */
import { type AbcRow, abcExplanation } from "../domain/abc";
import { creditExplanation } from "../domain/credit";
import { gradeExplanation, type GradeSummaryRow } from "../domain/grades";
import type { AbcClass, ValueClass } from "../domain/model";
import { type Money, roundTo, toYuan } from "../domain/money";
import type { Move } from "../domain/review";
import { scoreExplanation } from "../domain/scorecard";
import type { CustomerTier, TieringResult } from "../domain/tiering";
import { VALUE_CLASSES, valueClassExplanation } from "../domain/valueClass";
import { SCORECARD_LABELS } from "../sheets/policy/sheets";
import type { Block, ChartSpec, ColumnsPatch, SheetPatch, ValueColour } from "./patch";
import { CLASS_COLOURS, TAB_COLOUR } from "./style";
import { CREDIT_LABELS, VALUE_LABELS } from "./labels";
import { type Column, type ColumnFormat, type Label, type Lang, besideColumns, blockHeight, noteBlock, pick, tableBlock } from "./table";
import { type TierXyz, xyzColours, xyzColumns, xyzMatrixBlock } from "./xyz";

const TIER_SHEET = { zh: "分级汇总", en: "Tier summary" };

/** What the tiering outputs need besides the tiering result. */
export interface TierVocabulary {
  lang: Lang;
  /** A customer's name by ID (the ID when it has none). */
  customerName: (customerId: string) => string;
  /** The period and the previous equal period as text ("2024-01-01 – 2024-12-31"), "" without. */
  period: string;
  previousPeriod: string;
  /**
   * The user's customer table the tier columns go beside: its sheet, header row and the
   * sheet row of each customer listed there (null: not on that sheet). null without one.
   */
  customerTable: { sheet: string; headerRow: number; rowOf: (customerId: string) => number | null } | null;
}

const L = (zh: string, en: string): Label => ({ zh, en });
const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);
const TOTAL = L("合计", "Total");

const MOVE_LABELS: Record<Move["direction"], Label> = { promoted: L("升级", "Promoted"), demoted: L("降级", "Demoted") };

const CREDIT_COLOURS: Record<"watch" | "over", string> = { watch: "#FFEB9C", over: "#F4CCCC" };

/** Colours of the class columns (by the text the cells show), shared by the tier columns and the summary sheet. */
function classColours(lang: Lang, columns: { abc?: string; value?: string; letter?: string; credit?: string }): ValueColour[] {
  const out: ValueColour[] = [];
  for (const k of ["A", "B", "C"] as const) {
    if (columns.abc) out.push({ column: columns.abc, equals: k, fill: CLASS_COLOURS[k] });
    if (columns.letter) out.push({ column: columns.letter, equals: k, fill: CLASS_COLOURS[k] });
  }
  if (columns.value) for (const v of VALUE_CLASSES) out.push({ column: columns.value, equals: pick(VALUE_LABELS[v], lang), fill: CLASS_COLOURS[v] });
  if (columns.credit) for (const f of ["watch", "over"] as const) out.push({ column: columns.credit, equals: pick(CREDIT_LABELS[f], lang), fill: CREDIT_COLOURS[f] });
  return out;
}

const ratio6 = (x: number | null) => (x === null ? null : roundTo(x, 6));

/**
 * The tier columns with their reasons. Reasons are built per customer (50,000 rows in the
 * bench) in the sheet's language only.
 */
function tierColumnList(result: TieringResult, lang: Lang): Column<CustomerTier>[] {
  const r = result.rules;
  const criterion = (c: string) => SCORECARD_LABELS[c]?.[lang] ?? c;
  return [
    { key: "revenue", label: L("净销售额", "Net revenue"), format: "money", value: (c) => toYuan(c.abc.revenue) },
    { key: "share", label: L("销售占比", "Share"), format: "percent1", value: (c) => ratio6(c.abc.share) },
    { key: "cumShare", label: L("累计占比", "Cumulative share"), format: "percent1", value: (c) => ratio6(c.abc.cumShare) },
    { key: "rank", label: L("排名", "Rank"), format: "integer", value: (c) => c.abc.rank },
    { key: "abc", label: L("ABC分类", "ABC class"), format: "text", value: (c) => c.abc.abc },
    { key: "abcReason", label: L("ABC依据", "ABC reason"), format: "text", value: (c) => abcExplanation(c.abc, r.abc, lang) },
    { key: "valueClass", label: L("价值分类", "Value class"), format: { vocabulary: VALUE_LABELS }, value: (c) => c.value.valueClass },
    {
      key: "valueReason", label: L("价值分类依据", "Value class reason"), format: "text",
      value: (c) => valueClassExplanation(c.value, { score: c.score.score, stage: c.stage }, r.value, lang),
    },
    { key: "grade", label: L("渠道等级", "Grade"), format: "text", value: (c) => c.grade.grade },
    { key: "gradeReason", label: L("等级依据", "Grade reason"), format: "text", value: (c) => gradeExplanation(c.grade, lang) },
    { key: "score", label: L("评分", "Score"), format: "number", value: (c) => c.score.score },
    { key: "scoreLetter", label: L("评分等级", "Score band"), format: "text", value: (c) => c.score.letter },
    { key: "scoreReason", label: L("评分依据", "Score reason"), format: "text", value: (c) => scoreExplanation(c.score, r.score, lang, criterion) },
    { key: "creditUtilisation", label: L("额度使用率", "Credit used"), format: "percent1", value: (c) => ratio6(c.credit.utilisation) },
    { key: "creditFlag", label: L("信用风险", "Credit risk"), format: { vocabulary: CREDIT_LABELS }, value: (c) => c.credit.flag },
    { key: "creditReason", label: L("信用依据", "Credit reason"), format: "text", value: (c) => creditExplanation(c.credit, r.credit, lang) || null },
  ];
}

/** Tier columns next to the user's customer table (null without a customer sheet); the XYZ class last when given. */
export function tierColumns(result: TieringResult, v: TierVocabulary, xyz: TierXyz | null = null): ColumnsPatch | null {
  const table = v.customerTable;
  if (!table) return null;
  const placed: CustomerTier[] = [];
  const sheetRows: number[] = [];
  for (const c of result.customers) {
    const row = table.rowOf(c.customerId);
    if (row === null) continue;
    placed.push(c);
    sheetRows.push(row);
  }
  return besideColumns(
    {
      id: "tiering.columns",
      table,
      columns: [...tierColumnList(result, v.lang), ...(xyz ? xyzColumns(xyz, v.lang) : [])],
      sheetRow: (_, i) => sheetRows[i],
      colours: [...classColours(v.lang, { abc: "abc", value: "valueClass", letter: "scoreLetter", credit: "creditFlag" }), ...(xyz ? xyzColours("xyz") : [])],
    },
    placed,
    v.lang,
  );
}

/** Customers the Pareto chart draws one by one; the rest are aggregated into one tail point. */
const PARETO_CHART_POINTS = 300;

interface ParetoPoint {
  rank: number | null;
  customer: string;
  revenue: number;
  cumShare: number;
  abc: string | null;
}

const PARETO_COLUMNS: Column<ParetoPoint>[] = [
  { key: "rank", label: L("排名", "Rank"), format: "integer", value: (p) => p.rank },
  { key: "customer", label: L("客户", "Customer"), format: "text", value: (p) => p.customer },
  { key: "revenue", label: L("净销售额", "Net revenue"), format: "money", value: (p) => p.revenue },
  { key: "cumShare", label: L("累计占比", "Cumulative share"), format: "percent1", value: (p) => p.cumShare },
  // The 80% and 95% cuts drawn as flat lines on the chart's percent axis.
  { key: "cut80", label: L("80% 线", "80% cut"), format: "percent", value: () => 0.8 },
  { key: "cut95", label: L("95% 线", "95% cut"), format: "percent", value: () => 0.95 },
  { key: "abc", label: L("ABC", "ABC"), format: "text", value: (p) => p.abc },
];

/** Every customer with revenue, the tail beyond PARETO_CHART_POINTS aggregated into one point. */
function paretoPoints(rows: AbcRow[], name: (id: string) => string, lang: Lang): ParetoPoint[] {
  const point = (r: AbcRow): ParetoPoint => ({ rank: r.rank, customer: name(r.customerId), revenue: toYuan(r.revenue), cumShare: roundTo(r.cumShare ?? 0, 6), abc: r.abc });
  if (rows.length <= PARETO_CHART_POINTS) return rows.map(point);
  const head = rows.slice(0, PARETO_CHART_POINTS - 1).map(point);
  const tail = rows.slice(PARETO_CHART_POINTS - 1);
  const revenue = tail.reduce((s, r) => s + r.revenue, 0);
  const label = t(lang, `其余 ${tail.length} 家客户`, `Other ${tail.length} customers`);
  return [...head, { rank: null, customer: label, revenue: toYuan(revenue), cumShare: roundTo(tail[tail.length - 1].cumShare ?? 1, 6), abc: null }];
}

const share = (part: number, whole: number) => (whole ? roundTo(part / whole, 6) : 0);

/** One class of a class split (ABC classes, value classes). */
interface ClassSplitRow { cls: string; count: number; revenue: Money }

/**
 * Class, customers and revenue with their shares of all `customers` and of the `total`
 * positive revenue; the totals row sums counts and revenue.
 */
function classSplitColumns(classFormat: ColumnFormat, customers: number, total: Money): Column<ClassSplitRow>[] {
  return [
    { key: "class", label: L("分类", "Class"), format: classFormat, value: (r) => r.cls, total: TOTAL },
    { key: "count", label: L("客户数", "Customers"), format: "integer", value: (r) => r.count, total: "sum" },
    { key: "countShare", label: L("客户占比", "Share of customers"), format: "percent1", value: (r) => share(r.count, customers), total: () => (customers ? 1 : 0) },
    { key: "revenue", label: L("净销售额", "Net revenue"), format: "money", value: (r) => toYuan(r.revenue), total: "sum" },
    {
      key: "revenueShare", label: L("销售额占比", "Share of revenue"), format: "percent1", value: (r) => share(r.revenue, total),
      total: (rows) => share(rows.reduce((s, r) => s + r.revenue, 0), total),
    },
  ];
}

function valueSplit(result: TieringResult): ClassSplitRow[] {
  const rows = new Map<ValueClass, ClassSplitRow>(VALUE_CLASSES.map((cls) => [cls, { cls, count: 0, revenue: 0 }]));
  for (const c of result.customers) {
    const r = rows.get(c.value.valueClass)!;
    r.count++;
    r.revenue += c.abc.revenue;
  }
  return [...rows.values()];
}

/** The sheet row below a block, one blank row between. */
const below = (b: Block) => b.at.row + blockHeight(b) + 1;

function headline(result: TieringResult, lang: Lang): string {
  const { abc } = result;
  const n = abc.rows.length;
  if (!n || !abc.total) return t(lang, "期内无销售额", "No revenue in the period");
  const a = abc.byClass.A;
  const customers = roundTo((a.count / n) * 100, 1), revenue = roundTo((a.revenue / abc.total) * 100, 1);
  return t(lang, `${customers}% 的客户（${a.count} 家）贡献了 ${revenue}% 的销售额`, `${customers}% of customers (${a.count}) make ${revenue}% of revenue`);
}

/** A grade's target and actual in one office; null: the one line saying there are no direct-supply customers. */
type GradeTargetRow = GradeSummaryRow | null;

function gradeTargetsBlock(result: TieringResult, at: { row: number; col: number }, lang: Lang): Block {
  const office = (g: GradeSummaryRow) => g.office || t(lang, "（未指定办事处）", "(no office)");
  const columns: Column<GradeTargetRow>[] = [
    { key: "office", label: L("办事处", "Office"), format: "text", value: (g) => (g ? office(g) : t(lang, "无社会渠道直供客户", "No direct-supply customers")) },
    { key: "grade", label: L("等级", "Grade"), format: "text", value: (g) => g?.grade ?? null },
    { key: "label", label: L("办事处/等级", "Office / grade"), format: "text", value: (g) => (g ? `${office(g)} ${g.grade}` : null) },
    { key: "target", label: L("目标数", "Target"), format: "integer", value: (g) => g?.target ?? null },
    { key: "actual", label: L("实际数", "Actual"), format: "integer", value: (g) => g?.actual ?? null },
    { key: "gap", label: L("差距", "Gap"), format: "integer", value: (g) => g?.gap ?? null },
  ];
  const gs = result.grades.summary;
  const mode = result.rules.gradeMode === "quota" ? L("配额模式", "quota mode") : L("门槛模式", "threshold mode");
  const block = tableBlock({
    id: "grade.targets", at, columns,
    title: L(`渠道等级：目标与实际（社会渠道直供，${mode.zh}）`, `Channel grades: target vs actual (direct supply, ${mode.en})`),
  }, gs.length ? gs : [null], lang);
  const short = gs.flatMap((g, i) => (g.gap < 0 ? [[`${i}:gap`, { fontColor: "#C00000" }] as const] : []));
  if (short.length) block.cellStyles = Object.fromEntries(short);
  return block;
}

const CLASSES: readonly AbcClass[] = ["A", "B", "C"];

/** Migration matrix: customers by previous (rows) × current (columns) ABC class. */
function migrationBlock(result: TieringResult, previousPeriod: string, at: { row: number; col: number }, lang: Lang): Block {
  const m = result.review.matrix;
  const columns: Column<AbcClass>[] = [
    { key: "previous", label: L("上期＼本期", "Previous \\ current"), format: "text", value: (p) => p },
    ...CLASSES.map((c): Column<AbcClass> => ({ key: c, label: L(c, c), format: "integer", value: (p) => m[p][c] })),
    { key: "total", label: TOTAL, format: "integer", value: (p) => m[p].A + m[p].B + m[p].C },
  ];
  const prev = previousPeriod;
  const title = result.previousAvailable
    ? L(`大客户动态：ABC 迁移（行 = 上期 ${prev}，列 = 本期）`, `Key-account review: ABC migration (rows = previous ${prev}, columns = this period)`)
    : L(`大客户动态：上期（${prev}）无销售数据，无法比较`, `Key-account review: no sales in the previous period (${prev}) to compare with`);
  return tableBlock({ id: "review.matrix", at, title, columns, colours: classColours(lang, { abc: "previous" }) }, CLASSES, lang);
}

function movesBlock(result: TieringResult, name: (id: string) => string, at: { row: number; col: number }, lang: Lang): Block {
  const { promoted, demoted } = result.review;
  const columns: Column<Move>[] = [
    { key: "direction", label: L("变动", "Move"), format: { vocabulary: MOVE_LABELS }, value: (mv) => mv.direction },
    { key: "customerId", label: L("客户编号", "Customer ID"), format: "text", value: (mv) => mv.customerId },
    { key: "customer", label: L("客户", "Customer"), format: "text", value: (mv) => name(mv.customerId) },
    { key: "from", label: L("上期分类", "Previous class"), format: "text", value: (mv) => mv.previous },
    { key: "to", label: L("本期分类", "Current class"), format: "text", value: (mv) => mv.current },
    { key: "previousRevenue", label: L("上期净销售额", "Previous revenue"), format: "money", value: (mv) => toYuan(mv.previousRevenue) },
    { key: "revenue", label: L("本期净销售额", "Current revenue"), format: "money", value: (mv) => toYuan(mv.revenue) },
  ];
  return tableBlock({
    id: "review.moves", at, columns,
    title: L(`升级客户 ${promoted.length} 家，降级客户 ${demoted.length} 家`, `Promoted ${promoted.length}, demoted ${demoted.length}`),
    colours: [
      ...classColours(lang, { abc: "from" }), ...classColours(lang, { abc: "to" }),
      { column: "direction", equals: pick(MOVE_LABELS.promoted, lang), fill: "#C6EFCE" }, { column: "direction", equals: pick(MOVE_LABELS.demoted, lang), fill: "#F4CCCC" },
    ],
  }, [...promoted, ...demoted], lang);
}

/** The tier summary sheet (分级汇总); with an XYZ result the ABC × XYZ matrix at its foot. */
export function tierSummarySheet(result: TieringResult, v: TierVocabulary, xyz: TierXyz | null = null): SheetPatch {
  const { lang } = v;
  const { abc } = result;
  const n = abc.rows.length;
  const head = noteBlock("tier.head", { row: 0, col: 0 }, t(lang, `客户分级汇总 ${v.period}`, `Account tiering ${v.period}`), [headline(result, lang)]);
  const split = tableBlock({
    id: "abc.split", at: { row: 3, col: 0 }, title: L("ABC 分类汇总", "ABC classes"), columns: classSplitColumns("text", n, abc.total), totals: true,
    colours: classColours(lang, { abc: "class" }),
  }, CLASSES.map((cls) => ({ cls, ...abc.byClass[cls] })), lang);
  const values = tableBlock({
    id: "value.split", at: { row: below(split), col: 0 }, title: L("客户价值分类", "Value classes"),
    columns: classSplitColumns({ vocabulary: VALUE_LABELS }, n, abc.total), totals: true, colours: classColours(lang, { value: "class" }),
  }, valueSplit(result), lang);
  const grades = gradeTargetsBlock(result, { row: below(values), col: 0 }, lang);
  const migration = migrationBlock(result, v.previousPeriod, { row: below(grades), col: 0 }, lang);
  // Pareto table over all customers with revenue; beyond PARETO_CHART_POINTS the tail is one row.
  const withRevenue = abc.rows.filter((r) => r.revenue > 0);
  const pareto = tableBlock({
    id: "abc.pareto", at: { row: below(migration), col: 0 }, columns: PARETO_COLUMNS, colours: classColours(lang, { abc: "abc" }),
    title: L(`帕累托：全部 ${withRevenue.length} 家有销售额的客户`, `Pareto: all ${withRevenue.length} customers with revenue`),
  }, paretoPoints(withRevenue, v.customerName, lang), lang);
  const moves = movesBlock(result, v.customerName, { row: below(pareto) + (pareto.rows.length ? 0 : 1), col: 0 }, lang);
  const blocks = [head, split, values, grades, migration, pareto, moves];
  if (xyz) blocks.push(xyzMatrixBlock(xyz, { row: below(moves) + 1, col: 0 }, lang));
  return { name: pick(TIER_SHEET, lang), tabColor: TAB_COLOUR, blocks, charts: tierCharts(result, pareto.rows.length > 0, lang) };
}

function tierCharts(result: TieringResult, withPareto: boolean, lang: Lang): ChartSpec[] {
  const chartCol = 8;
  const charts: ChartSpec[] = [];
  if (withPareto) {
    charts.push({
      id: "abc.paretoChart",
      type: "columnLine",
      title: t(lang, "帕累托图（销售额与累计占比）", "Pareto (revenue and cumulative share)"),
      categories: { block: "abc.pareto", column: "customer" },
      series: [
        { name: t(lang, "净销售额", "Net revenue"), values: { block: "abc.pareto", column: "revenue" }, as: "column" },
        { name: t(lang, "累计占比", "Cumulative share"), values: { block: "abc.pareto", column: "cumShare" }, as: "line", secondaryAxis: true },
        { name: t(lang, "80% 线", "80% cut"), values: { block: "abc.pareto", column: "cut80" }, as: "line", secondaryAxis: true },
        { name: t(lang, "95% 线", "95% cut"), values: { block: "abc.pareto", column: "cut95" }, as: "line", secondaryAxis: true },
      ],
      valueAxis: { fromZero: true },
      secondaryPercent: true,
      at: { row: 2, col: chartCol },
      size: { cols: 10, rows: 20 },
    });
  }
  if (result.abc.rows.length) {
    charts.push({
      id: "abc.classChart",
      type: "pie",
      title: t(lang, "ABC 客户数分布", "Customers by ABC class"),
      categories: { block: "abc.split", column: "class", rows: [0, 2] },
      series: [{ name: t(lang, "客户数", "Customers"), values: { block: "abc.split", column: "count", rows: [0, 2] } }],
      at: { row: 23, col: chartCol },
      size: { cols: 5, rows: 14 },
    });
    charts.push({
      id: "value.classChart",
      type: "column",
      title: t(lang, "客户价值分类分布", "Customers by value class"),
      categories: { block: "value.split", column: "class", rows: [0, 3] },
      series: [{ name: t(lang, "客户数", "Customers"), values: { block: "value.split", column: "count", rows: [0, 3] } }],
      at: { row: 23, col: chartCol + 5 },
      size: { cols: 5, rows: 14 },
      valueAxis: { fromZero: true },
    });
  }
  if (result.grades.summary.length) {
    charts.push({
      id: "grade.targetChart",
      type: "column",
      title: t(lang, "渠道等级：目标与实际", "Channel grades: target vs actual"),
      categories: { block: "grade.targets", column: "label" },
      series: [
        { name: t(lang, "目标数", "Target"), values: { block: "grade.targets", column: "target" } },
        { name: t(lang, "实际数", "Actual"), values: { block: "grade.targets", column: "actual" } },
      ],
      at: { row: 38, col: chartCol },
      size: { cols: 10, rows: 18 },
      valueAxis: { fromZero: true },
    });
  }
  return charts;
}
