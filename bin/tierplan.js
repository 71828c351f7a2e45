#!/usr/bin/env node
// Launcher for the `tierplan` command: runs the TypeScript CLI through tsx (a runtime
// dependency), so that `npx tierplan …` works right after `npm ci` without a build step.
"use strict";
require("tsx/cjs");
require("../src/cli/bin.ts");
