/**
 * Dealer scorecard (经销商评价, SPEC §2.4).
 *
 * Each criterion is scaled to 0–100 between its min and max (values outside are clamped),
 * weighted with the weights normalised to sum 1, and summed. A missing input counts as 0
 * points and is listed in `missing`. A customer with no scorecard input at all gets no score
 * (null), so that a workbook without scorecard columns does not rate everyone "0, C".
 *
 * The arithmetic is decimal (decimal.js), and the score is rounded to 2 dp (half up) before
 * the letter is decided, so the letter always agrees with the number shown: weights 1/3 each
 * and three 80s give 80.00 and A, never 79.999999 and B. Letter: ≥ bandA A (the top band
 * includes 100), ≥ bandB B, else C.
 */
import Decimal from "decimal.js";
import type { ExplanationLang } from "./abc";
import type { ScorecardCriterion, ScorecardWeight } from "./model";

export type ScoreLetter = "A" | "B" | "C";

export interface ScoreBands {
  bandA: number;
  bandB: number;
}

export interface ScorePart {
  criterion: ScorecardCriterion;
  /** The raw input, or null when missing. */
  value: number | null;
  /** 0–100 after scaling and clamping (0 when missing). */
  scaled: number;
  /** Normalised weight (sums to 1 over the criteria). */
  weight: number;
  clamped: boolean;
}

export interface ScoreResult {
  score: number | null;
  letter: ScoreLetter | null;
  missing: ScorecardCriterion[];
  parts: ScorePart[];
}

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/**
 * Comparing the numbers is the same as comparing their decimal values: distinct doubles have
 * distinct shortest decimal forms in the same order, so no Decimal is needed here.
 */
export function scoreLetter(score: number, bands: ScoreBands): ScoreLetter {
  return score >= bands.bandA ? "A" : score >= bands.bandB ? "B" : "C";
}

/** The weights of one scorecard policy, normalised once (not once per customer). */
interface PreparedWeights {
  total: Decimal;
  /** Normalised weight per policy row, exact and as a number. */
  exact: Decimal[];
  approx: number[];
  /** The result every customer without any input gets (shared, frozen). */
  empty: ScoreResult;
}

const prepared = new WeakMap<ScorecardWeight[], PreparedWeights>();

function prepare(weights: ScorecardWeight[]): PreparedWeights {
  let p = prepared.get(weights);
  if (p) return p;
  const total = weights.reduce((s, w) => s.plus(w.weight > 0 ? w.weight : 0), new D(0));
  const exact = weights.map((w) => (total.gt(0) && w.weight > 0 ? new D(w.weight).div(total) : new D(0)));
  const approx = exact.map((x) => x.toNumber());
  const missing: ScorecardCriterion[] = [];
  for (const w of weights) if (!missing.includes(w.criterion)) missing.push(w.criterion);
  const parts = weights.map((w, i) => Object.freeze({ criterion: w.criterion, value: null, scaled: 0, weight: approx[i], clamped: false }));
  const empty = Object.freeze({ score: null, letter: null, missing: Object.freeze(missing), parts: Object.freeze(parts) }) as unknown as ScoreResult;
  p = { total, exact, approx, empty };
  prepared.set(weights, p);
  return p;
}

/** Within this distance of a rounding tie the float result is not trusted (decimal decides). */
const TIE_MARGIN = 1e-6;

const nearTie = (x: number) => Math.abs(x - Math.floor(x) - 0.5) < TIE_MARGIN;

/**
 * The score in binary floating point, or null when rounding it could differ from the decimal
 * computation. Why: decimal.js per customer was ~250 ms of the 50,000-customer run (node
 * --cpu-prof, docs/PERFORMANCE.md). Binary error here is below 1e-12 of values ≤ 100, so
 * the 2-dp (score) and 4-dp (parts) roundings agree with decimal's unless the value lies
 * within TIE_MARGIN of a half; those customers, and any min = max criterion, take the
 * decimal path.
 */
function scoreFast(inputs: Partial<Record<ScorecardCriterion, number>>, weights: ScorecardWeight[], pw: PreparedWeights, bands: ScoreBands): ScoreResult | null {
  const missing: ScorecardCriterion[] = [];
  const parts: ScorePart[] = [];
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    const raw = inputs[w.criterion];
    const value = typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    if (value === null) {
      if (!missing.includes(w.criterion)) missing.push(w.criterion);
      parts.push({ criterion: w.criterion, value: null, scaled: 0, weight: pw.approx[i], clamped: false });
      continue;
    }
    if (w.max === w.min) return null;
    const lo = Math.min(w.min, w.max), hi = Math.max(w.min, w.max);
    const clamped = value < lo || value > hi;
    const scaled = value <= lo ? (w.max > w.min ? 0 : 100) : value >= hi ? (w.max > w.min ? 100 : 0) : ((value - w.min) / (w.max - w.min)) * 100;
    if (nearTie(scaled * 10000)) return null;
    sum += scaled * pw.approx[i];
    parts.push({ criterion: w.criterion, value, scaled: Math.round(scaled * 10000) / 10000, weight: pw.approx[i], clamped });
  }
  if (nearTie(sum * 100)) return null;
  const score = Math.round(sum * 100) / 100;
  return { score, letter: scoreLetter(score, bands), missing, parts };
}

export function scoreDealer(inputs: Partial<Record<ScorecardCriterion, number>>, weights: ScorecardWeight[], bands: ScoreBands): ScoreResult {
  const pw = prepare(weights);
  let any = false;
  for (const w of weights) {
    const raw = inputs[w.criterion];
    if (typeof raw === "number" && Number.isFinite(raw)) {
      any = true;
      break;
    }
  }
  if (!any || pw.total.lte(0)) return any ? scoreExact(inputs, weights, pw, bands) : pw.empty;
  return scoreFast(inputs, weights, pw, bands) ?? scoreExact(inputs, weights, pw, bands);
}

/** The reference computation, all in decimal. */
export function scoreExact(inputs: Partial<Record<ScorecardCriterion, number>>, weights: ScorecardWeight[], pw: Pick<PreparedWeights, "total" | "exact"> = prepare(weights), bands: ScoreBands): ScoreResult {
  const totalWeight = pw.total;
  const missing: ScorecardCriterion[] = [];
  const parts: ScorePart[] = [];
  let sum = new D(0);
  let any = false;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    const raw = inputs[w.criterion];
    const value = typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    const weight = pw.exact[i];
    if (value === null) {
      if (!missing.includes(w.criterion)) missing.push(w.criterion);
      parts.push({ criterion: w.criterion, value: null, scaled: 0, weight: weight.toNumber(), clamped: false });
      continue;
    }
    any = true;
    let scaled = new D(value).minus(w.min).div(new D(w.max).minus(w.min)).times(100);
    const clamped = scaled.lt(0) || scaled.gt(100);
    scaled = D.min(100, D.max(0, scaled));
    sum = sum.plus(scaled.times(weight));
    parts.push({ criterion: w.criterion, value, scaled: scaled.toDecimalPlaces(4).toNumber(), weight: weight.toNumber(), clamped });
  }
  if (!any || totalWeight.lte(0)) return { score: null, letter: null, missing, parts };
  const score = sum.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
  return { score, letter: scoreLetter(score, bands), missing, parts };
}

/**
 * Why a dealer got its score letter, in the words of the rules above: the band it falls in
 * (≥ bandA is A, ≥ bandB is B, below is C), the criteria missing (counted 0) and those clamped
 * to their range. `criterionName` names a criterion in the sheet's language.
 */
export function scoreExplanation(s: ScoreResult, bands: ScoreBands, lang: ExplanationLang, criterionName: (c: ScorecardCriterion) => string): string {
  const en = lang === "en";
  if (s.score === null) return en ? "no scorecard data" : "无评分数据";
  const list = (cs: ScorecardCriterion[]) => cs.map(criterionName).join(en ? ", " : "、");
  const band = s.letter === "A" ? `≥ ${bands.bandA}` : s.letter === "B" ? `≥ ${bands.bandB}` : `< ${bands.bandB}`;
  const parts = [en ? `${band} is ${s.letter}` : `${band} 为${s.letter}`];
  if (s.missing.length) parts.push(en ? `missing (counted 0): ${list(s.missing)}` : `缺少（按0分计）：${list(s.missing)}`);
  const clamped = s.parts.filter((p) => p.clamped).map((p) => p.criterion);
  if (clamped.length) parts.push(en ? `clamped to range: ${list(clamped)}` : `超出范围已截断：${list(clamped)}`);
  return parts.join(en ? "; " : "；");
}
