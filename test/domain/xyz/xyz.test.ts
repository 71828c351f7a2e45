/** ABC-XYZ (SPEC §9): hand-computed cases. Money in fen. */
import fc from "fast-check";
import { dayFromYmd } from "../../../src/domain/calendar";
import type { SalesLine } from "../../../src/domain/model";
import { SalesLedger } from "../../../src/domain/ledger";
import { abcXyzMatrix, computeXyz, xyzExplanation, xyzOfMonths, xyzRowsByLedger } from "../../../src/domain/xyz";

const yuan = (xs: number[]) => xs.map((x) => x * 100);

describe("xyzOfMonths", () => {
  it("a constant buyer is X (CV 0)", () => {
    const r = xyzOfMonths(yuan(Array(12).fill(1000)));
    expect(r.cv).toBe(0);
    expect(r.xyz).toBe("X");
  });

  it("a seasonal buyer (50 a month, 150 in the last quarter) is Y: mean 75, sd √1875 ≈ 43.30, CV ≈ 0.577", () => {
    const r = xyzOfMonths(yuan([50, 50, 50, 50, 50, 50, 50, 50, 50, 150, 150, 150]));
    expect(r.mean).toBe(7500);
    expect(r.stdDev / 100).toBeCloseTo(Math.sqrt(1875), 9);
    expect(r.cv).toBeCloseTo(0.57735, 5);
    expect(r.xyz).toBe("Y");
  });

  it("an erratic buyer (one order of 1,200 in twelve months) is Z: mean 100, sd √110000, CV ≈ 3.317", () => {
    const r = xyzOfMonths(yuan([0, 0, 1200, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(r.cv).toBeCloseTo(Math.sqrt(110000) / 100, 9);
    expect(r.xyz).toBe("Z");
  });

  it("puts a CV exactly on a threshold in the lower class (≤): [100, 300] CV 0.5 → X, [0, 200] CV 1.0 → Y", () => {
    expect(xyzOfMonths([10000, 30000]).xyz).toBe("X");
    expect(xyzOfMonths([0, 20000]).xyz).toBe("Y");
    // Thresholds from the policy: with x = 0.4 the first is Y, with y = 0.9 the second is Z.
    expect(xyzOfMonths([10000, 30000], { x: 0.4, y: 1 }).xyz).toBe("Y");
    expect(xyzOfMonths([0, 20000], { x: 0.5, y: 0.9 }).xyz).toBe("Z");
  });

  it("decides a threshold CV exactly where floats are off: [1, 3, 1, 3] × 0.1 yuan", () => {
    // mean 2, sd 1, CV 0.5 exactly; the float CV of some such series is 0.5000000000000001.
    expect(xyzOfMonths([1, 3, 1, 3]).xyz).toBe("X");
    expect(xyzOfMonths([3333333333, 9999999999]).xyz).toBe("X");
  });

  it("makes a customer with mean ≤ 0 Z (returns exceed purchases, or nothing bought)", () => {
    expect(xyzOfMonths([10000, -20000])).toMatchObject({ cv: null, xyz: "Z" });
    expect(xyzOfMonths([0, 0, 0])).toMatchObject({ cv: null, xyz: "Z" });
  });
});

describe("computeXyz", () => {
  const line = (customerId: string, y: number, m: number, yuanAmount: number): SalesLine => ({
    date: dayFromYmd(y, m, 15), customerId, model: "M", quantity: 1, unitPrice: null, amount: yuanAmount * 100,
    channel: null, contractPlan: false, orderType: yuanAmount < 0 ? "return" : "pickup", sheet: "S", row: 1,
  });
  const period = { from: dayFromYmd(2024, 1, 1), to: dayFromYmd(2024, 12, 31) };

  it("counts months without sales as 0 and nets returns within a month", () => {
    const sales = [line("K", 2024, 3, 1200), line("K", 2024, 3, -200), line("K", 2023, 12, 5000)];
    const r = computeXyz(["K", "NONE"], sales, period).get("K")!;
    expect(r.monthly).toHaveLength(12);
    expect(r.monthly[2]).toBe(100000);
    expect(r.monthly.filter((m) => m === 0)).toHaveLength(11);
    expect(r.xyz).toBe("Z");
    expect(computeXyz(["K", "NONE"], sales, period).get("NONE")!.xyz).toBe("Z");
  });

  it("a buyer of 1,000 every month is X", () => {
    const sales = Array.from({ length: 12 }, (_, i) => line("S", 2024, i + 1, 1000));
    expect(computeXyz(["S"], sales, period).get("S")!.xyz).toBe("X");
  });
});

describe("abcXyzMatrix", () => {
  it("counts customers and sums revenue per ABC × XYZ cell", () => {
    const m = abcXyzMatrix([
      { abc: "A", xyz: "X", revenue: 500 },
      { abc: "A", xyz: "X", revenue: 300 },
      { abc: "B", xyz: "Z", revenue: 100 },
      { abc: "C", xyz: "Y", revenue: -5 },
    ]);
    expect(m.A.X).toEqual({ count: 2, revenue: 800 });
    expect(m.B.Z).toEqual({ count: 1, revenue: 100 });
    expect(m.C.Y).toEqual({ count: 1, revenue: -5 });
    expect(m.A.Y).toEqual({ count: 0, revenue: 0 });
  });
});

describe("computeXyz properties", () => {
  const from = dayFromYmd(2024, 1, 1), to = dayFromYmd(2024, 12, 31);
  it("sums each customer's months like a plain per-line sum, from line objects or a ledger", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ c: fc.integer({ min: 0, max: 5 }), day: fc.integer({ min: from - 40, max: to + 40 }), amount: fc.integer({ min: -5000, max: 50000 }) }), { maxLength: 60 }),
        (raw) => {
          const ids = ["C0", "C1", "C2", "C3", "C4", "C5"];
          const sales = raw.map((r) => ({ date: r.day, customerId: ids[r.c], model: "M", quantity: 1, unitPrice: null, amount: r.amount, channel: null, contractPlan: false, orderType: "pickup" as const, sheet: "S", row: 1 }));
          const plain = computeXyz(ids.slice(0, 3), sales, { from, to });
          const ledger = SalesLedger.fromLines(sales, ids);
          const indexed = computeXyz(ids, ledger, { from, to });
          // By ledger index: the same row for every customer of the ledger.
          const byLedger = xyzRowsByLedger(ledger, { from, to });
          expect(byLedger.map((r) => r.customerId)).toEqual(ledger.customerIds);
          for (const r of byLedger) expect(r).toEqual(indexed.get(r.customerId));
          for (const id of ids) {
            const expected = Array(12).fill(0);
            for (const s of sales) if (s.customerId === id && s.date >= from && s.date <= to) expected[new Date(Date.UTC(1899, 11, 30) + s.date * 86400000).getUTCMonth()] += s.amount;
            expect(indexed.get(id)!.monthly).toEqual(expected);
            if (plain.has(id)) expect(plain.get(id)!.monthly).toEqual(expected);
          }
        },
      ),
    );
  });
});

describe("xyzExplanation", () => {
  const t = { x: 0.5, y: 1 };

  it("quotes the CV against the threshold that decided the class", () => {
    // The seasonal buyer above: CV ≈ 0.577, Y.
    const y = xyzOfMonths(yuan([50, 50, 50, 50, 50, 50, 50, 50, 50, 150, 150, 150]), t);
    expect(xyzExplanation(y, t, "zh")).toBe("12 个月销售额变异系数 0.58 ≤ 1");
    expect(xyzExplanation(y, t, "en")).toBe("CV of 12 months' revenue 0.58 ≤ 1");
    expect(xyzExplanation(xyzOfMonths(yuan([10, 10, 10]), t), t, "zh")).toBe("3 个月销售额变异系数 0 ≤ 0.5");
    // One month of 300 in three: mean 100, sd √20000 ≈ 141.4, CV ≈ 1.41.
    expect(xyzExplanation(xyzOfMonths(yuan([300, 0, 0]), t), t, "en")).toBe("CV of 3 months' revenue 1.41 > 1");
  });

  it("a mean of at most 0 is Z", () => {
    const r = xyzOfMonths(yuan([0, 0, 0, 0]), t);
    expect(xyzExplanation(r, t, "zh")).toBe("4 个月平均销售额 ≤ 0：Z");
    expect(xyzExplanation(r, t, "en")).toBe("mean monthly revenue over 4 months ≤ 0: Z");
  });
});
