/**
 * The demo workbook's 返利政策 and 价格体系 rows (examples/make-demo.ts) parse without issues
 * and produce every rebate output for 2024-12. Read with the .xlsx host, as the CLI does.
 */
import * as fs from "fs";
import * as path from "path";
import { buildDemo } from "../../examples/make-demo";
import { KIND_MODULES } from "../../src/domain/rebates";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { RunOutput, runPipeline } from "../../src/pipeline/run";

const DEMO = path.resolve(__dirname, "../../examples/demo.xlsx");

let out: RunOutput;

beforeAll(async () => {
  const bytes = fs.existsSync(DEMO) ? new Uint8Array(fs.readFileSync(DEMO)) : (await buildDemo()).bytes;
  out = runPipeline(readWorkbook(bytes), { month: "2024-12" }, ["rebates"]);
});

describe("demo workbook rebates (2024-12)", () => {
  it("reads all twelve rules and the price list without a single issue on the policy sheets (beyond the SPEC §8 notes)", () => {
    // The notes of SPEC §8: customers without a December plan get no target rebate, those without Q4 2023 sales no growth rebate.
    const notes = out.issues.filter((i) => i.code.startsWith("rebate.noReference."));
    expect(notes.map((i) => i.code).sort()).toEqual(["rebate.noReference.growth", "rebate.noReference.target"]);
    expect(out.issues.filter((i) => !notes.includes(i) && (i.sheet === "返利政策" || i.sheet === "价格体系" || i.sheet === "回款明细" || i.code.startsWith("rebate.")))).toEqual([]);
    const rules = out.context.data.policy.rebates;
    expect(rules.map((r) => r.ruleId)).toEqual(["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "T1", "H1", "G1"]);
    expect(rules.find((r) => r.ruleId === "T1")).toMatchObject({ kind: "target", thresholds: [0.9, 1, 1.1], paymentForm: "goods", cycle: "month" });
    expect(rules.find((r) => r.ruleId === "H1")).toMatchObject({ kind: "collection", thresholds: [0, 50_000_000], mode: "graduated", daysLimit: 30, paymentForm: "invoiceDiscount" });
    expect(rules.find((r) => r.ruleId === "G1")).toMatchObject({ kind: "growth", mode: "increment", paymentForm: "cash" });
    expect(rules.find((r) => r.ruleId === "R5")).toMatchObject({ kind: "volume", thresholds: [400, 1000], rates: [{ perUnit: 2600 }, { perUnit: 4300 }], mode: "wholeVolume" });
    expect(rules.find((r) => r.ruleId === "R7")).toMatchObject({ kind: "contract", channels: ["direct"], rates: [{ perUnit: 10000 }] });
    expect(rules.find((r) => r.ruleId === "R8")).toMatchObject({ kind: "contract", channels: ["direct"], rates: [{ perUnit: 7000 }] });
    expect(out.context.data.policy.prices.length).toBe(40);
  });

  it("pays every kind, ties the reconciliation and the lines to the statement", () => {
    const r = out.summary.rebates;
    expect(r.month).toBe("2024-12");
    for (const k of ["pickup", "volume", "contract", "other", "target", "collection", "growth"] as const) expect(r.byCustomer.some((c) => (c[k] ?? 0) > 0)).toBe(true);
    const rec = out.context.results.rebates!.reconciliation;
    expect(rec.rebatedAmount + rec.notRebatedAmount).toBe(rec.salesAmount);
    const res = out.context.results.rebates!;
    // The lines carry the sales-line kinds; target, collection and growth settle per customer × rule.
    const byLine = res.statement.filter((s) => KIND_MODULES[s.rule.kind].byLine).reduce((a, s) => a + s.thisMonth, 0);
    expect(res.lines.reduce((a, l) => a + l.rebate, 0)).toBe(byLine);
    expect(res.statement.reduce((a, s) => a + s.thisMonth, 0)).toBe(res.total);
    const v = out.context.results.rebateVouchers!;
    expect(v.debit).toBe(v.credit);
    expect(v.entries.filter((e) => e.accountCode === "6601").reduce((a, e) => a + e.debit - e.credit, 0)).toBe(res.total);
    // Contract-plan rebates go to direct-supply customers only.
    expect(res.lines.filter((l) => l.rule.kind === "contract").every((l) => l.line.channel === "direct" && l.line.contractPlan)).toBe(true);
    const names = out.patch.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["返利明细", "返利对账单", "返利凭证", "返利预测"]));
    const st = out.patch.sheets.find((s) => s.name === "返利对账单")!;
    expect(st.charts[0].categories.rows).toEqual([0, 19]);
    const statement = st.blocks.find((b) => b.id === "rebates.statement")!;
    expect(statement.rows.some((row) => typeof row[13] === "string" && /^再提 \d+ 台 I9300 达到 (400|1000) 台档$/.test(row[13] as string))).toBe(true);
  });
});
