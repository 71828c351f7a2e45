/** Dealer stock and sell-through (SPEC §9): hand-computed cases. */
import { dayFromYmd } from "../../../src/domain/calendar";
import type { SalesLine } from "../../../src/domain/model";
import { computeStock, daysOfStockRule, overstockedDealers, StockCount } from "../../../src/domain/stock";

const d = (m: number, day: number) => dayFromYmd(2024, m, day);
const sale = (customerId: string, date: number, quantity: number, model = "M"): SalesLine => ({
  date, customerId, model, quantity, unitPrice: null, amount: quantity * 100, channel: null, contractPlan: false,
  orderType: quantity < 0 ? "return" : "pickup", sheet: "S", row: 1,
});
const count = (customerId: string, date: number, quantity: number, model = "M"): StockCount => ({ date, customerId, model, quantity });

describe("computeStock", () => {
  it("days of stock for a dealer with returns: opening 100, bought 80, returned 20, closing 90", () => {
    // Window Nov 30 → Dec 30 (30 days). Sell-in = 80 − 20 = 60; sell-through = 100 + 60 − 90 = 70;
    // days of stock = 90 ÷ (70 ÷ 30) = 38.57 (between 7 and 45: no flag).
    const rows = computeStock(
      [count("D1", d(11, 30), 100), count("D1", d(12, 30), 90)],
      [sale("D1", d(12, 5), 80), sale("D1", d(12, 20), -20), sale("D1", d(11, 30), 999), sale("D2", d(12, 5), 50)],
      [],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ customerId: "D1", openingStock: 100, sellIn: 60, sellThrough: 70, stock: 90, flag: null, sellThroughSource: "stockCounts" });
    expect(rows[0].daysOfStock).toBeCloseTo(270 / 7, 10);
  });

  it("flags overstock above 45 days and stock-out risk below 7 days", () => {
    const rows = computeStock(
      [count("O", d(11, 1), 220), count("O", d(12, 1), 200), count("U", d(11, 1), 65), count("U", d(12, 1), 5)],
      [sale("O", d(11, 20), 10)],
      [],
    );
    // O: 220 + 10 − 200 = 30 sold in 30 days → 200 days of stock. U: 65 − 5 = 60 → 2.5 days.
    const o = rows.find((r) => r.customerId === "O")!;
    const u = rows.find((r) => r.customerId === "U")!;
    expect(o).toMatchObject({ sellThrough: 30, daysOfStock: 200, flag: "overstock" });
    expect(u).toMatchObject({ sellThrough: 60, daysOfStock: 2.5, flag: "stockOutRisk" });
    expect([...overstockedDealers(rows).keys()]).toEqual(["O"]);
  });

  it("uses the policy's thresholds", () => {
    const rows = computeStock([count("O", d(11, 1), 220), count("O", d(12, 1), 200)], [sale("O", d(11, 20), 10)], [], { overDays: 250, underDays: 7 });
    expect(rows[0].flag).toBeNull();
  });

  it("takes sell-through from the sell-out reports of the last 30 days when the dealer reports", () => {
    const rows = computeStock(
      [count("R", d(12, 31), 30)],
      [sale("R", d(12, 10), 40)],
      [{ date: d(12, 10), customerId: "R", model: "M", quantity: 25 }, { date: d(12, 20), customerId: "R", model: "M", quantity: 35 }, { date: d(11, 20), customerId: "R", model: "M", quantity: 500 }],
    );
    // 60 sold in 30 days → 2 a day → 15 days of stock.
    expect(rows[0]).toMatchObject({ sellIn: 40, sellThrough: 60, daysOfStock: 15, flag: null, sellThroughSource: "report", openingStock: null });
  });

  it("cannot know sell-through from a single count without reports", () => {
    const rows = computeStock([count("S", d(12, 31), 30)], [sale("S", d(12, 10), 40)], []);
    expect(rows[0]).toMatchObject({ sellThrough: null, daysOfStock: null, flag: null });
  });

  it("treats stock with nothing sold as overstock, and a negative sell-through as 0 (noted)", () => {
    const rows = computeStock([count("N", d(11, 1), 50), count("N", d(12, 1), 80)], [], []);
    expect(rows[0]).toMatchObject({ sellThrough: 0, daysOfStock: null, flag: "overstock", negativeSellThrough: true });
    expect(overstockedDealers(rows).get("N")).toEqual({ models: ["M"], days: null });
  });
});

describe("daysOfStockRule: the rule in its own words", () => {
  it("states the formula, the 30-day window and the thresholds it was run with", () => {
    expect(daysOfStockRule({ overDays: 45, underDays: 7 }, "zh")).toBe(
      "周转天数 = 期末库存 ÷（期间动销 ÷ 期间天数）；期间为盘点日前 30 天（无分销上报时，自盘点日前至少 30 天的上一次盘点起）；超过 45 天为库存积压（有库存而无动销亦为积压），低于 7 天为断货风险",
    );
    const en = daysOfStockRule({ overDays: 60, underDays: 10 }, "en");
    expect(en).toMatch(/^Days of stock = closing stock ÷ \(sell-through in the window ÷ its days\); the window is the 30 days up to the count/);
    expect(en).toContain("over 60 days is overstock (so is stock that does not sell), under 10 days a stock-out risk");
  });
});
