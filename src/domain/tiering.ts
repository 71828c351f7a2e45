/**
 * Account tiering (SPEC §2) composed from its rules: net revenue over the period and the
 * previous equal period, ABC for both, then value classes, channel grades, the dealer
 * scorecard, the key-account review and credit risk, one record per customer.
 */
import { AbcResult, AbcRow, AbcRules, abcClassesByPosition, abcClassifyByInput } from "./abc";
import { Period, monthsIn } from "./calendar";
import { CreditResult, CreditRules, creditRisk } from "./credit";
import { GradeResult, GradeRow, assignGrades } from "./grades";
import type { AbcClass, Customer, GradeMode, GradeTarget, SalesLine, ScorecardWeight, TierRules } from "./model";
import { SalesLedger } from "./ledger";
import { PeriodTotals, totalsByIndex } from "./revenue";
import { Review, reviewAccounts } from "./review";
import { ScoreBands, ScoreResult, scoreDealer } from "./scorecard";
import { ValueClassResult, ValueClassRules, classifyValue } from "./valueClass";

/** Everything tiering decided for one customer. */
export interface CustomerTier {
  customerId: string;
  abc: AbcRow;
  /** ABC class in the previous equal period (C without sales then). */
  previousAbc: AbcClass;
  previousRevenue: number;
  /** Funnel stage from the customer sheet (a value-class input). */
  stage: number | null;
  value: ValueClassResult;
  grade: GradeRow;
  score: ScoreResult;
  credit: CreditResult;
}

/** The thresholds the classes were decided on, as each rule takes them (its explanation quotes them). */
export interface TieringRules {
  abc: AbcRules;
  value: ValueClassRules;
  score: ScoreBands;
  credit: CreditRules;
  gradeMode: GradeMode;
}

export interface TieringResult {
  rules: TieringRules;
  /** The period's totals, indexed like the ledger's customers (the loader's follow `customers`). */
  totals: PeriodTotals;
  previousTotals: PeriodTotals;
  abc: AbcResult;
  /** `abc.rows` by customer ID, built on first read (a getter). */
  readonly abcById: Map<string, AbcRow>;
  /** The previous period's classification, built on first read (a getter; tiering itself needs only the classes). */
  readonly previousAbc: AbcResult;
  /** False when no sales line falls in the previous period: growth and review do not apply. */
  previousAvailable: boolean;
  /** Months in the period (grade thresholds are monthly averages). */
  months: number;
  grades: GradeResult;
  review: Review;
  /** Per customer, in the customers' order. */
  customers: CustomerTier[];
  /** `customers` by ID, built on first read (a getter). */
  readonly byId: Map<string, CustomerTier>;
}

export interface TieringPolicy {
  tier: TierRules;
  gradeTargets: GradeTarget[];
  scorecard: ScorecardWeight[];
}

/**
 * Each customer's position in the ledger's customer list (-1: no lines). The loader's ledger
 * numbers its customers in the order of `customers`, so this is the identity there; a ledger
 * made from line objects elsewhere is matched by ID.
 */
function ledgerPositions(customers: readonly Customer[], ledger: SalesLedger): Int32Array {
  const at = new Int32Array(customers.length);
  if (ledger.numbersLike(customers)) {
    for (let i = 0; i < at.length; i++) at[i] = i;
    return at;
  }
  const ids = ledger.customerIds;
  const byId = new Map(ids.map((id, i) => [id, i]));
  for (let i = 0; i < at.length; i++) at[i] = byId.get(customers[i].customerId) ?? -1;
  return at;
}

/**
 * Accepts the whole policy, or (for older callers) only the tier rules with default targets and
 * scorecard. `sales`: the loader's ledger (its customer indexes follow `customers`), or line
 * objects, which are put into a ledger here first.
 */
export function computeTiering(customers: Customer[], sales: readonly SalesLine[] | SalesLedger, period: Period | null, previous: Period | null, policy: TieringPolicy | TierRules): TieringResult {
  const p: TieringPolicy = "tier" in policy ? policy : { tier: policy, gradeTargets: [], scorecard: [] };
  const rules = p.tier;
  const used: TieringRules = {
    abc: { cutoffA: rules.abcCutoffA, cutoffB: rules.abcCutoffB, boundary: rules.abcBoundary },
    value: { growthMin: rules.potentialGrowthMin, scoreMin: rules.potentialScoreMin, stageMin: rules.potentialStageMin },
    score: { bandA: rules.scoreBandA, bandB: rules.scoreBandB },
    credit: { watch: rules.creditWatch, over: rules.creditOver },
    gradeMode: rules.gradeMode,
  };
  const customerIds = customers.map((c) => c.customerId);
  const ledger = sales instanceof SalesLedger ? sales : SalesLedger.fromLines(sales, customerIds);
  const [totals, previousTotals] = totalsByIndex(ledger, period, previous);
  const previousAvailable = previousTotals.customersWithLines > 0;
  const at = ledgerPositions(customers, ledger);
  const of = (t: Float64Array, i: number) => (at[i] < 0 ? 0 : t[at[i]]);
  // Rows found by the customer's position, not by ID (see abcClassifyByInput).
  const current = abcClassifyByInput(customers.map((c, i) => ({ customerId: c.customerId, revenue: of(totals.revenue, i) })), used.abc);
  const abc = current.result;
  // The previous period's classes alone (its rows only on request, see previousAbc below).
  const previousRevenue = new Float64Array(customers.length);
  for (let i = 0; i < customers.length; i++) previousRevenue[i] = of(previousTotals.revenue, i);
  const previousClass = abcClassesByPosition(previousRevenue, customerIds, used.abc);
  const months = period ? monthsIn(period) : 0;

  const grades = assignGrades(
    customers.map((c, i) => ({ customerId: c.customerId, office: c.office, direct: c.channel === "direct", pickupUnits: period ? of(totals.pickupQuantity, i) : 0 })),
    { mode: used.gradeMode, thresholds: rules.gradeThresholds, months, targets: p.gradeTargets },
  );

  const list: CustomerTier[] = customers.map((c, i) => {
    const a = current.byInput[i];
    const score = scoreDealer(c.scorecard, p.scorecard, used.score);
    const value = classifyValue(
      { abc: a.abc, revenue: a.revenue, previousRevenue: previousRevenue[i], previousAvailable, score: score.score, stage: c.stage },
      used.value,
    );
    return {
      customerId: c.customerId,
      abc: a,
      previousAbc: previousClass[i],
      previousRevenue: previousRevenue[i],
      stage: c.stage,
      value,
      grade: grades.rows[i], // assignGrades keeps its inputs' order
      score,
      credit: creditRisk(c.creditLimit, c.arrears, used.credit),
    };
  });
  const review = previousAvailable
    ? reviewAccounts(list.map((t) => ({ customerId: t.customerId, current: t.abc.abc, previous: t.previousAbc, revenue: t.abc.revenue, previousRevenue: t.previousRevenue })))
    : reviewAccounts([]);
  // The maps by ID are built on first use: a run reads them only for plans, visits, cards and
  // allocation, and each was ~20 ms for 50,000 customers.
  let abcById: Map<string, AbcRow> | undefined;
  let byId: Map<string, CustomerTier> | undefined;
  let previousAbc: AbcResult | undefined;
  return {
    rules: used, totals, previousTotals, abc, previousAvailable, months, grades, review, customers: list,
    get previousAbc() {
      return (previousAbc ??= abcClassifyByInput(customers.map((c, i) => ({ customerId: c.customerId, revenue: previousRevenue[i] })), used.abc).result);
    },
    get abcById() {
      return (abcById ??= new Map(abc.rows.map((r) => [r.customerId, r])));
    },
    get byId() {
      return (byId ??= new Map(list.map((t) => [t.customerId, t])));
    },
  };
}
