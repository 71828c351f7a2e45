/**
 * Both ends of the engine's worker protocol (comlink over a Worker, or any MessagePort-like
 * endpoint, so that a test can drive it with a fake worker):
 *  - exposeEngine(api, endpoint) in the worker: errors are sent as plain objects so that their
 *    code and Chinese message survive (comlink would keep only an Error's message and name);
 *  - remoteEngine(makeWorker) in the pane: progress callbacks go back through comlink proxies;
 *    cancel() terminates the worker, rejects what was pending, and the next call starts afresh.
 * Excel's grids (pane → worker) and a run's patch (worker → pane) cross in pieces of bounded
 * size (pieces.ts), one message each, so that no message blocks the pane's thread for long.
 */
import * as Comlink from "comlink";
import type { EngineApi, EngineClient } from "./engineApi";
import { RunCancelledError } from "./engineApi";
import { PatchJoiner, joinGrids, splitGrids, splitPatch, type GridsPiece, type PatchPiece } from "./pieces";

/** What remoteEngine needs of a Worker. */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

/** A thrown value as plain data: what describeError reads (code, message, messageZh). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  messageZh?: string;
}

function toWire(e: unknown): WireError {
  const x = (e ?? {}) as { name?: unknown; message?: unknown; code?: unknown; messageZh?: unknown };
  const wire: WireError = { name: typeof x.name === "string" ? x.name : "Error", message: typeof x.message === "string" ? x.message : String(e) };
  if (typeof x.code === "string") wire.code = x.code;
  if (typeof x.messageZh === "string") wire.messageZh = x.messageZh;
  return wire;
}

function fromWire(w: unknown): Error {
  if (w instanceof Error) return w;
  const x = w as WireError;
  return Object.assign(new Error(x?.message ?? "The engine failed."), x);
}

const METHODS = ["scanBytes", "scanGrids", "detectRole", "rememberMapping", "plan", "policyPatch", "runGrids", "runBytes", "decodeOutputs", "lookupCard", "planTemplate"] as const satisfies readonly (keyof EngineApi)[];
type Method = (typeof METHODS)[number];

/** Which argument is a workbook's grids: sent ahead in pieces, passed as the number of the transfer. */
const GRIDS_ARG: Partial<Record<Method, number>> = { scanGrids: 0, runGrids: 0, planTemplate: 0 };
/**
 * Which argument is a file's bytes. The pane sends a copy it transfers (a structured clone of the
 * 500k bench workbook, 26 MB, took 83 ms of the pane's thread in Chromium; the copy ~10 ms), and
 * for the file it sent last, a token the worker answers with the bytes it already holds.
 */
const BYTES_ARG: Partial<Record<Method, number>> = { scanBytes: 0, runBytes: 0 };
const SAME_BYTES = { sameBytesAsLastSent: true } as const;
/** Methods whose result holds a patch: kept in the worker and fetched in pieces. */
const PATCH_RESULT: ReadonlySet<Method> = new Set(["runGrids", "decodeOutputs"]);
/** In a result whose patch stays behind: the number of the transfer and how many pieces it was cut into. */
const PATCH_PIECES = "patchPieces";
const PATCH_ID = "patchId";

type Served = Record<string, (...args: unknown[]) => Promise<unknown>>;
type WorkbookPatchLike = Parameters<typeof splitPatch>[0];

/** In the worker: serve `api` on `endpoint` (default: the worker's global scope). */
export function exposeEngine(api: EngineApi, endpoint?: Comlink.Endpoint): void {
  const served: Served = {};
  // Transfers in progress, by number: calls that overlap never mix their pieces.
  const gridsIn = new Map<number, GridsPiece[]>();
  const patchesOut = new Map<number, (PatchPiece | null)[]>();
  let nextPatch = 0;
  let lastBytes: Uint8Array | null = null;
  served.gridsPiece = async (id, piece) => {
    const list = gridsIn.get(id as number) ?? [];
    list.push(piece as GridsPiece);
    gridsIn.set(id as number, list);
  };
  served.patchPiece = async (id, k) => {
    const pieces = patchesOut.get(id as number);
    const piece = pieces?.[k as number];
    if (!pieces || !piece) throw toWire(new Error(`Patch ${String(id)} has no piece ${String(k)}.`));
    pieces[k as number] = null; // handed out: the pane holds it now
    if (pieces.every((p) => p === null)) patchesOut.delete(id as number);
    return piece;
  };
  for (const name of METHODS) {
    const method = api[name] as (...args: unknown[]) => Promise<unknown>;
    served[name] = async (...args) => {
      try {
        const b = BYTES_ARG[name];
        if (b !== undefined) {
          const v = args[b] as Uint8Array | typeof SAME_BYTES;
          if (v instanceof Uint8Array) lastBytes = v;
          else if (v && (v as typeof SAME_BYTES).sameBytesAsLastSent && lastBytes) args[b] = lastBytes;
        }
        const at = GRIDS_ARG[name];
        if (at !== undefined && typeof args[at] === "number") {
          const id = args[at] as number;
          args[at] = joinGrids(gridsIn.get(id) ?? []);
          gridsIn.delete(id);
        }
        let result = await method(...args);
        const patch = PATCH_RESULT.has(name) ? (result as { patch?: WorkbookPatchLike }).patch : null;
        if (patch) {
          const id = ++nextPatch;
          const pieces = splitPatch(patch);
          patchesOut.set(id, pieces);
          result = { ...(result as object), patch: null, [PATCH_ID]: id, [PATCH_PIECES]: pieces.length };
        }
        // The written workbook moves to the pane instead of being copied.
        const written = (result as { written?: { bytes?: Uint8Array } | null } | null)?.written;
        return written?.bytes ? Comlink.transfer(result, [written.bytes.buffer]) : result;
      } catch (e) {
        throw toWire(e);
      } finally {
        // A progress callback is a comlink proxy with a port of its own: release it, or that
        // port stays open in the pane after the run (it is released after its last message).
        for (const a of args) if (typeof a === "function") (a as Partial<Comlink.Remote<() => void>>)[Comlink.releaseProxy]?.();
      }
    };
  }
  Comlink.expose(served, endpoint);
}

/** In the pane: the engine in a worker that `makeWorker` starts (lazily, and again after a cancel). */
export function remoteEngine(makeWorker: () => WorkerLike): EngineClient {
  let worker: WorkerLike | null = null;
  let remote: Comlink.Remote<Served> | null = null;
  const pending = new Set<(e: Error) => void>();
  let nextGrids = 0;
  /** The file the current worker last received (it keeps it): sent again as SAME_BYTES. */
  let sentBytes: Uint8Array | null = null;

  const call = (name: Method) => (...args: unknown[]) => {
    if (!remote) {
      worker = makeWorker();
      remote = Comlink.wrap(worker);
    }
    const r = remote;
    const wired = args.map((a) => (typeof a === "function" ? Comlink.proxy(a) : a));
    const b = BYTES_ARG[name];
    if (b !== undefined && wired[b] instanceof Uint8Array) {
      const bytes = wired[b] as Uint8Array;
      if (bytes === sentBytes) wired[b] = SAME_BYTES;
      else {
        sentBytes = bytes;
        const copy = bytes.slice();
        wired[b] = Comlink.transfer(copy, [copy.buffer]);
      }
    }
    const exchange = async () => {
      const at = GRIDS_ARG[name];
      if (at !== undefined && wired[at]) {
        const id = ++nextGrids;
        for (const piece of splitGrids(wired[at] as Parameters<typeof splitGrids>[0])) await r.gridsPiece(id, piece);
        wired[at] = id;
      }
      const v = (await r[name](...wired)) as Record<string, unknown> | null;
      const count = v?.[PATCH_PIECES];
      if (typeof count !== "number") return v;
      const id = v![PATCH_ID];
      // Each piece is appended as it arrives, in the task of its own message.
      const joiner = new PatchJoiner();
      for (let k = 0; k < count; k++) joiner.add((await r.patchPiece(id, k)) as PatchPiece);
      const { [PATCH_PIECES]: _count, [PATCH_ID]: _id, ...rest } = v!;
      return { ...rest, patch: joiner.result() };
    };
    return new Promise((resolve, reject) => {
      pending.add(reject);
      exchange().then(
        (v) => {
          pending.delete(reject);
          resolve(v);
        },
        (e) => {
          pending.delete(reject);
          reject(fromWire(e));
        },
      );
    });
  };

  const client = {
    cancellable: true,
    cancel() {
      worker?.terminate();
      worker = null;
      remote = null;
      sentBytes = null;
      const rejects = [...pending];
      pending.clear();
      for (const r of rejects) r(new RunCancelledError());
    },
  } as Record<string, unknown>;
  for (const name of METHODS) client[name] = call(name);
  return client as unknown as EngineClient;
}
