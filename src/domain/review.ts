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

export function reviewAccounts(rows: readonly ReviewInput[]): Review {
  const matrix = { A: { A: 0, B: 0, C: 0 }, B: { A: 0, B: 0, C: 0 }, C: { A: 0, B: 0, C: 0 } };
  const promoted: Move[] = [];
  const demoted: Move[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    matrix[r.previous][r.current]++;
    const up = RANK[r.current] - RANK[r.previous];
    if (up !== 0) (up < 0 ? promoted : demoted).push(move(r, up < 0 ? "promoted" : "demoted"));
  }
  promoted.sort((a, b) => b.revenue - a.revenue || compareIds(a.customerId, b.customerId));
  demoted.sort((a, b) => b.previousRevenue - a.previousRevenue || compareIds(a.customerId, b.customerId));
  return { matrix, promoted, demoted };
}

/**
 * A move as one literal of fixed shape. Why: `{ ...r, direction }` copied through V8's generic
 * object spread, ~25 ms a run of 50,000 customers at 300,000 lines (node --cpu-prof line ticks).
 */
function move(r: ReviewInput, direction: Move["direction"]): Move {
  return { customerId: r.customerId, current: r.current, previous: r.previous, revenue: r.revenue, previousRevenue: r.previousRevenue, direction };
}
