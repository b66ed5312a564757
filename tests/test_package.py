"""The shared style and the rendering layer: qualified counts, and the explorers' SVG."""

import io
import re

import matplotlib
import pytest

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
