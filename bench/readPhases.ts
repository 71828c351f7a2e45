/**
 * Reader-only timing: `node --max-old-space-size=4096 --import tsx bench/readPhases.ts <file.xlsx> [runs]
 * [--codec=node|node-sized|fflate]`. Installs Node's zlib as the CLI does (or fflate, the
 * browser's codec, or `node-sized`, a proposed variant of the CLI's codec), runs readWorkbook `runs` times (default 1) and prints each
 * run's time, the rows per sheet, and the heap still in use with the grids alive (after a GC when
 * Node runs with --expose-gc). For peak RSS run it with one run under `/usr/bin/time -v`.
 */
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { readWorkbook } from "../src/hosts/xlsx/read";
import { NODE_ZLIB_CODEC, useNodeZlib } from "../src/cli/nodeDeflate";
import { FFLATE_CODEC, useDeflateCodec } from "../src/report/deflate";

const codecArg = process.argv.find((a) => a.startsWith("--codec="))?.slice(8) ?? "node";
if (codecArg === "node") useNodeZlib(); // as src/cli/main.ts does
else if (codecArg === "fflate") useDeflateCodec(FFLATE_CODEC); // the browser's codec
else if (codecArg === "node-sized") {
  // A proposal for src/cli/nodeDeflate.ts (not this bench's to change): let zlib write into one
  // output buffer of the size the ZIP directory declares instead of 16 KB pieces + a concat.
  useDeflateCodec({
    ...NODE_ZLIB_CODEC,
    name: "node:zlib (sized)",
    inflateRaw: (data, size) => {
      const chunkSize = size !== undefined && size > 0 && size < 1 << 30 ? size + 1 : 64 * 1024;
      const b = inflateRawSync(data, { chunkSize });
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    },
  });
} else throw new Error(`unknown --codec=${codecArg}`);

function main(): void {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const file = args[0];
  if (!file) throw new Error("usage: readPhases.ts <file.xlsx> [runs] [--codec=node|node-sized|fflate]");
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
