/** Reading 返利政策 / RebateRules: good rows become rules, every bad cell is an issue with its address. */
import { IssueLog } from "../../src/domain/issues";
import { readRebateRules } from "../../src/sheets/policy/rebateRules";
import { serial, sheet } from "../support/grids";

const HEADER = ["规则编号 / Rule ID", "型号 / Model", "渠道 / Channels", "类型 / Kind", "依据 / Basis", "门槛 / Thresholds", "返利 / Rates", "方式 / Mode", "生效日期 / Valid from", "失效日期 / Valid to", "备注 / Note"];
const Y = [serial("2024-01-01"), serial("2024-12-31")];
const Q4 = [serial("2024-10-01"), serial("2024-12-31")];

function read(rows: (string | number | null)[][]) {
  const issues = new IssueLog();
  const rules = readRebateRules(sheet("返利政策", [HEADER, ...rows]), issues);
  return { rules, issues: issues.list() };
}

describe("readRebateRules", () => {
  it("reads the training material's '1000/400' with '43/26' as 400 → 26 and 1000 → 43 (rates pair as written, then sort)", () => {
    const { rules, issues } = read([["R5", "I9300", "社会渠道直供", "达量返利", "数量", "1000/400", "43/26", "全量", ...Q4, "仅向提货社会渠道客户兑付"]]);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      ruleId: "R5", model: "I9300", channels: ["direct"], kind: "volume", basis: "quantity", mode: "wholeVolume",
      thresholds: [400, 1000], rates: [{ perUnit: 2600 }, { perUnit: 4300 }], validFrom: Q4[0], validTo: Q4[1], note: "仅向提货社会渠道客户兑付",
      source: { sheet: "返利政策", row: 1 },
    });
    // The re-ordering is shown, not silent; it is not an error.
    expect(issues.map((i) => [i.severity, i.code, i.cell])).toEqual([["info", "rebate.thresholdsSorted", "F2"]]);
    expect(issues[0].message).toContain("400 → 26, 1000 → 43");
  });

  it("reads amounts, shares, blank thresholds, graduated mode and several channels", () => {
    const { rules, issues } = read([
      ["R1", "I9300", "社会渠道直供, 联通渠道", "提货返利", "数量", null, 30, null, ...Y, null],
      ["R6", null, "社会渠道直供", "达量返利", "金额", "0/10万/300,000", "1%/2%/3%", "分段", ...Q4, null],
      ["R9", null, "大客户", "其他返利", null, null, "0.5%", null, ...Y, "陈列费"],
      ["R10", null, null, "other", "quantity", "100", "固定5000", "whole-volume", ...Y, null],
      ["V1", null, null, "volume", "amount", "5000/20000", "2%/4%", "whole-volume", ...Q4, null],
    ]);
    expect(issues).toEqual([]);
    expect(rules.map((r) => [r.ruleId, r.basis, r.mode, r.thresholds, r.rates, r.channels])).toEqual([
      ["R1", "quantity", "wholeVolume", [0], [{ perUnit: 3000 }], ["direct", "operator"]],
      ["R6", "amount", "graduated", [0, 10_000_000, 30_000_000], [{ share: 0.01 }, { share: 0.02 }, { share: 0.03 }], ["direct"]],
      ["R9", "amount", "wholeVolume", [0], [{ share: 0.005 }], ["keyAccount"]],
      ["R10", "quantity", "wholeVolume", [100], [{ fixed: 500_000 }], null],
      ["V1", "amount", "wholeVolume", [500_000, 2_000_000], [{ share: 0.02 }, { share: 0.04 }], null],
    ]);
  });

  it("reports each bad rule row with its cell and keeps the good rules", () => {
    const { rules, issues } = read([
      ["OK1", "I9300", "社会渠道直供", "提货返利", "数量", null, 30, null, ...Y, null], // row 2: good
      ["B1", "I9300", null, "达量返利", "数量", "400/1000", "26", "全量", ...Q4, null], // row 3: 2 thresholds, 1 rate
      ["B2", null, null, "返现", "数量", null, 10, null, ...Y, null], // row 4: unknown kind
      ["B3", null, null, "达量返利", "数量", "100/200", "1/2", "阶梯式", ...Y, null], // row 5: unknown mode
      ["B4", null, null, "提货返利", "重量", null, 10, null, ...Y, null], // row 6: unknown basis
      ["B5", null, "电商渠道", "提货返利", "数量", null, 10, null, ...Y, null], // row 7: unknown channel
      ["B6", null, null, "达量返利", "数量", "四百/1000", "26/43", "全量", ...Y, null], // row 8: text in thresholds
      ["B7", null, null, "提货返利", "数量", null, "三十", null, ...Y, null], // row 9: text in rates
      ["B8", null, null, "达量返利", "数量", "400/400", "26/43", "全量", ...Y, null], // row 10: thresholds not ascending
      ["OK1", "I9300", "社会渠道直供", "提货返利", "数量", null, 35, null, serial("2024-06-01"), serial("2025-05-31"), null], // row 11: overlaps row 2
      ["OK1", "I9300", "社会渠道直供", "提货返利", "数量", null, 35, null, serial("2025-01-01"), serial("2025-12-31"), null], // row 12: next period: fine
      ["B9", null, null, "提货返利", "数量", null, 10, null, "2024-13-01", ...Y.slice(1), null], // row 13: bad date
      ["B10", null, null, "达量返利", "数量", "0/100", "1%/2%", "分段", ...Y, null], // row 14: graduated % on a quantity basis
      ["B11", null, null, "提货返利", "数量", null, 0.02, null, ...Y, null], // row 15: 0.02 per unit is refused (a 2% cell)
      [null, null, null, "提货返利", "数量", null, 10, null, ...Y, null], // row 16: no rule id
      ["B12", null, null, "提货返利", "数量", null, 10, null, serial("2024-12-31"), serial("2024-01-01"), null], // row 17: from after to
    ]);
    expect(rules.map((r) => `${r.ruleId}@${r.source!.row + 1}`)).toEqual(["OK1@2", "OK1@12"]);
    const errors = issues.filter((i) => i.severity === "error").map((i) => [i.code, i.cell]);
    expect(errors).toEqual([
      ["rebate.lengthMismatch", "G3"],
      ["rebate.badKind", "D4"],
      ["rebate.badMode", "H5"],
      ["rebate.badBasis", "E6"],
      ["rebate.badChannel", "C7"],
      ["rebate.badThreshold", "F8"],
      ["rebate.badRate", "G9"],
      ["rebate.thresholdsNotAscending", "F10"],
      ["rebate.overlap", "I11"],
      ["value.bad.validFrom", "I13"],
      ["rebate.graduatedBasis", "G14"],
      ["rebate.badRate", "G15"],
      ["rebate.noRuleId", "A16"],
      ["rebate.badValidity", "J17"],
    ]);
    expect(issues.every((i) => i.sheet === "返利政策")).toBe(true);
    expect(issues.find((i) => i.code === "rebate.overlap")!.message).toContain("row 2");
    expect(issues.find((i) => i.cell === "G15")!.message).toContain("2%");
  });

  it("reports a sheet without the required columns", () => {
    const issues = new IssueLog();
    expect(readRebateRules(sheet("返利政策", [["型号", "备注"], ["I9300", "x"]]), issues)).toEqual([]);
    expect(issues.list()[0]).toMatchObject({ code: "policy.noHeader", sheet: "返利政策", cell: "A1" });
  });
});
