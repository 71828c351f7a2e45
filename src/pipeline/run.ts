/**
 * The whole job as one pure function: workbook grids in, a WorkbookPatch and the JSON
 * summary out. The CLI, the standalone page and the Excel task pane all call this; only
 * how they read grids and apply the patch differs.
 */
import { isoDate } from "../domain/calendar";
import { Issue, IssueLog } from "../domain/issues";
import { emptyPatch, WorkbookPatch } from "../report/patch";
import { issuesSheet } from "../report/issuesSheet";
import { fitPatch } from "../report/table/fit";
import { ensureReadableWidths } from "../report/widths";
import { emptySummary, Summary } from "../report/summary";
import type { WorkbookGrids } from "../sheets/grid";
import { ANALYSES, withDependencies } from "./analyses";
import type { Analysis, RunContext } from "./context";
import { loadWorkbook } from "./load";
import type { RunOptions } from "./options";
import { resolveDates } from "./period";

export interface RunOutput {
  patch: WorkbookPatch;
  summary: Summary;
  issues: Issue[];
  /** Input errors stopped the run (no sales sheet, bad options): exit code 1. */
  failed: boolean;
  context: RunContext;
}

/**
 * Output language when none is chosen: that of the user's own headers, so a Chinese
 * workbook gets Chinese sheets whatever the machine's locale.
 */
function workbookLang(data: { salesTable: { headerText: object } | null; customerTable: { headerText: object } | null }): "zh" | "en" {
  const texts = Object.values({ ...data.customerTable?.headerText, ...data.salesTable?.headerText }).join("");
  if (!texts) return "zh";
  return /[一-鿿]/.test(texts) ? "zh" : "en";
}

export function runPipeline(wb: WorkbookGrids, options: RunOptions = {}, only?: Analysis["id"][]): RunOutput {
  const issues = new IssueLog();
  const data = loadWorkbook(wb, options, issues);
  const dates = resolveDates(options, data.sales, data.policy.tier.periodMonths, data.policy.callPlan, issues);
  const ctx: RunContext = {
    data,
    ...dates,
    lang: options.lang ?? workbookLang(data),
    cards: options.cards ?? null,
    issues,
    results: {},
    patch: emptyPatch(),
    summary: emptySummary(),
  };
  ctx.summary.period = dates.period ? { from: isoDate(dates.period.from), to: isoDate(dates.period.to) } : null;
  const failed = !data.salesTable || issues.list().some((i) => i.code.startsWith("options."));
  if (!failed) {
    const wanted = only ? withDependencies(only) : null;
    for (const a of ANALYSES) {
      if (wanted && !wanted.includes(a.id)) continue;
      a.run(ctx);
    }
  }
  const list = issues.list();
  ctx.summary.issues = list.map((i) => ({ severity: i.severity, sheet: i.sheet, cell: i.cell, message: i.message, messageZh: i.messageZh, code: i.code, count: i.count }));
  if (!failed && list.length) ctx.patch.sheets.push(issuesSheet(list, ctx.lang));
  ensureReadableWidths(ctx.patch);
  fitPatch(ctx.patch);
  return { patch: ctx.patch, summary: ctx.summary, issues: list, failed, context: ctx };
}
