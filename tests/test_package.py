"""The shared style and the rendering layer: qualified counts, the explorers' SVG, legends drawn as text."""

import asyncio
import gc
import html
import io
import re
from xml.etree import ElementTree

import ipywidgets
import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from defence_diplomacy import (_render, _svg, attache_networks, data, explorer, load, national_models,
                               peacekeeping, style)

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


@pytest.mark.parametrize("make", [
    lambda: attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES),
    _matrix_with_legend,
    lambda: peacekeeping.peacekeeping_by_country(load("peacekeeping_contributions"), data.country_names()),
], ids=["attache_networks", "matrix_with_legend", "peacekeeping_all_countries"])
def test_live_svg_is_what_savefig_writes(make):
    chart = make()
    saved = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "book"}):
        chart.figure.savefig(saved, format="svg")
    undated = lambda svg: re.sub(rb"<dc:date>.*?</dc:date>", b"", svg)
    assert undated(_svg.svg_bytes(chart.figure)) == undated(saved.getvalue())
    # In a page: the same drawing, less the file's prolog and metadata and the stylesheet the page states instead.
    in_page = _svg.inline_svg(chart.figure)
    assert in_page.startswith("<svg ") and "<style" not in in_page and "<metadata" not in in_page
    assert in_page == _svg.inline_svg(chart.figure), "the same chart, the same element"
    assert "stroke-linejoin: round; stroke-linecap: butt" in _svg.INLINE_SVG_STYLE
    assert drawn(in_page.encode()) == drawn(saved.getvalue())


SVG, XLINK = "{http://www.w3.org/2000/svg}", "{http://www.w3.org/1999/xlink}"


def drawn(svg: bytes) -> list[tuple]:
    """What an SVG draws, element by element, stylesheet and metadata left out; a marker as its outline,
    place and colours, whether these are stated on it or on the group around it (as in the explorers').

    A round marker whose face and edge are one opaque colour is a disc, ``("disc", x, y, width,
    colour)``, whether drawn as a ``<use>`` of a circle's outline (matplotlib) or as a segment of no
    length with a round cap (the explorers)."""
    root = ElementTree.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}
    outlines = {path.get("id"): path for path in root.iter(f"{SVG}path") if path.get("id")}  # markers' outlines
    elements = []
    for element in root.iter():
        tag, attributes = element.tag.removeprefix(SVG), element.attrib
        around = list(_up(element, parents))  # the element, then its parents
        styles = [_style(node) for node in around if "style" in node.attrib]
        if tag in ("style", "metadata") or any(node.tag == f"{SVG}metadata" for node in around):
            continue
        if element.get("id") in outlines or tag == "defs" and all(
                child.tag == f"{SVG}style" or child.get("id") in outlines for child in element):
            continue  # where the stylesheet was, and the markers' outlines: each marker below states its own
        if tag == "g" and list(attributes) == ["style"] and any(
                node.tag == f"{SVG}use" or _is_discs(node) for node in element.iter()):
            continue  # a group of markers that only states their colours
        if tag == "use":
            outline, colours = outlines[attributes[f"{XLINK}href"][1:]], styles[0]
            d = outline.get("d")
            if d.startswith("M 0 ") and d.count("C ") == 8 and colours.get("fill", "#000000") == colours.get("stroke") \
                    and "opacity" not in colours:  # a circle of one colour
                width = 2 * float(d.split()[2]) + float(_style(outline).get("stroke-width", 1))
                elements.append(_disc(attributes["x"], attributes["y"], width, colours["stroke"]))
            else:
                elements.append(("use", d, outline.get("style"), attributes["x"], attributes["y"],
                                 sorted(colours.items())))
        elif _is_discs(element):
            colour = next(style["stroke"] for style in styles if "stroke" in style)
            elements += [_disc(x, y, _style(element)["stroke-width"], colour)
                         for x, y in re.findall(r"M([-0-9.]+) ([-0-9.]+)h0", attributes["d"])]
        else:
            elements.append((tag, sorted(attributes.items()), (element.text or "").strip()))
    return elements


def _style(element) -> dict[str, str]:
    return dict(part.split(":", 1) for part in element.get("style", "").replace(" ", "").split(";") if ":" in part)


def _up(element, parents):
    while element is not None:
        yield element
        element = parents.get(element)


def _is_discs(element) -> bool:
    return element.tag == f"{SVG}path" and element.get("d", "").endswith("h0") \
        and _style(element).get("stroke-linecap") == "round"


def _disc(x, y, width, colour) -> tuple:
    return "disc", round(float(x), 3), round(float(y), 3), round(float(width), 3), colour


def test_an_explorer_chart_is_an_svg_in_the_page_with_its_alt_text_and_caption():
    chart = attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES)
    page = chart.live()._repr_mimebundle_()["text/html"]
    assert page.startswith('<figure class="book-chart"') and "<img" not in page
    assert f'<div role="img" aria-label="{html.escape(chart.alt_text)}"><svg ' in page
    assert f"<figcaption>{html.escape(chart.caption)}</figcaption>" in page


def test_text_sizes_are_measured_once():
    chart = attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES)
    _render._text_size.cache_clear()
    _svg.inline_svg(chart.figure)
    first = _render._text_size.cache_info()
    _svg.inline_svg(attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES).figure)
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
        _render.bars_as_path(ax, np.array([1995]), np.array([2.0]), 0, facecolor="#009E73", label="bars")
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


def test_going_back_to_a_selection_shows_its_drawing_again_without_drawing_it_again():
    planned = []

    def plan(year):
        planned.append(year)
        return explorer.Message(f"year {year}")

    slider = ipywidgets.IntSlider(value=2000, min=1990, max=2020)
    box = explorer.explore({"year": slider}, plan, draw=lambda view: view)
    output = box.children[1]
    for year in (2001, 2002, 2001, 2000):
        slider.value = year
        assert f"year {year}" in output.value
    assert planned == [2000, 2001, 2002], "each selection planned and drawn once"



@pytest.mark.parametrize("control, old, new, following", [
    (ipywidgets.IntSlider(min=1990, max=2020), 2001, 2002, 2003),
    (ipywidgets.IntSlider(min=1990, max=2020), 2002, 2001, 2000),
    (ipywidgets.IntSlider(min=1990, max=2020), 2019, 2020, None),  # the end of the range
    (ipywidgets.IntRangeSlider(min=1990, max=2020), (1990, 2020), (1991, 2020), (1992, 2020)),
    (ipywidgets.IntRangeSlider(min=1990, max=2020), (2000, 2001), (2000, 2000), None),  # handles would cross
    (ipywidgets.ToggleButtons(options=[("a", "x"), ("b", "y"), ("c", "z")]), "x", "y", "z"),
    (ipywidgets.Dropdown(options=["x", "y", "z"]), "z", "y", "x"),
    (ipywidgets.Dropdown(options=["x", "y", "z"]), "y", "z", None),  # the end of the list
    (ipywidgets.SelectMultiple(options=["x", "y", "z"]), ("x",), ("x", "y"), None),  # no step to repeat
])
def test_the_step_ahead_repeats_the_last_move_and_stops_at_the_ends(control, old, new, following):
    assert explorer.step_ahead(control, old, new) == following


def test_while_the_reader_looks_the_explorer_draws_each_controls_next_step_and_a_change_stops_it():
    planned = []

    def plan(year, view):
        planned.append((year, view))
        return explorer.Message(f"{view} {year}")

    year = ipywidgets.IntSlider(value=2000, min=1990, max=2020)
    view = ipywidgets.Dropdown(options=["a", "b", "c", "d"], value="a")

    looks = explorer.IDLE_AFTER + 0.25  # the reader's pause: long enough on a busy machine too

    async def reader():
        box = explorer.explore({"year": year, "view": view}, plan, draw=lambda shown: shown)
        year.value = 2001
        await asyncio.sleep(looks)
        assert planned == [(2000, "a"), (2001, "a"), (2002, "a")], "the year one more step along"
        view.value = "b"
        await asyncio.sleep(looks)
        assert planned[3:] == [(2001, "b"), (2001, "c"), (2002, "b")], "the latest move first, then the others"
        year.value = 2002
        assert "b 2002" in box.children[1].value and len(planned) == 6, "drawn ahead: shown without drawing"
        view.value = "c"  # before the drawing ahead of 2003 could start: it is never drawn
        await asyncio.sleep(looks)
        assert planned[6:] == [(2002, "c"), (2002, "d"), (2003, "c")]

    asyncio.run(reader())


def test_a_table_in_an_explorer_shows_every_cell_whole_and_no_row_numbers():
    long_text = "A locator that runs on " * 10 + "<to the end>"
    page = explorer.page_html(pd.DataFrame({"event": ["first", long_text], "locator": ["p. 1", None]}))
    assert html.escape(long_text) in page and "<td></td>" in page, "no cut at 50 characters; no figure is empty"
    assert "<style" not in page and "<th>0</th>" not in page and page.count("<tr>") == 3
    labelled = explorer.page_html(pd.DataFrame({"total": [5]}, index=pd.Index(["France"], name="country")))
    assert "<th>country</th><th>total</th>" in labelled and "<th>France</th><td>5</td>" in labelled


def test_a_long_table_is_folded_under_a_line_that_says_how_long_it_is():
    rows = explorer.FOLDED_AFTER + 1
    page = explorer.page_html(pd.DataFrame({"n": range(rows)}))
    assert page.startswith(f"<details><summary>The table, {rows} rows</summary><table") and page.count("<tr>") == rows + 1
    assert not explorer.page_html(pd.DataFrame({"n": range(rows - 1)})).startswith("<details>")


def test_a_redraw_runs_without_the_garbage_collector_and_leaves_it_as_it_found_it():
    during = []

    def plan(year):
        during.append(gc.isenabled())
        if year == 2002:
            raise ValueError("a plan that fails")
        return explorer.Message(f"year {year}")

    slider = ipywidgets.IntSlider(value=2000, min=1990, max=2020)
    explorer.explore({"year": slider}, plan, draw=lambda view: view)
    slider.value = 2001
    assert during == [False, False] and gc.isenabled(), "paused while drawing, running again after"
    with pytest.raises(ValueError):
        slider.value = 2002
    assert gc.isenabled(), "running again after a redraw that failed"
    gc.disable()
    try:
        slider.value = 2003
        assert not gc.isenabled(), "a collector switched off elsewhere stays off"
    finally:
        gc.enable()

def test_markers_in_the_page_have_the_colours_savefig_gives_each_of_them():
    with matplotlib.rc_context(style.BOOK_STYLE):
        figure, ax = _render.new_figure((6, 3))
        ax.plot([1, 2, 3], [1, 3, 2], marker="o", color="#0072B2")
        ax.plot([1, 2, 3], [2, 1, 3], marker="s", markerfacecolor="white", color="#E69F00")
        ax.plot([1, 2, 3], [3, 2, 1], marker="o", alpha=0.5)
    saved = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "book"}):
        figure.savefig(saved, format="svg")
    assert drawn(_svg.inline_svg(figure).encode()) == drawn(saved.getvalue())


def test_markers_with_an_opacity_of_their_own_keep_it_each():
    """A group's opacity would blend overlapping markers as one: those keep their style on each."""
    buffer = io.StringIO()
    renderer = _svg._InlineSVG(100, 100, buffer)
    gc = renderer.new_gc()
    gc.set_alpha(0.5)  # stated for the whole artist: SVG's opacity, which children do not inherit
    renderer.draw_markers(gc, Path.unit_circle(), Affine2D().scale(3), Path([[10, 10], [12, 12]]), Affine2D(),
                          (0, 0, 1, 1))
    renderer.finalize()
    uses = re.findall(r"<use [^>]*>", buffer.getvalue())
    assert len(uses) == 2 and all("; opacity: 0.5;" in use for use in uses)


def test_a_blank_figure_made_ahead_draws_as_one_made_when_asked():
    _render._stock.clear()
    _render._taken.clear()
    with matplotlib.rc_context(style.BOOK_STYLE):
        first, _ = _render.new_figure((5, 3))
    _render.restock()  # as an explorer does once its chart has left
    made_ahead = [figure for ready in _render._stock.values() for figure in ready]
    with matplotlib.rc_context(style.BOOK_STYLE):
        ahead, _ = _render.new_figure((5, 3))
        asked, _ = _render.new_figure((5, 3))  # none left ahead: made now
        for figure in (first, ahead, asked):
            figure.axes[0].plot([1, 2], [3, 4])
    assert made_ahead == [ahead] and len({id(first), id(ahead), id(asked)}) == 3
    assert _svg.inline_svg(ahead) == _svg.inline_svg(first) == _svg.inline_svg(asked)
