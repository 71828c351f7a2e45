/** Small builders for rebate tests: rules and sales lines with money in fen and dates as serials. */
import { dayFromYmd } from "../../../src/domain/calendar";
import type { Channel, RebateRule, SalesLine } from "../../../src/domain/model";

export const d = (iso: string) => {
  const [y, m, dd] = iso.split("-").map(Number);
  return dayFromYmd(y, m, dd);
};

/** Month index of "YYYY-MM". */
export const mon = (key: string) => {
  const [y, m] = key.split("-").map(Number);
  return y * 12 + m - 1;
};

export function rule(p: Partial<RebateRule> & Pick<RebateRule, "thresholds" | "rates">): RebateRule {
  return {
    ruleId: "R", model: null, channels: null, kind: "volume", basis: "quantity", mode: "wholeVolume",
    validFrom: null, validTo: null, note: null, source: null, ...p,
  };
}

let row = 1;
/** A sales line; amount in yuan (converted to fen), negative quantity = return. */
export function line(date: string, customerId: string, quantity: number, amountYuan: number, p: Partial<SalesLine> = {}): SalesLine {
  return {
    date: d(date), customerId, model: "I9300", quantity, unitPrice: null, amount: Math.round(amountYuan * 100),
    channel: "direct" as Channel, contractPlan: false, orderType: quantity < 0 ? "return" : "pickup",
    sheet: "销售记录", row: row++, ...p,
  };
}
