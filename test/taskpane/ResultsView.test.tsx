/** @jest-environment jsdom */
/** The results part of the pane: a customer's rebate line shows this month, the projection and the next band. */
import * as React from "react";
import { screen, within } from "@testing-library/react";
import { emptySummary } from "../../src/report/summary";
import { ResultsView } from "../../src/taskpane/components/ResultsView";
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
});
