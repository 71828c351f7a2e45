/** @jest-environment jsdom */
/**
 * The mapping step pre-filled from the pipeline's detector (issue 16): title rows and a
 * two-row header are read, the evidence and the close alternative are shown.
 */
import * as React from "react";
import { screen } from "@testing-library/react";
import { MappingStep } from "../../src/taskpane/components/MappingStep";
import * as engine from "../../src/taskpane/services/engine";
import type { CellValue, WorkbookGrids } from "../../src/sheets/grid";
import { serial } from "../support/grids";
import { renderWithI18n } from "./fixtures";

function ledger(): WorkbookGrids {
  const rows: CellValue[][] = [
    ["2024 年出库明细"],
    ["发货日期", "客户", null, "商品", null, null, "价税合计"],
    [null, "编码", "名称", "编码", "名称", "数量", null],
  ];
  for (let i = 0; i < 40; i++) rows.push([serial("2024-05-0" + ((i % 9) + 1)), `K${i % 7}`, `客户${i % 7}`, `P${i % 3}`, `产品${i % 3}`, 1 + (i % 5), 100.5 * (1 + (i % 5))]);
  return { sheets: [{ name: "出库", rows, origin: { row: 0, col: 0 } }] };
}

describe("mapping step from the detector", () => {
  it("picks the ledger below a title row, joins the two-row header, and keeps the evidence", () => {
    const m = engine.detectMapping(ledger());
    expect(m.sales.sheet).toBe("出库");
    expect(m.sales.headerRow).toBe(2);
    const f = (k: string) => m.sales.fields.find((x) => x.key === k)!;
    expect(f("date").header).toBe("发货日期");
    expect(f("customerId").header).toBe("客户编码");
    expect(f("model")).toMatchObject({ header: "商品名称", alternative: "商品编码" });
    expect(f("quantity").header).toBe("商品数量");
    expect(f("amount").header).toBe("价税合计");
    expect(f("date").evidence).toEqual({ en: "100% dates", zh: "100% 为日期" });
    // Nothing was changed by hand: no --map override.
    const opts = engine.toRunOptions(m, { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" }, "zh");
    expect(opts.map).toBeUndefined();
  });

  it("shows the evidence and the close alternative under the dropdowns", () => {
    renderWithI18n(<MappingStep mapping={engine.detectMapping(ledger())} onSheet={() => {}} onColumn={() => {}} />, "zh");
    expect(screen.getByText("依据：100% 为日期")).toBeTruthy();
    expect(screen.getByText(/接近的另一列：商品编码/)).toBeTruthy();
    expect(screen.getByText(/表头在第 3 行 · 销售明细/)).toBeTruthy();
  });
});
