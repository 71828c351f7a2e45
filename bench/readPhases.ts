/**
 * Reader-only timing: `node --max-old-space-size=4096 --import tsx bench/readPhases.ts <file.xlsx> [runs]
 * [--codec=node|fflate]`. Installs Node's zlib as the CLI does (or fflate, the browser's
 * codec), runs readWorkbook `runs` times (default 1) and prints each
 * run's time, the rows per sheet, and the heap still in use with the grids alive (after a GC when
 * Node runs with --expose-gc). For peak RSS run it with one run under `/usr/bin/time -v`.
 */
import { readFileSync } from "node:fs";
import { readWorkbook } from "../src/hosts/xlsx/read";
import { useNodeZlib } from "../src/cli/nodeDeflate";
import { FFLATE_CODEC, useDeflateCodec } from "../src/report/deflate";

const codecArg = process.argv.find((a) => a.startsWith("--codec="))?.slice(8) ?? "node";
if (codecArg === "node") useNodeZlib(); // as src/cli/main.ts does
else if (codecArg === "fflate") useDeflateCodec(FFLATE_CODEC); // the browser's codec
else throw new Error(`unknown --codec=${codecArg}`);

function main(): void {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const file = args[0];
  if (!file) throw new Error("usage: readPhases.ts <file.xlsx> [runs] [--codec=node|fflate]");
  const runs = Number(args[1] ?? 1);
  const bytes = new Uint8Array(readFileSync(file));
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    let grids: ReturnType<typeof readWorkbook> | null = readWorkbook(bytes);
    const ms = performance.now() - t0;
    times.push(ms);
    gc?.();
    const heapMB = process.memoryUsage().heapUsed / 1e6;
    const rows = grids.sheets.map((s) => `${s.name}:${s.rows.length}`).join(" ");
    console.log(`readWorkbookMs ${Math.round(ms)}  heapUsed ${heapMB.toFixed(0)} MB (grids alive${gc ? ", after gc" : ""})  rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB  ${rows}`);
    grids = null;
    gc?.();
  }
  const sorted = [...times].sort((a, b) => a - b);
  if (runs > 1) console.log(`median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms of ${runs}`);
}

main();
