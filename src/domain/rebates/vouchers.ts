/**
 * Accrual vouchers (返利凭证, SPEC §8): for each customer × rule with a non-zero payment in
 * the month, one entry of two lines — debit 销售费用—销售返利 (expense), credit 其他应付款
 * (payable) with the customer as the auxiliary item. A negative payment (clawback) reverses
 * the sides, so every amount on a voucher is positive. Debits equal credits to the fen by
 * construction; the totals are returned for the check cell.
 */
import { isoDate, lastDayOfMonth, monthKeyFromIndex } from "../calendar";
import type { PaymentForm, VoucherAccounts } from "../model";
import { DEFAULT_TIER_RULES } from "../policyDefaults";
import type { Money } from "../money";
import type { RebateStatementRow } from "./settlement";

export type VoucherSettings = VoucherAccounts;
const DEFAULT_VOUCHER_SETTINGS: VoucherSettings = DEFAULT_TIER_RULES.voucher;

export interface VoucherLine {
  /** Month end (serial day). */
  date: number;
  word: string;
  /** 凭证号: one per entry, 1.. in statement order. */
  number: number;
  summary: string;
  accountCode: string;
  accountName: string;
  debit: Money;
  credit: Money;
  customerId: string;
  ruleId: string;
  paymentForm: PaymentForm;
}

export interface VoucherResult {
  entries: VoucherLine[];
  /** The accounts the entries use (the sheet's note names them). */
  accounts: VoucherAccounts;
  debit: Money;
  credit: Money;
}

export function accrualVouchers(statement: readonly RebateStatementRow[], month: number, settings: VoucherSettings = DEFAULT_VOUCHER_SETTINGS): VoucherResult {
  const date = lastDayOfMonth(month);
  const entries: VoucherLine[] = [];
  let debit = 0, credit = 0, number = 0;
  for (const s of statement) {
    if (s.thisMonth === 0) continue;
    number++;
    const amount = Math.abs(s.thisMonth);
    const reversed = s.thisMonth < 0;
    const summary = `返利预提 ${s.rule.ruleId} ${monthKeyFromIndex(month)} ${s.customerId}`;
    const base = { date, word: settings.word, number, summary, customerId: s.customerId, ruleId: s.rule.ruleId, paymentForm: s.rule.paymentForm ?? "cash" };
    const expense = { ...base, accountCode: settings.expenseAccount, accountName: settings.expenseName };
    const payable = { ...base, accountCode: settings.payableAccount, accountName: settings.payableName };
    // The debit line first, as ledger imports expect.
    if (!reversed) entries.push({ ...expense, debit: amount, credit: 0 }, { ...payable, debit: 0, credit: amount });
    else entries.push({ ...payable, debit: amount, credit: 0 }, { ...expense, debit: 0, credit: amount });
    debit += amount;
    credit += amount;
  }
  return { entries, accounts: settings, debit, credit };
}

/** "2024-12-31" of a voucher line, for JSON. */
export const voucherDate = (v: VoucherLine) => isoDate(v.date);
