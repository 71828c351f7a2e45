#!/usr/bin/env node
// Builds the `tierplan` command ahead of time: src/cli/bin.ts and everything it imports,
// bundled by esbuild into one CommonJS file for Node (dist-cli/tierplan.js). Run by the
// `prepare` script, so `npm ci` leaves a ready command; bin/tierplan.js loads the result.
// Without this step every call transpiled all of src/ with tsx (`--help` took ~12× `node -e 0`).
"use strict";
const path = require("node:path");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const outfile = path.join(root, "dist-cli", "tierplan.js");

esbuild
  .build({
    entryPoints: [path.join(root, "src", "cli", "bin.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: true,
    legalComments: "none",
    logLevel: "warning",
  })
  .then(() => {
    if (!process.argv.includes("--quiet")) console.log(`built ${path.relative(root, outfile)}`);
  })
  .catch(() => {
    // esbuild has already printed its errors.
    process.exit(1);
  });
