/**
 * 销售进度及库存 / Sell-through and stock (SPEC §9): per dealer × model the window, sell-in,
 * sell-through, closing stock, days of stock and the alert; a chart of stock against
 * sell-through for the dealers with the most stock.
 */
import { roundTo } from "../domain/money";
import type { StockFlag, StockRow } from "../domain/stock";
import { tr, type RunContext } from "../pipeline/context";
import type { Block, ChartSpec, SheetPatch } from "./patch";
import { TAB_COLOUR } from "./style";

export const STOCK_SHEET_NAME = { zh: "销售进度及库存", en: "Sell-through and stock" };
const CHART_POINTS = 30;

export function flagLabel(ctx: Pick<RunContext, "lang">, f: StockFlag | null): string | null {
  if (f === "overstock") return tr(ctx, "库存积压", "Overstock");
  if (f === "stockOutRisk") return tr(ctx, "断货风险", "Stock-out risk");
  return null;
}

function sourceText(ctx: RunContext, r: StockRow): string {
  if (r.sellThroughSource === "report") return tr(ctx, "分销上报", "sell-out report");
  if (r.sellThroughSource === "stockCounts") return tr(ctx, "期初库存 + 进货 − 期末库存", "opening + sell-in − closing");
  return tr(ctx, "只有一次盘点，无法计算", "one stock count only: unknown");
}

export function stockSheet(ctx: RunContext, rows: StockRow[]): SheetPatch {
  const t = ctx.data.policy.jobs.stock;
  const byId = ctx.data.customerById;
  const over = rows.filter((r) => r.flag === "overstock").length;
  const under = rows.filter((r) => r.flag === "stockOutRisk").length;
  const head: Block = {
    id: "stock.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, "销售进度及库存", "Sell-through and stock"),
    headerless: true,
    columns: [{ key: "text", header: "", format: "text" }],
    rows: [
      [tr(ctx, `${rows.length} 个经销商×型号；库存积压 ${over} 个（> ${t.overDays} 天），断货风险 ${under} 个（< ${t.underDays} 天）`, `${rows.length} dealer × model rows; ${over} overstocked (> ${t.overDays} days), ${under} at risk of stock-out (< ${t.underDays} days)`)],
      [tr(ctx, "周转天数 = 期末库存 ÷（近 30 天动销 ÷ 天数）；积压经销商已列入拨打清单优先客户", "Days of stock = closing stock ÷ (sell-through of the last 30 days ÷ days); overstocked dealers are priority calls")],
    ],
  };
  const table: Block = {
    id: "stock.rows",
    at: { row: 4, col: 0 },
    columns: [
      { key: "customerId", header: tr(ctx, "客户编号", "Customer ID"), format: "text" },
      { key: "customer", header: tr(ctx, "客户", "Customer"), format: "text", width: 18 },
      { key: "label", header: tr(ctx, "客户/型号", "Customer / model"), format: "text", width: 22 },
      { key: "model", header: tr(ctx, "型号", "Model"), format: "text" },
      { key: "from", header: tr(ctx, "起始日", "From"), format: "date" },
      { key: "to", header: tr(ctx, "盘点日", "Count date"), format: "date" },
      { key: "opening", header: tr(ctx, "期初库存", "Opening stock"), format: "integer" },
      { key: "sellIn", header: tr(ctx, "进货（净）", "Sell-in (net)"), format: "integer" },
      { key: "sellThrough", header: tr(ctx, "动销", "Sell-through"), format: "integer" },
      { key: "source", header: tr(ctx, "动销依据", "Sell-through from"), format: "text", width: 22 },
      { key: "stock", header: tr(ctx, "期末库存", "Closing stock"), format: "integer" },
      { key: "days", header: tr(ctx, "周转天数", "Days of stock"), format: "number" },
      { key: "flag", header: tr(ctx, "预警", "Alert"), format: "text" },
    ],
    rows: rows.map((r) => {
      const name = byId.get(r.customerId)?.name ?? r.customerId;
      return [
        r.customerId, name, `${name} ${r.model}`, r.model, r.windowStart, r.windowEnd, r.openingStock, r.sellIn, r.sellThrough, sourceText(ctx, r), r.stock,
        r.daysOfStock === null ? null : roundTo(r.daysOfStock, 1), flagLabel(ctx, r.flag),
      ];
    }),
    table: { name: "TierPlanStock", style: "TableStyleLight9" },
    colours: [
      { column: "flag", equals: tr(ctx, "库存积压", "Overstock"), fill: "#F4CCCC" },
      { column: "flag", equals: tr(ctx, "断货风险", "Stock-out risk"), fill: "#FFEB9C" },
    ],
  };
  // The chart shows the rows with the most stock (a chart of thousands of bars says nothing).
  const top = rows.map((r, i) => ({ r, i })).sort((a, b) => b.r.stock - a.r.stock || a.i - b.i).slice(0, CHART_POINTS).map((x) => x.i).sort((a, b) => a - b);
  const chartRows: Block = {
    id: "stock.chart",
    at: { row: 4, col: 15 },
    title: tr(ctx, `库存最多的 ${top.length} 个经销商×型号`, `Top ${top.length} by stock`),
    columns: [
      { key: "label", header: tr(ctx, "客户/型号", "Customer / model"), format: "text", width: 22 },
      { key: "stock", header: tr(ctx, "期末库存", "Closing stock"), format: "integer" },
      { key: "sellThrough", header: tr(ctx, "近30天动销", "Sell-through (30 days)"), format: "integer" },
    ],
    rows: top.map((i) => [table.rows[i][2], rows[i].stock, rows[i].sellThrough]),
  };
  const charts: ChartSpec[] = top.length
    ? [{
        id: "stock.chartStock",
        type: "column",
        title: tr(ctx, "期末库存与动销", "Closing stock vs sell-through"),
        categories: { block: "stock.chart", column: "label" },
        series: [
          { name: tr(ctx, "期末库存", "Closing stock"), values: { block: "stock.chart", column: "stock" } },
          { name: tr(ctx, "动销", "Sell-through"), values: { block: "stock.chart", column: "sellThrough" } },
        ],
        at: { row: 4, col: 19 },
        size: { cols: 10, rows: 20 },
      }]
    : [];
  return { name: tr(ctx, STOCK_SHEET_NAME.zh, STOCK_SHEET_NAME.en), tabColor: TAB_COLOUR, blocks: [head, table, chartRows], charts, freeze: { rows: 5, cols: 2 } };
}
