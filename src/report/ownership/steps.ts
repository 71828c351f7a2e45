/**
 * Planning that gives way now and then. At 50,000 customers a re-run's plan checks ~900,000 of
 * TierPlan's cells for a person's typing and sizes as many for the registry: 80–130 ms in one
 * go, more than the task pane may block its thread (Office.js runs there). The plan is written
 * as a generator that yields between slices of rows; the .xlsx host and tests run it to the
 * end at once (runSteps), the Excel host lets the pane have a task between slices.
 */

/** Work that yields between slices and returns T at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Rows of an owned range checked, or values sized, between two yields. */
export const SLICE_ROWS = 4096;

/** Runs steps to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
