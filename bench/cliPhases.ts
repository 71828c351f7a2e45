/**
 * The CLI's `run` split into its phases, in process (same calls as src/cli/main.ts):
 * read file → readWorkbookAsync (unzip + XML scan + grids, worksheets inflated on Node's thread pool) → runPipeline → applyPatchToXlsx
 * (unzip, edit, re-zip) → JSON summary.
 *
 * readWorkbook's grids are handed to applyPatchToXlsx (XlsxPatchOptions.grids), as
 * src/cli/main.ts does, so the writer does not scan the user's sheets again; `--rescan` leaves
 * them out to measure that scan. rssBeforeWriteMB is the process's resident size just before
 * applyPatchToXlsx.
 */
import { readFileSync } from "node:fs";
import { readWorkbookAsync } from "../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../src/hosts/xlsx/write";
import { runPipeline } from "../src/pipeline/run";
import { useNodeZlib } from "../src/cli/nodeDeflate";

useNodeZlib(); // as src/cli/main.ts does

export async function cliPhases(file: string, reuseGrids = true): Promise<Record<string, number>> {
  const now = "2025-01-02T00:00:00Z";
  const t0 = performance.now();
  const bytes = new Uint8Array(readFileSync(file));
  const t1 = performance.now();
  const grids = await readWorkbookAsync(bytes);
  const t2 = performance.now();
  const result = runPipeline(grids, { now, lang: "en" });
  const t3 = performance.now();
  const rssBefore = process.memoryUsage.rss();
  const { bytes: out } = applyPatchToXlsx(bytes, result.patch, { writtenAt: now, ...(reuseGrids ? { grids } : {}) });
  const t4 = performance.now();
  const json = JSON.stringify(result.summary, null, 2);
  const t5 = performance.now();
  const r = (x: number) => Math.round(x);
  return { readFileMs: r(t1 - t0), readWorkbookMs: r(t2 - t1), pipelineMs: r(t3 - t2), writeXlsxMs: r(t4 - t3), jsonMs: r(t5 - t4), totalMs: r(t5 - t0), rssBeforeWriteMB: r(rssBefore / 2 ** 20), outBytes: out.length, jsonBytes: json.length };
}

if (process.argv[1]?.endsWith("cliPhases.ts") && process.argv[2]) void cliPhases(process.argv[2], !process.argv.includes("--rescan")).then(console.log);
