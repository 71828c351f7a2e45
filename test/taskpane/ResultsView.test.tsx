/** @jest-environment jsdom */
/** The results part of the pane: a customer's rebate line shows this month, the projection and the next band. */
import * as React from "react";
import { screen, within } from "@testing-library/react";
import { emptySummary } from "../../src/report/summary";
import { ResultsView } from "../../src/taskpane/components/ResultsView";
import { FORECAST_ROWS, paneSummary } from "../../src/taskpane/services/engineApi";
import { renderWithI18n } from "./fixtures";

describe("ResultsView rebate forecast", () => {
  it("shows per customer the payment, the projected entitlement and what the next band is worth", () => {
    const summary = emptySummary();
    summary.rebates = {
      month: "2024-11", total: 11700, reconciliation: { salesAmount: 0, rebatedAmount: 0, notRebatedAmount: 0 },
      byCustomer: [{ customerId: "C1", pickup: 0, volume: 11700, contract: 0, other: 0, target: 0, collection: 0, growth: 0, total: 11700 }],
      forecast: [{ customerId: "C1", ruleId: "R5", basisUnit: "units", projectedEntitlement: 23400, neededForNextBand: 550, nextBandGain: 19600 }],
    };
    renderWithI18n(<ResultsView summary={summary} />);
    const row = within(screen.getByTestId("rebateForecast")).getByText("C1").closest("tr")!;
    expect([...row.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["C1", "11,700", "23,400", "+550 units → +¥19,600"]);
  });

  it("the summary the worker sends drops the vouchers and keeps the forecast of the customers shown; the table is the same", () => {
    const summary = emptySummary();
    const ids = Array.from({ length: 30 }, (_, i) => `C${String(i).padStart(2, "0")}`);
    summary.rebates = {
      month: "2024-11", total: 0, reconciliation: { salesAmount: 0, rebatedAmount: 0, notRebatedAmount: 0 },
      // Payments order; every third customer has no forecast, some have two rules.
      byCustomer: ids.map((id, i) => ({ customerId: id, pickup: 0, volume: 1000 - i, contract: 0, other: 0, total: 1000 - i })),
      forecast: ids.flatMap((id, i) =>
        i % 3 === 0 ? [] : [1, 2].slice(0, 1 + (i % 2)).map((k) => ({ customerId: id, ruleId: `R${k}`, basisUnit: "units", projectedEntitlement: 100 * i + k, neededForNextBand: k, nextBandGain: 10 * k })),
      ),
      vouchers: [{ customerId: "C01", amount: 1 }],
    };
    const sent = paneSummary(summary);
    expect(sent.rebates.vouchers).toBeUndefined();
    const sentIds = new Set((sent.rebates.forecast as { customerId: string }[]).map((f) => f.customerId));
    expect(sentIds.size).toBe(FORECAST_ROWS);
    expect([...sentIds]).toEqual(ids.filter((_, i) => i % 3 !== 0).slice(0, FORECAST_ROWS));
    const table = (s: typeof summary) => {
      const { unmount } = renderWithI18n(<ResultsView summary={s} />);
      const html = screen.getByTestId("rebateForecast").outerHTML;
      unmount();
      return html;
    };
    expect(table(sent as typeof summary)).toEqual(table(summary));
  });
});
