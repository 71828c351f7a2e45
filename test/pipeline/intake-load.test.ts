/**
 * Loader behaviour around detection (issue 16): unknown customer IDs named with their cells and
 * grouped past 20, --map in its old and per-table forms, a line list never taken as a master.
 */
import { GROUP_AFTER } from "../../src/domain/issues";
import { runPipeline } from "../../src/pipeline/run";
import { serial, sheet, workbook } from "../support/grids";

const master = sheet("客户资料", [["客户编号", "客户名称"], ["C1", "甲"], ["C2", "乙"]]);

describe("loading with the detector", () => {
  it("names every unknown customer ID with its first cell; past 20 they are one line with the count and first cells", () => {
    const rows = [["日期", "客户编号", "型号", "数量", "金额"], [serial("2024-03-01"), "C1", "X", 1, 100]];
    for (let i = 0; i < GROUP_AFTER + 5; i++) rows.push([serial("2024-03-02"), `N${i}`, "X", 1, 50], [serial("2024-03-03"), `N${i}`, "X", 1, 50]);
    const out = runPipeline(workbook(master, sheet("销售记录", rows)), { period: "2024-03..2024-03" });
    expect(out.failed).toBe(false);
    const unknown = out.issues.filter((i) => i.code === "sales.unknownCustomer");
    expect(unknown).toHaveLength(GROUP_AFTER + 1);
    expect(unknown[0]).toMatchObject({ sheet: "销售记录", cell: "B3", message: "Customer ID N0 is not in the customer sheet: added from the sales lines" });
    expect(unknown[1].cell).toBe("B5");
    const grouped = unknown[GROUP_AFTER];
    expect(grouped.count).toBe(5);
    expect(grouped.message).toMatch(/and 5 more like this, first at B43, B45, B47, B49, B51\)$/);
    expect(out.context.data.customers.map((c) => c.customerId)).toContain("N24");
  });

  it("keeps --map field=Header working, and the per-table form", () => {
    const sales = sheet("Data", [["Tag", "Who", "Thing", "N", "Money"], [serial("2024-03-01"), "C1", "X", 2, 200], [serial("2024-03-05"), "C2", "Y", 1, 50]]);
    const none = runPipeline(workbook(master, sales), { period: "2024-03..2024-03" });
    expect(none.failed).toBe(false); // the master still runs
    expect(none.context.data.sales).toHaveLength(0);
    const flat = runPipeline(workbook(master, sales), { period: "2024-03..2024-03", map: { date: "Tag", customerId: "Who", model: "Thing", quantity: "N", amount: "Money" } });
    expect(flat.context.data.sales.map((l) => [l.customerId, l.model, l.quantity, l.amount])).toEqual([["C1", "X", 2, 20000], ["C2", "Y", 1, 5000]]);
    const perTable = runPipeline(workbook(master, sales), { period: "2024-03..2024-03", map: { sales: "Data", "sales.date": "Tag", "sales.customerId": "Who", "sales.model": "Thing", "sales.quantity": "N" } });
    expect(perTable.context.data.sales).toHaveLength(2);
    expect(perTable.context.data.detection.sales[0].fields.model).toMatchObject({ header: "Thing", mapped: true });
    // The master's own columns are untouched by the sales-only map.
    expect(perTable.context.data.customerTable?.sheet).toBe("客户资料");
  });

  it("never takes an order list (IDs repeat) as the customer master", () => {
    const orders = sheet("订单", [["客户编号", "客户名称", "备注"], ["C1", "甲", "a"], ["C1", "甲", "b"], ["C2", "乙", "c"], ["C2", "乙", "d"], ["C1", "甲", "e"]]);
    const out = runPipeline(workbook(orders));
    const d = out.context.data.detection.sheets.find((s) => s.sheet === "订单")!;
    expect(d.role).toBe("other");
    expect(d.reason.en).toMatch(/repeat across rows: a line list/);
    expect(out.issues.filter((i) => i.code === "customer.duplicateId")).toEqual([]);
  });
});
