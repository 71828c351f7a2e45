/**
 * The loader's one customer index: the customer reader, every sales sheet and the analyses'
 * customers-by-ID all go through it, so it must agree with a map built from the customer list.
 */
import { runPipeline } from "../../src/pipeline/run";
import { serial, sheet, workbook } from "../support/grids";

describe("the loader's customer index", () => {
  const master = sheet("客户资料", [["客户编号", "客户名称", "渠道类型"], ["C1", "甲", "分销"], ["C2", "乙", "大客户"], ["C1", "甲again", "分销"], ["C3", "丙", ""]]);
  const march = sheet("销售记录", [
    ["日期", "客户编号", "客户名称", "型号", "数量", "金额"],
    [serial("2024-03-01"), "C2", "乙", "X", 1, 100],
    [serial("2024-03-02"), "N1", "新一", "X", 2, 200],
    [serial("2024-03-03"), "C1", "甲", "Y", 1, 50],
  ]);
  const april = sheet("提货明细", [
    ["日期", "客户编号", "客户名称", "型号", "数量", "金额"],
    [serial("2024-04-01"), "N2", "新二", "X", 1, 10],
    [serial("2024-04-02"), "N1", "新一", "X", 1, 10],
    [serial("2024-04-03"), "C3", "丙", "X", 1, 10],
  ]);
  const out = runPipeline(workbook(master, march, april), { period: "2024-03..2024-04" });
  const { customers, customerById, ledger } = out.context.data;

  it("answers like a map of the customer list: duplicates once (the first row), lines' customers after the sheet's", () => {
    expect(customers.map((c) => c.customerId)).toEqual(["C1", "C2", "C3", "N1", "N2"]);
    const reference = new Map(customers.map((c) => [c.customerId, c]));
    expect(customerById.size).toBe(reference.size);
    expect([...customerById]).toEqual([...reference]);
    expect([...customerById.keys()]).toEqual([...reference.keys()]);
    expect([...customerById.values()]).toEqual([...reference.values()]);
    for (const id of [...reference.keys(), "nobody"]) {
      expect(customerById.get(id)).toBe(reference.get(id));
      expect(customerById.has(id)).toBe(reference.has(id));
    }
    expect(customerById.get("C1")?.name).toBe("甲");
    const seen: string[] = [];
    customerById.forEach((c, id, map) => {
      expect(map).toBe(customerById);
      expect(c.customerId).toBe(id);
      seen.push(id);
    });
    expect(seen).toEqual([...reference.keys()]);
    expect(out.issues.find((i) => i.code === "customer.duplicateId")).toMatchObject({ cell: "A4", message: expect.stringContaining("first at A2") });
  });

  it("numbers every line's customer across both sales sheets with the same index, and gives each line its customer's channel", () => {
    // C1 C2 C3 from the sheet, then N1 (March) and N2 (April) in order of first line.
    expect([...ledger.customer]).toEqual([1, 3, 0, 4, 3, 2]);
    const lines = ledger.lines();
    expect(lines.map((l) => l.channel)).toEqual(["keyAccount", null, "distribution", null, null, null]);
    expect(customerById.get("N1")?.name).toBe("新一");
  });

  it("gives per-customer results in the customers' order by ID through the same index (XYZ's rows)", () => {
    const labels = customers.map((c) => `${c.customerId}:${c.name}`);
    const byId = customerById.alongside(labels);
    expect([...byId]).toEqual(customers.map((c, i) => [c.customerId, labels[i]]));
    expect(byId.get("N2")).toBe("N2:新二");
    expect(byId.get("nobody")).toBeUndefined();
    expect(() => customerById.alongside(labels.slice(1))).toThrow(/4 values for 5 customers/);
    // The run's XYZ rows are found this way: one per customer, each under its own ID.
    const xyz = out.context.results.xyz!;
    expect(xyz.size).toBe(customers.length);
    for (const c of customers) expect(xyz.get(c.customerId)?.customerId).toBe(c.customerId);
  });
});
