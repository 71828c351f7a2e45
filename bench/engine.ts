/**
 * Engine benchmark: runPipeline (every analysis in ANALYSES) on in-memory grids, timed
 * without the host. A second, instrumented run splits the time into loading (header
 * detection, row parsing into SalesLine/Customer records) and each analysis.
 */
import { ANALYSES } from "../src/pipeline/analyses";
import { runPipeline } from "../src/pipeline/run";
import { dataset, workbookGrids } from "./data";

export interface EngineRow {
  lines: number;
  customers: number;
  /** Median wall time of runPipeline (ms). */
  ms: number;
  /** All timed runs (ms). */
  runs: number[];
  /** Heap in use right after runPipeline, input grids and output still alive (MB). */
  heapMB: number;
  /** Of that, the input grids alone (MB, measured after GC before the run). */
  gridsHeapMB: number;
  /** ms per 1,000 lines (linearity check). */
  msPerKLine: number;
  /** Instrumented run: loading (parse) vs each analysis (compute), ms. */
  split: { parseMs: number; computeMs: number; analyses: Record<string, number> };
  customersOut: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
const OPTIONS = { now: "2025-01-02T00:00:00Z", lang: "zh" as const };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One instrumented run: analysis.run wrapped with timers (restored afterwards). */
function splitRun(grids: ReturnType<typeof workbookGrids>): EngineRow["split"] {
  const analyses: Record<string, number> = {};
  const originals = ANALYSES.map((a) => a.run);
  ANALYSES.forEach((a, i) => {
    a.run = (ctx) => {
      const t = performance.now();
      originals[i].call(a, ctx);
      analyses[a.id] = (analyses[a.id] ?? 0) + performance.now() - t;
    };
  });
  try {
    const t0 = performance.now();
    runPipeline(grids, OPTIONS);
    const total = performance.now() - t0;
    const computeMs = Object.values(analyses).reduce((s, x) => s + x, 0);
    for (const k of Object.keys(analyses)) analyses[k] = Math.round(analyses[k]);
    return { parseMs: Math.round(total - computeMs), computeMs: Math.round(computeMs), analyses };
  } finally {
    ANALYSES.forEach((a, i) => (a.run = originals[i]));
  }
}

export function benchEngine(sizes: number[], customers = 50_000, log = console.log): EngineRow[] {
  // 24 months of sales: the previous period (growth, key-account review) is populated too.
  const ds = dataset(customers, 24);
  const out: EngineRow[] = [];
  for (const lines of sizes) {
    gc();
    const base = process.memoryUsage().heapUsed;
    const grids = workbookGrids(ds, lines);
    gc();
    const gridsHeap = process.memoryUsage().heapUsed - base;
    const reps = lines >= 1_000_000 ? 5 : lines >= 100_000 ? 5 : 9;
    // Warm-up (JIT) on the same input, not timed.
    runPipeline(grids, OPTIONS);
    const runs: number[] = [];
    let heapAfter = 0;
    let customersOut = 0;
    for (let k = 0; k < reps; k++) {
      gc();
      const t0 = performance.now();
      const res = runPipeline(grids, OPTIONS);
      runs.push(performance.now() - t0);
      heapAfter = Math.max(heapAfter, process.memoryUsage().heapUsed);
      customersOut = res.summary.customers.length;
      if (res.failed) throw new Error("engine bench: pipeline failed: " + res.issues.map((i) => i.message).join("; "));
    }
    gc();
    const split = splitRun(grids);
    const ms = Math.round(median(runs));
    const row: EngineRow = {
      lines,
      customers,
      ms,
      runs: runs.map((x) => Math.round(x)),
      heapMB: mb(heapAfter),
      gridsHeapMB: mb(gridsHeap),
      msPerKLine: Math.round((ms / (lines / 1000)) * 1000) / 1000,
      split,
      customersOut,
    };
    log(`  engine ${lines.toLocaleString("en")} lines: ${ms} ms (runs ${row.runs.join(", ")}), heap ${row.heapMB} MB, parse ${split.parseMs} ms / compute ${split.computeMs} ms`);
    out.push(row);
  }
  return out;
}
