/**
 * Customer profile card (客户资料卡, issue 18): one page per account with its basic data, tier,
 * funnel state, plan, rebates and credit, assembled from the other analyses' results. Pure:
 * the workbook sheet, the CLI and the task pane all show the same card.
 */
import type { CreditFlag } from "./credit";
import { monthIndex, monthKeyFromIndex, type Day } from "./calendar";
import type { AbcClass, Customer, Grade, SalesLine, ScorecardCriterion, ValueClass } from "./model";
import type { Money } from "./money";
import type { PlanAccount } from "./plan";
import type { RebateStatementRow } from "./rebates";
import type { StockFlag, StockRow } from "./stock";
import type { CustomerTier } from "./tiering";
import type { XyzClass } from "./xyz";

export interface ProfileCard {
  customer: Customer;
  abc: AbcClass | null;
  revenue: Money | null;
  rank: number | null;
  valueClass: ValueClass | null;
  grade: Grade | null;
  xyz: XyzClass | null;
  score: number | null;
  scoreLetter: string | null;
  criteria: { criterion: ScorecardCriterion; value: number | null; scaled: number }[];
  creditUtilisation: number | null;
  creditFlag: CreditFlag | null;
  lastVisit: Day | null;
  nextVisit: Day | null;
  plan: { month: string; targetQty: number; actualQty: number; achievement: number | null } | null;
  /** Net revenue of the 12 months ending with `trendEnd` (oldest first). */
  trend: { month: string; revenue: Money }[];
  rebates: { month: string; thisMonth: Money; cumulative: Money; next: { ruleId: string; basis: "quantity" | "amount"; missing: number } | null } | null;
  stock: { model: string; stock: number; daysOfStock: number | null; flag: StockFlag | null }[];
}

export interface CardSources {
  tier?: CustomerTier;
  xyz?: XyzClass;
  plan?: { month: string; account?: PlanAccount };
  rebates?: { month: string; rows: RebateStatementRow[] };
  stock?: StockRow[];
  visits?: { lastVisit: Day | null; nextVisit: Day | null };
}

/** Net revenue per month of the 12 months ending with the month `endMonth` (month index). */
function monthlyTrend(lines: readonly SalesLine[], endMonth: number, months = 12): { month: string; revenue: Money }[] {
  const out = Array.from({ length: months }, (_, i) => ({ month: monthKeyFromIndex(endMonth - months + 1 + i), revenue: 0 }));
  for (const l of lines) {
    const i = monthIndex(l.date) - (endMonth - months + 1);
    if (i >= 0 && i < months) out[i].revenue += l.amount;
  }
  return out;
}

export function profileCard(customer: Customer, lines: readonly SalesLine[], trendEnd: number, src: CardSources): ProfileCard {
  const t = src.tier;
  const acc = src.plan?.account;
  const rows = src.rebates?.rows ?? [];
  // The nearest next tier over the customer's rules: what to tell the dealer first.
  const next = rows.filter((r) => r.next).sort((a, b) => a.next!.missing - b.next!.missing)[0];
  return {
    customer,
    abc: t?.abc.abc ?? null,
    revenue: t?.abc.revenue ?? null,
    rank: t?.abc.rank ?? null,
    valueClass: t?.value.valueClass ?? null,
    grade: t?.grade.grade ?? null,
    xyz: src.xyz ?? null,
    score: t?.score.score ?? null,
    scoreLetter: t?.score.letter ?? null,
    criteria: t?.score.parts.map((p) => ({ criterion: p.criterion, value: p.value, scaled: p.scaled })) ?? [],
    creditUtilisation: t?.credit.utilisation ?? null,
    creditFlag: t?.credit.flag ?? null,
    lastVisit: src.visits?.lastVisit ?? null,
    nextVisit: src.visits?.nextVisit ?? null,
    plan: src.plan && acc ? { month: src.plan.month, targetQty: acc.targetQty, actualQty: acc.actualQty, achievement: acc.achievement } : null,
    trend: monthlyTrend(lines, trendEnd),
    rebates: src.rebates
      ? {
          month: src.rebates.month,
          thisMonth: rows.reduce((s, r) => s + r.thisMonth, 0),
          cumulative: rows.reduce((s, r) => s + r.entitlement, 0),
          next: next ? { ruleId: next.rule.ruleId, basis: next.rule.basis, missing: next.next!.missing } : null,
        }
      : null,
    stock: (src.stock ?? []).map((r) => ({ model: r.model, stock: r.stock, daysOfStock: r.daysOfStock, flag: r.flag })),
  };
}

/**
 * Which customers get a card: "A" (the default) = class A or grade VKA; any other token is an
 * ABC class (B, C), a grade (V1…V4) or a customer ID. Order: by revenue rank, then as listed.
 */
export function selectCardCustomers(tokens: readonly string[], customers: readonly { customerId: string; abc: AbcClass | null; grade: Grade | null; rank: number | null }[]): string[] {
  const want = tokens.length ? tokens : ["A"];
  const ids = new Set(want.filter((w) => !/^(A|B|C|VKA|V[1-4])$/i.test(w)));
  const classes = new Set(want.map((w) => w.toUpperCase()).filter((w) => /^(A|B|C|VKA|V[1-4])$/.test(w)));
  const picked = customers.filter((c) => ids.has(c.customerId) || (c.abc && classes.has(c.abc)) || (c.grade && classes.has(c.grade)) || (classes.has("A") && c.grade === "VKA"));
  return picked.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.customerId < b.customerId ? -1 : 1)).map((c) => c.customerId);
}
