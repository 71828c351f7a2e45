/**
 * The standalone page on the 500,000-line bench workbook, in Chromium (playwright-core, Debian's
 * /usr/bin/chromium): the production build served from 127.0.0.1, the workbook chosen, detected,
 * run to the end. Measures the detection and the run as the user waits for them, and the long
 * tasks of the page's thread during the run (the pane may not block for more than 100 ms).
 */
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export interface PageResult {
  detectMs: number;
  runMs: number;
  longTasks: number;
  longestTaskMs: number;
  status: string;
}

export async function benchPage(dist: string, xlsx: string): Promise<PageResult | { skipped: string }> {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} not found (apt-get install -y chromium)` };
  if (!existsSync(path.join(dist, "taskpane.html"))) return { skipped: `no build in ${dist}` };
  const { serveStatic } = require("../scripts/static-server") as { serveStatic: (root: string) => Promise<import("node:http").Server> };
  const { chromium } = await import("playwright-core");
  const server = await serveStatic(dist);
  const port = (server.address() as { port: number }).port;
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), "tierplan-page-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
    locale: "zh-CN",
  });
  try {
    // Nothing leaves the machine: office.js is blocked, so the page goes standalone.
    await context.route("**/*", (r) => (new URL(r.request().url()).hostname === "127.0.0.1" ? r.continue() : r.abort()));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
    const input = page.getByLabel("工作簿（.xlsx）");
    await input.waitFor({ state: "attached", timeout: 30_000 });
    const t0 = Date.now();
    await input.setInputFiles(xlsx);
    await page.getByLabel("销售记录表").waitFor({ timeout: 600_000 });
    const detectMs = Date.now() - t0;
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(Math.round(e.duration)))).observe({ type: "longtask" });
    });
    const t1 = Date.now();
    await page.getByRole("button", { name: "运行", exact: true }).click();
    await page.waitForFunction(() => /完成|失败/.test(document.querySelector('[data-testid="run-status"]')?.textContent ?? ""), null, { timeout: 900_000, polling: 200 });
    const runMs = Date.now() - t1;
    const status = (await page.getByTestId("run-status").textContent()) ?? "";
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    return { detectMs, runMs, longTasks: long.length, longestTaskMs: Math.max(0, ...long), status };
  } finally {
    await context.close();
    server.close();
  }
}
