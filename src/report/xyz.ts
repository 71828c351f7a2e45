/**
 * ABC-XYZ in the tiering outputs: the XYZ class (and CV) beside the tier columns, and a 3×3
 * matrix (counts and net revenue) at the foot of 分级汇总. Added to the tiering patch rather
 * than written into report/tiering.ts, so that builder stays as it is.
 */
import type { AbcClass } from "../domain/model";
import { roundTo, toYuan } from "../domain/money";
import { AbcXyzMatrix, XYZ_CLASSES, XyzRow, XyzThresholds } from "../domain/xyz";
import { tr, type RunContext } from "../pipeline/context";
import { firstDataRow } from "./patch";
import { CLASS_COLOURS } from "./style";
import { tableBlock, type Column } from "./table";
import { TIER_SHEET } from "./tiering";

interface MatrixRow { abc: AbcClass; cells: AbcXyzMatrix[AbcClass] }

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
  const columns: Column<MatrixRow>[] = [
    { key: "abc", label: { zh: "ABC＼XYZ", en: "ABC \\ XYZ" }, format: "text", value: (r) => r.abc, total: { zh: "合计", en: "Total" } },
    ...XYZ_CLASSES.map((x): Column<MatrixRow> => ({ key: `n${x}`, label: { zh: `${x} 客户数`, en: `${x} customers` }, format: "integer", value: (r) => r.cells[x].count, total: "sum" })),
    { key: "nTotal", label: { zh: "客户数合计", en: "Customers" }, format: "integer", value: (r) => XYZ_CLASSES.reduce((s, x) => s + r.cells[x].count, 0), total: "sum" },
    ...XYZ_CLASSES.map((x): Column<MatrixRow> => ({ key: `r${x}`, label: { zh: `${x} 净销售额`, en: `${x} revenue` }, format: "money", value: (r) => toYuan(r.cells[x].revenue), total: "sum" })),
    { key: "rTotal", label: { zh: "净销售额合计", en: "Revenue" }, format: "money", value: (r) => toYuan(XYZ_CLASSES.reduce((s, x) => s + r.cells[x].revenue, 0)), total: "sum" },
  ];
  const block = tableBlock(
    {
      id: "xyz.matrix",
      at: { row: bottom + 2, col: 0 },
      title: { zh: `ABC-XYZ 矩阵（X：变异系数 ≤ ${t.x}，Y：≤ ${t.y}，Z：其余）`, en: `ABC-XYZ matrix (X: CV ≤ ${t.x}, Y: ≤ ${t.y}, Z: the rest)` },
      columns,
      totals: true,
      colours: classes.map((a) => ({ column: "abc", equals: a, fill: CLASS_COLOURS[a] })),
    },
    classes.map((abc) => ({ abc, cells: matrix[abc] })),
    ctx.lang,
  );
  sheet.blocks.push(block);
}
