/**
 * Native DrawingML chart parts for the .xlsx host. ExcelJS writes no charts, so the host
 * writes `xl/charts/chartN.xml` and `xl/drawings/drawingN.xml` itself from a ChartSpec.
 *
 * Every series refers to its cells by formula (`'Sheet'!$B$5:$B$9`) AND carries a cache of
 * the values from the block's rows, so that viewers that do not recalculate (LibreOffice,
 * previewers, Excel's protected view) draw the chart at once.
 *
 * Chart types map to classic DrawingML (readable by Excel 2007+ and LibreOffice):
 * - column / bar / stackedBar: c:barChart (clustered / clustered / stacked, overlap 100)
 * - line: c:lineChart; pie: c:pieChart; doughnut: c:doughnutChart (hole 50 %)
 * - columnLine (Pareto): c:barChart on the primary axes plus a c:lineChart with the
 *   `as: "line"` series on a secondary value axis (0–100 % when `secondaryPercent`)
 * - funnel: no classic funnel exists; `fallback ?? "bar"` is drawn, a horizontal bar chart
 *   with the category axis reversed so that the first stage is on top.
 */
import { Block, ChartSeries, ChartSpec, ChartType, PatchValue, SeriesRef, SheetPatch, blockColumn, headerRow, resolveSeries } from "../../report/patch";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** Series colours, in order (accent-like palette). */
export const CHART_PALETTE = ["1F4E79", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"] as const;

/** Axis ids, unique inside one chart part. */
const AX = { cat: 510001, val: 510002, cat2: 510003, val2: 510004 } as const;

// ---------------------------------------------------------------------------------------------
// Text and references

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escape text for XML content and double-quoted attribute values (all attributes here use
 * double quotes, so an apostrophe needs no escaping: formulas stay as Excel writes them,
 * `'O''Brien'!$A$1`). Drops characters XML cannot represent.
 */
export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `'Sheet name'` — always quoted, apostrophes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function absCell(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}

/** `'Sheet'!$B$5:$B$9` (a single cell when r0 === r1). Unescaped: escape when writing XML. */
function rangeFormula(sheetName: string, col: number, r0: number, r1: number): string {
  const a = absCell(r0, col);
  return `${quoteSheetName(sheetName)}!${r1 > r0 ? `${a}:${absCell(r1, col)}` : a}`;
}

// ---------------------------------------------------------------------------------------------
// Series data: formula + cached values

interface ResolvedRange {
  formula: string;
  /** Number of points (cells) in the range. */
  count: number;
  /** Cell values of the range, in order (undefined beyond the block's rows). */
  values: (PatchValue | undefined)[];
}

function findBlock(sheet: SheetPatch, id: string): Block {
  const b = sheet.blocks.find((x) => x.id === id);
  if (!b) throw new Error(`sheet ${sheet.name} has no block ${id}`);
  return b;
}

function resolveRange(sheet: SheetPatch, ref: SeriesRef, sheetNameForRefs: string): ResolvedRange {
  const block = findBlock(sheet, ref.block);
  const { col, r0, r1 } = resolveSeries(sheet, ref);
  const colIndex = blockColumn(block, ref.column) - block.at.col;
  // Index of the range's first cell among the block's data rows.
  const first = ref.rows ? ref.rows[0] : 0;
  const count = Math.max(0, r1 - r0 + 1);
  const values: (PatchValue | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const row = block.rows[first + i];
    values.push(row ? row[colIndex] : undefined);
  }
  // An empty block still needs a syntactically valid reference: point at the first data cell.
  return { formula: rangeFormula(sheetNameForRefs, col, r0, Math.max(r0, r1)), count, values };
}

/** The number a cell shows in a chart, or undefined for a blank / text / boolean cell. */
function numericValue(v: PatchValue | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (v && typeof v === "object" && typeof v.result === "number") return Number.isFinite(v.result) ? v.result : undefined;
  return undefined;
}

/** The text a cell shows as a category label, or undefined for a blank cell. */
function textValue(v: PatchValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") return v === "" ? undefined : v;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.result === undefined ? undefined : String(v.result);
}

function strRef(r: ResolvedRange): string {
  const pts = r.values
    .map((v, i) => {
      const t = textValue(v);
      return t === undefined ? "" : `<c:pt idx="${i}"><c:v>${xmlEscape(t)}</c:v></c:pt>`;
    })
    .join("");
  return `<c:strRef><c:f>${xmlEscape(r.formula)}</c:f><c:strCache><c:ptCount val="${r.count}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(r: ResolvedRange): string {
  const pts = r.values
    .map((v, i) => {
      const n = numericValue(v);
      return n === undefined ? "" : `<c:pt idx="${i}"><c:v>${String(n)}</c:v></c:pt>`;
    })
    .join("");
  return (
    `<c:numRef><c:f>${xmlEscape(r.formula)}</c:f><c:numCache><c:formatCode>General</c:formatCode>` +
    `<c:ptCount val="${r.count}"/>${pts}</c:numCache></c:numRef>`
  );
}

/**
 * Series name: a reference to the column's header cell when the header is the series name
 * (so a renamed header renames the series in Excel), else the literal name.
 */
function seriesTx(sheet: SheetPatch, s: ChartSeries, sheetNameForRefs: string): string {
  const block = findBlock(sheet, s.values.block);
  const spec = block.columns.find((c) => c.key === s.values.column);
  if (spec && spec.header === s.name) {
    const r: ResolvedRange = {
      formula: rangeFormula(sheetNameForRefs, blockColumn(block, spec.key), headerRow(block), headerRow(block)),
      count: 1,
      values: [s.name],
    };
    return `<c:tx>${strRef(r)}</c:tx>`;
  }
  return `<c:tx><c:v>${xmlEscape(s.name)}</c:v></c:tx>`;
}

// ---------------------------------------------------------------------------------------------
// Shape properties

function solidFill(hex: string): string {
  return `<a:solidFill><a:srgbClr val="${hex}"/></a:solidFill>`;
}

function colour(i: number): string {
  return CHART_PALETTE[i % CHART_PALETTE.length];
}

function barSpPr(i: number): string {
  return `<c:spPr>${solidFill(colour(i))}<a:ln><a:noFill/></a:ln></c:spPr>`;
}

function lineSpPr(i: number): string {
  return `<c:spPr><a:ln w="28575" cap="rnd">${solidFill(colour(i))}<a:round/></a:ln></c:spPr>`;
}

function lineMarker(i: number): string {
  return `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${solidFill(colour(i))}<a:ln w="9525">${solidFill(colour(i))}</a:ln></c:spPr></c:marker>`;
}

const NO_DLBLS =
  "<c:dLbls><c:showLegendKey val=\"0\"/><c:showVal val=\"0\"/><c:showCatName val=\"0\"/>" +
  "<c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>";

function percentDLbls(withPos: boolean): string {
  return (
    '<c:dLbls><c:numFmt formatCode="0%" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' +
    (withPos ? '<c:dLblPos val="bestFit"/>' : "") +
    '<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/>' +
    '<c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>'
  );
}

// ---------------------------------------------------------------------------------------------
// Series and chart groups

interface SeriesCtx {
  sheet: SheetPatch;
  chart: ChartSpec;
  refs: string;
  /** Categories, resolved once. */
  cat: ResolvedRange;
}

function catAndVal(ctx: SeriesCtx, s: ChartSeries): string {
  return `<c:cat>${strRef(ctx.cat)}</c:cat><c:val>${numRef(resolveRange(ctx.sheet, s.values, ctx.refs))}</c:val>`;
}

/** `idx` is the series' index across the whole chart (unique over all chart groups). */
function barSer(ctx: SeriesCtx, s: ChartSeries, idx: number): string {
  return (
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>${seriesTx(ctx.sheet, s, ctx.refs)}${barSpPr(idx)}` +
    `<c:invertIfNegative val="0"/>${catAndVal(ctx, s)}</c:ser>`
  );
}

function lineSer(ctx: SeriesCtx, s: ChartSeries, idx: number): string {
  return (
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>${seriesTx(ctx.sheet, s, ctx.refs)}${lineSpPr(idx)}` +
    `${lineMarker(idx)}${catAndVal(ctx, s)}<c:smooth val="0"/></c:ser>`
  );
}

function pieSer(ctx: SeriesCtx, s: ChartSeries, idx: number): string {
  const dPts = Array.from(
    { length: ctx.cat.count },
    (_, i) =>
      `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/><c:spPr>${solidFill(colour(i))}` +
      `<a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:dPt>`,
  ).join("");
  return `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>${seriesTx(ctx.sheet, s, ctx.refs)}${dPts}${catAndVal(ctx, s)}</c:ser>`;
}

function axIds(a: number, b: number): string {
  return `<c:axId val="${a}"/><c:axId val="${b}"/>`;
}

function barChart(
  ctx: SeriesCtx,
  series: { s: ChartSeries; idx: number }[],
  dir: "col" | "bar",
  stacked: boolean,
  gapWidth: number,
): string {
  return (
    `<c:barChart><c:barDir val="${dir}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>` +
    series.map(({ s, idx }) => barSer(ctx, s, idx)).join("") +
    NO_DLBLS +
    `<c:gapWidth val="${gapWidth}"/>${stacked ? '<c:overlap val="100"/>' : ""}` +
    axIds(AX.cat, AX.val) +
    "</c:barChart>"
  );
}

function lineChart(ctx: SeriesCtx, series: { s: ChartSeries; idx: number }[], cat: number, val: number): string {
  return (
    '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
    series.map(({ s, idx }) => lineSer(ctx, s, idx)).join("") +
    NO_DLBLS +
    '<c:marker val="1"/>' +
    axIds(cat, val) +
    "</c:lineChart>"
  );
}

// ---------------------------------------------------------------------------------------------
// Axes

interface CatAxOpts {
  id: number;
  cross: number;
  pos: "b" | "l" | "t" | "r";
  reversed?: boolean;
  hidden?: boolean;
}

function catAx(o: CatAxOpts): string {
  return (
    `<c:catAx><c:axId val="${o.id}"/><c:scaling><c:orientation val="${o.reversed ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="${o.hidden ? 1 : 0}"/><c:axPos val="${o.pos}"/>` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>' +
    '<c:tickLblPos val="nextTo"/><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>' +
    `<c:crossAx val="${o.cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
  );
}

interface ValAxOpts {
  id: number;
  cross: number;
  pos: "b" | "l" | "t" | "r";
  gridlines: boolean;
  crosses: "autoZero" | "max";
  crossBetween: "between" | "midCat";
  percent?: boolean;
  /** The primary value axis as the chart spec asks (labels in percent, starting at zero). */
  axis?: ChartSpec["valueAxis"];
}

function valAx(o: ValAxOpts): string {
  const min = o.percent || o.axis?.fromZero ? '<c:min val="0"/>' : "";
  const scaling = o.percent ? `<c:orientation val="minMax"/><c:max val="1"/>${min}` : `<c:orientation val="minMax"/>${min}`;
  const numFmt = o.percent || o.axis?.percent ? '<c:numFmt formatCode="0%" sourceLinked="0"/>' : '<c:numFmt formatCode="General" sourceLinked="1"/>';
  return (
    `<c:valAx><c:axId val="${o.id}"/><c:scaling>${scaling}</c:scaling><c:delete val="0"/><c:axPos val="${o.pos}"/>` +
    (o.gridlines ? '<c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>' : "") +
    `${numFmt}<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    '<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>' +
    `<c:crossAx val="${o.cross}"/><c:crosses val="${o.crosses}"/><c:crossBetween val="${o.crossBetween}"/>` +
    (o.percent ? '<c:majorUnit val="0.2"/>' : "") +
    "</c:valAx>"
  );
}

/** Primary category + value axes; `horizontal` for bar charts (categories on the left). */
function primaryAxes(horizontal: boolean, reversed: boolean, crossBetween: "between" | "midCat", axis?: ChartSpec["valueAxis"]): string {
  return (
    catAx({ id: AX.cat, cross: AX.val, pos: horizontal ? "l" : "b", reversed }) +
    // With the categories reversed, the value axis would sit on top: let it cross at the last category (the bottom).
    valAx({ id: AX.val, cross: AX.cat, pos: horizontal ? "b" : "l", gridlines: true, crosses: reversed ? "max" : "autoZero", crossBetween, axis })
  );
}

// ---------------------------------------------------------------------------------------------
// Plot area per chart type

/** The type actually drawn: funnel has no classic DrawingML form. */
function renderedType(chart: ChartSpec): ChartType {
  if (chart.type !== "funnel") return chart.type;
  const f = chart.fallback ?? "bar";
  return f === "funnel" ? "bar" : f;
}

function plotArea(ctx: SeriesCtx): string {
  const { chart } = ctx;
  const type = renderedType(chart);
  const funnel = chart.type === "funnel";
  const all = chart.series.map((s, idx) => ({ s, idx }));
  let body: string;
  switch (type) {
    case "column":
      body = barChart(ctx, all, "col", false, 150) + primaryAxes(false, false, "between", chart.valueAxis);
      break;
    case "bar":
      body = barChart(ctx, all, "bar", false, funnel ? 40 : 150) + primaryAxes(true, funnel, "between", chart.valueAxis);
      break;
    case "stackedBar":
      body = barChart(ctx, all, "bar", true, funnel ? 40 : 150) + primaryAxes(true, funnel, "between", chart.valueAxis);
      break;
    case "line":
      body = lineChart(ctx, all, AX.cat, AX.val) + primaryAxes(false, false, "between", chart.valueAxis);
      break;
    case "pie":
      body =
        '<c:pieChart><c:varyColors val="1"/>' +
        all.map(({ s, idx }) => pieSer(ctx, s, idx)).join("") +
        percentDLbls(true) +
        '<c:firstSliceAng val="0"/></c:pieChart>';
      break;
    case "doughnut":
      body =
        '<c:doughnutChart><c:varyColors val="1"/>' +
        all.map(({ s, idx }) => pieSer(ctx, s, idx)).join("") +
        percentDLbls(false) +
        '<c:firstSliceAng val="0"/><c:holeSize val="50"/></c:doughnutChart>';
      break;
    case "columnLine": {
      const bars = all.filter((x) => x.s.as !== "line");
      const lines = all.filter((x) => x.s.as === "line");
      if (bars.length === 0) {
        // Nothing for the primary axes but lines: an ordinary line chart.
        body = lineChart(ctx, lines, AX.cat, AX.val) + primaryAxes(false, false, "between", chart.valueAxis);
      } else if (lines.length === 0) {
        body = barChart(ctx, bars, "col", false, 50) + primaryAxes(false, false, "between", chart.valueAxis);
      } else {
        body =
          barChart(ctx, bars, "col", false, 50) +
          lineChart(ctx, lines, AX.cat2, AX.val2) +
          primaryAxes(false, false, "between", chart.valueAxis) +
          catAx({ id: AX.cat2, cross: AX.val2, pos: "b", hidden: true }) +
          valAx({
            id: AX.val2,
            cross: AX.cat2,
            pos: "r",
            gridlines: false,
            crosses: "max",
            crossBetween: "between",
            percent: chart.secondaryPercent === true,
          });
      }
      break;
    }
    case "funnel":
      // renderedType never returns funnel.
      throw new Error("unreachable");
  }
  return `<c:plotArea><c:layout/>${body}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>`;
}

function title(text: string): string {
  return (
    '<c:title><c:tx><c:rich><a:bodyPr rot="0" spcFirstLastPara="1" vertOverflow="ellipsis" wrap="square" anchor="ctr" anchorCtr="1"/>' +
    '<a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:defRPr></a:pPr>' +
    `<a:r><a:rPr sz="1400" b="1"><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:rPr><a:t>${xmlEscape(text)}</a:t></a:r></a:p>` +
    '</c:rich></c:tx><c:overlay val="0"/></c:title>'
  );
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * The chart part (`xl/charts/chartN.xml`) for one chart of a sheet.
 * @param sheet the sheet whose blocks hold the chart's data (for coordinates and caches)
 * @param chart the chart
 * @param sheetNameForRefs the worksheet name used in the series formulas (normally sheet.name)
 */
export function chartPartXml(sheet: SheetPatch, chart: ChartSpec, sheetNameForRefs: string): string {
  const ctx: SeriesCtx = { sheet, chart, refs: sheetNameForRefs, cat: resolveRange(sheet, chart.categories, sheetNameForRefs) };
  const parts = [
    XML_DECL,
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">`,
    '<c:date1904 val="0"/><c:roundedCorners val="0"/>',
    "<c:chart>",
    chart.title ? title(chart.title) + '<c:autoTitleDeleted val="0"/>' : '<c:autoTitleDeleted val="1"/>',
    plotArea(ctx),
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>',
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>',
    "</c:chart>",
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>',
    '<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>',
    "</c:chartSpace>",
  ];
  return parts.join("");
}

export interface ChartAnchor {
  /** Relationship id of the chart part in the drawing's .rels, e.g. "rId1". */
  chartRelId: string;
  /** Top-left cell, 0-based. */
  at: { row: number; col: number };
  /** Size in cells. */
  size: { cols: number; rows: number };
  name: string;
  /** Shape id, unique inside the drawing (≥ 1). */
  id: number;
}

/** The drawing part (`xl/drawings/drawingN.xml`) that places the charts of one worksheet. */
export function drawingXml(anchors: ChartAnchor[]): string {
  const cell = (tag: "from" | "to", row: number, col: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const body = anchors
    .map(
      (a) =>
        '<xdr:twoCellAnchor editAs="oneCell">' +
        cell("from", a.at.row, a.at.col) +
        cell("to", a.at.row + Math.max(1, a.size.rows), a.at.col + Math.max(1, a.size.cols)) +
        '<xdr:graphicFrame macro="">' +
        `<xdr:nvGraphicFramePr><xdr:cNvPr id="${a.id}" name="${xmlEscape(a.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="${xmlEscape(a.chartRelId)}"/></a:graphicData></a:graphic>` +
        "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>",
    )
    .join("");
  return `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${body}</xdr:wsDr>`;
}
