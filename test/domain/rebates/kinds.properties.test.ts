/**
 * Properties of the SPEC §8 kinds (fast-check):
 * - vouchers always balance, one side per line, and the expense account nets to the month's payments;
 * - for every kind, the monthly payments of an agreement period sum to its final entitlement;
 * - a higher achievement never pays a lower target rebate (ascending rates).
 */
import fc from "fast-check";
import { Decimal } from "decimal.js";
import type { Collection, PlanEntry, RebateKind, RebateRule } from "../../../src/domain/model";
import { NO_FIGURES, accrualVouchers, settleRebates, targetKind } from "../../../src/domain/rebates";
import { d, line, mon, rule } from "./helpers";

const MONTHS = ["2024-10", "2024-11", "2024-12"];
const Q4 = { validFrom: d("2024-10-01"), validTo: d("2024-12-31") };

/** Ascending shares (achievement or growth) and ascending % rates. */
const shareBands = fc.uniqueArray(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 4 }).chain((ts) =>
  fc.array(fc.integer({ min: 0, max: 500 }), { minLength: ts.length, maxLength: ts.length }).map((rs) => ({
    thresholds: ts.slice().sort((a, b) => a - b).map((t) => t / 100),
    rates: rs.slice().sort((a, b) => a - b).map((r) => ({ share: r / 10_000 })),
  })),
);

const dayIn = (m: string) => fc.integer({ min: 1, max: 28 }).map((x) => `${m}-${String(x).padStart(2, "0")}`);
const anyDay = (year: number) => fc.constantFrom(...MONTHS.map((m) => m.replace("2024", String(year)))).chain(dayIn);
const salesArb = fc.array(
  fc.tuple(fc.boolean(), fc.constantFrom("C1", "C2"), fc.integer({ min: -20, max: 60 }), fc.integer({ min: 1, max: 5_000 })),
  { maxLength: 25 },
).chain((rows) => fc.tuple(...rows.map(([ly, c, q, p]) => anyDay(ly ? 2023 : 2024).map((day) => line(day, c, q, q * p)))));
const collectionsArb = fc.array(
  fc.tuple(anyDay(2024), fc.constantFrom("C1", "C2"), fc.integer({ min: 1, max: 200_000 }), fc.option(fc.integer({ min: 0, max: 90 }))),
  { maxLength: 15 },
).map((rows) => rows.map(([date, c, amount, days]): Collection => ({ date: d(date), customerId: c, amount: amount * 100, invoiceDate: null, days, source: { sheet: "回款明细", row: 1 } })));
const plansArb = fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: 6, maxLength: 6 }).map((xs) =>
  xs.map((yuan, i): PlanEntry => ({ month: MONTHS[i % 3], customerId: i < 3 ? "C1" : "C2", model: "I9300", targetQty: Math.round(yuan / 4000), targetAmount: yuan * 100, rep: null, source: { sheet: "计划", row: 1 } })),
);

function ruleOf(kind: RebateKind, bands: { thresholds: number[]; rates: { share: number }[] }, flag: boolean): RebateRule {
  if (kind === "collection") {
    const thresholds = bands.thresholds.map((t) => Math.round(t * 10_000_000)); // 0 … 150,000 yuan in fen
    return rule({ ruleId: "H", kind, basis: "amount", ...bands, thresholds, mode: flag ? "graduated" : "wholeVolume", daysLimit: 30, ...Q4 });
  }
  return rule({ ruleId: kind, kind, basis: "amount", ...bands, mode: kind === "growth" && flag ? "increment" : "wholeVolume", ...Q4 });
}

describe.each(["target", "collection", "growth"] as const)("%s rebate properties", (kind) => {
  it("the monthly payments of the quarter sum to its final entitlement, to the fen", () => {
    fc.assert(
      fc.property(shareBands, fc.boolean(), salesArb, plansArb, collectionsArb, (bands, flag, sales, plans, collections) => {
        const r = ruleOf(kind, bands, flag);
        const inputs = { plans, collections, channelOf: () => null };
        const paid = new Map<string, number>();
        let final = new Map<string, number>();
        for (const m of MONTHS) {
          const res = settleRebates([r], sales, mon(m), inputs);
          for (const s of res.statement) paid.set(s.customerId, (paid.get(s.customerId) ?? 0) + s.thisMonth);
          final = new Map(res.statement.map((s) => [s.customerId, s.entitlement]));
        }
        for (const [c, sum] of paid) if (sum !== (final.get(c) ?? 0)) return false;
        return true;
      }),
      { numRuns: 60 },
    );
  });
});

describe("vouchers", () => {
  it("always balance: one side per line, debits = credits, and the expense account nets to the month's payments", () => {
    fc.assert(
      fc.property(shareBands, salesArb, plansArb, fc.constantFrom(...MONTHS), (bands, sales, plans, m) => {
        const rules = [ruleOf("target", bands, false), ruleOf("growth", bands, true), rule({ ruleId: "V", thresholds: [0, 50], rates: [{ perUnit: 1_000 }, { perUnit: 3_333 }], ...Q4 })];
        const res = settleRebates(rules, sales, mon(m), { plans, collections: [], channelOf: () => null });
        const v = accrualVouchers(res.statement, mon(m));
        const debit = v.entries.reduce((s, e) => s + e.debit, 0);
        const credit = v.entries.reduce((s, e) => s + e.credit, 0);
        const expense = v.entries.filter((e) => e.accountCode === "6601").reduce((s, e) => s + e.debit - e.credit, 0);
        return (
          debit === credit && debit === v.debit && credit === v.credit &&
          v.entries.every((e) => (e.debit === 0) !== (e.credit === 0) && e.debit >= 0 && e.credit >= 0) &&
          expense === res.total
        );
      }),
      { numRuns: 80 },
    );
  });
});

describe("target rebate", () => {
  it("a higher achievement never pays a lower target rebate", () => {
    fc.assert(
      fc.property(shareBands, fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), fc.nat(10_000_000), (bands, plan, actual, more) => {
        const r = ruleOf("target", bands, false);
        const at = (amount: number) => targetKind.value(r, { ...NO_FIGURES, acc: { qty: 0, amount }, reference: { qty: 0, amount: plan } }).exact;
        return new Decimal(at(actual + more)).gte(at(actual));
      }),
      { numRuns: 500 },
    );
  });
});
