/**
 * Monthly rebate settlement (SPEC §5): for every customer × rule, the basis accumulates over
 * the rule's agreement period; the statement of a month pays the cumulative entitlement at
 * the month's end minus what the earlier months of the period paid. Returns reduce the
 * basis, so a return that takes a customer back under a threshold gives a negative payment
 * (clawback). Each of the month's sales lines carries its share: the entitlement after the
 * line minus the entitlement before it, in date order, so the lines of a month sum to the
 * month's payment to the fen (rounding rule: see tiers.ts).
 */
import { Period, firstDayOfMonth, lastDayOfMonth, monthKeyFromIndex } from "../calendar";
import type { RebateKind, RebateRule, SalesLine } from "../model";
import type { Money } from "../money";
import { Accrual, ZERO_ACCRUAL, addAccrual, entitlement, nextTier, roundFen, tierReached } from "./tiers";
import { agreementPeriod, overlapsMonth, ruleTouches } from "./rules";
import { NO_FIGURES, RebateInputs } from "./kind";
import { KIND_MODULES, REBATE_KIND_ORDER } from "./kindModules";

/** One sales line of the month as one rule saw it. */
export interface RebateLine {
  line: SalesLine;
  /** Index of the rule in the rule list (rule ids may repeat with different validity). */
  ruleIndex: number;
  rule: RebateRule;
  /** Cumulative basis of the customer × rule after this line (agreement period to date). */
  cumulative: Accrual;
  /** Tier reached after the line (index into rule.thresholds), or −1. */
  tier: number;
  /** Tier reached before the line. */
  tierBefore: number;
  /** Cumulative entitlement (fen) after the line. */
  entitlementAfter: Money;
  /** This line's rebate (fen) = entitlement after − entitlement before; negative for a clawback. */
  rebate: Money;
}

/** One customer × rule of the month's statement. */
export interface RebateStatementRow {
  customerId: string;
  ruleIndex: number;
  rule: RebateRule;
  period: Period;
  /** Cumulative basis at the month's end. */
  cumulative: Accrual;
  tier: number;
  /** Cumulative entitlement at the month's end (fen). */
  entitlement: Money;
  /** What the earlier months of the agreement period paid: the entitlement at the previous month's end. */
  paidBefore: Money;
  /** This month's payment = entitlement − paidBefore; negative = clawback. */
  thisMonth: Money;
  /** The next tier and the basis still missing to reach it, or null at the top tier. */
  next: { index: number; threshold: number; missing: number } | null;
  /** Sales lines of the month the rule touched for this customer (0 for kinds settled per customer). */
  monthLines: number;
  /** Target: plan of the elapsed months; growth: last year's same dates; else absent. */
  reference?: Accrual | null;
  /** Target: achievement; growth: growth; else absent. */
  ratio?: number | null;
  /** Collection rules: collections left out by the days limit (fen) and how many; those without invoice date under a limit. */
  excluded?: Money;
  excludedCount?: number;
  unchecked?: number;
  /** Why nothing is paid (no plan, no sales last year). */
  note?: { zh: string; en: string } | null;
}

export type RebateCustomerTotals = { customerId: string; total: Money } & Record<RebateKind, Money>;

/** Sales amount of the month = rebated + not rebated (a line is "rebated" when any rule gave it a non-zero rebate). */
export interface RebateReconciliation {
  salesAmount: Money;
  rebatedAmount: Money;
  notRebatedAmount: Money;
  salesLines: number;
  rebatedLines: number;
}

export interface RebateResult {
  month: number;
  monthKey: string;
  lines: RebateLine[];
  statement: RebateStatementRow[];
  /** Per customer with any rebate in the month, by total descending then id. */
  byCustomer: RebateCustomerTotals[];
  reconciliation: RebateReconciliation;
  /** Sum of the month's payments (fen). */
  total: Money;
}

/**
 * Settle the month for every rule. Sales-line kinds walk the lines; the kinds of SPEC §8
 * (target, collection, growth) need `inputs` (plans, collections) and settle per customer ×
 * rule at month ends (settleAtMonthEnds).
 */
export function settleRebates(rules: readonly RebateRule[], sales: readonly SalesLine[], month: number, inputs?: Omit<RebateInputs, "sales">): RebateResult {
  const monthFrom = firstDayOfMonth(month);
  const monthTo = lastDayOfMonth(month);
  const lines: RebateLine[] = [];
  const statement: RebateStatementRow[] = [];
  const all: RebateInputs = { plans: [], collections: [], channelOf: () => null, ...inputs, sales };

  rules.forEach((rule, ruleIndex) => {
    const period = agreementPeriod(rule, month);
    if (!overlapsMonth(period, month)) return;
    // A kind without a module row settles line by line, as the kinds of SPEC §5 do.
    if (KIND_MODULES[rule.kind]?.byLine === false) {
      statement.push(...settleAtMonthEnds(rule, ruleIndex, all, period, month));
      return;
    }
    const upToMonthEnd: Period = { from: period.from, to: Math.min(period.to, monthTo) };
    const before = new Map<string, Accrual>();
    const inMonth = new Map<string, SalesLine[]>();
    for (const l of sales) {
      if (!ruleTouches(rule, l, upToMonthEnd)) continue;
      if (l.date < monthFrom) {
        before.set(l.customerId, addAccrual(before.get(l.customerId) ?? ZERO_ACCRUAL, l.quantity, l.amount));
      } else {
        let list = inMonth.get(l.customerId);
        if (!list) inMonth.set(l.customerId, (list = []));
        list.push(l);
      }
    }
    const customers = [...new Set([...before.keys(), ...inMonth.keys()])].sort();
    for (const customerId of customers) {
      const start = before.get(customerId) ?? ZERO_ACCRUAL;
      const paidBefore = entitlement(rule, start);
      let acc = start;
      let ent = paidBefore;
      // Date order; the sales sheet's row order breaks ties (Array.prototype.sort is stable).
      const month = (inMonth.get(customerId) ?? []).slice().sort((a, b) => a.date - b.date);
      for (const l of month) {
        const tierBefore = tierReached(rule.thresholds, rule.basis === "quantity" ? acc.qty : acc.amount);
        acc = addAccrual(acc, l.quantity, l.amount);
        const after = entitlement(rule, acc);
        lines.push({
          line: l, ruleIndex, rule, cumulative: acc, tierBefore,
          tier: tierReached(rule.thresholds, rule.basis === "quantity" ? acc.qty : acc.amount),
          entitlementAfter: after, rebate: after - ent,
        });
        ent = after;
      }
      if (start.qty === 0 && start.amount === 0 && month.length === 0) continue;
      statement.push({
        customerId, ruleIndex, rule, period, cumulative: acc,
        tier: tierReached(rule.thresholds, rule.basis === "quantity" ? acc.qty : acc.amount),
        entitlement: ent, paidBefore, thisMonth: ent - paidBefore, next: nextTier(rule, acc), monthLines: month.length,
      });
    }
  });

  statement.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.ruleIndex - b.ruleIndex));

  const totals = new Map<string, RebateCustomerTotals>();
  let total = 0;
  for (const s of statement) {
    if (s.thisMonth === 0) continue;
    let t = totals.get(s.customerId);
    if (!t) totals.set(s.customerId, (t = emptyTotals(s.customerId)));
    t[s.rule.kind] = (t[s.rule.kind] ?? 0) + s.thisMonth;
    t.total += s.thisMonth;
    total += s.thisMonth;
  }
  const byCustomer = [...totals.values()].sort((a, b) => b.total - a.total || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));

  const rebated = new Set<SalesLine>();
  for (const r of lines) if (r.rebate !== 0) rebated.add(r.line);
  const reconciliation: RebateReconciliation = { salesAmount: 0, rebatedAmount: 0, notRebatedAmount: 0, salesLines: 0, rebatedLines: 0 };
  for (const l of sales) {
    if (l.date < monthFrom || l.date > monthTo) continue;
    reconciliation.salesAmount += l.amount;
    reconciliation.salesLines++;
    if (rebated.has(l)) {
      reconciliation.rebatedAmount += l.amount;
      reconciliation.rebatedLines++;
    } else {
      reconciliation.notRebatedAmount += l.amount;
    }
  }
  return { month, monthKey: monthKeyFromIndex(month), lines, statement, byCustomer, reconciliation, total };
}

function emptyTotals(customerId: string): RebateCustomerTotals {
  const t = { customerId, total: 0 } as RebateCustomerTotals;
  for (const k of REBATE_KIND_ORDER) t[k] = 0;
  return t;
}

/**
 * A kind settled per customer × rule: entitlement at this month's end (or the period's end)
 * minus the entitlement at the previous month's end, each rounded once (tiers.ts).
 */
function settleAtMonthEnds(rule: RebateRule, ruleIndex: number, inputs: RebateInputs, period: Period, month: number): RebateStatementRow[] {
  const mod = KIND_MODULES[rule.kind].module;
  const end = Math.min(period.to, lastDayOfMonth(month));
  const prevEnd = firstDayOfMonth(month) - 1;
  const now = mod.figures(rule, inputs, period, end);
  const before = prevEnd >= period.from ? mod.figures(rule, inputs, period, prevEnd) : new Map();
  const rows: RebateStatementRow[] = [];
  for (const customerId of [...new Set([...now.keys(), ...before.keys()])].sort()) {
    const f = now.get(customerId) ?? NO_FIGURES;
    const v = mod.value(rule, f);
    const ent = roundFen(v.exact);
    const paidBefore = roundFen(mod.value(rule, before.get(customerId) ?? NO_FIGURES).exact);
    const basis = rule.kind === "collection" ? f.acc.amount : rule.basis === "quantity" ? f.acc.qty : f.acc.amount;
    // Nothing bought, collected or paid: not a line of the statement (a plan alone is not).
    if (basis === 0 && ent === 0 && paidBefore === 0 && f.excludedCount === 0) continue;
    const next = v.tier + 1 < rule.thresholds.length ? mod.basisForBand(rule, v.tier + 1, f.reference) : null;
    rows.push({
      customerId, ruleIndex, rule, period, cumulative: f.acc, tier: v.tier, entitlement: ent, paidBefore, thisMonth: ent - paidBefore,
      next: next === null ? null : { index: v.tier + 1, threshold: rule.thresholds[v.tier + 1], missing: Math.max(0, next - basis) },
      monthLines: 0, reference: f.reference, ratio: v.ratio, excluded: f.excluded, excludedCount: f.excludedCount, unchecked: f.unchecked, note: v.note,
    });
  }
  return rows;
}
