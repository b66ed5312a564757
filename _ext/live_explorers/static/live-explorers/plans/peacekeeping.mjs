// The peacekeeping explorer: peacekeeping.plan_peacekeeping_view and peacekeeping_by_country's
// data, caption and alt text, in the same words.
import {
  backwards, capitalize, countryList, endsAndPeak, isMissing, message, plural, range, sourceCaption,
  withCommas, yearSpan,
} from "../common.mjs";

function snapshotWords(snapshot, countries, names) {
  const listed = new Map(snapshot.map((r) => [r.country, r.total]));
  const known = countries.filter((c) => listed.has(c)).map((c) => `${names[c]} ${withCommas(listed.get(c))}`);
  const absent = countries.filter((c) => !listed.has(c));
  let words = known.length ? ` One month is known: on 31 January 2021 the UN counted ${known.join("; ")} ` +
    "(all uniformed personnel)." : "";
  if (absent.length) words += ` Not listed as contributors that month: ${countryList(absent, names)}.`;
  return words;
}

export function plan({ contributions, snapshot }, words, { countries, personnel, years }) {
  const names = words.countries;
  if (!countries.length) return message("Select at least one country to see its UN peacekeeping contributions.");
  const [start, end] = years;
  if (start > end) return backwards(start, end);
  const allYears = contributions.map((r) => r.year);
  const first = Math.min(...allYears);
  const last = Math.max(...allYears);
  const label = words.types[personnel];
  if (end < first) {
    return message(`The book's by-country UN series starts in December ${first}; ` +
      `${start}-${end} has nothing to draw. Choose later years.`);
  }
  if (start > last) {
    const extra = start <= 2021 && 2021 <= end ? snapshotWords(snapshot, countries, names) : "";
    return message(`The book has no by-country UN data after March 2014 (IPI's series ends there; its ` +
      `last December is ${last}), so ${start}-${end} has nothing to draw.` + extra);
  }
  const chosen = new Set(countries);
  const rows = contributions.filter((r) => chosen.has(r.country) && r.year >= start && r.year <= end &&
    !isMissing(r[personnel]));
  if (!rows.length) {
    return message(`IPI gives no ${label} figure for ${countryList(countries, names)} in December ` +
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
  if (end > last) {
    notes.push(`The book has no by-country UN data after March 2014: ${last + 1}-${end} is shaded as a gap, ` +
      "not a zero.");
  }
  let shownSnapshot = null;
  if (start <= 2021 && 2021 <= end) {
    if (personnel === "total") shownSnapshot = snapshot.filter((r) => chosen.has(r.country));
    else notes.push("The 31 January 2021 snapshot gives all uniformed personnel only; choose 'total' to see it.");
  }
  return { view: { rows, personnel, years: [start, end], countries, snapshot: shownSnapshot }, note: notes.join(" ") };
}

/** What peacekeeping_by_country draws for a view: data sets, signals, caption and alt text. */
export function draw({ rows, personnel, years: [start, end], countries: order, snapshot }, data, words) {
  const names = words.countries;
  const last = words.lastYear;
  const present = new Set(rows.map((r) => r.country));
  const countries = order.filter((c) => present.has(c));
  const label = words.types[personnel];
  const seriesEnd = Math.min(end, last);
  const axisYears = range(start, seriesEnd);
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
  const shownSnapshot = snapshot !== null && snapshot.length > 0;
  const diamonds = [];
  if (snapshot !== null) {
    for (const country of countries) {
      const row = snapshot.find((r) => r.country === country);
      if (row) {
        diamonds.push({ name: names[country], x: words.snapshotX, value: row.total });
        top = Math.max(top, row.total);
      }
    }
  }
  const snapshotTop = shownSnapshot ? Math.max(...snapshot.map((r) => r.total)) : 0;
  const onTop = shownSnapshot && snapshotTop >= 0.85 * top;
  const band = end > last ? [{ x1: Math.max(start, last) + 0.25, x2: end + 0.5, middle: (Math.max(start, last) + end) / 2 + 0.4 }] : [];

  let what = `UN peacekeeping, ${label} contributed in December of each year ${yearSpan(start, seriesEnd)} (IPI). ` +
    "A break in a line is a year with no figure from IPI.";
  if (end > last) {
    what += ` The grey band (${yearSpan(last + 1, end)}) is a gap, not a zero: the book has no ` +
      "by-country series after March 2014.";
  }
  if (shownSnapshot) {
    what += " Diamonds: all uniformed personnel on 31 January 2021 from the UN's contribution ranks, " +
      "one month only, not joined to the lines.";
  }
  const keys = [...rows.map((r) => r.source), ...(shownSnapshot ? snapshot.map((r) => r.source) : [])];
  let alt = `Line chart of ${label} in UN peacekeeping by country, December ${yearSpan(start, seriesEnd)}, ` +
    `${plural(countries.length, "country")}: ${described.join("; ")}.`;
  if (end > last) alt += ` After ${last}, to ${end}, the chart is shaded as a gap.`;
  if (shownSnapshot) {
    const listed = new Map(snapshot.map((r) => [r.country, r.total]));
    alt += " Separate diamonds for 31 January 2021: " + countries.filter((c) => listed.has(c))
      .map((c) => `${names[c]} ${withCommas(listed.get(c))}`).join("; ") + ".";
  }
  return {
    main: {
      data: { lines, band, snapshot: diamonds, snapshotLabel: shownSnapshot ? [{ x: words.snapshotX, value: snapshotTop }] : [] },
      signals: {
        title: `UN peacekeeping: ${label} by country`,
        names: countries.map((c) => names[c]),
        xdomain: [start - 0.5, end + 0.5],
        ydomain: [0, Math.max(top, 1) * (onTop ? 1.3 : 1.12)],
        ytitle: `${capitalize(label)}, December`,
      },
      caption: sourceCaption(keys, what, words.sources),
      alt,
    },
  };
}
