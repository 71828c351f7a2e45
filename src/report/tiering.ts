/**
 * Tiering outputs: the tier columns beside the customer data, and the tier summary sheet
 * (分级汇总) with the ABC split, the "x% of customers make y% of revenue" line and the
 * Pareto chart (column + cumulative line, which draws everywhere; SPEC §2.1).
 */
import type { AbcRow } from "../domain/abc";
import { isoDate as isoOf } from "../domain/calendar";
import { toYuan, roundTo } from "../domain/money";
import type { RunContext } from "../pipeline/context";
import { tr } from "../pipeline/context";
import type { Block, ColumnsPatch, SheetPatch } from "./patch";
import { CLASS_COLOURS, TAB_COLOUR, TOTAL_ROW } from "./style";

/** How many customers the Pareto chart draws (the table lists them all). */
export const PARETO_CHART_POINTS = 100;

export const TIER_SHEET = { zh: "分级汇总", en: "Tier summary" };

export function abcReason(ctx: RunContext, r: AbcRow): string {
  const t = ctx.data.policy.tier;
  if (r.revenue <= 0) return tr(ctx, "期内无正销售额", "No positive revenue in the period");
  const cum = `${roundTo((r.cumShare ?? 0) * 100, 1)}%`;
  const strict = t.abcBoundary === "strict";
  if (r.abc === "A") return tr(ctx, `累计占比 ${cum}，${strict ? "低于" : "在"} ${t.abcCutoffA * 100}% 分界${strict ? "" : "内"}`, `cumulative ${cum}, within the ${t.abcCutoffA * 100}% cut-off`);
  if (r.abc === "B") return tr(ctx, `累计占比 ${cum}，在 ${t.abcCutoffA * 100}%–${t.abcCutoffB * 100}% 之间`, `cumulative ${cum}, between ${t.abcCutoffA * 100}% and ${t.abcCutoffB * 100}%`);
  return tr(ctx, `累计占比 ${cum}，超过 ${t.abcCutoffB * 100}%`, `cumulative ${cum}, beyond ${t.abcCutoffB * 100}%`);
}

/** Tier columns next to the user's customer table (only when there is a customer sheet). */
export function tierColumns(ctx: RunContext): ColumnsPatch | null {
  const table = ctx.data.customerTable;
  const tiering = ctx.results.tiering;
  if (!table || !tiering) return null;
  const rows: number[] = [];
  const revenue: number[] = [], share: number[] = [], cum: (number | null)[] = [], rank: number[] = [], abc: string[] = [], reason: string[] = [];
  for (const c of ctx.data.customers) {
    if (!c.source || c.source.sheet !== table.sheet) continue;
    const r = tiering.abcById.get(c.customerId)!;
    rows.push(c.source.row);
    revenue.push(toYuan(r.revenue));
    share.push(roundTo(r.share, 6));
    cum.push(r.cumShare === null ? null : roundTo(r.cumShare, 6));
    rank.push(r.rank);
    abc.push(r.abc);
    reason.push(abcReason(ctx, r));
  }
  return {
    id: "tiering.columns",
    sheet: table.sheet,
    headerRow: table.headerRow,
    rows,
    columns: [
      { key: "revenue", header: tr(ctx, "净销售额", "Net revenue"), format: "money", width: 14, values: revenue },
      { key: "share", header: tr(ctx, "销售占比", "Share"), format: "percent1", width: 10, values: share },
      { key: "cumShare", header: tr(ctx, "累计占比", "Cumulative share"), format: "percent1", width: 10, values: cum },
      { key: "rank", header: tr(ctx, "排名", "Rank"), format: "integer", width: 8, values: rank },
      { key: "abc", header: tr(ctx, "ABC分类", "ABC class"), format: "text", width: 9, values: abc },
      { key: "abcReason", header: tr(ctx, "ABC依据", "ABC reason"), format: "text", width: 34, values: reason },
    ],
    colours: (["A", "B", "C"] as const).map((k) => ({ column: "abc", equals: k, fill: CLASS_COLOURS[k] })),
  };
}

export function tierSummarySheet(ctx: RunContext): SheetPatch | null {
  const tiering = ctx.results.tiering;
  if (!tiering) return null;
  const { abc } = tiering;
  const n = abc.rows.length;
  const classes = ["A", "B", "C"] as const;
  const split: Block = {
    id: "abc.split",
    at: { row: 2, col: 0 },
    title: tr(ctx, "ABC 分类汇总", "ABC classes"),
    columns: [
      { key: "class", header: tr(ctx, "分类", "Class"), format: "text", width: 10 },
      { key: "count", header: tr(ctx, "客户数", "Customers"), format: "integer", width: 10 },
      { key: "countShare", header: tr(ctx, "客户占比", "Share of customers"), format: "percent1", width: 12 },
      { key: "revenue", header: tr(ctx, "净销售额", "Net revenue"), format: "money", width: 16 },
      { key: "revenueShare", header: tr(ctx, "销售额占比", "Share of revenue"), format: "percent1", width: 12 },
    ],
    rows: [
      ...classes.map((k) => [k, abc.byClass[k].count, n ? roundTo(abc.byClass[k].count / n, 6) : 0, toYuan(abc.byClass[k].revenue), abc.total ? roundTo(abc.byClass[k].revenue / abc.total, 6) : 0]),
      [tr(ctx, "合计", "Total"), n, n ? 1 : 0, toYuan(classes.reduce((s, k) => s + abc.byClass[k].revenue, 0)), abc.total ? roundTo(classes.reduce((s, k) => s + abc.byClass[k].revenue, 0) / abc.total, 6) : 0],
    ],
    rowStyles: { 3: TOTAL_ROW },
    colours: classes.map((k) => ({ column: "class", equals: k, fill: CLASS_COLOURS[k] })),
  };
  const a = abc.byClass.A;
  const headline = n && abc.total
    ? tr(ctx, `${roundTo((a.count / n) * 100, 1)}% 的客户（${a.count} 家）贡献了 ${roundTo((a.revenue / abc.total) * 100, 1)}% 的销售额`, `${roundTo((a.count / n) * 100, 1)}% of customers (${a.count}) make ${roundTo((a.revenue / abc.total) * 100, 1)}% of revenue`)
    : tr(ctx, "期内无销售额", "No revenue in the period");
  const period = ctx.period ? `${isoOf(ctx.period.from)} – ${isoOf(ctx.period.to)}` : "";
  const head: Block = {
    id: "tier.head",
    at: { row: 0, col: 0 },
    columns: [{ key: "text", header: tr(ctx, `客户分级汇总 ${period}`, `Account tiering ${period}`), format: "text", width: 10 }],
    rows: [[headline]],
  };

  const positive = abc.rows.filter((r) => r.revenue > 0);
  const names = new Map(ctx.data.customers.map((c) => [c.customerId, c.name]));
  const top = positive.slice(0, PARETO_CHART_POINTS);
  const pareto: Block = {
    id: "abc.pareto",
    at: { row: 9, col: 0 },
    title: tr(ctx, `帕累托：前 ${top.length} 名客户`, `Pareto: top ${top.length} customers`),
    columns: [
      { key: "rank", header: tr(ctx, "排名", "Rank"), format: "integer" },
      { key: "customer", header: tr(ctx, "客户", "Customer"), format: "text", width: 24 },
      { key: "revenue", header: tr(ctx, "净销售额", "Net revenue"), format: "money" },
      { key: "cumShare", header: tr(ctx, "累计占比", "Cumulative share"), format: "percent1" },
      { key: "abc", header: "ABC", format: "text" },
    ],
    rows: top.map((r) => [r.rank, names.get(r.customerId) ?? r.customerId, toYuan(r.revenue), roundTo(r.cumShare ?? 0, 6), r.abc]),
    colours: classes.map((k) => ({ column: "abc", equals: k, fill: CLASS_COLOURS[k] })),
  };
  const sheet: SheetPatch = {
    name: tr(ctx, TIER_SHEET.zh, TIER_SHEET.en),
    tabColor: TAB_COLOUR,
    blocks: [head, split, pareto],
    charts: [],
  };
  if (top.length) {
    sheet.charts.push({
      id: "abc.paretoChart",
      type: "columnLine",
      title: tr(ctx, "帕累托图（销售额与累计占比）", "Pareto (revenue and cumulative share)"),
      categories: { block: "abc.pareto", column: "customer" },
      series: [
        { name: tr(ctx, "净销售额", "Net revenue"), values: { block: "abc.pareto", column: "revenue" }, as: "column" },
        { name: tr(ctx, "累计占比", "Cumulative share"), values: { block: "abc.pareto", column: "cumShare" }, as: "line", secondaryAxis: true },
      ],
      secondaryPercent: true,
      at: { row: 2, col: 7 },
      size: { cols: 10, rows: 20 },
    });
    sheet.charts.push({
      id: "abc.classChart",
      type: "pie",
      title: tr(ctx, "ABC 客户数分布", "Customers by ABC class"),
      categories: { block: "abc.split", column: "class", rows: [0, 2] },
      series: [{ name: tr(ctx, "客户数", "Customers"), values: { block: "abc.split", column: "count", rows: [0, 2] } }],
      at: { row: 23, col: 7 },
      size: { cols: 6, rows: 14 },
    });
  }
  return sheet;
}

