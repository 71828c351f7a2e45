/**
 * The task pane's longest task while the Excel host works against the strict double.
 *
 * In Excel, a sync's commands run in Excel's process while the pane waits; only writing the
 * request as JSON and reading the response happen on the pane's thread. The double runs them
 * in the pane's own process, so an event-loop monitor counts Excel's work as the pane's. This
 * clock keeps a timer ticking (each gap between two ticks is one or more tasks that ran back
 * to back), takes each sync's time in the double out of the gap it fell in, and adds back the
 * double's JSON work: the request's to the gap that queued it, the response's to the gap
 * where the host continues.
 */

/** One round trip as the bench saw it: when the double ran it, and its JSON work. */
export interface SyncSpan {
  start: number;
  end: number;
  requestJsonMs: number;
  responseJsonMs: number;
}

/**
 * The longest stretch of pane work, ms, given the timer's gaps (contiguous: each [a, b] starts
 * where the one before ended) and the syncs.
 */
export function longestPaneTask(gaps: readonly (readonly [number, number])[], syncs: readonly SyncSpan[]): number {
  const work = gaps.map(([a, b]) => b - a);
  const gapAt = (t: number) => {
    const g = gaps.findIndex(([a, b]) => t >= a && t < b);
    return g < 0 ? gaps.length - 1 : g;
  };
  for (const s of syncs) {
    gaps.forEach(([a, b], g) => (work[g] -= Math.max(0, Math.min(b, s.end) - Math.max(a, s.start))));
    work[gapAt(s.start)] += s.requestJsonMs;
    // The response is read in the task that continues the host: the gap after the sync's end.
    work[Math.min(gapAt(s.end) + 1, gaps.length - 1)] += s.responseJsonMs;
  }
  if (process.env.PANE_CLOCK_DEBUG) {
    const top = work.map((w, g) => ({ w, g })).sort((x, y) => y.w - x.w).slice(0, 3);
    const t0 = gaps[0]?.[0] ?? 0;
    for (const { w, g } of top) {
      const after = syncs.filter((s) => s.end <= gaps[g][0]).length;
      const inside = syncs.filter((s) => s.start >= gaps[g][0] && s.start < gaps[g][1]).map((s) => `request JSON ${s.requestJsonMs.toFixed(0)}`);
      const before = syncs.filter((s) => s.end < gaps[g][0]).slice(-1).map((s) => `response JSON ${s.responseJsonMs.toFixed(0)}`);
      console.log(`    pane task ${w.toFixed(0)} ms at [abs ${gaps[g][0].toFixed(0)}] ${(gaps[g][0] - t0).toFixed(0)}–${(gaps[g][1] - t0).toFixed(0)} ms, after sync ${after} of ${syncs.length} ${[...inside, ...before].join(", ")}`);
    }
  }
  return Math.max(0, ...work);
}

/** A timer that records the gaps between its ticks, and the syncs the bench reports to it. */
export class PaneClock {
  private readonly gaps: [number, number][] = [];
  private readonly syncs: SyncSpan[] = [];
  private last = 0;
  private timer: NodeJS.Timeout | null = null;

  start(): void {
    this.last = performance.now();
    const tick = () => {
      const now = performance.now();
      this.gaps.push([this.last, now]);
      this.last = now;
      this.timer = setTimeout(tick, 0);
    };
    this.timer = setTimeout(tick, 0);
  }

  sync(span: SyncSpan): void {
    this.syncs.push(span);
  }

  /** Stops the timer; the longest pane task seen, ms. */
  stop(): number {
    if (this.timer) clearTimeout(this.timer);
    this.gaps.push([this.last, performance.now()]);
    return Math.round(longestPaneTask(this.gaps, this.syncs));
  }
}
