/**
 * Child process of hostile.test.ts: runs `tierplan` (main) on each case of a JSON list in this one
 * process and prints, per case, the exit code, the messages and the process's peak RSS so far
 * (process.resourceUsage().maxRSS, KB): the last value bounds the peak of every case.
 */
import { readFileSync } from "node:fs";
import { main } from "../../src/cli/main";

interface Job {
  argv: string[];
}

async function run(): Promise<void> {
  const jobs = JSON.parse(readFileSync(process.argv[2], "utf8")) as Job[];
  const results = [];
  for (const job of jobs) {
    const out: string[] = [];
    const err: string[] = [];
    const t0 = Date.now();
    const code = await main(job.argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), lang: "en" });
    results.push({ code, out, err, ms: Date.now() - t0, maxRssKb: process.resourceUsage().maxRSS });
  }
  process.stdout.write(JSON.stringify(results));
}

void run();
