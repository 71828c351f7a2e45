/**
 * Starts the engine in a Web Worker. Only the browser build loads this module (webpack turns
 * the `new Worker(new URL(…, import.meta.url))` below into a separate chunk, fetched when the
 * first workbook is read, never in the first load); Jest uses the in-process engine instead.
 */
import type { EngineClient } from "./engineApi";
import { remoteEngine } from "./engineRemote";

export function workerEngine(): EngineClient {
  return remoteEngine(() => new Worker(new URL(/* webpackChunkName: "engine-worker" */ "./engine.worker.ts", import.meta.url)));
}
