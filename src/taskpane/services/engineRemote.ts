/**
 * Both ends of the engine's worker protocol (comlink over a Worker, or any MessagePort-like
 * endpoint, so that a test can drive it with a fake worker):
 *  - exposeEngine(api, endpoint) in the worker: errors are sent as plain objects so that their
 *    code and Chinese message survive (comlink would keep only an Error's message and name);
 *  - remoteEngine(makeWorker) in the pane: progress callbacks go back through comlink proxies;
 *    cancel() terminates the worker, rejects what was pending, and the next call starts afresh.
 */
import * as Comlink from "comlink";
import type { EngineApi, EngineClient } from "./engineApi";
import { RunCancelledError } from "./engineApi";

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

const METHODS = ["scanBytes", "scanGrids", "detectRole", "rememberMapping", "plan", "policyPatch", "runGrids", "patchPiece", "runBytes", "lookupCard", "planTemplate"] as const satisfies readonly (keyof EngineApi)[];

/** In the worker: serve `api` on `endpoint` (default: the worker's global scope). */
export function exposeEngine(api: EngineApi, endpoint?: Comlink.Endpoint): void {
  const served = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of METHODS) {
    const method = api[name] as (...args: unknown[]) => Promise<unknown>;
    served[name] = async (...args) => {
      try {
        const result = await method(...args);
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
  let remote: Comlink.Remote<Record<string, (...args: unknown[]) => Promise<unknown>>> | null = null;
  const pending = new Set<(e: Error) => void>();

  const call = (name: (typeof METHODS)[number]) => (...args: unknown[]) => {
    if (!remote) {
      worker = makeWorker();
      remote = Comlink.wrap(worker);
    }
    const wired = args.map((a) => (typeof a === "function" ? Comlink.proxy(a) : a));
    return new Promise((resolve, reject) => {
      pending.add(reject);
      remote![name](...wired).then(
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
      const rejects = [...pending];
      pending.clear();
      for (const r of rejects) r(new RunCancelledError());
    },
  } as Record<string, unknown>;
  for (const name of METHODS) client[name] = call(name);
  return client as unknown as EngineClient;
}
