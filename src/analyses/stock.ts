/**
 * Dealer stock and sell-through (SPEC §9): per dealer × model sell-in, sell-through, stock,
 * days of stock and alerts; sheet 销售进度及库存 with a chart; overstocked dealers become
 * priority calls (overstockCallReasons, read by the call list); JSON `stock`.
 * Also says, once, which of SPEC §9's optional jobs were skipped for want of their sheets.
 */
import type { CallReason } from "../domain/callList";
import { isoDate } from "../domain/calendar";
import { roundTo } from "../domain/money";
import { computeStock, overstockedDealers } from "../domain/stock";
import type { Analysis, RunContext } from "../pipeline/context";
import { stockSheet } from "../report/stock";

export const stockAnalysis: Analysis = {
  id: "stock",
  label: { zh: "库存与动销", en: "Stock and sell-through" },
  run(ctx: RunContext) {
    noteSkippedJobs(ctx);
    const { jobs, policy } = ctx.data;
    if (!jobs.sheets.stock || !jobs.stock.length) return;
    const t = policy.jobs.stock;
    const rows = computeStock(jobs.stock, ctx.data.sales, jobs.sellOut, t);
    ctx.results.stock = rows;
    const unknown = new Set(rows.filter((r) => !ctx.data.customerById.has(r.customerId)).map((r) => r.customerId));
    if (unknown.size) {
      ctx.issues.warn("stock.unknownCustomers", `${unknown.size} customer IDs in the stock sheet are not customers: ${[...unknown].slice(0, 5).join(", ")}`, `库存表中有 ${unknown.size} 个客户编号不在客户清单中：${[...unknown].slice(0, 5).join("、")}`, { sheet: jobs.sheets.stock });
    }
    for (const r of rows) {
      if (!r.negativeSellThrough) continue;
      ctx.issues.warn(
        "stock.negativeSellThrough",
        `${r.customerId} / ${r.model}: stock rose by more than was bought (${r.openingStock} + ${r.sellIn} < ${r.stock} by ${isoDate(r.windowEnd)}): sell-through taken as 0`,
        `${r.customerId} / ${r.model}：库存增加超过进货（${r.openingStock} + ${r.sellIn} < ${r.stock}，截至 ${isoDate(r.windowEnd)}），动销按 0 计`,
        { sheet: jobs.sheets.stock },
      );
    }
    const byId = ctx.data.customerById;
    ctx.patch.sheets.push(stockSheet(rows, { lang: ctx.lang, customerName: (id) => byId.get(id)?.name, thresholds: t }));
    ctx.summary.stock = rows.map((r) => ({
      customerId: r.customerId,
      model: r.model,
      sellIn: r.sellIn,
      sellThrough: r.sellThrough,
      stock: r.stock,
      daysOfStock: r.daysOfStock === null ? null : roundTo(r.daysOfStock, 1),
      flag: r.flag,
    }));
  },
};

/** The call list's hook: overstocked dealers are priority calls ("a call, not a shipment"). */
export function overstockCallReasons(ctx: RunContext): Map<string, CallReason[]> | undefined {
  const rows = ctx.results.stock;
  if (!rows) return undefined;
  const out = new Map<string, CallReason[]>();
  for (const [id, o] of overstockedDealers(rows)) out.set(id, [{ kind: "overstock", models: o.models, days: o.days }]);
  return out;
}

/** One note naming the optional jobs whose sheets the workbook does not have. */
function noteSkippedJobs(ctx: RunContext): void {
  const s = ctx.data.jobs.sheets;
  const skipped: { zh: string; en: string }[] = [];
  if (!s.stock) skipped.push({ zh: "库存与动销（库存）", en: "stock and sell-through (Stock)" });
  if (!s.requests) skipped.push({ zh: "配货方案（配货申请、可供数量）", en: "allocation (Requests, Supply)" });
  if (!s.visitLog && !ctx.data.policy.jobs.visitsConfigured) skipped.push({ zh: "拜访计划（拜访记录 或 拨打计划中的拜访参数）", en: "visit plan (Visits sheet or visit settings in CallPlan)" });
  if (!skipped.length) return;
  ctx.issues.info(
    "jobs.skipped",
    `Skipped, their sheets are not in the workbook: ${skipped.map((x) => x.en).join("; ")}`,
    `未找到相应工作表，已跳过：${skipped.map((x) => x.zh).join("；")}`,
  );
}
