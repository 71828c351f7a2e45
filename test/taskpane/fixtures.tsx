/** Shared test material for the task pane: a small workbook, a fake host, rendering helpers. */
import * as React from "react";
import { render } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { CellValue, WorkbookGrids } from "../../src/sheets/grid";
import type { Lang } from "../../src/i18n";
import { I18nProvider } from "../../src/i18n/react";
import type { ApplyOutcome, EngineHost } from "../../src/taskpane/services/EngineHost";
import type { WorkbookPatch } from "../../src/report/patch";
import { memorySettings } from "../../src/taskpane/settings";
import { serial } from "../support/grids";

// jsdom has no ResizeObserver (Fluent's MessageBar watches its width); every browser the pane runs in has one.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

export const CUSTOMER_ROWS: CellValue[][] = [
  ["客户编号", "客户名称", "办事处", "渠道类型", "销售代表"],
  ...Array.from({ length: 10 }, (_, i) => [`C${String(i + 1).padStart(3, "0")}`, `客户${i + 1}`, i < 5 ? "杭州办事处" : "宁波办事处", "社会渠道直供", i % 2 ? "张三" : "李四"] as CellValue[]),
];

export const SALES_ROWS: CellValue[][] = [
  ["日期", "客户编号", "型号", "数量", "单价", "金额"],
  ...Array.from({ length: 30 }, (_, i) => {
    const month = (i % 12) + 1;
    const qty = 10 + ((i * 7) % 23);
    return [serial(`2024-${String(month).padStart(2, "0")}-15`), `C${String((i % 10) + 1).padStart(3, "0")}`, "I9300", qty, 100, qty * 100 * (1 + (i % 10))] as CellValue[];
  }),
  ["2024-13-45", "C001", "I9300", 5, 100, 500],
];

export function demoGrids(): WorkbookGrids {
  return {
    sheets: [
      { name: "客户资料", rows: CUSTOMER_ROWS, origin: { row: 0, col: 0 } },
      { name: "销售记录", rows: SALES_ROWS, origin: { row: 0, col: 0 } },
    ],
  };
}

/** An in-memory EngineHost: `read` may be held back to watch the progress. */
export function fakeHost(grids: WorkbookGrids = demoGrids(), opts: { holdRead?: boolean } = {}) {
  const applied: WorkbookPatch[] = [];
  const selected: [string, string][] = [];
  let release: (() => void) | null = null;
  let reads = 0;
  const host: EngineHost = {
    kind: "excel",
    settings: memorySettings(),
    async read() {
      reads++;
      if (opts.holdRead && reads > 1) await new Promise<void>((r) => (release = r));
      return grids;
    },
    async apply(patch: WorkbookPatch): Promise<ApplyOutcome> {
      applied.push(patch);
      return { createdUserSheets: (patch.userSheets ?? []).map((s) => s.name), skippedUserSheets: [] };
    },
    selectCell: async (sheet, cell) => {
      selected.push([sheet, cell]);
    },
    undoSupported: false,
    undoLastRun: async () => false,
    describeError: (e) => ({ code: "Test", message: String(e), messageZh: String(e) }),
  };
  return { host, applied, selected, release: () => release?.() };
}

export function renderWithI18n(ui: React.ReactElement, lang: Lang = "en") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider lang={lang}>{ui}</I18nProvider>
    </FluentProvider>,
  );
}

export function renderPlain(ui: React.ReactElement) {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}
