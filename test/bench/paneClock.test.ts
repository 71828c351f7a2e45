/** The bench's measure of the task pane's longest task: the double's own work is Excel's, its JSON work the pane's. */
import { longestPaneTask } from "../../bench/paneClock";

describe("longestPaneTask", () => {
  test("a gap holding host work and a sync: the sync's time in the double is taken out, its request JSON kept", () => {
    // Host work 0–40, double 40–139 (of which 10 ms request JSON), a tick at 140, host work 141–200.
    const gaps: [number, number][] = [
      [0, 140],
      [140, 141],
      [141, 200],
    ];
    const syncs = [{ start: 40, end: 139, requestJsonMs: 10, responseJsonMs: 7 }];
    // Gap 1: 140 - 99 + 10 = 51; gap 2 gets the response: 1 + 7 = 8; gap 3: 59 (host work after).
    expect(longestPaneTask(gaps, syncs)).toBe(59);
  });

  test("the response is added to the task that continues the host", () => {
    const gaps: [number, number][] = [
      [0, 60],
      [60, 150],
    ];
    // The sync ends inside gap 1; the host's continuation (gap 2) reads its 30 ms response.
    const syncs = [{ start: 10, end: 55, requestJsonMs: 5, responseJsonMs: 30 }];
    expect(longestPaneTask(gaps, syncs)).toBe(120);
  });

  test("no syncs: the longest gap", () => {
    expect(
      longestPaneTask(
        [
          [0, 5],
          [5, 95],
          [95, 96],
        ],
        [],
      ),
    ).toBe(90);
  });
});
