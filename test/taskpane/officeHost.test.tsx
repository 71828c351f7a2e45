/** @jest-environment jsdom */
/**
 * The Excel side of the pane on the strict Excel double (test/excel-double): OfficeHost runs
 * each operation through an injected `run` that hands over the double's context instead of
 * Excel.run, so every load/sync mistake and payload limit would surface here.
 */
import * as React from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/components/App";
import { createOfficeHost, type ExcelRun } from "../../src/taskpane/services/OfficeHost";
import { selectCell } from "../../src/taskpane/officeActions";
import { memorySettings } from "../../src/taskpane/settings";
import { SETTINGS } from "../../src/taskpane/services/EngineHost";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import { CUSTOMER_ROWS, SALES_ROWS, renderPlain } from "./fixtures";

function seeded(): ExcelDouble {
  return createExcelDouble({
    sheets: [
      { name: "客户资料", rows: CUSTOMER_ROWS },
      { name: "销售记录", rows: SALES_ROWS },
    ],
  });
}

function hostOn(double: ExcelDouble, settings = memorySettings()) {
  let runs = 0;
  const run: ExcelRun = (batch) => {
    runs++;
    return batch(double.context);
  };
  const host = createOfficeHost({ run, settings, isSetSupported: (s, v) => double.isSetSupported(s, v) });
  return { host, settings, runs: () => runs };
}

const header = (d: ExcelDouble, sheet: string, row: number) => {
  const grid = d.sheet(sheet);
  const out: unknown[] = [];
  for (let c = 0; c < 30; c++) out.push(grid.cellAt(row, c).value);
  return out;
};

describe("the pane on the strict Excel double", () => {
  it("scans, creates the policy sheets, runs and writes the outputs into the workbook", async () => {
    const double = seeded();
    const { host, settings, runs } = hostOn(double);
    renderPlain(<App hostKind="excel" lang="zh" host={host} tick={async () => {}} now={() => "2025-01-31T10:00:00.000Z"} />);

    // Mapping pre-filled from the double's sheets.
    // The first scan loads the engine (a slow shared CI machine may take seconds).
    expect(((await screen.findByLabelText(/销售记录表/, undefined, { timeout: 15000 })) as HTMLSelectElement).value).toBe("销售记录");
    expect(screen.getByText("尚无政策表：TierPlan 使用默认值。")).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "创建政策表" }));
    await screen.findByText(/已创建政策表：分级规则/);
    expect(double.workbookState.sheetNames).toEqual(expect.arrayContaining(["分级规则", "分级目标", "评分卡", "返利政策"]));
    await screen.findByText(/已有：分级规则/);

    await userEvent.click(screen.getByRole("button", { name: "运行" }));
    await waitFor(() => expect(screen.getByTestId("run-status").textContent).toMatch(/完成/), { timeout: 20000 });
    expect(double.workbookState.sheetNames).toEqual(expect.arrayContaining(["分级汇总", "问题清单", "_tierplan"]));
    expect(header(double, "客户资料", 0)).toEqual(expect.arrayContaining(["ABC分类", "净销售额（元）"]));
    // The user's sheets keep their data.
    expect(header(double, "客户资料", 0).slice(0, 2)).toEqual(["客户编号", "客户名称"]);

    const abc = screen.getByTestId("abc");
    const counts = within(abc).getAllByRole("row").slice(1).map((r) => Number(within(r).getAllByRole("cell")[0].textContent));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(within(screen.getByTestId("issues")).getByRole("button", { name: "在 Excel 中选中 销售记录!A32" })).toBeTruthy();
    expect(settings.get(SETTINGS.lastRun)).toBeTruthy();
    expect(runs()).toBeGreaterThanOrEqual(4);
    expect(double.stats.syncs).toBeGreaterThan(0);
  }, 60000);

  it("re-running replaces its outputs instead of adding copies", async () => {
    const double = seeded();
    const { host } = hostOn(double);
    renderPlain(<App hostKind="excel" lang="en" host={host} tick={async () => {}} />);
    const run = await screen.findByRole("button", { name: "Run" });
    await userEvent.click(run);
    await waitFor(() => expect(screen.getByTestId("run-status").textContent).toMatch(/Done/), { timeout: 20000 });
    const first = [...double.workbookState.sheetNames];
    await userEvent.click(screen.getByRole("button", { name: "Run" }));
    await waitFor(() => expect(screen.getByTestId("run-status").textContent).toMatch(/Done/), { timeout: 20000 });
    expect(double.workbookState.sheetNames).toEqual(first);
    expect(first).toContain("Tier summary");
  }, 60000);

  it("undoes the last run through the Excel host", async () => {
    const double = seeded();
    const { host } = hostOn(double);
    const before = header(double, "客户资料", 0);
    renderPlain(<App hostKind="excel" lang="en" host={host} tick={async () => {}} />);
    const undo = (await screen.findByRole("button", { name: "Undo last run" })) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: "Run" }));
    await waitFor(() => expect(screen.getByTestId("run-status").textContent).toMatch(/Done/), { timeout: 20000 });
    expect(double.workbookState.sheetNames).toContain("Tier summary");
    await waitFor(() => expect(undo.disabled).toBe(false));
    await userEvent.click(undo);
    await screen.findByText("The last run was undone.");
    expect(double.workbookState.sheetNames).not.toContain("Tier summary");
    expect(header(double, "客户资料", 0)).toEqual(before);
  }, 60000);

  it("shows an Excel error as a message in the pane's language, with its code", async () => {
    const double = seeded();
    const { host } = hostOn(double);
    const failing = { ...host, apply: () => Promise.reject(Object.assign(new Error("x"), { code: "AccessDenied" })) };
    renderPlain(<App hostKind="excel" lang="en" host={failing} tick={async () => {}} />);
    await userEvent.click(await screen.findByRole("button", { name: "Run" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/protected/);
    expect(alert.textContent).toMatch(/AccessDenied/);
  }, 60000);
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell in one sync", async () => {
    const calls: string[] = [];
    const context = {
      workbook: {
        worksheets: {
          getItem: (name: string) => ({
            activate: () => calls.push(`activate ${name}`),
            getRange: (a: string) => ({ select: () => calls.push(`select ${a}`) }),
          }),
        },
      },
      sync: async () => void calls.push("sync"),
    } as unknown as Excel.RequestContext;
    await selectCell(context, "销售记录", "A32");
    expect(calls).toEqual(["activate 销售记录", "select A32", "sync"]);
  });
});
