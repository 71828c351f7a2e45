/**
 * Starting up: are we inside Excel, on a plain web page, or is Office stuck?
 *
 * - office.js missing (offline, blocked, or the page opened directly): standalone at once.
 * - office.js loaded outside Office: Office.onReady answers quickly with no host → standalone.
 * - inside Excel: Office.onReady answers with host Excel.
 * - Office.onReady never answers (a known failure where office.js is blocked half way):
 *   after `timeoutMs` the pane says so, in both languages, and offers the standalone page.
 */
export type BootResult = { kind: "excel" } | { kind: "standalone" } | { kind: "timeout" };

/**
 * office.js is a classic, blocking script in the page's head and the bundle is deferred, so by the
 * time this runs the script has either defined `Office` or failed. (No inline onerror handler: the
 * page's Content-Security-Policy forbids inline script.)
 */
function officeScriptPresent(w: { Office?: unknown } = globalThis as never): boolean {
  const office = w.Office as { onReady?: unknown } | undefined;
  return typeof office === "object" && office !== null && typeof office.onReady === "function";
}

export function waitForOffice(timeoutMs = 10_000): Promise<BootResult> {
  if (!officeScriptPresent()) return Promise.resolve({ kind: "standalone" });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
    Office.onReady((info) => {
      clearTimeout(timer);
      resolve(info.host === Office.HostType.Excel ? { kind: "excel" } : { kind: "standalone" });
    }).catch(() => {
      clearTimeout(timer);
      resolve({ kind: "standalone" });
    });
  });
}
