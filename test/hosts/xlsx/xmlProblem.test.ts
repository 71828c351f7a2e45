/**
 * The read-back check's well-formedness scan (verify.ts xmlProblem) against the scan it replaced
 * (xmlProblemOracle.ts): the same verdict, message included, on well-formed parts, on parts with
 * one byte removed, doubled or replaced, and on free mixtures of markup pieces.
 */
import fc from "fast-check";
import { strToU8 } from "fflate";
import { xmlProblem } from "../../../src/hosts/xlsx/verify";
import { xmlProblemByIndexOf } from "./xmlProblemOracle";

type Tree = { name: string; attrs: [string, string][]; kids: (Tree | string)[] } | string;

const name = fc.constantFrom("c", "row", "x:t", "is", "sheetData", "a1");
const attrValue = fc.constantFrom("1", "A1", "inlineStr", "", "a b", "&amp;", "é");
const text = fc.constantFrom("12", "合计", " ", "a&lt;b", "\n  ", "");
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.record({ name, attrs: fc.array(fc.tuple(fc.constantFrom("r", "s", "t", "xml:space"), attrValue), { maxLength: 3 }), kids: fc.array(tie("node"), { maxLength: 4 }) }),
  ),
})).node;

function xml(t: Tree, quote: string): string {
  if (typeof t === "string") return t;
  const attrs = t.attrs.map(([k, v]) => ` ${k}=${quote}${v}${quote}`).join("");
  return t.kids.length ? `<${t.name}${attrs}>${t.kids.map((k) => xml(k, quote)).join("")}</${t.name} >` : `<${t.name}${attrs}/>`;
}

const part = fc.record({
  decl: fc.constantFrom("", '<?xml version="1.0" encoding="UTF-8"?>\n', "\ufeff"),
  root: tree.filter((t) => typeof t !== "string"),
  quote: fc.constantFrom('"', "'"),
  tail: fc.constantFrom("", "\n", "<!-- end -->", "<![CDATA[x]]>", "x"),
}).map((p) => p.decl + xml(p.root, p.quote) + p.tail);

const same = (s: string | Uint8Array) => {
  const bytes = typeof s === "string" ? strToU8(s) : s;
  expect(xmlProblem(bytes)).toBe(xmlProblemByIndexOf(bytes));
};

describe("xmlProblem equals the indexOf scan it replaced", () => {
  test("on generated parts", () => {
    fc.assert(fc.property(part, (s) => same(s)), { numRuns: 2000 });
  });

  test("on generated parts with one byte removed, doubled or replaced", () => {
    const edit = fc.tuple(part, fc.nat(), fc.constantFrom("drop", "double", "<", ">", '"', "'", "/", "=", "!", "?", "-", "]", " ", "\t", "\n", "\r"));
    fc.assert(
      fc.property(edit, ([s, at, how]) => {
        const b = strToU8(s);
        const k = at % b.length;
        const out = how === "drop" ? [...b.subarray(0, k), ...b.subarray(k + 1)] : how === "double" ? [...b.subarray(0, k + 1), ...b.subarray(k)] : [...b.subarray(0, k), how.charCodeAt(0), ...b.subarray(k + 1)];
        same(new Uint8Array(out));
      }),
      { numRuns: 4000 },
    );
  });

  test("on free mixtures of markup pieces", () => {
    const piece = fc.constantFrom("<a>", "</a>", "<b x='1'>", "</b >", "<c/>", "t", " ", "<", ">", '"', "'", "=", "<?xml?>", "<!--c-->", "<![CDATA[<]]>", "<!DOCTYPE a>", "/", "<a x=\"<\">", "<a x=\"1", "?>", "-->", "]]>", "\n", "</a\t>", "</a\r\n>", "<a\tx='1'\n/>");
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (ps) => same(ps.join(""))), { numRuns: 4000 });
  });

  test("UTF-16 parts are checked as the UTF-8 they decode to", () => {
    const le = new Uint8Array([0xff, 0xfe, ...[..."<a><b/></a>"].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(xmlProblem(le)).toBeNull();
    const bad = new Uint8Array([0xff, 0xfe, ...[..."<a><b></a>"].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(xmlProblem(bad)).toMatch(/does not match/);
  });

  test("deep nesting grows the stack of open elements", () => {
    const deep = "<e>".repeat(300) + "</e>".repeat(300);
    expect(xmlProblem(strToU8(deep))).toBeNull();
    expect(xmlProblem(strToU8(deep.slice(0, -4)))).toMatch(/not closed/);
  });
});
