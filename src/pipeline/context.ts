/**
 * What every analysis sees: the loaded records, the resolved period/month/day, the issue
 * log, the results of analyses that ran before it, and the patch and summary it adds to.
 */
import type { Day, Period } from "../domain/calendar";
import type { IssueLog } from "../domain/issues";
import type { WorkbookPatch } from "../report/patch";
import type { Summary } from "../report/summary";
import type { Loaded } from "./load";
import type { Lang } from "./options";
import type { Results } from "./results";

export interface RunContext {
  data: Loaded;
  /** Analysis period (inclusive days) and the previous period of equal length. */
  period: Period | null;
  previousPeriod: Period | null;
  /** Plan / rebate month as a month index (y*12+m-1), or null without sales. */
  month: number | null;
  /** Call-list day. */
  asOf: Day | null;
  lang: Lang;
  /** Profile-card list (RunOptions.cards); null = no card sheet. */
  cards: string[] | null;
  issues: IssueLog;
  results: Results;
  /** The analyses of this run, in order (absent: not known, e.g. a test running one analysis). */
  chosen?: readonly Analysis["id"][];
  patch: WorkbookPatch;
  summary: Summary;
}

/** Pick the output language's text. */
export function tr(ctx: { lang: Lang }, zh: string, en: string): string {
  return ctx.lang === "en" ? en : zh;
}

/** An analysis: computes its results, adds its sheets/columns to the patch and its part of the summary. */
export interface Analysis {
  id: "tiering" | "funnel" | "callList" | "plan" | "rebates" | "xyz" | "stock" | "allocation" | "visits" | "cards";
  label: { zh: string; en: string };
  run(ctx: RunContext): void;
}
