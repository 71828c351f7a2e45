/**
 * 销售进度及库存 / Sell-through and stock (SPEC §9): per dealer × model the window, sell-in,
 * sell-through, closing stock, days of stock and the alert; a chart of stock against
 * sell-through for the dealers with the most stock. A function of (stock rows, vocabulary);
 * the days-of-stock rule is worded by domain/stock.ts, which owns it.
 */
import { roundTo } from "../domain/money";
import { STOCK_WINDOW_DAYS, type StockFlag, type StockRow, type StockThresholds, daysOfStockRule } from "../domain/stock";
import type { ChartSpec, SheetPatch } from "./patch";
import { TAB_COLOUR } from "./style";
import { type Column, type Label, type Lang, blockHeight, noteBlock, pick, tableBlock } from "./table";

export const STOCK_SHEET_NAME = { zh: "销售进度及库存", en: "Sell-through and stock" };
const CHART_POINTS = 30;

/** What the stock sheet needs besides the rows. */
export interface StockVocabulary {
  lang: Lang;
  customerName: (customerId: string) => string | undefined;
  /** The thresholds the flags were set with, for the rule line. */
  thresholds: StockThresholds;
}

export const STOCK_FLAGS: Record<StockFlag, Label> = {
  overstock: { zh: "库存积压", en: "Overstock" },
  stockOutRisk: { zh: "断货风险", en: "Stock-out risk" },
};
const FLAG_FILLS: Record<StockFlag, string> = { overstock: "#F4CCCC", stockOutRisk: "#FFEB9C" };

const STOCK_LABEL: Label = { zh: "期末库存", en: "Closing stock" };
const SELL_THROUGH_LABEL: Label = { zh: "动销", en: "Sell-through" };

type Row = StockRow & { name: string };

const SOURCES = {
  report: { zh: "分销上报", en: "sell-out report" },
  stockCounts: { zh: "期初库存 + 进货 − 期末库存", en: "opening + sell-in − closing" },
  none: { zh: "只有一次盘点，无法计算", en: "one stock count only: unknown" },
};

const COLUMNS: Column<Row>[] = [
  { key: "customerId", label: { zh: "客户编号", en: "Customer ID" }, format: "text", value: (r) => r.customerId },
  { key: "customer", label: { zh: "客户", en: "Customer" }, format: "text", value: (r) => r.name },
  { key: "model", label: { zh: "型号", en: "Model" }, format: "text", value: (r) => r.model },
  { key: "from", label: { zh: "起始日", en: "From" }, format: "date", value: (r) => r.windowStart },
  { key: "to", label: { zh: "盘点日", en: "Count date" }, format: "date", value: (r) => r.windowEnd },
  { key: "opening", label: { zh: "期初库存", en: "Opening stock" }, format: "integer", value: (r) => r.openingStock },
  { key: "sellIn", label: { zh: "进货（净）", en: "Sell-in (net)" }, format: "integer", value: (r) => r.sellIn },
  { key: "sellThrough", label: SELL_THROUGH_LABEL, format: "integer", value: (r) => r.sellThrough },
  { key: "source", label: { zh: "动销依据", en: "Sell-through from" }, format: { vocabulary: SOURCES }, value: (r) => r.sellThroughSource ?? "none" },
  { key: "stock", label: STOCK_LABEL, format: "integer", value: (r) => r.stock },
  { key: "days", label: { zh: "周转天数", en: "Days of stock" }, format: "number", value: (r) => (r.daysOfStock === null ? null : roundTo(r.daysOfStock, 1)) },
  { key: "flag", label: { zh: "预警", en: "Alert" }, format: { vocabulary: STOCK_FLAGS }, value: (r) => r.flag },
];

interface ChartRow { label: string; stock: number; sellThrough: number | null }
const CHART_COLUMNS: Column<ChartRow>[] = [
  { key: "label", label: { zh: "客户/型号", en: "Customer / model" }, format: "text", value: (r) => r.label },
  { key: "stock", label: STOCK_LABEL, format: "integer", value: (r) => r.stock },
  { key: "sellThrough", label: SELL_THROUGH_LABEL, format: "integer", value: (r) => r.sellThrough },
];

const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);

export function stockSheet(rows: readonly StockRow[], v: StockVocabulary): SheetPatch {
  const { lang } = v;
  const over = rows.filter((r) => r.flag === "overstock").length;
  const under = rows.filter((r) => r.flag === "stockOutRisk").length;
  const head = noteBlock("stock.head", { row: 0, col: 0 }, t(lang, "销售进度及库存", "Sell-through and stock"), [
    t(lang, `${rows.length} 个经销商×型号；库存积压 ${over} 个，断货风险 ${under} 个；积压经销商已列入拨打清单优先客户`, `${rows.length} dealer × model rows; ${over} overstocked, ${under} at risk of stock-out; overstocked dealers are priority calls`),
    daysOfStockRule(v.thresholds, lang),
  ]);
  const data: Row[] = rows.map((r) => ({ ...r, name: v.customerName(r.customerId) ?? r.customerId }));
  const table = tableBlock(
    {
      id: "stock.rows",
      at: { row: blockHeight(head) + 1, col: 0 },
      columns: COLUMNS,
      excelTable: "TierPlanStock",
      colours: (Object.keys(STOCK_FLAGS) as StockFlag[]).map((f) => ({ column: "flag", equals: pick(STOCK_FLAGS[f], lang), fill: FLAG_FILLS[f] })),
    },
    data,
    lang,
  );
  // The chart shows the rows with the most stock (a chart of thousands of bars says nothing).
  const top: ChartRow[] = data
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.stock - a.r.stock || a.i - b.i)
    .slice(0, CHART_POINTS)
    .map(({ r }) => ({ label: `${r.name} ${r.model}`, stock: r.stock, sellThrough: r.sellThrough }));
  const chartCol = COLUMNS.length + 1;
  const chartRows = tableBlock({ id: "stock.chart", at: { row: table.at.row, col: chartCol }, title: { zh: `库存最多的 ${top.length} 个经销商×型号`, en: `Top ${top.length} by stock` }, columns: CHART_COLUMNS }, top, lang);
  const charts: ChartSpec[] = top.length
    ? [{
        id: "stock.chartStock",
        type: "column",
        title: t(lang, `期末库存与近 ${STOCK_WINDOW_DAYS} 天动销`, `Closing stock vs sell-through (${STOCK_WINDOW_DAYS} days)`),
        categories: { block: "stock.chart", column: "label" },
        series: [
          { name: pick(STOCK_LABEL, lang), values: { block: "stock.chart", column: "stock" } },
          { name: pick(SELL_THROUGH_LABEL, lang), values: { block: "stock.chart", column: "sellThrough" } },
        ],
        at: { row: table.at.row, col: chartCol + CHART_COLUMNS.length + 1 },
        size: { cols: 10, rows: 20 },
      }]
    : [];
  return { name: pick(STOCK_SHEET_NAME, lang), tabColor: TAB_COLOUR, blocks: [head, table, chartRows], charts };
}
