/**
 * The engine API carried out in the current thread: in the Web Worker (engine.worker.ts) and,
 * in Jest, in-process. It keeps the last workbook it read, so the mapping step can re-detect a
 * sheet without sending the workbook again.
 */
import { runPipeline } from "../../pipeline/run";
import { decodeOutputs, encodeOutputs } from "../../report/ownership";
import type { WorkbookGrids } from "../../sheets/grid";
import type { RememberedMapping } from "../state/types";
import * as engine from "./engine";
import { lookupCard, planTemplate, rememberRun } from "./cards";
import { paneSummary, type EngineApi, type EngineClient, type EngineRunResult, type ProgressSink, type RunPlan, type ScanResult } from "./engineApi";

// The .xlsx reader and writer only when a file is opened (Excel never needs them; and jsdom,
// where the pane's tests run in-process, lacks the TextDecoder they set up on load).
const loadXlsx = () => Promise.all([import("../../hosts/xlsx/read"), import("../../hosts/xlsx/write")]);

function computeOn(grids: WorkbookGrids, plan: RunPlan, onProgress?: ProgressSink) {
  const out = runPipeline(grids, plan.options, plan.only as never, (p) => {
    onProgress?.({ step: "compute", detail: p.phase === "analysis" ? { analysis: p.id, index: p.index, total: p.total } : { phase: p.phase } });
  });
  // Kept here (in the worker) for the profile card; only plain data crosses back.
  rememberRun(out);
  const result: EngineRunResult = { summary: paneSummary(out.summary), issues: out.issues, failed: out.failed };
  return { out, result };
}

/** Whether two files hold the same bytes (a word at a time where both views allow it). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  const words = a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 ? a.length >> 2 : 0;
  const wa = new Uint32Array(a.buffer, a.byteOffset, words);
  const wb = new Uint32Array(b.buffer, b.byteOffset, words);
  for (let i = 0; i < words; i++) if (wa[i] !== wb[i]) return false;
  for (let i = words << 2; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createEngineCore(): EngineApi {
  let grids: WorkbookGrids | null = null;
  // The file scanBytes read: a run on the same bytes takes its grids instead of reading it again
  // (the 500,000-line bench workbook: 3.6 s of a 12 s run on the standalone page).
  let scanned: { bytes: Uint8Array; grids: WorkbookGrids } | null = null;
  const scan = (wb: WorkbookGrids, remembered: RememberedMapping): ScanResult => {
    grids = wb;
    return { mapping: engine.detectMapping(wb, remembered), policy: engine.policyStatus(wb), analyses: engine.analyses() };
  };
  return {
    async scanBytes(bytes, remembered) {
      const [{ readWorkbookAsync }] = await loadXlsx();
      const wb = await readWorkbookAsync(bytes);
      scanned = { bytes, grids: wb };
      return scan(wb, remembered);
    },
    async scanGrids(wb, remembered) {
      scanned = null;
      return scan(wb, remembered);
    },
    async detectRole(role, sheet, columns) {
      if (!grids) throw new Error("No workbook has been read yet.");
      return engine.detectRole(grids, role, sheet, columns);
    },
    async rememberMapping(m) {
      return engine.rememberMapping(m);
    },
    async plan(mapping, form, lang) {
      return { options: engine.toRunOptions(mapping, form, lang), only: engine.onlyOf(form.only) };
    },
    async policyPatch() {
      return engine.policyPatch();
    },
    async runGrids(wb, plan, onProgress) {
      grids = wb;
      const { out, result } = computeOn(wb, plan, onProgress);
      if (out.failed) return { ...result, patch: null };
      return { ...result, patch: out.patch, encodedOutputs: encodeOutputs(out.patch) };
    },
    async decodeOutputs(text) {
      return { patch: decodeOutputs(text) };
    },
    async lookupCard(q, lang) {
      return lookupCard(q, lang);
    },
    async planTemplate(wb, plan, month) {
      return planTemplate(wb, plan.options, month);
    },
    async runBytes(bytes, plan, writtenAt, onProgress) {
      onProgress?.({ step: "read" });
      const [{ readWorkbookAsync }, { applyPatchToXlsx }] = await loadXlsx();
      // The pipeline never changes its input, so the grids of the scanned file serve every run on it.
      const wb = scanned && sameBytes(scanned.bytes, bytes) ? scanned.grids : await readWorkbookAsync(bytes);
      grids = wb;
      const { out, result } = computeOn(wb, plan, onProgress);
      if (out.failed) return { ...result, written: null };
      onProgress?.({ step: "write" });
      // The grids also spare the writer a second scan of the sheets it edits (as the CLI does).
      const w = applyPatchToXlsx(bytes, out.patch, { writtenAt, grids: wb });
      return { ...result, written: { bytes: w.bytes, createdUserSheets: w.plan.createUserSheets.map((s) => s.name), skippedUserSheets: w.plan.skippedUserSheets } };
    },
  };
}

/** The in-process engine as a client (Jest; or a browser without workers): nothing to cancel mid-run. */
export function inProcessEngine(api: EngineApi = createEngineCore()): EngineClient {
  return { ...api, cancellable: false, cancel() {} };
}
