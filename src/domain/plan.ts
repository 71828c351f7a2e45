/**
 * Monthly sales plan (SPEC §4): plan versus actual per account and model, per account, per
 * rep and per office, and the pure helpers the plan template is built from (the models to
 * plan, the price of a model for a channel, the suggested target from MonthlyDistribution).
 *
 * Definitions (the rules SPEC §4.2 leaves open are decided here, once):
 *
 * - Achievement is measured in units: actual net quantity (pick-ups minus returns) of the
 *   plan month / target quantity. Targets are typed as quantities; amounts are shown beside.
 * - An account's target and actual are sums over the account's planned models; units of a
 *   model the account had no target for are listed as "actual without a target" (flagged)
 *   and do not count towards the account's achievement.
 * - A planned account is an account with a positive total target in the month. An account
 *   whose targets are all 0 is listed (achievement and score blank) but is not assessed: it
 *   is neither in the office denominators nor in the rep averages, since a 0-unit plan has
 *   no achievement to score.
 * - THE achievement rate of a month (one figure, shown by the sheet's summary line, its table by
 *   month, its chart and the task pane): Σ net units of the month's planned (account, model)
 *   pairs of the planned accounts ÷ Σ their target units (monthAchievement). Actuals of
 *   accounts whose targets are all 0 and of unplanned models do not count; it is weighted by
 *   target, never a mean of the accounts' rates.
 * - Score = clamp(achievement, 0, cap) × 100 (returns that make the actual negative give 0).
 * - Per office (the channel assessment of the training material), over planned accounts:
 *   channel score = Σ scores / planned accounts; core-account cooperation quality = core
 *   accounts with actual ≥ target / planned accounts; channel cooperation rate = accounts
 *   whose net quantity over all models in the month is > 0 / planned accounts. An office
 *   without planned accounts gets null (blank), never a division by zero.
 * - An account's rep is the rep written on its plan rows, else the customer's rep.
 */
import { type ExplanationLang, compareIds } from "./abc";
import { Day, Period, firstDayOfMonth, lastDayOfMonth, monthIndexFromKey, monthKeyFromIndex } from "./calendar";
import type { Channel, Customer, PlanEntry, PriceEntry, PriceKind, SalesLine } from "./model";
import type { Money } from "./money";

export interface PlanLine {
  customerId: string;
  model: string;
  /** null: the account bought this model without a target (flagged). */
  targetQty: number | null;
  targetAmount: Money | null;
  actualQty: number;
  actualAmount: Money;
  /** actual / target; null when the target is 0 or absent. */
  achievement: number | null;
}

export interface PlanAccount {
  customerId: string;
  name: string;
  office: string | null;
  rep: string | null;
  /** Total target > 0: the account is assessed. */
  planned: boolean;
  core: boolean;
  targetQty: number;
  /** Net units of the planned models in the month. */
  actualQty: number;
  targetAmount: Money | null;
  actualAmount: Money;
  /** Net units of every model in the month (the basis of the cooperation rate). */
  monthQty: number;
  achievement: number | null;
  score: number | null;
  /** Planned and actual ≥ target. */
  reached: boolean;
}

/** An account that bought in the month without any plan row. */
export interface UnplannedAccount {
  customerId: string;
  name: string;
  office: string | null;
  rep: string | null;
  actualQty: number;
  actualAmount: Money;
}

export interface PlanOffice {
  office: string | null;
  /** Customers of the office (planned or not). */
  customers: number;
  plannedAccounts: number;
  coreReached: number;
  bought: number;
  targetQty: number;
  actualQty: number;
  achievement: number | null;
  channelScore: number | null;
  coreQuality: number | null;
  cooperationRate: number | null;
}

export interface PlanRep {
  rep: string | null;
  offices: string[];
  plannedAccounts: number;
  targetQty: number;
  actualQty: number;
  achievement: number | null;
  averageScore: number | null;
}

export interface PlanMonth {
  month: string;
  targetQty: number;
  actualQty: number;
  achievement: number | null;
}

export interface PlanResult {
  month: string;
  lines: PlanLine[];
  accounts: PlanAccount[];
  unplanned: UnplannedAccount[];
  offices: PlanOffice[];
  reps: PlanRep[];
  byMonth: PlanMonth[];
  /** The plan month's achievement (monthAchievement): the one rate every view shows. */
  total: PlanMonth;
}

export interface PlanInput {
  /** Month index (y*12+m-1) of the plan month. */
  month: number;
  /** Plan entries of every month (the by-month view uses earlier months too). */
  plans: PlanEntry[];
  sales: SalesLine[];
  customers: Customer[];
  /** policy.tier.planScoreCap (1.2 = 120%). */
  cap: number;
  isCore: (customerId: string) => boolean;
  /** Price of a model for a channel (fen), for targets without an amount. */
  price: (model: string, channel: Channel | null) => Money | null;
  /** How many plan months the by-month view shows at most (those up to the plan month). */
  monthsShown?: number;
}

export function clampScore(achievement: number | null, cap: number): number | null {
  if (achievement === null) return null;
  return Math.min(Math.max(achievement, 0), cap) * 100;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function inMonth(d: Day, p: Period): boolean {
  return d >= p.from && d <= p.to;
}

function monthPeriod(idx: number): Period {
  return { from: firstDayOfMonth(idx), to: lastDayOfMonth(idx) };
}

const pairKey = (c: string, m: string) => `${c}\u0000${m}`;

/** Net quantity and amount per (customer, model) of the sales lines in a month. */
function actualsOf(sales: SalesLine[], idx: number): Map<string, { customerId: string; model: string; qty: number; amount: Money }> {
  const p = monthPeriod(idx);
  const out = new Map<string, { customerId: string; model: string; qty: number; amount: Money }>();
  for (const l of sales) {
    if (!inMonth(l.date, p)) continue;
    const k = pairKey(l.customerId, l.model);
    let a = out.get(k);
    if (!a) {
      a = { customerId: l.customerId, model: l.model, qty: 0, amount: 0 };
      out.set(k, a);
    }
    a.qty += l.quantity;
    a.amount += l.amount;
  }
  return out;
}

function nullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareIds(a, b);
}

/**
 * The achievement of a month (see the definitions above): net units of the planned pairs of
 * accounts with a positive total target ÷ their target units; null without such accounts.
 */
function monthAchievement(plans: readonly PlanEntry[], actuals: ReadonlyMap<string, { qty: number }>, month: string): PlanMonth {
  const targetOf = new Map<string, number>();
  const pairs = new Map<string, string>();
  for (const p of plans) {
    if (p.month !== month) continue;
    targetOf.set(p.customerId, (targetOf.get(p.customerId) ?? 0) + p.targetQty);
    pairs.set(pairKey(p.customerId, p.model), p.customerId);
  }
  let targetQty = 0;
  let actualQty = 0;
  for (const t of targetOf.values()) if (t > 0) targetQty += t;
  for (const [k, customerId] of pairs) if ((targetOf.get(customerId) ?? 0) > 0) actualQty += actuals.get(k)?.qty ?? 0;
  return { month, targetQty, actualQty, achievement: ratio(actualQty, targetQty) };
}

export function computePlanVsActual(input: PlanInput): PlanResult {
  const key = monthKeyFromIndex(input.month);
  const byId = new Map(input.customers.map((c) => [c.customerId, c]));
  const entries = input.plans.filter((p) => p.month === key);
  const actuals = actualsOf(input.sales, input.month);

  // Lines: one per planned (account, model), then the flagged actuals without a target.
  const lines: PlanLine[] = [];
  const planned = new Map<string, PlanLine>();
  const repOf = new Map<string, string>();
  for (const e of entries) {
    const k = pairKey(e.customerId, e.model);
    const price = e.targetAmount === null ? input.price(e.model, byId.get(e.customerId)?.channel ?? null) : null;
    const targetAmount = e.targetAmount ?? (price === null ? null : Math.round(e.targetQty * price));
    let line = planned.get(k);
    if (line) {
      // Readers drop duplicates; two rows that still meet here add up.
      line.targetQty = (line.targetQty ?? 0) + e.targetQty;
      line.targetAmount = line.targetAmount === null || targetAmount === null ? line.targetAmount ?? targetAmount : line.targetAmount + targetAmount;
    } else {
      const a = actuals.get(k);
      line = { customerId: e.customerId, model: e.model, targetQty: e.targetQty, targetAmount, actualQty: a?.qty ?? 0, actualAmount: a?.amount ?? 0, achievement: null };
      planned.set(k, line);
      lines.push(line);
    }
    if (e.rep && !repOf.has(e.customerId)) repOf.set(e.customerId, e.rep);
  }
  for (const l of lines) l.achievement = ratio(l.actualQty, l.targetQty ?? 0);
  lines.sort((a, b) => compareIds(a.customerId, b.customerId) || compareIds(a.model, b.model));
  const flagged: PlanLine[] = [];
  for (const [k, a] of actuals) {
    if (planned.has(k) || (a.qty === 0 && a.amount === 0)) continue;
    flagged.push({ customerId: a.customerId, model: a.model, targetQty: null, targetAmount: null, actualQty: a.qty, actualAmount: a.amount, achievement: null });
  }
  flagged.sort((a, b) => compareIds(a.customerId, b.customerId) || compareIds(a.model, b.model));

  // Net units per account over all models (cooperation rate; unplanned accounts).
  const monthQty = new Map<string, { qty: number; amount: Money }>();
  for (const a of actuals.values()) {
    const t = monthQty.get(a.customerId) ?? { qty: 0, amount: 0 };
    t.qty += a.qty;
    t.amount += a.amount;
    monthQty.set(a.customerId, t);
  }

  const accounts: PlanAccount[] = [];
  const accountById = new Map<string, PlanAccount>();
  for (const l of lines) {
    let acc = accountById.get(l.customerId);
    if (!acc) {
      const c = byId.get(l.customerId);
      acc = {
        customerId: l.customerId, name: c?.name ?? l.customerId, office: c?.office ?? null, rep: repOf.get(l.customerId) ?? c?.rep ?? null,
        planned: false, core: input.isCore(l.customerId), targetQty: 0, actualQty: 0, targetAmount: null, actualAmount: 0,
        monthQty: monthQty.get(l.customerId)?.qty ?? 0, achievement: null, score: null, reached: false,
      };
      accountById.set(l.customerId, acc);
      accounts.push(acc);
    }
    acc.targetQty += l.targetQty ?? 0;
    acc.actualQty += l.actualQty;
    acc.actualAmount += l.actualAmount;
    if (l.targetAmount !== null) acc.targetAmount = (acc.targetAmount ?? 0) + l.targetAmount;
  }
  for (const a of accounts) {
    a.planned = a.targetQty > 0;
    a.achievement = ratio(a.actualQty, a.targetQty);
    a.score = clampScore(a.achievement, input.cap);
    a.reached = a.planned && a.actualQty >= a.targetQty;
  }

  const unplanned: UnplannedAccount[] = [];
  for (const [id, t] of monthQty) {
    if (accountById.has(id) || (t.qty === 0 && t.amount === 0)) continue;
    const c = byId.get(id);
    unplanned.push({ customerId: id, name: c?.name ?? id, office: c?.office ?? null, rep: c?.rep ?? null, actualQty: t.qty, actualAmount: t.amount });
  }
  unplanned.sort((a, b) => compareIds(a.customerId, b.customerId));

  // Offices: every office of the customer list, so an office without plans shows (blank).
  const officeNames = new Set<string | null>(input.customers.map((c) => c.office));
  for (const a of accounts) officeNames.add(a.office);
  const offices: PlanOffice[] = [...officeNames].sort(nullsLast).map((office) => {
    const mine = accounts.filter((a) => a.office === office && a.planned);
    const n = mine.length;
    const scoreSum = mine.reduce((s, a) => s + (a.score ?? 0), 0);
    const coreReached = mine.filter((a) => a.core && a.reached).length;
    const bought = mine.filter((a) => a.monthQty > 0).length;
    const targetQty = mine.reduce((s, a) => s + a.targetQty, 0);
    const actualQty = mine.reduce((s, a) => s + a.actualQty, 0);
    return {
      office,
      customers: input.customers.filter((c) => c.office === office).length,
      plannedAccounts: n,
      coreReached,
      bought,
      targetQty,
      actualQty,
      achievement: ratio(actualQty, targetQty),
      channelScore: n ? scoreSum / n : null,
      coreQuality: n ? coreReached / n : null,
      cooperationRate: n ? bought / n : null,
    };
  });

  const repNames = [...new Set(accounts.map((a) => a.rep))].sort(nullsLast);
  const reps: PlanRep[] = repNames.map((rep) => {
    const all = accounts.filter((a) => a.rep === rep);
    const mine = all.filter((a) => a.planned);
    const targetQty = mine.reduce((s, a) => s + a.targetQty, 0);
    const actualQty = mine.reduce((s, a) => s + a.actualQty, 0);
    return {
      rep,
      offices: [...new Set(all.map((a) => a.office).filter((o): o is string => o !== null))].sort(compareIds),
      plannedAccounts: mine.length,
      targetQty,
      actualQty,
      achievement: ratio(actualQty, targetQty),
      averageScore: mine.length ? mine.reduce((s, a) => s + (a.score ?? 0), 0) / mine.length : null,
    };
  });

  // Plan vs actual by month: each month that has plan rows, up to the plan month, with the
  // net units of that month's own planned (account, model) pairs.
  const monthKeys = [...new Set(input.plans.map((p) => p.month))]
    .map((m) => monthIndexFromKey(m))
    .filter((m): m is number => m !== null && m <= input.month)
    .sort((a, b) => a - b)
    .slice(-(input.monthsShown ?? 12));
  const byMonth: PlanMonth[] = monthKeys.map((idx) =>
    monthAchievement(input.plans, idx === input.month ? actuals : actualsOf(input.sales, idx), monthKeyFromIndex(idx)));
  const total = monthAchievement(input.plans, actuals, key);

  return { month: key, lines: [...lines, ...flagged], accounts, unplanned, offices, reps, byMonth, total };
}

// ---------------------------------------------------------------------------------------
// Template helpers
// ---------------------------------------------------------------------------------------

/** The price a channel pays, in this order of preference (the "dealer price for the channel"). */
const PRICE_ORDER: PriceKind[] = ["dealer", "distributionIn", "consignment", "retail"];

/**
 * Price of a model for a channel (fen): the price-list entry for the channel (dealer price
 * first, then distribution, consignment, retail), else the channel-less entry, else the
 * average unit price of the model's pick-ups in the sales lines; null when none is known.
 */
export function planPriceLookup(prices: PriceEntry[], sales: SalesLine[] = []): (model: string, channel: Channel | null) => Money | null {
  const best = new Map<string, { rank: number; price: Money }>();
  for (const p of prices) {
    const k = `${p.model}\u0000${p.channel ?? ""}`;
    const rank = PRICE_ORDER.indexOf(p.kind);
    const cur = best.get(k);
    if (!cur || rank < cur.rank) best.set(k, { rank, price: p.price });
  }
  const sums = new Map<string, { qty: number; amount: Money }>();
  for (const l of sales) {
    if (l.quantity <= 0 || l.amount <= 0) continue;
    const s = sums.get(l.model) ?? { qty: 0, amount: 0 };
    s.qty += l.quantity;
    s.amount += l.amount;
    sums.set(l.model, s);
  }
  return (model, channel) => {
    const hit = best.get(`${model}\u0000${channel ?? ""}`) ?? best.get(`${model}\u0000`);
    if (hit) return hit.price;
    const s = sums.get(model);
    return s && s.qty > 0 ? Math.round(s.amount / s.qty) : null;
  };
}

/**
 * Models for the template columns: models with positive net units in the period (most units
 * first), then price-list models not sold in it (in price-list order), so a new model can be
 * planned too.
 */
export function planModels(sales: SalesLine[], period: Period | null, prices: PriceEntry[]): string[] {
  const qty = new Map<string, number>();
  for (const l of sales) {
    if (period && !inMonth(l.date, period)) continue;
    qty.set(l.model, (qty.get(l.model) ?? 0) + l.quantity);
  }
  const sold = [...qty].filter(([, q]) => q > 0).sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0])).map(([m]) => m);
  const out = [...sold];
  for (const p of prices) if (!out.includes(p.model)) out.push(p.model);
  return out;
}

/**
 * Suggested target for a plan month from MonthlyDistribution. The annual target of an
 * account and model is its net units over the 12 months before the plan month (last year's
 * run rate, no growth factor: managers who want growth type it); the suggestion is that
 * annual target × the plan month's share, rounded to whole units, never below 0.
 * Returns a lookup by (customerId, model), or null without a distribution.
 */
export function suggestedTargets(sales: SalesLine[], month: number, distribution: number[] | null): { share: number; of: (customerId: string, model: string) => number } | null {
  if (!distribution) return null;
  const share = distribution[((month % 12) + 12) % 12] / 100;
  const window: Period = { from: firstDayOfMonth(month - 12), to: lastDayOfMonth(month - 1) };
  const annual = new Map<string, number>();
  for (const l of sales) {
    if (!inMonth(l.date, window)) continue;
    const k = pairKey(l.customerId, l.model);
    annual.set(k, (annual.get(k) ?? 0) + l.quantity);
  }
  return { share, of: (c, m) => Math.max(0, Math.round((annual.get(pairKey(c, m)) ?? 0) * share)) };
}

/** The suggested-target rule in words for the plan month `month` ("2025-01") and its share (suggestedTargets). */
export function suggestedTargetExplanation(month: string, share: number, lang: ExplanationLang): string {
  const monthNo = Number(month.slice(5));
  const pct = Math.round(share * 10000) / 100;
  return lang === "en"
    ? `Suggested qty = the account's net units of the model over the previous 12 months (annual target, no growth) × the MonthlyDistribution share of month ${monthNo} (${pct}%), rounded.`
    : `建议数量 = 该客户该型号前 12 个月净提货量（年度目标，不含增长）× 月度分解 ${monthNo} 月占比 ${pct}%，取整。`;
}
