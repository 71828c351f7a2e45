/** Net totals per customer (src/domain/revenue.ts): the indexed two-period pass agrees with one map pass per period. */
import fc from "fast-check";
import type { SalesLine } from "../../../src/domain/model";
import { SalesLedger } from "../../../src/domain/ledger";
import { type CustomerTotals, type PeriodTotals, totalsByCustomer, totalsByIndex } from "../../../src/domain/revenue";

/** Customer i's totals in a period (all zeros without lines). */
const at = (t: PeriodTotals, i: number): CustomerTotals => ({ revenue: t.revenue[i], quantity: t.quantity[i], pickupQuantity: t.pickupQuantity[i], lines: t.lines[i] });

/** The totals as totalsByCustomer's map: customers without lines in the period are absent. */
function asMap(t: PeriodTotals, ids: readonly string[]): Map<string, CustomerTotals> {
  const out = new Map<string, CustomerTotals>();
  for (let i = 0; i < t.lines.length; i++) if (t.lines[i] > 0) out.set(ids[i], at(t, i));
  return out;
}

const lineArb = fc.record({
  date: fc.integer({ min: 45000, max: 45800 }),
  customerId: fc.constantFrom("C1", "C2", "C3", "C4"),
  quantity: fc.integer({ min: -5, max: 20 }),
  amount: fc.integer({ min: -100000, max: 1000000 }),
});
const asLine = (x: { date: number; customerId: string; quantity: number; amount: number }, row: number): SalesLine => ({
  ...x, model: "M", unitPrice: null, channel: null, contractPlan: false, orderType: x.quantity < 0 ? "return" : "pickup", sheet: "S", row,
});

describe("totalsByIndex", () => {
  const ids = ["C1", "C2", "C3", "C4", "C5"];
  it("equals totalsByCustomer for the period and the previous period (null periods too)", () => {
    const period = fc.option(fc.record({ from: fc.integer({ min: 45000, max: 45800 }), len: fc.integer({ min: 0, max: 400 }) }).map((p) => ({ from: p.from, to: p.from + p.len })));
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), period, period, (xs, p, q) => {
        const lines = xs.map(asLine);
        const ledger = SalesLedger.fromLines(lines, ids);
        const [cur, prev] = totalsByIndex(ledger, p, q);
        expect(asMap(cur, ledger.customerIds)).toEqual(totalsByCustomer(lines, p));
        expect(asMap(prev, ledger.customerIds)).toEqual(q ? totalsByCustomer(lines, q) : new Map());
        expect(cur.customersWithLines).toBe(asMap(cur, ledger.customerIds).size);
      }),
    );
  });

  it("hand-computed: a line counts in the period it falls in, none outside both", () => {
    const lines = [
      asLine({ date: 45100, customerId: "C1", quantity: 2, amount: 500 }, 1),
      asLine({ date: 45300, customerId: "C1", quantity: -1, amount: -200 }, 2),
      asLine({ date: 45301, customerId: "C1", quantity: 4, amount: 900 }, 3),
      asLine({ date: 45700, customerId: "C2", quantity: 9, amount: 9999 }, 4),
    ];
    const ledger = SalesLedger.fromLines(lines, ["C2"]);
    expect(ledger.customerIds).toEqual(["C2", "C1"]);
    expect([...ledger.customer]).toEqual([1, 1, 1, 0]);
    const [cur, prev] = totalsByIndex(ledger, { from: 45300, to: 45400 }, { from: 45000, to: 45299 });
    expect(at(cur, 1)).toEqual({ revenue: 700, quantity: 3, pickupQuantity: 4, lines: 2 });
    expect(at(prev, 1)).toEqual({ revenue: 500, quantity: 2, pickupQuantity: 2, lines: 1 });
    // C2's line (day 45700) is in neither period: zeros, and absent from the maps.
    expect(at(cur, 0)).toEqual({ revenue: 0, quantity: 0, pickupQuantity: 0, lines: 0 });
    expect(asMap(cur, ledger.customerIds).has("C2") || asMap(prev, ledger.customerIds).has("C2")).toBe(false);
    expect([cur.customersWithLines, prev.customersWithLines]).toEqual([1, 1]);
  });

  it("with lines indexed here (customers the list lacks appended), overlapping periods too", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), fc.integer({ min: 45000, max: 45800 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: -100, max: 100 }), (xs, from, len, prevLen, gap) => {
        const lines = xs.map(asLine);
        const period = { from, to: from + len };
        const previous = { from: from - prevLen - 1 + gap, to: from - 1 + gap };
        const ledger = SalesLedger.fromLines(lines, ["C3", "C9"]);
        const [cur, prev] = totalsByIndex(ledger, period, previous);
        expect(asMap(cur, ledger.customerIds)).toEqual(totalsByCustomer(lines, period));
        expect(asMap(prev, ledger.customerIds)).toEqual(totalsByCustomer(lines, previous));
      }),
    );
  });
});
