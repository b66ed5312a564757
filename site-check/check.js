#!/usr/bin/env node
// Load every page of the built book in headless Chromium, served from
// 127.0.0.1, and record what a reader's browser meets: console errors, failed
// requests, requests to any other host (blocked, and counted), axe-core
// violations by impact, images without meaningful alt text, and the bytes
// transferred. Writes a JSON report and exits 1 if any page fails.
//
//   node site-check/check.js [--site _build/html] [--report _build/site-report.json]
//                            [--max-page-bytes 1048576] [--only PATH ...]
"use strict";

const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const { serve, sitePages, CHROMIUM_FLAGS, CHROMIUM } = require("./server");
const { operateExplorers } = require("./explorers");

const AXE = require.resolve("axe-core/axe.min.js");
const IMPACTS = ["critical", "serious", "moderate", "minor"];
const FAILING_IMPACTS = new Set(["critical", "serious"]);

function options(argv) {
  const opts = { site: "_build/html", report: "_build/site-report.json", maxPageBytes: 1024 * 1024, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--site") opts.site = argv[++i];
    else if (arg === "--report") opts.report = argv[++i];
    else if (arg === "--max-page-bytes") opts.maxPageBytes = Number(argv[++i]);
    else if (arg === "--only") opts.only.push(argv[++i]);
    else throw new Error(`unknown argument: ${arg}`);
  }
  return opts;
}

function isLoopback(url) {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return true;
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

// Runs in the page: every <img> whose alt text does not describe it.
function imagesWithoutMeaningfulAlt() {
  const fileName = /\.(png|jpe?g|gif|svg|webp|avif)$/i;
  const generic = /^(image|img|picture|figure|chart|graph|plot|logo|icon|photo|untitled|output)\s*\d*$/i;
  const problems = [];
  for (const img of document.querySelectorAll("img")) {
    const src = (img.getAttribute("src") || "").slice(0, 80);
    const decorative = img.closest('[aria-hidden="true"]') || ["presentation", "none"].includes(img.getAttribute("role"));
    const alt = img.getAttribute("alt");
    const text = (alt || "").trim();
    let problem = null;
    if (alt === null) problem = "no alt attribute";
    else if (!text && !decorative) problem = "empty alt text on an image that is not marked decorative";
    else if (fileName.test(text)) problem = `alt text is a file name: ${text}`;
    else if (text && generic.test(text)) problem = `alt text says nothing about the image: ${text}`;
    else if (img.closest("figure") && text.split(/\s+/).length < 4) problem = `a figure's alt text is too short to describe it: ${text || "(empty)"}`;
    if (problem) problems.push({ src, problem });
  }
  return problems;
}

async function checkPage(browser, origin, page) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const tab = await context.newPage();
  const result = {
    console_errors: [],
    failed_requests: [],
    third_party_requests: [],
    axe: Object.fromEntries(IMPACTS.map((impact) => [impact, 0])),
    axe_violations: [],
    images_without_alt: [],
    explorers: {},
    requests: 0,
    bytes: 0,
  };
  // Nothing leaves the machine: requests to any other host are counted and aborted.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    result.third_party_requests.push(url);
    return route.abort("blockedbyclient");
  });
  tab.on("console", (message) => {
    if (message.type() === "error") {
      const where = message.location();
      result.console_errors.push(`${message.text()}${where && where.url ? ` (${where.url.replace(origin, "")}:${where.lineNumber})` : ""}`);
    }
  });
  tab.on("pageerror", (error) => result.console_errors.push(`uncaught: ${error.message}`));
  tab.on("requestfailed", (request) => {
    if (isLoopback(request.url())) {
      result.failed_requests.push(`${request.url().replace(origin, "")}: ${request.failure() && request.failure().errorText}`);
    }
  });
  tab.on("response", (response) => {
    if (response.status() >= 400) result.failed_requests.push(`${response.url().replace(origin, "")}: HTTP ${response.status()}`);
  });
  // Bytes on the wire (compressed bodies and headers), from the DevTools protocol.
  const cdp = await context.newCDPSession(tab);
  await cdp.send("Network.enable");
  cdp.on("Network.loadingFinished", (event) => {
    result.requests += 1;
    result.bytes += event.encodedDataLength;
  });

  const started = Date.now();
  await tab.goto(`${origin}/${page}`, { waitUntil: "load", timeout: 30000 });
  await tab.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => {});
  result.load_ms = Date.now() - started;

  // Every live explorer, operated: one change per control and the odd selections. Before axe,
  // so that axe sees the explorers' controls, messages and charts too.
  result.explorers = await operateExplorers(tab);

  await tab.addScriptTag({ path: AXE });
  const axe = await tab.evaluate(async () => {
    const run = await window.axe.run(document, { resultTypes: ["violations"] });
    return run.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  for (const violation of axe) result.axe[violation.impact] = (result.axe[violation.impact] || 0) + 1;
  result.axe_violations = axe;
  result.images_without_alt = await tab.evaluate(imagesWithoutMeaningfulAlt);
  await context.close();
  return result;
}

// A first visit, as a new reader's browser makes it: a fresh profile, the landing page, and
// every request it makes, the site icon's included (a site that declares none makes the
// browser ask the host for /favicon.ico, a 404). Headless Chromium may not fetch icons by
// itself, so the declared icon is requested as the browser would.
async function firstVisit(origin) {
  const profile = fs.mkdtempSync(path.join(require("os").tmpdir(), "first-visit-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS.filter((flag) => flag !== "--headless=new"),
  });
  const result = { requests: [], failed: [], icon: null };
  try {
    context.on("request", (request) => result.requests.push(request.url().replace(origin, "")));
    context.on("response", (response) => {
      if (response.status() >= 400) result.failed.push(`${response.url().replace(origin, "")}: HTTP ${response.status()}`);
    });
    context.on("requestfailed", (request) => result.failed.push(`${request.url().replace(origin, "")}: ${request.failure() && request.failure().errorText}`));
    const tab = context.pages()[0] || (await context.newPage());
    await tab.goto(`${origin}/index.html`, { waitUntil: "load", timeout: 30000 });
    await tab.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => {});
    const declared = await tab.evaluate(() => {
      const link = document.querySelector('link[rel~="icon"]');
      return link ? link.href : null;
    });
    const icon = declared || `${origin}/favicon.ico`;
    const response = await tab.request.get(icon);
    result.requests.push(icon.replace(origin, ""));
    result.icon = { declared: Boolean(declared), url: icon.replace(origin, ""), status: response.status() };
    if (!declared) result.failed.push("no <link rel=\"icon\">: browsers will ask the host for /favicon.ico");
    if (response.status() >= 400) result.failed.push(`${icon.replace(origin, "")}: HTTP ${response.status()}`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return result;
}

function failuresOf(page, result, maxPageBytes) {
  const failures = [];
  const add = (what, items) => items.length && failures.push(`${page}: ${what}: ${items.join(" | ")}`);
  add("console errors", result.console_errors);
  add("failed requests", result.failed_requests);
  add("requests to other hosts", result.third_party_requests);
  add("serious or critical axe violations",
    result.axe_violations.filter((v) => FAILING_IMPACTS.has(v.impact)).map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.targets.join(", ")}`));
  add("images without meaningful alt text", result.images_without_alt.map((i) => `${i.src}: ${i.problem}`));
  for (const [name, explorer] of Object.entries(result.explorers || {})) add(`live explorer ${name}`, explorer.problems);
  if (maxPageBytes && result.bytes > maxPageBytes) failures.push(`${page}: ${result.bytes} bytes transferred, over the budget of ${maxPageBytes}`);
  return failures;
}

async function main() {
  const opts = options(process.argv.slice(2));
  const site = path.resolve(opts.site);
  if (!fs.existsSync(path.join(site, "index.html"))) {
    console.error(`site-check: no built site at ${site}; run 'make book' first`);
    process.exit(2);
  }
  const pages = opts.only.length ? opts.only : sitePages(site);
  const { server, origin } = await serve(site);
  // Playwright starts Chromium with a new, empty temporary profile every time.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS.filter((flag) => flag !== "--headless=new"),
  });

  const report = { pages: {}, totals: {}, failures: [] };
  try {
    const visit = await firstVisit(origin);
    report.first_visit = visit;
    for (const failure of visit.failed) report.failures.push(`first visit: ${failure}`);
    console.log(`${visit.failed.length ? "FAIL" : "ok  "} first visit (fresh profile)${" ".repeat(16)} ` +
      `${visit.requests.length} requests, icon ${visit.icon && visit.icon.url} HTTP ${visit.icon && visit.icon.status}`);
    for (const page of pages) {
      const result = await checkPage(browser, origin, page);
      report.pages[page] = result;
      report.failures.push(...failuresOf(page, result, opts.maxPageBytes));
      const mark = failuresOf(page, result, opts.maxPageBytes).length ? "FAIL" : "ok  ";
      const explorers = Object.entries(result.explorers).map(([name, e]) => `${name} (${e.changes.length} changes)`);
      console.log(`${mark} ${page.padEnd(44)} ${String(result.bytes).padStart(8)} B  ${result.requests} requests  ` +
        `axe ${IMPACTS.map((i) => result.axe[i]).join("/")}${explorers.length ? `  explorers: ${explorers.join(", ")}` : ""}`);
    }
  } finally {
    await browser.close();
    server.close();
  }

  const results = Object.values(report.pages);
  const sum = (f) => results.reduce((total, r) => total + f(r), 0);
  report.totals = {
    pages: results.length,
    console_errors: sum((r) => r.console_errors.length),
    failed_requests: sum((r) => r.failed_requests.length),
    third_party_requests: sum((r) => r.third_party_requests.length),
    axe: Object.fromEntries(IMPACTS.map((impact) => [impact, sum((r) => r.axe[impact] || 0)])),
    images_without_alt: sum((r) => r.images_without_alt.length),
    live_explorers: sum((r) => Object.keys(r.explorers || {}).length),
    live_explorer_changes: sum((r) => Object.values(r.explorers || {}).reduce((n, e) => n + e.changes.length, 0)),
    requests: sum((r) => r.requests),
    bytes: sum((r) => r.bytes),
    max_page_bytes: Math.max(...results.map((r) => r.bytes)),
    failing_pages: new Set(report.failures.map((f) => f.split(":")[0])).size,
    first_visit_requests: report.first_visit ? report.first_visit.requests.length : 0,
  };
  fs.mkdirSync(path.dirname(path.resolve(opts.report)), { recursive: true });
  fs.writeFileSync(opts.report, JSON.stringify(report, null, 2) + "\n");

  const t = report.totals;
  console.log(`\nsite-check: ${t.pages} pages; ${t.console_errors} console errors, ${t.failed_requests} failed requests, ` +
    `${t.third_party_requests} requests to other hosts, axe critical/serious/moderate/minor ` +
    `${IMPACTS.map((i) => t.axe[i]).join("/")}, ${t.images_without_alt} images without meaningful alt text; ` +
    `${t.bytes} bytes in all, at most ${t.max_page_bytes} on one page. Report: ${opts.report}`);
  if (report.failures.length) {
    console.log(`\nsite-check FAILED on ${t.failing_pages} page(s):`);
    for (const failure of report.failures) console.log(`  ${failure}`);
  }
  // One line per run in the form test summaries take: pages passed, pages failed.
  console.log(`site-check: ${t.pages - t.failing_pages} passed, ${t.failing_pages} failed`);
  if (report.failures.length) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
