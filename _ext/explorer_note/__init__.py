"""The static site's stand-in for a notebook's widgets: a "run this live" note.

A small Sphinx extension, loaded through ``sphinx.local_extensions`` in ``_config.yml``;
``explorer_note`` (default True) switches it off.

The static site shows no ipywidgets controls. A saved widget can be drawn without Python,
but its controls cannot change anything there, and drawing it needs require.js and a
widget manager from third-party CDNs. So:

* myst-nb's ``nb_ipywidgets_js`` (its documented switch for the widget scripts) is set to
  nothing, and the page's widget-state entry is left out of its ``script_files``;
* each widget output that ``live_explorers`` has not replaced with a live explorer becomes a
  note with the page's launch links (Binder, Colab) and the local route; in the print
  edition, the address of the page on the site. The chart drawn at build time stays on the
  page above it. The note is put in at ``doctree-resolved``, on the widget output's node
  (myst-nb's ``render_widget_view`` writes it as a raw ``<script>`` of the widget-view type);
  the launch links, which only the theme's page context holds, replace a marker comment in
  ``html-page-context``.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from rebuild_on_change import rebuild_when_changed

HERE = Path(__file__).parent

WIDGET_VIEW = '<script type="application/vnd.jupyter.widget-view+json">'
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
LAUNCH_MARKER = "<!-- explorer-note:launch-links -->"  # live_explorers' notes use it too

LIVE_PROMPT = """\
<div class="live-explorer" role="note">
<p class="live-explorer__title"><strong>Run this live to use the explorer.</strong></p>
<p>The explorer here has controls (lists, menus) that redraw the chart from the
data, and that needs a running Python kernel. This page is static, so it shows no
controls; the chart above is the one drawn when the book was built. Open this
notebook in one of these to use them:</p>
{marker}
<p class="live-explorer__local">Or run it on your own computer: clone the book's
repository, run <code>make lab</code> (it sets up JupyterLab and opens the repository in it), then
open <code>{path}</code>.</p>
</div>
"""

PRINT_NOTE = """\
<div class="live-explorer live-explorer--print" role="note">
<p><strong>Explore this chart live</strong> on the book's site, where its controls redraw it
from the data: <a href="{url}">{url}</a>.</p>
</div>
"""


def _source_pages(doctree: nodes.document, docname: str) -> dict[int, str]:
    """The page each raw node comes from: in a single-page build, the innermost file that holds it.

    (The single-page builder moves each file's nodes under a ``start_of_file`` node without
    updating their parents, so the mapping is made from the top down.)"""
    pages = {id(raw): docname for raw in doctree.findall(nodes.raw)}
    for start in doctree.findall(addnodes.start_of_file):  # outer files before the files they include
        for raw in start.findall(nodes.raw):
            pages[id(raw)] = start["docname"]
    return pages


def is_widget_view(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.raw) and "html" in node.get("format", "").split()
            and node.astext().lstrip().startswith(WIDGET_VIEW))


def replace_widget_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the "run this live" note where a notebook's widget output would be drawn;
    on paper, the address of the page on the site instead."""
    if app.builder.format != "html" or not app.config.explorer_note:
        return
    printed = getattr(app.config, "edition_print", False)
    pages = _source_pages(doctree, docname)
    for raw in [n for n in doctree.findall(nodes.raw) if is_widget_view(n)]:
        notebook = pages[id(raw)]
        if printed:
            url = html.escape(app.config.html_baseurl.rstrip("/") + f"/{notebook}.html")
            prompt = PRINT_NOTE.format(url=url)
        else:
            source = Path(app.env.doc2path(notebook, base=False)).with_suffix(".ipynb").as_posix()
            prompt = LIVE_PROMPT.format(marker=LAUNCH_MARKER, path=html.escape(source))
        raw.replace_self(nodes.raw("", prompt, format="html"))


def _launch_links(context: dict) -> str:
    """The page's launch links (the theme's own Binder and Colab URLs), as buttons."""
    links = []
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        for button in group.get("buttons", []):
            if button.get("type") == "link" and button.get("url"):
                links.append(
                    f'<a class="btn btn-sm live-explorer__launch" href="{html.escape(button["url"])}" '
                    f'rel="noopener">Open in {html.escape(button["text"])}</a>')
    if not links:
        return ""
    return '<p class="live-explorer__buttons">' + " ".join(links) + "</p>"


def fill_launch_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if body and LAUNCH_MARKER in body:
        context["body"] = body.replace(LAUNCH_MARKER, _launch_links(context))


def drop_widget_state(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The saved widget state (myst-nb adds it as a script entry) serves no widget here."""
    if app.config.explorer_note and "script_files" in context:
        context["script_files"] = [s for s in context["script_files"]
                                   if getattr(s, "attributes", {}).get("type") != WIDGET_STATE_TYPE]


def configure(app: Sphinx, config) -> None:
    if config.explorer_note:
        config.nb_ipywidgets_js = {}
        config.html_static_path = [*config.html_static_path, str(HERE / "static")]


def add_css(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The note's stylesheet, only on pages with a note (its own, or a live explorer's)."""
    if app.config.explorer_note and 'class="live-explorer' in (context.get("body") or ""):
        app.add_css_file("explorer-note.css")


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")
    app.add_config_value("explorer_note", True, "env", [bool])
    app.connect("config-inited", configure)
    # Before live_explorers (priority 500), which gives the page a new list of stylesheets.
    app.connect("html-page-context", add_css, priority=450)
    app.connect("env-get-outdated", rebuild_when_changed(HERE, "explorer_note"))
    # After live_explorers (priority 400) has put its explorers in place of theirs.
    app.connect("doctree-resolved", replace_widget_views, priority=500)
    app.connect("html-page-context", fill_launch_links, priority=600)
    app.connect("html-page-context", drop_widget_state, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
