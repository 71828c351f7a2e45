/** WidestText formats only each format's extreme numbers: it must agree with measuring every cell. */
import fc from "fast-check";
import { FORMAT_CODES } from "../../src/report/patch";
import { WidestText, displayWidth, formattedText } from "../../src/report/table/text";

const CODES = Object.values(FORMAT_CODES);

describe("WidestText", () => {
  it("equals the widest of every cell formatted one by one", () => {
    const cell = fc.oneof(
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100),
      // General integers are measured without their text: all sizes around the 11-character cut.
      fc.integer({ min: -2e11, max: 2e11 }),
      fc.constantFrom(9_999_999_999, -9_999_999_999, 10_000_000_000, -10_000_000_000, 99_999_999_999, -0, 0),
      fc.string(),
      fc.constant(null),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, fc.constantFrom(...CODES)), { maxLength: 40 }), (cells) => {
        const widest = new WidestText();
        let expected = 0;
        for (const [v, code] of cells) {
          widest.add(v, code);
          expected = Math.max(expected, displayWidth(formattedText(v, code)));
        }
        expect(widest.result()).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("displayWidth counts characters, CJK and astral CJK double, as iterating code points does", () => {
    const byCodePoint = (s: string) => [...s].reduce((w, ch) => {
      const c = ch.codePointAt(0)!;
      const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000;
      return w + (wide ? 2 : 1);
    }, 0);
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), (s) => expect(displayWidth(s)).toBe(byCodePoint(s))), { numRuns: 2000 });
    expect(displayWidth("上海商贸 Ltd")).toBe(12);
    expect(displayWidth("𠀀a")).toBe(3);
    expect(displayWidth("\ud800")).toBe(1); // a lone surrogate is one narrow character
  });

  it("a hand case: the largest and the most negative amounts decide", () => {
    const w = new WidestText();
    for (const v of [5, -1234.5, 999_999.995, 12]) w.add(v, "#,##0.00");
    // "1,000,000.00" (rounding carries into a new group) is 12 characters; "-1,234.50" is 9.
    expect(w.result()).toBe(12);
  });
});
