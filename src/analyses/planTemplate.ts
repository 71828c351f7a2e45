/**
 * The plan template of a month (SPEC §4.1) from a finished run: which accounts each rep plans
 * (ordered by ABC rank when tiering ran, else by id), the models, the price of each model for
 * the account's channel and the suggested quantity from MonthlyDistribution. The sheets are
 * laid out by report/planTemplate.ts; `tierplan plan` and the task pane write them as user sheets.
 */
import { compareIds } from "../domain/abc";
import { monthIndexFromKey, monthKeyFromIndex } from "../domain/calendar";
import type { Customer } from "../domain/model";
import { planModels, planPriceLookup, suggestedTargets } from "../domain/plan";
import type { RunContext } from "../pipeline/context";
import { type WorkbookPatch, emptyPatch } from "../report/patch";
import { type PlanTemplate, type PlanTemplateRep, planTemplateSheets } from "../report/planTemplate";

/** The template of `month` ("2025-01", "2025-1"), or null when it is not a month. */
function planTemplateOf(ctx: RunContext, month: string): PlanTemplate | null {
  const idx = monthIndexFromKey(month);
  if (idx === null) return null;
  const { customers, sales, policy } = ctx.data;
  const models = planModels(sales, ctx.period, policy.prices);
  const price = planPriceLookup(policy.prices, sales);
  const suggest = suggestedTargets(sales, idx, policy.monthlyDistribution);
  const abc = ctx.results.tiering?.abcById;
  const reps = accountsByRep(customers, (id) => abc?.get(id)?.rank ?? Infinity).map(([rep, accounts]): PlanTemplateRep => ({
    rep,
    offices: [...new Set(accounts.map((a) => a.office).filter((o): o is string => !!o))],
    accounts: accounts.map((c) => ({
      customerId: c.customerId,
      name: c.name,
      abc: abc ? abc.get(c.customerId)?.abc ?? null : null,
      channel: c.channel,
      lines: models.map((m) => ({ price: price(m, c.channel), suggested: suggest ? suggest.of(c.customerId, m) : null })),
    })),
  }));
  return { month: monthKeyFromIndex(idx), models, abc: !!abc, suggestedShare: suggest ? suggest.share : null, reps };
}

/** Customers grouped by rep (reps by id, the accounts without a rep last), each group by rank then id. */
function accountsByRep(customers: readonly Customer[], rank: (customerId: string) => number): [string | null, Customer[]][] {
  const ordered = [...customers].sort((a, b) => rank(a.customerId) - rank(b.customerId) || compareIds(a.customerId, b.customerId));
  const byRep = new Map<string | null, Customer[]>();
  for (const c of ordered) {
    const list = byRep.get(c.rep) ?? [];
    list.push(c);
    byRep.set(c.rep, list);
  }
  return [...byRep].sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : compareIds(a, b)));
}

/** The template sheets of `month` as user sheets of a patch (an empty patch when `month` is not a month). */
export function planTemplatePatch(ctx: RunContext, month: string): WorkbookPatch {
  const patch = emptyPatch();
  const template = planTemplateOf(ctx, month);
  if (template) patch.userSheets = planTemplateSheets(template, { lang: ctx.lang });
  return patch;
}
