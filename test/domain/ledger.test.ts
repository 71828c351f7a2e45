/** The column-wise sales ledger (src/domain/ledger.ts): lines go in and come back out unchanged. */
import fc from "fast-check";
import { SalesLedger } from "../../src/domain/ledger";
import type { SalesLine } from "../../src/domain/model";

const lineArb: fc.Arbitrary<SalesLine> = fc.record({
  date: fc.integer({ min: 61, max: 2958465 }),
  customerId: fc.constantFrom("C1", "C2", "0001", "客户甲"),
  model: fc.constantFrom("KFR-35GW", "M2", "型号X"),
  quantity: fc.integer({ min: -50, max: 500 }),
  unitPrice: fc.option(fc.integer({ min: 0, max: 10_000_000 })),
  amount: fc.integer({ min: -1e9, max: 1e9 }),
  channel: fc.constantFrom(null, "direct", "distribution", "keyAccount", "operator"),
  contractPlan: fc.boolean(),
  orderType: fc.constantFrom("pickup", "return"),
  sheet: fc.constantFrom("销售记录", "Sheet2"),
  row: fc.integer({ min: 1, max: 1_048_575 }),
});

describe("SalesLedger", () => {
  it("gives back every line as it was put in, in order, past several growths of its columns", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 200 }), (lines) => {
        const ledger = SalesLedger.fromLines(lines, ["C2"]);
        expect(ledger.length).toBe(lines.length);
        expect(ledger.lines()).toEqual(lines);
        expect(ledger.date.length).toBe(lines.length);
        lines.forEach((l, i) => {
          expect(ledger.customerIds[ledger.customer[i]]).toBe(l.customerId);
          expect(ledger.sourceOf(i)).toEqual({ sheet: l.sheet, row: l.row });
        });
        expect(ledger.lastDay()).toBe(lines.length ? Math.max(...lines.map((l) => l.date)) : null);
      }),
    );
  });

  it("indexes the known customers first, then the others in order of their first line", () => {
    const line = (customerId: string): SalesLine => ({ date: 45000, customerId, model: "M", quantity: 1, unitPrice: null, amount: 100, channel: null, contractPlan: false, orderType: "pickup", sheet: "S", row: 1 });
    const ledger = SalesLedger.fromLines([line("B"), line("A"), line("B"), line("Z")], ["A"]);
    expect(ledger.customerIds).toEqual(["A", "B", "Z"]);
    expect([...ledger.customer]).toEqual([1, 0, 1, 2]);
  });

  it("builds line objects once: the second call returns the same array", () => {
    const ledger = SalesLedger.fromLines([]);
    expect(ledger.lines()).toBe(ledger.lines());
    expect(ledger.lastDay()).toBeNull();
  });
});

describe("SalesLedger.numbersLike (per-customer figures by position)", () => {
  const ledger = new SalesLedger();
  ledger.customerIds = ["C1", "C2", "N1"];
  const c = (...ids: string[]) => ids.map((customerId) => ({ customerId }));
  it("holds when the ledger numbers the list's customers first, in order", () => {
    expect(ledger.numbersLike(c("C1", "C2", "N1"))).toBe(true);
    expect(ledger.numbersLike(c("C1", "C2"))).toBe(true);
    expect(ledger.numbersLike([])).toBe(true);
  });
  it("fails for another order, another customer, or more customers than the ledger numbers", () => {
    expect(ledger.numbersLike(c("C2", "C1"))).toBe(false);
    expect(ledger.numbersLike(c("C1", "X"))).toBe(false);
    expect(ledger.numbersLike(c("C1", "C2", "N1", "N2"))).toBe(false);
  });
});
