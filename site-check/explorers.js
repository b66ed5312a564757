// The live explorers of a page, operated as a reader would: each control changed once, then
// odd selections (nothing selected, a reversed year range). After each change the explorer
// must have redrawn its chart or shown a message in its role="status" region; for an odd
// selection, a message. Used by check.js (every notebook page) and bench-explorers.js.
"use strict";

// Runs in the page: the changes a reader can make to one explorer's controls, as
// [what, kind] pairs ("normal" or "odd"); applyChange(index) makes one.
function explorerChanges(name) {
  const root = document.querySelector(`[data-explorer="${name}"]`);
  const changes = [];
  const fire = (element) => element.dispatchEvent(new Event("change", { bubbles: true }));
  for (const control of root.querySelectorAll(".live-app__control")) {
    const legend = (control.querySelector("legend, label") || {}).textContent;
    if (control.classList.contains("live-app__control--multi")) {
      const boxes = [...control.querySelectorAll('input[type="checkbox"]')];
      changes.push([`${legend}: toggle one`, "normal", () => {
        const box = boxes.find((b) => !b.checked) || boxes[boxes.length - 1];
        box.checked = !box.checked;
        fire(box);
      }]);
      changes.push([`${legend}: none selected`, "odd", () => {
        control.querySelectorAll(".live-app__small")[1].click();
      }]);
      changes.push([`${legend}: all selected`, "normal", () => {
        control.querySelectorAll(".live-app__small")[0].click();
      }]);
    } else if (control.querySelector("select")) {
      const select = control.querySelector("select");
      changes.push([`${legend}: another option`, "normal", () => {
        select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
        fire(select);
      }]);
    } else if (control.classList.contains("live-app__control--radio")) {
      const radios = [...control.querySelectorAll('input[type="radio"]')];
      changes.push([`${legend}: another choice`, "normal", () => {
        const next = radios[(radios.findIndex((r) => r.checked) + 1) % radios.length];
        next.checked = true;
        fire(next);
      }]);
    } else if (control.classList.contains("live-app__control--years")) {
      const [from, to] = control.querySelectorAll('input[type="number"]');
      const min = Number(from.min);
      const max = Number(from.max);
      changes.push([`${legend}: a shorter range`, "normal", () => {
        from.value = String(Math.min(max, Number(from.value) + Math.max(1, Math.round((Number(to.value) - Number(from.value)) / 3))));
        fire(from);
      }]);
      changes.push([`${legend}: reversed`, "odd", () => {
        from.value = String(max);
        to.value = String(min);
        fire(to);
      }]);
      changes.push([`${legend}: the whole range`, "normal", () => {
        from.value = String(min);
        to.value = String(max);
        fire(to);
      }]);
    }
  }
  window.__liveChanges = window.__liveChanges || {};
  window.__liveChanges[name] = changes;
  return changes.map(([what, kind]) => [what, kind]);
}

// Runs in the page: make change number `index` and resolve when the explorer has redrawn.
function applyChange([name, index]) {
  const root = document.querySelector(`[data-explorer="${name}"]`);
  const signature = () => [...root.querySelectorAll("canvas")].map((c) => c.toDataURL().length + ":" + c.toDataURL().slice(-64)).join("|") +
    [...root.querySelectorAll(".live-app__caption, .live-app__alt, .live-app__table")].map((e) => e.textContent).join("|");
  const before = { signature: signature(), status: [...root.querySelectorAll('[role="status"]')].map((s) => s.textContent).join("|") };
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ timeout: true }), 10000);
    root.addEventListener("live-explorer-drawn", (event) => {
      clearTimeout(timer);
      const status = [...root.querySelectorAll('.live-app__status[role="status"]')].filter((s) => !s.hidden).map((s) => s.textContent).join(" ");
      resolve({
        ms: event.detail.ms,
        state: root.dataset.state,
        chartChanged: signature() !== before.signature,
        statusChanged: status !== before.status,
        status,
        live: Boolean(root.querySelector('[aria-live], [role="status"]')),
      });
    }, { once: true });
    window.__liveChanges[name][index][2]();
  });
}

async function waitForExplorer(tab, name) {
  const root = tab.locator(`[data-explorer="${name}"]`);
  await root.scrollIntoViewIfNeeded();
  await tab.waitForFunction((n) => {
    const r = document.querySelector(`[data-explorer="${n}"]`);
    return r && (r.dataset.updates || r.dataset.state === "error");
  }, name, { timeout: 20000 });
  return tab.evaluate((n) => document.querySelector(`[data-explorer="${n}"]`).dataset.state, name);
}

/** Operate every explorer on the page; returns {name: {changes: [...], problems: [...]}}. */
async function operateExplorers(tab) {
  const names = await tab.evaluate(() => [...document.querySelectorAll("[data-explorer]")].map((r) => r.dataset.explorer));
  const report = {};
  for (const name of names) {
    const entry = { changes: [], problems: [] };
    report[name] = entry;
    let state;
    try {
      state = await waitForExplorer(tab, name);
    } catch {
      entry.problems.push("never drew");
      continue;
    }
    if (state === "error") {
      entry.problems.push("failed to start");
      continue;
    }
    const labelled = await tab.evaluate((n) => {
      const root = document.querySelector(`[data-explorer="${n}"]`);
      const unlabelled = [...root.querySelectorAll("input, select, button")].filter((c) => !(c.labels && c.labels.length) && !c.getAttribute("aria-label") && !c.textContent.trim());
      return unlabelled.map((c) => c.outerHTML.slice(0, 80));
    }, name);
    if (labelled.length) entry.problems.push(`controls without a label: ${labelled.join(", ")}`);
    const changes = await tab.evaluate(explorerChanges, name);
    for (let index = 0; index < changes.length; index++) {
      const [what, kind] = changes[index];
      const result = await tab.evaluate(applyChange, [name, index]);
      entry.changes.push({ what, kind, ...result });
      if (result.timeout) entry.problems.push(`${what}: no redraw within 10 s`);
      else if (result.state === "error") entry.problems.push(`${what}: the explorer failed`);
      else if (kind === "odd" && !(result.state === "message" && result.status.trim())) entry.problems.push(`${what}: no message`);
      else if (kind === "normal" && !(result.chartChanged || (result.state === "message" && result.status.trim()) || result.statusChanged)) {
        entry.problems.push(`${what}: neither the chart nor the message changed`);
      }
    }
  }
  return report;
}

module.exports = { operateExplorers, waitForExplorer, explorerChanges, applyChange };
