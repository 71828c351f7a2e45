/**
 * The Excel host sizes every cell it queues as the JSON it travels as (chunks.ts): counted in
 * one pass over the string, it must equal the UTF-8 length of JSON.stringify, escapes, lone
 * surrogates and characters outside the BMP included.
 */
import fc from "fast-check";
import { cellJsonBytes, jsonStringBytes } from "../../../src/hosts/excel/chunks";

const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 24 }).map((a) => String.fromCharCode(...a));
const mixed = fc.array(fc.constantFrom("a", '"', "\\", "\n", "\t", "\u0001", "\u001f", "\u007f", "é", "核", "\ud83d\ude00", "\ud800", "\udc00", " ", "\u2028"), { maxLength: 20 }).map((a) => a.join(""));

describe("JSON bytes of a cell", () => {
  test("a string: the UTF-8 length of JSON.stringify, for any UTF-16 code units", () => {
    fc.assert(
      fc.property(fc.oneof(units, mixed, fc.string({ unit: "grapheme", maxLength: 12 })), (s) => {
        expect(jsonStringBytes(s)).toBe(Buffer.byteLength(JSON.stringify(s), "utf8"));
      }),
      { numRuns: 3000 },
    );
  });

  test("numbers, booleans, empties and formulas as they travel", () => {
    for (const v of [0, -1.5, 1e21, 123456789.125, true, false, null, "合计", { formula: "SUM(A1:A2)" }])
      expect([v, cellJsonBytes(v)]).toEqual([v, Buffer.byteLength(JSON.stringify(v), "utf8")]);
    expect(cellJsonBytes(undefined)).toBe(4);
    expect(cellJsonBytes(Number.NaN)).toBe(4);
  });
});
