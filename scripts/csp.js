/**
 * The task pane's Content-Security-Policy: the page may load code only from its own origin and
 * from Office.js's documented CDN, and may send requests only to its own origin. This is what
 * makes "your data never leaves the workbook" a property of the page, not a promise: even a bug
 * or a hostile dependency cannot fetch(), beacon or open a socket to another host.
 *
 * Delivered as a <meta http-equiv> tag in every page webpack writes (so it holds on any static
 * host, without server configuration); a host may add the same policy as a response header.
 * Directives a <meta> cannot carry (frame-ancestors, report-uri) are left out on purpose:
 * Excel frames the pane from many Microsoft origins.
 */
"use strict";

/** The only third-party origin: Microsoft's official Office.js loader (it cannot be self-hosted). */
const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";

/**
 * @param {{ dev?: boolean }} [options] dev adds the dev server's hot-reload socket.
 * @returns {string}
 */
function contentSecurityPolicy(options = {}) {
  const connect = ["'self'"];
  if (options.dev) connect.push("wss://localhost:*", "ws://localhost:*");
  const directives = {
    "default-src": ["'self'"],
    "script-src": ["'self'", OFFICE_JS_ORIGIN],
    // Fluent UI (Griffel) inserts its styles at run time.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": connect,
    // The engine's Web Worker is a chunk of this origin.
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

module.exports = { contentSecurityPolicy, OFFICE_JS_ORIGIN };
