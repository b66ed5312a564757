// Time what a student feels in JupyterLab: from a control change to the finished redraw in the
// browser, for every explorer of every notebook. Driven by jupyterlab_updates.py, which starts a
// JupyterLab server on 127.0.0.1 over copies of the notebooks.
//
//   node benchmarks/jupyterlab_updates.mjs --base http://127.0.0.1:PORT --token T \
//        --notebooks a.ipynb,b.ipynb --changes 20 --out result.json [--shots DIR]
//
// Each change is made inside the page as a reader makes it (a list's selection, a menu's option,
// a toggle button, a slider handle moved with the keyboard). The page times it with
// performance.now(), from the event to the last change of the explorer's output area laid out (the
// page's style and layout worked out, as the next frame needs them), an image among the changes
// decoded; a short quiet period proves it was the last and is not counted. Each chart is
// marked new or a repeat of one the explorer showed before.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(path.resolve("site-check/package.json"));
const { chromium } = require("playwright-core");

const SETTLE_MS = 150; // no further change for this long: the redraw has finished
const PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)";

function options(argv) {
  const opts = { changes: 20, shots: null };
  for (let i = 0; i < argv.length; i += 2) opts[argv[i].replace(/^--/, "")] = argv[i + 1];
  opts.changes = Number(opts.changes);
  opts.notebooks = opts.notebooks.split(",");
  return opts;
}

// Runs in the page: the explorers of the open notebook (a box of controls above an output area).
function explorerBoxes(panel) {
  return [...document.querySelectorAll(`${panel} .jp-OutputArea-output .widget-vbox`)]
    .filter((box) => box.querySelector(":scope > .widget-hbox") && box.children.length >= 2);
}

// Runs in the page: one change to control `index` of explorer `which`, timed until its output
// settled. Returns null when nothing changed (the control already had that value).
async function changeOnce({ which, index, step, settle, panel }) {
  const box = [...document.querySelectorAll(`${panel} .jp-OutputArea-output .widget-vbox`)]
    .filter((b) => b.querySelector(":scope > .widget-hbox") && b.children.length >= 2)[which];
  const controls = [...box.querySelector(":scope > .widget-hbox").children];
  const control = controls[index % controls.length];
  const output = box.children[1];
  let first = 0, last = 0;
  const decoding = [];
  const observer = new MutationObserver((records) => {
    output.getBoundingClientRect(); // the layout the browser does before painting the change
    last = performance.now();
    first = first || last;
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        for (const img of node.tagName === "IMG" ? [node] : node.querySelectorAll("img")) {
          decoding.push(img.decode().then(() => performance.now(), () => performance.now()));
        }
      }
    }
  });
  observer.observe(output, { childList: true, subtree: true, attributes: true, characterData: true });
  const start = performance.now();
  const select = control.querySelector("select");
  const buttons = control.querySelectorAll("button");
  const handles = control.querySelectorAll(".noUi-handle");
  const checkbox = control.querySelector("input[type=checkbox]");
  if (select && select.multiple) {
    const count = select.options.length;
    const pattern = step % 4; // all, one, none (an odd selection), two
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
  } else if (checkbox) {
    checkbox.click();
  } else if (handles.length) {
    // Five steps one way, then five back: each press is one change of the value.
    const key = Math.floor(step / 5) % 2 ? "ArrowRight" : "ArrowLeft";
    const target = handles[Math.floor(step / 10) % handles.length];
    const code = key === "ArrowLeft" ? 37 : 39;
    target.dispatchEvent(new KeyboardEvent("keydown", { key, code: key, keyCode: code, which: code, bubbles: true }));
  }
  await new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      if ((last && now - last > settle) || now - start > 4000) resolve();
      else setTimeout(check, 20);
    };
    setTimeout(check, 20);
  });
  observer.disconnect();
  if (!last) return null;
  const decoded = await Promise.all(decoding);
  const finished = Math.max(last, ...decoded);
  // A view this explorer has shown before (a slider moved back): the kernel keeps its latest drawings.
  const seen = (window.__viewsShown ||= new Map());
  if (!seen.has(which)) seen.set(which, new Set());
  const repeat = seen.get(which).has(output.innerHTML);
  seen.get(which).add(output.innerHTML);
  return { ms: finished - start, first: first - start, chart: Boolean(output.querySelector("img, svg")), repeat };
}

async function runNotebook(browser, opts, notebook) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  // Nothing leaves the machine (JupyterLab's news and update checks would).
  await page.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1"
    ? route.continue() : route.abort("blockedbyclient")));
  await page.goto(`${opts.base}/lab/tree/${notebook}?reset&token=${opts.token}`,
    { waitUntil: "domcontentloaded", timeout: 120000 });
  await page.waitForFunction((panel) => window.jupyterapp && document.querySelector(`${panel} .jp-Cell`),
    PANEL, { timeout: 120000 });
  await page.waitForTimeout(3000); // the kernel starts and the widget manager registers
  // JupyterLab's one-off question about its news would sit over the lower right of a screenshot.
  await page.addStyleTag({ content: ".Toastify { display: none !important; }" });
  await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
  // Every code cell has run (no "[*]" or empty prompt left) and every explorer shows something.
  await page.waitForFunction((panel) => {
    const prompts = [...document.querySelectorAll(`${panel} .jp-CodeCell .jp-InputPrompt`)].map((p) => p.textContent);
    const boxes = [...document.querySelectorAll(`${panel} .jp-OutputArea-output .widget-vbox`)]
      .filter((b) => b.querySelector(":scope > .widget-hbox") && b.children.length >= 2);
    return prompts.length && prompts.every((p) => /\[\d+\]/.test(p)) && boxes.length &&
      boxes.every((b) => b.children[1].querySelector("img, svg, [role=status]"));
  }, PANEL, { timeout: 300000, polling: 250 });
  await page.waitForTimeout(500);
  const count = await page.evaluate((panel) => [...document.querySelectorAll(`${panel} .jp-OutputArea-output .widget-vbox`)]
    .filter((b) => b.querySelector(":scope > .widget-hbox") && b.children.length >= 2).length, PANEL);
  const explorers = [];
  const stem = path.basename(notebook, ".ipynb");
  for (let which = 0; which < count; which++) {
    const box = page.locator(`${PANEL} .jp-OutputArea-output .widget-vbox:has(> .widget-hbox)`).nth(which);
    await box.scrollIntoViewIfNeeded();
    const width = await box.evaluate((b) => b.getBoundingClientRect().width);
    if (opts.shots) {
      // A window as tall as the explorer: JupyterLab scrolls the notebook inside its own panel,
      // which a screenshot of a taller element would not follow.
      const tall = await box.evaluate((b) => b.getBoundingClientRect().height);
      await page.setViewportSize({ width: 1280, height: Math.max(900, Math.ceil(tall) + 300) });
      await page.waitForTimeout(300);
      await box.scrollIntoViewIfNeeded();
      fs.mkdirSync(opts.shots, { recursive: true });
      await box.screenshot({ path: path.join(opts.shots, `${stem}-${which + 1}.png`) });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.waitForTimeout(300);
      await box.scrollIntoViewIfNeeded();
    }
    const controls = await box.evaluate((b) => b.querySelector(":scope > .widget-hbox").children.length);
    const charts = [], messages = [], firsts = [], fresh = [], repeats = [];
    for (let step = 0; charts.length < opts.changes && step < opts.changes * 4; step++) {
      const timed = await page.evaluate(changeOnce, { which, index: step % controls,
        step: Math.floor(step / controls), settle: SETTLE_MS, panel: PANEL });
      if (timed) {
        (timed.chart ? charts : messages).push(timed.ms);
        if (timed.chart) firsts.push(timed.first);
        if (timed.chart) (timed.repeat ? repeats : fresh).push(timed.ms);
      }
    }
    explorers.push({ notebook: stem, explorer: which + 1, width, charts, messages, firsts, fresh, repeats });
  }
  await page.close();
  return { explorers, errors };
}

const opts = options(process.argv.slice(2));
// No sandbox: the benchmark may run as root, where Chromium refuses to start with one.
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
