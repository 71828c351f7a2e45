/** numberTextLength must equal String(v).length for every number, without making the text. */
import fc from "fast-check";
import { numberTextLength } from "../../src/report/numberText";

const same = (v: number) => expect(numberTextLength(v)).toBe(String(v).length);

describe("numberTextLength", () => {
  test("hand-picked values: counts, money, ratios, edges of the decimal and exponent forms", () => {
    for (const v of [0, -0, 1, -1, 9, 10, 99, 100, 12345, -98765, 0.5, 0.05, 12.34, 12.3, 1234.56, -0.01, 0.1 + 0.2, 1 / 3, 2 / 3, 0.125, 1e-6, 1e-7, 5e-7, 123456.789012, 999999999999999, 1e15, 1e16, 1e21, 1.5e300, 2 ** 53, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, NaN, Infinity, -Infinity, 0.30000000000000004, 1.005, 99.995]) {
      same(v);
    }
  });

  test("whole numbers and decimals with up to six places (what the reports hold)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (n, d) => same(n / 10 ** d)),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }), (n, d) => same(Number(n) / 10 ** d)),
      { numRuns: 20_000 },
    );
  });

  test("any double", () => {
    fc.assert(fc.property(fc.double(), same), { numRuns: 20_000 });
    fc.assert(fc.property(fc.double({ min: -1e16, max: 1e16 }), same), { numRuns: 20_000 });
  });

  test("sums and products of money as the analyses make them", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e8, max: 1e8 }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (cents, rate) => {
        const sum = cents.reduce((s, c) => s + c / 100, 0);
        same(sum);
        same(sum * rate);
        same(Math.round(sum * rate * 100) / 100);
      }),
      { numRuns: 20_000 },
    );
  });
});
