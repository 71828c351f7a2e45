/**
 * The typed records the engine works on, after sheets/ has read and validated the user's
 * grids. Nothing here knows about Excel, React or files.
 */
import type { Day } from "./calendar";
import type { Money } from "./money";

export type Channel = "direct" | "distribution" | "keyAccount" | "operator";
export type Temperature = "Hot" | "Warm" | "Cold" | "Denial";
export type ContractStatus = "none" | "active" | "expired";
export type AbcClass = "A" | "B" | "C";
export type ValueClass = "core" | "value" | "potential" | "low";
export type Grade = "VKA" | "V1" | "V2" | "V3" | "V4";
export const GRADES: readonly Grade[] = ["VKA", "V1", "V2", "V3", "V4"];

/** Where a record came from, so that results and issues can point back at the user's row. */
export interface SourceRow {
  sheet: string;
  /** 0-based sheet row. */
  row: number;
}

/** The eight dealer-evaluation criteria of the scorecard (SPEC §2.4). */
export type ScorecardCriterion =
  | "enthusiasm"
  | "flexibility"
  | "distribution"
  | "capital"
  | "brands"
  | "logistics"
  | "credit"
  | "relations";

export const SCORECARD_CRITERIA: readonly ScorecardCriterion[] = [
  "enthusiasm",
  "flexibility",
  "distribution",
  "capital",
  "brands",
  "logistics",
  "credit",
  "relations",
];

export interface Customer {
  customerId: string;
  name: string;
  channel: Channel | null;
  office: string | null;
  cityTier: string | null;
  rep: string | null;
  stage: number | null;
  temperature: Temperature | null;
  /** 1 poor … 5 very likely. */
  intent: number | null;
  contractStatus: ContractStatus | null;
  contractEnd: Day | null;
  lastContact: Day | null;
  nextCall: Day | null;
  creditLimit: Money | null;
  arrears: Money | null;
  expectedValue: Money | null;
  /** Raw scorecard inputs by criterion; absent = not provided. */
  scorecard: Partial<Record<ScorecardCriterion, number>>;
  /** null when the customer was derived from sales lines (no customer sheet). */
  source: SourceRow | null;
}

export type OrderType = "pickup" | "return";

export interface SalesLine {
  date: Day;
  customerId: string;
  model: string;
  /** Net sign: negative for returns. */
  quantity: number;
  unitPrice: Money | null;
  /** Signed amount in fen; negative for returns. */
  amount: Money;
  channel: Channel | null;
  contractPlan: boolean;
  orderType: OrderType;
  /**
   * Where the line was read: sheet name and 0-based row (what SourceRow holds elsewhere). Flat
   * fields rather than a `source` object: one allocation per line, and a plain object literal
   * that V8 can allocate straight into old space (docs/PERFORMANCE.md, "Sales lines").
   */
  sheet: string;
  row: number;
}

/** One target row of a monthly plan (long format, SPEC §4.1). */
export interface PlanEntry {
  month: string; // YYYY-MM
  customerId: string;
  model: string;
  targetQty: number;
  targetAmount: Money | null;
  rep: string | null;
  source: SourceRow;
}

// ---------------------------------------------------------------------------------------
// Policy (SPEC §1.3). Every number here has a default in policy/defaults.ts and can be
// changed in the workbook's policy sheets.
// ---------------------------------------------------------------------------------------

export type AbcBoundary = "include" | "strict";
export type GradeMode = "threshold" | "quota";

export interface TierRules {
  /** How many full months the analysis period covers, ending with the last full month of sales. */
  periodMonths: number;
  abcCutoffA: number; // 0.80
  abcCutoffB: number; // 0.95
  /** include: the customer that crosses the cut-off is in the class (SAP BW); strict: only those strictly below. */
  abcBoundary: AbcBoundary;
  potentialGrowthMin: number; // 0.30
  potentialScoreMin: number; // 70
  potentialStageMin: number; // 3
  gradeMode: GradeMode;
  /** Average monthly pick-up units needed for each grade; V4 means "> value". */
  gradeThresholds: Record<Grade, number>;
  scoreBandA: number; // 80
  scoreBandB: number; // 60
  creditWatch: number; // 0.8
  creditOver: number; // 1.0
  /** Win probability per intent level 1..5 (index 0 = intent 1). */
  winProbability: number[];
  /** Plan achievement score cap (1.2 = 120%). */
  planScoreCap: number;
  /** Accounts and voucher word of the rebate vouchers (返利凭证, SPEC §8). */
  voucher: VoucherAccounts;
}

/** Ledger accounts of the rebate accrual vouchers: settings voucher.* in 分级规则 / TierRules. */
export interface VoucherAccounts {
  expenseAccount: string;
  expenseName: string;
  payableAccount: string;
  payableName: string;
  /** 凭证字. */
  word: string;
}

export interface GradeTarget {
  /** null = every office. */
  office: string | null;
  grade: Grade;
  target: number;
}

export interface ScorecardWeight {
  criterion: ScorecardCriterion;
  weight: number;
  min: number;
  max: number;
}

export type PriceKind = "distributionIn" | "dealer" | "consignment" | "retail";

export interface PriceEntry {
  model: string;
  channel: Channel | null;
  kind: PriceKind;
  price: Money;
}

export type RebateKind = "pickup" | "volume" | "contract" | "other" | "target" | "collection" | "growth";
/** How a rebate is paid (兑付方式, SPEC §8): 现金 cash, 货补 goods, 票折 invoice discount. */
export type PaymentForm = "cash" | "goods" | "invoiceDiscount";
/** A repeating agreement period inside the validity (结算周期): each month, quarter or year accrues on its own. */
export type RebateCycle = "month" | "quarter" | "year";
export type RebateBasis = "quantity" | "amount";
/** increment: growth rules only (增量), the rate applies to the basis above last year's. */
export type TierMode = "wholeVolume" | "graduated" | "increment";

/**
 * One tier's rate: exactly one of the three is set.
 * - perUnit: an amount per unit in fen ("43" in the sheet = 43 yuan per unit);
 * - share: a share of the amount ("2%" = 0.02);
 * - fixed: a lump sum in fen paid once the tier is reached ("固定5000" / "fixed 5000").
 */
export interface RebateRate {
  perUnit?: Money;
  share?: number;
  fixed?: Money;
}

export interface RebateRule {
  ruleId: string;
  model: string | null;
  channels: Channel[] | null;
  kind: RebateKind;
  basis: RebateBasis;
  /** Ascending "from" values (units, or fen for an amount basis). [0] for "from the first unit". */
  thresholds: number[];
  rates: RebateRate[];
  mode: TierMode;
  validFrom: Day | null;
  validTo: Day | null;
  note: string | null;
  source: SourceRow | null;
  /** Collection rules: a collection counts only when paid at most this many days after its invoice (账期天数); null = all. */
  daysLimit?: number | null;
  /** 兑付方式; absent = cash (现金). */
  paymentForm?: PaymentForm;
  /** 结算周期: absent = one agreement period = the whole validity. */
  cycle?: RebateCycle | null;
}

/** One row of 回款明细 / Collections (SPEC §8). */
export interface Collection {
  date: Day;
  customerId: string;
  amount: Money;
  invoiceDate: Day | null;
  /** Days from invoice to payment when the sheet states them instead of an invoice date. */
  days: number | null;
  source: SourceRow;
}

export interface CallPlanSettings {
  callsPerDay: number;
  /** Weekdays that are working days, 0 = Sunday … 6 = Saturday. */
  workingWeekdays: number[];
  /**
   * Public holiday calendar applied before the weekdays: "CN" = mainland China public holidays
   * and 调休 worked weekend days (default); "none" = the weekdays alone.
   */
  publicCalendar: "CN" | "none";
  /** Days off from the CallPlan sheet (override the public calendar). */
  holidays: Day[];
  /** Days worked from the CallPlan sheet, e.g. a 调休 weekend day (override the public calendar). */
  extraWorkdays: Day[];
  /** Contracts ending within this many days count as priority. */
  expiringWithinDays: number;
}

export interface Policy {
  tier: TierRules;
  gradeTargets: GradeTarget[];
  scorecard: ScorecardWeight[];
  prices: PriceEntry[];
  rebates: RebateRule[];
  callPlan: CallPlanSettings;
  /** Percent per calendar month 1..12 (index 0 = January); null when no sheet. */
  monthlyDistribution: number[] | null;
  /** The rest of the manager's job (SPEC §9): XYZ, stock, allocation and visit settings. */
  jobs: JobSettings;
}

/** Settings of SPEC §9's jobs (keys xyz.*, stock.*, allocation.order in 分级规则; visits.* in 拨打计划). */
export interface JobSettings {
  xyz: { x: number; y: number };
  stock: { overDays: number; underDays: number };
  /** Priority groups for allocation, first served first: grades and "none" (no grade). */
  allocationOrder: string[];
  visits: {
    perMonth: Partial<Record<Grade | AbcClass, number>>;
    visitsPerDay: number;
    timeShare: number;
  };
  /** True when a policy sheet set any visits.* setting (the visit plan then runs without a log). */
  visitsConfigured: boolean;
}
