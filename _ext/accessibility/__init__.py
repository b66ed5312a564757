"""Accessibility fixes to what the theme and docutils emit, so that pages pass axe.

A small Sphinx extension, loaded through ``sphinx.local_extensions`` in ``_config.yml``;
``accessibility_fixes`` (default True) switches all of it off.

* **Colour-mode button** (``templates/theme-switcher.html``): the theme gives each icon a
  title that becomes the button's visible text but not part of its name "Color mode"
  (axe: label-content-name-mismatch). Stands in for the theme's own accessible name, which
  pydata/pydata-sphinx-theme#1924 (the icon titles) left mismatched; no issue open for it.
* **Search button** (``templates/search-button-field.html``): its name was "Search" while it
  shows "Search Ctrl+K" (the same axe rule). No upstream issue found; compare
  pydata/pydata-sphinx-theme#1499 (on the shortcut's label).
* **Sidebar toggles**: the expand/collapse toggles of the sidebar's table of contents
  (``<summary>``, pydata/pydata-sphinx-theme#1582) get names, wrapping the theme's
  ``generate_toctree_html`` context function and editing its output with BeautifulSoup.
* **Citation lists**: docutils writes ``role="doc-biblioentry"`` (deprecated, and not a list
  item) inside ``role="list"``, which axe reports as critical; citations are written here,
  by a node visitor, as list items.
* **Link contrast** in admonitions (``static/accessibility.css``).

Both templates replace the theme's (pydata-sphinx-theme 0.17.1); tests/test_site.py fails
when the pinned theme changes, so that someone compares them again.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from rebuild_on_change import rebuild_when_changed

HERE = Path(__file__).parent


def label_sidebar_toggles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give each expand/collapse toggle of the sidebar's table of contents a name."""
    generate = context.get("generate_toctree_html")
    if not app.config.accessibility_fixes or generate is None or getattr(generate, "_labelled", False):
        return
    from bs4 import BeautifulSoup

    def label(soup):
        for summary in soup.find_all("summary"):
            if summary.get_text(strip=True) or summary.get("aria-label"):
                continue
            item = summary.find_parent("li")
            link = item.find("a", recursive=False) if item else None
            title = link.get_text(" ", strip=True) if link else "this section"
            summary["aria-label"] = f"Pages in {title}"
        return soup

    def generate_labelled(*args, **kwargs):
        out = generate(*args, **kwargs)
        if isinstance(out, str):
            return str(label(BeautifulSoup(out, "html.parser"))) if "<summary" in out else out
        return label(out) if hasattr(out, "find_all") else out

    generate_labelled._labelled = True
    context["generate_toctree_html"] = generate_labelled


def visit_citation(self, node: nodes.citation) -> None:
    """A citation list item. docutils writes role="doc-biblioentry", a deprecated
    role that is not a list item, inside role="list", which axe reports as critical."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def configure(app: Sphinx, config) -> None:
    if config.accessibility_fixes:
        config.templates_path = [str(HERE / "templates"), *config.templates_path]
        config.html_static_path = [*config.html_static_path, str(HERE / "static")]
        app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))


def add_css(app: Sphinx) -> None:
    if app.config.accessibility_fixes:
        app.add_css_file("accessibility.css")


def setup(app: Sphinx) -> dict:
    app.add_config_value("accessibility_fixes", True, "html", [bool])
    app.connect("config-inited", configure)
    app.connect("builder-inited", add_css)
    app.connect("env-get-outdated", rebuild_when_changed(HERE, "accessibility"))
    app.connect("html-page-context", label_sidebar_toggles, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
