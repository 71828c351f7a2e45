import { BAD, parseContractStatus, parseIntent, parseStage, parseTemperature } from "../../../src/sheets/values";

describe("funnel notations", () => {
  it("stage as a number or text", () => {
    expect([4, "4", "进程4", "4-有选择我们的意向", "有选择我们的意向", "Stage 5", "合同已到期", "合同中", "４"].map(parseStage)).toEqual([4, 4, 4, 4, 4, 5, 7, 6, 4]);
    expect([8, 3.5, "九", "stage x"].map(parseStage)).toEqual([BAD, BAD, BAD, BAD]);
    expect(parseStage(null)).toBeNull();
  });

  it("temperature as Hot/Warm/Cold/Denial, A类/B类/C类/废弃, or both together", () => {
    expect(["Hot", "hot", "A类", "a类", "B类", "C类", "废弃", "Denial", "A类(Hot)", "Hot / A类", "C类（Cold）"].map(parseTemperature)).toEqual([
      "Hot", "Hot", "Hot", "Hot", "Warm", "Cold", "Denial", "Denial", "Hot", "Hot", "Cold",
    ]);
    expect(["A类(Cold)", "温热", "E类", "Hot Hot Sauce"].map(parseTemperature)).toEqual([BAD, BAD, BAD, BAD]);
  });

  it("intent as 1–5 or the Chinese / English labels", () => {
    expect([1, 5, "3", "4-成交意向好", "意向 2", "成交可能性很大", "可能性差", "Very likely", "good"].map(parseIntent)).toEqual([1, 5, 3, 4, 2, 5, 1, 5, 4]);
    expect([0, 6, 2.5, "4.5", "很好"].map(parseIntent)).toEqual([BAD, BAD, BAD, BAD, BAD]);
  });

  it("contract status in Chinese or English", () => {
    expect(["无合同", "合同中", "合同已到期", "None", "Active", "Expired", "No contract", "Under contract", "已过期"].map(parseContractStatus)).toEqual([
      "none", "active", "expired", "none", "active", "expired", "none", "active", "expired",
    ]);
    expect(parseContractStatus("待定")).toBe(BAD);
  });
});
