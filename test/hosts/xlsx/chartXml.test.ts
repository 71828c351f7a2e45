import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { ChartSpec, ChartType, SheetPatch } from "../../../src/report/patch";
import { CHART_PALETTE, chartPartXml, columnLetters, drawingXml, quoteSheetName, xmlEscape } from "../../../src/hosts/xlsx/chartXml";

// ------------------------------------------------------------------------------------------
// Helpers

const XMLLINT = "/usr/bin/xmllint";
const haveXmllint = existsSync(XMLLINT);
if (!haveXmllint) console.log(`chartXml tests: ${XMLLINT} not found, well-formedness checks skipped`);

function expectWellFormed(xml: string): void {
  if (!haveXmllint) return;
  const r = spawnSync(XMLLINT, ["--noout", "-"], { input: xml, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}

function count(xml: string, needle: string): number {
  return xml.split(needle).length - 1;
}

function decode(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/** All <c:f> formulas, decoded. */
function formulas(xml: string): string[] {
  return [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => decode(m[1]));
}

/** The <c:ser> elements, in order. */
function seriesOf(xml: string): string[] {
  return [...xml.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => m[0]);
}

function numCache(ser: string): { ptCount: number; pts: Map<number, number> } {
  const m = /<c:numCache>([\s\S]*?)<\/c:numCache>/.exec(ser);
  if (!m) throw new Error("no numCache");
  const ptCount = Number(/<c:ptCount val="(\d+)"\/>/.exec(m[1])![1]);
  const pts = new Map<number, number>();
  for (const p of m[1].matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) pts.set(Number(p[1]), Number(p[2]));
  return { ptCount, pts };
}

function catCache(ser: string): { ptCount: number; pts: Map<number, string> } {
  const cat = /<c:cat>([\s\S]*?)<\/c:cat>/.exec(ser)![1];
  const ptCount = Number(/<c:ptCount val="(\d+)"\/>/.exec(cat)![1]);
  const pts = new Map<number, string>();
  for (const p of cat.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) pts.set(Number(p[1]), decode(p[2]));
  return { ptCount, pts };
}

/** The element `<tag>…</tag>` (first, or all) as text. */
function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, "g"))].map((m) => m[0]);
}

// ------------------------------------------------------------------------------------------
// Fixture: a block at row 2 (0-based) with a title → header on row 3, data from row 4 (Excel rows 4 and 5).

function fixture(name = "ABC analysis"): SheetPatch {
  return {
    name,
    blocks: [
      {
        id: "abc",
        at: { row: 2, col: 0 },
        title: "ABC analysis",
        columns: [
          { key: "customer", header: "Customer" },
          { key: "revenue", header: "Revenue" },
          { key: "cum", header: "Cumulative %", format: "percent" },
          { key: "orders", header: "Orders" },
        ],
        rows: [
          ["Acme & Co", 500, { formula: "SUM($B$5:B5)/SUM($B$5:$B$9)", result: 0.5 }, 12],
          ["Beta <GmbH>", 300, { formula: "SUM($B$5:B6)/SUM($B$5:$B$9)", result: 0.8 }, "n/a"],
          ['Gamma "AG"', 100, { formula: "SUM($B$5:B7)/SUM($B$5:$B$9)", result: 0.9 }, null],
          ["客户四", 60, { formula: "SUM($B$5:B8)/SUM($B$5:$B$9)", result: 0.96 }, true],
          ["Zeta", 40, { formula: "SUM($B$5:B9)/SUM($B$5:$B$9)", result: 1 }, 3],
        ],
      },
      {
        id: "funnel",
        at: { row: 0, col: 6 },
        columns: [
          { key: "stage", header: "Stage" },
          { key: "count", header: "Count" },
        ],
        rows: [
          ["Leads", 120],
          ["Qualified", 80],
          ["Won", 20],
        ],
      },
    ],
    charts: [],
  };
}

const CAT = { block: "abc", column: "customer" };
const REVENUE = { block: "abc", column: "revenue" };

function chart(type: ChartType, extra: Partial<ChartSpec> = {}): ChartSpec {
  return {
    id: `c-${type}`,
    type,
    title: `Chart ${type}`,
    categories: CAT,
    series: [{ name: "Revenue", values: REVENUE }],
    at: { row: 10, col: 0 },
    size: { cols: 8, rows: 15 },
    ...extra,
  };
}

const pareto = (): ChartSpec =>
  chart("columnLine", {
    title: "Pareto",
    secondaryPercent: true,
    series: [
      { name: "Revenue", values: REVENUE },
      { name: "Cumulative %", values: { block: "abc", column: "cum" }, as: "line", secondaryAxis: true },
    ],
  });

const ALL_TYPES: ChartType[] = ["column", "bar", "stackedBar", "line", "pie", "doughnut", "columnLine", "funnel"];

function specFor(type: ChartType): ChartSpec {
  return type === "columnLine" ? pareto() : chart(type);
}

// ------------------------------------------------------------------------------------------

describe("chartPartXml: every chart type", () => {
  test.each(ALL_TYPES)("%s is a well-formed, complete chart part", (type) => {
    const xml = chartPartXml(fixture(), specFor(type), "ABC analysis");
    expectWellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
    expect(xml).toContain('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"');
    expect(xml).toContain('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"');
    expect(xml).toContain('xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"');
    expect(xml).toContain('<c:date1904 val="0"/>');
    expect(xml).toContain('<c:roundedCorners val="0"/>');
    expect(xml).toContain("<c:title>");
    expect(xml).toContain("<c:plotArea>");
    expect(xml).toContain('<c:legend><c:legendPos val="b"/>');
    expect(xml).toContain('<c:plotVisOnly val="1"/>');
  });

  test.each(ALL_TYPES)("%s: axes have unique ids and every chart group points at defined axes", (type) => {
    const xml = chartPartXml(fixture(), specFor(type), "ABC analysis");
    const axes = [...elements(xml, "c:catAx"), ...elements(xml, "c:valAx")];
    const ids = axes.map((a) => /<c:axId val="(\d+)"\/>/.exec(a)![1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of axes) {
      const cross = /<c:crossAx val="(\d+)"\/>/.exec(a)![1];
      expect(ids).toContain(cross);
      expect(a).toMatch(/<c:axPos val="[bltr]"\/>/);
      expect(a).toMatch(/<c:numFmt formatCode="[^"]+" sourceLinked="[01]"\/>/);
    }
    for (const group of [...elements(xml, "c:barChart"), ...elements(xml, "c:lineChart")]) {
      const refs = [...group.matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
      expect(refs).toHaveLength(2);
      for (const r of refs) expect(ids).toContain(r);
    }
  });

  test("column: clustered vertical bars with both axes, gridlines on the value axis, labels off", () => {
    const xml = chartPartXml(fixture(), chart("column"), "ABC analysis");
    expect(count(xml, "<c:barChart>")).toBe(1);
    expect(xml).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(xml).not.toContain("<c:lineChart>");
    expect(count(xml, "<c:catAx>")).toBe(1);
    expect(count(xml, "<c:valAx>")).toBe(1);
    expect(elements(xml, "c:valAx")[0]).toContain("<c:majorGridlines>");
    expect(elements(xml, "c:catAx")[0]).toContain('<c:delete val="0"/>');
    expect(elements(xml, "c:valAx")[0]).toContain('<c:delete val="0"/>');
    expect(xml).toContain('<c:showVal val="0"/>');
    expect(xml).not.toContain('<c:showVal val="1"/>');
    expect(xml).toContain('<c:varyColors val="0"/>');
  });

  test("bar: horizontal, categories on the left", () => {
    const xml = chartPartXml(fixture(), chart("bar"), "ABC analysis");
    expect(xml).toContain('<c:barDir val="bar"/><c:grouping val="clustered"/>');
    expect(elements(xml, "c:catAx")[0]).toContain('<c:axPos val="l"/>');
    expect(elements(xml, "c:catAx")[0]).toContain('<c:orientation val="minMax"/>');
  });

  test("stackedBar: horizontal, stacked, overlap 100", () => {
    const xml = chartPartXml(fixture(), chart("stackedBar"), "ABC analysis");
    expect(xml).toContain('<c:barDir val="bar"/><c:grouping val="stacked"/>');
    expect(xml).toContain('<c:overlap val="100"/>');
  });

  test("line: a lineChart with markers on primary axes", () => {
    const xml = chartPartXml(fixture(), chart("line"), "ABC analysis");
    expect(count(xml, "<c:lineChart>")).toBe(1);
    expect(xml).not.toContain("<c:barChart>");
    expect(xml).toContain('<c:grouping val="standard"/>');
    expect(count(xml, "<c:catAx>")).toBe(1);
    expect(count(xml, "<c:valAx>")).toBe(1);
  });

  test("pie: varied colours, percentages shown, no axes", () => {
    const xml = chartPartXml(fixture(), chart("pie"), "ABC analysis");
    expect(xml).toContain('<c:pieChart><c:varyColors val="1"/>');
    expect(xml).not.toContain("<c:catAx>");
    expect(xml).not.toContain("<c:valAx>");
    expect(xml).toContain('<c:showPercent val="1"/>');
    expect(xml).toContain('<c:showVal val="0"/>');
    // One coloured data point per category, the palette in order.
    const ser = seriesOf(xml)[0];
    expect(count(ser, "<c:dPt>")).toBe(5);
    const fills = [...ser.matchAll(/<c:dPt><c:idx val="\d+"\/><c:bubble3D val="0"\/><c:spPr><a:solidFill><a:srgbClr val="([0-9A-F]{6})"\/>/g)].map((m) => m[1]);
    expect(fills).toEqual(CHART_PALETTE.slice(0, 5));
  });

  test("doughnut: hole 50 %, varied colours, no axes", () => {
    const xml = chartPartXml(fixture(), chart("doughnut", { title: "收入占比" }), "ABC analysis");
    expect(xml).toContain('<c:doughnutChart><c:varyColors val="1"/>');
    expect(xml).toContain('<c:holeSize val="50"/>');
    expect(xml).toContain('<c:showPercent val="1"/>');
    expect(xml).not.toContain("<c:catAx>");
    expect(xml).toContain("<a:t>收入占比</a:t>");
    expectWellFormed(xml);
  });

  test("funnel: drawn as a horizontal bar chart with the first stage on top", () => {
    const spec = chart("funnel", { categories: { block: "funnel", column: "stage" }, series: [{ name: "Count", values: { block: "funnel", column: "count" } }] });
    const xml = chartPartXml(fixture(), spec, "ABC analysis");
    expect(xml).not.toContain("<c:funnel");
    expect(xml).toContain('<c:barDir val="bar"/>');
    const cat = elements(xml, "c:catAx")[0];
    expect(cat).toContain('<c:orientation val="maxMin"/>');
    expect(cat).toContain('<c:axPos val="l"/>');
    // The value axis crosses at the last category, i.e. it stays at the bottom.
    expect(elements(xml, "c:valAx")[0]).toContain('<c:crosses val="max"/>');
    // Block at row 0, no title → header row 0, data rows 1..3 → Excel rows 2..4, columns G and H.
    expect(formulas(xml)).toEqual(["'ABC analysis'!$H$1", "'ABC analysis'!$G$2:$G$4", "'ABC analysis'!$H$2:$H$4"]);
  });

  test("funnel with a fallback renders the fallback", () => {
    const xml = chartPartXml(fixture(), chart("funnel", { fallback: "column" }), "ABC analysis");
    expect(xml).toContain('<c:barDir val="col"/>');
    expect(xml).not.toContain('val="maxMin"');
  });
});

describe("chartPartXml: columnLine (Pareto)", () => {
  const xml = chartPartXml(fixture(), pareto(), "ABC analysis");

  test("bars on the primary axes, the line on a secondary value axis", () => {
    expectWellFormed(xml);
    const bar = elements(xml, "c:barChart");
    const line = elements(xml, "c:lineChart");
    expect(bar).toHaveLength(1);
    expect(line).toHaveLength(1);
    expect(seriesOf(bar[0])).toHaveLength(1);
    expect(seriesOf(line[0])).toHaveLength(1);
    expect(bar[0]).toContain("<c:v>Revenue</c:v>");
    expect(line[0]).toContain("<c:v>Cumulative %</c:v>");
    // Series idx/order unique across both groups.
    expect([...xml.matchAll(/<c:ser><c:idx val="(\d+)"\/>/g)].map((m) => m[1])).toEqual(["0", "1"]);

    const valAxes = elements(xml, "c:valAx");
    const catAxes = elements(xml, "c:catAx");
    expect(valAxes).toHaveLength(2);
    expect(catAxes).toHaveLength(2);

    const idOf = (ax: string) => /<c:axId val="(\d+)"\/>/.exec(ax)![1];
    const lineAxes = [...line[0].matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
    const barAxes = [...bar[0].matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(lineAxes).not.toEqual(barAxes);
    const secondaryVal = valAxes.find((a) => idOf(a) === lineAxes[1])!;
    const secondaryCat = catAxes.find((a) => idOf(a) === lineAxes[0])!;
    const primaryVal = valAxes.find((a) => idOf(a) === barAxes[1])!;

    expect(secondaryVal).toContain('<c:axPos val="r"/>');
    expect(secondaryVal).toContain('<c:crosses val="max"/>');
    expect(secondaryVal).toContain('<c:max val="1"/>');
    expect(secondaryVal).toContain('<c:min val="0"/>');
    expect(secondaryVal).toContain('<c:numFmt formatCode="0%" sourceLinked="0"/>');
    expect(secondaryVal).toContain('<c:delete val="0"/>');
    expect(secondaryCat).toContain('<c:delete val="1"/>');
    expect(primaryVal).toContain("<c:majorGridlines>");
    expect(primaryVal).not.toContain("<c:max ");
  });

  test("without secondaryPercent the secondary axis scales freely", () => {
    const x = chartPartXml(fixture(), { ...pareto(), secondaryPercent: false }, "ABC analysis");
    expect(count(x, "<c:valAx>")).toBe(2);
    expect(x).not.toContain("<c:max ");
    expect(x).not.toContain('formatCode="0%"');
  });

  test("the cumulative series caches the formula results", () => {
    const line = elements(xml, "c:lineChart")[0];
    const { ptCount, pts } = numCache(seriesOf(line)[0]);
    expect(ptCount).toBe(5);
    expect([...pts.entries()]).toEqual([
      [0, 0.5],
      [1, 0.8],
      [2, 0.9],
      [3, 0.96],
      [4, 1],
    ]);
  });
});

describe("chartPartXml: references and caches", () => {
  test("formulas follow the block layout (title row, header row, data)", () => {
    const xml = chartPartXml(fixture(), chart("column"), "ABC analysis");
    // Series name → header cell (row 3 → Excel 4), categories and values → data rows 4..8 → Excel 5..9.
    expect(formulas(xml)).toEqual(["'ABC analysis'!$B$4", "'ABC analysis'!$A$5:$A$9", "'ABC analysis'!$B$5:$B$9"]);
  });

  test("caches hold every category and every numeric value", () => {
    const ser = seriesOf(chartPartXml(fixture(), chart("column"), "ABC analysis"))[0];
    const cat = catCache(ser);
    expect(cat.ptCount).toBe(5);
    expect([...cat.pts.values()]).toEqual(["Acme & Co", "Beta <GmbH>", 'Gamma "AG"', "客户四", "Zeta"]);
    const val = numCache(ser);
    expect(ser).toContain("<c:formatCode>General</c:formatCode>");
    expect(val.ptCount).toBe(5);
    expect([...val.pts.entries()]).toEqual([
      [0, 500],
      [1, 300],
      [2, 100],
      [3, 60],
      [4, 40],
    ]);
    expect(ser).toContain("<c:strCache>");
  });

  test("non-numeric values (text, blank, boolean) are omitted points", () => {
    const spec = chart("column", { series: [{ name: "Orders", values: { block: "abc", column: "orders" } }] });
    const ser = seriesOf(chartPartXml(fixture(), spec, "ABC analysis"))[0];
    const val = numCache(ser);
    expect(val.ptCount).toBe(5);
    expect([...val.pts.entries()]).toEqual([
      [0, 12],
      [4, 3],
    ]);
  });

  test("a row range narrows formulas and caches alike", () => {
    const spec = chart("pie", { categories: { ...CAT, rows: [1, 3] }, series: [{ name: "Revenue", values: { ...REVENUE, rows: [1, 3] } }] });
    const xml = chartPartXml(fixture(), spec, "ABC analysis");
    expect(formulas(xml)).toEqual(["'ABC analysis'!$B$4", "'ABC analysis'!$A$6:$A$8", "'ABC analysis'!$B$6:$B$8"]);
    const ser = seriesOf(xml)[0];
    expect([...catCache(ser).pts.values()]).toEqual(["Beta <GmbH>", 'Gamma "AG"', "客户四"]);
    expect([...numCache(ser).pts.entries()]).toEqual([
      [0, 300],
      [1, 100],
      [2, 60],
    ]);
    expect(count(ser, "<c:dPt>")).toBe(3);
  });

  test("a series named differently from its header gets a literal name", () => {
    const spec = chart("column", { series: [{ name: "Umsatz & Co", values: REVENUE }] });
    const xml = chartPartXml(fixture(), spec, "ABC analysis");
    expect(xml).toContain("<c:tx><c:v>Umsatz &amp; Co</c:v></c:tx>");
    expect(formulas(xml)).toHaveLength(2);
  });

  test("a sheet name with apostrophes is quoted with doubled apostrophes", () => {
    const sheet = fixture("O'Brien's plan");
    const xml = chartPartXml(sheet, chart("column"), sheet.name);
    expectWellFormed(xml);
    expect(formulas(xml)).toEqual(["'O''Brien''s plan'!$B$4", "'O''Brien''s plan'!$A$5:$A$9", "'O''Brien''s plan'!$B$5:$B$9"]);
    expect(quoteSheetName("Plan")).toBe("'Plan'");
  });

  test("sheetNameForRefs is the name used in the formulas", () => {
    const xml = chartPartXml(fixture(), chart("column"), "Renamed <&>");
    expectWellFormed(xml);
    expect(formulas(xml)[2]).toBe("'Renamed <&>'!$B$5:$B$9");
  });

  test("series get distinct palette colours in order", () => {
    const spec = chart("column", {
      series: [
        { name: "Revenue", values: REVENUE },
        { name: "Orders", values: { block: "abc", column: "orders" } },
        { name: "Cum", values: { block: "abc", column: "cum" } },
      ],
    });
    const fills = seriesOf(chartPartXml(fixture(), spec, "ABC analysis")).map((s) => /<c:spPr><a:solidFill><a:srgbClr val="([0-9A-F]{6})"\/>/.exec(s)![1]);
    expect(fills).toEqual(["1F4E79", "ED7D31", "A5A5A5"]);
  });

  test("text is escaped, Chinese titles survive, control characters are dropped", () => {
    const spec = chart("bar", { title: 'A & B <C> "D" \u0001 销售漏斗' });
    const xml = chartPartXml(fixture(), spec, "ABC analysis");
    expectWellFormed(xml);
    expect(xml).toContain("<a:t>A &amp; B &lt;C&gt; &quot;D&quot;  销售漏斗</a:t>");
    expect(xml).toContain("<c:v>Acme &amp; Co</c:v>");
    expect(xml).toContain("<c:v>Beta &lt;GmbH&gt;</c:v>");
    expect(Buffer.from(xml, "utf8").toString("utf8")).toContain("销售漏斗");
  });

  test("unknown block or column is a programming error", () => {
    expect(() => chartPartXml(fixture(), chart("column", { categories: { block: "nope", column: "x" } }), "S")).toThrow(/no block/);
    expect(() => chartPartXml(fixture(), chart("column", { series: [{ name: "x", values: { block: "abc", column: "nope" } }] }), "S")).toThrow(/no column/);
  });
});

describe("helpers", () => {
  test("columnLetters", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
  test("xmlEscape", () => {
    expect(xmlEscape(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;");
  });
});

describe("drawingXml", () => {
  const xml = drawingXml([
    { chartRelId: "rId1", at: { row: 10, col: 0 }, size: { cols: 8, rows: 15 }, name: "Pareto <1>", id: 2 },
    { chartRelId: "rId2", at: { row: 10, col: 9 }, size: { cols: 6, rows: 15 }, name: "Pie", id: 3 },
  ]);

  test("is a well-formed wsDr with one anchor + graphic frame per chart", () => {
    expectWellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
    expect(xml).toContain('<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"');
    expect(count(xml, '<xdr:twoCellAnchor editAs="oneCell">')).toBe(2);
    expect(count(xml, "<xdr:graphicFrame ")).toBe(2);
    expect(count(xml, "<xdr:clientData/>")).toBe(2);
    expect(count(xml, '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">')).toBe(2);
    expect(xml).toMatch(/<c:chart [^>]*r:id="rId1"\/>/);
    expect(xml).toMatch(/<c:chart [^>]*r:id="rId2"\/>/);
    expect(xml).toContain('<xdr:cNvPr id="2" name="Pareto &lt;1&gt;"/>');
    expect(xml).toContain('<xdr:cNvPr id="3" name="Pie"/>');
  });

  test("anchors span the requested cells", () => {
    const first = xml.slice(xml.indexOf("<xdr:twoCellAnchor"), xml.indexOf("</xdr:twoCellAnchor>"));
    expect(first).toContain("<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>");
    expect(first).toContain("<xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>25</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>");
  });

  test("no charts → an empty, well-formed drawing", () => {
    const empty = drawingXml([]);
    expectWellFormed(empty);
    expect(empty).toContain("<xdr:wsDr");
  });
});
