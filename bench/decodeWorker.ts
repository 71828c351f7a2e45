/**
 * The engine's worker as the Excel host bench needs it: decodes the outputs a run stored and
 * hands the patch back in pieces, one message each, as the task pane's worker does
 * (src/taskpane/services/engineRemote.ts). Started by bench/excelHost.ts.
 */
import { parentPort } from "node:worker_threads";
import { decodeOutputs } from "../src/report/ownership";
import { splitPatch } from "../src/taskpane/services/pieces";

// The pane asks for the pieces one at a time, as engineRemote.ts does: each arrives in a task of its own.
let pieces: ReturnType<typeof splitPatch> = [];
parentPort!.on("message", (m: { text: string } | { next: number }) => {
  if ("next" in m) {
    parentPort!.postMessage({ piece: pieces[m.next] });
    return;
  }
  const patch = decodeOutputs(m.text);
  pieces = patch ? splitPatch(patch) : [];
  parentPort!.postMessage({ count: pieces.length });
});
