/**
 * Channel grades VKA, V1–V4 for social-channel direct-supply customers (SPEC §2.3).
 *
 * - threshold mode: average monthly pick-up units over the period (pick-ups only, returns do
 *   not reduce it) against the thresholds: VKA/V1/V2/V3 "≥", V4 "> value". A customer with no
 *   pick-ups gets no grade, whatever the V4 threshold.
 * - quota mode: per office, rank the direct customers with pick-ups by pick-up units
 *   (descending, ties by customer id) and fill VKA, then V1, … up to each grade's target
 *   count for that office. Customers beyond the last target get no grade, so no grade ever
 *   holds more customers than its target.
 *
 * Targets (GradeTargets sheet): rows with a blank office are the default for every office
 * without rows of its own; an office with its own rows uses those (grades it does not list:
 * target 0).
 *
 * Summary per office and grade: target, actual, gap = actual − target. Offices listed are
 * those of direct customers and those named in the targets; customers without an office are
 * grouped under office "" (and get the default targets).
 */
import Decimal from "decimal.js";
import { type ExplanationLang, compareIds } from "./abc";
import { GRADES, Grade, GradeMode, GradeTarget } from "./model";
import { roundTo } from "./money";

export interface GradeInput {
  customerId: string;
  office: string | null;
  /** Social-channel direct supply (社会渠道直供): only these are graded. */
  direct: boolean;
  /** Units picked up in the period (returns excluded). */
  pickupUnits: number;
}

export interface GradeRules {
  mode: GradeMode;
  thresholds: Record<Grade, number>;
  /** Months in the period (for the monthly average). */
  months: number;
  targets: GradeTarget[];
}

export type GradeBasis =
  | { kind: "notDirect" }
  | { kind: "noPickup" }
  | { kind: "threshold"; monthlyAverage: number; threshold: number }
  | { kind: "belowThresholds"; monthlyAverage: number; threshold: number }
  | { kind: "quota"; rank: number; target: number }
  | { kind: "beyondQuota"; rank: number; targetTotal: number };

export interface GradeRow {
  customerId: string;
  /** "" for a customer without an office. */
  office: string;
  grade: Grade | null;
  basis: GradeBasis;
}

export interface GradeSummaryRow {
  office: string;
  grade: Grade;
  target: number;
  actual: number;
  gap: number;
}

export interface GradeResult {
  /** One row per input, in the inputs' order. */
  rows: GradeRow[];
  /** `rows` by customer ID, built on first read (a getter). */
  readonly byId: Map<string, GradeRow>;
  summary: GradeSummaryRow[];
}

/**
 * Targets for one office: when the office has rows of its own, those rows (a grade it does not
 * list has target 0); otherwise the blank-office (default) rows. A later row for the same
 * office and grade replaces an earlier one.
 */
export function targetsFor(targets: GradeTarget[], office: string): Record<Grade, number> {
  const isDefault = (t: GradeTarget) => t.office === null || t.office === "";
  const own = office !== "" && targets.some((t) => t.office === office);
  const out = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (const t of targets) if (own ? t.office === office : isDefault(t)) out[t.grade] = t.target;
  return out;
}

/** Average monthly units, exactly enough that 600 units over 12 months is 50, not 49.999…. */
function monthlyAverage(units: number, months: number): Decimal {
  return new Decimal(units).div(Math.max(1, months));
}

// The bases without figures, one each for every row: no code changes a basis in place.
const NOT_DIRECT: GradeBasis = Object.freeze({ kind: "notDirect" });
const NO_PICKUP: GradeBasis = Object.freeze({ kind: "noPickup" });

export function thresholdGrade(units: number, months: number, thresholds: Record<Grade, number>): { grade: Grade | null; basis: GradeBasis } {
  if (!(units > 0)) return { grade: null, basis: NO_PICKUP };
  return thresholdGradeFast(units, months, thresholds) ?? thresholdGradeExact(units, months, thresholds);
}

/**
 * The grade in binary floating point, or null where decimal must decide. Why: a Decimal
 * division, rounding and comparisons per direct customer were ~17 ms and ~15 MB of garbage a
 * run of 50,000 customers (node --cpu-prof; allocation sampling). The double average is within
 * a few ulps of the decimal one, so the two agree except when the average lies within 1e-9 of
 * a threshold, or its 4th decimal within 1e-4 of a rounding tie (below 2^32 / 10^4 units a
 * month, where those ulps are under 1e-6 of a 4th-decimal step): those take the decimal path.
 */
function thresholdGradeFast(units: number, months: number, thresholds: Record<Grade, number>): { grade: Grade | null; basis: GradeBasis } | null {
  const avg = units / Math.max(1, months);
  const scaled = avg * 1e4;
  if (!(scaled < 2 ** 32) || Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-4) return null;
  // A correctly rounded division of an integer by 10^4: the double nearest the 4-decimal figure.
  const monthlyAverage = Math.round(scaled) / 1e4;
  for (const g of GRADES) {
    const t = thresholds[g];
    if (Math.abs(avg - t) <= 1e-9 * Math.max(1, Math.abs(t))) return null;
    if (g === "V4" ? avg > t : avg >= t) return { grade: g, basis: { kind: "threshold", monthlyAverage, threshold: t } };
  }
  return { grade: null, basis: { kind: "belowThresholds", monthlyAverage, threshold: thresholds.V4 } };
}

/** The reference computation, in decimal (units > 0). */
export function thresholdGradeExact(units: number, months: number, thresholds: Record<Grade, number>): { grade: Grade | null; basis: GradeBasis } {
  const avg = monthlyAverage(units, months);
  const monthly = avg.toDecimalPlaces(4).toNumber();
  for (const g of GRADES) {
    const t = thresholds[g];
    const ok = g === "V4" ? avg.gt(t) : avg.gte(t);
    if (ok) return { grade: g, basis: { kind: "threshold", monthlyAverage: monthly, threshold: t } };
  }
  return { grade: null, basis: { kind: "belowThresholds", monthlyAverage: monthly, threshold: thresholds.V4 } };
}

/**
 * Rows follow the inputs by position. Why not by ID: the map of 50,000 rows (and a tuple per
 * row to build it) was built every run and read by ID only in tests, which go through `byId`.
 * With the key-account moves' literals (review.ts) and the threshold fast path, the tiering
 * phase at 300,000 lines went from 498–506 to 354–363 ms (alternated runs, PERFORMANCE.md).
 */
export function assignGrades(inputs: GradeInput[], rules: GradeRules): GradeResult {
  const rows: GradeRow[] = new Array(inputs.length);
  const direct: number[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const c = inputs[i];
    rows[i] = { customerId: c.customerId, office: c.office ?? "", grade: null, basis: NOT_DIRECT };
    if (c.direct) direct.push(i);
  }

  if (rules.mode === "threshold") {
    for (const i of direct) {
      const g = thresholdGrade(inputs[i].pickupUnits, rules.months, rules.thresholds);
      rows[i].grade = g.grade;
      rows[i].basis = g.basis;
    }
  } else {
    const byOffice = new Map<string, number[]>();
    for (const i of direct) {
      const c = inputs[i];
      if (!(c.pickupUnits > 0)) {
        rows[i].basis = NO_PICKUP;
        continue;
      }
      const key = c.office ?? "";
      const list = byOffice.get(key);
      if (list) list.push(i);
      else byOffice.set(key, [i]);
    }
    for (const [office, list] of byOffice) {
      const targets = targetsFor(rules.targets, office);
      const targetTotal = GRADES.reduce((s, g) => s + targets[g], 0);
      list.sort((a, b) => inputs[b].pickupUnits - inputs[a].pickupUnits || compareIds(inputs[a].customerId, inputs[b].customerId));
      let gi = 0;
      let used = 0;
      list.forEach((at, i) => {
        const r = rows[at];
        while (gi < GRADES.length && used >= targets[GRADES[gi]]) {
          gi++;
          used = 0;
        }
        if (gi >= GRADES.length) {
          r.basis = { kind: "beyondQuota", rank: i + 1, targetTotal };
          return;
        }
        r.grade = GRADES[gi];
        r.basis = { kind: "quota", rank: i + 1, target: targets[GRADES[gi]] };
        used++;
      });
    }
  }

  // Summary: every office of a direct customer or of a target row, every grade.
  const offices = new Set<string>();
  for (const i of direct) offices.add(inputs[i].office ?? "");
  for (const t of rules.targets) if (t.office) offices.add(t.office);
  const actual = new Map<string, number>();
  for (const r of rows) if (r.grade) actual.set(`${r.office}\u0000${r.grade}`, (actual.get(`${r.office}\u0000${r.grade}`) ?? 0) + 1);
  const summary: GradeSummaryRow[] = [];
  for (const office of [...offices].sort(compareIds)) {
    const targets = targetsFor(rules.targets, office);
    for (const g of GRADES) {
      const a = actual.get(`${office}\u0000${g}`) ?? 0;
      summary.push({ office, grade: g, target: targets[g], actual: a, gap: a - targets[g] });
    }
  }
  let byId: Map<string, GradeRow> | undefined;
  return {
    rows,
    summary,
    get byId() {
      return (byId ??= new Map(rows.map((r) => [r.customerId, r])));
    },
  };
}

const unitsText = (x: number) => String(roundTo(x, 2));

/**
 * Why an account got its channel grade, in the words of the threshold or quota rule that
 * decided it (V4 is above its threshold, the other grades at or above theirs).
 */
export function gradeExplanation(g: Pick<GradeRow, "grade" | "basis">, lang: ExplanationLang): string {
  const en = lang === "en";
  const b = g.basis;
  switch (b.kind) {
    case "notDirect": return en ? "not direct supply: no grade" : "非社会渠道直供，不分级";
    case "noPickup": return en ? "no pick-ups in the period: no grade" : "期内无提货，不分级";
    case "threshold": {
      const op = g.grade === "V4" ? ">" : "≥";
      return en ? `monthly pick-ups ${unitsText(b.monthlyAverage)} units ${op} ${b.threshold}` : `月均提货 ${unitsText(b.monthlyAverage)} 台 ${op} ${b.threshold}`;
    }
    case "belowThresholds":
      return en ? `monthly pick-ups ${unitsText(b.monthlyAverage)} units, not above the V4 threshold ${b.threshold}` : `月均提货 ${unitsText(b.monthlyAverage)} 台，未超过 V4 门槛 ${b.threshold}`;
    case "quota": return en ? `rank ${b.rank} by pick-ups in the office, ${g.grade} target ${b.target}` : `办事处内提货量第 ${b.rank} 名，${g.grade} 目标 ${b.target} 家`;
    case "beyondQuota": return en ? `rank ${b.rank} by pick-ups, beyond the ${b.targetTotal} targeted accounts` : `办事处内提货量第 ${b.rank} 名，超出各级目标合计 ${b.targetTotal} 家`;
  }
}
