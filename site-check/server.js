// A small static file server for the built book, bound to the loopback
// address only. Text responses are gzip-compressed when the client accepts it,
// as any real static host (GitHub Pages included) does, so that the bytes the
// checks and Lighthouse measure are the bytes a reader downloads.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const zlib = require("zlib");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".ipynb": "application/json; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".inv": "application/octet-stream",
  ".pdf": "application/pdf",
  ".xml": "application/xml; charset=utf-8",
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/;

/** Serve `root` on 127.0.0.1 (a free port unless one is given); resolves to {server, origin}. */
function serve(root, port = 0) {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    let file = path.join(base, pathname);
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (error, body) => {
      if (error) {
        response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
      const headers = { "Content-Type": type, "Cache-Control": "no-cache" };
      if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(request.headers["accept-encoding"] || "")) {
        body = zlib.gzipSync(body, { level: 9 });
        headers["Content-Encoding"] = "gzip";
        headers["Vary"] = "Accept-Encoding";
      }
      headers["Content-Length"] = body.length;
      response.writeHead(200, headers);
      response.end(request.method === "HEAD" ? undefined : body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

/** Every HTML page of the built site, as paths relative to its root (theme templates excluded). */
function sitePages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join("/");
      if (entry.isDirectory()) {
        if (!["_static", "_sources", "_images", ".doctrees"].includes(entry.name) || dir !== root) walk(full);
      } else if (entry.name.endsWith(".html")) {
        pages.push(rel);
      }
    }
  };
  walk(root);
  return pages.sort();
}

/** The flags every Chromium here starts with: headless, and no traffic of its own. */
const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--metrics-recording-only",
];

const CHROMIUM = process.env.CHROME_PATH || "/usr/bin/chromium";

module.exports = { serve, sitePages, CHROMIUM_FLAGS, CHROMIUM };
