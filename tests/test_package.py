"""The shared style and the rendering layer: qualified counts, and the explorers' SVG."""

import io
import re

import matplotlib
import pytest

from defence_diplomacy import _render, attache_networks, load, style

COUNTRY_NAMES = {"USA": "United States", "GBR": "United Kingdom", "ESP": "Spain"}


@pytest.mark.parametrize("value, qualifier, text", [(500, "at_least", "more than 500"), (1358, "exact", "1,358"),
                                                    (40, "approximately", "about 40")])
def test_qualified_counts_read_as_the_source_states_them(value, qualifier, text):
    assert style.qualified(value, qualifier) == text


def test_live_svg_is_what_savefig_writes_and_text_sizes_are_measured_once():
    chart = attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES)
    saved = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "book"}):
        chart.figure.savefig(saved, format="svg")
    undated = lambda svg: re.sub(rb"<dc:date>.*?</dc:date>", b"", svg)
    assert undated(chart.svg()) == undated(saved.getvalue())
    _render._text_size.cache_clear()
    chart.svg()
    first = _render._text_size.cache_info()
    attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES).svg()
    again = _render._text_size.cache_info()
    assert again.misses == first.misses and again.hits > first.hits, "a redraw measures no new text"
    assert chart.kind == "attache_networks"
