/**
 * Reading the customers sheet (客户资料, SPEC §1.1) into Customer records.
 */
import type { IssueLog } from "../domain/issues";
import type { Customer, ScorecardCriterion } from "../domain/model";
import { SCORECARD_CRITERIA } from "../domain/model";
import { CustomerField } from "./fields";
import type { HeaderMatch } from "./headers";
import type { SheetGrid } from "./grid";
import { forEachDataRow } from "./rows";
import {
  BAD, parseChannel, parseContractStatus, parseDate, parseIntent, parseMoney, parseNumber, parseStage, parseTemperature, parseText,
} from "./values";

export function readCustomers(grid: SheetGrid, match: HeaderMatch<CustomerField>, issues: IssueLog): Customer[] {
  const out: Customer[] = [];
  const seen = new Map<string, string>();
  const ok = <T>(v: T | null | typeof BAD): T | null => (v === BAD ? null : v);
  forEachDataRow(grid, match, issues, (r) => {
    const id = parseText(r.raw("customerId"));
    if (!id) {
      issues.error("customer.noId", "Customer row without a customer ID: skipped", "客户行缺少客户编号，已跳过", { sheet: r.sheet, cell: r.address("customerId") });
      return;
    }
    if (seen.has(id)) {
      issues.warn("customer.duplicateId", `Customer ID ${id} appears again (first at ${seen.get(id)}): this row is skipped`, `客户编号 ${id} 重复（首次出现在 ${seen.get(id)}），本行已跳过`, { sheet: r.sheet, cell: r.address("customerId") });
      return;
    }
    seen.set(id, r.address("customerId"));
    const name = parseText(r.raw("name")) ?? id;
    const scorecard: Partial<Record<ScorecardCriterion, number>> = {};
    for (const c of SCORECARD_CRITERIA) {
      const v = ok(r.get(`sc.${c}` as CustomerField, parseNumber, { en: "number", zh: "数字" }, "warning"));
      if (v !== null) scorecard[c] = v;
    }
    out.push({
      customerId: id,
      name,
      channel: ok(r.get("channel", parseChannel, { en: "channel type (社会渠道直供, 分销, 大客户, 联通渠道)", zh: "渠道类型（社会渠道直供、分销、大客户、联通渠道）" }, "warning")),
      office: parseText(r.raw("office")),
      cityTier: parseText(r.raw("cityTier")),
      rep: parseText(r.raw("rep")),
      stage: ok(r.get("stage", parseStage, { en: "sales stage (0–7)", zh: "销售进程（0–7）" }, "warning")),
      temperature: ok(r.get("temperature", parseTemperature, { en: "temperature (Hot/Warm/Cold/Denial)", zh: "客户温度（Hot/Warm/Cold/Denial 或 A类/B类/C类/废弃）" }, "warning")),
      intent: ok(r.get("intent", parseIntent, { en: "intent (1–5)", zh: "成交意向（1–5）" }, "warning")),
      contractStatus: ok(r.get("contractStatus", parseContractStatus, { en: "contract status (none/active/expired)", zh: "合同状态（无合同/合同中/合同已到期）" }, "warning")),
      contractEnd: ok(r.get("contractEnd", parseDate, { en: "date", zh: "日期" }, "warning")),
      lastContact: ok(r.get("lastContact", parseDate, { en: "date", zh: "日期" }, "warning")),
      nextCall: ok(r.get("nextCall", parseDate, { en: "date", zh: "日期" }, "warning")),
      creditLimit: ok(r.get("creditLimit", parseMoney, { en: "amount", zh: "金额" }, "warning")),
      arrears: ok(r.get("arrears", parseMoney, { en: "amount", zh: "金额" }, "warning")),
      expectedValue: ok(r.get("expectedValue", parseMoney, { en: "amount", zh: "金额" }, "warning")),
      scorecard,
      source: { sheet: r.sheet, row: r.row },
    });
  });
  return out;
}
