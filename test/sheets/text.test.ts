/** Text cells (src/sheets/values.ts): parseText and isBlank agree with trim() on any text, padded with any space it removes. */
import fc from "fast-check";
import { isBlank, parseText } from "../../src/sheets/values";

describe("parseText and isBlank", () => {
  // Every character trim() removes, around text of any script.
  const SPACES = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
  const pad = fc.string({ unit: fc.constantFrom(...SPACES), maxLength: 3 });
  const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.constantFrom("C000123", "上海商贸", "提货", "x", ""));

  it("equal trim(), with null for blank text, whatever the padding", () => {
    fc.assert(
      fc.property(pad, text, pad, (a, t, b) => {
        const s = a + t + b;
        expect(parseText(s)).toBe(s.trim() === "" ? null : s.trim());
        expect(isBlank(s)).toBe(s.trim() === "");
      }),
      { numRuns: 3000 },
    );
  });

  it("hand cases: ids, names and models come back as the same string; padding and blanks as trim() says", () => {
    const id = "C000123";
    expect(parseText(id)).toBe(id);
    expect(parseText("上海商贸有限公司")).toBe("上海商贸有限公司");
    expect(parseText("\u3000上海商贸 ")).toBe("上海商贸");
    expect(parseText("上海\u3000")).toBe("上海");
    expect([parseText(""), parseText(" \u3000\ufeff"), parseText(null), parseText(12)]).toEqual([null, null, null, "12"]);
    expect([isBlank("上海"), isBlank("\u00a0"), isBlank(""), isBlank(0)]).toEqual([false, true, true, false]);
  });
});
