// The alliances explorer: alliances_exercises.plan_alliances_view and alliances_in_force's
// data, caption and alt text, in the same words.
import { chosenRows, endsAndPeak, formatYear, plural, sourceCaption, withCommas, yearSpan } from "../common.mjs";

export function plan({ frame }, words, { obligations, years }) {
  const chosen = chosenRows(frame, "obligation", obligations, "Select at least one obligation type (or 'all alliances').",
    years, frame.map((r) => r.year), "ATOP covers");
  if (chosen.message !== undefined) return chosen;
  const { rows, shown, notes } = chosen;
  const none = obligations.filter((o) => rows.filter((r) => r.obligation === o).reduce((sum, r) => sum + r.alliances, 0) === 0);
  if (none.length) {
    notes.push(`No alliance in force in ${shown[0]}-${shown[1]} carried this obligation: ` +
      `${none.map((o) => words.series[o]).join(", ")} (a count of zero, drawn at zero).`);
  }
  return { view: { rows, obligations, years: shown }, note: notes.join(" ") };
}

export function draw({ rows, obligations, years: [first, last] }, data, words) {
  const inRange = rows.filter((r) => r.year >= first && r.year <= last);
  const years = [...new Set(inRange.map((r) => r.year))].sort((a, b) => a - b);
  const value = new Map(inRange.map((r) => [`${r.obligation} ${r.year}`, r.alliances]));
  const series = Object.keys(words.series).filter((o) => obligations.includes(o));
  const lines = [];
  const described = [];
  let top = -Infinity;
  for (const obligation of series) {
    const values = years.map((y) => value.get(`${obligation} ${y}`) ?? null);
    values.forEach((v, i) => lines.push({ name: words.series[obligation], year: years[i], value: v, bold: obligation === "any" }));
    top = Math.max(top, ...values.filter((v) => v !== null));
    described.push(`${words.series[obligation]}: ${endsAndPeak(years, values)}`);
  }
  const marks = words.marks.filter((m) => first < m && m < last).map((m) => ({ year: m, label: formatYear(m), top: top * 1.06 }));
  const several = obligations.filter((o) => o !== "any");
  let what = `Alliances in force in each year ${yearSpan(first, last)} (ATOP v5.1): in force ` +
    "from the year it begins to the year it ends, including that year.";
  if (several.length) {
    what += " An alliance counts under every obligation any member undertook, so the coloured lines " +
      "overlap and do not add up to the total.";
  }
  let alt = `Line chart of alliances in force per year, ${yearSpan(first, last)}, ` +
    `${plural(described.length, "line")}. ${described.join("; ")}.`;
  const marked = words.marks.filter((m) => first <= m && m <= last);
  if (obligations.includes("any") && marked.length) {
    alt += " All alliances in the marked years: " +
      marked.map((m) => `${withCommas(value.get(`any ${m}`))} in ${m}`).join(", ") + ".";
  }
  const pad = first === last ? 0.5 : 0;
  return {
    main: {
      data: { lines, marks },
      signals: {
        title: `Alliances in force, ${yearSpan(first, last)}`,
        names: series.map((o) => words.series[o]),
        colours: series.map((o) => words.colours[o]),
        xdomain: [first - pad, last + pad],
        ydomain: [0, Math.max(top, 1) * 1.14],
      },
      caption: sourceCaption(inRange.map((r) => r.source), what, words.sources),
      alt,
    },
  };
}
