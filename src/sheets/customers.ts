/**
 * Reading the customers sheet (客户资料, SPEC §1.1) into Customer records.
 */
import type { IssueLog } from "../domain/issues";
import type { Customer, ScorecardCriterion } from "../domain/model";
import { SCORECARD_CRITERIA } from "../domain/model";
import { CustomerField } from "./fields";
import type { HeaderMatch } from "./headers";
import { cellAddress, type SheetGrid } from "./grid";
import { forEachDataRow } from "./rows";
import {
  BAD, parseChannel, parseContractStatus, parseDate, parseIntent, parseMoney, parseNumber, parseStage, parseTemperature, parseText,
} from "./values";

// Labels for bad-cell messages, made once (not one object per cell of 50,000 rows).
const WHAT = {
  number: { en: "number", zh: "数字" },
  channel: { en: "channel type (社会渠道直供, 分销, 大客户, 联通渠道)", zh: "渠道类型（社会渠道直供、分销、大客户、联通渠道）" },
  stage: { en: "sales stage (0–7)", zh: "销售进程（0–7）" },
  temperature: { en: "temperature (Hot/Warm/Cold/Denial)", zh: "客户温度（Hot/Warm/Cold/Denial 或 A类/B类/C类/废弃）" },
  intent: { en: "intent (1–5)", zh: "成交意向（1–5）" },
  contract: { en: "contract status (none/active/expired)", zh: "合同状态（无合同/合同中/合同已到期）" },
  date: { en: "date", zh: "日期" },
  amount: { en: "amount", zh: "金额" },
};
const SCORECARD_FIELDS = SCORECARD_CRITERIA.map((c) => [c, `sc.${c}` as CustomerField] as const);

/**
 * Reads the customers. `indexOf` gets each customer's position in the list returned, by ID: the
 * loader hands the same map to the sales reader, which numbers lines' customers with it.
 */
export function readCustomers(grid: SheetGrid, match: HeaderMatch<CustomerField>, issues: IssueLog, indexOf = new Map<string, number>()): Customer[] {
  const out: Customer[] = [];
  const idCol = match.columns.customerId ?? 0;
  const ok = <T>(v: T | null | typeof BAD): T | null => (v === BAD ? null : v);
  forEachDataRow(grid, match, issues, (r) => {
    const id = parseText(r.raw("customerId"));
    if (!id) {
      issues.error("customer.noId", "Customer row without a customer ID: skipped", "客户行缺少客户编号，已跳过", { sheet: r.sheet, cell: r.address("customerId") });
      return;
    }
    const seen = indexOf.get(id);
    if (seen !== undefined) {
      // The first row's address is only spelled out for a duplicate's message.
      const first = cellAddress(out[seen].source!.row, idCol);
      issues.warn("customer.duplicateId", `Customer ID ${id} appears again (first at ${first}): this row is skipped`, `客户编号 ${id} 重复（首次出现在 ${first}），本行已跳过`, { sheet: r.sheet, cell: r.address("customerId") });
      return;
    }
    indexOf.set(id, out.length);
    const name = parseText(r.raw("name")) ?? id;
    const scorecard: Partial<Record<ScorecardCriterion, number>> = {};
    for (const [c, field] of SCORECARD_FIELDS) {
      if (match.columns[field] === undefined) continue;
      const v = ok(r.get(field, parseNumber, WHAT.number, "warning"));
      if (v !== null) scorecard[c] = v;
    }
    out.push({
      customerId: id,
      name,
      channel: ok(r.get("channel", parseChannel, WHAT.channel, "warning")),
      office: parseText(r.raw("office")),
      cityTier: parseText(r.raw("cityTier")),
      rep: parseText(r.raw("rep")),
      stage: ok(r.get("stage", parseStage, WHAT.stage, "warning")),
      temperature: ok(r.get("temperature", parseTemperature, WHAT.temperature, "warning")),
      intent: ok(r.get("intent", parseIntent, WHAT.intent, "warning")),
      contractStatus: ok(r.get("contractStatus", parseContractStatus, WHAT.contract, "warning")),
      contractEnd: ok(r.get("contractEnd", parseDate, WHAT.date, "warning")),
      lastContact: ok(r.get("lastContact", parseDate, WHAT.date, "warning")),
      nextCall: ok(r.get("nextCall", parseDate, WHAT.date, "warning")),
      creditLimit: ok(r.get("creditLimit", parseMoney, WHAT.amount, "warning")),
      arrears: ok(r.get("arrears", parseMoney, WHAT.amount, "warning")),
      expectedValue: ok(r.get("expectedValue", parseMoney, WHAT.amount, "warning")),
      scorecard,
      source: { sheet: r.sheet, row: r.row },
    });
  });
  return out;
}
