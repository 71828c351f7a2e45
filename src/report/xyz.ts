/**
 * ABC-XYZ in the tiering outputs (SPEC §9): the XYZ class and its reason beside the tier
 * columns, and a 3×3 matrix (counts and net revenue) at the foot of 分级汇总. The tiering
 * builders (report/tiering.ts) take a TierXyz and place these; the reason is the XYZ rule's
 * own wording (domain/xyz.ts).
 */
import type { AbcClass } from "../domain/model";
import { toYuan } from "../domain/money";
import { type AbcXyzMatrix, XYZ_CLASSES, type XyzRow, type XyzThresholds, xyzExplanation } from "../domain/xyz";
import type { Block, ValueColour } from "./patch";
import { CLASS_COLOURS } from "./style";
import { type Column, type Lang, tableBlock } from "./table";

/** What XYZ adds to the tiering outputs. */
export interface TierXyz {
  /** Each customer's class, by customer ID. */
  rows: ReadonlyMap<string, XyzRow>;
  matrix: AbcXyzMatrix;
  thresholds: XyzThresholds;
}

const XYZ_COLOURS: Record<string, string> = { X: "#C6EFCE", Y: "#FFEB9C", Z: "#F4CCCC" };

/** The XYZ class and its reason, for rows of customers (the tier columns). */
export function xyzColumns(x: TierXyz, lang: Lang): Column<{ customerId: string }>[] {
  return [
    { key: "xyz", label: { zh: "XYZ分类", en: "XYZ class" }, format: "text", value: (c) => x.rows.get(c.customerId)?.xyz ?? null },
    {
      key: "xyzReason", label: { zh: "XYZ依据", en: "XYZ reason" }, format: "text",
      value: (c) => { const r = x.rows.get(c.customerId); return r ? xyzExplanation(r, x.thresholds, lang) : null; },
    },
  ];
}

export const xyzColours = (column: string): ValueColour[] => XYZ_CLASSES.map((c) => ({ column, equals: c, fill: XYZ_COLOURS[c] }));

interface MatrixRow { abc: AbcClass; cells: AbcXyzMatrix[AbcClass] }

const countOf = (r: MatrixRow) => XYZ_CLASSES.reduce((s, c) => s + r.cells[c].count, 0);
const revenueOf = (r: MatrixRow) => XYZ_CLASSES.reduce((s, c) => s + r.cells[c].revenue, 0);

const MATRIX_COLUMNS: Column<MatrixRow>[] = [
  { key: "abc", label: { zh: "ABC＼XYZ", en: "ABC \\ XYZ" }, format: "text", value: (r) => r.abc, total: { zh: "合计", en: "Total" } },
  ...XYZ_CLASSES.map((c): Column<MatrixRow> => ({ key: `n${c}`, label: { zh: `${c} 客户数`, en: `${c} customers` }, format: "integer", value: (r) => r.cells[c].count, total: "sum" })),
  { key: "nTotal", label: { zh: "客户数合计", en: "Customers" }, format: "integer", value: countOf, total: "sum" },
  ...XYZ_CLASSES.map((c): Column<MatrixRow> => ({ key: `r${c}`, label: { zh: `${c} 净销售额`, en: `${c} revenue` }, format: "money", value: (r) => toYuan(r.cells[c].revenue), total: "sum" })),
  { key: "rTotal", label: { zh: "净销售额合计", en: "Revenue" }, format: "money", value: (r) => toYuan(revenueOf(r)), total: "sum" },
];

/** The ABC × XYZ matrix with its thresholds in the title, a totals row under it. */
export function xyzMatrixBlock(x: TierXyz, at: { row: number; col: number }, lang: Lang): Block {
  const classes: AbcClass[] = ["A", "B", "C"];
  const t = x.thresholds;
  return tableBlock(
    {
      id: "xyz.matrix",
      at,
      title: { zh: `ABC-XYZ 矩阵（X：变异系数 ≤ ${t.x}，Y：≤ ${t.y}，Z：其余）`, en: `ABC-XYZ matrix (X: CV ≤ ${t.x}, Y: ≤ ${t.y}, Z: the rest)` },
      columns: MATRIX_COLUMNS,
      totals: true,
      colours: classes.map((a) => ({ column: "abc", equals: a, fill: CLASS_COLOURS[a] })),
    },
    classes.map((abc) => ({ abc, cells: x.matrix[abc] })),
    lang,
  );
}
