/** @jest-environment jsdom */
/**
 * The profile card in the pane: after a run, selecting a cell in a customer's row shows that
 * customer's card, in English and in Chinese; a search by name finds it too. After a run, the
 * plan-template action writes one sheet per rep through the host.
 */
import * as React from "react";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as engine from "../../src/taskpane/services/engine";
import { inProcessEngine } from "../../src/taskpane/services/engineCore";
import { ProfileCardPanel } from "../../src/taskpane/components/ProfileCard";
import { App } from "../../src/taskpane/components/App";
import { demoGrids, fakeHost, renderPlain, renderWithI18n } from "./fixtures";

beforeAll(() => {
  engine.run(demoGrids(), { period: "2024-01..2024-12", month: "2024-12", now: "2025-01-02T00:00:00Z" });
});

function selection() {
  let emit: ((sheet: string, row: number) => void) | null = null;
  const watchSelection = async (_sheet: string, on: (sheet: string, row: number) => void) => {
    emit = on;
    return () => {
      emit = null;
    };
  };
  return { watchSelection, select: (row: number) => act(async () => emit!("客户资料", row)) };
}

const lookup = (q: engine.CardQuery, l: "zh" | "en") => Promise.resolve(engine.lookupCard(q, l));

describe("profile card in the pane", () => {
  it("shows the card of the customer whose row is selected, in English", async () => {
    const sel = selection();
    renderWithI18n(<ProfileCardPanel lookup={lookup} customerSheet="客户资料" watchSelection={sel.watchSelection} runCount={1} />, "en");
    await sel.select(3); // sheet row 4: C003 客户3
    const card = await screen.findByRole("article", { name: "Profile card C003" });
    expect(within(card).getByRole("heading", { name: "C003 客户3" })).toBeTruthy();
    const tier = card.querySelector('[data-section="tier"]') as HTMLElement;
    expect(within(tier).getByText("Grade")).toBeTruthy();
    expect(within(tier).getByRole("row", { name: /ABC class/ }).textContent).toMatch(/ABC class[ABC]/);
    expect(card.querySelector('[data-section="identity"]')!.textContent).toContain("Office杭州办事处");
    expect(card.querySelector('[data-section="trend"]')!.querySelectorAll("tr")).toHaveLength(12);
  });

  it("shows the same card in Chinese, and follows the selection to another row", async () => {
    const sel = selection();
    renderWithI18n(<ProfileCardPanel lookup={lookup} customerSheet="客户资料" watchSelection={sel.watchSelection} runCount={1} />, "zh");
    await sel.select(3);
    const card = await screen.findByRole("article", { name: "客户资料卡 C003" });
    expect(card.querySelector('[data-section="identity"]')!.textContent).toContain("办事处杭州办事处");
    expect(within(card).getByText("渠道等级")).toBeTruthy();
    expect(within(card).getByText("近 12 个月净销售额")).toBeTruthy();
    await sel.select(8); // C008
    await screen.findByRole("article", { name: "客户资料卡 C008" });
  });

  it("finds a customer by name, and says when nothing matches", async () => {
    renderWithI18n(<ProfileCardPanel lookup={lookup} customerSheet="客户资料" runCount={1} />, "en");
    await userEvent.type(screen.getByLabelText("Customer ID or name"), "客户10");
    await userEvent.click(screen.getByRole("button", { name: "Show card" }));
    await screen.findByRole("article", { name: "Profile card C010" });
    await userEvent.clear(screen.getByLabelText("Customer ID or name"));
    await userEvent.type(screen.getByLabelText("Customer ID or name"), "无此客户");
    await userEvent.click(screen.getByRole("button", { name: "Show card" }));
    await screen.findByText("No customer found for “无此客户”.");
  });
});

describe("plan templates from the pane", () => {
  it("writes one sheet per rep for the month, as tierplan plan does", async () => {
    const h = fakeHost();
    renderPlain(<App hostKind="excel" lang="en" host={h.host} engine={async () => inProcessEngine()} tick={async () => {}} now={() => "2025-01-02T00:00:00.000Z"} />);
    await userEvent.click(await screen.findByRole("button", { name: "Run" }));
    const month = await screen.findByLabelText("Plan month (YYYY-MM)", undefined, { timeout: 30000 });
    await userEvent.type(month, "2025-01");
    await userEvent.click(screen.getByRole("button", { name: "Write plan templates" }));
    await waitFor(() => expect(h.applied).toHaveLength(2));
    const names = (h.applied[1].userSheets ?? []).map((s) => s.name);
    expect(names.sort()).toEqual(["Plan 2025-01 张三", "Plan 2025-01 李四"].sort());
    await screen.findByText(/Written: /);
  });
});
