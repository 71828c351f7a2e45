/**
 * The Excel host works in slices of the task pane's time (hosts/excel/pace.ts): between slices
 * the pane gets a task to paint and answer clicks. Slicing must change nothing but that: the
 * same workbook, registry, issues and round trips whether the host gives way at every chance
 * (sliceMs 0) or never.
 */
import { customersGrid, dataset, salesGrid } from "../../../bench/data";
import { applyPatch, readWorkbookGrids, undoLastRun } from "../../../src/hosts/excel";
import { Pace, nextTask, runPaced } from "../../../src/hosts/excel/pace";
import { cellAddress } from "../../../src/sheets/grid";
import { runPipeline } from "../../../src/pipeline/run";
import { runSteps, type Steps } from "../../../src/report/ownership";
import { ExcelDouble, createExcelDouble } from "../../excel-double";

/** Counts the tasks other work got while `work` ran: a timer that re-arms itself. */
async function tasksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  let on = true;
  const tick = () => {
    ticks++;
    if (on) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  await work();
  on = false;
  return ticks;
}

function* counting(n: number, seen: boolean[], flag: { set: boolean }): Steps<number> {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    seen.push(flag.set);
    sum += i;
    yield;
  }
  return sum;
}

describe("pace: the host's work in slices of the pane's time", () => {
  test("runPaced gives what runSteps gives, and lets a waiting task run between slices only when the slice is used up", async () => {
    expect(runSteps(counting(10, [], { set: false }))).toBe(45);
    for (const [sliceMs, waitingRan] of [
      [0, true],
      [60_000, false],
    ] as const) {
      const flag = { set: false };
      // A task queued before the run (under Node a breath is setImmediate, which runs after it).
      setImmediate(() => (flag.set = true));
      const seen: boolean[] = [];
      expect(await runPaced(counting(10, seen, flag), new Pace(sliceMs))).toBe(45);
      expect(seen.slice(1).some((x) => x)).toBe(waitingRan);
      await new Promise((r) => setImmediate(r));
    }
  });

  test("in a browser (no setImmediate) a breath is a message to the pane itself: every waiter goes on, after tasks queued before", async () => {
    const saved = globalThis.setImmediate;
    const order: string[] = [];
    try {
      (globalThis as { setImmediate?: unknown }).setImmediate = undefined;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => order.push("queued before");
      channel.port2.postMessage(null);
      await Promise.all([nextTask().then(() => order.push("first")), nextTask().then(() => order.push("second"))]);
      await nextTask().then(() => order.push("third"));
      channel.port1.close();
    } finally {
      globalThis.setImmediate = saved;
    }
    expect(order).toEqual(["queued before", "first", "second", "third"]);
  });

  test("a run, a re-run over a person's typing and an undo come out the same, sliced at every chance or not at all", async () => {
    // 5,000 customers: owned columns and report blocks longer than a slice of rows (4,096).
    const ds = dataset(5_000, 12);
    const lines = salesGrid(ds, 10_000);
    const customers = customersGrid(ds);
    const outcome = async (sliceMs: number) => {
      const d = createExcelDouble({ sheets: [customers, lines].map((g) => ({ name: g.name, rows: g.rows.map((r) => [...r]) })) });
      const opts = { writtenAt: "2025-01-02T00:00:00Z", isSetSupported: d.isSetSupported, sliceMs };
      const patch = async () => runPipeline(await readWorkbookGrids(d.context), { now: "2025-01-02T00:00:00Z", lang: "zh" }).patch;
      const steps: unknown[] = [];
      let tasks = 0;
      const step = async (name: string, work: () => Promise<{ plan: { issues: unknown[]; columns: unknown[] }; syncs: number }>) => {
        d.stats.reset();
        let r: Awaited<ReturnType<typeof work>> | null = null;
        tasks += await tasksDuring(async () => (r = await work()));
        steps.push({ name, issues: r!.plan.issues, columns: r!.plan.columns, syncs: d.stats.syncs, state: cells(d) });
        return r!;
      };
      const first = await step("run", async () => applyPatch(d.context, await patch(), opts));
      // A person types far down TierPlan's tier column: the re-run must find it and keep it.
      const at = first.plan.columns[0] as { sheet: string; headerRow: number; firstCol: number };
      d.context.workbook.worksheets.getItem(at.sheet).getRange(cellAddress(at.headerRow + 4_500, at.firstCol)).values = [["checked"]];
      await d.context.sync();
      await step("re-run", async () => applyPatch(d.context, await patch(), opts));
      await step("undo", () => undoLastRun(d.context, opts));
      return { steps, tasks };
    };
    const sliced = await outcome(0);
    const whole = await outcome(60_000);
    expect(sliced.steps).toEqual(whole.steps);
    const rerun = sliced.steps[1] as { issues: { code: string; cell?: string }[] };
    expect(rerun.issues.map((i) => i.code)).toContain("output.cellsTyped");
    // Sliced at every chance, the pane got many more tasks (each breath is one).
    expect(sliced.tasks).toBeGreaterThan(whole.tasks + 50);
    expect(rerun.issues.find((i) => i.code === "output.cellsTyped")!.cell).toMatch(/45\d\d$/);
  });
});

/** Every sheet's cells (values, formats, styles), by address. */
function cells(d: ExcelDouble): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of d.workbookState.sheets) {
    const sheet: Record<string, unknown> = {};
    for (const [r, c] of s.contentCells()) sheet[cellAddress(r, c)] = s.cellAt(r, c);
    out[s.name] = sheet;
  }
  return out;
}
