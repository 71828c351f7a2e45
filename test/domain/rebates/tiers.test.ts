import { entitlement, nextTier, tierReached } from "../../../src/domain/rebates";
import { rule } from "./helpers";

describe("tier arithmetic (SPEC §5)", () => {
  it("graduated bands 0–100 at 10, 100–300 at 20, above 300 at 30: 3,800 units = 100×10 + 200×20 + 3,500×30 = 110,000 yuan", () => {
    const r = rule({ mode: "graduated", thresholds: [0, 100, 300], rates: [{ perUnit: 1000 }, { perUnit: 2000 }, { perUnit: 3000 }] });
    expect(entitlement(r, { qty: 3800, amount: 0 })).toBe((100 * 10 + 200 * 20 + 3500 * 30) * 100);
    expect(entitlement(r, { qty: 3800, amount: 0 })).toBe(11_000_000); // fen = 110,000.00 yuan
    // Inside the bands: 50 units = 500; 250 units = 1,000 + 150×20 = 4,000.
    expect(entitlement(r, { qty: 50, amount: 0 })).toBe(50_000);
    expect(entitlement(r, { qty: 250, amount: 0 })).toBe(400_000);
  });

  it("whole-volume at the same rates pays the highest tier reached on every unit: 3,800 × 30 = 114,000", () => {
    const r = rule({ mode: "wholeVolume", thresholds: [0, 100, 300], rates: [{ perUnit: 1000 }, { perUnit: 2000 }, { perUnit: 3000 }] });
    expect(entitlement(r, { qty: 3800, amount: 0 })).toBe(11_400_000);
    expect(entitlement(r, { qty: 299, amount: 0 })).toBe(299 * 2000);
  });

  it("SPEC whole-volume example on value: 2% from 5,000, 4% from 20,000", () => {
    const r = rule({ basis: "amount", thresholds: [500_000, 2_000_000], rates: [{ share: 0.02 }, { share: 0.04 }] });
    expect(entitlement(r, { qty: 0, amount: 300_000 })).toBe(0); // 3,000 → 0
    expect(entitlement(r, { qty: 0, amount: 700_000 })).toBe(14_000); // 7,000 → 140
    expect(entitlement(r, { qty: 0, amount: 2_700_000 })).toBe(108_000); // 27,000 → 1,080
    expect(entitlement(r, { qty: 0, amount: 500_000 })).toBe(10_000); // "reached or exceeded": exactly 5,000 → 100
  });

  it("rounds once, half-up to the fen: 1.5% of ¥3.33 = 4.995 fen → 5; 1.5% of ¥2.99 = 4.485 → 4; 0.1% of ¥5 = 0.5 → 1; 7% of ¥2.50 = 17.5 → 18", () => {
    const r = rule({ basis: "amount", thresholds: [0], rates: [{ share: 0.015 }] });
    expect(entitlement(r, { qty: 1, amount: 333 })).toBe(5);
    expect(entitlement(r, { qty: 1, amount: 299 })).toBe(4);
    // Exact decimals: in floats 0.07 × 250 = 17.500000000000004, which happens to round right; decimal.js does not rely on luck.
    expect(entitlement(rule({ basis: "amount", thresholds: [0], rates: [{ share: 0.001 }] }), { qty: 1, amount: 500 })).toBe(1);
    expect(entitlement(rule({ basis: "amount", thresholds: [0], rates: [{ share: 0.07 }] }), { qty: 1, amount: 250 })).toBe(18);
  });

  it("a tier from 0 needs a positive basis; a negative net basis earns nothing", () => {
    const r = rule({ thresholds: [0], rates: [{ perUnit: 3000 }] });
    expect(tierReached([0], 0)).toBe(-1);
    expect(tierReached([0], 1)).toBe(0);
    expect(entitlement(r, { qty: -5, amount: -1000 })).toBe(0);
    expect(entitlement(r, { qty: 3, amount: 0 })).toBe(9000);
  });

  it("a fixed tier pays its lump sum once reached", () => {
    const r = rule({ thresholds: [100], rates: [{ fixed: 500_000 }] });
    expect(entitlement(r, { qty: 99, amount: 0 })).toBe(0);
    expect(entitlement(r, { qty: 100, amount: 0 })).toBe(500_000);
    expect(entitlement(r, { qty: 900, amount: 0 })).toBe(500_000);
  });

  it("says how far the next tier is", () => {
    const r = rule({ model: "I9300", thresholds: [400, 1000], rates: [{ perUnit: 2600 }, { perUnit: 4300 }] });
    expect(nextTier(r, { qty: 880, amount: 0 })).toEqual({ index: 1, threshold: 1000, missing: 120 });
    expect(nextTier(r, { qty: 100, amount: 0 })).toEqual({ index: 0, threshold: 400, missing: 300 });
    expect(nextTier(r, { qty: 1000, amount: 0 })).toBeNull();
  });
});
