/**
 * `npm run bench`: TierPlan measured on Excel-scale data, against pandas, on this machine.
 * Prints a table and writes out/bench.json. See docs/PERFORMANCE.md.
 *
 *   npm run bench                     # everything but `wide` (~3–4 minutes)
 *   npm run bench -- --only=cli,engine,xlsx,excelHost,peers,taskpane
 *   npm run bench -- --only=wide      # a 30-column ERP export at Excel's last row (~1.5 minutes, +1 to generate)
 *   npm run bench -- --only=page      # the standalone page in Chromium on the 500k workbook (~1 minute with its build)
 *
 * Sections run one after another (never in parallel: 2 cores, and timings must not share them).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchEngine, type EngineRow } from "./engine";
import { benchExcelHost, type HostResult } from "./excelHost";
import { benchFiles } from "./xlsxFile";
import { wideFile } from "./wideFile";
import { benchPage, type PageResult } from "./page";
import { cliPhases } from "./cliPhases";
import { benchDemo, benchStartup, buildCli, type Paired } from "./cliStartup";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "out");
const DIR = path.join(OUT, "bench");
const XLSX_LINES = 500_000;
/** Excel's last row less the header: the full grid. */
const WIDE_LINES = 1_048_575;
const ENGINE_SIZES = [10_000, 100_000, 1_048_576];
const PYTHON = "/usr/bin/python3";

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const want = (s: string) => !only || only.includes(s);
/** Sections only run when named (slow, or a special case). */
const named = (s: string) => !!only?.includes(s);

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "")?.[1] ?? os.cpus()[0]?.model ?? "?";
  return { nproc: os.availableParallelism(), memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, cpu, platform: `${os.platform()} ${os.release()}`, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) };
}

interface Timed {
  ms: number;
  peakRssMB: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command under /usr/bin/time -v (wall time measured here, peak RSS from time's report). */
function timed(cmd: string, argv: string[], env: NodeJS.ProcessEnv = {}): Timed {
  const useTime = existsSync("/usr/bin/time");
  const t0 = performance.now();
  const r = useTime
    ? spawnSync("/usr/bin/time", ["-v", cmd, ...argv], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 26 })
    : spawnSync(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = Math.round(performance.now() - t0);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  return { ms, peakRssMB: m ? Math.round(Number(m[1]) / 1024) : null, status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

function benchCli(file: string) {
  const outFile = path.join(DIR, "result.xlsx");
  const jsonFile = path.join(DIR, "summary.json");
  const r = timed(process.execPath, ["bin/tierplan.js", "run", file, "--out", outFile, "--json", jsonFile], { TIERPLAN_LANG: "en" });
  if (r.status !== 0) throw new Error(`tierplan run failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const summary = JSON.parse(readFileSync(jsonFile, "utf8"));
  const abc = { A: summary.abc.A.count, B: summary.abc.B.count, C: summary.abc.C.count };
  return { lines: XLSX_LINES, ms: r.ms, peakRssMB: r.peakRssMB, abc, outBytes: statSync(outFile).size };
}

function benchPeer(mode: "xlsx" | "csv", file: string) {
  const dst = path.join(DIR, mode === "xlsx" ? "pandas-abc.xlsx" : "pandas-abc.csv");
  const r = timed(PYTHON, [path.join(ROOT, "bench/peers.py"), mode, file, dst]);
  if (r.status !== 0) return { skipped: `pandas (${mode}) failed: ${r.stderr.split("\n").filter((l) => !/^\s+\S.*: /.test(l)).slice(-3).join(" ")}` };
  const line = r.stdout.trim().split("\n").pop()!;
  return { ms: r.ms, peakRssMB: r.peakRssMB, ...JSON.parse(line) };
}

function benchTaskpane() {
  const statsFile = path.join(DIR, "webpack-stats.json");
  const outPath = path.join(DIR, "webpack-dist");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", `--json=${statsFile}`, "--output-path", outPath], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  const buildMs = Math.round(performance.now() - t0);
  if (!existsSync(statsFile)) return { skipped: `webpack failed: ${(r.stderr || r.stdout).slice(-500)}` };
  const stats = JSON.parse(readFileSync(statsFile, "utf8"));
  const ep = stats.entrypoints?.taskpane;
  const assets: { name: string; size?: number }[] = ep?.assets ?? [];
  const js = assets.filter((a) => a.name.endsWith(".js"));
  const size = (a: { name: string; size?: number }) => a.size ?? statSync(path.join(outPath, a.name)).size;
  const initialBytes = js.reduce((s, a) => s + size(a), 0);
  const asyncChunks = (stats.chunks ?? []).filter((c: { initial: boolean }) => !c.initial).map((c: { names: string[]; size: number; files: string[] }) => ({ name: c.names.join(",") || c.files.join(","), kiB: Math.round(c.size / 1024) }));
  return { initialKiB: Math.round((initialBytes / 1024) * 10) / 10, initialFiles: js.map((a) => a.name), asyncChunks, buildMs, errors: stats.errors?.length ?? 0 };
}

const pad = (s: unknown, n: number) => String(s).padEnd(n);
const lpad = (s: unknown, n: number) => String(s).padStart(n);

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const t0 = performance.now();
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const report: Record<string, unknown> = { generatedAt: new Date().toISOString(), machine: machine() };
  const say = (s: string) => console.log(s);
  let engine: EngineRow[] | null = null;
  let xlsx: Record<string, unknown> | null = null;
  let host: HostResult | null = null;
  let peers: Record<string, unknown> | null = null;
  let taskpane: Record<string, unknown> | null = null;
  let cli: { startup: Paired; demo: Paired | { skipped: string } } | null = null;

  if (want("cli") || want("xlsx")) buildCli();
  if (want("cli")) {
    say("cli (start-up against node -e 0; the demo against reading it with openpyxl) …");
    const startup = benchStartup();
    say(`  tierplan --help: ${startup.ms} ms, node -e 0: ${startup.peerMs} ms (${startup.ratio} ×)`);
    const demo = benchDemo(DIR);
    say(`  demo: ${JSON.stringify(demo)}`);
    cli = { startup, demo };
    report.cli = cli;
  }

  if (want("engine")) {
    say("engine (runPipeline, all analyses, 50,000 customers) …");
    engine = benchEngine(ENGINE_SIZES, 50_000, say);
    report.engine = engine;
    gc();
  }
  let files: ReturnType<typeof benchFiles> | null = null;
  if (want("xlsx") || want("peers")) files = benchFiles(DIR, XLSX_LINES, say);
  if (want("xlsx") && files) {
    say("xlsx (CLI end to end, spawned) …");
    const cli = benchCli(files.xlsx);
    say(`  tierplan run: ${cli.ms} ms, peak RSS ${cli.peakRssMB} MB`);
    say("  phases (in process) …");
    const phases = await cliPhases(files.xlsx);
    gc();
    xlsx = { ...cli, xlsxBytes: files.xlsxBytes, phases };
    report.xlsx = xlsx;
  }
  let wide: { lines: number; columns: number; xlsxBytes: number; ms: number; peakRssMB: number | null } | null = null;
  if (named("wide")) {
    say("wide (a 30-column ERP export at Excel's last row, CLI end to end, spawned) …");
    const f = wideFile(DIR, WIDE_LINES, say);
    const r = timed(process.execPath, ["bin/tierplan.js", "run", f.xlsx, "--out", path.join(DIR, "erp-result.xlsx"), "--json", path.join(DIR, "erp-summary.json")], { TIERPLAN_LANG: "en" });
    if (r.status !== 0) throw new Error(`tierplan run failed on the wide export (${r.status}): ${r.stderr.slice(-2000)}`);
    wide = { lines: WIDE_LINES, columns: 30, xlsxBytes: f.bytes, ms: r.ms, peakRssMB: r.peakRssMB };
    say(`  tierplan run: ${r.ms} ms, peak RSS ${r.peakRssMB} MB`);
    report.wide = wide;
  }
  let page: PageResult | { skipped: string } | null = null;
  if (named("page")) {
    say("page (the standalone page in Chromium, 500k lines) …");
    const built = taskpane ?? benchTaskpane();
    const f = files ?? benchFiles(DIR, XLSX_LINES, say);
    page = "skipped" in built ? { skipped: String(built.skipped) } : await benchPage(path.join(DIR, "webpack-dist"), f.xlsx);
    say(`  ${JSON.stringify(page)}`);
    report.page = page;
  }
  if (want("excelHost")) {
    say("excelHost (strict double) …");
    host = await benchExcelHost(XLSX_LINES, say);
    report.excelHost = host;
    gc();
  }
  if (want("peers") && files) {
    say("peers (pandas) …");
    if (!existsSync(PYTHON)) peers = { skipped: `${PYTHON} not found: apt-get install -y --no-install-recommends python3-pandas python3-openpyxl` };
    else {
      const openpyxl = benchPeer("xlsx", files.xlsx);
      say(`  pandas + openpyxl: ${JSON.stringify(openpyxl)}`);
      const csv = benchPeer("csv", files.csv);
      say(`  pandas read_csv: ${JSON.stringify(csv)}`);
      peers = { pandasOpenpyxl: openpyxl, pandasCsv: csv, csvBytes: files.csvBytes };
      const t = xlsx as { ms: number; abc: Record<string, number> } | null;
      if (t) {
        const ratio = (p: { ms?: number }) => (p.ms ? Math.round((t.ms / p.ms) * 1000) / 1000 : null);
        peers.ratios = { tierplanOverPandasOpenpyxl: ratio(openpyxl), tierplanOverPandasCsv: ratio(csv) };
        const same = (p: { abc?: Record<string, number> }) => (p.abc ? p.abc.A === t.abc.A && p.abc.B === t.abc.B : null);
        peers.sameAbc = { pandasOpenpyxl: same(openpyxl), pandasCsv: same(csv), note: "A and B counts compared; TierPlan's C also holds the customers of the customer sheet without sales" };
      }
    }
    report.peers = peers;
  }
  if (want("taskpane")) {
    say("taskpane (webpack production build into out/bench/webpack-dist) …");
    taskpane = benchTaskpane();
    report.taskpane = taskpane;
  }

  // ---- targets
  const targets: Record<string, { target: string; actual: string; met: boolean | null }> = {};
  const big = engine?.find((e) => e.lines === 1_048_576);
  if (big) targets.engine = { target: "< 1000 ms at 1,048,576 lines", actual: `${big.ms} ms`, met: big.ms < 1000 };
  const po = (peers?.pandasOpenpyxl ?? null) as { ms?: number } | null;
  if (cli) {
    const s = cli.startup;
    targets.cliStartup = { target: "tierplan --help ≤ 3 × node -e 0", actual: `${s.ms} / ${s.peerMs} ms = ${s.ratio} ×`, met: s.ratio <= 3 };
    const d = cli.demo;
    targets.cliDemo = "ratio" in d ? { target: "demo end to end ≤ 1.5 × openpyxl read", actual: `${d.ms} / ${d.peerMs} ms = ${d.ratio} ×`, met: d.ratio <= 1.5 } : { target: "demo end to end ≤ 1.5 × openpyxl read", actual: d.skipped, met: null };
  }
  if (xlsx && po?.ms) {
    const x = xlsx as { ms: number };
    targets.cli500k = { target: "CLI, 500k lines ≤ 0.10 × pandas+openpyxl", actual: `${x.ms} / ${po.ms} ms = ${(x.ms / po.ms).toFixed(3)} ×`, met: x.ms <= 0.1 * po.ms };
  }
  if (xlsx) {
    const x = xlsx as { ms: number; peakRssMB: number | null };
    targets.xlsxTime = { target: "≤ 0.25 × pandas+openpyxl", actual: po?.ms ? `${x.ms} ms = ${(x.ms / po.ms).toFixed(3)} ×` : `${x.ms} ms (no peer)`, met: po?.ms ? x.ms <= 0.25 * po.ms : null };
    targets.xlsxMemory = { target: "peak RSS < 1024 MB", actual: `${x.peakRssMB} MB`, met: x.peakRssMB === null ? null : x.peakRssMB < 1024 };
  }
  if (page && !("skipped" in page)) {
    targets.page = { target: "page blocked < 100 ms during a 500k run", actual: `longest ${page.longestTaskMs} ms; run ${page.runMs} ms`, met: page.longestTaskMs < 100 };
  }
  if (wide) {
    // 2 GB: the V8 heap limit on a laptop with 8 GB of memory, and what such a laptop can spare.
    targets.wideMemory = { target: "30-col export at the last row: RSS < 2048 MB", actual: `${wide.ms} ms, peak RSS ${wide.peakRssMB} MB`, met: wide.peakRssMB === null ? null : wide.peakRssMB < 2048 };
  }
  if (host) {
    targets.excelHostRead = { target: `syncs ≤ 4 + ceil(bytes / 4 MB), payload < 5 MB`, actual: `${host.read.syncs} syncs (bound ${host.read.bound}), max ${(host.read.maxPayloadBytes / 1048576).toFixed(2)} MiB`, met: host.read.ok };
    const phases = { run: [host.read, host.write], "re-run": [host.rerunRead, host.rerunWrite], undo: [host.undo] };
    const blocks = Object.entries(phases).map(([k, ps]) => `${k} ${ps.map((p) => p.longestTaskMs).join("/")}`);
    const worst = Math.max(...Object.values(phases).flat().map((p) => p.longestTaskMs));
    const withDouble = Math.max(...Object.values(phases).flat().map((p) => p.longestBlockMs));
    targets.excelHostBlock = { target: "pane's longest task < 100 ms", actual: `${blocks.join(", ")} ms (${withDouble} with the double's syncs)`, met: worst < 100 };
    targets.excelHostWrite = { target: `syncs ≤ 4 + ceil(bytes / 4 MB), payload < 5 MB`, actual: `${host.write.syncs} syncs (bound ${host.write.bound}), max ${(host.write.maxPayloadBytes / 1048576).toFixed(2)} MiB`, met: host.write.ok };
  }
  if (taskpane && "initialKiB" in taskpane) targets.taskpane = { target: "initial JS < 500 KiB", actual: `${taskpane.initialKiB} KiB`, met: (taskpane.initialKiB as number) < 500 };
  report.targets = targets;
  report.benchMs = Math.round(performance.now() - t0);
  // Merge with a previous out/bench.json so that `--only=…` updates its sections only.
  const file = path.join(OUT, "bench.json");
  const prev = only && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const merged = { ...prev, ...report, targets: { ...(prev.targets ?? {}), ...targets } };
  writeFileSync(file, JSON.stringify(merged, null, 2) + "\n");

  // ---- table
  say("");
  say(`TierPlan benchmark — ${report.machine && (report.machine as { cpu: string }).cpu}, ${os.availableParallelism()} cores, node ${process.version}`);
  if (cli) {
    say("");
    say(`cli: --help ${cli.startup.ms} ms vs node -e 0 ${cli.startup.peerMs} ms (${cli.startup.ratio} ×, median of ${cli.startup.runs})`);
    const d = cli.demo;
    say("ratio" in d ? `cli: demo end to end ${d.ms} ms vs openpyxl read ${d.peerMs} ms (${d.ratio} ×, median of ${d.runs})` : `cli: demo ${d.skipped}`);
  }
  if (engine) {
    say("");
    say(`${pad("engine (runPipeline)", 24)}${lpad("lines", 11)}${lpad("ms", 8)}${lpad("ms/1k", 8)}${lpad("parse", 8)}${lpad("compute", 9)}${lpad("heapMB", 8)}`);
    for (const e of engine) say(`${pad("", 24)}${lpad(e.lines.toLocaleString("en"), 11)}${lpad(e.ms, 8)}${lpad(e.msPerKLine, 8)}${lpad(e.split.parseMs, 8)}${lpad(e.split.computeMs, 9)}${lpad(e.heapMB, 8)}`);
  }
  if (xlsx) {
    const x = xlsx as { ms: number; peakRssMB: number; phases: Record<string, number> };
    say("");
    say(`xlsx: tierplan run, ${XLSX_LINES.toLocaleString("en")} lines × 8: ${x.ms} ms, peak RSS ${x.peakRssMB} MB`);
    say(`  in process: read ${x.phases.readWorkbookMs} ms, pipeline ${x.phases.pipelineMs} ms, write .xlsx ${x.phases.writeXlsxMs} ms, JSON ${x.phases.jsonMs} ms`);
  }
  if (wide) say(`\nwide: tierplan run, ${wide.lines.toLocaleString("en")} lines × ${wide.columns} (${Math.round(wide.xlsxBytes / 2 ** 20)} MB file): ${wide.ms} ms, peak RSS ${wide.peakRssMB} MB`);
  if (host) say(`\nexcelHost: ${host.rows.toLocaleString("en")} rows, ${host.syncs} syncs, ${(host.totalBytes / 1048576).toFixed(1)} MiB, max payload ${(host.maxPayloadBytes / 1048576).toFixed(2)} MiB, ${host.ms} ms`);
  if (peers) {
    say("");
    for (const [k, v] of Object.entries(peers)) if (k.startsWith("pandas")) say(`${pad(k, 16)} ${"ms" in (v as object) ? `${(v as { ms: number }).ms} ms, peak RSS ${(v as { peakRssMB: number }).peakRssMB} MB (read ${(v as { readMs: number }).readMs}, abc ${(v as { abcMs: number }).abcMs}, write ${(v as { writeMs: number }).writeMs} ms)` : JSON.stringify(v)}`);
    if (peers.ratios) say(`ratios TierPlan / peer: ${JSON.stringify(peers.ratios)}`);
  }
  if (taskpane) say(`\ntaskpane: ${"initialKiB" in taskpane ? `${taskpane.initialKiB} KiB initial JS` : JSON.stringify(taskpane)}`);
  say("");
  say(`${pad("target", 16)}${pad("required", 50)}${pad("measured", 46)}met`);
  for (const [k, t] of Object.entries(targets)) say(`${pad(k, 16)}${pad(t.target, 50)}${pad(t.actual, 46)}${t.met === null ? "n/a" : t.met ? "yes" : "NO"}`);
  say(`\nwrote ${path.relative(ROOT, file)} (${Math.round(report.benchMs as number / 1000)} s)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
