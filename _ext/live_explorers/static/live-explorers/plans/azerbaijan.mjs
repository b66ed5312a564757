// The Azerbaijan explorer: azerbaijan.plan_azerbaijan_view in the same words, and the six
// charts it draws (deployments, NATO milestones, alliances, exercises, spending, arms imports).
import { fixed, message, pyFixed, sourceCaption } from "../common.mjs";

const SERIES = ["deployments", "milestones", "alliances", "exercises", "spending", "arms"];
export const slots = [{ kind: "status", name: "status" }, ...SERIES.map((name) => ({ kind: "chart", name }))];

const isNumber = (v) => v !== null && v !== undefined && !Number.isNaN(v);

export function plan(data, words, { series, years }) {
  const labels = words.series;
  if (!series || !(series in labels)) return message("Choose a series to draw: " + Object.values(labels).map((v) => v[0]).join(", ") + ".");
  if (!years || years.length !== 2 || years.some((y) => y === null || y === undefined)) return message("Choose a year range.");
  const low = Math.trunc(years[0]);
  const high = Math.trunc(years[1]);
  if (low > high) return message(`The range ${low}-${high} runs backwards: choose a first year no later than the last.`);
  const [label, source, why] = labels[series];
  const span = low === high ? String(low) : `${low}-${high}`;
  const all = data[series];
  const firsts = all.map((r) => r.first).filter(isNumber);
  const lasts = all.map((r) => r.last).filter(isNumber);
  const dataFirst = Math.min(...firsts);
  const dataLast = Math.max(...lasts);
  const coverage = `${source} covers Azerbaijan in ${dataFirst}-${dataLast} (${why})`;
  if (high < dataFirst || low > dataLast) return message(`No ${label} in ${span}: ${coverage}.`);
  let keep = series === "spending" ? all.map((r) => r.year >= low && r.year <= high)
    : all.map((r) => r.first <= high && r.last >= low);
  if (series === "deployments" || series === "milestones") {
    const lanes = new Set(all.filter((_, i) => keep[i]).map((r) => r.framework));
    keep = all.map((r) => lanes.has(r.framework));
  }
  const rows = all.filter((_, i) => keep[i]);
  if (series === "exercises" && rows.reduce((s, r) => s + r.exercises, 0) === 0) {
    const firstExercise = Math.min(...all.filter((r) => r.exercises > 0).map((r) => r.year));
    return message("The Multinational Military Exercises data set records no exercise with Azerbaijan in " +
      `${span} (a recorded zero); its first is in ${firstExercise}.`);
  }
  if (series === "arms" && !rows.length) {
    return message(`SIPRI's trade register records no deliveries of major arms to Azerbaijan in ${span}.`);
  }
  if (!rows.length) return message(`No ${label} fall in ${span}. Widen the range.`);
  const notes = [];
  if (high > dataLast || low < dataFirst) notes.push(`Only part of ${span} has data: ${coverage}.`);
  if (series === "deployments" && rows.some((r) => r.weak_source)) notes.push("Open dots are reports whose only source is a repost.");
  if (series === "alliances" && rows.some((r) => r.caveat)) notes.push("Hatched: " + rows.find((r) => r.caveat).caveat);
  return { view: { series, rows, years: [low, high] }, note: notes.join(" ") };
}

function lanesOf(marks) {
  const lanes = [...new Set(marks.map((m) => m.lane))];
  return new Map(lanes.map((lane, i) => [lane, i]));
}

function deployments(rows, [low, high], words) {
  const marks = rows.map((r) => ({ ...r.mark }));
  const order = lanesOf([...marks.filter((m) => m.lane === "All operations"), ...marks.filter((m) => m.lane !== "All operations")]);
  const colourOf = new Map([...new Set(marks.filter((m) => m.lane !== "All operations").map((m) => m.lane))]
    .map((lane, i) => [lane, words.palette[i % words.palette.length]]));
  marks.forEach((m) => { m.order = order.get(m.lane); m.colour = colourOf.get(m.lane) || "grey"; });
  const lanes = [...order.keys()].filter((l) => l !== "All operations");
  const dots = marks.filter((m) => m.type === "dot");
  const years = rows.map((r) => r.first);
  return {
    marks, height: 34 * order.size + 20, title: "Azerbaijan's deployments abroad, as the sources date them",
    alt: `Timeline of ${lanes.length} deployments of Azerbaijani personnel, dated reports from ${Math.min(...years)} to ` +
      `${Math.max(...rows.map((r) => r.last))}: ${lanes.join("; ")}. ${dots.length} dated reports as dots, ` +
      `${dots.filter((d) => d.weak).length} of them from a weak source (open dots).`,
    xdomain: [low, high + 1],
  };
}

function milestones(rows, [low, high], words) {
  const levels = [1.0, 2.0, 3.0, 1.5, 2.5];
  // Units declared to a pool in one year are one event: "4 units declared ...", as the Python chart writes it.
  const merged = new Map();
  for (const r of rows) {
    const mark = r.kind === "capability" ? { ...r.mark } : null;
    if (mark && merged.has(mark.text)) merged.get(mark.text).units += 1;
    else if (mark) merged.set(mark.text, Object.assign(mark, { units: 1 }));
  }
  for (const m of merged.values()) m.text = `${m.units} unit${m.units === 1 ? "" : "s"} ${m.text}`;
  const marks = [...rows.filter((r) => r.kind !== "capability").map((r) => ({ ...r.mark })), ...merged.values()]
    .sort((a, b) => (a.x ?? a.x1) - (b.x ?? b.x1));
  let i = 0;
  let band = 0;
  for (const m of marks) {
    if (m.type === "band") {
      m.level = -0.8 - 0.7 * band++;
      m.pin = Math.max(m.x1, low);
      m.base = m.level;
    } else {
      m.level = levels[i++ % levels.length];
      m.pin = m.x;
      m.base = 0;
    }
    m.shape = m.type === "square" ? "square" : "circle";
  }
  const sources = [...new Set(marks.map((m) => m.source))];
  return {
    marks, title: "Azerbaijan and NATO: partnership milestones, as the sources date them", sources,
    alt: `Timeline strip of ${marks.length} partnership milestones, ${Math.min(...rows.map((r) => r.first))}-` +
      `${Math.max(...rows.map((r) => r.first))}: ${marks.map((m) => m.text).join("; ")}. Colours give the source: ${sources.join(", ")}.`,
    xdomain: [low, high + 1],
  };
}

function alliances(rows, [low, high], words) {
  const sorted = [...rows].sort((a, b) => b.x1 - a.x1 || b.atopid - a.atopid);
  const marks = sorted.map((r, order) => {
    const colour = words.obligationColours[r.obligation];
    return { lane: r.lane + (r.caveat ? "*" : ""), order, x1: r.x1, x2: r.x2, open: r.open, colour, fill: r.caveat ? "#ffffff" : colour };
  });
  const present = Object.keys(words.obligations).filter((o) => rows.some((r) => r.obligation === o));
  const defence = sorted.filter((r) => r.obligation === "defence").map((r) => r.lane);
  return {
    marks, height: 22 * marks.length + 20, title: "Azerbaijan's alliance ties as ATOP codes them",
    legend: present.map((o) => ({ obligation: words.obligations[o] })),
    obligations: present.map((o) => words.obligations[o]), obligationColours: present.map((o) => words.obligationColours[o]),
    alt: `Horizontal bars for ${rows.length} ATOP alliance memberships of Azerbaijan, ${Math.min(...rows.map((r) => r.x1))}-` +
      `${words.atopLast}, coloured by obligation. ${defence.length} with a defence obligation: ${defence.join("; ")}. ` +
      "The CIS Charter is hatched: ATOP's defence coding of the treaty text, not an alliance in practice.",
    xdomain: [low, high + 2],
  };
}

/** arms_and_budgets._tiv_by_period: each period's suppliers and TIV, largest first. */
function tivByPeriod(rows, [low, high], width) {
  const sums = new Map();
  for (const r of rows) {
    if (r.year >= low && r.year <= high) {
      const start = r.year - (r.year % width);
      const bySupplier = sums.get(start) || new Map();
      bySupplier.set(r.supplier, (bySupplier.get(r.supplier) || 0) + r.tiv_millions);
      sums.set(start, bySupplier);
    }
  }
  const periods = [];
  for (let start = low - (low % width); start <= high; start += width) {
    const first = Math.max(start, low);
    const last = Math.min(start + width - 1, high);
    const suppliers = [...(sums.get(start) || new Map())].sort((a, b) => (a[0] < b[0] ? -1 : 1)).sort((a, b) => b[1] - a[1]);
    periods.push([first !== last ? `${first}-${last}` : String(first), suppliers]);
  }
  return periods;
}

function arms(rows, years, words) {
  const names = words.names;
  const periods = tivByPeriod(rows, years, 5);
  const overall = new Map();
  for (const r of rows) overall.set(r.supplier, (overall.get(r.supplier) || 0) + r.tiv_millions);
  const ranked = [...overall].sort((a, b) => (a[0] < b[0] ? -1 : 1)).sort((a, b) => b[1] - a[1]).map(([s]) => s);
  const top = ranked.slice(0, 6);
  const others = ranked.slice(6);
  const groupName = (s) => (top.includes(s) ? names[s] ?? s : `others: ${others.map((o) => names[o] ?? o).join(", ")}`);
  const shares = [];
  const totals = [];
  const described = [];
  periods.forEach(([label, suppliers], order) => {
    const total = suppliers.reduce((s, [, tiv]) => s + tiv, 0);
    const byGroup = new Map();
    for (const [supplier, tiv] of suppliers) byGroup.set(groupName(supplier), (byGroup.get(groupName(supplier)) || 0) + 100 * tiv / total);
    for (const [group, share] of byGroup) shares.push({ period: label, order, group, share, rank: [...top, "others"].indexOf(top.includes(group) ? group : "others") });
    const count = suppliers.length;
    const s = count !== 1 ? "s" : "";
    totals.push({ period: label, order, top: count ? 100 : 0, text: count ? `${count} supplier${s}\nTIV ${fixed(total, 0)}` : "none\nrecorded" });
    described.push(count ? `${label}: ${count} supplier${s}, TIV ${fixed(total, 0)}, largest ${names[suppliers[0][0]] ?? suppliers[0][0]} ` +
      `${pyFixed(100 * suppliers[0][1] / total, 0)}%` : `${label}: none recorded`);
  });
  const groups = [...new Set([...top.map((s) => names[s] ?? s), ...(others.length ? [groupName(others[0])] : [])])]
    .filter((g) => shares.some((r) => r.group === g));
  return {
    data: { shares, totals }, groups,
    alt: "Stacked bar chart of each supplier's share of arms deliveries to Azerbaijan (SIPRI TIV) by period: " + described.join("; ") + ".",
  };
}

export function draw({ series, rows, years }, data, words) {
  const caption = sourceCaption(rows.map((r) => r.source), words.what[series], words.sources);
  const shown = Object.fromEntries(SERIES.map((name) => [name, null]));
  const [low, high] = years;
  if (series === "deployments" || series === "milestones" || series === "alliances") {
    const chart = { deployments, milestones, alliances }[series](rows, years, words);
    const signals = { title: chart.title, xdomain: chart.xdomain };
    if (chart.sources) signals.sources = chart.sources;
    if (chart.obligations) Object.assign(signals, { obligations: chart.obligations, obligationColours: chart.obligationColours });
    shown[series] = { data: { marks: chart.marks, ...(chart.legend ? { legend: chart.legend } : {}) }, signals,
      height: chart.height, caption, alt: chart.alt };
  } else if (series === "exercises") {
    const sorted = [...rows].sort((a, b) => a.year - b.year);
    const peak = Math.max(...sorted.map((r) => r.exercises));
    const first = sorted[0].year;
    const last = sorted[sorted.length - 1].year;
    const zeros = sorted.filter((r) => r.exercises === 0).map((r) => r.year);
    shown.exercises = {
      data: { rows: sorted }, caption,
      signals: { title: "Azerbaijan: multinational military exercises per year", xdomain: [first - 0.7, last + 0.7] },
      alt: `Bar chart of Azerbaijan's multinational military exercises per year, ${first}-${last}: ` +
        `${sorted.reduce((s, r) => s + r.exercises, 0)} exercise-years in all; peak ${peak} in ` +
        `${sorted.filter((r) => r.exercises === peak).map((r) => r.year).join(", ")}; ` +
        (zeros.length ? `none recorded in ${zeros.join(", ")}; ` : "") +
        `first year ${first}: ${sorted[0].exercises}, last year ${last}: ${sorted[sorted.length - 1].exercises}.`,
    };
  } else if (series === "spending") {
    const countries = [...new Set(rows.map((r) => r.country))];
    const yearsShown = rows.map((r) => r.year);
    const first = Math.min(...yearsShown);
    const last = Math.max(...yearsShown);
    const values = [];
    const described = [];
    for (const country of countries) {
      const own = new Map(rows.filter((r) => r.country === country).map((r) => [r.year, r.current_usd_millions]));
      for (let y = first; y <= last; y++) values.push({ name: words.names[country], year: y, value: own.get(y) ?? null });
      const present = [...own].sort((a, b) => a[0] - b[0]);
      const peak = present.reduce((best, p) => (p[1] > best[1] ? p : best), present[0]);
      described.push(`${words.names[country]} ${present[0][0]}: ${fixed(present[0][1], 1)}, peak ${peak[0]}: ${fixed(peak[1], 1)}, ` +
        `${present[present.length - 1][0]}: ${fixed(present[present.length - 1][1], 1)}`);
    }
    shown.spending = {
      data: { rows: values }, caption,
      signals: { title: "Military expenditure, current US$ million", xdomain: [first - 0.5, last + 0.5], names: countries.map((c) => words.names[c]) },
      alt: `Line chart, log scale, of military expenditure in current US$ million, ${first}-${last}: ${described.join("; ")}.`,
    };
  } else {
    const chart = arms(rows, [low, high], words);
    shown.arms = { data: chart.data, caption, alt: chart.alt,
      signals: { title: "Arms imports to Azerbaijan: who supplied what share", groups: chart.groups } };
  }
  return shown;
}
