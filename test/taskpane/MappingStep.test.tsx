/** @jest-environment jsdom */
/**
 * The mapping step: dropdowns pre-filled by header detection, required columns flagged,
 * changes reported, and choices remembered per workbook.
 */
import * as React from "react";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MappingStep } from "../../src/taskpane/components/MappingStep";
import { App } from "../../src/taskpane/components/App";
import * as engine from "../../src/taskpane/services/engine";
import { SETTINGS } from "../../src/taskpane/services/EngineHost";
import type { MappingModel } from "../../src/taskpane/state/types";
import { demoGrids, fakeHost, renderPlain, renderWithI18n } from "./fixtures";

describe("header detection for the mapping step", () => {
  it("picks the sales and customer sheets and pre-fills every column it recognises", () => {
    const m = engine.detectMapping(demoGrids());
    expect(m.sales.sheet).toBe("销售记录");
    expect(m.customers.sheet).toBe("客户资料");
    const h = (r: MappingModel["sales"], k: string) => r.fields.find((f) => f.key === k)?.header;
    expect(h(m.sales, "date")).toBe("日期");
    expect(h(m.sales, "quantity")).toBe("数量");
    expect(h(m.customers, "office")).toBe("办事处");
    expect(h(m.customers, "stage")).toBeNull();
  });

  it("prefers a remembered column and turns only real changes into --map overrides", () => {
    const m = engine.detectMapping(demoGrids(), { sheets: { sales: "销售记录" }, columns: { sales: { amount: "单价" } } });
    expect(m.sales.fields.find((f) => f.key === "amount")!.header).toBe("单价");
    const opts = engine.toRunOptions(m, { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" }, "zh");
    expect(opts.map).toEqual({ amount: "单价" });
    expect(opts.sheets).toEqual({ sales: "销售记录", customers: "客户资料" });
  });
});

describe("MappingStep", () => {
  const model = () => engine.detectMapping(demoGrids());

  it("shows labelled dropdowns pre-filled by detection", () => {
    renderWithI18n(<MappingStep mapping={model()} onSheet={() => {}} onColumn={() => {}} />);
    expect((screen.getByLabelText(/Sales sheet/) as HTMLSelectElement).value).toBe("销售记录");
    expect((screen.getByLabelText(/Customer sheet/) as HTMLSelectElement).value).toBe("客户资料");
    const sales = screen.getByRole("group", { name: "Columns of 销售记录" });
    expect((sales.querySelector("select") as HTMLSelectElement).value).toBe("日期");
    expect(screen.getAllByLabelText(/^Quantity/)[0]).toHaveProperty("value", "数量");
  });

  it("reports a column change and a sheet change", async () => {
    const onColumn = jest.fn();
    const onSheet = jest.fn();
    renderWithI18n(<MappingStep mapping={model()} onSheet={onSheet} onColumn={onColumn} />);
    await userEvent.selectOptions(screen.getAllByLabelText(/^Quantity/)[0], "单价");
    expect(onColumn).toHaveBeenCalledWith("sales", "quantity", "单价");
    await userEvent.selectOptions(screen.getByLabelText(/Customer sheet/), "销售记录");
    expect(onSheet).toHaveBeenCalledWith("customers", "销售记录");
  });

  it("flags a required column that detection did not find, in Chinese too", () => {
    const m = model();
    m.sales.fields = m.sales.fields.map((f) => (f.key === "model" ? { ...f, header: null, detected: null } : f));
    renderWithI18n(<MappingStep mapping={m} onSheet={() => {}} onColumn={() => {}} />, "zh");
    expect(screen.getByText("未找到必需的列：请选择")).toBeTruthy();
    expect((screen.getAllByLabelText(/^型号/)[0] as HTMLSelectElement).value).toBe("");
  });

  it("remembers a changed column in the workbook settings (App on a fake host)", async () => {
    const { host } = fakeHost();
    renderPlain(<App hostKind="excel" lang="en" host={host} tick={async () => {}} />);
    const qty = (await screen.findAllByLabelText(/^Quantity/))[0];
    await userEvent.selectOptions(qty, "单价");
    await waitFor(() => expect(host.settings.get(SETTINGS.mapping)).toEqual(expect.objectContaining({ columns: expect.objectContaining({ sales: { quantity: "单价" } }) })));
    const run = screen.getByRole("button", { name: "Run" }) as HTMLButtonElement;
    expect(run.disabled).toBe(false);
  });
});
