"""Live explorers on the book's static site: each notebook's ipywidgets explorer, run in the
reader's browser with no server, no Python and no request to another host.

A small Sphinx extension, loaded through ``sphinx.local_extensions`` in ``_config.yml``.

* **Where**: a notebook cell whose output is an explorer widget (``peacekeeping.explorer()``,
  named in ``defence_diplomacy.explorer.EXPLORERS``) gets, on the HTML site, an element
  ``<div class="live-app" data-explorer="NAME">`` in place of the widget, with a short note
  that keeps the Binder and Colab links (filled in by ``explorer_note``). The chart drawn at
  build time stays above it, for readers without JavaScript. The print edition is left to
  ``explorer_note``, which prints the site's address instead.
* **What**: when the site is built, each explorer's ``live_spec()`` (in its chart-family module)
  gives its controls, the rows it needs from the validated tables, its words and its charts as
  Vega-Lite; the charts are compiled to Vega here with ``vl-convert-python`` (no node, no
  network) and written to ``_static/live-explorers/NAME.json``.
* **How**: ``static/live.mjs`` draws native HTML controls, runs the explorer's plan
  (``static/plans/NAME.mjs``, a port of the Python ``plan_*`` function, same words) and updates
  the Vega view's data and signals. Vega itself is the pinned npm release served from the site
  (``static/vendor/vega-6.2.0.min.js``, its licence beside it). Scripts go only on pages that
  have an explorer, as a module (deferred), and Vega loads only when an explorer comes near
  the screen, so the text paints first.
* **Tables**: notebook tables (pandas' HTML) lose a 0, 1, 2 ... index and get the class
  ``book-table``; long ones also ``data-sortable``, which ``static/tables.mjs`` makes sortable
  and filterable.
"""

from __future__ import annotations

import html
import importlib
import json
import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from explorer_note import LAUNCH_MARKER, is_widget_view
from rebuild_on_change import rebuild_when_changed

HERE = Path(__file__).parent
LOGGER = logging.getLogger(__name__)
STATIC = "_static/live-explorers"
LONG_TABLE = 12  # rows from which a table is sortable and filterable

NOTE = """\
<div class="live-explorer live-app__note" role="note">
<p>This explorer runs in your browser, from the book's data; without JavaScript, the chart above,
drawn when the book was built, stands in for it. To run the notebook's Python code instead,
open it in:</p>
{marker}
</div>"""


def explorer_calls() -> dict[tuple[str, str], str]:
    """(module, function) -> explorer name, from the package's own list."""
    from defence_diplomacy.explorer import EXPLORERS

    return {place: name for name, place in EXPLORERS.items()}


def _cell_code(node: nodes.Node) -> str:
    """The source code of the notebook cell a node belongs to."""
    while node is not None and not (isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"):
        node = node.parent
    if node is None:
        return ""
    return "\n".join(block.astext() for block in node.findall(nodes.literal_block))


def explorer_in(code: str) -> str | None:
    for (module, function), name in explorer_calls().items():
        if re.search(rf"\b{module}\.{function}\(\)", code):
            return name if (HERE / "static" / "live-explorers" / "plans" / f"{name}.mjs").is_file() else None
    return None


def place_explorers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a live explorer where a notebook shows an explorer widget (the HTML site only)."""
    if app.builder.name not in ("html", "dirhtml") or getattr(app.config, "edition_print", False):
        return
    root = posixpath.relpath(".", posixpath.dirname(app.builder.get_target_uri(docname)) or ".")
    for raw in list(doctree.findall(nodes.raw)):
        if not is_widget_view(raw):
            continue
        name = explorer_in(_cell_code(raw))
        if name is None:
            continue
        spec = posixpath.join(root, STATIC, f"{name}.json")
        markup = (f'<div class="live-app" data-explorer="{name}" data-spec="{html.escape(spec)}">'
                  f'<p class="live-app__loading">The explorer loads when you reach it.</p></div>\n'
                  + NOTE.format(marker=LAUNCH_MARKER))
        raw.replace_self(nodes.raw("", markup, format="html"))


# Tables ------------------------------------------------------------------------------------

def tidy_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Notebook tables without a 0, 1, 2 ... index column; long ones sortable and filterable."""
    if app.builder.format != "html":
        return
    from bs4 import BeautifulSoup

    count = 0
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if "html" not in raw.get("format", "").split() or 'class="dataframe' not in text:
            continue
        soup = BeautifulSoup(text, "html.parser")
        for table in soup.select("table.dataframe"):
            body_heads = [row.find("th") for row in table.select("tbody tr")]
            plain_index = all(th is not None for th in body_heads) and [th.get_text() for th in body_heads] == [
                str(i) for i in range(len(body_heads))]
            if plain_index and len(table.select("thead tr")) == 1:
                for th in body_heads:
                    th.decompose()
                first = table.select_one("thead tr").find("th")
                if first is not None and not first.get_text(strip=True):
                    first.decompose()
            table["class"] = ["dataframe", "book-table"]
            table.attrs.pop("border", None)
            for row in table.select("thead tr"):
                row.attrs.pop("style", None)
            if len(table.select("tbody tr")) >= LONG_TABLE and len(table.select("thead tr")) == 1:
                table["data-sortable"] = ""
            # A wide table scrolls sideways inside a region the keyboard can reach.
            count += 1
            heads = table.select("thead tr")
            columns = ", ".join(th.get_text(" ", strip=True) for th in (heads[-1].find_all("th") if heads else [])
                                if th.get_text(strip=True))
            wrapper = soup.new_tag("div", attrs={"class": "book-table-wrap", "tabindex": "0", "role": "region",
                                                 "aria-label": f"Table {count}: {columns}"[:200]})
            table.wrap(wrapper)
        raw.replace_self(nodes.raw("", str(soup), format="html"))


# Page assets -------------------------------------------------------------------------------

def add_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The explorer and table scripts, only on pages that use them."""
    body = context.get("body") or ""
    explorers = "data-explorer=" in body
    tables = "data-sortable" in body
    if not (explorers or tables) or "script_files" not in context:
        return
    from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

    context["css_files"] = [*context.get("css_files", []), _CascadingStyleSheet(f"{STATIC}/live.css", priority=900)]
    scripts = ([f"{STATIC}/live.mjs"] if explorers else []) + ([f"{STATIC}/tables.mjs"] if tables else [])
    context["script_files"] = [*context["script_files"], *(_JavaScript(s, priority=900, type="module") for s in scripts)]


# Specs -------------------------------------------------------------------------------------

def _signals(value):
    """Vega-Lite leaves some expression references (``{"expr": ...}``) as they are; Vega reads signals."""
    if isinstance(value, dict):
        if set(value) == {"expr"} and isinstance(value["expr"], str):
            return {"signal": value["expr"]}
        return {k: _signals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_signals(v) for v in value]
    return value


def compile_chart(chart: dict) -> dict:
    """A chart's Vega-Lite, compiled to Vega, with its scale overrides applied.

    ``"vega": {"scales": {NAME: {...}}}`` in a chart sets what Vega-Lite cannot express
    (a colour range from a signal, so that each series keeps its colour whatever is shown).
    """
    import vl_convert

    from defence_diplomacy.live import VEGA_LITE_VERSION

    chart = dict(chart)
    overrides = chart.pop("vega", {})
    vega = _signals(vl_convert.vegalite_to_vega(chart, vl_version=VEGA_LITE_VERSION))
    for scale in vega.get("scales", []):
        scale.update(overrides.get("scales", {}).get(scale["name"], {}))
    return vega


def live_specs() -> dict[str, dict]:
    """Every explorer's live specification, its charts compiled to Vega."""
    from defence_diplomacy.explorer import EXPLORERS

    specs = {}
    for name, (module, _) in EXPLORERS.items():
        family = importlib.import_module(f"defence_diplomacy.{module}")
        function = getattr(family, "live_spec" if module != "alliances_exercises" else f"{name}_live_spec", None)
        if function is None:
            continue
        spec = function()
        spec["charts"] = {key: compile_chart(chart) for key, chart in spec["charts"].items()}
        specs[name] = spec
    return specs


def write_specs(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.name not in ("html", "dirhtml") or getattr(app.config, "edition_print", False):
        return
    target = Path(app.outdir) / STATIC
    target.mkdir(parents=True, exist_ok=True)
    for name, spec in live_specs().items():
        (target / f"{name}.json").write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")),
                                             encoding="utf-8")
    LOGGER.info("live_explorers: specifications written")


def configure(app: Sphinx, config) -> None:
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure)
    app.connect("env-get-outdated", rebuild_when_changed(HERE, "live_explorers"))
    # Before explorer_note (priority 500) turns the remaining widget outputs into its notes.
    app.connect("doctree-resolved", place_explorers, priority=400)
    app.connect("doctree-resolved", tidy_tables, priority=450)
    app.connect("html-page-context", add_page_assets, priority=500)
    app.connect("build-finished", write_specs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
