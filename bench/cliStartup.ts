/**
 * The command line as a user meets it, each figure a ratio to a peer timed in the same run
 * (the machine is shared, so only ratios compare across runs):
 *  - start-up: `tierplan --help` against a bare `node -e 0`;
 *  - the demo workbook end to end (`tierplan run examples/demo.xlsx`) against merely reading it
 *    with openpyxl (`load_workbook`, every cell parsed), which is what a Python script pays first.
 * Runs alternate between the two sides so that a change in load hits both; medians are reported.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const PYTHON = "/usr/bin/python3";
const READ_WITH_OPENPYXL = "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1], data_only=True)\nprint(sum(ws.max_row for ws in wb.worksheets))";

export interface Paired {
  ms: number;
  peerMs: number;
  ratio: number;
  runs: number;
}

function wall(cmd: string, argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: "utf8", env: { ...process.env, TIERPLAN_LANG: "en" }, maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} failed (${r.status}): ${(r.stderr ?? "").slice(-1000)}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function paired(runs: number, mine: () => number, peer: () => number): Paired {
  mine(); // warm the file cache for both sides
  peer();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(mine());
    b.push(peer());
  }
  const ms = Math.round(median(a));
  const peerMs = Math.round(median(b));
  return { ms, peerMs, ratio: Math.round((median(a) / median(b)) * 100) / 100, runs };
}

/** Build the bundle the command runs (bin/tierplan.js → dist-cli/tierplan.js), so the bench measures the current source. */
export function buildCli(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.js"), "--quiet"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`building the CLI failed: ${r.stderr}`);
}

export function benchStartup(runs = 7): Paired {
  const bin = path.join(ROOT, "bin", "tierplan.js");
  return paired(
    runs,
    () => wall(process.execPath, [bin, "--help"]),
    () => wall(process.execPath, ["-e", "0"]),
  );
}

export function benchDemo(outDir: string, runs = 3): Paired | { skipped: string } {
  const demo = path.join(ROOT, "examples", "demo.xlsx");
  if (!existsSync(demo)) return { skipped: "examples/demo.xlsx is missing (npm run make-demo)" };
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  const bin = path.join(ROOT, "bin", "tierplan.js");
  const out = path.join(outDir, "demo-result.xlsx");
  return paired(
    runs,
    () => wall(process.execPath, [bin, "run", demo, "--out", out]),
    () => wall(PYTHON, ["-c", READ_WITH_OPENPYXL, demo]),
  );
}
