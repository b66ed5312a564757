"""Private: the SVG an explorer shows, drawn by matplotlib's SVG renderer with each label measured once per session.

:func:`svg_bytes` writes what ``savefig(format="svg")`` writes; :func:`inline_svg`, the ``<svg>``
element an explorer puts in the page. Tests compare what both draw with matplotlib's own SVG.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
from matplotlib.backends.backend_svg import RendererSVG, _generate_css, _short_float_fmt, svgProlog
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from defence_diplomacy._render import _font_heights, _text_size


class TextSizesKeptSVG(RendererSVG):
    """Matplotlib's SVG renderer, measuring each label once per session rather than once per drawing.

    An explorer redraws the same tick labels, titles and legends on every update;
    measuring their text was a fifth of each redraw, and reading the font's height
    from its tables for every text another tenth.
    """

    def get_text_width_height_descent(self, s, prop, ismath):
        return _text_size(s, prop.copy(), ismath)  # a copy: the cache must not hold a font an artist may change

    def _get_font_height_metrics(self, prop):
        # Matplotlib's (3.11) hook for a backend's own font heights; SVG lays text out at 72 dpi.
        return _font_heights(prop.copy(), 72.0)


def svg_bytes(figure: Figure) -> bytes:
    """The figure as SVG with text kept as text, as ``savefig(format="svg")`` writes it, measured once per label."""
    return _svg(figure, TextSizesKeptSVG).encode("utf-8")


def inline_svg(figure: Figure) -> str:
    """The figure as an ``<svg>`` element to place in an HTML page: :func:`svg_bytes` without what
    only a file needs (the XML declaration, doctype and metadata) and without its stylesheet.

    An image of SVG is parsed and laid out as a document of its own, and base64 adds a third to
    its bytes; in the page it is neither. But the stylesheet matplotlib writes in every SVG
    (``*{stroke-linejoin: round; stroke-linecap: butt}``) would then style the whole page: the
    page gives those two defaults to the charts' own elements instead (:data:`INLINE_SVG_STYLE`).
    It draws what :func:`svg_bytes` draws; a set of round markers of one colour is written as one
    path of points rather than a ``<use>`` each (see :class:`_InlineSVG`).
    """
    # No metadata either: in a page it says nothing, and its date would make each drawing differ.
    document = _svg(figure, _InlineSVG, metadata=dict.fromkeys(["Creator", "Date", "Format", "Type"]))
    if not document.startswith(svgProlog):
        raise RuntimeError("matplotlib's SVG no longer begins with the prolog inline_svg leaves out")
    return document[len(svgProlog):]


#: What matplotlib's SVG stylesheet says, said for the charts an HTML page holds inline.
INLINE_SVG_STYLE = ".book-chart svg * { stroke-linejoin: round; stroke-linecap: butt; }"


class _InlineSVG(TextSizesKeptSVG):
    """The renderer of :func:`inline_svg`: matplotlib's SVG, with each set of markers' colours written once,
    and round markers of one colour as one path of points (:meth:`_dots`)."""

    def __init__(self, width, height, svgwriter, *args, **kwargs):
        super().__init__(width, height, svgwriter, *args, **kwargs)
        self._out = svgwriter  # the markers' <use> elements are written to it directly

    def _write_default_style(self):
        pass  # see inline_svg: the page's INLINE_SVG_STYLE stands in for it

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None):
        # Matplotlib states a line's marker colours on every marker; on the group around them, the
        # markers inherit them. For eighteen lines of yearly points that was a quarter of the SVG's
        # bytes and of its drawing. A group's opacity would not be each marker's: left as it is.
        style = self._get_style_dict(gc, rgbFace)
        if "opacity" in style or gc.get_url() is not None or not len(path.vertices):
            return super().draw_markers(gc, marker_path, marker_trans, path, trans, rgbFace)
        css = _generate_css(style)
        self.writer.start("g", style=css)
        diameter = _dot_diameter(gc, marker_path, marker_trans, style, rgbFace)
        if diameter is None:
            self._grouped_markers(gc, marker_path, marker_trans, path, trans, style, css)
        else:
            self._dots(gc, path, trans, diameter)
        self.writer.end("g")

    def _dots(self, gc, path, trans, diameter):
        """Round markers of one colour as one path: at each point a segment of no length, whose round
        cap the browser draws as a disc the marker's size (SVG 1.1, 11.4). Chromium builds a copy of the
        marker for each ``<use>``: the 18-country chart's 659 took three times as long to lay out and
        paint as the rest of it."""
        points = self._marker_points(path, trans)
        self.writer.start("g", **self._get_clip_attrs(gc))
        if points:
            self.writer.element("path", d="".join(f"M{_short_float_fmt(x)} {_short_float_fmt(y)}h0" for x, y in points),
                                style=f"fill: none; stroke-width: {_short_float_fmt(diameter)}; stroke-linecap: round")
        self.writer.end("g")

    def _marker_points(self, path, trans) -> list[tuple[float, float]]:
        return _marker_points(path, self._make_flip_transform(trans), (0, 0, self.width * 72, self.height * 72))

    def _grouped_markers(self, gc, marker_path, marker_trans, path, trans, style, css):
        """Matplotlib's ``draw_markers`` (3.11) for markers whose group carries their style: the same
        definition and ``<use>`` elements, the uses written as one text rather than one by one
        through the XML writer: the markers were two fifths of the 18-country chart's SVG."""
        writer = self.writer
        path_data = _marker_path_data(self, marker_path, marker_trans)
        key = (path_data, css)
        oid = self._markers.get(key)
        if oid is None:
            oid = self._make_id("m", key)
            writer.start("defs")
            writer.element("path", id=oid, d=path_data,
                           style=_generate_css({k: v for k, v in style.items() if k.startswith("stroke")}))
            writer.end("defs")
            self._markers[key] = oid
        depth = writer.start("g", **self._get_clip_attrs(gc))
        points = self._marker_points(path, trans)
        if points:
            (x, y), rest = points[0], points[1:]
            # The first through the writer, which closes the group's start tag; the rest as it would write them,
            # numbers as _short_float_fmt writes them.
            writer.element("use", attrib={"xlink:href": f"#{oid}", "x": _short_float_fmt(x), "y": _short_float_fmt(y)})
            use = " " * (depth + 1) + f'<use xlink:href="#{oid}" x="%s" y="%s"/>\n'  # indented as the writer would
            self._out.write("".join(use % (("%f" % x).rstrip("0").rstrip("."), ("%f" % y).rstrip("0").rstrip("."))
                                    for x, y in rest))
        writer.end("g")


def _dot_diameter(gc, marker_path: Path, marker_trans, style: dict, rgbFace) -> float | None:
    """The width of the disc a circle marker fills, when its face and edge are one opaque colour with
    no dashes or hatch (what :meth:`_InlineSVG._dots` can draw); else ``None``."""
    if rgbFace is None or gc.get_hatch() is not None or not _is_unit_circle(marker_path):
        return None
    (scale, b, e), (c, other, f), _ = marker_trans.get_matrix()
    if scale != other or b or c or e or f or scale <= 0:
        return None
    if "stroke" not in style or style.get("fill", "#000000") != style["stroke"]:
        return None
    if any(key in style for key in ("fill-opacity", "stroke-opacity", "opacity", "stroke-dasharray")):
        return None
    return 2 * scale + gc.get_linewidth()  # the circle and the half of its edge outside it


def _is_unit_circle(path: Path) -> bool:
    """Whether ``path`` is matplotlib's circle marker (a legend's handles hold copies of it)."""
    circle = Path.unit_circle()
    return path is circle or (len(path.vertices) == len(circle.vertices) and np.array_equal(path.codes, circle.codes)
                              and np.array_equal(path.vertices, circle.vertices))


def _marker_points(path: Path, transform, clip) -> list[tuple[float, float]]:
    """Where matplotlib's SVG ``draw_markers`` puts a line's markers: the last point of each segment of
    ``path`` transformed and clipped, as ``iter_segments`` yields them; found in one step for a path of
    straight segments (every line's), where ``iter_segments`` yields them one by one."""
    cleaned = path.cleaned(transform, remove_nans=True, clip=clip)
    codes = cleaned.codes
    stop = np.flatnonzero(codes == Path.STOP)
    codes = codes[:stop[0]] if len(stop) else codes
    if codes.max(initial=Path.MOVETO) > Path.LINETO:  # curves: a segment is several points
        return [tuple(vertices[-2:]) for vertices, _ in path.iter_segments(transform, clip=clip, simplify=False)
                if len(vertices)]
    return [tuple(point) for point in cleaned.vertices[:len(codes)].tolist()]


def _marker_path_data(renderer: RendererSVG, marker_path: Path, marker_trans) -> str:
    """The marker's outline as draw_markers writes it, converted once per session for each shape and
    size: each of eighteen lines of points converted the same circle again, in every drawing."""
    key = (marker_path.vertices.tobytes(), None if marker_path.codes is None else marker_path.codes.tobytes(),
           marker_trans.get_matrix().tobytes())
    if key not in _MARKER_PATH_DATA:
        if len(_MARKER_PATH_DATA) > 256:  # the book's charts use a dozen; a session never needs more
            _MARKER_PATH_DATA.clear()
        _MARKER_PATH_DATA[key] = renderer._convert_path(marker_path, marker_trans + Affine2D().scale(1.0, -1.0),
                                                        simplify=False)
    return _MARKER_PATH_DATA[key]


_MARKER_PATH_DATA: dict[tuple, str] = {}


def _svg(figure: Figure, renderer_class, metadata: dict | None = None) -> str:
    buffer = io.StringIO()
    dpi = figure.dpi
    width, height = figure.get_size_inches()
    figure.dpi = 72  # SVG's unit is the point
    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "book"}):
            # savefig wraps the renderer for rasterised artists; the book's charts have none.
            renderer = renderer_class(width * 72, height * 72, buffer, image_dpi=dpi, metadata=metadata)
            figure.draw(renderer)
            renderer.finalize()
    finally:
        figure.dpi = dpi
    return buffer.getvalue()
