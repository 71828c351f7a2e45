/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function, and total
 * (inclusive) time per function, top N. `npx tsx bench/profileSummary.ts file.cpuprofile [N]`.
 */
import { readFileSync } from "node:fs";

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
const file = process.argv[2];
const top = Number(process.argv[3] ?? 30);
const prof = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
prof.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const key = (n: Node) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/^.*\/(work\/main|tmp)\//, "").replace(/^file:\/\//, "")}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map<string, number>();
for (const [id, t] of self) { const k = key(byId.get(id)!); selfBy.set(k, (selfBy.get(k) ?? 0) + t); }
// inclusive: sum over subtree, counting a key once per stack
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const [id, t] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + t);
  }
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const show = (m: Map<string, number>, title: string) => {
  console.log(`== ${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(t / 1000).toFixed(0).padStart(8)} ms  ${k}`);
};
show(selfBy, "self");
show(incl, "inclusive");
