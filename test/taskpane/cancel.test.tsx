/** @jest-environment jsdom */
/**
 * Cancel in the pane: with an engine that can be stopped (a worker), the Cancel button shows
 * while the run computes; pressing it stops the engine, nothing is written, and the pane says so.
 */
import * as React from "react";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { RunCancelledError, type EngineClient } from "../../src/taskpane/services/engineApi";
import { inProcessEngine } from "../../src/taskpane/services/engineCore";
import { fakeHost, renderPlain } from "./fixtures";

/** The real engine, except that a run never ends until cancel() (as a worker on a huge workbook). */
function stoppableEngine() {
  const inner = inProcessEngine();
  let stop: ((e: Error) => void) | null = null;
  const state = { cancelled: 0 };
  const client: EngineClient = {
    ...inner,
    cancellable: true,
    runGrids: (_grids, _plan, onProgress) =>
      new Promise((_resolve, reject) => {
        onProgress?.({ step: "compute", detail: { analysis: "tiering", index: 0, total: 5 } });
        stop = reject;
      }),
    cancel() {
      state.cancelled++;
      stop?.(new RunCancelledError());
    },
  };
  return { client, state };
}

it("cancels a running run: the engine is stopped, nothing is written, the pane says so", async () => {
  const h = fakeHost();
  const eng = stoppableEngine();
  renderPlain(<App hostKind="excel" lang="en" host={h.host} engine={async () => eng.client} tick={async () => {}} />);
  await userEvent.click(await screen.findByRole("button", { name: "Run" }, { timeout: 15000 }));
  await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Step 2 of 3: Compute · Account tiering (1 of 5)"));
  await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
  await screen.findByText("The run was cancelled; the workbook is unchanged.");
  expect(eng.state.cancelled).toBe(1);
  expect(h.applied).toHaveLength(0);
  expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
});
