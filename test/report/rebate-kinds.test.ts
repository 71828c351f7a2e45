/**
 * A new rebate kind flows to 返利明细 and 返利对账单 from one row in a (test-only) kinds
 * table: no report code names the kinds.
 */
import type { RebateKind } from "../../src/domain/model";
import { REBATE_KINDS, type RebateKindInfo, settleRebates } from "../../src/domain/rebates";
import type { Block, FormulaValue, SheetPatch } from "../../src/report/patch";
import { rebateLinesSheet, rebateStatementSheet } from "../../src/report/rebates";
import { line, mon, rule } from "../domain/rebates/helpers";

const DISPLAY: RebateKindInfo = { kind: "display", label: { zh: "陈列返利", en: "Display" } };
const KINDS: readonly RebateKindInfo[] = [...REBATE_KINDS, DISPLAY];

const block = (s: SheetPatch, id: string): Block => s.blocks.find((b) => b.id === id)!;
const col = (b: Block, key: string) => b.columns.findIndex((c) => c.key === key);

describe("rebate kinds table", () => {
  // C1: ¥10/unit volume rebate on 5 units = ¥50; a "display" rule paying 1% of ¥20,000 = ¥200.
  const rules = [
    rule({ ruleId: "V1", thresholds: [0], rates: [{ perUnit: 1000 }] }),
    rule({ ruleId: "G1", kind: "display" as RebateKind, basis: "amount", thresholds: [0], rates: [{ share: 0.01 }] }),
  ];
  const sales = [line("2024-12-03", "C1", 5, 20000)];
  const result = settleRebates(rules, sales, mon("2024-12"));
  const vocabulary = { lang: "zh" as const, customerNames: new Map([["C1", "华南通讯"]]), salesSheet: "销售记录" };

  test("返利明细: the kind's label, and a money column of its own with a total", () => {
    const b = block(rebateLinesSheet(result, vocabulary, KINDS), "rebates.lines");
    const g = col(b, "kind.display");
    expect(b.columns[g].header).toBe("陈列返利（元）");
    const growthRow = b.rows.find((r) => r[col(b, "ruleId")] === "G1")!;
    expect(growthRow[col(b, "kind")]).toBe("陈列返利");
    expect(growthRow[g]).toBe(200);
    expect(growthRow[col(b, "kind.volume")]).toBeNull();
    expect((b.rows[b.rows.length - 1][g] as FormulaValue).result).toBe(200);
  });

  test("返利对账单: a column per kind in the by-customer table, the kind's label in the statement", () => {
    const s = rebateStatementSheet(result, vocabulary, KINDS);
    const byCustomer = block(s, "rebates.byCustomer");
    expect(byCustomer.columns.map((c) => c.header)).toEqual(["排名", "客户编号", "客户名称", "提货返利（元）", "达量返利（元）", "合约返利（元）", "其他返利（元）", "任务返利（元）", "回款返利（元）", "增长返利（元）", "陈列返利（元）", "合计（元）"]);
    expect(byCustomer.rows[0]).toEqual([1, "C1", "华南通讯", 0, 50, 0, 0, 0, 0, 0, 200, 250]);
    const statement = block(s, "rebates.statement");
    expect(statement.rows.map((r) => r[col(statement, "kind")])).toEqual(["达量返利", "陈列返利", null]);
  });

  test("without the row in the table the kind has no column (the table drives the columns)", () => {
    const b = block(rebateStatementSheet(result, vocabulary), "rebates.byCustomer");
    expect(b.columns.some((c) => c.key === "kind.display")).toBe(false);
  });
});
