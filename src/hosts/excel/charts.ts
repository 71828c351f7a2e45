/**
 * ChartSpec → an Excel chart. The chart is created over its first series' values, then every
 * series is set explicitly (name, values, category labels: ExcelApi 1.7), so what Excel draws
 * never depends on how it guesses series from a source range.
 *
 *  - columnLine: ColumnClustered, with the `as: "line"` series switched to Line on the
 *    secondary axis group (ExcelApi 1.8); `secondaryPercent` fixes that axis to 0–100 % ("0%").
 *    This draws a Pareto on every platform.
 *  - funnel: the native Funnel type only when ExcelApi 1.9 is reported; otherwise the spec's
 *    fallback (default a clustered bar) with the categories in reverse order, so that the
 *    first stage is on top, as in a funnel.
 */
import type { ChartSpec, ChartType, SheetPatch } from "../../report/patch";
import { resolveSeries } from "../../report/patch";
import { cellAddress } from "../../sheets/grid";
import { OP_BYTES, SyncBatcher } from "./chunks";
import type { IsSetSupported } from "./requirements";

type ExcelChartType = "ColumnClustered" | "BarClustered" | "BarStacked" | "Pie" | "Doughnut" | "Line" | "Funnel";

const EXCEL_CHART_TYPES: Record<Exclude<ChartType, "funnel">, ExcelChartType> = {
  columnLine: "ColumnClustered",
  column: "ColumnClustered",
  bar: "BarClustered",
  stackedBar: "BarStacked",
  pie: "Pie",
  doughnut: "Doughnut",
  line: "Line",
};

/** The Excel chart type for a spec on this host, and whether categories run top-down. */
function excelChartType(spec: ChartSpec, isSet: IsSetSupported): { type: ExcelChartType; reverseCategories: boolean } {
  if (spec.type !== "funnel") return { type: EXCEL_CHART_TYPES[spec.type], reverseCategories: false };
  if (isSet("ExcelApi", "1.9")) return { type: "Funnel", reverseCategories: false };
  const fb = spec.fallback && spec.fallback !== "funnel" ? spec.fallback : "bar";
  return { type: EXCEL_CHART_TYPES[fb], reverseCategories: fb === "bar" || fb === "stackedBar" };
}

/** Queue one chart. Returns false (and queues nothing) when the chart has no data rows. */
export async function addChart(b: SyncBatcher, sheet: Excel.Worksheet, sp: SheetPatch, spec: ChartSpec, isSet: IsSetSupported): Promise<boolean> {
  if (spec.series.length === 0) return false;
  const cats = resolveSeries(sp, spec.categories);
  if (cats.r1 < cats.r0) return false;
  const { type, reverseCategories } = excelChartType(spec, isSet);
  const column = (ref: { col: number; r0: number; r1: number }): Excel.Range => sheet.getRangeByIndexes(ref.r0, ref.col, ref.r1 - ref.r0 + 1, 1);
  const combos = isSet("ExcelApi", "1.8");

  await b.reserve(OP_BYTES * (6 + spec.series.length * 6));
  const first = resolveSeries(sp, spec.series[0].values);
  const chart = sheet.charts.add(type, column(first), "Columns");
  chart.name = spec.id;
  chart.title.text = spec.title;
  const categories = column(cats);

  let secondary = false;
  spec.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    series.name = s.name;
    series.setValues(column(resolveSeries(sp, s.values)));
    series.setXAxisValues(categories);
    const asLine = spec.type === "columnLine" && s.as === "line";
    if (asLine) series.chartType = "Line";
    if (combos && (asLine || s.secondaryAxis)) {
      series.axisGroup = "Secondary";
      secondary = true;
    }
  });
  if (spec.secondaryPercent && secondary) {
    const axis = chart.axes.getItem("Value", "Secondary");
    axis.minimum = 0;
    axis.maximum = 1;
    axis.numberFormat = "0%";
  }
  applyValueAxis(chart, spec.valueAxis);
  if (reverseCategories) chart.axes.categoryAxis.reversePlotOrder = true;
  chart.setPosition(cellAddress(spec.at.row, spec.at.col), cellAddress(spec.at.row + spec.size.rows - 1, spec.at.col + spec.size.cols - 1));
  return true;
}

/** Percent labels and a zero origin on the primary value axis, as the spec asks. */
function applyValueAxis(chart: Excel.Chart, axis: ChartSpec["valueAxis"]): void {
  if (!axis) return;
  const value = chart.axes.valueAxis;
  if (axis.fromZero) value.minimum = 0;
  if (axis.percent) value.numberFormat = "0%";
}
