/**
 * Value classes (客户价值分类, SPEC §2.2): core (核心客户), value (价值客户), potential (潜力客户),
 * low (低等客户).
 *
 * - core = ABC class A; value = ABC class B;
 * - potential = class C and at least one of: growth vs the previous equal period ≥ growthMin,
 *   scorecard ≥ scoreMin, funnel stage ≥ stageMin;
 * - low = everyone else.
 *
 * Growth is (current − previous) / previous on net revenue, decided exactly on fen. When the
 * previous period's revenue is zero or negative and the current one is positive, the account
 * is new (or back after a blank or net-return period): that counts as growth, since no finite
 * percentage describes it and such an account is exactly what "potential" is meant to catch.
 * When the workbook holds no sales at all in the previous period (the data does not reach
 * back that far), the growth rule is not applied to anyone: otherwise every buyer would look
 * new.
 *
 * The result carries why the class was given (`because`); `valueClassExplanation` words it in
 * the terms of these rules (the core-account rule included), so the sheets say what the rule says.
 */
import { type ExplanationLang, shareAtLeast } from "./abc";
import type { AbcClass, ValueClass } from "./model";
import { type Money, roundTo } from "./money";

export const VALUE_CLASSES: readonly ValueClass[] = ["core", "value", "potential", "low"];

export interface ValueClassRules {
  growthMin: number;
  scoreMin: number;
  stageMin: number;
}

export interface ValueClassInput {
  abc: AbcClass;
  revenue: Money;
  previousRevenue: Money;
  /** False when no sales at all fall in the previous period: growth is then unknown. */
  previousAvailable: boolean;
  score: number | null;
  stage: number | null;
}

export type Growth =
  | { kind: "rate"; rate: number; meets: boolean }
  /** Previous ≤ 0, current > 0: counts as growth. */
  | { kind: "new"; meets: true }
  /** No positive revenue now (and none before), or no previous data: growth does not apply. */
  | { kind: "none"; meets: false }
  | { kind: "unknown"; meets: false };

export type ValueReason = "abcA" | "abcB" | "growth" | "new" | "score" | "stage";

export interface ValueClassResult {
  valueClass: ValueClass;
  /** The rules that decided the class; empty for "low" (none applied). */
  because: readonly ValueReason[];
  growth: Growth;
}

// Results without figures, one each for every customer (nothing changes a result in place):
// fresh ones per customer were ~10 MB of the 50,000-customer run's garbage (allocation sampling).
const UNKNOWN: Growth = Object.freeze({ kind: "unknown", meets: false });
const NEW: Growth = Object.freeze({ kind: "new", meets: true });
const NONE: Growth = Object.freeze({ kind: "none", meets: false });
const BECAUSE_A: readonly ValueReason[] = Object.freeze(["abcA"]);
const BECAUSE_B: readonly ValueReason[] = Object.freeze(["abcB"]);

export function growthOf(current: Money, previous: Money, previousAvailable: boolean, min: number): Growth {
  if (!previousAvailable) return UNKNOWN;
  if (previous > 0) {
    // (current − previous) / previous ≥ min, exactly: current − previous ≥ min × previous.
    return { kind: "rate", rate: (current - previous) / previous, meets: shareAtLeast(current - previous, previous, min) };
  }
  if (current > 0) return NEW;
  return NONE;
}

export function classifyValue(input: ValueClassInput, rules: ValueClassRules): ValueClassResult {
  const growth = growthOf(input.revenue, input.previousRevenue, input.previousAvailable, rules.growthMin);
  if (input.abc === "A") return { valueClass: "core", because: BECAUSE_A, growth };
  if (input.abc === "B") return { valueClass: "value", because: BECAUSE_B, growth };
  const because: ValueReason[] = [];
  if (growth.meets) because.push(growth.kind === "new" ? "new" : "growth");
  if (input.score !== null && input.score >= rules.scoreMin) because.push("score");
  if (input.stage !== null && input.stage >= rules.stageMin) because.push("stage");
  return { valueClass: because.length ? "potential" : "low", because, growth };
}

const percentText = (x: number) => `${roundTo(x * 100, 1)}%`;

/**
 * Why an account got its value class, in the words of the rules above: core because ABC class
 * A, value because class B, potential by each rule met (growth, new account, score, stage),
 * else low with its growth. `facts` are the score and stage the class was decided on.
 */
export function valueClassExplanation(v: ValueClassResult, facts: { score: number | null; stage: number | null }, rules: ValueClassRules, lang: ExplanationLang): string {
  const en = lang === "en";
  const parts: string[] = [];
  for (const why of v.because) {
    switch (why) {
      case "abcA": parts.push(en ? "ABC class A" : "ABC A类"); break;
      case "abcB": parts.push(en ? "ABC class B" : "ABC B类"); break;
      case "growth":
        if (v.growth.kind === "rate") parts.push(`${en ? "growth" : "增长"} ${percentText(v.growth.rate)} ≥ ${percentText(rules.growthMin)}`);
        break;
      case "new": parts.push(en ? "new account (no positive revenue before)" : "新增客户（上期无正销售额）"); break;
      case "score": parts.push(`${en ? "score" : "评分"} ${roundTo(facts.score ?? 0, 2)} ≥ ${rules.scoreMin}`); break;
      case "stage": parts.push(`${en ? "stage" : "销售进程"} ${facts.stage} ≥ ${rules.stageMin}`); break;
    }
  }
  if (parts.length) return parts.join(en ? "; " : "；");
  const g = v.growth;
  const growth = g.kind === "rate" ? `${en ? "growth" : "增长"} ${percentText(g.rate)}` : g.kind === "unknown" ? (en ? "no previous-period data" : "无上期数据") : en ? "no growth" : "无增长";
  return en ? `class C, no potential rule met (${growth})` : `C类，未达潜力条件（${growth}）`;
}
