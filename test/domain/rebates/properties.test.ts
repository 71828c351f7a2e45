/**
 * Properties of the rebate engine (fast-check):
 * - whole-volume entitlement never falls when volume rises (ascending rates);
 * - graduated never exceeds whole-volume at the same ascending rates;
 * - the monthly payments of an agreement period sum to its final entitlement, and the
 *   month's lines sum to the month's payment, to the fen.
 */
import fc from "fast-check";
import { dayFromYmd } from "../../../src/domain/calendar";
import type { RebateRate, RebateRule } from "../../../src/domain/model";
import { entitlement, settleRebates } from "../../../src/domain/rebates";
import { line, mon, rule } from "./helpers";

/** Ascending distinct thresholds (first may be 0) and ascending rates of one kind. */
const tiers = (basis: "quantity" | "amount") =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: basis === "quantity" ? 5_000 : 50_000_000 }), { minLength: 1, maxLength: 5 })
    .chain((ts) => {
      const thresholds = ts.slice().sort((a, b) => a - b);
      const rate = basis === "quantity" ? fc.integer({ min: 0, max: 20_000 }) : fc.integer({ min: 0, max: 1000 }); // fen per unit, or share in 0.01% steps
      return fc.array(rate, { minLength: thresholds.length, maxLength: thresholds.length }).map((rs) => {
        const sorted = rs.slice().sort((a, b) => a - b);
        const rates: RebateRate[] = sorted.map((x) => (basis === "quantity" ? { perUnit: x } : { share: x / 10_000 }));
        return { thresholds, rates };
      });
    });

const value = (basis: "quantity" | "amount") => fc.integer({ min: -1_000, max: basis === "quantity" ? 10_000 : 100_000_000 });
const acc = (basis: "quantity" | "amount", v: number) => (basis === "quantity" ? { qty: v, amount: v * 100_00 } : { qty: Math.round(v / 100_000), amount: v });

describe.each(["quantity", "amount"] as const)("rebate properties on a %s basis", (basis) => {
  it("whole-volume entitlement never falls when volume rises", () => {
    fc.assert(
      fc.property(tiers(basis), value(basis), fc.nat(basis === "quantity" ? 5_000 : 50_000_000), (t, v, up) => {
        const r = rule({ basis, mode: "wholeVolume", ...t });
        const a = acc(basis, v);
        const b = basis === "quantity" ? { qty: a.qty + up, amount: a.amount + up * 100_00 } : { qty: a.qty, amount: a.amount + up };
        return entitlement(r, b) >= entitlement(r, a);
      }),
      { numRuns: 500 },
    );
  });

  it("graduated never exceeds whole-volume at the same ascending rates", () => {
    fc.assert(
      fc.property(tiers(basis), value(basis), (t, v) => {
        const a = acc(basis, v);
        const g = entitlement(rule({ basis, mode: "graduated", ...t }), a);
        const w = entitlement(rule({ basis, mode: "wholeVolume", ...t }), a);
        return g <= w && g >= 0;
      }),
      { numRuns: 500 },
    );
  });
});

describe("settlement properties", () => {
  const months = ["2024-10", "2024-11", "2024-12"].map(mon);
  const sale = fc.record({
    month: fc.integer({ min: 0, max: 2 }),
    dayOf: fc.integer({ min: 1, max: 28 }),
    customer: fc.constantFrom("C1", "C2", "C3"),
    qty: fc.integer({ min: -40, max: 120 }),
    price: fc.integer({ min: 100, max: 500_000 }), // fen
  });
  const anyRule = fc.oneof(
    tiers("quantity").chain((t) => fc.constantFrom("wholeVolume" as const, "graduated" as const).map((mode) => rule({ basis: "quantity", mode, ...t }))),
    tiers("amount").chain((t) => fc.constantFrom("wholeVolume" as const, "graduated" as const).map((mode) => rule({ basis: "amount", mode, ...t }))),
  );

  it("the monthly payments sum to the final entitlement; each month's lines sum to its payment", () => {
    fc.assert(
      fc.property(anyRule, fc.array(sale, { maxLength: 40 }), (r0, raw) => {
        const r: RebateRule = { ...r0, validFrom: dayFromYmd(2024, 10, 1), validTo: dayFromYmd(2024, 12, 31) };
        const sales = raw.map((s) => {
          const iso = `2024-${10 + s.month}-${String(s.dayOf).padStart(2, "0")}`;
          const l = line(iso, s.customer, s.qty, 0);
          l.amount = s.qty * s.price;
          return l;
        });
        const paid = new Map<string, number>();
        let final = new Map<string, number>();
        for (const m of months) {
          const res = settleRebates([r], sales, m);
          const lineSum = res.lines.reduce((a, l) => a + l.rebate, 0);
          if (lineSum !== res.total) return false;
          final = new Map();
          for (const s of res.statement) {
            if (s.paidBefore !== (paid.get(s.customerId) ?? 0)) return false;
            paid.set(s.customerId, (paid.get(s.customerId) ?? 0) + s.thisMonth);
            final.set(s.customerId, s.entitlement);
          }
        }
        for (const [c, e] of final) if (paid.get(c) !== e) return false;
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
