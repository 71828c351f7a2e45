/**
 * ABC-XYZ (SPEC §9): each customer's regularity class from the coefficient of variation of
 * its monthly net revenue; the class beside the tier columns, a 3×3 ABC × XYZ matrix in
 * 分级汇总, and the JSON `customers[].xyz` and `xyz`.
 */
import { toYuan, roundTo } from "../domain/money";
import { abcXyzMatrix, computeXyz, DEFAULT_XYZ, XYZ_CLASSES, xyzRowsByLedger } from "../domain/xyz";
import type { Analysis, RunContext } from "../pipeline/context";
import { writeTieringReport } from "./tiering";

export const xyzAnalysis: Analysis = {
  id: "xyz",
  label: { zh: "ABC-XYZ 分析", en: "ABC-XYZ" },
  run(ctx: RunContext) {
    const tiering = ctx.results.tiering;
    if (!tiering) return;
    // Tiering left its outputs to this analysis: without a period there is no XYZ to add.
    if (!ctx.period) return writeTieringReport(ctx, tiering, null);
    let t = ctx.data.policy.jobs.xyz;
    if (!(t.x <= t.y)) {
      ctx.issues.error("policy.xyz", `XYZ thresholds: X (${t.x}) must not exceed Y (${t.y}); defaults used`, `XYZ 分界：X（${t.x}）不能高于 Y（${t.y}），已使用默认值`, ctx.data.policySheets.tierRules ? { sheet: ctx.data.policySheets.tierRules } : undefined);
      t = DEFAULT_XYZ;
    }
    const { customers, ledger, customerById } = ctx.data;
    // The loader's ledger numbers its customers as `customers` does: rows by ledger index,
    // found through the run's customer index.
    const aligned = ledger.customerIds.length === customers.length && ledger.numbersLike(customers);
    const rows = aligned ? customerById.alongside(xyzRowsByLedger(ledger, ctx.period, t)) : computeXyz(customers.map((c) => c.customerId), ledger, ctx.period, t);
    ctx.results.xyz = rows;
    const matrix = abcXyzMatrix(tiering.abc.rows.map((r) => ({ abc: r.abc, xyz: rows.get(r.customerId)!.xyz, revenue: r.revenue })));
    writeTieringReport(ctx, tiering, { rows, matrix, thresholds: t });

    for (const c of ctx.summary.customers) {
      const r = rows.get(c.customerId);
      if (!r) continue;
      c.xyz = r.xyz;
      c.cv = r.cv === null ? null : roundTo(r.cv, 4);
    }
    const cell = (a: "A" | "B" | "C", x: "X" | "Y" | "Z") => ({ count: matrix[a][x].count, revenue: toYuan(matrix[a][x].revenue) });
    const row = (a: "A" | "B" | "C") => Object.fromEntries(XYZ_CLASSES.map((x) => [x, cell(a, x)])) as Record<"X" | "Y" | "Z", { count: number; revenue: number }>;
    ctx.summary.xyz = { A: row("A"), B: row("B"), C: row("C"), thresholds: { x: t.x, y: t.y } };
  },
};
