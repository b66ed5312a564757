// Time what a student feels in JupyterLab: from a control change to the finished redraw
// in the browser, for every explorer of every notebook. Driven by jupyterlab_updates.py,
// which starts a JupyterLab server on 127.0.0.1 over copies of the notebooks.
//
//   node benchmarks/jupyterlab_updates.mjs --base http://127.0.0.1:PORT --token T \
//        --notebooks a.ipynb,b.ipynb --changes 40 --out result.json [--shots DIR]
//
// Each change is made inside the page (a list's selection, a menu's option, a toggle
// button, a slider handle moved with the keyboard) and timed with performance.now()
// until the explorer's output area has stopped changing: the time of its last mutation
// (a message, a chart, a table), painted, counts; the quiet period that proves it was
// the last does not.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(path.resolve("site-check/package.json"));
const { chromium } = require("playwright-core");

function options(argv) {
  const opts = { changes: 40, shots: null };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    opts[key] = argv[++i];
  }
  opts.changes = Number(opts.changes);
  opts.notebooks = opts.notebooks.split(",");
  return opts;
}

// Runs in the page: one change to control `index` of explorer `which`, and how long until
// its output settled. Returns null if the output did not change (the value was already set).
async function changeOnce({ which, index, step }) {
  const explorers = [...document.querySelectorAll(".jp-OutputArea-output > .widget-vbox")]
    .filter((box) => box.querySelector(":scope > .widget-hbox") && box.querySelector(".widget-output"));
  const box = explorers[which];
  const controls = [...box.querySelector(":scope > .widget-hbox").children];
  const control = controls[index % controls.length];
  const output = box.querySelector(".widget-output");
  let last = 0;
  const observer = new MutationObserver(() => { last = performance.now(); });
  observer.observe(output, { childList: true, subtree: true, attributes: true, characterData: true });
  const start = performance.now();
  const select = control.querySelector("select");
  const buttons = control.querySelectorAll("button");
  const handle = control.querySelectorAll(".noUi-handle");
  if (select && select.multiple) {
    const count = select.options.length;
    const pattern = step % 4;  // all, one, none (an odd selection), two
    [...select.options].forEach((option, i) => {
      option.selected = pattern === 0 || (pattern === 1 && i === step % count) ||
        (pattern === 3 && (i === step % count || i === (step + 1) % count));
    });
    select.dispatchEvent(new Event("change", { bubbles: true }));
  } else if (select) {
    select.selectedIndex = step % select.options.length;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  } else if (buttons.length) {
    buttons[step % buttons.length].click();
  } else if (handle.length) {
    const key = step % 2 ? "ArrowRight" : "ArrowLeft";
    const target = handle[step % handle.length];
    for (const type of ["keydown", "keyup"]) {
      target.dispatchEvent(new KeyboardEvent(type, { key, code: key, keyCode: key === "ArrowLeft" ? 37 : 39,
                                                     which: key === "ArrowLeft" ? 37 : 39, bubbles: true }));
    }
  }
  // Settled: nothing has changed for 400 ms (or nothing at all within 3 s).
  await new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      if ((last && now - last > 400) || now - start > 3000) resolve();
      else setTimeout(check, 50);
    };
    setTimeout(check, 50);
  });
  observer.disconnect();
  if (!last) return null;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return last - start;
}

async function runNotebook(browser, opts, notebook) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  // Nothing leaves the machine (JupyterLab's news and update checks would).
  await page.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1"
    ? route.continue() : route.abort("blockedbyclient")));
  await page.goto(`${opts.base}/lab/tree/${notebook}?token=${opts.token}`, { waitUntil: "domcontentloaded", timeout: 120000 });
  await page.waitForFunction(() => window.jupyterapp && document.querySelector(".jp-Notebook .jp-Cell"),
    null, { timeout: 120000 });
  await page.waitForFunction(() => {
    const status = document.querySelector(".jp-Notebook-ExecutionIndicator");
    return !status || status.getAttribute("data-status") === "idle";
  }, null, { timeout: 120000 }).catch(() => {});
  await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
  // Every code cell has run: no "[*]" prompt left, and the explorers are drawn.
  await page.waitForFunction(() => {
    const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")].map((p) => p.textContent);
    const boxes = document.querySelectorAll(".jp-OutputArea-output > .widget-vbox .widget-output");
    return prompts.length && prompts.every((p) => /\[\d+\]/.test(p)) && boxes.length &&
      [...boxes].every((b) => b.querySelector("img, svg, [role=status], table"));
  }, null, { timeout: 300000, polling: 500 });
  await page.waitForTimeout(1000);
  const count = await page.evaluate(() => [...document.querySelectorAll(".jp-OutputArea-output > .widget-vbox")]
    .filter((box) => box.querySelector(":scope > .widget-hbox") && box.querySelector(".widget-output")).length);
  const explorers = [];
  for (let which = 0; which < count; which++) {
    const box = page.locator(".jp-OutputArea-output > .widget-vbox:has(> .widget-hbox)").nth(which);
    await box.scrollIntoViewIfNeeded();
    if (opts.shots) {
      fs.mkdirSync(opts.shots, { recursive: true });
      await box.screenshot({ path: path.join(opts.shots, `${path.basename(notebook, ".ipynb")}-${which + 1}.png`) });
    }
    const controls = await page.evaluate((w) => {
      const boxes = [...document.querySelectorAll(".jp-OutputArea-output > .widget-vbox")]
        .filter((b) => b.querySelector(":scope > .widget-hbox") && b.querySelector(".widget-output"));
      return boxes[w].querySelector(":scope > .widget-hbox").children.length;
    }, which);
    const times = [];
    for (let step = 0; times.length < opts.changes && step < opts.changes * 4; step++) {
      const elapsed = await page.evaluate(changeOnce, { which, index: step % controls, step: Math.floor(step / controls) });
      if (elapsed !== null) times.push(elapsed);
    }
    explorers.push({ notebook, explorer: which + 1, times });
  }
  await page.close();
  return { explorers, errors };
}

const opts = options(process.argv.slice(2));
// No sandbox: the benchmark runs as root on CI-like machines, where Chromium refuses to start with one.
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || "/usr/bin/chromium", headless: true,
                                       args: ["--no-sandbox"] });
const result = { explorers: [], errors: [] };
try {
  for (const notebook of opts.notebooks) {
    const { explorers, errors } = await runNotebook(browser, opts, notebook);
    result.explorers.push(...explorers);
    result.errors.push(...errors.map((e) => `${notebook}: ${e}`));
  }
} finally {
  await browser.close();
}
fs.writeFileSync(opts.out, JSON.stringify(result, null, 2));
