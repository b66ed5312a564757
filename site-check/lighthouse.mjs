#!/usr/bin/env node
// Lighthouse for three kinds of page of the built book (the landing page, a
// chapter, a notebook), mobile and desktop, served gzip-compressed from
// 127.0.0.1 and loaded in Debian's Chromium. Records scores, bytes and timings.
//
//   node site-check/lighthouse.mjs [--site _build/html] [--out benchmarks/lighthouse.json]
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const require = createRequire(import.meta.url);
const { serve, CHROMIUM_FLAGS, CHROMIUM } = require("./server.js");

const PAGES = {
  landing: "intro.html",
  chapter: "chapters/history/index.html",
  notebook: "notebooks/attache-networks.html",
  // The page with the most explorers (two); they load when a reader scrolls to them.
  explorers: "notebooks/alliances-and-exercises.html",
};
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = {
  "first-contentful-paint": "fcp_ms",
  "largest-contentful-paint": "lcp_ms",
  "total-blocking-time": "tbt_ms",
  "cumulative-layout-shift": "cls",
  "speed-index": "speed_index_ms",
};

function options(argv) {
  const opts = { site: "_build/html", out: "benchmarks/lighthouse.json" };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--site") opts.site = argv[++i];
    else if (argv[i] === "--out") opts.out = argv[++i];
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return opts;
}

function summarise(lhr) {
  const result = { scores: {}, metrics: {} };
  for (const category of CATEGORIES) result.scores[category] = Math.round(lhr.categories[category].score * 100);
  const weight = lhr.audits["total-byte-weight"];
  result.bytes = Math.round(weight.numericValue);
  result.requests = (lhr.audits["network-requests"].details?.items || []).length;
  for (const [audit, key] of Object.entries(METRICS)) {
    const value = lhr.audits[audit].numericValue;
    result.metrics[key] = key === "cls" ? Number(value.toFixed(3)) : Math.round(value);
  }
  // What keeps a score below 100, by audit id, for the accessibility category.
  result.accessibility_failures = lhr.categories.accessibility.auditRefs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
    .map((ref) => ref.id);
  return result;
}

async function main() {
  const opts = options(process.argv.slice(2));
  const site = path.resolve(opts.site);
  if (!fs.existsSync(path.join(site, "index.html"))) {
    console.error(`lighthouse: no built site at ${site}; run 'make book' first`);
    process.exit(2);
  }
  const { server, origin } = await serve(site);
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
  const results = {};
  try {
    for (const formFactor of ["mobile", "desktop"]) {
      results[formFactor] = {};
      for (const [kind, page] of Object.entries(PAGES)) {
        const config = formFactor === "desktop"
          ? (await import("lighthouse/core/config/desktop-config.js")).default
          : undefined;
        const run = await lighthouse(`${origin}/${page}`, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: CATEGORIES,
        }, config);
        results[formFactor][kind] = { page, ...summarise(run.lhr) };
        const r = results[formFactor][kind];
        console.log(`${formFactor.padEnd(8)} ${kind.padEnd(9)} performance ${r.scores.performance}  ` +
          `accessibility ${r.scores.accessibility}  best practices ${r.scores["best-practices"]}  ` +
          `SEO ${r.scores.seo}  ${r.bytes} bytes  LCP ${r.metrics.lcp_ms} ms`);
      }
    }
  } finally {
    await chrome.kill();
    server.close();
  }
  const record = {
    command: "make lighthouse",
    lighthouse: require("lighthouse/package.json").version,
    chromium: CHROMIUM,
    served: "gzip, from 127.0.0.1 (site-check/server.js)",
    note: "Mobile uses Lighthouse's default simulated slow 4G and 4x CPU slowdown; desktop its desktop preset.",
    results,
  };
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  fs.writeFileSync(opts.out, JSON.stringify(record, null, 2) + "\n");
  console.log(`lighthouse: written to ${opts.out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
