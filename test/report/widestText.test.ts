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

  it("a hand case: the largest and the most negative amounts decide", () => {
    const w = new WidestText();
    for (const v of [5, -1234.5, 999_999.995, 12]) w.add(v, "#,##0.00");
    // "1,000,000.00" (rounding carries into a new group) is 12 characters; "-1,234.50" is 9.
    expect(w.result()).toBe(12);
  });
});
