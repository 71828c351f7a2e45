/**
 * Account tiering (SPEC §2) composed from its rules: net revenue over the period and the
 * previous equal period, then ABC. Value classes, grades, scorecard, review and credit risk
 * build on the same totals.
 */
import { AbcResult, AbcRow, abcClassify } from "./abc";
import type { Period } from "./calendar";
import type { Customer, SalesLine, TierRules } from "./model";
import { CustomerTotals, totalsByCustomer } from "./revenue";

export interface TieringResult {
  totals: Map<string, CustomerTotals>;
  previousTotals: Map<string, CustomerTotals>;
  abc: AbcResult;
  abcById: Map<string, AbcRow>;
}

const NO_TOTALS: CustomerTotals = { revenue: 0, quantity: 0, pickupQuantity: 0, lines: 0 };

export function totalsOf(t: Map<string, CustomerTotals>, id: string): CustomerTotals {
  return t.get(id) ?? NO_TOTALS;
}

export function computeTiering(customers: Customer[], sales: SalesLine[], period: Period | null, previous: Period | null, rules: TierRules): TieringResult {
  const totals = totalsByCustomer(sales, period);
  const previousTotals = previous ? totalsByCustomer(sales, previous) : new Map<string, CustomerTotals>();
  const abc = abcClassify(
    customers.map((c) => ({ customerId: c.customerId, revenue: totalsOf(totals, c.customerId).revenue })),
    { cutoffA: rules.abcCutoffA, cutoffB: rules.abcCutoffB, boundary: rules.abcBoundary },
  );
  return { totals, previousTotals, abc, abcById: new Map(abc.rows.map((r) => [r.customerId, r])) };
}
