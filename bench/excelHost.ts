/**
 * The Excel host on the strict double (test/excel-double): read a workbook of 500,000 sales
 * lines × 8 columns plus 50,000 customers, run the pipeline, write its patch back (the run);
 * read it again, run the pipeline and write again (the re-run: TierPlan's previous outputs are
 * replaced, its columns read back for typed cells); then undo the re-run. The double executes
 * queued commands at sync, counts round trips and measures every request and response as JSON;
 * above 5 MB it rejects the sync as Excel on the web does.
 * Bound checked per Excel.run: syncs ≤ 4 + ceil(bytes / 4 MB), every payload < 5 MB.
 *
 * The pane's thread: each sync ends a task (as Excel's round trip does). Two figures per phase:
 * longestTaskMs, the pane's longest task (bench/paneClock.ts: the host's work, and the JSON of
 * each request and response, which Office.js makes and reads on the pane's thread), and
 * longestBlockMs, the longest event-loop block including the double's execution of a sync,
 * which in Excel happens in Excel's process (an upper bound).
 */
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { applyPatch, readWorkbookGrids, undoLastRun } from "../src/hosts/excel";
import { runPipeline } from "../src/pipeline/run";
import { encodeOutputs } from "../src/report/ownership";
import type { WorkbookPatch } from "../src/report/patch";
import { PatchJoiner, type PatchPiece } from "../src/taskpane/services/pieces";
import { createExcelDouble } from "../test/excel-double";
import { customersGrid, dataset, salesGrid } from "./data";
import { PaneClock } from "./paneClock";

const MB4 = 4 * 1024 * 1024;
const LIMIT = 5 * 1024 * 1024;

export interface HostPhase {
  syncs: number;
  bytes: number;
  maxPayloadBytes: number;
  bound: number;
  ms: number;
  ok: boolean;
  /** The pane's longest task during the phase (see above), ms. */
  longestTaskMs: number;
  /** Longest event-loop block during the phase, the double's syncs included (see above), ms. */
  longestBlockMs: number;
}

export interface HostResult {
  rows: number;
  syncs: number;
  totalBytes: number;
  maxPayloadBytes: number;
  ms: number;
  /** The first run: reading the workbook, writing the patch. */
  read: HostPhase;
  write: HostPhase;
  /** The re-run on the result, and undoing it. */
  rerunRead: HostPhase;
  rerunWrite: HostPhase;
  undo: HostPhase;
  pipelineMs: number;
  seedMs: number;
}

export async function benchExcelHost(lines: number, log = console.log): Promise<HostResult> {
  const ds = dataset(50_000, 12);
  const t0 = performance.now();
  const sales = salesGrid(ds, lines);
  const customers = customersGrid(ds);
  const d = createExcelDouble({ sheets: [{ name: customers.name, rows: customers.rows }, { name: sales.name, rows: sales.rows }] });
  const seedMs = Math.round(performance.now() - t0);
  const sync = d.context.sync.bind(d.context);
  let clock = new PaneClock();
  d.context.sync = (async () => {
    const start = performance.now();
    try {
      await sync();
    } finally {
      const r = d.stats.records[d.stats.records.length - 1];
      clock.sync({ start, end: performance.now(), requestJsonMs: r?.requestJsonMs ?? 0, responseJsonMs: r?.responseJsonMs ?? 0 });
    }
    // Excel answers in another process: the host continues in a task of its own (a timer, so
    // that the pane clock's tick, due earlier, separates the two).
    await new Promise((r) => setTimeout(r, 0));
  }) as typeof d.context.sync;

  const phase = async (work: () => Promise<unknown>): Promise<HostPhase> => {
    // Between two phases the pane is idle (the engine computes in its worker, the user clicks
    // undo later), and a browser collects garbage in idle time. This process also holds the
    // double's workbook (~440 MB live at 500k lines, in Excel's process in reality), so without
    // a collection here the garbage of the earlier phases (~850 MB) met a major GC inside the
    // undo: ~300 ms of marking steps and a 120–150 ms scavenge after it counted as pane work.
    globalThis.gc?.();
    d.stats.reset();
    const blocks = monitorEventLoopDelay({ resolution: 5 });
    blocks.enable();
    clock = new PaneClock();
    clock.start();
    const t = performance.now();
    await work();
    const ms = performance.now() - t;
    const longestTaskMs = clock.stop();
    blocks.disable();
    const longestBlockMs = Math.round(blocks.max / 1e6);
    const s = d.stats;
    const bytes = s.totalResponseBytes + s.totalRequestBytes;
    const max = Math.max(s.maxResponseBytes, s.maxRequestBytes);
    const bound = 4 + Math.ceil(bytes / MB4);
    return { syncs: s.syncs, bytes, maxPayloadBytes: max, bound, ms: Math.round(ms), ok: s.syncs <= bound && max < LIMIT && s.failedSyncs === 0, longestTaskMs, longestBlockMs };
  };
  // The pane's engine worker decodes the outputs earlier runs stored (bench/decodeWorker.ts).
  const worker = new Worker(`require("tsx/cjs"); require(${JSON.stringify(path.join(__dirname, "decodeWorker.ts"))});`, { eval: true });
  const decodeOutputs = (text: string) =>
    new Promise<WorkbookPatch | null>((resolve) => {
      // As the pane does (engineRemote.ts): each piece is appended as it arrives.
      const joiner = new PatchJoiner();
      let received = 0;
      let count = -1;
      const onMessage = (m: { count?: number; piece?: PatchPiece }) => {
        if (m.count !== undefined) count = m.count;
        else {
          joiner.add(m.piece!);
          received++;
        }
        if (received < count) worker.postMessage({ next: received });
        else {
          worker.off("message", onMessage);
          resolve(count ? joiner.result() : null);
        }
      };
      worker.on("message", onMessage);
      worker.postMessage({ text });
    });
  await decodeOutputs(encodeOutputs({ schemaVersion: 1, sheets: [], columns: [] })); // started before the phases, as the pane's is
  const opts = { writtenAt: "2025-01-02T00:00:00Z", isSetSupported: d.isSetSupported, decodeOutputs };
  let pipelineMs = 0;
  // The pane gets only the patch (and its outputs compressed for undo) from the engine's
  // worker; the loaded tables and the run's context stay in the worker. So the bench keeps
  // nothing else of a run either: a 500k-line context held here grew this process's heap to
  // 1.2 GB, and its major GC (~450 ms of marking, then a 100–160 ms scavenge) landed in the
  // undo phase as "pane work" (node --trace-gc, 2026-12-03).
  const pipeline = (grids: Awaited<ReturnType<typeof readWorkbookGrids>>) => {
    const t = performance.now();
    const { patch } = runPipeline(grids, { now: "2025-01-02T00:00:00Z", lang: "zh" });
    pipelineMs += performance.now() - t;
    return { patch, encoded: encodeOutputs(patch) };
  };

  let grids: Awaited<ReturnType<typeof readWorkbookGrids>> | null = null;
  const read = await phase(async () => (grids = await readWorkbookGrids(d.context)));
  let run: ReturnType<typeof pipeline> | null = pipeline(grids!);
  grids = null;
  const write = await phase(() => applyPatch(d.context, run!.patch, { ...opts, encodedOutputs: run!.encoded }));
  run = null;
  const rerunRead = await phase(async () => (grids = await readWorkbookGrids(d.context)));
  run = pipeline(grids!);
  grids = null;
  const rerunWrite = await phase(() => applyPatch(d.context, run!.patch, { ...opts, encodedOutputs: run!.encoded }));
  run = null;
  const undo = await phase(() => undoLastRun(d.context, opts));

  await worker.terminate();
  const phases = [read, write, rerunRead, rerunWrite, undo];
  const out: HostResult = {
    rows: lines,
    syncs: phases.reduce((n, p) => n + p.syncs, 0),
    totalBytes: phases.reduce((n, p) => n + p.bytes, 0),
    maxPayloadBytes: Math.max(...phases.map((p) => p.maxPayloadBytes)),
    ms: phases.reduce((n, p) => n + p.ms, 0),
    read,
    write,
    rerunRead,
    rerunWrite,
    undo,
    pipelineMs: Math.round(pipelineMs / 2),
    seedMs,
  };
  const line = (name: string, p: HostPhase) => `${name} ${p.syncs} syncs (bound ${p.bound}${p.ok ? "" : ", NOT MET"}; pane's longest task ${p.longestTaskMs} ms, ${p.longestBlockMs} ms with the double's syncs)`;
  log(
    `  excel host ${lines.toLocaleString("en")} rows: ${line("read", read)}, ${line("write", write)}; re-run ${line("read", rerunRead)}, ${line("write", rerunWrite)}; ${line("undo", undo)}; max payload ${(out.maxPayloadBytes / 1048576).toFixed(2)} MiB, ${out.ms} ms`,
  );
  return out;
}
