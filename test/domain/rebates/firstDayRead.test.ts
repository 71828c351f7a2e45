/**
 * The rebates analysis builds line objects only from firstSaleDayRead(rules, month) on
 * (src/domain/rebates/kindModules.ts). Property: settling and forecasting on those lines gives
 * exactly what they give on every line of the ledger, for every kind, with or without validity
 * dates and cycles, and with lines years before.
 */
import fc from "fast-check";
import { SalesLedger } from "../../../src/domain/ledger";
import type { RebateKind } from "../../../src/domain/model";
import { firstSaleDayRead, forecastRebates, settleRebates } from "../../../src/domain/rebates";
import { d, line, mon, rule } from "./helpers";

const KINDS: RebateKind[] = ["pickup", "volume", "contract", "other", "target", "growth"];
const dayArb = fc.integer({ min: 2021, max: 2024 }).chain((y) => fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, x]) => `${y}-${String(m).padStart(2, "0")}-${String(x).padStart(2, "0")}`));
const salesArb = fc.array(fc.tuple(dayArb, fc.constantFrom("C1", "C2"), fc.integer({ min: -5, max: 60 }), fc.integer({ min: 1, max: 5_000 })), { maxLength: 40 })
  .map((rows) => rows.map(([day, c, q, p]) => line(day, c, q, q * p)));
const ruleArb = fc.tuple(fc.constantFrom(...KINDS), fc.option(dayArb), fc.constantFrom(undefined, "month", "quarter", "year" as const), fc.integer({ min: 0, max: 50 }))
  .map(([kind, from, cycle, t]) => rule({ ruleId: `${kind}-${t}`, kind, basis: "amount", thresholds: [t * 100_000], rates: [{ share: 0.02 }], mode: "wholeVolume", validFrom: from ? d(from) : undefined, cycle }));

describe("firstSaleDayRead", () => {
  it("lines before it change neither the settlement nor the forecast of the month", () => {
    fc.assert(
      fc.property(salesArb, fc.array(ruleArb, { maxLength: 3 }), fc.constantFrom("2023-03", "2024-06", "2024-12"), (sales, rules, m) => {
        const month = mon(m);
        const ledger = SalesLedger.fromLines(sales);
        const from = ledger.linesFrom(firstSaleDayRead(rules, month));
        const inputs = { plans: [], collections: [], channelOf: () => null };
        expect(settleRebates(rules, from, month, inputs)).toEqual(settleRebates(rules, sales, month, inputs));
        const days = (a: number, b: number) => Math.max(0, b - a + 1);
        expect(forecastRebates(rules, { ...inputs, sales: from }, month, days)).toEqual(forecastRebates(rules, { ...inputs, sales }, month, days));
      }),
    );
  });

  it("is the month's first day without rules, and a year before the period for growth", () => {
    expect(firstSaleDayRead([], mon("2024-06"))).toBe(d("2024-06-01"));
    const growth = rule({ ruleId: "G", kind: "growth", basis: "amount", thresholds: [0.1], rates: [{ share: 0.01 }], mode: "wholeVolume", validFrom: d("2024-04-01"), validTo: d("2024-06-30") });
    expect(firstSaleDayRead([growth], mon("2024-06"))).toBe(d("2023-04-01"));
  });
});
