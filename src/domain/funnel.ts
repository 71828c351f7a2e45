/**
 * Sales funnel (SPEC §3.2), per rep and overall: counts and net revenue per stage,
 * temperature and contract status; stage-to-stage conversion; weighted pipeline.
 *
 * Decisions (documented in the report sheet as well):
 *  - Conversion k→k+1 = accounts at stage ≥ k+1 / accounts at stage ≥ k between the progress
 *    stages 0–6 (k = 0..5), over the accounts whose stage is known; stage 7 (contract expired)
 *    counts as having passed 6. 6 → 7 is not progress (a contract running out), so there is
 *    no "conversion" 合同中 → 合同已到期. null when nobody reached k.
 *  - Weighted pipeline = Σ expected value × win probability over accounts at stages 1–5.
 *    Expected value = the account's 预计金额 when present, else its average monthly net revenue
 *    over the period; a negative value (returns exceeding pick-ups) counts as 0.
 *  - An account without intent is weighted with the probability of level 2, 意向不明 /
 *    "unclear": the label literally says the intent is not known. Such accounts are counted
 *    separately (`withoutIntent`) so a manager sees how much of the figure rests on them.
 *  - Each account's weighted value is rounded to whole fen before summing, so per-rep
 *    figures add up exactly to the overall figure.
 */
import type { Customer, ContractStatus, Temperature } from "./model";
import type { Money } from "./money";

/** The rep under which accounts without a rep are listed (stable in every language). */
export const UNASSIGNED_REP = "(未分配 / unassigned)";

export const STAGES = [0, 1, 2, 3, 4, 5, 6, 7] as const;
/** The last progress stage (合同中); stage 7 (合同已到期) comes after it but is not progress. */
const LAST_PROGRESS_STAGE = 6;
export const TEMPERATURES: readonly Temperature[] = ["Hot", "Warm", "Cold", "Denial"];
export const CONTRACT_STATUSES: readonly ContractStatus[] = ["none", "active", "expired"];
/** Intent level whose probability applies to accounts without intent (意向不明 / unclear). */
export const NO_INTENT_LEVEL = 2;

export interface Bucket {
  count: number;
  revenue: Money;
}

export interface PipelineLine {
  /** Intent 1–5, or null for accounts without intent. */
  intent: number | null;
  probability: number;
  count: number;
  expectedValue: Money;
  weighted: Money;
}

export interface Pipeline {
  /** Accounts at stages 1–5. */
  count: number;
  expectedValue: Money;
  weighted: Money;
  /** By intent 1..5, then null (no intent). */
  byIntent: PipelineLine[];
  withoutIntent: { count: number; expectedValue: Money };
}

export interface FunnelFigures {
  accounts: number;
  revenue: Money;
  /** Index = stage 0..7. */
  byStage: Bucket[];
  stageUnknown: Bucket;
  byTemperature: Record<Temperature, Bucket>;
  temperatureUnknown: Bucket;
  byContractStatus: Record<ContractStatus, Bucket>;
  contractUnknown: Bucket;
  /** reached[k] = accounts at stage ≥ k, k = 0..7 (accounts with a known stage). */
  reached: number[];
  /** conversion[k] = reached[k+1] / reached[k] for k = 0..5 (into stage 6 at most); null when reached[k] = 0. */
  conversion: (number | null)[];
  pipeline: Pipeline;
}

export interface RepFunnel {
  rep: string;
  figures: FunnelFigures;
}

export interface FunnelResult {
  overall: FunnelFigures;
  /** Reps sorted by name, the unassigned group last. */
  byRep: RepFunnel[];
  /** Months in the period, the divisor of the average monthly revenue (0 without a period). */
  months: number;
}

export interface FunnelOptions {
  /** Net revenue of a customer over the period, in fen (`index`: its position in the customers given). */
  revenueOf(customerId: string, index: number): Money;
  /** Months in the analysis period (for the average monthly revenue); 0 = no period. */
  months: number;
  /** Win probability per intent 1..5 (index 0 = intent 1). */
  winProbability: number[];
}

const bucket = (): Bucket => ({ count: 0, revenue: 0 });

function emptyFigures(winProbability: number[]): FunnelFigures {
  return {
    accounts: 0,
    revenue: 0,
    byStage: STAGES.map(bucket),
    stageUnknown: bucket(),
    byTemperature: { Hot: bucket(), Warm: bucket(), Cold: bucket(), Denial: bucket() },
    temperatureUnknown: bucket(),
    byContractStatus: { none: bucket(), active: bucket(), expired: bucket() },
    contractUnknown: bucket(),
    reached: STAGES.map(() => 0),
    conversion: [],
    pipeline: {
      count: 0,
      expectedValue: 0,
      weighted: 0,
      byIntent: [1, 2, 3, 4, 5, null].map((intent) => ({
        intent,
        probability: probabilityOf(intent, winProbability),
        count: 0,
        expectedValue: 0,
        weighted: 0,
      })),
      withoutIntent: { count: 0, expectedValue: 0 },
    },
  };
}

/** Win probability of an intent level; accounts without intent take level 2 (意向不明). */
export function probabilityOf(intent: number | null, winProbability: number[]): number {
  const level = intent ?? NO_INTENT_LEVEL;
  return winProbability[level - 1] ?? 0;
}

/** Expected deal value of an account: 预计金额, else average monthly net revenue; never negative. */
export function expectedValueOf(c: Pick<Customer, "expectedValue">, revenue: Money, months: number): Money {
  const v = c.expectedValue !== null ? c.expectedValue : months > 0 ? Math.round(revenue / months) : 0;
  return Math.max(0, v);
}

function add(b: Bucket, revenue: Money): void {
  b.count++;
  b.revenue += revenue;
}

function addCustomer(f: FunnelFigures, c: Customer, revenue: Money, opts: FunnelOptions): void {
  f.accounts++;
  f.revenue += revenue;
  if (c.stage !== null) {
    add(f.byStage[c.stage], revenue);
    for (let k = 0; k <= c.stage; k++) f.reached[k]++;
  } else add(f.stageUnknown, revenue);
  add(c.temperature ? f.byTemperature[c.temperature] : f.temperatureUnknown, revenue);
  add(c.contractStatus ? f.byContractStatus[c.contractStatus] : f.contractUnknown, revenue);
  if (c.stage !== null && c.stage >= 1 && c.stage <= 5) {
    const ev = expectedValueOf(c, revenue, opts.months);
    const line = f.pipeline.byIntent[c.intent === null ? 5 : c.intent - 1];
    const weighted = Math.round(ev * line.probability);
    line.count++;
    line.expectedValue += ev;
    line.weighted += weighted;
    f.pipeline.count++;
    f.pipeline.expectedValue += ev;
    f.pipeline.weighted += weighted;
    if (c.intent === null) {
      f.pipeline.withoutIntent.count++;
      f.pipeline.withoutIntent.expectedValue += ev;
    }
  }
}

function finish(f: FunnelFigures): FunnelFigures {
  f.conversion = STAGES.slice(0, LAST_PROGRESS_STAGE).map((k) => (f.reached[k] ? f.reached[k + 1] / f.reached[k] : null));
  return f;
}

export function repOf(c: Pick<Customer, "rep">): string {
  return c.rep ?? UNASSIGNED_REP;
}

/** Reps in a stable order: by name (code-unit order), the unassigned group last. */
export function compareReps(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNASSIGNED_REP) return 1;
  if (b === UNASSIGNED_REP) return -1;
  return a < b ? -1 : 1;
}

export function computeFunnel(customers: Customer[], opts: FunnelOptions): FunnelResult {
  const overall = emptyFigures(opts.winProbability);
  const reps = new Map<string, FunnelFigures>();
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i];
    const revenue = opts.revenueOf(c.customerId, i);
    addCustomer(overall, c, revenue, opts);
    const rep = repOf(c);
    let f = reps.get(rep);
    if (!f) reps.set(rep, (f = emptyFigures(opts.winProbability)));
    addCustomer(f, c, revenue, opts);
  }
  const byRep = [...reps.keys()].sort(compareReps).map((rep) => ({ rep, figures: finish(reps.get(rep)!) }));
  return { overall: finish(overall), byRep, months: opts.months };
}
