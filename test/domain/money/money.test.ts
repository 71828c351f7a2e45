/** Money in integer fen (src/domain/money.ts): toMoney's fast path against its exact definition. */
import fc from "fast-check";
import { toMoney } from "../../../src/domain/money";

/** The definition: remove binary noise with toPrecision(15), then round half away from zero. */
function reference(yuan: number): number {
  const scaled = Number((yuan * 100).toPrecision(15));
  return Math.sign(scaled) * Math.round(Math.abs(scaled));
}

describe("toMoney", () => {
  it("hand-computed: binary noise, halves, negatives, zero", () => {
    expect(toMoney(1.005)).toBe(101); // 1.005 × 100 = 100.49999999999999 in binary
    expect(toMoney(0.1 + 0.2)).toBe(30);
    expect(toMoney(-2.675)).toBe(-268);
    expect(toMoney(19.99)).toBe(1999);
    expect(toMoney(0.005)).toBe(1);
    expect(Object.is(toMoney(0), 0)).toBe(true);
    expect(toMoney(123456789.12)).toBe(12345678912);
  });

  it("equals the definition on cents, sub-cent values, large and tiny amounts", () => {
    const cents = fc.integer({ min: -99_999_999_99, max: 99_999_999_99 }).map((c) => c / 100);
    const mills = fc.integer({ min: -9_999_999_999, max: 9_999_999_999 }).map((c) => c / 1000);
    const any = fc.double({ min: -1e12, max: 1e12, noNaN: true });
    const tiny = fc.double({ min: -1e-3, max: 1e-3, noNaN: true });
    fc.assert(
      fc.property(fc.oneof(cents, mills, any, tiny), (x) => {
        expect(Object.is(toMoney(x), reference(x))).toBe(true);
      }),
      { numRuns: 200_000 },
    );
  });
});
