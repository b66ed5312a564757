// What every explorer's plan shares: the words of defence_diplomacy.explorer and
// defence_diplomacy.style, written the same way. Plain functions, no DOM: the tests run them
// under node beside the Python ones.

export const message = (text) => ({ message: text });

export function backwards(start, end) {
  return message(`The year range runs backwards (from ${start} to ${end}). ` +
    "Choose a first year that is not after the last year.");
}

/** explorer.clip_years: the years the data can show and the note when fewer than asked, or a message. */
export function clipYears([start, end], covered, coverage) {
  const first = Math.min(...covered);
  const last = Math.max(...covered);
  if (start > end) return backwards(start, end);
  if (end < first || start > last) {
    return message(`${coverage} ${first}-${last}; ${start}-${end} lies outside it. Choose years in that span.`);
  }
  const shown = [Math.max(start, first), Math.min(end, last)];
  const note = shown[0] !== start || shown[1] !== end ? `${coverage} ${first}-${last}; the chart shows ${shown[0]}-${shown[1]}.` : "";
  return { shown, note };
}

/** explorer.chosen_rows: the chosen rows in the years the data can show, with those years and the notes; or a message. */
export function chosenRows(rows, column, chosen, nothingChosen, years, covered, coverage) {
  if (!chosen.length) return message(nothingChosen);
  const clipped = clipYears(years, covered, coverage);
  if (clipped.message !== undefined) return clipped;
  const { shown, note } = clipped;
  const wanted = new Set(chosen);
  return { rows: rows.filter((r) => wanted.has(r[column]) && r.year >= shown[0] && r.year <= shown[1]), shown,
    notes: note ? [note] : [] };
}

export const countryList = (codes, names) => codes.map((c) => names[c] ?? c).join(", ");

export const isMissing = (value) => value === null || value === undefined || Number.isNaN(value);

/** Python's f"{int(value):,}". */
export function withCommas(value) {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Python's f"{value:.Nf}": the nearest, and on an exact tie the even one, as Python rounds. */
export function pyFixed(value, digits = 0) {
  const scaled = value * 10 ** digits;
  if (Math.abs(scaled - Math.trunc(scaled)) === 0.5) {
    const floor = Math.floor(scaled);
    return ((floor % 2 === 0 ? floor : floor + 1) / 10 ** digits).toFixed(digits);
  }
  return value.toFixed(digits);
}

/** Python's f"{value:,.Nf}". */
export function fixed(value, digits = 0) {
  const [whole, part] = pyFixed(Math.abs(value), digits).split(".");
  const sign = value < 0 && Number(Math.abs(value).toFixed(digits)) !== 0 ? "-" : "";
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (part !== undefined ? `.${part}` : "");
}

export const formatYear = (year) => (year < 0 ? `${-year} BCE` : String(year));

export const yearSpan = (first, last) => (first === last ? formatYear(first) : `${formatYear(first)}-${formatYear(last)}`);

export function plural(count, noun) {
  if (count === 1) return `${count} ${noun}`;
  return noun.endsWith("y") ? `${count} ${noun.slice(0, -1)}ies` : `${count} ${noun}s`;
}

/** Python's str.capitalize(): the first letter upper case, the rest lower. */
export const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();

export function valuePoints(years, values) {
  const points = [];
  years.forEach((year, i) => { if (!isMissing(values[i])) points.push([year, values[i]]); });
  return points;
}

/** The highest point; the earliest of equal ones, as Python's max() keeps the first. */
export function peakPoint(points) {
  return points.reduce((best, point) => (point[1] > best[1] ? point : best), points[0]);
}

/** style.ends_and_peak: '12 in 1990, peak 30 in 2001, 20 in 2013'. */
export function endsAndPeak(years, values) {
  const points = valuePoints(years, values);
  const [peakYear, peak] = peakPoint(points);
  const [firstYear, first] = points[0];
  const [lastYear, last] = points[points.length - 1];
  const parts = [`${withCommas(first)} in ${formatYear(firstYear)}`];
  if (firstYear === lastYear) return parts[0];
  if (peakYear !== firstYear && peakYear !== lastYear) parts.push(`peak ${withCommas(peak)} in ${formatYear(peakYear)}`);
  const end = peakYear === lastYear && lastYear !== firstYear ? " (the peak)" : "";
  parts.push(`${withCommas(last)} in ${formatYear(lastYear)}${end}`);
  return parts.join(", ");
}

/** Sources.caption: 'Source: A (2020).' or 'Sources: A (2020); B (2021).', first-seen order. */
export function sourceCaption(keys, what, labels) {
  const distinct = [...new Set(keys)].map((key) => labels[key]);
  return `${what} ${distinct.length === 1 ? "Source" : "Sources"}: ${distinct.join("; ")}.`;
}

export const range = (first, last) => Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);

export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"];

/** Python's round-half-even on a tie, as its format() does; else the nearest. */
function roundHalfEven(x) {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff === 0.5) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(x);
}

/** Python's f"{share:.0%}". */
export const percent = (share) => `${roundHalfEven(share * 100)}%`;
