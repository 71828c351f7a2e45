/**
 * The engine's worker as the Excel host bench needs it: decodes the outputs a run stored and
 * sends the patch back in pieces, one message each, as the task pane's worker does
 * (src/taskpane/services/engineRemote.ts). Started by bench/excelHost.ts.
 */
import { parentPort } from "node:worker_threads";
import { decodeOutputs } from "../src/report/ownership";
import { splitPatch } from "../src/taskpane/services/pieces";

parentPort!.on("message", (text: string) => {
  const patch = decodeOutputs(text);
  const pieces = patch ? splitPatch(patch) : [];
  parentPort!.postMessage({ count: pieces.length });
  for (const piece of pieces) parentPort!.postMessage({ piece });
});
