// Long tables on the book's pages, sortable by any column and filterable by any text.
// Native buttons in the column headers (aria-sort says the order); a labelled search box above;
// a status line says how many rows are shown.

let tables = 0;

const numeric = (text) => {
  const cleaned = text.replace(/,/g, "").trim();
  return cleaned !== "" && Number.isFinite(Number(cleaned)) ? Number(cleaned) : null;
};

export function enhanceTable(table) {
  if (table.dataset.enhanced) return;
  table.dataset.enhanced = "true";
  const body = table.tBodies[0];
  const rows = [...body.rows];
  const id = `book-table-${++tables}`;
  const input = document.createElement("input");
  input.type = "search";
  input.id = `${id}-filter`;
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = "Filter rows";
  const count = document.createElement("span");
  count.className = "book-table__count";
  count.setAttribute("role", "status");
  const tools = document.createElement("div");
  tools.className = "book-table__tools";
  tools.append(label, input, count);
  table.before(tools);

  const show = () => {
    const words = input.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      row.hidden = Boolean(words) && !row.textContent.toLowerCase().includes(words);
      shown += row.hidden ? 0 : 1;
    }
    count.textContent = `${shown} of ${rows.length} rows`;
  };
  input.addEventListener("input", show);
  show();

  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "book-table__sort";
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach((other) => other.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const cell = (row) => (row.cells[column] ? row.cells[column].textContent : "");
      const allNumbers = rows.every((row) => cell(row).trim() === "" || numeric(cell(row)) !== null);
      const sorted = [...rows].sort((a, b) => {
        const order = allNumbers ? (numeric(cell(a)) ?? -Infinity) - (numeric(cell(b)) ?? -Infinity)
          : cell(a).localeCompare(cell(b), undefined, { numeric: true });
        return ascending ? order : -order;
      });
      body.append(...sorted);
    });
  });
}

for (const table of document.querySelectorAll("table[data-sortable]")) enhanceTable(table);
