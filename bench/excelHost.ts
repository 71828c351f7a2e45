/**
 * The Excel host on the strict double (test/excel-double): read a workbook of 500,000 sales
 * lines × 8 columns plus 50,000 customers, run the pipeline, write its patch back. The double
 * executes queued commands at sync, counts round trips and measures every request and
 * response as JSON; above 5 MB it rejects the sync as Excel on the web does.
 * Bound checked per Excel.run: syncs ≤ 4 + ceil(bytes / 4 MB), every payload < 5 MB.
 */
import { applyPatch, readWorkbookGrids } from "../src/hosts/excel";
import { runPipeline } from "../src/pipeline/run";
import { createExcelDouble } from "../test/excel-double";
import { customersGrid, dataset, salesGrid } from "./data";

const MB4 = 4 * 1024 * 1024;
const LIMIT = 5 * 1024 * 1024;

export interface HostPhase {
  syncs: number;
  bytes: number;
  maxPayloadBytes: number;
  bound: number;
  ms: number;
  ok: boolean;
}

export interface HostResult {
  rows: number;
  syncs: number;
  totalBytes: number;
  maxPayloadBytes: number;
  ms: number;
  read: HostPhase;
  write: HostPhase;
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

  d.stats.reset();
  const t1 = performance.now();
  const grids = await readWorkbookGrids(d.context);
  const readMs = performance.now() - t1;
  const readStats = { syncs: d.stats.syncs, bytes: d.stats.totalResponseBytes + d.stats.totalRequestBytes, max: Math.max(d.stats.maxResponseBytes, d.stats.maxRequestBytes), failed: d.stats.failedSyncs };

  const t2 = performance.now();
  const res = runPipeline(grids, { now: "2025-01-02T00:00:00Z", lang: "zh" });
  const pipelineMs = Math.round(performance.now() - t2);

  d.stats.reset();
  const t3 = performance.now();
  await applyPatch(d.context, res.patch, { writtenAt: "2025-01-02T00:00:00Z", isSetSupported: d.isSetSupported });
  const writeMs = performance.now() - t3;
  const writeStats = { syncs: d.stats.syncs, bytes: d.stats.totalRequestBytes + d.stats.totalResponseBytes, max: Math.max(d.stats.maxResponseBytes, d.stats.maxRequestBytes), failed: d.stats.failedSyncs };

  const phase = (s: typeof readStats, ms: number): HostPhase => {
    const bound = 4 + Math.ceil(s.bytes / MB4);
    return { syncs: s.syncs, bytes: s.bytes, maxPayloadBytes: s.max, bound, ms: Math.round(ms), ok: s.syncs <= bound && s.max < LIMIT && s.failed === 0 };
  };
  const read = phase(readStats, readMs);
  const write = phase(writeStats, writeMs);
  const out: HostResult = {
    rows: lines,
    syncs: read.syncs + write.syncs,
    totalBytes: read.bytes + write.bytes,
    maxPayloadBytes: Math.max(read.maxPayloadBytes, write.maxPayloadBytes),
    ms: read.ms + write.ms,
    read,
    write,
    pipelineMs,
    seedMs,
  };
  log(`  excel host ${lines.toLocaleString("en")} rows: read ${read.syncs} syncs (bound ${read.bound}), write ${write.syncs} syncs (bound ${write.bound}), max payload ${(out.maxPayloadBytes / 1048576).toFixed(2)} MiB, ${out.ms} ms`);
  return out;
}
