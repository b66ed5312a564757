"""Explorer charts size their own margins: no title, label or legend may fall off the figure.

Constrained layout would guarantee this but costs a layout pass on every redraw;
``_render.fixed_margins`` measures the labels instead, so these tests draw the
charts an explorer can show, for wide and narrow year ranges, and check that
every piece of text ends inside the figure.
"""

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Annotation, Text

from defence_diplomacy import (
    alliances_exercises, attache_networks, azerbaijan, country_names, explorer, load, national_models, peacekeeping,
    style, timeline, vocabulary,
)
from defence_diplomacy._render import TextLegend

TOLERANCE = 2  # pixels: antialiasing at the very edge


def legend_texts(where) -> list:
    """The labels of the legends on a figure or an axes, matplotlib's or drawn as text."""
    legends = [*getattr(where, "legends", []), *([where.get_legend()] if hasattr(where, "get_legend") else [])]
    drawn = [part for artist in where.artists if isinstance(artist, TextLegend)
             for part in artist.parts if isinstance(part, Text)]
    return [text for legend in legends if legend for text in legend.get_texts()] + drawn


def _texts_cut_at_the_edge(chart: style.Chart) -> list[str]:
    figure = chart.figure
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    width, height = figure.bbox.width, figure.bbox.height
    texts = [*figure.texts, *legend_texts(figure)]
    for ax in figure.axes:
        texts += [*ax.texts, ax.title, ax.xaxis.label, ax.yaxis.label, *legend_texts(ax)]
    cut = []
    for text in texts:
        if not text.get_visible() or not text.get_text():
            continue
        if isinstance(text, Annotation) and not text._check_xy(renderer):
            continue  # its point is outside the axes, so matplotlib does not draw it
        box = text.get_window_extent(renderer)
        if box.x0 < -TOLERANCE or box.y0 < -TOLERANCE or box.x1 > width + TOLERANCE or box.y1 > height + TOLERANCE:
            cut.append(text.get_text())
    return cut


AZERBAIJAN_RANGES = [(1992, 2023), (2002, 2010), (2012, 2016), (2015, 2023), (2008, 2009)]


@pytest.mark.parametrize("series", list(azerbaijan.AZERBAIJAN_SERIES))
@pytest.mark.parametrize("years", AZERBAIJAN_RANGES)
def test_azerbaijan_charts_keep_their_text_inside_the_figure(series, years):
    tables = azerbaijan.azerbaijan_tables()
    plan = azerbaijan.plan_azerbaijan_view(tables, series, years)
    if isinstance(plan, explorer.Message):
        # The one series that stops before these ranges: MME ends in 2010, and the reader is told so.
        assert series == "exercises" and years[0] > 2010 and "the data set ends in 2010" in plan.text
        return
    assert _texts_cut_at_the_edge(azerbaijan.draw_azerbaijan_view(plan, tables)) == []


@pytest.mark.parametrize("view", list(timeline.TIMELINE_VIEWS))
def test_timeline_keeps_its_text_inside_the_figure(view):
    plan = timeline.plan_timeline_view(load("timeline_events"), load("thinkers"), view)
    assert _texts_cut_at_the_edge(timeline.timeline(plan.rows, plan.title)) == []


def test_attache_chart_keeps_its_text_inside_the_figure():
    assert _texts_cut_at_the_edge(attache_networks.attache_networks(load("attache_networks"), country_names())) == []


@pytest.mark.parametrize("categories", [None, ["exercises"], ["high_level_visits", "arms_control", "peacekeeping"]])
def test_instrument_matrix_keeps_its_text_inside_the_figure(categories):
    chart = national_models.instrument_matrix_chart(load("national_instruments"), country_names(), categories)
    assert _texts_cut_at_the_edge(chart) == []


@pytest.mark.parametrize("years", [(1990, 2025), (2000, 2005), (2010, 2025)])
def test_peacekeeping_chart_keeps_its_text_inside_the_figure(years):
    names = country_names()
    contributions = load("peacekeeping_contributions")
    plan = peacekeeping.plan_peacekeeping_view(contributions, names, vocabulary.FOUR_MODELS, "total", years)
    chart = peacekeeping.peacekeeping_by_country(plan.rows, names, plan.personnel, plan.years)
    assert _texts_cut_at_the_edge(chart) == []


@pytest.mark.parametrize("years", [(1980, 2010), (2000, 2005), (2010, 2010)])
def test_exercises_chart_keeps_its_text_inside_the_figure(years):
    by_country = load("exercises_by_country")
    models = by_country[by_country["country"].isin(vocabulary.FOUR_MODELS)]
    chart = alliances_exercises.exercises_over_time(load("exercises_per_year"), models, country_names(), years)
    assert _texts_cut_at_the_edge(chart) == []


def test_ticks_drawn_as_text_keep_matplotlib_s_labels():
    chart = alliances_exercises.alliances_in_force(load("alliances_in_force"))
    (ax,) = chart.figure.axes
    texts = [t.get_text() for t in ax.texts]
    assert {"1850", "1900", "1950", "2000"} <= set(texts) and "0" in texts
    assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []


def test_a_title_wider_than_the_axes_is_centred_on_the_figure():
    tables = azerbaijan.azerbaijan_tables()
    chart = azerbaijan.draw_azerbaijan_view(azerbaijan.plan_azerbaijan_view(tables, "milestones", (1992, 2023)), tables)
    (ax,) = chart.figure.axes
    left, _, width, _ = ax.get_position().bounds
    assert left + ax.title.get_position()[0] * width == pytest.approx(0.5)


def test_lane_labels_replace_ticks():
    chart = attache_networks.attache_networks(load("attache_networks"), country_names())
    (ax,) = chart.figure.axes
    assert list(ax.get_yticks()) == []
    assert "United Kingdom: defence attachés" in [t.get_text() for t in ax.texts]


def _overlapping(chart: style.Chart, texts) -> list[tuple[str, str]]:
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text()]
    return [(a, b) for i, (a, one) in enumerate(boxes) for b, other in boxes[i + 1:] if one.overlaps(other)]


@pytest.mark.parametrize("years", AZERBAIJAN_RANGES)
def test_deployment_figures_do_not_run_into_each_other(years):
    tables = azerbaijan.azerbaijan_tables()
    plan = azerbaijan.plan_azerbaijan_view(tables, "deployments", years)
    if isinstance(plan, explorer.Message):
        pytest.skip(plan.text)
    chart = azerbaijan.draw_azerbaijan_view(plan, tables)
    (ax,) = chart.figure.axes
    figures = [t for t in ax.texts if isinstance(t, Annotation) and t.get_ha() == "center"]
    assert figures and _overlapping(chart, figures) == []


@pytest.mark.parametrize("view", list(timeline.TIMELINE_VIEWS))
def test_timeline_span_label_sits_below_the_year_labels(view):
    plan = timeline.plan_timeline_view(load("timeline_events"), load("thinkers"), view)
    chart = timeline.timeline(plan.rows, plan.title)
    (ax,) = chart.figure.axes
    assert _overlapping(chart, [*ax.texts, ax.xaxis.label]) == []
