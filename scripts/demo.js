#!/usr/bin/env node
// `npm run demo`: the whole job on the bundled demo workbook, as a user would run it:
//   tierplan run examples/demo.xlsx --out out/demo-result.xlsx --json out/demo-summary.json
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const demo = path.join(root, "examples", "demo.xlsx");
if (!fs.existsSync(demo)) {
  console.error("examples/demo.xlsx is missing: generating it (npm run make-demo)…");
  const gen = spawnSync(process.execPath, [require.resolve("tsx/cli"), path.join(root, "examples", "make-demo.ts")], { stdio: "inherit" });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}
fs.mkdirSync(path.join(root, "out"), { recursive: true });
const args = [
  path.join(root, "bin", "tierplan.js"),
  "run",
  demo,
  "--out", path.join(root, "out", "demo-result.xlsx"),
  "--json", path.join(root, "out", "demo-summary.json"),
  ...process.argv.slice(2),
];
const r = spawnSync(process.execPath, args, { stdio: "inherit" });
process.exit(r.status ?? 1);
