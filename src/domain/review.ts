/**
 * Key-account review (大客户动态管理, SPEC §2.5): "last year's biggest account is not
 * necessarily next year's". The previous equal period is classified the same way (same ABC
 * rules, same customers); the migration matrix counts customers by previous × current class,
 * and the promoted (C→B, C→A, B→A) and demoted accounts are listed.
 *
 * Lists are ordered by the revenue that matters for the move (promoted: current revenue,
 * demoted: previous revenue), descending, ties by customer id.
 */
import { compareIds } from "./abc";
import type { AbcClass } from "./model";
import type { Money } from "./money";

export interface ReviewInput {
  customerId: string;
  current: AbcClass;
  previous: AbcClass;
  revenue: Money;
  previousRevenue: Money;
}

export interface Move extends ReviewInput {
  direction: "promoted" | "demoted";
}

export interface Review {
  /** matrix[previous][current] = number of customers. */
  matrix: Record<AbcClass, Record<AbcClass, number>>;
  promoted: Move[];
  demoted: Move[];
}

const RANK: Record<AbcClass, number> = { A: 0, B: 1, C: 2 };

export function reviewAccounts(rows: ReviewInput[]): Review {
  const matrix = { A: { A: 0, B: 0, C: 0 }, B: { A: 0, B: 0, C: 0 }, C: { A: 0, B: 0, C: 0 } };
  const promoted: Move[] = [];
  const demoted: Move[] = [];
  for (const r of rows) {
    matrix[r.previous][r.current]++;
    if (RANK[r.current] < RANK[r.previous]) promoted.push({ ...r, direction: "promoted" });
    else if (RANK[r.current] > RANK[r.previous]) demoted.push({ ...r, direction: "demoted" });
  }
  promoted.sort((a, b) => b.revenue - a.revenue || compareIds(a.customerId, b.customerId));
  demoted.sort((a, b) => b.previousRevenue - a.previousRevenue || compareIds(a.customerId, b.customerId));
  return { matrix, promoted, demoted };
}
