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

/** Where a run is, for a progress display: loading the tables, each analysis in turn, the issues sheet. */
export type PipelineProgress = { phase: "load" } | { phase: "analysis"; id: Analysis["id"]; index: number; total: number } | { phase: "report" };

/** Analyses that need sales lines. */
const NEEDS_SALES: Analysis["id"][] = ["tiering", "plan", "rebates"];

export function runPipeline(wb: WorkbookGrids, options: RunOptions = {}, only?: Analysis["id"][], onProgress?: (p: PipelineProgress) => void): RunOutput {
  const issues = new IssueLog();
  onProgress?.({ phase: "load" });
  const data = loadWorkbook(wb, options, issues);
  if (wb.dateSystemUnknown && data.ledger.length) {
    // Excel below ExcelApi 1.16 cannot say whether the workbook counts dates from 1900 or 1904.
    issues.info(
      "dates.systemUnknown",
      "This version of Excel cannot tell TierPlan the workbook's date system: dates are read in the 1900 system. If the workbook uses the 1904 date system (File › Options › Advanced, older Excel for Mac files), every date is 4 years early: run TierPlan on the .xlsx file instead",
      "此版本的 Excel 无法告知工作簿的日期系统：日期按 1900 日期系统读取。若工作簿使用 1904 日期系统（文件 › 选项 › 高级，旧版 Mac Excel 文件），所有日期会提前 4 年：请改用 .xlsx 文件运行 TierPlan",
    );
  }
  const noSales = !data.salesTable;
  // A customer master alone: the call list needs a day; without sales lines it is today's.
  const asOf = options.asOf ?? (noSales && options.now ? options.now.slice(0, 10) : undefined);
  const dates = resolveDates({ ...options, asOf }, data.ledger.lastDay(), data.policy.tier.periodMonths, data.policy.callPlan, issues);
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
  // Without sales lines a customer master still gets its funnel and call list (load.ts says
  // once which analyses were skipped); without either there is nothing to run.
  const failed = (noSales && !data.customerTable) || issues.list().some((i) => i.code.startsWith("options."));
  if (!failed) {
    const wanted = only ? withDependencies(only) : null;
    const chosen = ANALYSES.filter((a) => (!wanted || wanted.includes(a.id)) && !(noSales && NEEDS_SALES.includes(a.id)));
    ctx.chosen = chosen.map((a) => a.id);
    chosen.forEach((a, index) => {
      onProgress?.({ phase: "analysis", id: a.id, index, total: chosen.length });
      a.run(ctx);
    });
  }
  onProgress?.({ phase: "report" });
  const list = issues.list();
  ctx.summary.issues = list.map((i) => ({ severity: i.severity, sheet: i.sheet, cell: i.cell, message: i.message, messageZh: i.messageZh, code: i.code, count: i.count }));
  if (!failed && list.length) ctx.patch.sheets.push(issuesSheet(list, ctx.lang));
  ensureReadableWidths(ctx.patch);
  fitPatch(ctx.patch);
  return { patch: ctx.patch, summary: ctx.summary, issues: list, failed, context: ctx };
}
