// The national-models explorer: national_models.plan_national_models (the matrix's categories and
// the pair of countries) and instrument_matrix_chart's data and alt text, in the same words.
import { message, pyFixed } from "../common.mjs";

export const slots = [
  { kind: "status", name: "matrixStatus" }, { kind: "chart", name: "matrix" },
  { kind: "status", name: "pairStatus" }, { kind: "table", name: "pair" },
];

export function planMatrix({ matrix }, words, categories) {
  if (!categories.length) return message("Select at least one instrument category to see which countries list it.");
  const present = new Set(matrix.map((r) => r.category));
  const kept = categories.filter((c) => present.has(c));
  if (!kept.length) {
    return message("None of the four instrument lists uses the chosen categories " +
      "(they come from the UK's 2010 table or France's phases). Choose others.");
  }
  const missing = categories.filter((c) => !present.has(c)).map((c) => words.categories[c]);
  return { view: { categories: kept }, note: missing.length ? `Not in any of the four instrument lists: ${missing.join(", ")}.` : "" };
}

export function planPair({ matrix, wording }, words, first, second) {
  const names = words.countries;
  if (!words.models.includes(first) || !words.models.includes(second)) {
    return message("Choose two of the four countries Drab compares: " + words.models.map((c) => names[c]).join(", ") + ".");
  }
  if (first === second) return message(`${names[first]} is chosen twice: choose two different countries to compare.`);
  const said = new Map(wording.map((w) => [`${w.country} ${w.category}`, w.wording]));
  const table = [];
  for (const row of matrix) {
    const a = row[first] > 0;
    const b = row[second] > 0;
    if (!(a || b)) continue;
    const where = a && b ? "both" : `only ${names[a ? first : second]}`;
    table.push([words.categories[row.category], where, said.get(`${first} ${row.category}`) ?? "",
      said.get(`${second} ${row.category}`) ?? ""]);
  }
  const shared = table.filter((r) => r[1] === "both").length;
  const summary = `${names[first]} and ${names[second]} share ${shared} of the ${table.length} categories ` +
    `either lists (Jaccard similarity ${pyFixed(shared / table.length, 2)}).`;
  const order = { both: 0, [`only ${names[first]}`]: 1, [`only ${names[second]}`]: 2 };
  table.sort((x, y) => order[x[1]] - order[y[1]]); // Array.prototype.sort is stable
  return { view: { columns: ["category", "listed by", names[first], names[second]], rows: table }, summary };
}

export function plan(data, words, { categories, first, second }) {
  return { view: { matrix: planMatrix(data, words, categories), pair: planPair(data, words, first, second) }, note: "" };
}

export function drawMatrix({ categories }, { matrix }, words) {
  const names = words.models.map((c) => words.countries[c]);
  const chosen = new Set(categories);
  const rows = matrix.filter((r) => chosen.has(r.category));
  const cells = [];
  rows.forEach((row, order) => {
    const label = words.categories[row.category];
    const users = words.models.filter((c) => row[c] > 0).length;
    words.models.forEach((c, i) => cells.push({ category: label, order, column: names[i], shaded: row[c] > 0,
      text: row[c] ? String(row[c]) : "" }));
    cells.push({ category: label, order, column: "lists using it", shaded: false, text: `${users} of ${names.length}` });
  });
  const users = (row) => words.models.filter((c) => row[c] > 0).length;
  const shared = rows.filter((r) => users(r) === words.models.length).map((r) => words.categories[r.category]);
  const single = rows.filter((r) => users(r) === 1).map((r) => words.categories[r.category]);
  const counts = words.models.map((c, i) => `${names[i]}: ${rows.reduce((s, r) => s + r[c], 0)}`).join("; ");
  return {
    data: { cells },
    signals: { title: "Instruments of defence diplomacy by category" },
    height: 22 * rows.length,
    caption: words.matrixCaption,
    alt: `Grid of ${rows.length} instrument categories by four countries; a shaded cell holds the number ` +
      `of the country's listed instruments in that category (cells add up to ${counts}). ` +
      `Used by all four: ${shared.join(", ") || "none"}. Used by one only: ${single.join(", ") || "none"}.`,
  };
}

export function draw({ matrix, pair }, data, words) {
  return {
    matrixStatus: matrix.message ?? matrix.note,
    matrix: matrix.message !== undefined ? null : drawMatrix(matrix.view, data, words),
    pairStatus: pair.message ?? pair.summary,
    pair: pair.message !== undefined ? null : { ...pair.view, caption: "The two lists compared, category by category", sortable: true },
  };
}

export function render(result, data, words) {
  return draw(result.view, data, words);
}
