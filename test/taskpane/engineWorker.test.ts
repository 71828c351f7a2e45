/**
 * The engine's worker protocol (comlink), driven through a fake worker: a MessageChannel whose
 * far end serves the real engine core, as engine.worker.ts does in the browser. Progress per
 * phase and per analysis, results equal to an in-process run, errors that keep their code and
 * Chinese message, and cancel (the worker terminated, pending calls rejected, a fresh worker next).
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { serialize } from "node:v8";
import { dataset, workbookGrids } from "../../bench/data";
import path from "node:path";
import * as readModule from "../../src/hosts/xlsx/read";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { ANALYSES } from "../../src/pipeline/analyses";
import { decodeOutputs, encodeOutputs } from "../../src/report/ownership";
import { runPipeline } from "../../src/pipeline/run";
import { RunCancelledError, paneSummary, type EngineApi, type EngineProgress } from "../../src/taskpane/services/engineApi";
import { createEngineCore } from "../../src/taskpane/services/engineCore";
import { exposeEngine, remoteEngine, type WorkerLike } from "../../src/taskpane/services/engineRemote";
import { demoGrids } from "./fixtures";

/**
 * A message as what its receiver takes apart object by object: a long flat string (the outputs
 * encoded for undo, about 3 MB at 50,000 customers) is copied in one piece, so it counts as empty.
 */
function withoutLongText(v: unknown): unknown {
  if (typeof v === "string") return v.length > 65_536 ? "" : v;
  if (Array.isArray(v)) return v.map(withoutLongText);
  if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutLongText(x)]));
  return v;
}

/** A Worker stand-in: one end of a MessageChannel; the other end serves `api`. */
function fakeWorkers(api: () => EngineApi, onMessage?: (msg: unknown, fromPane: boolean) => void) {
  const started: { terminated: boolean }[] = [];
  const make = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    if (onMessage) {
      // Every message either way, as it is posted.
      for (const port of [port1, port2]) {
        const post = port.postMessage.bind(port);
        port.postMessage = ((msg: unknown, transfer?: Transferable[]) => {
          onMessage(msg, port === port1);
          post(msg, transfer as never);
        }) as typeof port.postMessage;
      }
    }
    exposeEngine(api(), port2 as never);
    const w = { terminated: false };
    started.push(w);
    return Object.assign(port1 as unknown as WorkerLike, {
      terminate() {
        w.terminated = true;
        port1.close();
        port2.close();
      },
    });
  };
  return { make, started };
}

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "..", "fixtures", "bad", name)));

describe("engine worker protocol", () => {
  it("reports each phase and each analysis, and returns what an in-process run returns", async () => {
    const workers = fakeWorkers(createEngineCore);
    const engine = remoteEngine(workers.make);
    const scan = await engine.scanGrids(demoGrids(), {});
    expect(scan.mapping.sales.sheet).toBe("销售记录");
    // Every analysis, named for the progress; profile cards are not offered on their own.
    expect(scan.analyses.map((a) => a.id)).toEqual(ANALYSES.map((a) => a.id));
    expect(scan.analyses.filter((a) => a.selectable === false).map((a) => a.id)).toEqual(["cards"]);
    // The workbook stays in the worker: re-detecting a sheet does not send it again.
    expect((await engine.detectRole("customers", "客户资料")).headerRow).toBe(0);

    const plan = await engine.plan(scan.mapping, { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" }, "en");
    plan.options.now = "2025-01-31T10:00:00.000Z";
    const seen: EngineProgress[] = [];
    const out = await engine.runGrids(demoGrids(), plan, (p) => seen.push(p));
    // Progress travels on its own channel: give the last messages a turn to arrive.
    await new Promise((r) => setTimeout(r, 50));
    const analyses = seen.flatMap((p) => (p.step === "compute" && "analysis" in p.detail ? [p.detail.analysis] : []));
    expect(analyses).toEqual(ANALYSES.map((a) => a.id));
    expect(seen[0]).toEqual({ step: "compute", detail: { phase: "load" } });
    expect(seen.at(-1)).toEqual({ step: "compute", detail: { phase: "report" } });

    const direct = runPipeline(demoGrids(), plan.options);
    expect(out.failed).toBe(false);
    // The summary crosses without the lists the pane never shows (a row per customer, the call
    // schedule): everything else is the in-process run's.
    expect(direct.summary.customers.length).toBeGreaterThan(0);
    expect(direct.summary.callSchedule.length).toBeGreaterThan(0);
    expect(Object.keys(out.summary).sort()).toEqual(Object.keys(direct.summary).filter((k) => k !== "customers" && k !== "callSchedule").sort());
    expect(out.summary).toEqual(JSON.parse(JSON.stringify(paneSummary(direct.summary))));
    expect(out.patch).toEqual(JSON.parse(JSON.stringify(direct.patch)));
    // The outputs for undo are compressed in the worker, as the host would store them.
    expect(out.encodedOutputs).toBe(encodeOutputs(direct.patch));
    engine.cancel();
  });

  it("reads and writes a file in the worker: the result holds TierPlan's sheets", async () => {
    const engine = remoteEngine(fakeWorkers(createEngineCore).make);
    const bytes = fixture("blank-rows.xlsx");
    const scan = await engine.scanBytes(bytes, {});
    const plan = await engine.plan(scan.mapping, { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" }, "zh");
    const steps: string[] = [];
    const out = await engine.runBytes(bytes, plan, "2025-01-31T10:00:00.000Z", (p) => steps.push(p.step));
    await new Promise((r) => setTimeout(r, 50));
    expect(out.failed).toBe(false);
    expect([...new Set(steps)]).toEqual(["read", "compute", "write"]);
    const before = readWorkbook(bytes).sheets.map((s) => s.name);
    const after = readWorkbook(out.written!.bytes).sheets.map((s) => s.name);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBeGreaterThan(before.length);
    engine.cancel();
  });

  it("a run on the file it scanned takes the scanned grids; other bytes are read afresh; the result is the same", async () => {
    const bytes = fixture("blank-rows.xlsx");
    const at = "2025-01-31T10:00:00.000Z";
    const read = jest.spyOn(readModule, "readWorkbookAsync");
    try {
      const core = createEngineCore();
      const scan = await core.scanBytes(bytes, {});
      const plan = await core.plan(scan.mapping, { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" }, "zh");
      expect(read).toHaveBeenCalledTimes(1);
      // The page sends the file again (a copy, as postMessage makes one).
      const first = await core.runBytes(bytes.slice(), plan, at);
      expect(read).toHaveBeenCalledTimes(1);
      // The result file is other bytes: read, not taken from the scan.
      const again = await core.runBytes(first.written!.bytes, plan, at);
      expect(read).toHaveBeenCalledTimes(2);
      expect(again.failed).toBe(false);
      // A core that never scanned reads the file and writes the same workbook.
      const fresh = await createEngineCore().runBytes(bytes, plan, at);
      expect(read).toHaveBeenCalledTimes(3);
      expect(Buffer.from(first.written!.bytes).equals(Buffer.from(fresh.written!.bytes))).toBe(true);
      // One byte changed is another file.
      const edited = bytes.slice();
      edited[edited.length - 30] ^= 1;
      await core.runBytes(edited, plan, at).catch(() => undefined);
      expect(read).toHaveBeenCalledTimes(4);
    } finally {
      read.mockRestore();
    }
  });

  it("sends Excel's grids and takes the run's patch in bounded messages; the run is the in-process run", async () => {
    // 20,000 customers and 40,000 lines: 540,000 cells of grids and a larger patch.
    const grids = workbookGrids(dataset(20_000, 12), 40_000);
    const sizes: number[] = [];
    const workers = fakeWorkers(createEngineCore, (msg) => sizes.push(serialize(withoutLongText(msg)).length));
    const engine = remoteEngine(workers.make);
    const scan = await engine.scanGrids(grids, {});
    const plan = await engine.plan(scan.mapping, { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" }, "en");
    plan.options.now = "2025-01-31T10:00:00.000Z";
    const out = await engine.runGrids(grids, plan);
    const direct = runPipeline(grids, plan.options);
    // Deep equality, -0 included, both sides cloned into this realm (the messages' objects come
    // from another); node's check is much faster than Jest's on 20 MB.
    const same = (a: unknown, b: unknown) => isDeepStrictEqual(structuredClone(a), structuredClone(b));
    expect(same(out.patch, direct.patch)).toBe(true);
    expect(same(out.summary, paneSummary(direct.summary))).toBe(true);
    // The outputs stored for undo come back decoded by the worker, in pieces too.
    const stored = await engine.decodeOutputs(out.encodedOutputs!);
    expect(stored.patch?.sheets.map((s) => s.name)).toEqual(direct.patch.sheets.map((s) => s.name));
    expect(same(stored.patch, decodeOutputs(out.encodedOutputs!))).toBe(true);
    // No message is a fifth of the whole grids or the whole patch.
    const largest = Math.max(...sizes);
    expect(largest * 5).toBeLessThan(serialize(grids).length);
    expect(largest * 5).toBeLessThan(serialize(direct.patch).length);
    engine.cancel();
  });

  it("sends a file once: a run on the file it scanned sends a token, and a copy is transferred", async () => {
    const bytes = fixture("blank-rows.xlsx");
    const sizes: number[] = [];
    const workers = fakeWorkers(createEngineCore, (msg, fromPane) => fromPane && sizes.push(serialize(msg).length));
    const engine = remoteEngine(workers.make);
    const scan = await engine.scanBytes(bytes, {});
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(bytes.length);
    // The pane keeps its bytes: what went over was a copy.
    expect(bytes.byteLength).toBeGreaterThan(0);
    const plan = await engine.plan(scan.mapping, { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" }, "zh");
    sizes.length = 0;
    const at = "2025-01-31T10:00:00.000Z";
    const out = await engine.runBytes(bytes, plan, at);
    expect(Math.max(...sizes)).toBeLessThan(bytes.length / 4);
    const fresh = await createEngineCore().runBytes(bytes, plan, at);
    expect(Buffer.from(out.written!.bytes).equals(Buffer.from(fresh.written!.bytes))).toBe(true);
    // After a cancel the new worker has nothing: the file goes again, whole.
    engine.cancel();
    sizes.length = 0;
    const again = await engine.runBytes(bytes, plan, at);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(bytes.length);
    expect(Buffer.from(again.written!.bytes).equals(Buffer.from(fresh.written!.bytes))).toBe(true);
    engine.cancel();
  });

  it("calls that overlap never mix their pieces", async () => {
    const engine = remoteEngine(fakeWorkers(createEngineCore).make);
    const big = runPipeline(workbookGrids(dataset(3_000, 12), 6_000), { now: "2025-01-31T10:00:00.000Z", lang: "zh" }).patch;
    const other = { ...big, sheets: big.sheets.slice(0, 1), columns: [] };
    const [a, b] = [encodeOutputs(big), encodeOutputs(other)];
    const [ra, rb] = await Promise.all([engine.decodeOutputs(a), engine.decodeOutputs(b)]);
    // Both sides cloned into one realm, as in the test above.
    const same = (x: unknown, y: unknown) => isDeepStrictEqual(structuredClone(x), structuredClone(y));
    expect(same(ra.patch, decodeOutputs(a))).toBe(true);
    expect(same(rb.patch, decodeOutputs(b))).toBe(true);
    expect(ra.patch!.sheets.length).toBeGreaterThan(rb.patch!.sheets.length);
    // Grids sent by two calls at once each reach their own call.
    const g1 = workbookGrids(dataset(2_000, 12), 3_000);
    const g2 = demoGrids();
    const [s1, s2] = await Promise.all([engine.scanGrids(g1, {}), engine.scanGrids(g2, {})]);
    expect(s1.mapping.sales.sheet).toBe("销售记录");
    expect(s2.mapping.sales.sheet).toBe("销售记录");
    const plan = await engine.plan(s1.mapping, { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" }, "en");
    plan.options.now = "2025-01-31T10:00:00.000Z";
    const [o1, o2] = await Promise.all([engine.runGrids(g1, plan), engine.runGrids(g2, plan)]);
    expect(o1.summary.abc).toEqual(runPipeline(g1, plan.options).summary.abc);
    expect(o2.summary.abc).toEqual(runPipeline(g2, plan.options).summary.abc);
    expect(o1.patch!.columns[0].rows.length).toBe(runPipeline(g1, plan.options).patch.columns[0].rows.length);
    engine.cancel();
  });

  it("passes a read error on with its code and Chinese message", async () => {
    const engine = remoteEngine(fakeWorkers(createEngineCore).make);
    const error = await engine.scanBytes(fixture("not-a-workbook.xlsx"), {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toEqual(expect.objectContaining({ code: expect.any(String), messageZh: expect.stringMatching(/[一-鿿]/) }));
    engine.cancel();
  });

  it("cancel terminates the worker, rejects the pending run, and the next call starts a fresh worker", async () => {
    let calls = 0;
    const stuck = (): EngineApi => ({
      ...createEngineCore(),
      // A run that never ends (the worker busy on a huge workbook).
      runGrids: () => new Promise(() => {}),
      rememberMapping: async () => ({ sheets: { sales: `worker ${++calls}` } }),
    });
    const workers = fakeWorkers(stuck);
    const engine = remoteEngine(workers.make);
    expect(engine.cancellable).toBe(true);
    const run = engine.runGrids(demoGrids(), { options: {} });
    await new Promise((r) => setTimeout(r, 20));
    engine.cancel();
    await expect(run).rejects.toBeInstanceOf(RunCancelledError);
    expect(workers.started).toEqual([{ terminated: true }]);
    await expect(engine.rememberMapping({} as never)).resolves.toEqual({ sheets: { sales: "worker 1" } });
    expect(workers.started).toHaveLength(2);
    engine.cancel();
  });
});
