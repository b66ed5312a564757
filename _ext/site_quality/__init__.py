"""Site quality for the built book: fast pages, no third-party requests on load,
and markup that passes accessibility checks.

A small Sphinx extension, loaded through ``sphinx.local_extensions`` in
``_config.yml``. Each part fixes one thing in what the theme and extensions emit:

* **Scripts**: sphinx-thebe (and sphinx-togglebutton) register their inline
  scripts twice, so every page logged "Identifier 'THEBE_JS_URL' has already
  been declared". Duplicate script entries are dropped from each page.
* **Widgets**: the static site shows no ipywidgets controls. A saved widget can
  be drawn without Python, but its controls cannot change anything there, and
  drawing it needs require.js and a widget manager from third-party CDNs. So the
  widget-state JSON and the widget scripts are left out of the page, and each
  widget output is replaced by a "run this live" note with the page's launch
  links (Binder, Colab) and the local route. The chart drawn at build time stays
  on the page above it.
* **Icons**: the theme loads Font Awesome as a 1.5 MB script that swaps ``<i>``
  tags for SVG. The script is left out (template ``layout.html``); the icons are
  drawn by the theme's own Font Awesome CSS from fonts cut down, at build time,
  to the glyphs the built pages use (a few kilobytes instead of 300).
* **Figures**: the charts' PNGs, inline as base64 in the notebook's HTML, are
  written to ``_images/`` and linked, so a page's text paints before its charts.
* **Accessibility**: the colour-mode and search buttons get names that match
  what they show (templates), the sidebar's expand toggles get names, and
  citation lists use list roles screen readers and axe accept.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from rebuild_on_change import rebuild_when_changed

HERE = Path(__file__).parent
LOGGER = logging.getLogger(__name__)

WIDGET_VIEW = '<script type="application/vnd.jupyter.widget-view+json">'
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
LAUNCH_MARKER = "<!-- site-quality:launch-links -->"


# Scripts ---------------------------------------------------------------------

def _script_key(script: Any) -> tuple:
    # The same inline script arrives once with filename None and once with "".
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {})
    return filename, tuple(sorted((k, str(v)) for k, v in attributes.items()))


def clean_page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Drop duplicate script entries, and the widget state and widget scripts.

    sphinx-thebe and sphinx-togglebutton add their inline scripts from an event
    that runs after the builder has copied the registry's scripts, so each is
    listed twice; a second ``const THEBE_JS_URL`` is a SyntaxError on every page.
    """
    if "script_files" not in context:
        return
    widget_scripts = set(getattr(app.config, "nb_ipywidgets_js", {}) or {})
    seen, kept = set(), []
    for script in context["script_files"]:
        key = _script_key(script)
        attributes = getattr(script, "attributes", {})
        if key in seen or attributes.get("type") == WIDGET_STATE_TYPE or key[0] in widget_scripts:
            continue
        seen.add(key)
        kept.append(_deferred(script) if pagename != "search" else script)
    context["script_files"] = kept


# Scripts that inline scripts use while the page is parsed stay blocking.
KEEP_BLOCKING = {"_static/documentation_options.js"}


def _deferred(script: Any) -> Any:
    """The same script with ``defer``, so that it does not hold up the first paint.

    Deferred scripts still run in document order, after the page is parsed and
    before DOMContentLoaded, which is when these set themselves up. Inline
    scripts, async ones and those in KEEP_BLOCKING are left as they are; so is
    every script on the search page, whose own inline code calls doctools.js."""
    filename = getattr(script, "filename", None)
    attributes = dict(getattr(script, "attributes", {}))
    if (not filename or filename in KEEP_BLOCKING or "://" in filename
            or {"async", "defer"} & set(attributes) or attributes.get("type", "text/javascript") != "text/javascript"):
        return script
    from sphinx.builders.html._assets import _JavaScript

    attributes["defer"] = "defer"
    return _JavaScript(filename, priority=script.priority, **attributes)


# Widgets ---------------------------------------------------------------------

LIVE_PROMPT = """\
<div class="live-explorer" role="note">
<p class="live-explorer__title"><strong>Run this live to use the explorer.</strong></p>
<p>The explorer here has controls (lists, menus) that redraw the chart from the
data, and that needs a running Python kernel. This page is static, so it shows no
controls; the chart above is the one drawn when the book was built. Open this
notebook in one of these to use them:</p>
{marker}
<p class="live-explorer__local">Or run it on your own computer: clone the book's
repository, run <code>make book</code> once, then
<code>.venv/bin/pip install jupyterlab==4.6.6</code> and
<code>.venv/bin/jupyter lab {path}</code>.</p>
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


def replace_widget_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the "run this live" note where a notebook's widget output would be drawn;
    on paper, the address of the page on the site instead."""
    if app.builder.format != "html":
        return
    printed = getattr(app.config, "edition_print", False)
    pages = _source_pages(doctree, docname)
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and raw.astext().lstrip().startswith(WIDGET_VIEW):
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


# Figures ---------------------------------------------------------------------

DATA_PNG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def externalise_inline_images(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Serve the charts' PNGs as files instead of base64 inside the page.

    The book's charts display as a ``<figure>`` whose ``<img>`` carries its PNG
    as a data: URL, so a notebook page's HTML held every chart, and no text could
    be drawn before all of it had arrived. Here each PNG is written once to
    ``_images/`` (named by its content) and the ``<img>`` points at the file,
    with its size, so the text paints first and the layout does not shift."""
    if app.builder.format != "html":
        return
    import base64
    import hashlib
    import posixpath
    import struct

    images = Path(app.outdir) / "_images"
    page_dir = posixpath.dirname(app.builder.get_target_uri(docname))

    def to_file(match: re.Match) -> str:
        data = base64.b64decode(match.group(1))
        name = f"chart-{hashlib.sha256(data).hexdigest()[:16]}.png"
        images.mkdir(parents=True, exist_ok=True)
        if not (images / name).is_file():
            (images / name).write_bytes(data)
        width, height = struct.unpack(">II", data[16:24])
        src = posixpath.relpath(f"_images/{name}", page_dir or ".")
        return f'<img src="{src}" width="{width}" height="{height}" loading="lazy" decoding="async"'

    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if "html" in raw.get("format", "").split() and "data:image/png;base64," in text:
            raw.replace_self(nodes.raw("", DATA_PNG.sub(to_file, text), format="html"))


# Accessibility ---------------------------------------------------------------

def label_sidebar_toggles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give each expand/collapse toggle of the sidebar's table of contents a name."""
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_site_quality", False):
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

    generate_labelled._site_quality = True
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


# Icons -----------------------------------------------------------------------

FONT_DIR = "_static/site-quality-fonts"
FONTS = {  # the theme's Font Awesome fonts, by the file name its CSS uses
    "fa-solid-900": "Font Awesome 6 Free",
    "fa-regular-400": "Font Awesome 6 Free",
    "fa-brands-400": "Font Awesome 6 Brands",
}


def _theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def _icon_codepoints(css_texts: list[str]) -> tuple[dict[str, int], set[int]]:
    """From stylesheets: icon class -> code point (the theme's Font Awesome
    table), and the code points other rules draw in pseudo-elements (admonition
    and breadcrumb icons and the like)."""
    by_class: dict[str, int] = {}
    used_by_css: set[int] = set()
    for css in css_texts:
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            # A glyph is written as an escape ("\f0f3") or as the private-use character itself.
            points = [int(p[1:], 16) if p.startswith("\\") else ord(p)
                      for p in re.findall(r'(?:content|--[\w-]+):\s*"(\\[0-9a-fA-F]{4,5}|[\ue000-\uf8ff])"', body)]
            if not points:
                continue
            names = re.findall(r"\.(fa-[\w-]+):+before", selectors)
            if names and all(s.strip().startswith(".fa-") for s in selectors.split(",")):
                for name in names:
                    by_class[name] = points[0]
            else:
                used_by_css.update(points)
    return by_class, used_by_css


THEME_CSS = Path("styles") / "pydata-sphinx-theme.css"
ICON_RULE = re.compile(r"(?<=[}/])((?:\.fa-[\w-]+:+before,?)+)\{content:[^{}]*\}")


def prune_icon_rules(outdir: Path, static: Path, names: set[str]) -> None:
    """Write the theme stylesheet without the rules of icons no page uses.

    Its Font Awesome table (about 1,900 ``.fa-NAME:before{content:...}`` rules)
    is a third of the largest stylesheet every page waits for; the book uses a
    few dozen. Rules with any used name are kept whole."""
    css = (static / THEME_CSS).read_text(encoding="utf-8")

    def keep_used(match: re.Match) -> str:
        used = set(re.findall(r"\.(fa-[\w-]+):", match.group(1))) & names
        return match.group(0) if used else ""

    (outdir / "_static" / THEME_CSS).write_text(ICON_RULE.sub(keep_used, css), encoding="utf-8")


def subset_icon_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Write Font Awesome fonts holding only the glyphs the built site uses, and
    the theme stylesheet with only the icon rules the site uses."""
    if exception or app.builder.format != "html":
        return
    from fontTools import subset

    outdir = Path(app.outdir)
    static = _theme_static()
    # Every stylesheet the site ships: the theme's (with its icon table) and the
    # extensions' (sphinx-exercise draws its title icon from the same font).
    css_files = [static / THEME_CSS] + sorted(
        f for f in (outdir / "_static").rglob("*.css") if f.relative_to(outdir / "_static") != THEME_CSS)
    by_class, codepoints = _icon_codepoints([f.read_text(encoding="utf-8") for f in css_files])

    names: set[str] = set()
    texts = [p for p in outdir.rglob("*.html") if "_sources" not in p.parts]
    texts += [p for p in (outdir / "_static").rglob("*.js") if "fontawesome" not in p.name]
    for path in texts:
        names.update(re.findall(r"\bfa-[a-z0-9-]+", path.read_text(encoding="utf-8", errors="ignore")))
    codepoints.update(by_class[name] for name in names if name in by_class)

    prune_icon_rules(outdir, static, names)

    target = outdir / FONT_DIR
    target.mkdir(parents=True, exist_ok=True)
    for stem in FONTS:
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(static / "vendor" / "fontawesome" / "webfonts" / f"{stem}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        subset.save_font(font, str(target / f"{stem}.woff"), options)
    LOGGER.info(f"site_quality: icon fonts cut down to {len(codepoints)} glyphs")


# Set-up ----------------------------------------------------------------------

def configure(app: Sphinx, config) -> None:
    config.templates_path = [str(HERE / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure)
    app.add_css_file("site-quality.css")
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    app.connect("env-get-outdated", rebuild_when_changed(HERE, "site_quality"))
    app.connect("doctree-resolved", replace_widget_views)
    app.connect("doctree-resolved", externalise_inline_images)
    app.connect("html-page-context", label_sidebar_toggles, priority=600)
    app.connect("html-page-context", fill_launch_links, priority=600)
    app.connect("html-page-context", clean_page_scripts, priority=900)
    app.connect("build-finished", subset_icon_fonts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
