/**
 * The rebate rules in words (SPEC §5), as the rebate sheets state them. They live beside the
 * rules they restate so that a change of rule and of its wording happen in one place.
 */
type Words = { zh: string; en: string };

/** How a line's rebate is computed (tiers.ts, ROUNDING RULE). */
export const LINE_REBATE_RULE: Words = {
  zh: "每行 = 当月一条销售记录 × 一条返利规则；本行返利 = 本行后累计应返 − 本行前累计应返（协议期累计，四舍五入到分）。",
  en: "One row per sales line of the month × rule; rebate = cumulative entitlement after the line − before it (agreement period to date, rounded half-up to the fen).",
};

/** What the month pays (settlement.ts). */
export const MONTH_PAYMENT_RULE: Words = {
  zh: "本月应付 = 协议期累计应返 − 以前月份已返；负数为退货追回。",
  en: "This month = cumulative entitlement − paid before; negative = clawback.",
};

/** A whole-volume tier reached part way through the period pays the new rate on the earlier units too (tiers.ts, entitlementExact). */
export function retroactiveTopUp(tier: string): Words {
  return {
    zh: `达到 ${tier} 档，含本协议期此前各台按新档追溯补提`,
    en: `reaches ${tier}: includes the retroactive top-up on earlier units of the period`,
  };
}

/** A return that takes the basis under a tier claws back the difference. */
export function returnClawback(tier: string): Words {
  return { zh: `退货后降至 ${tier}，追回差额`, en: `return drops to ${tier}: clawback` };
}
