#!/usr/bin/env node
// Launcher for the `tierplan` command. Runs the CLI bundled ahead of time (dist-cli/tierplan.js,
// built by `npm ci`/`npm install` through the `prepare` script, or `npm run build:cli`).
// TIERPLAN_FROM_SOURCE=1 runs src/ through tsx instead (a dev tool: slow start-up, always current).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const bundle = path.join(__dirname, "..", "dist-cli", "tierplan.js");

function hasTsx() {
  try {
    require.resolve("tsx/cjs");
    return true;
  } catch {
    return false;
  }
}

if (process.env.TIERPLAN_FROM_SOURCE !== "1" && fs.existsSync(bundle)) {
  require(bundle);
} else if (hasTsx()) {
  require("tsx/cjs");
  require("../src/cli/bin.ts");
} else {
  process.stderr.write(
    "tierplan: the command is not built yet. Run `npm run build:cli` (or `npm ci`) in the TierPlan folder, then try again.\n" +
      "tierplan：命令尚未构建。请在 TierPlan 目录中运行 `npm run build:cli`（或 `npm ci`）后重试。\n",
  );
  process.exitCode = 1;
}
