/**
 * Profile cards (客户资料卡, issue 18): for the chosen list (`--cards`; "A" = the A/VKA
 * accounts, the default), one card per page in the workbook; JSON `cards`. `cardFor` builds one
 * customer's card from a finished run, for the task pane.
 */
import { monthIndex, monthIndexFromKey } from "../domain/calendar";
import { profileCard, selectCardCustomers, type ProfileCard } from "../domain/profileCard";
import { firstPlannedVisits } from "../domain/visits";
import type { SalesLine } from "../domain/model";
import type { Analysis, RunContext } from "../pipeline/context";
import { cardsSheet } from "../report/profileCard";

export const cardsAnalysis: Analysis = {
  id: "cards",
  label: { zh: "客户资料卡", en: "Profile cards" },
  run(ctx: RunContext) {
    if (!ctx.cards || !ctx.results.tiering) return;
    const ids = selectCardCustomers(ctx.cards, ctx.data.customers.map((c) => {
      const t = ctx.results.tiering!.byId.get(c.customerId);
      return { customerId: c.customerId, abc: t?.abc.abc ?? null, grade: t?.grade.grade ?? null, rank: t?.abc.rank ?? null };
    }));
    const unknown = ctx.cards.filter((w) => !/^(A|B|C|VKA|V[1-4])$/i.test(w) && !ctx.data.customerById.has(w));
    if (unknown.length) ctx.issues.warn("cards.unknownCustomers", `No such customers for profile cards: ${unknown.slice(0, 10).join(", ")}`, `客户资料卡：找不到客户 ${unknown.slice(0, 10).join("、")}`);
    const lines = linesByCustomer(ctx.data.sales);
    const cards = ids.map((id) => cardFor(ctx, id, lines)!);
    ctx.patch.sheets.push(cardsSheet(cards, ctx.lang));
    ctx.summary.cards = { customerIds: ids };
  },
};

function linesByCustomer(sales: readonly SalesLine[]): Map<string, SalesLine[]> {
  const m = new Map<string, SalesLine[]>();
  for (const l of sales) {
    let list = m.get(l.customerId);
    if (!list) m.set(l.customerId, (list = []));
    list.push(l);
  }
  return m;
}

/** One customer's card from a finished run (null for an unknown ID). */
export function cardFor(ctx: RunContext, customerId: string, lines?: Map<string, SalesLine[]>): ProfileCard | null {
  const c = ctx.data.customerById.get(customerId);
  if (!c) return null;
  const r = ctx.results;
  const own = lines?.get(customerId) ?? ctx.data.sales.filter((l) => l.customerId === customerId);
  const trendEnd = ctx.period ? monthIndex(ctx.period.to) : ctx.month ?? 0;
  const planMonth = r.plan ? monthIndexFromKey(r.plan.month) : null;
  const cov = r.visits?.coverage.find((x) => x.customerId === customerId);
  const next = r.visits ? firstPlannedVisits(r.visits.plan).get(customerId) ?? null : null;
  return profileCard(c, own, trendEnd, {
    tier: r.tiering?.byId.get(customerId),
    xyz: r.xyz?.get(customerId)?.xyz,
    plan: r.plan && planMonth !== null ? { month: r.plan.month, account: r.plan.accounts.find((a) => a.customerId === customerId) } : undefined,
    rebates: r.rebates ? { month: r.rebates.monthKey, rows: r.rebates.statement.filter((s) => s.customerId === customerId) } : undefined,
    stock: r.stock?.filter((s) => s.customerId === customerId),
    visits: r.visits ? { lastVisit: cov?.lastVisit ?? latestVisit(ctx, customerId), nextVisit: next } : undefined,
  });
}

function latestVisit(ctx: RunContext, id: string): number | null {
  let last: number | null = null;
  for (const e of ctx.data.jobs.visitLog) if (e.customerId === id && (last === null || e.date > last)) last = e.date;
  return last;
}
