/**
 * The Excel host runs on the task pane's thread, where Office.js lives: while it works, the
 * pane neither paints nor answers a click. Work between two round trips comes in slices: a
 * loop that can run long asks `due()` now and then and, when the slice is used up, lets the
 * pane have a task (`breathe()`). A sync ends a slice too (Excel answers in another task).
 *
 * Why 20 ms: the pane's goal is no task over 100 ms. Office.js writes a request's JSON in the
 * task that sends it (up to ~80 ms for 4 MB on the bench's 2-core machine, measured on the
 * strict double), so the batcher breathes before a sync instead of adding it to a slice; and
 * a slice can meet a garbage collection of 50 ms (bench, 30 ms slices: tasks of 90–110 ms).
 */

import type { Steps } from "../../report/ownership";

/** Length of one slice of host work, ms. */
const SLICE_MS = 20;

/**
 * Ends the current task: the pane paints and handles input before the host goes on. In a
 * browser through a message to ourselves: browsers clamp a nested setTimeout(0) to 4 ms, which
 * at one breath per slice would add a fifth to the pane's work. Under Node (tests, the bench)
 * through setImmediate: a port there drains the messages posted while it delivers, in one go.
 */
export function nextTask(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel !== "function") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) channel().port2.postMessage(null);
  });
}

/** Who waits for the next task; they all go on in it, one after the other (each then times its own slice). */
const waiting: (() => void)[] = [];
let ports: MessageChannel | null = null;

function channel(): MessageChannel {
  if (ports) return ports;
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    const go = waiting.splice(0);
    for (const resolve of go) resolve();
  };
  // Node (no setImmediate only in a test): an open port would keep the process alive.
  for (const port of [ch.port1, ch.port2]) (port as { unref?: () => void }).unref?.();
  ports = ch;
  return ch;
}

export class Pace {
  private since = performance.now();

  constructor(private readonly sliceMs: number = SLICE_MS) {}

  /** Whether this slice is used up. It reads the clock: ask per chunk of work (a few hundred rows), not per cell. */
  due(): boolean {
    return performance.now() - this.since >= this.sliceMs;
  }

  /** How long this slice has run, ms. */
  get used(): number {
    return performance.now() - this.since;
  }

  /** Let the pane have a task, then start a new slice. */
  async breathe(): Promise<void> {
    await nextTask();
    this.restart();
  }

  /** A new slice starts (the host was resumed by Excel's answer). */
  restart(): void {
    this.since = performance.now();
  }
}

/** Runs steps (report/ownership/steps.ts) in slices of the pane's time. */
export async function runPaced<T>(steps: Steps<T>, pace: Pace): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (pace.due()) await pace.breathe();
  }
}
