/**
 * ABC-XYZ in the tiering outputs: the XYZ class (and CV) beside the tier columns, and a 3×3
 * matrix (counts and net revenue) at the foot of 分级汇总. Added to the tiering patch rather
 * than written into report/tiering.ts, so that builder stays as it is.
 */
import type { AbcClass } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import { AbcXyzMatrix, XYZ_CLASSES, XyzRow, XyzThresholds } from "../domain/xyz";
import { tr, type RunContext } from "../pipeline/context";
import { firstDataRow, type Block } from "./patch";
import { CLASS_COLOURS, TOTAL_ROW } from "./style";
import { TIER_SHEET } from "./tiering";

const XYZ_COLOURS: Record<string, string> = { X: "#C6EFCE", Y: "#FFEB9C", Z: "#F4CCCC" };

export function xyzReason(ctx: Pick<RunContext, "lang">, r: XyzRow, t: XyzThresholds): string {
  const months = r.monthly.length;
  if (r.cv === null) return tr(ctx, `${months} 个月平均销售额 ≤ 0：Z`, `mean monthly revenue over ${months} months ≤ 0: Z`);
  const cv = roundTo(r.cv, 2);
  const rule = r.xyz === "X" ? `≤ ${t.x}` : r.xyz === "Y" ? `≤ ${t.y}` : `> ${t.y}`;
  return tr(ctx, `${months} 个月销售额变异系数 ${cv} ${rule}`, `CV of ${months} months' revenue ${cv} ${rule}`);
}

export function addXyzToTiering(ctx: RunContext, rows: Map<string, XyzRow>, matrix: AbcXyzMatrix, t: XyzThresholds): void {
  const cols = ctx.patch.columns.find((c) => c.id === "tiering.columns");
  if (cols) {
    const idByRow = new Map<number, string>();
    for (const c of ctx.data.customers) if (c.source && c.source.sheet === cols.sheet) idByRow.set(c.source.row, c.customerId);
    const xyz = cols.rows.map((row) => rows.get(idByRow.get(row) ?? "") ?? null);
    cols.columns.push(
      { key: "xyz", header: tr(ctx, "XYZ分类", "XYZ class"), format: "text", width: 9, values: xyz.map((r) => r?.xyz ?? null) },
      { key: "xyzReason", header: tr(ctx, "XYZ依据", "XYZ reason"), format: "text", width: 30, values: xyz.map((r) => (r ? xyzReason(ctx, r, t) : null)) },
    );
    cols.colours = [...(cols.colours ?? []), ...XYZ_CLASSES.map((x) => ({ column: "xyz", equals: x, fill: XYZ_COLOURS[x] }))];
  }
  const sheet = ctx.patch.sheets.find((s) => s.name === tr(ctx, TIER_SHEET.zh, TIER_SHEET.en));
  if (!sheet) return;
  const bottom = Math.max(0, ...sheet.blocks.map((b) => firstDataRow(b) + b.rows.length));
  const classes: AbcClass[] = ["A", "B", "C"];
  const line = (label: string, pick: (x: "X" | "Y" | "Z") => { count: number; revenue: number }) => {
    const cells = XYZ_CLASSES.map(pick);
    return [label, ...cells.map((c) => c.count), cells.reduce((s, c) => s + c.count, 0), ...cells.map((c) => toYuan(c.revenue)), toYuan(cells.reduce((s, c) => s + c.revenue, 0))];
  };
  const sum = (x: "X" | "Y" | "Z") => classes.reduce((s, a) => ({ count: s.count + matrix[a][x].count, revenue: s.revenue + matrix[a][x].revenue }), { count: 0, revenue: 0 });
  const block: Block = {
    id: "xyz.matrix",
    at: { row: bottom + 2, col: 0 },
    title: tr(ctx, `ABC-XYZ 矩阵（X：变异系数 ≤ ${t.x}，Y：≤ ${t.y}，Z：其余）`, `ABC-XYZ matrix (X: CV ≤ ${t.x}, Y: ≤ ${t.y}, Z: the rest)`),
    columns: [
      { key: "abc", header: "ABC＼XYZ", format: "text" },
      ...XYZ_CLASSES.map((x) => ({ key: `n${x}`, header: tr(ctx, `${x} 客户数`, `${x} customers`), format: "integer" as const })),
      { key: "nTotal", header: tr(ctx, "客户数合计", "Customers"), format: "integer" },
      ...XYZ_CLASSES.map((x) => ({ key: `r${x}`, header: tr(ctx, `${x} 净销售额`, `${x} revenue`), format: "money" as const })),
      { key: "rTotal", header: tr(ctx, "净销售额合计", "Revenue"), format: "money" },
    ],
    rows: [...classes.map((a) => line(a, (x) => matrix[a][x])), line(tr(ctx, "合计", "Total"), sum)],
    rowStyles: { 3: TOTAL_ROW },
    colours: classes.map((a) => ({ column: "abc", equals: a, fill: CLASS_COLOURS[a] })),
  };
  sheet.blocks.push(block);
}
