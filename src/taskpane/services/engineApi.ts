/**
 * What the pane asks of the engine, as an asynchronous API. The engine runs in a Web Worker
 * (engineWorker.ts) so that the pane keeps answering while it works; Jest has no Worker, so the
 * same API also runs in-process (engineCore.ts). Office.js lives on the main thread: in Excel
 * the pane reads the grids and applies the patch itself; on the standalone page the worker reads
 * and writes the .xlsx bytes too.
 */
import type { Issue } from "../../domain/issues";
import type { RunOptions } from "../../pipeline/options";
import type { WorkbookPatch } from "../../report/patch";
import type { Summary } from "../../report/summary";
import type { WorkbookGrids } from "../../sheets/grid";
import type { CardQuery, CardView } from "./cards";
import type { AnalysisInfo, MappingModel, PolicyStatus, RememberedMapping, Role, RoleMapping, RunForm, StepDetail } from "../state/types";

/** One progress message: a step of the run, and within "compute" the phase or analysis. */
export type EngineProgress = { step: "read" } | { step: "compute"; detail: StepDetail } | { step: "write" };
export type ProgressSink = (p: EngineProgress) => void;

export interface ScanResult {
  mapping: MappingModel;
  policy: PolicyStatus;
  analyses: AnalysisInfo[];
}

export interface RunPlan {
  options: RunOptions;
  only?: string[];
}

/**
 * The summary as the pane receives it: without the lists it never shows (a row per customer, the
 * cycle's whole call schedule, the rebate vouchers), which the CLI's JSON keeps, and with the
 * rebate forecast of the customers it shows only. Those are most of a large run's summary
 * (50,000 customers: 19 of 24 MB; the demo's 1,000: 3.2 of 3.5 MB, the vouchers and the
 * forecast), and taking a message apart blocks the pane's thread: on the 500,000-line bench the
 * whole summary cost one 190 ms long task when the run ended, on the demo ~100 ms.
 */
export type PaneSummary = Omit<Summary, "customers" | "callSchedule">;

/** Customers the pane's rebate forecast lists: the first of the payments list that have a forecast. */
export const FORECAST_ROWS = 8;

/** The rows of the rebate forecast the pane shows (payments order), and their forecast entries. */
export function shownForecast<F extends { customerId: string }>(rebates: Summary["rebates"]): { rows: Summary["rebates"]["byCustomer"]; entries: Map<string, F[]> } {
  const entries = new Map<string, F[]>();
  for (const f of (rebates.forecast ?? []) as F[]) {
    const list = entries.get(f.customerId);
    if (list) list.push(f);
    else entries.set(f.customerId, [f]);
  }
  const rows = rebates.byCustomer.filter((c) => entries.has(c.customerId)).slice(0, FORECAST_ROWS);
  const shown = new Map(rows.map((c) => [c.customerId, entries.get(c.customerId)!]));
  return { rows, entries: shown };
}

/** The summary without what the pane never shows (PaneSummary). */
export function paneSummary(summary: Summary): PaneSummary {
  const { customers: _customers, callSchedule: _schedule, rebates, ...shown } = summary;
  const { vouchers: _vouchers, forecast, ...kept } = rebates;
  const paneRebates: Summary["rebates"] = kept;
  if (forecast !== undefined) paneRebates.forecast = [...shownForecast(rebates).entries.values()].flat();
  return { ...shown, rebates: paneRebates };
}

export interface EngineRunResult {
  summary: PaneSummary;
  issues: Issue[];
  failed: boolean;
}

/** A run on grids (Excel): the patch comes back for the pane to apply through Office.js. */
export interface GridsRunResult extends EngineRunResult {
  patch: WorkbookPatch | null;
  /** The patch's outputs as the registry stores them for undo (encodeOutputs), made in the engine's thread. */
  encodedOutputs?: string;
}

/** A run on a file: the engine wrote the result workbook itself (null when the run failed). */
export interface FileRunResult extends EngineRunResult {
  written: { bytes: Uint8Array; createdUserSheets: string[]; skippedUserSheets: string[] } | null;
}

export interface EngineApi {
  /** Read a workbook (the file's bytes, or grids read through Office.js) and detect the mapping. It stays loaded for detectRole. */
  scanBytes(bytes: Uint8Array, remembered: RememberedMapping): Promise<ScanResult>;
  scanGrids(grids: WorkbookGrids, remembered: RememberedMapping): Promise<ScanResult>;
  detectRole(role: Role, sheet: string | null, columns?: Record<string, string>): Promise<RoleMapping>;
  rememberMapping(m: MappingModel): Promise<RememberedMapping>;
  plan(mapping: MappingModel | null, form: RunForm, lang: "zh" | "en"): Promise<RunPlan>;
  policyPatch(): Promise<WorkbookPatch>;
  runGrids(grids: WorkbookGrids, plan: RunPlan, onProgress?: ProgressSink): Promise<GridsRunResult>;
  runBytes(bytes: Uint8Array, plan: RunPlan, writtenAt: string, onProgress?: ProgressSink): Promise<FileRunResult>;
  /** One customer's profile card from the last run, as plain data (null before a run or when nothing matches). */
  lookupCard(q: CardQuery, lang: "zh" | "en"): Promise<CardView | null>;
  /** The outputs a run stored in the registry (report/ownership encodeOutputs), decoded here instead of on the pane's thread. */
  decodeOutputs(text: string): Promise<{ patch: WorkbookPatch | null }>;
  /** The monthly plan templates (one sheet per rep) for the workbook last read, as `tierplan plan` writes them. */
  planTemplate(grids: WorkbookGrids, plan: RunPlan, month: string): Promise<WorkbookPatch>;
}

/** The engine as the pane holds it: the API, plus stopping it. */
export interface EngineClient extends EngineApi {
  /** True when cancel() really stops work in progress (a worker that can be terminated). */
  readonly cancellable: boolean;
  /** Stop whatever runs (the worker is terminated; pending calls reject with RunCancelledError). */
  cancel(): void;
}

export class RunCancelledError extends Error {
  constructor() {
    super("The run was cancelled.");
    this.name = "RunCancelledError";
  }
}
