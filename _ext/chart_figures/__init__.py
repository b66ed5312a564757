"""How the book's charts reach the page: one image file, with its alt text and caption.

A :class:`defence_diplomacy.style.Chart` displays as one ``text/html`` output, a
``<figure class="book-chart">`` holding the PNG (once, as a data: URL), its alt text and
its caption, so that a reader of the notebook in Jupyter sees the caption and a screen
reader gets the alt text. (An ``image/png`` output could not bring them to the page:
myst-nb 1.4's ``render_image`` reads only ``width`` and ``height`` from an image output's
metadata, and no metadata key of an image output is a caption.)

Here, as each notebook is read, that output becomes docutils nodes: a ``figure`` with an
``image`` (the PNG written to the notebook's output folder, as myst-nb writes its own
images) and a ``caption``. Sphinx then copies the file to ``_images/`` like any other
image, every builder draws a figure, and a page's HTML holds no chart data, so its text
paints before its charts. The figure's markup is our own (``style.Chart.html``), read
with the standard library's HTML parser, not with regular expressions.

A chart a notebook glues and a chapter pastes (``{glue:any}``) arrives later, when
myst-nb pastes it; it becomes the same figure then (:class:`PastedChartsToFigures`).

Switch: ``chart_figures_as_files`` (default True). With it off, the outputs stay as they
are (the PNG inline in the page).
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import posixpath
import struct
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from rebuild_on_change import rebuild_when_changed

HERE = Path(__file__).parent
CHART_CLASS = "book-chart"


class ChartFigure(nodes.figure):
    """A chart's figure. Drawn as any figure, but not one Sphinx numbers: the book's charts
    have no "Fig. N" (and a numbered figure needs an id, for its link)."""


class ChartImage(nodes.image):
    """A chart's image: drawn with its pixel size, so that the layout does not move
    when it arrives, and loaded lazily. Builders other than HTML draw it as an image."""


def visit_chart_image_html(self, node: ChartImage) -> None:
    uri = node["uri"]
    if uri in self.builder.images:
        uri = posixpath.join(self.builder.imgpath, urllib.parse.quote(self.builder.images[uri]))
    self.body.append(
        f'<img src="{html.escape(uri)}" alt="{html.escape(node["alt"])}" width="{node["pixel_width"]}" '
        f'height="{node["pixel_height"]}" loading="lazy" decoding="async" />')
    raise nodes.SkipNode


class _FigureMarkup(HTMLParser):
    """The image's src and alt and the caption's text of one ``<figure class="book-chart">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.classes: list[str] = []
        self.images: list[dict] = []
        self.caption: list[str] = []
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "figure":
            self.classes = (attributes.get("class") or "").split()
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "figcaption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.caption.append(data)


def read_chart(markup: str) -> tuple[bytes, str, str] | None:
    """(PNG bytes, alt text, caption) of a chart's figure markup, or None for other HTML."""
    if not markup.lstrip().startswith(f'<figure class="{CHART_CLASS}"'):
        return None
    parser = _FigureMarkup()
    parser.feed(markup)
    parser.close()
    prefix = "data:image/png;base64,"
    if CHART_CLASS not in parser.classes or len(parser.images) != 1:
        return None
    src = parser.images[0].get("src") or ""
    if not src.startswith(prefix):
        return None
    return base64.b64decode(src[len(prefix):]), parser.images[0].get("alt") or "", "".join(parser.caption).strip()


class ChartOutputsToFigures(Transform):
    """Each chart output of a notebook becomes a figure node with an image file."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        env = getattr(self.document.settings, "env", None)
        if env is None or not env.config.chart_figures_as_files:
            return
        folder = getattr(getattr(env, "mystnb_config", None), "output_folder", None)
        if not folder:
            return
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            for output in bundle.children:
                if output.get("mime_type") != "text/html" or len(output.children) != 1:
                    continue
                chart = read_chart(output.children[0].astext())
                if chart is None:
                    continue
                png, alt, caption = chart
                output.replace_self(self._figure(env, Path(folder), png, alt, caption))

    def _figure(self, env, folder: Path, png: bytes, alt: str, caption: str) -> nodes.container:
        # Named and placed as myst-nb names and places its own image outputs.
        path = write_once(folder, png)
        uri = "/" + os.path.relpath(path.resolve(), env.srcdir)
        # An image output now: every builder's mime priority list selects it.
        return nodes.container("", chart_figure(png, alt, caption, uri), mime_type="image/png")


def write_once(folder: Path, png: bytes) -> Path:
    """The PNG as a file in ``folder`` named by its content, written unless it is there already."""
    path = folder / f"{hashlib.sha256(png).hexdigest()}.png"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
    return path


def chart_figure(png: bytes, alt: str, caption: str, uri: str, **image_attributes) -> ChartFigure:
    width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR chunk
    image = ChartImage(uri=uri, alt=alt, pixel_width=width, pixel_height=height, **image_attributes)
    # The caption as the chart wrote it: its apostrophes stay straight, as in the notebook.
    text = nodes.caption(caption, caption, support_smartquotes=False)
    return ChartFigure("", image, text, classes=[CHART_CLASS])


class PastedChartsToFigures(SphinxPostTransform):
    """A chart pasted into a chapter with ``{glue:any}`` becomes a figure as well.

    myst-nb pastes a notebook's glued output into another document in a post-transform
    (priority 5), as a raw node of the output's ``text/html``, after images have been
    collected; so here the PNG is written to ``_images/`` directly and the image points at
    it from the page, as myst-nb's own pasted images do."""

    default_priority = 10

    def run(self, **kwargs) -> None:
        if not self.config.chart_figures_as_files:
            return
        builder = self.app.builder
        images = Path(builder.outdir) / getattr(builder, "imagedir", "_images")
        page_dir = posixpath.dirname(builder.get_target_uri(self.env.docname)) or "."
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            chart = read_chart(raw.astext())
            if chart is None:
                continue
            png, alt, caption = chart
            uri = posixpath.relpath(f"{images.name}/{write_once(images, png).name}", page_dir)
            figure = chart_figure(png, alt, caption, uri, candidates={"*": uri})
            raw.replace_self(figure)
            figure["classes"] = [CHART_CLASS]  # not the raw output's classes, which replace_self copies


def configure(app: Sphinx, config) -> None:
    if config.chart_figures_as_files:
        config.html_static_path = [*config.html_static_path, str(HERE / "static")]


def add_css(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The figures' stylesheet, only on pages with a chart."""
    if app.config.chart_figures_as_files and doctree is not None and next(doctree.findall(ChartFigure), None):
        app.add_css_file("chart-figures.css")


def setup(app: Sphinx) -> dict:
    app.add_config_value("chart_figures_as_files", True, "env", [bool])
    app.add_node(ChartImage, html=(visit_chart_image_html, None))
    app.add_transform(ChartOutputsToFigures)
    app.add_post_transform(PastedChartsToFigures)
    app.connect("config-inited", configure)
    app.connect("html-page-context", add_css, priority=450)
    app.connect("env-get-outdated", rebuild_when_changed(HERE, "chart_figures"))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
