/**
 * The demo generator's SPEC §9 sheets (stock counts, sell-out reports, supply, requests, visit
 * log), checked on a small generated history rather than the whole 47,000-line demo.
 */
import { makeJobSheets, type CustomerProfile, type SalesLine } from "../../examples/make-demo";

const customers = Array.from({ length: 90 }, (_, i) => ({ id: `C${String(i).padStart(4, "0")}`, name: `客户${i}`, channel: "direct", rep: i % 2 ? "王伟" : "李娜" }) as unknown as CustomerProfile);
const lines: SalesLine[] = customers.flatMap((c, i) =>
  ["I9300", "N7100", "S5830"].flatMap((model, k) =>
    [11, 12].map((m) => ({ date: new Date(Date.UTC(2024, m - 1, 10 + k)), customer: c, model, quantity: 20 + ((i * 7 + k * 3) % 50), unitPrice: 100, amount: 100 * (20 + ((i * 7 + k * 3) % 50)), contractPlan: false, isReturn: false })),
  ),
);

describe("demo job sheets", () => {
  const jobs = makeJobSheets(customers, lines);

  it("counts stock of 60 dealers' two main models at the end of November and December", () => {
    const rows = jobs.stock.slice(1);
    expect(rows).toHaveLength(60 * 2 * 2);
    const keys = new Set(rows.map((r) => `${r[1]}|${r[3]}`));
    expect(keys.size).toBe(120);
    expect(rows.every((r) => typeof r[4] === "number" && r[4] >= 0)).toBe(true);
    expect(jobs.sellOut.length).toBeGreaterThan(1);
  });

  it("offers less supply than the dealers request, per model", () => {
    for (const [model, qty] of jobs.supply.slice(1)) {
      const asked = jobs.requests.slice(1).filter((r) => r[2] === model).reduce((s, r) => s + (r[3] as number), 0);
      expect(qty as number).toBeLessThan(asked);
      expect(qty as number).toBeGreaterThan(0);
    }
  });

  it("logs visits to the largest accounts in Q4 by their reps", () => {
    const rows = jobs.visits.slice(1);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.every((r) => r[0] instanceof Date && (r[0] as Date).getUTCFullYear() === 2024 && (r[0] as Date).getUTCMonth() >= 9)).toBe(true);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(["王伟", "李娜"]));
  });
});
