/**
 * Excel below ExcelApi 1.16 cannot report the 1904 date system (the Excel host flags the grids):
 * the run says so once, and runs.
 */
import { runPipeline } from "../../src/pipeline/run";
import type { WorkbookGrids } from "../../src/sheets/grid";

function book(flag: boolean): WorkbookGrids {
  const sales = {
    name: "销售记录",
    origin: { row: 0, col: 0 },
    rows: [
      ["日期", "客户编号", "型号", "数量", "金额"],
      [45292, "C1", "M1", 2, 200],
      [45323, "C2", "M1", 1, 100],
    ],
  };
  return { sheets: [sales], ...(flag ? { dateSystemUnknown: true } : {}) };
}

describe("unknown date system (Excel below ExcelApi 1.16)", () => {
  it("is noted once, and the run goes on", () => {
    const out = runPipeline(book(true), { now: "2024-03-01T00:00:00Z", lang: "zh" });
    const notes = out.issues.filter((i) => i.code === "dates.systemUnknown");
    expect(notes).toHaveLength(1);
    expect(notes[0].severity).toBe("info");
    expect(notes[0].messageZh).toContain("1904");
    expect(out.failed).toBe(false);
    expect(out.summary.customers.map((c) => c.customerId).sort()).toEqual(["C1", "C2"]);
  });

  it("is not said when the host knows the date system", () => {
    const out = runPipeline(book(false), { now: "2024-03-01T00:00:00Z", lang: "zh" });
    expect(out.issues.some((i) => i.code === "dates.systemUnknown")).toBe(false);
  });
});
