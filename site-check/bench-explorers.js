#!/usr/bin/env node
// Time the live explorers in Chromium: for each one, at least 30 control changes that redraw
// its chart (odd selections, which only show a message, are left out), from the change to the
// redrawn chart, as the page itself measures it; and the bytes each explorer page transfers
// (gzip, as served) once its explorers have loaded. Prints JSON (benchmarks/run.py stores it).
//
//   node site-check/bench-explorers.js [--site _build/html] [--changes 30]
"use strict";

const path = require("path");
const { chromium } = require("playwright-core");
const { serve, CHROMIUM_FLAGS, CHROMIUM } = require("./server");
const { waitForExplorer, explorerChanges, applyChange } = require("./explorers");

const PAGES = ["notebooks/peacekeeping.html", "notebooks/alliances-and-exercises.html", "notebooks/attache-networks.html",
  "notebooks/national-models.html", "notebooks/timeline.html", "notebooks/azerbaijan.html"];

function quantile(values, share) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * share;
  const low = Math.floor(position);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (position - low);
}

async function main() {
  const argv = process.argv.slice(2);
  const site = path.resolve(argv.includes("--site") ? argv[argv.indexOf("--site") + 1] : "_build/html");
  const wanted = argv.includes("--changes") ? Number(argv[argv.indexOf("--changes") + 1]) : 30;
  const { server, origin } = await serve(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS.filter((f) => f !== "--headless=new") });
  const explorers = {};
  const pages = {};
  try {
    for (const page of PAGES) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      await context.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send("Network.enable");
      let bytes = 0;
      let requests = 0;
      cdp.on("Network.loadingFinished", (event) => { bytes += event.encodedDataLength; requests += 1; });
      await tab.goto(`${origin}/${page}`, { waitUntil: "load" });
      const names = await tab.evaluate(() => [...document.querySelectorAll("[data-explorer]")].map((r) => r.dataset.explorer));
      for (const name of names) await waitForExplorer(tab, name);
      await tab.waitForLoadState("networkidle").catch(() => {});
      pages[page] = { explorers: names, bytes_gzip: bytes, requests };
      for (const name of names) {
        const changes = (await tab.evaluate(explorerChanges, name)).map(([what, kind], index) => ({ what, kind, index }))
          .filter((c) => c.kind === "normal");
        const times = [];
        const messages = [];
        for (let i = 0; times.length < wanted && i < wanted * 20; i++) {
          const change = changes[i % changes.length];
          const result = await tab.evaluate(applyChange, [name, change.index]);
          if (result.timeout) throw new Error(`${name}: ${change.what}: no redraw`);
          (result.state === "chart" ? times : messages).push(result.ms);
        }
        explorers[name] = {
          page, changes: times.length, median_ms: Number(quantile(times, 0.5).toFixed(1)),
          p95_ms: Number(quantile(times, 0.95).toFixed(1)), max_ms: Number(Math.max(...times).toFixed(1)),
          message_updates: messages.length, page_bytes_gzip: bytes,
        };
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(JSON.stringify({ explorers, pages }, null, 2) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
