// The exercises explorer: alliances_exercises.plan_exercises_view and exercises_over_time's
// data, caption and alt text, in the same words.
import { chosenRows, countryList, endsAndPeak, message, percent, plural, range, sourceCaption, yearSpan } from "../common.mjs";

export function plan({ perYear, byCountry }, words, { countries, years }) {
  const names = words.countries;
  const chosen = chosenRows(byCountry, "country", countries,
    "Select at least one country to compare with all multinational exercises.",
    years, perYear.map((r) => r.year), "The MME exercise counts cover");
  if (chosen.message !== undefined) return chosen;
  const { rows, shown, notes } = chosen;
  const starts = new Map();
  for (const r of byCountry) starts.set(r.country, Math.min(starts.get(r.country) ?? Infinity, r.year));
  const present = new Set(rows.map((r) => r.country));
  const without = countries.filter((c) => !present.has(c));
  const reasons = without.map((c) => (starts.has(c) ? `${names[c]} has country years from ${starts.get(c)}`
    : `${names[c] ?? c} is not in the table`)).join("; ");
  if (!rows.length) {
    return message(`The book has no exercise years for ${countryList(countries, names)} in ` +
      `${shown[0]}-${shown[1]} (${reasons}). Choose later years or another country.`);
  }
  if (without.length) notes.push(`No exercise years in ${shown[0]}-${shown[1]}: ${reasons}.`);
  return {
    view: { perYear: perYear.filter((r) => r.year >= shown[0] && r.year <= shown[1]), byCountry: rows, countries, years: shown },
    note: notes.join(" "),
  };
}

export function draw({ perYear, byCountry, countries: order, years: [first, last] }, data, words) {
  const names = words.countries;
  const bars = perYear.filter((r) => r.year >= first && r.year <= last).sort((a, b) => a.year - b.year);
  const rows = byCountry.filter((r) => r.year >= first && r.year <= last);
  const present = new Set(rows.map((r) => r.country));
  const countries = [...order.filter((c) => present.has(c)), ...[...present].filter((c) => !order.includes(c)).sort()];
  const axisYears = range(first, last);
  const value = new Map(rows.map((r) => [`${r.country} ${r.year}`, r.exercises]));
  const lines = [];
  const described = [];
  countries.forEach((country, i) => {
    const values = axisYears.map((y) => value.get(`${country} ${y}`) ?? null);
    values.forEach((v, j) => lines.push({ name: names[country], year: axisYears[j], value: v, dashed: i >= 8 }));
    described.push(`${names[country]}: ${endsAndPeak(axisYears, values)}`);
  });
  const [named, unnamed] = words.parts;
  const barRows = bars.flatMap((r) => [
    { year: r.year, part: named, count: r.exercises - r.unnamed_exercises, order: 0 },
    { year: r.year, part: unnamed, count: r.unnamed_exercises, order: 1 },
  ]);
  const totals = bars.map((r) => r.exercises);
  let what = `Multinational military exercises under way each year ${yearSpan(first, last)} (MME, version 7). Bars: all ` +
    "exercises; the hatched top part are those MME records without a name (code -9), real exercises " +
    "counted like the others. An exercise spanning two years counts in both.";
  if (countries.length) {
    what += " Lines: the exercises each country took part in; a country's line starts with its first year as a state in ATOP.";
  }
  const share = bars.reduce((s, r) => s + r.unnamed_exercises, 0) / bars.reduce((s, r) => s + r.exercises, 0);
  let alt = `Bar chart of multinational military exercises per year, ${yearSpan(first, last)}: ` +
    `${endsAndPeak(bars.map((r) => r.year), totals)}; ${percent(share)} of them have no recorded name. `;
  if (described.length) alt += `${plural(described.length, "line")} for single countries: ${described.join("; ")}.`;
  return {
    main: {
      data: { bars: barRows, lines },
      signals: {
        title: `Multinational military exercises, ${yearSpan(first, last)}`,
        names: countries.map((c) => names[c]),
        xdomain: [first - 0.6, last + 0.6],
        ydomain: [0, Math.max(...totals) * 1.12],
      },
      caption: sourceCaption([...bars.map((r) => r.source), ...rows.map((r) => r.source)], what, words.sources),
      alt,
    },
  };
}
