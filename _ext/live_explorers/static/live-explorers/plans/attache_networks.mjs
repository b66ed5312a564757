// The attaché explorer: attache_networks.plan_attache_view and attache_networks's data, caption
// and alt text, in the same words.
import { message, sourceCaption, withCommas } from "../common.mjs";

const ALL = "all";

export function plan({ frame }, words, { countries, measure }) {
  const names = words.countries;
  if (!countries.length) return message("Select at least one country to see its attaché figures.");
  const chosen = new Set(countries);
  let rows = frame.filter((r) => chosen.has(r.country));
  if (measure !== ALL) rows = rows.filter((r) => r.measure === measure);
  if (!rows.length) {
    const what = measure === ALL ? "no figures" : `no figure for '${words.measures[measure]}'`;
    return message(`The book's sources give ${what} for ${countries.map((c) => names[c]).join(", ")}. ` +
      "Choose another measure, or 'all measures'.");
  }
  const present = new Set(rows.map((r) => r.country));
  const without = countries.filter((c) => !present.has(c)).map((c) => names[c]);
  return { view: { rows }, note: without.length ? `No figure of this kind is reported for: ${without.join(", ")}.` : "" };
}

/** style.qualified: '129', 'more than 500', 'about 40'. */
const qualified = (value, qualifier, words) => words.qualifiers[qualifier].replace("{:,}", withCommas(value));

export function draw({ rows }, data, words) {
  const countries = [...new Set(rows.map((r) => r.country))];
  const top = Math.max(...rows.map((r) => r.value));
  const labels = rows.map((r) => `${words.countries[r.country]}: ${words.measures[r.measure]}`);
  const texts = rows.map((r) => qualified(r.value, r.qualifier, words));
  const bars = rows.map((r, i) => {
    const colour = words.palette[countries.indexOf(r.country) % words.palette.length];
    const bound = r.qualifier === "at_least";
    return { label: labels[i], order: i, value: r.value, end: r.value + (bound ? top * 0.1 : 0), bound,
      colour, fill: bound ? "#ffffff" : colour, text: texts[i] };
  });
  const described = labels.map((label, i) => `${label}: ${texts[i]}`).join("; ");
  return {
    main: {
      data: { rows: bars },
      signals: { title: "Attaché networks as the sources report them", xdomain: [0, top * 1.5] },
      height: 28 * rows.length + 10,
      caption: sourceCaption(rows.map((r) => r.source), "Attaché networks; hatched bars are lower bounds, not counts.", words.sources),
      alt: `Horizontal bar chart of ${rows.length} reported figures. ${described}.`,
    },
  };
}
