"""The shared style and the rendering layer: qualified counts, the explorers' SVG, legends drawn as text."""

import io
import re

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from defence_diplomacy import _render, attache_networks, data, load, national_models, style

COUNTRY_NAMES = {"USA": "United States", "GBR": "United Kingdom", "ESP": "Spain"}


@pytest.mark.parametrize("value, qualifier, text", [(500, "at_least", "more than 500"), (1358, "exact", "1,358"),
                                                    (40, "approximately", "about 40")])
def test_qualified_counts_read_as_the_source_states_them(value, qualifier, text):
    assert style.qualified(value, qualifier) == text


def _matrix_with_legend():
    """Two-line labels and a legend beside the axes: the texts whose layout the renderer shortcuts."""
    chart = national_models.instrument_matrix_chart(load("national_instruments"), data.country_names())
    chart.figure.axes[0].plot([0, 1], [0, 1], label="a line\nin two lines")
    chart.figure.axes[0].legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    return chart


@pytest.mark.parametrize("make", [lambda: attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES),
                                  _matrix_with_legend], ids=["attache_networks", "matrix_with_legend"])
def test_live_svg_is_what_savefig_writes(make):
    chart = make()
    saved = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "book"}):
        chart.figure.savefig(saved, format="svg")
    undated = lambda svg: re.sub(rb"<dc:date>.*?</dc:date>", b"", svg)
    assert undated(chart.svg()) == undated(saved.getvalue())


def test_text_sizes_are_measured_once():
    chart = attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES)
    _render._text_size.cache_clear()
    chart.svg()
    first = _render._text_size.cache_info()
    attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES).svg()
    again = _render._text_size.cache_info()
    assert again.misses == first.misses and again.hits > first.hits, "a redraw measures no new text"
    assert chart.kind == "attache_networks"


@pytest.mark.parametrize("where, options", [("axes", {"loc": "upper left", "anchor": (1.01, 1)}),
                                            ("figure", {"loc": "lower center", "ncols": 2, "title": "Kinds"}),
                                            ("figure", {"loc": "right", "reverse": True})])
def test_a_legend_drawn_as_text_names_each_series_in_its_colours_inside_the_figure(where, options):
    with matplotlib.rc_context(style.BOOK_STYLE):
        figure, ax = _render.new_figure((8, 4.5))
        ax.plot([1990, 2000], [1, 3], color="#0072B2", marker="o", label="a line with a marker")
        ax.plot([1990, 2000], [2, 1], color="#E69F00", linestyle="--", label="a dashed line\non two lines")
        _render.bar_collection(ax, np.array([1995]), np.array([2.0]), 0, facecolor="#009E73", label="bars")
        ax.add_patch(Rectangle((1991, 0), 1, 1, facecolor="white", edgecolor="#D55E00", hatch="//", label="hatched"))
        ax.set_xlim(1985, 2005)
        ax.set_ylim(0, 4)
        legend = _render.legend_as_text(figure if where == "figure" else ax, **options)
        _render.fixed_margins(figure, ax)
    renderer = FigureCanvasAgg(figure).get_renderer()
    texts = [part for part in legend.parts if isinstance(part, Text)]
    samples = [part for part in legend.parts if not isinstance(part, Text)]
    names = ["a line with a marker", "a dashed line\non two lines", "bars", "hatched"]
    assert [t.get_text() for t in texts] == ([options["title"]] if "title" in options else []) \
        + (names[::-1] if options.get("reverse") else names)
    colours = [matplotlib.colors.to_hex(s.get_color() if isinstance(s, Line2D) else
                                        (s.get_edgecolor() if s.get_hatch() else s.get_facecolor())) for s in samples]
    assert colours == (["#0072b2", "#e69f00", "#009e73", "#d55e00"][::-1 if options.get("reverse") else 1])
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert all(0 <= b.x0 and b.x1 <= figure.bbox.width and 0 <= b.y0 and b.y1 <= figure.bbox.height for b in boxes)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), "labels overlap"
    plot = ax.get_window_extent(renderer)
    assert not any(plot.overlaps(b) for b in boxes), "the legend sits on the plot"
