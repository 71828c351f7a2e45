/**
 * The byte-level writer (byteSink.ts, cellPlan.ts): cell text, numbers and cells written as
 * bytes mean what the string helpers of xml.ts and the previous per-cell XML meant; rectangles
 * combine as before (later cells win, also empty ones; side by side; rows out of order; more
 * rows than one layout chunk); and what is written reads back through the reader.
 */
import fc from "fast-check";
import { ByteSink } from "../../../src/hosts/xlsx/byteSink";
import { CellPlan, CellXmlWriter, blockSource, rectSource } from "../../../src/hosts/xlsx/cellPlan";
import { StyleBook } from "../../../src/hosts/xlsx/styles";
import { decodeText, decodeUtf8, encodeUtf8, escapeCellText } from "../../../src/hosts/xlsx/xml";
import { layoutBlock, type CellRect } from "../../../src/report/layout";
import { fromBase64, toBase64 } from "../../../src/report/ownership";
import type { Block, PatchValue } from "../../../src/report/patch";
import { cellAddress } from "../../../src/sheets/grid";

/** What TextEncoder makes of a string: lone surrogates become U+FFFD. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function textOf(write: (sink: ByteSink) => void): string {
  const sink = new ByteSink(4); // tiny: every write has to grow it
  write(sink);
  return decodeUtf8(sink.bytes());
}

/** Strings rich in what needs escaping: markup, controls, _xHHHH_, CJK, astral and lone surrogates. */
const awkward = fc
  .array(
    fc.oneof(
      fc.constantFrom("&", "<", ">", '"', "_x", "_x0041_", "_x0041_x0042_", "_x00", "\r", "\n", "\t", " ", "\u0000", "\u0001", "\u001f", "\ufffe", "\uffff", "\ud83d\ude00", "\ud800", "\udc00", "核心客户", "é", "_"),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(""));

describe("ByteSink", () => {
  test("cellText reads back as the text (entities and _xHHHH_ escapes undone)", () => {
    fc.assert(
      fc.property(awkward, (s) => {
        const out = textOf((k) => k.cellText(s));
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
        expect(decodeText(out)).toBe(wellFormed(s));
      }),
      { numRuns: 10000 },
    );
  }, 30000);

  test("cellText writes the bytes escapeCellText + UTF-8 write, except where that could not be read back", () => {
    fc.assert(
      fc.property(awkward, (s) => {
        // eslint-disable-next-line no-control-regex
        fc.pre(!/_x[0-9A-Fa-f]{4}_x[0-9A-Fa-f]{4}_|_x[0-9A-Fa-f]{4}[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/.test(s));
        expect(textOf((k) => k.cellText(s))).toBe(decodeUtf8(encodeUtf8(escapeCellText(s))));
      }),
      { numRuns: 3000 },
    );
    // The regex protected only the first of two escapes sharing an underscore; a reader then
    // turned the second one into a character.
    expect(decodeText(escapeCellText("_x0041_x0042_"))).toBe("_x0041B");
    expect(textOf((k) => k.cellText("_x0041_x0042_"))).toBe("_x005F_x0041_x005F_x0042_");
    expect(decodeText(textOf((k) => k.cellText("_x0041_x0042_")))).toBe("_x0041_x0042_");
    // An escape written for a character must not complete a literal "_xHHHH" before it.
    expect(decodeText(escapeCellText("_x0000\uffff"))).toBe("\u0000xFFFF_");
    expect(textOf((k) => k.cellText("_x0000\uffff"))).toBe("_x005F_x0000_xFFFF_");
    expect(decodeText(textOf((k) => k.cellText("_x1234\r_x")))).toBe("_x1234\r_x");
  }, 30000);

  test("long text without anything to escape takes the native encoder and sets no line-break flag", () => {
    const sink = new ByteSink(4);
    const b64 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo+/=".repeat(50) + "中文";
    sink.cellText(b64);
    expect(decodeUtf8(sink.bytes())).toBe(b64);
    expect(sink.sawBreak).toBe(false);
    sink.reset();
    sink.cellText("a\n" + "b".repeat(40));
    expect(sink.sawBreak).toBe(true);
  });

  test("number writes what String(n) writes (-0 as 0)", () => {
    const decimals = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 8 })).map(([m, d]) => m / 10 ** d);
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), decimals, fc.integer()), (n) => {
        expect(textOf((k) => k.number(n))).toBe(Object.is(n, -0) ? "0" : String(n));
      }),
      { numRuns: 10000 },
    );
    for (const n of [0.1 + 0.2, 1e-6, 9.99e-7, 999999999.999999, 1e9, 0.000017, 5e-324, 1e21, -1e-7, 123456789.123456]) {
      expect(textOf((k) => k.number(n))).toBe(String(n));
    }
  }, 30000);

  test("utf8 and uint", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        expect(textOf((k) => k.utf8(s))).toBe(s);
      }),
    );
    for (const n of [0, 7, 10, 99, 1048576, 2 ** 53 - 1]) expect(textOf((k) => k.uint(n))).toBe(String(n));
  }, 30000);
});

describe("registry base64", () => {
  test("toBase64 / fromBase64 agree with btoa / atob", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const bin = String.fromCharCode(...bytes);
        expect(toBase64(bytes)).toBe(btoa(bin));
        expect(Array.from(fromBase64(btoa(bin)))).toEqual(Array.from(bytes));
      }),
    );
    expect(() => fromBase64("QU=JD")).toThrow();
    expect(Array.from(fromBase64("QU JD\nRA=="))).toEqual([65, 66, 67, 68]);
  }, 30000);
});

// ---------------------------------------------------------------------------------------------
// Cells

describe("CellXmlWriter", () => {
  const cell = (prefix: string, v: PatchValue | undefined, xf: number, col = 27, row = 41) =>
    textOf((sink) => {
      const w = new CellXmlWriter(prefix);
      w.setRow(row);
      w.cell(sink, col, v, xf);
    });

  test("each kind of value, with and without a style", () => {
    expect(cell("", "A", 6)).toBe('<c r="AB42" s="6" t="inlineStr"><is><t>A</t></is></c>');
    expect(cell("", "=SUM(A1)", 0)).toBe('<c r="AB42" t="inlineStr"><is><t>=SUM(A1)</t></is></c>');
    expect(cell("", 0.718268, 4)).toBe('<c r="AB42" s="4"><v>0.718268</v></c>');
    expect(cell("", -0, 0)).toBe('<c r="AB42"><v>0</v></c>');
    expect(cell("", true, 0)).toBe('<c r="AB42" t="b"><v>1</v></c>');
    expect(cell("", null, 3)).toBe('<c r="AB42" s="3"/>');
    expect(cell("", "", 0)).toBe("");
    expect(cell("", Number.NaN, 0)).toBe("");
    expect(cell("", { formula: "=B1*2", result: 4 }, 0)).toBe('<c r="AB42"><f>B1*2</f><v>4</v></c>');
    expect(cell("", { formula: 'IF(A1>0,"a&b","")', result: "a&b" }, 2)).toBe('<c r="AB42" s="2" t="str"><f>IF(A1&gt;0,"a&amp;b","")</f><v>a&amp;b</v></c>');
    expect(cell("", { formula: "NOW()" }, 0)).toBe('<c r="AB42"><f>NOW()</f></c>');
    expect(cell("x:", "t", 1, 0, 0)).toBe('<x:c r="A1" s="1" t="inlineStr"><x:is><x:t>t</x:t></x:is></x:c>');
  });

  test("xml:space=\"preserve\" only where white space could be lost, moved in after the text", () => {
    expect(cell("", " lead", 0)).toBe('<c r="AB42" t="inlineStr"><is><t xml:space="preserve"> lead</t></is></c>');
    expect(cell("", "trail\t", 0)).toBe('<c r="AB42" t="inlineStr"><is><t xml:space="preserve">trail\t</t></is></c>');
    expect(cell("x:", "two\nlines 中文 " + "x".repeat(40), 5)).toBe(
      `<x:c r="AB42" s="5" t="inlineStr"><x:is><x:t xml:space="preserve">two\nlines 中文 ${"x".repeat(40)}</x:t></x:is></x:c>`,
    );
    expect(cell("", "in  between", 0)).toBe('<c r="AB42" t="inlineStr"><is><t>in  between</t></is></c>');
  });
});

interface Placement {
  rect: CellRect;
  rowAt?: (i: number) => number;
}

/** What the previous CellGrid kept: later writes win, an empty unstyled cell deletes. */
function reference(placements: Placement[]): Map<string, { v: PatchValue; xf: number }> {
  const styles = new StyleBook(null);
  const out = new Map<string, { v: PatchValue; xf: number }>();
  for (const { rect, rowAt } of placements)
    rect.values.forEach((vals, i) =>
      vals.forEach((v, j) => {
        const xf = styles.xf(rect.formats[i][j], rect.styles[i][j]);
        const key = cellAddress(rowAt ? rowAt(i) : rect.top + i, rect.left + j);
        const empty = v === null || v === undefined || v === "" || (typeof v === "number" && !Number.isFinite(v));
        if (empty && !xf) out.delete(key);
        else out.set(key, { v, xf });
      }),
    );
  return out;
}

/** The cells of <row> elements written by CellPlan.writeRows, checking row and column order. */
function parseRows(xml: string): Map<string, { text: string; xf: number }> {
  const out = new Map<string, { text: string; xf: number }>();
  let lastRow = 0;
  for (const row of xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)) {
    const r = Number(row[1]);
    expect(r).toBeGreaterThan(lastRow);
    lastRow = r;
    let lastCol = -1;
    for (const c of row[2].matchAll(/<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="\w+")?(?:\/>|>(.*?)<\/c>)/g)) {
      expect(Number(c[2])).toBe(r);
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      expect(col).toBeGreaterThan(lastCol);
      lastCol = col;
      out.set(c[1] + c[2], { text: c[4] ?? "", xf: Number(c[3] ?? 0) });
    }
  }
  return out;
}

function expectedText(v: PatchValue): string {
  if (v === null || v === "" || (typeof v === "number" && !Number.isFinite(v))) return "";
  if (typeof v === "string") return `<is><t>${escapeCellText(v)}</t></is>`.replace("<t> ", '<t xml:space="preserve"> ');
  if (typeof v === "number") return `<v>${String(v)}</v>`;
  if (typeof v === "boolean") return `<v>${v ? 1 : 0}</v>`;
  return `<f>${v.formula}</f><v>${String(v.result)}</v>`;
}

const value: fc.Arbitrary<PatchValue> = fc.oneof(
  fc.constant(null),
  fc.constantFrom("A", "核心客户", "=1+1", "", "x & y"),
  fc.integer({ min: -5, max: 1000 }),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.boolean(),
);

describe("CellPlan", () => {
  const fmt = fc.constantFrom("General", "0.00", "@", "0%");
  const style = fc.constantFrom(undefined, { bold: true }, { fill: "#FF0000" });
  const rectArb = fc.record({
    top: fc.nat(6),
    left: fc.nat(5),
    cells: fc.array(fc.array(fc.tuple(value, fmt, style), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
    shuffle: fc.boolean(),
  });

  test("rectangles in any arrangement are written as the previous CellGrid kept them", () => {
    fc.assert(
      fc.property(fc.array(rectArb, { minLength: 1, maxLength: 5 }), (rects) => {
        const placements: Placement[] = rects.map((r) => {
          const rect: CellRect = {
            top: r.top,
            left: r.left,
            values: r.cells.map((row) => row.map((c) => c[0])),
            formats: r.cells.map((row) => row.map((c) => c[1])),
            styles: r.cells.map((row) => row.map((c) => c[2])),
          };
          // Rows out of order, as a ColumnsPatch's rows may be.
          const n = rect.values.length;
          return r.shuffle ? { rect, rowAt: (i: number) => r.top + (n - 1 - i) } : { rect };
        });
        const plan = new CellPlan(new StyleBook(null));
        for (const p of placements) plan.rect(p.rect, p.rowAt);
        const got = parseRows(textOf((sink) => plan.writeRows(sink, new CellXmlWriter(""))));
        const want = reference(placements);
        expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
        for (const [k, w] of want) {
          expect(got.get(k)!.xf).toBe(w.xf);
          expect(got.get(k)!.text).toBe(expectedText(w.v));
        }
        const range = plan.writtenRange();
        if (want.size === 0) expect(range).toBeNull();
        else expect(plan.dimension()).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?$/);
      }),
      { numRuns: 400 },
    );
  }, 30000);

  test("a block of more rows than one layout chunk: rows, row styles and formats as layoutBlock lays them out", () => {
    const rows: PatchValue[][] = Array.from({ length: 1300 }, (_, r) => [`C${r}`, r % 7 === 0 ? null : r / 4, r % 3 === 0 ? "x" : r]);
    const block: Block = {
      id: "big",
      at: { row: 2, col: 1 },
      title: "Big",
      columns: [
        { key: "id", header: "ID" },
        { key: "v", header: "Value", format: "money" },
        { key: "m", header: "Mixed", format: "integer", style: { italic: true } },
      ],
      rows,
      // Row styles on both sides of the chunk boundaries (512 and 1024 rows of the layout).
      rowStyles: { 0: { bold: true }, 510: { bold: true }, 511: { fill: "#FFEEDD" }, 1023: { bold: true }, 1299: { bold: true } },
    };
    const plan = new CellPlan(new StyleBook(null));
    plan.add(blockSource(block));
    const got = parseRows(textOf((sink) => plan.writeRows(sink, new CellXmlWriter(""))));
    const want = reference([{ rect: layoutBlock(block) }]);
    expect(got.size).toBe(want.size);
    for (const [k, w] of want) {
      expect(got.get(k)?.xf).toBe(w.xf);
      expect(got.get(k)?.text).toBe(expectedText(w.v));
    }
    expect(plan.dimension()).toBe("B4:D1304");
  });

  test("blocks without overrides (styles from columns, no layout pass) are written as layoutBlock lays them out", () => {
    const colArb = fc.record({ format: fc.constantFrom(undefined, "money", "percent", "text", "date"), style: fc.constantFrom(undefined, { bold: true }, { fill: "#00FF00" }) });
    fc.assert(
      fc.property(
        fc.array(colArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(value, { maxLength: 5 }), { maxLength: 700 }),
        fc.boolean(),
        (cols, rows, headerless) => {
          const block: Block = { id: "u", at: { row: 1, col: 2 }, headerless, columns: cols.map((c, k) => ({ key: `k${k}`, header: `H${k}`, ...c })), rows };
          const src = blockSource(block);
          expect(src.uniform).toBeDefined();
          const plan = new CellPlan(new StyleBook(null));
          plan.add(src);
          const got = parseRows(textOf((sink) => plan.writeRows(sink, new CellXmlWriter(""))));
          const want = reference([{ rect: layoutBlock(block) }]);
          expect(got.size).toBe(want.size);
          for (const [k, w] of want) expect(got.get(k)).toEqual({ text: expectedText(w.v), xf: w.xf });
        },
      ),
      { numRuns: 150 },
    );
  }, 30000);

  test("a big block whose rows go to the sheet in reverse order (a ColumnsPatch's rows need not be sorted)", () => {
    const n = 1200;
    const block: Block = { id: "rev", at: { row: 0, col: 3 }, columns: [{ key: "a", header: "A" }, { key: "b", header: "B", format: "percent" }], rows: Array.from({ length: n }, (_, r) => [`r${r}`, r / n]) };
    const rowAt = (i: number) => (i === 0 ? 0 : n + 1 - i);
    const plan = new CellPlan(new StyleBook(null));
    plan.add(blockSource(block, rowAt));
    const got = parseRows(textOf((sink) => plan.writeRows(sink, new CellXmlWriter(""))));
    const want = reference([{ rect: layoutBlock(block), rowAt }]);
    expect(got.size).toBe(want.size);
    for (const [k, w] of want) expect(got.get(k)).toEqual({ text: expectedText(w.v), xf: w.xf });
    expect(got.get("D2")!.text).toContain(`r${n - 1}`);
  });

  test("values(from, to) of a block source are layoutBlock's values", () => {
    const block: Block = { id: "b", at: { row: 0, col: 0 }, columns: [{ key: "a", header: "A" }, { key: "b", header: "B" }], rows: Array.from({ length: 1100 }, (_, r) => (r % 5 ? [r, `t${r}`] : [r])) };
    const src = blockSource(block);
    const all = layoutBlock(block).values;
    for (const [from, to] of [[0, 512], [512, 1024], [1024, 1101], [0, 1101]]) {
      const vals = src.values!(from, to);
      expect(vals.length).toBe(to - from);
      vals.forEach((row, k) => all[from + k].forEach((v, j) => expect(row[j] ?? null).toBe(v)));
    }
    expect(rectSource(layoutBlock(block)).layout(3, 5).values).toEqual(all.slice(3, 5));
  });
});
