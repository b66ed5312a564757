// The peacekeeping explorer: peacekeeping.plan_peacekeeping_view and peacekeeping_by_country's
// data, caption and alt text, in the same words.
import {
  backwards, capitalize, countryList, endsAndPeak, isMissing, message, plural, range, sourceCaption, yearSpan,
} from "../common.mjs";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];

export function plan({ contributions }, words, { countries, personnel, years }) {
  const names = words.countries;
  if (!countries.length) return message("Select at least one country to see its UN peacekeeping contributions.");
  const [start, end] = years;
  if (start > end) return backwards(start, end);
  const allYears = contributions.map((r) => r.year);
  const first = Math.min(...allYears);
  const last = Math.max(...allYears);
  const label = words.types[personnel];
  const gap = words.gapYear;
  if (end < first || start > last) {
    return message(`The book's by-country UN series runs from December ${first} to ${last}; ` +
      `${start}-${end} lies outside it. Choose years in that span.`);
  }
  if (start === gap && end === gap) {
    return message(`${gap} is a gap: IPI's by-country series ends in March ${gap} and the UN's ` +
      `monthly reports in this book begin in January ${gap + 1}. Choose more years.`);
  }
  const chosen = new Set(countries);
  const rows = contributions.filter((r) => chosen.has(r.country) && r.year >= start && r.year <= end &&
    !isMissing(r[personnel]));
  if (!rows.length) {
    return message(`No ${label} figure for ${countryList(countries, names)} in December ` +
      `${Math.max(start, first)}-${Math.min(end, last)}. Choose another type, more years or more countries.`);
  }
  const notes = [];
  const present = new Set(rows.map((r) => r.country));
  const without = countries.filter((c) => !present.has(c));
  if (without.length) {
    notes.push(`No ${label} figure in ${Math.max(start, first)}-${Math.min(end, last)} for: ` +
      `${countryList(without, names)}.`);
  }
  if (start < first) notes.push(`The by-country series starts in ${first}.`);
  if (end > last) notes.push(`The by-country series ends in ${last}.`);
  if (personnel === "staff_officers" && start < words.staffOfficersFrom) {
    notes.push(`The UN counts staff officers on their own only from May ${words.staffOfficersFrom}.`);
  }
  return {
    view: { rows, personnel, years: [Math.max(start, first), Math.min(end, last)], countries },
    note: notes.join(" "),
  };
}

/** _by_country_words: the caption's account of the series. */
function seriesWords(rows, personnel, start, end, words) {
  const label = words.types[personnel];
  const latest = rows.map((r) => r.date).reduce((a, b) => (a > b ? a : b));
  let what = `UN peacekeeping, ${label} contributed in December of each year ${yearSpan(start, end)}`;
  if (end >= Number(latest.slice(0, 4)) && !latest.endsWith("-12-31")) {
    what += ` (${latest.slice(0, 4)}: ${MONTHS[Number(latest.slice(5, 7)) - 1]}, the latest report)`;
  }
  what += ". IPI's figures to 2013, the UN's monthly reports from 2015. A break in a line is a year with no figure" +
    (start <= words.gapYear && words.gapYear <= end
      ? `: neither producer covers December ${words.gapYear} (grey band), a gap, not a zero.` : ".");
  if (personnel !== "total" && start < words.staffOfficersFrom) {
    what += ` The UN counts staff officers on their own only from May ${words.staffOfficersFrom}; before, they ` +
      "are inside another category.";
  }
  return what;
}

/** What peacekeeping_by_country draws for a view: data sets, signals, caption and alt text. */
export function draw({ rows, personnel, years: [start, end], countries: order }, data, words) {
  const names = words.countries;
  const present = new Set(rows.map((r) => r.country));
  const countries = order.filter((c) => present.has(c));
  const label = words.types[personnel];
  const axisYears = range(start, end);
  const byKey = new Map(rows.map((r) => [`${r.country} ${r.year}`, r[personnel]]));
  const lines = [];
  const described = [];
  let top = 0;
  countries.forEach((country, i) => {
    const values = axisYears.map((year) => byKey.get(`${country} ${year}`) ?? null);
    values.forEach((value, j) => lines.push({ name: names[country], year: axisYears[j], value, dashed: i >= 8 }));
    top = Math.max(top, ...values.filter((v) => v !== null));
    described.push(`${names[country]}: ${endsAndPeak(axisYears, values)}`);
  });
  const gapShown = start <= words.gapYear && words.gapYear <= end;
  let alt = `Line chart of ${label} in UN peacekeeping by country, December ${yearSpan(start, end)}, ` +
    `${plural(countries.length, "country")}: ${described.join("; ")}.`;
  if (gapShown) alt += ` ${words.gapYear} has no figure and is shaded as a gap.`;
  return {
    main: {
      data: { lines, band: gapShown ? [{ x1: words.gapYear - 0.5, x2: words.gapYear + 0.5 }] : [] },
      signals: {
        title: `UN peacekeeping: ${label} by country`,
        names: countries.map((c) => names[c]),
        xdomain: [start - 0.5, end + 0.5],
        ydomain: [0, Math.max(top, 1) * 1.12],
        ytitle: `${capitalize(label)}, December`,
      },
      caption: sourceCaption(rows.map((r) => r.source), seriesWords(rows, personnel, start, end, words), words.sources),
      alt,
    },
  };
}
