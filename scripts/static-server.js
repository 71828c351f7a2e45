/**
 * A static file server for dist/ on 127.0.0.1 (a free port), as any HTTPS static host would serve
 * the add-in: plain files, no rewrites, no special headers. Used by the browser tests.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const http = require("node:http");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain" };

/** Resolves to the listening server; `headers` are added to every answer. */
function serveStatic(root, headers = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", ...headers });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

module.exports = { serveStatic };
