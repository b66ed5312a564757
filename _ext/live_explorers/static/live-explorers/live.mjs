// The live explorers of the book's site: native HTML controls, the explorer's plan (a port of its
// Python plan_* function, in plans/NAME.mjs) and a Vega view whose data and signals are set from
// here on every change. Everything is served by the site itself; nothing runs until an explorer
// comes near the screen.
import { enhanceTable } from "./tables.mjs";

const VEGA = new URL("./vendor/vega-6.2.0.min.js", import.meta.url).href;
let vegaLoading = null;

function loadVega() {
  if (window.vega) return Promise.resolve(window.vega);
  vegaLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = VEGA;
    script.onload = () => resolve(window.vega);
    script.onerror = () => reject(new Error(`could not load ${VEGA}`));
    document.head.append(script);
  });
  return vegaLoading;
}

let counter = 0;
const uid = (stem) => `live-${stem}-${++counter}`;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

// Controls --------------------------------------------------------------------------------

function multiControl(control, onChange) {
  const id = uid(control.name);
  const boxes = control.options.map(([label, value], i) => {
    const input = element("input", { type: "checkbox", id: `${id}-${i}`, name: control.name, value: String(i) });
    input.checked = control.value.some((v) => v === value);
    return [input, element("label", { for: `${id}-${i}`, text: label })];
  });
  const set = (checked) => {
    boxes.forEach(([input]) => { input.checked = checked; });
    onChange();
  };
  const all = element("button", { type: "button", class: "live-app__small", text: "All" });
  const none = element("button", { type: "button", class: "live-app__small", text: "None" });
  all.addEventListener("click", () => set(true));
  none.addEventListener("click", () => set(false));
  all.setAttribute("aria-label", `Select all: ${control.label}`);
  none.setAttribute("aria-label", `Select none: ${control.label}`);
  const list = element("div", { class: `live-app__options${control.options.length > 8 ? " live-app__options--long" : ""}` },
    ...boxes.map(([input, label]) => element("div", { class: "live-app__option" }, input, label)));
  const fieldset = element("fieldset", { class: "live-app__control live-app__control--multi" },
    element("legend", { text: control.label }), element("div", { class: "live-app__buttons" }, all, none), list);
  return {
    node: fieldset,
    read: () => control.options.filter((_, i) => boxes[i][0].checked).map(([, value]) => value),
  };
}

function selectControl(control) {
  const id = uid(control.name);
  const select = element("select", { id, name: control.name },
    ...control.options.map(([label, value], i) => element("option", { value: String(i), text: label, selected: value === control.value })));
  return {
    node: element("div", { class: "live-app__control" }, element("label", { for: id, text: control.label }), select),
    read: () => control.options[Number(select.value)][1],
  };
}

function radioControl(control) {
  const id = uid(control.name);
  const inputs = control.options.map(([label, value], i) => {
    const input = element("input", { type: "radio", id: `${id}-${i}`, name: id, value: String(i) });
    input.checked = value === control.value;
    return [input, element("label", { for: `${id}-${i}`, text: label })];
  });
  return {
    node: element("fieldset", { class: "live-app__control live-app__control--radio" }, element("legend", { text: control.label }),
      element("div", { class: "live-app__options live-app__options--row" },
        ...inputs.map(([input, label]) => element("div", { class: "live-app__option" }, input, label)))),
    read: () => control.options[inputs.findIndex(([input]) => input.checked)][1],
  };
}

function yearsControl(control) {
  const id = uid(control.name);
  const field = (which, value) => element("input", {
    type: "number", id: `${id}-${which}`, name: `${control.name}-${which}`, min: control.min, max: control.max, step: 1,
    value, inputmode: "numeric",
  });
  const from = field("from", control.value[0]);
  const to = field("to", control.value[1]);
  const last = [...control.value];
  // As the slider does: whole years between its ends; an empty box keeps its last value.
  const read = (input, i) => {
    const value = Number.parseInt(input.value, 10);
    if (Number.isFinite(value)) last[i] = Math.min(control.max, Math.max(control.min, value));
    return last[i];
  };
  return {
    node: element("fieldset", { class: "live-app__control live-app__control--years" }, element("legend", { text: control.label }),
      element("label", { for: from.id, text: "From" }), from, element("label", { for: to.id, text: "to" }), to),
    read: () => [read(from, 0), read(to, 1)],
  };
}

const CONTROLS = { multi: multiControl, select: selectControl, radio: radioControl, years: yearsControl };

// Output ----------------------------------------------------------------------------------

function chartSlot() {
  const id = uid("chart");
  const box = element("div", { class: "live-app__chart", role: "img", "aria-describedby": `${id}-alt` });
  const caption = element("figcaption", { class: "live-app__caption" });
  const alt = element("p", { id: `${id}-alt`, class: "live-app__alt" });
  const figure = element("figure", { class: "live-app__figure" }, box, caption, alt);
  return { kind: "chart", node: figure, box, caption, alt, view: null };
}

function tableSlot() {
  return { kind: "table", node: element("div", { class: "live-app__table" }) };
}

function statusSlot() {
  return { kind: "status", node: element("div", { class: "live-app__status", role: "status" }) };
}

function renderTable(slot, table, explorer) {
  const head = element("tr", {}, ...table.columns.map((c) => element("th", { scope: "col", text: c })));
  const rows = table.rows.map((row) => element("tr", {}, ...row.map((cell) => element("td", { text: cell ?? "" }))));
  const node = element("table", { class: "book-table", ...(table.sortable ? { "data-sortable": true } : {}) },
    ...(table.caption ? [element("caption", { text: table.caption })] : []),
    element("thead", {}, head), element("tbody", {}, ...rows));
  const wrap = element("div", { class: "book-table-wrap", tabindex: "0", role: "region", "aria-label": `${table.caption || "Table"} (${explorer} explorer)` }, node);
  slot.node.replaceChildren(wrap);
  if (table.sortable) enhanceTable(node);
}

async function drawChart(vega, spec, slot, update) {
  if (!slot.view) {
    slot.view = new vega.View(vega.parse(spec), { renderer: "canvas", container: slot.box, hover: false });
  }
  const view = slot.view;
  for (const [name, value] of Object.entries(update.signals || {})) view.signal(name, value);
  for (const [name, values] of Object.entries(update.data || {})) view.data(name, values);
  if (update.height) view.height(update.height);
  slot.box.setAttribute("aria-label", update.signals?.title || update.title || "Chart");
  slot.caption.textContent = update.caption;
  slot.alt.textContent = update.alt;
  await view.runAsync();
}

// One explorer ----------------------------------------------------------------------------

async function start(root) {
  const [spec, plans, vega] = await Promise.all([
    fetch(root.dataset.spec).then((response) => {
      if (!response.ok) throw new Error(`${root.dataset.spec}: HTTP ${response.status}`);
      return response.json();
    }),
    import(`./plans/${root.dataset.explorer}.mjs`),
    loadVega(),
  ]);
  const title = root.dataset.explorer.replace(/_/g, " ");
  const form = element("form", { class: "live-app__controls", "aria-label": `Controls of the ${title} explorer` });
  form.addEventListener("submit", (event) => event.preventDefault());
  const controls = spec.controls.map((control) => [control.name, CONTROLS[control.kind](control, () => schedule())]);
  form.append(...controls.map(([, c]) => c.node));
  const layout = plans.slots || [{ kind: "status", name: "status" }, { kind: "chart", name: "main" }];
  const slots = new Map(layout.map(({ kind, name }) => [name, { chart: chartSlot, table: tableSlot, status: statusSlot }[kind]()]));
  const announcer = element("p", { class: "live-app__announce", "aria-live": "polite" });
  root.replaceChildren(form, ...[...slots.values()].map((s) => s.node), announcer);
  root.classList.add("live-app--ready");

  let busy = false;
  let again = false;
  let changed = performance.now();

  async function update() {
    const values = Object.fromEntries(controls.map(([name, c]) => [name, c.read()]));
    const result = plans.plan(spec.data, spec.words, values);
    const shown = plans.render ? plans.render(result, spec.data, spec.words)
      : result.message !== undefined ? { status: result.message }
        : { status: result.note || "", ...plans.draw(result.view, spec.data, spec.words) };
    const runs = [];
    const said = [];
    for (const [name, slot] of slots) {
      const content = shown[name];
      slot.node.hidden = content === undefined || content === null || content === "";
      if (slot.node.hidden) continue;
      if (slot.kind === "status") slot.node.textContent = content;
      else if (slot.kind === "table") renderTable(slot, content, title);
      else {
        runs.push(drawChart(vega, spec.charts[name], slot, content));
        said.push(content.signals?.title || content.title);
      }
    }
    await Promise.all(runs);
    const ms = performance.now() - changed;
    announcer.textContent = said.length ? `Chart redrawn: ${said.join("; ")}.` : "";
    root.dataset.state = said.length ? "chart" : "message";
    root.dataset.updates = String(Number(root.dataset.updates || 0) + 1);
    root.dispatchEvent(new CustomEvent("live-explorer-drawn", { detail: { ms, state: root.dataset.state } }));
  }

  // One update at a time: a change during a redraw is drawn once that redraw has finished.
  async function schedule() {
    changed = performance.now();
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        await update();
      } while (again);
    } catch (error) {
      console.error(`live explorer ${root.dataset.explorer}:`, error);
      root.dataset.state = "error";
    } finally {
      busy = false;
    }
  }

  form.addEventListener("change", () => schedule());
  await schedule();
}

function boot() {
  const roots = [...document.querySelectorAll(".live-app[data-explorer]")];
  const begin = (root) => {
    if (root.dataset.started) return;
    root.dataset.started = "true";
    start(root).catch((error) => {
      console.error(`live explorer ${root.dataset.explorer}:`, error);
      root.dataset.state = "error";
    });
  };
  if (!("IntersectionObserver" in window)) {
    roots.forEach(begin);
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        begin(entry.target);
      }
    }
  }, { rootMargin: "600px 0px" });
  roots.forEach((root) => observer.observe(root));
}

boot();
