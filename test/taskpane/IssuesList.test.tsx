/** @jest-environment jsdom */
/** The issues list: each cell can be selected in Excel, by mouse or keyboard; text otherwise. */
import * as React from "react";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Issue } from "../../src/domain/issues";
import { IssuesList } from "../../src/taskpane/components/IssuesList";
import { renderWithI18n } from "./fixtures";

const ISSUES: Issue[] = [
  { severity: "error", code: "value.bad.date", sheet: "销售记录", cell: "A1003", message: '"2024-13-45" is not a valid date', messageZh: '"2024-13-45" 不是有效的日期' },
  { severity: "warning", code: "value.bad.amount", sheet: "销售记录", cell: "G17", message: "Amount is text", messageZh: "金额为文本", count: 25 },
  { severity: "info", code: "customers.derived", message: "No customer sheet", messageZh: "无客户资料表" },
];

describe("IssuesList", () => {
  it("selects an issue's cell when its address is clicked", async () => {
    const onSelect = jest.fn();
    renderWithI18n(<IssuesList issues={ISSUES} onSelect={onSelect} />);
    await userEvent.click(screen.getByRole("button", { name: "Select 销售记录!A1003 in Excel" }));
    expect(onSelect).toHaveBeenCalledWith("销售记录", "A1003");
  });

  it("is keyboard operable: Tab to the second cell, Enter selects it", async () => {
    const onSelect = jest.fn();
    renderWithI18n(<IssuesList issues={ISSUES} onSelect={onSelect} />);
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe("销售记录!G17");
    await userEvent.keyboard("{Enter}");
    expect(onSelect).toHaveBeenCalledWith("销售记录", "G17");
  });

  it("shows severity, message in the pane's language and grouped counts", () => {
    renderWithI18n(<IssuesList issues={ISSUES} />, "zh");
    expect(screen.getByRole("heading", { name: "问题清单（3）" })).toBeTruthy();
    expect(screen.getByText("错误")).toBeTruthy();
    expect(screen.getByText('"2024-13-45" 不是有效的日期')).toBeTruthy();
    expect(screen.getByText("共 25 行类似问题")).toBeTruthy();
    // No host to select in (the standalone page): the address is text, not a button.
    expect(screen.queryAllByRole("button")).toHaveLength(0);
    expect(screen.getByText("销售记录!A1003")).toBeTruthy();
  });

  it("says so when there is nothing to report", () => {
    renderWithI18n(<IssuesList issues={[]} />);
    expect(screen.getByText("No problems found in the input.")).toBeTruthy();
  });
});
