/**
 * The rebate rules in words (SPEC §5), as the rebate sheets state them. They live beside the
 * rules they restate so that a change of rule and of its wording happen in one place.
 */
import type { VoucherAccounts } from "../model";

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

/** How the month's accrual vouchers are made (vouchers.ts, accrualVouchers), naming the accounts the vouchers use (settings voucher.*). */
export function voucherRule(a: VoucherAccounts): Words {
  return {
    zh: `每客户 × 每规则一张凭证：借 ${a.expenseAccount} ${a.expenseName}，贷 ${a.payableAccount} ${a.payableName}（辅助核算：客户）；本月为负（退货追回）时借贷方向相反。科目在 分级规则 的 voucher.* 参数中设置。`,
    en: `One voucher per customer × rule: debit ${a.expenseAccount} ${a.expenseName}, credit ${a.payableAccount} ${a.payableName} with the customer as auxiliary item; a negative month (clawback) reverses the sides. Accounts: settings voucher.* in TierRules.`,
  };
}

/** How the forecast projects a rule to the end of its period (forecast.ts, forecastRebates). */
export const FORECAST_RULE: Words = {
  zh: "预计期末依据 = 累计依据 × 协议期工作日 ÷ 已过工作日（日历同拨打计划）；下一档 = 预计档位之上的一档；期末前还需 = 达到该档的依据 − 累计依据；达档多返 = 达到该档的应返 − 预计应返。",
  en: "Projected basis = basis to date × working days of the period ÷ working days elapsed (the call list's calendar); next band = the band above the projected one; still needed = its basis − the basis to date; gain = its entitlement − the projected entitlement.",
};
