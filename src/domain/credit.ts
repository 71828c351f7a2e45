/**
 * Credit risk (信用风险, SPEC §2.6): utilisation = arrears / credit limit; ≥ watch → "watch",
 * > over → "over" (over limit). Decided exactly on fen, so 80% of a limit is "watch" every time.
 *
 * Only where both credit limit and arrears are present; otherwise no flag. A limit of 0 (or
 * less) with arrears owed is over limit (no credit was granted); with nothing owed it is fine.
 * Zero or negative arrears (a credit balance) are fine.
 */
import { type ExplanationLang, shareAbove, shareAtLeast } from "./abc";
import { type Money, roundTo } from "./money";

export type CreditFlag = "ok" | "watch" | "over";

export interface CreditRules {
  watch: number;
  over: number;
}

export interface CreditResult {
  /** arrears / limit; null without both values or when the limit is not positive. */
  utilisation: number | null;
  flag: CreditFlag | null;
}

export function creditRisk(limit: Money | null, arrears: Money | null, rules: CreditRules): CreditResult {
  if (limit === null || arrears === null) return { utilisation: null, flag: null };
  if (limit <= 0) return { utilisation: null, flag: arrears > 0 ? "over" : "ok" };
  const utilisation = arrears / limit;
  if (shareAbove(arrears, limit, rules.over)) return { utilisation, flag: "over" };
  if (shareAtLeast(arrears, limit, rules.watch)) return { utilisation, flag: "watch" };
  return { utilisation, flag: "ok" };
}

const percentText = (x: number) => `${roundTo(x * 100, 1)}%`;

/** Why an account got its credit flag, in the words of the rule above ("" without a flag). */
export function creditExplanation(c: CreditResult, rules: CreditRules, lang: ExplanationLang): string {
  const en = lang === "en";
  if (c.flag === null) return "";
  if (c.utilisation === null) return c.flag === "over" ? (en ? "arrears without a credit limit" : "无信用额度但有欠款") : en ? "no arrears" : "无欠款";
  const u = percentText(c.utilisation);
  const what = en ? "arrears/limit" : "欠款/额度";
  if (c.flag === "over") return `${what} ${u} > ${percentText(rules.over)}`;
  if (c.flag === "watch") return `${what} ${u} ≥ ${percentText(rules.watch)}`;
  return `${what} ${u}`;
}
