/** Row walking (src/sheets/rows.ts): totals rows are recognised exactly, with or without the shortcut. */
import fc from "fast-check";
import { isTotalsLabel, isTotalsOrSubtotalLabel, ruledOutAsTotals } from "../../src/sheets/rows";
import { runPipeline } from "../../src/pipeline/run";
import { serial, sheet, workbook } from "../support/grids";

describe("totals labels", () => {
  it("recognises the words in their written forms", () => {
    for (const s of ["合计", " 合 计：", "总计", "小计", "Total", "TOTALS:", "Grand Total", "ＴＯＴＡＬ", "sum", "Subtotal"]) expect(isTotalsLabel(s)).toBe(true);
    for (const s of ["合计金额", "C000001", "上海00001商贸有限公司", "提货", "totally", "TP-A100", "2024-01-01"]) expect(isTotalsLabel(s)).toBe(false);
  });

  it("the first/last-character shortcut never rules out a real totals or subtotal label", () => {
    const words = ["合计", "总计", "小计", "总合计", "total", "totals", "grandtotal", "subtotal", "sum", "Grand Total", "SUB TOTAL", "客户小计", "本页合计", "小计(张三)", "Total for East"];
    const pad = fc.stringMatching(/^[ \t\u3000:：()（）]{0,3}$/);
    const noise = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: "grapheme", maxLength: 6 }), fc.constantFrom("华东", "ABC", "(张三)", "x"));
    fc.assert(
      fc.property(pad, fc.constantFrom(...words), pad, noise, fc.integer({ min: 0, max: 2 }), (a, w, b, n, shape) => {
        const s = shape === 0 ? a + w + b : shape === 1 ? n + w + b : a + w + n;
        if (isTotalsOrSubtotalLabel(s)) expect(ruledOutAsTotals(s)).toBe(false);
      }),
      { numRuns: 5000 },
    );
    // And on arbitrary text, including full-width forms that NFKC folds into ASCII.
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("ＴＯＴＡＬ", "ｓｕｍ", "\u3000合计", "：总计", "(小计x", "客户小计）", "合计\u3000")), (s) => {
        if (isTotalsOrSubtotalLabel(s)) expect(ruledOutAsTotals(s)).toBe(false);
      }),
      { numRuns: 5000 },
    );
    for (const s of ["(小计x", "客户小计", "本页合计：", "合计\u3000"]) expect([s, isTotalsOrSubtotalLabel(s), ruledOutAsTotals(s)]).toEqual([s, true, false]);
  });

  it("the shortcut does rule out ordinary ids, names and models", () => {
    for (const s of ["C000001", "上海00001商贸有限公司", "提货", "退货", "2024-01-01", "A100", "华东办事处"]) expect(ruledOutAsTotals(s)).toBe(true);
  });
});

describe("the issue log in the sheet's row order", () => {
  it("a bad cell above a totals row is reported before the totals note, on the sales sheet and the customer sheet alike", () => {
    const sales = sheet("销售记录", [
      ["日期", "客户编号", "型号", "数量", "金额"],
      [serial("2024-03-01"), "C1", "X", 1, 100],
      ["2024-13-45", "C1", "X", 1, 100],
      ["合计", null, null, 2, 200],
      [serial("2024-03-02"), "C2", "Y", "lots", 50],
      ["总计", null, null, 3, 300],
    ]);
    const customers = sheet("客户资料", [["客户编号", "客户名称", "销售进程"], ["C1", "甲", "x"], ["合计", null, null], ["C2", "乙", "y"]]);
    const out = runPipeline(workbook(customers, sales), { period: "2024-03..2024-03" });
    const where = (sheetName: string) => out.issues.filter((i) => i.sheet === sheetName && (i.code === "row.totals" || i.code.startsWith("value.bad"))).map((i) => `${i.code} ${i.cell}`);
    expect(where("销售记录")).toEqual(["value.bad.date A3", "row.totals A4", "value.bad.quantity D5", "row.totals A6"]);
    expect(where("客户资料")).toEqual(["value.bad.stage C2", "row.totals A3", "value.bad.stage C4"]);
  });
});
