/**
 * Profile helper: runs runPipeline a few times on the bench's synthetic grids so that
 * `node --cpu-prof --import tsx bench/profileEngine.ts <lines>` gives a profile of the engine
 * alone (summarise with bench/profileSummary.ts).
 */
import { runPipeline } from "../src/pipeline/run";
import { dataset, workbookGrids } from "./data";

const lines = Number(process.argv[2] ?? 10_000);
const reps = Number(process.argv[3] ?? 3);
const grids = workbookGrids(dataset(50_000, 24), lines);
for (let i = 0; i < reps; i++) {
  const t0 = performance.now();
  const res = runPipeline(grids, { now: "2025-01-02T00:00:00Z", lang: "zh" });
  console.log(`run ${i + 1}: ${Math.round(performance.now() - t0)} ms, ${res.summary.customers.length} customers`);
}
