/** @jest-environment jsdom */
/**
 * Running: the steps read → compute → write are visible and announced (aria-live), the
 * results come from the summary, and the last settings are remembered for the ribbon.
 */
import * as React from "react";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { RunPanel } from "../../src/taskpane/components/RunPanel";
import { SETTINGS } from "../../src/taskpane/services/EngineHost";
import { fakeHost, renderPlain, renderWithI18n } from "./fixtures";

const panel = {
  runLabel: "Run",
  canRun: true,
  onRun: () => {},
  undoSupported: true,
  canUndo: false,
  undoBusy: false,
  onUndo: () => {},
  doneSeconds: null,
};

describe("RunPanel", () => {
  it("shows the current step in a polite live region and in the progress bar", () => {
    renderWithI18n(<RunPanel {...panel} running step="compute" stepsDone={["read"]} />);
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toContain("Step 2 of 3: Compute");
    const bar = screen.getByRole("progressbar");
    expect(Number(bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0.33);
    expect(Number(bar.getAttribute("aria-valuenow"))).toBeLessThan(0.67);
    expect(screen.getByText(/Compute/, { selector: "li" }).getAttribute("aria-current")).toBe("step");
    expect((screen.getByRole("button", { name: "Running…" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("explains why undo is unavailable when the host has none", () => {
    renderWithI18n(<RunPanel {...panel} undoSupported={false} running={false} step={null} stepsDone={[]} />, "zh");
    const undo = screen.getByRole("button", { name: "撤销上次运行" });
    expect(undo.getAttribute("aria-disabled")).toBe("true");
    undo.focus();
    return waitFor(() => expect(screen.getByText(/此处无法撤销/)).toBeTruthy());
  });
});

describe("a run in the pane", () => {
  it("goes through read, compute and write, then shows the ABC split and the issues", async () => {
    const h = fakeHost(undefined, { holdRead: true });
    renderPlain(<App hostKind="excel" lang="en" host={h.host} tick={async () => {}} now={() => "2025-01-31T10:00:00.000Z"} />);
    // The first scan loads the engine (a slow shared CI machine may take seconds).
    const run = await screen.findByRole("button", { name: "Run" }, { timeout: 15000 });
    await userEvent.type(screen.getByLabelText(/Plan \/ rebate month/), "2024-12");
    await userEvent.click(run);
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Step 1 of 3: Read the workbook"));
    await act(async () => h.release());
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/Done in [\d.]+ s/));
    expect(h.applied).toHaveLength(1);
    expect(h.applied[0].sheets.map((s) => s.name)).toContain("Tier summary");
    const abc = screen.getByTestId("abc");
    expect(within(abc).getAllByRole("row")).toHaveLength(4);
    expect(within(abc).getByRole("rowheader", { name: "A" })).toBeTruthy();
    const issues = screen.getByTestId("issues");
    expect(within(issues).getByText(/not a valid date/)).toBeTruthy();
    const last = h.host.settings.get<{ options: { month?: string; lang?: string } }>(SETTINGS.lastRun);
    expect(last?.options).toEqual(expect.objectContaining({ month: "2024-12", lang: "en" }));
  });

  it("rejects a malformed month before running", async () => {
    const h = fakeHost();
    renderPlain(<App hostKind="excel" lang="en" host={h.host} tick={async () => {}} />);
    await screen.findByRole("button", { name: "Run" });
    // A text fallback (Safari has no month picker) may hold anything.
    const month = screen.getByLabelText(/Plan \/ rebate month/) as HTMLInputElement;
    month.type = "text";
    await userEvent.type(month, "2024-13");
    expect(screen.getByText("Use the form YYYY-MM, e.g. 2024-12")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Run" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("switches language without losing the results", async () => {
    const h = fakeHost();
    renderPlain(<App hostKind="excel" lang="en" host={h.host} tick={async () => {}} />);
    await userEvent.click(await screen.findByRole("button", { name: "Run" }, { timeout: 15000 }));
    await screen.findByTestId("abc", undefined, { timeout: 15000 });
    await userEvent.selectOptions(screen.getByLabelText("Language / 语言"), "zh");
    expect(screen.getByRole("heading", { name: "ABC 分类" })).toBeTruthy();
    expect(screen.getByText(/不是有效的日期/)).toBeTruthy();
  });
});
