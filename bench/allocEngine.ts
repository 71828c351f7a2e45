/**
 * Where the engine's garbage comes from: V8's sampling heap profiler over one runPipeline,
 * counting objects that were already collected again (minor and major GC) as well, which is
 * what a GC-heavy profile needs; --heap-prof only keeps what is still alive at the end.
 *
 *   npx esbuild bench/allocEngine.ts --bundle --platform=node --outfile=/tmp/ae.js
 *   node /tmp/ae.js [lines] [top]
 *
 * Prints the bytes allocated per allocating function (file:line of the bundle) and, for the
 * built-ins that allocate on a caller's behalf (iterator `next`, `Map` `set`, `Array.from`,
 * `map`), their callers. Run on the bundle: tsx folds each module into one line.
 */
import { Session } from "node:inspector";
import { runPipeline } from "../src/pipeline/run";
import { dataset, workbookGrids } from "./data";

interface SampleNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SampleNode[];
}

const lines = Number(process.argv[2] ?? 1_048_576);
const top = Number(process.argv[3] ?? 30);
const OPTIONS = { now: "2025-01-02T00:00:00Z", lang: "zh" as const };
const BUILTINS = new Set(["next", "set", "from", "map"]);

const where = (n: SampleNode) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
const mb = (b: number) => (b / 1e6).toFixed(1).padStart(7) + " MB";

function summarise(root: SampleNode): void {
  const self = new Map<string, number>();
  const viaBuiltin = new Map<string, number>();
  let total = 0;
  const walk = (n: SampleNode, parent: string) => {
    total += n.selfSize;
    self.set(where(n), (self.get(where(n)) ?? 0) + n.selfSize);
    if (BUILTINS.has(n.callFrame.functionName)) {
      const k = `${n.callFrame.functionName} ← ${parent}`;
      viaBuiltin.set(k, (viaBuiltin.get(k) ?? 0) + n.selfSize);
    }
    for (const c of n.children) walk(c, where(n));
  };
  walk(root, "");
  const show = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, v]) => console.log(mb(v), k));
  console.log(`allocated during one run: ${mb(total)} (${lines.toLocaleString("en")} lines, 50,000 customers)`);
  show(self);
  console.log("\nbuilt-ins, by caller:");
  show(viaBuiltin);
}

async function main(): Promise<void> {
  const grids = workbookGrids(dataset(50_000, 24), lines);
  runPipeline(grids, OPTIONS); // warm-up: compiled code allocates differently from the interpreter
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))));
  await post("HeapProfiler.enable");
  await post("HeapProfiler.startSampling", { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  runPipeline(grids, OPTIONS);
  const { profile } = await post<{ profile: { head: SampleNode } }>("HeapProfiler.stopSampling");
  summarise(profile.head);
}

void main();
