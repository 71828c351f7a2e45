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

export function scoreLetter(score: number, bands: ScoreBands): ScoreLetter {
  const s = new D(score);
  return s.gte(bands.bandA) ? "A" : s.gte(bands.bandB) ? "B" : "C";
}

export function scoreDealer(inputs: Partial<Record<ScorecardCriterion, number>>, weights: ScorecardWeight[], bands: ScoreBands): ScoreResult {
  const totalWeight = weights.reduce((s, w) => s.plus(w.weight > 0 ? w.weight : 0), new D(0));
  const missing: ScorecardCriterion[] = [];
  const parts: ScorePart[] = [];
  let sum = new D(0);
  let any = false;
  for (const w of weights) {
    const raw = inputs[w.criterion];
    const value = typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    const weight = totalWeight.gt(0) && w.weight > 0 ? new D(w.weight).div(totalWeight) : new D(0);
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
