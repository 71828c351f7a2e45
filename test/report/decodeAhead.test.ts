/**
 * The Excel host decodes the stored outputs of earlier runs ahead, with the platform's inflate
 * (DecompressionStream "deflate-raw", off the task pane's thread): what it decodes must be what
 * the plan would have decoded itself, and a platform without it falls back to the codec.
 */
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../../src/hosts/xlsx/write";
import { runPipeline } from "../../src/pipeline/run";
import { deflateRaw, inflateRaw, inflateRawAsync } from "../../src/report/deflate";
import { REGISTRY_SHEET, decodeOutputsAhead, outputsOf, readIndex } from "../../src/report/ownership";
import type { CellValue } from "../../src/sheets/grid";

const demo = new Uint8Array(fs.readFileSync(path.join(__dirname, "..", "fixtures", "bad", "blank-rows.xlsx")));

function registryValues(bytes: Uint8Array): CellValue[][] {
  const g = readWorkbook(bytes).sheets.find((s) => s.name === REGISTRY_SHEET)!;
  expect(g.origin).toEqual({ row: 0, col: 0 });
  return g.rows;
}

describe("stored outputs decoded ahead", () => {
  test("equal what the plan decodes itself, for a re-run and for an undo", async () => {
    const first = runPipeline(readWorkbook(demo), { now: "2025-01-31T10:00:00Z", lang: "zh" });
    const once = applyPatchToXlsx(demo, first.patch, { writtenAt: "2025-01-31T10:00:00Z" }).bytes;
    const second = runPipeline(readWorkbook(once), { now: "2025-02-28T10:00:00Z", lang: "en" });
    const twice = applyPatchToXlsx(once, second.patch, { writtenAt: "2025-02-28T10:00:00Z" }).bytes;
    const values = registryValues(twice);
    const runs = readIndex(values)!.runs;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const forRerun = await decodeOutputsAhead(values, false);
    const forUndo = await decodeOutputsAhead(values, true);
    expect([...forRerun.keys()]).toEqual([runs[0].col]);
    expect([...forUndo.keys()]).toEqual([runs[0].col, runs[1].col]);
    for (const run of runs.slice(0, 2)) {
      const own = outputsOf(values, run);
      expect(own?.sheets.length).toBeGreaterThan(0);
      expect(isDeepStrictEqual(forUndo.get(run.col!), own)).toBe(true);
      expect(outputsOf(values, run, forUndo)).toBe(forUndo.get(run.col!));
    }
  });

  test("a decoder that fails leaves the run to be decoded by the plan itself", async () => {
    const first = runPipeline(readWorkbook(demo), { now: "2025-01-31T10:00:00Z", lang: "zh" });
    const values = registryValues(applyPatchToXlsx(demo, first.patch, { writtenAt: "2025-01-31T10:00:00Z" }).bytes);
    const run = readIndex(values)!.runs[0];
    const decoded = await decodeOutputsAhead(values, false, async () => {
      throw new Error("the worker stopped");
    });
    expect(decoded.size).toBe(0);
    expect(outputsOf(values, run, decoded)?.sheets.length).toBeGreaterThan(0);
  });

  test("the platform's inflate equals the codec's, and without DecompressionStream the codec serves", async () => {
    const data = new TextEncoder().encode(JSON.stringify({ rows: Array.from({ length: 5000 }, (_, i) => [i, `客户${i}`, i / 7]) }));
    const packed = deflateRaw(data, 1);
    expect(Buffer.from(await inflateRawAsync(packed)).equals(Buffer.from(inflateRaw(packed)))).toBe(true);
    const platform = globalThis.DecompressionStream;
    try {
      (globalThis as { DecompressionStream?: unknown }).DecompressionStream = undefined;
      expect(Buffer.from(await inflateRawAsync(packed)).equals(Buffer.from(data))).toBe(true);
    } finally {
      globalThis.DecompressionStream = platform;
    }
  });
});
