// The timeline explorer: timeline.plan_timeline_view, timeline's data, caption and alt text, and
// the table of sources under it (timeline_sources), in the same words.
import { formatYear, message, sourceCaption } from "../common.mjs";

export const slots = [{ kind: "status", name: "status" }, { kind: "chart", name: "main" }, { kind: "table", name: "sources" }];

export function plan({ events, undated }, words, { view, ...filters }) {
  if (!(view in words.views)) return message(`There is no '${view}' view; choose one of: ${Object.keys(words.views).join(", ")}.`);
  const empty = words.filters.filter((name) => name in filters && !filters[name].length);
  if (empty.length) {
    return message(`Nothing is selected for ${empty.join(" and ")}: select at least one value ` +
      "in each list (select them all to keep everything).");
  }
  let rows = events.filter((r) => r.views.includes(view));
  for (const name of words.filters) {
    if (name in filters) {
      const kept = new Set(filters[name]);
      rows = rows.filter((r) => kept.has(r[name]));
    }
  }
  const label = words.views[view];
  if (!rows.length) {
    return message(`No event in the view '${label}' matches this combination of filters. ` +
      "Select more eras, categories, regions or parts, or choose the view 'all'.");
  }
  const note = view === "theorists" && undated.length
    ? `Not on the axis: ${undated.join(", ")}; the book's sources give no date (no life span, no year of the work).` : "";
  return { view: { rows, title: label }, note };
}

function tickYears(low, high, step) {
  const ticks = [];
  for (let year = Math.ceil(low / step) * step; year <= high; year += step) ticks.push(year !== 0 ? year : 1);
  return ticks;
}

const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();

export function drawChart(frame, title, words) {
  const breakYear = words.breakYear;
  const categories = Object.keys(words.categories).filter((c) => frame.some((r) => r.category === c));
  const laneOf = new Map(categories.map((c, i) => [c, i]));
  const sizes = new Map();
  for (const r of frame) sizes.set(`${r.category} ${r.year}`, (sizes.get(`${r.category} ${r.year}`) || 0) + 1);
  const seen = new Map();
  const uncertainKinds = new Set(words.uncertain);
  const earlyCount = new Map();
  const rows = frame.map((r) => {
    const key = `${r.category} ${r.year}`;
    const size = sizes.get(key);
    const y = laneOf.get(r.category) + ((seen.get(key) || 0) - (size - 1) / 2) * Math.min(0.7 / size, 0.3);
    seen.set(key, (seen.get(key) || 0) + 1);
    const end = r.end_year ?? (r.date_precision === "decade" ? r.year + 9 : r.year);
    const uncertain = uncertainKinds.has(r.date_precision);
    return { ...r, y, start: r.year, end, middle: (r.year + end) / 2, uncertain, lasting: !uncertain && end > r.year };
  });
  const starts = rows.map((r) => r.start);
  const first = Math.min(...starts);
  const broken = first < breakYear;
  let low;
  let ticks;
  let xdomain;
  let xrange;
  const width = words.width;
  if (broken) {
    low = Math.min(-600, first - 50);
    ticks = [-500, 500, 1500, ...tickYears(breakYear + 1, words.ends - 1, 25)];
    xdomain = [low, breakYear, words.ends + 2];
    xrange = [0, width / 3, width];
  } else {
    low = Math.floor(first / 5) * 5 - 5;
    ticks = tickYears(low, words.ends - 1, low >= 1960 ? 5 : 25);
    xdomain = [low, (low + words.ends + 2) / 2, words.ends + 2];
    xrange = [0, width / 2, width];
  }
  // The classic thinkers named beside their marks; early ones on the compressed scale stacked to the left.
  const names = [];
  const classic = rows.filter((r) => r.thinker && r.start < 1950);
  for (const r of classic) if (r.start < breakYear) earlyCount.set(r.category, (earlyCount.get(r.category) || 0) + 1);
  const stacked = new Map();
  for (const r of classic) {
    const early = r.start < breakYear;
    const name = capital(r.event_id.split("-")[0]);
    if (early && earlyCount.get(r.category) > 1) {
      const lift = ((earlyCount.get(r.category) - 1) / 2 - (stacked.get(r.category) || 0)) * 10;
      names.push({ x: r.middle, y: r.y, text: name, align: "right", dx: -7, dy: -lift });
    } else {
      names.push({ x: r.middle, y: r.y, text: name, align: "left", dx: 6, dy: 0 });
    }
    stacked.set(r.category, (stacked.get(r.category) || 0) + (early ? 1 : 0));
  }
  const parts = words.parts.filter((p) => frame.some((r) => r.part === p));
  const before = frame.filter((r) => r.year < breakYear).length;
  const uncertainCount = rows.filter((r) => r.uncertain).length;
  const scales = broken ? `on two scales, ${formatYear(low)} to ${breakYear} compressed and ${breakYear} to ${words.ends} wide`
    : `on one even scale, ${formatYear(low)} to ${words.ends}`;
  const firstRow = frame[0];
  const lastRow = frame[frame.length - 1];
  const alt = `Timeline of ${frame.length} events ${scales}, ` +
    `one lane per category (${categories.map((c) => words.categories[c]).join(", ")}). ` +
    `${before} events fall before ${breakYear} and ${frame.length - before} after. ` +
    `Earliest: ${firstRow.when}, ${firstRow.title}. Latest: ${lastRow.when}, ${lastRow.title}. ` +
    `${uncertainCount} events are dated only to a century, a decade or approximately.`;
  const caption = sourceCaption(frame.map((r) => r.source), `${title || "Events"}: ${frame.length} events ` +
    (broken ? `on two scales (before and after ${breakYear}). ` : "on one even scale. ") +
    "Open circles on pale bars are dated only to a century, a decade or approximately; " +
    "thin lines are events that last.", words.sources);
  return {
    data: { events: rows, names, break: broken ? [{ x: breakYear, text: `scale changes at ${breakYear}` }] : [] },
    signals: {
      title: title || "Events on one time axis", xdomain, xrange, ticks,
      ydomain: [categories.length - 0.5, -0.5],
      lanes: categories.map((c) => words.categories[c]), lanevalues: categories.map((_, i) => i),
      parts, colours: parts.map((p) => words.palette[words.parts.indexOf(p)]),
    },
    height: 30 * categories.length + 20,
    caption,
    alt,
  };
}

/** timeline_sources: each event's date, the event, its part and its source. */
export function sourcesTable(frame) {
  const thinkers = frame.some((r) => r.thinker);
  const columns = ["when", ...(thinkers ? ["thinker"] : []), "event", "part", "source", "locator"];
  const rows = frame.map((r) => [r.when, ...(thinkers ? [r.thinker || ""] : []), r.title, r.part, r.sourceLabel, r.locator]);
  return { columns, rows, caption: "The events on the chart and their sources", sortable: true };
}

export function draw({ rows, title }, data, words) {
  return { main: drawChart(rows, title, words), sources: sourcesTable(rows) };
}
