"""Chart functions: a tidy frame in, a captioned figure with alt text out.

All charts share one style: the Okabe-Ito colour-blind-safe palette, readable
type and a white background, so figures survive dark mode and print. Each
returns a :class:`Chart`, which shows in Jupyter and in the built book as a
``<figure>`` with its alt text and a caption naming its sources.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import re
import textwrap
from collections import Counter
from dataclasses import dataclass

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker as ticker
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.markers import TICKDOWN, TICKLEFT
from matplotlib.patches import Patch
from matplotlib.textpath import text_to_path
from matplotlib.transforms import blended_transform_factory, offset_copy

from defence_diplomacy.data import default_package, format_year

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]

BOOK_STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 13,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "font.family": "DejaVu Sans",
}

#: How a qualified count is written next to its bar.
QUALIFIER_WORDS = {"exact": "{:,}", "at_least": "more than {:,}", "at_most": "up to {:,}", "approximately": "about {:,}"}


@dataclass
class Chart:
    """A figure with the caption and alt text that every figure in the book carries."""

    figure: Figure
    caption: str
    alt_text: str
    kind: str = ""  # the chart function that drew it

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()

    def svg(self) -> bytes:
        """Vector output with text kept as text: about half the time of a PNG to render."""
        buffer = io.StringIO()
        # What savefig(format="svg") does, with a renderer that remembers text sizes.
        figure, dpi = self.figure, self.figure.dpi
        width, height = figure.get_size_inches()
        figure.dpi = 72  # SVG's unit is the point
        try:
            with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "book"}):
                # savefig wraps the renderer for rasterised artists; the book's charts have none.
                renderer = _TextSizesKeptSVG(width * 72, height * 72, buffer, image_dpi=dpi)
                figure.draw(renderer)
                renderer.finalize()
        finally:
            figure.dpi = dpi
        return buffer.getvalue().encode("utf-8")

    def html(self, image: bytes, mime: str) -> str:
        encoded = base64.b64encode(image).decode("ascii")
        return (
            '<figure class="book-chart" style="margin:0">'
            f'<img src="data:{mime};base64,{encoded}" alt="{html.escape(self.alt_text)}" '
            'style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(self.caption)}</figcaption></figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = self.png()
        data = {"text/html": self.html(png, "image/png"), "image/png": base64.b64encode(png).decode("ascii"),
                "text/plain": self.caption}
        return data, {"image/png": {"alt": self.alt_text}}

    def live(self) -> LiveChart:
        return LiveChart(self)


@functools.lru_cache(maxsize=4096)
def _text_size(text: str, font: FontProperties, ismath) -> tuple[float, float, float]:
    return text_to_path.get_text_width_height_descent(text, font, ismath)


class _TextSizesKeptSVG(RendererSVG):
    """Matplotlib's SVG renderer, measuring each label once per session rather than once per drawing.

    An explorer redraws the same tick labels, titles and legends on every update;
    measuring their text was a fifth of each redraw.
    """

    def get_text_width_height_descent(self, s, prop, ismath):
        return _text_size(s, prop.copy(), ismath)  # a copy: the cache must not hold a font an artist may change


@functools.lru_cache(maxsize=4096)
def _agg_text_size(text: str, font: FontProperties, ismath, dpi: float, hinting: str) -> tuple[float, float, float]:
    return RendererAgg.get_text_width_height_descent(_measuring_renderer(dpi), text, font, ismath)


class _TextSizesKeptAgg(RendererAgg):
    """The Agg renderer :func:`fixed_margins` measures legends with, remembering text sizes like the SVG one."""

    def get_text_width_height_descent(self, s, prop, ismath):
        return _agg_text_size(s, prop.copy(), ismath, self.dpi, matplotlib.rcParams["text.hinting"])


@functools.lru_cache(maxsize=4)
def _measuring_renderer(dpi: float) -> _TextSizesKeptAgg:
    return _TextSizesKeptAgg(1, 1, dpi)  # it only measures: no canvas to speak of


@dataclass
class LiveChart:
    """A chart as an explorer shows it while the reader changes the controls.

    The same figure, caption and alt text, drawn as SVG: quick to redraw in a live
    kernel. The book's pages and the PDF keep the PNG of :class:`Chart`.
    """

    chart: Chart

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.chart.html(self.chart.svg(), "image/svg+xml"), "text/plain": self.chart.caption}


def styled(chart_function):
    """Run a chart function inside the book style and close its figure.

    Closing keeps pyplot from showing the figure a second time; the returned
    :class:`Chart` is what the notebook displays.
    """

    @functools.wraps(chart_function)
    def wrapper(*args, **kwargs) -> Chart:
        with plt.rc_context(BOOK_STYLE):
            chart = chart_function(*args, **kwargs)
        plt.close(chart.figure)
        chart.kind = chart_function.__name__
        return chart

    return wrapper


def source_caption(frame: pd.DataFrame, what: str) -> str:
    """'What. Sources: A (2020); B (2021).' from the frame's ``source`` keys."""
    return f"{what} {default_package().bibliography.caption(frame['source'])}"


def year_axis(ax, axis: str = "x") -> None:
    """Whole-year ticks, BCE-aware ('215 BCE'), never '1,990' or '1990.0'; there is no year 0."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(ticker.MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    target.set_major_formatter(ticker.FuncFormatter(
        lambda value, _: format_year(int(value)) if value == int(value) and value != 0 else ""))


def text_inches(text: str, size: float) -> float:
    """Width in inches of the widest line of ``text`` at ``size`` points, measured with the book's font."""
    font = FontProperties(family=BOOK_STYLE["font.family"], size=size)
    return max(_text_size(line, font, False)[0]
               for line in text.split("\n")) / 72


def lane_labels(ax, positions, labels, fontsize: float | None = None) -> list:
    """Name the lanes of a chart at the left of the axes, like ``ax.set_yticks(positions, labels)`` without marks.

    Plain text instead of ticks: a tick is five artists (three lines, two labels)
    and costs several times a text to make and draw, which adds up when an
    explorer redraws a chart with a dozen lanes. Returns the texts, for
    :func:`fixed_margins` to measure.
    """
    ax.yaxis.set_major_locator(ticker.NullLocator())
    left_of_axes = offset_copy(blended_transform_factory(ax.transAxes, ax.transData), ax.figure, x=-5, units="points")
    size = fontsize or matplotlib.rcParams["ytick.labelsize"]
    return [ax.text(0, y, label, transform=left_of_axes, ha="right", va="center", fontsize=size)
            for y, label in zip(positions, labels)]


def _axis_marks(ax, axis: str, locations, labels, grid_colour: str | None = None) -> list:
    """Tick marks as one line of markers and tick labels as plain text, where matplotlib puts its ticks.

    ``axis`` is "x" (marks below the axes, labels centred under them) or "y" (marks
    on the left, labels right-aligned). Length, width and padding come from the
    rcParams, as they do for matplotlib's own ticks. Returns the label texts.
    """
    length, width = matplotlib.rcParams[f"{axis}tick.major.size"], matplotlib.rcParams[f"{axis}tick.major.width"]
    gap = length + matplotlib.rcParams[f"{axis}tick.major.pad"]
    size = matplotlib.rcParams[f"{axis}tick.labelsize"]
    locations = list(locations)
    if axis == "x":
        on_axis = blended_transform_factory(ax.transData, ax.transAxes)
        if grid_colour:
            ax.vlines(locations, 0, 1, transform=on_axis, colors=grid_colour, linewidth=0.6, zorder=0.5)
        ax.plot(locations, [0] * len(locations), linestyle="", marker=TICKDOWN, markersize=length,
                markeredgewidth=width, color=matplotlib.rcParams["xtick.color"], transform=on_axis, clip_on=False)
        beside = offset_copy(on_axis, ax.figure, y=-gap, units="points")
        return [ax.text(x, 0, label, transform=beside, ha="center", va="top", fontsize=size)
                for x, label in zip(locations, labels) if label]
    on_axis = blended_transform_factory(ax.transAxes, ax.transData)
    ax.plot([0] * len(locations), locations, linestyle="", marker=TICKLEFT, markersize=length,
            markeredgewidth=width, color=matplotlib.rcParams["ytick.color"], transform=on_axis, clip_on=False)
    beside = offset_copy(on_axis, ax.figure, x=-gap, units="points")
    return [ax.text(0, y, label, transform=beside, ha="right", va="center_baseline", fontsize=size)
            for y, label in zip(locations, labels) if label]


def year_marks(ax, years, labels, grid_colour: str | None = None) -> None:
    """Marks and labels on the x axis, like ``ax.set_xticks(years, labels)``, as one line of marks and plain text.

    For the same reason as :func:`lane_labels`: the timeline's dozen ticks were a
    fifth of its redraw. ``grid_colour`` adds a vertical line at each mark.
    """
    ax.xaxis.set_major_locator(ticker.NullLocator())
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    _axis_marks(ax, "x", years, labels, grid_colour)


def _visible_ticks(axis) -> tuple[list[float], list[str]]:
    """The major ticks an axis would draw and their labels, without building matplotlib's tick artists."""
    low, high = sorted(axis.get_view_interval())
    slack = 1e-10 * (high - low)
    locations = list(axis.get_major_locator()())
    labels = axis.get_major_formatter().format_ticks(locations)  # all of them, as matplotlib formats them
    shown = [(at, label) for at, label in zip(locations, labels) if low - slack <= at <= high + slack]
    return [at for at, _ in shown], [label for _, label in shown]


def ticks_as_text(ax) -> None:
    """Draw both axes' ticks as plain marks and text, and pin the axis labels where they would have been.

    Call it last, when limits and margins are final: the axes' own locators and
    formatters choose the ticks, exactly as matplotlib would. Matplotlib's ticks
    (five artists each, rebuilt on every drawing) were the largest single cost of
    an explorer's redraw; marks and text look the same and cost a fraction.
    """
    figure = ax.figure
    renderer = _measuring_renderer(figure.dpi)
    for axis in (ax.xaxis, ax.yaxis):
        if isinstance(axis.get_major_locator(), ticker.NullLocator):
            continue
        name = axis.axis_name
        texts = _axis_marks(ax, name, *_visible_ticks(axis))
        axis.set_major_locator(ticker.NullLocator())
        axis.set_minor_locator(ticker.NullLocator())
        # The axis label goes beyond the tick labels, ``labelpad`` points away, as matplotlib places it.
        depth = 0.0  # points from the axis to the far side of the tick labels
        if texts:
            boxes = [text.get_window_extent(renderer) for text in texts]
            size = max(box.height if name == "x" else box.width for box in boxes) * 72 / figure.dpi
            depth = matplotlib.rcParams[f"{name}tick.major.size"] + matplotlib.rcParams[f"{name}tick.major.pad"] + size
        away = depth + axis.labelpad
        if name == "x":
            axis.set_label_coords(0.5, 0, transform=offset_copy(ax.transAxes, figure, y=-away, units="points"))
        else:
            axis.set_label_coords(0, 0.5, transform=offset_copy(ax.transAxes, figure, x=-away, units="points"))


def _overhang_right(ax, labels, left: float, width: float, pad: float) -> float:
    """The right margin (inches) that lets every label written rightwards from a data point end inside the figure.

    A label anchored at a fraction ``f`` of the x axis ends at
    ``left + f * (width - left - right) + offset + text``; solving for ``right``
    gives the margin each label needs. Labels whose point falls outside the axes
    are not drawn, so they need none.
    """
    low, high = ax.get_xlim()
    needed = 0.0
    for label in labels:
        fraction = (label.xy[0] - low) / (high - low)
        if not 0 < fraction <= 1:
            continue
        offset = label.xyann[0] / 72 if label.anncoords == "offset points" else 0
        end = offset + text_inches(label.get_text(), label.get_fontsize()) + 4 / 72
        needed = max(needed, width - left - (width - pad - left - end) / fraction)
    return min(needed, 0.45 * width)  # never squeeze the plot below half the figure


def fixed_margins(fig: Figure, ax, beside=None, below=None, labels_right=(), lanes=()) -> None:
    """Margins sized from one axes' labels, with room for a legend ``beside`` it (right) or ``below`` it.

    A quick stand-in for constrained layout on a single-axes chart: it measures only
    the text around the axes (tick labels, axis labels, title and the legend), so an
    explorer's redraw does not pay for a layout pass over the whole figure.
    ``labels_right`` are annotations written rightwards from a data point (a lane's
    end year, a line's name): the right margin grows until each ends inside the figure.
    A title wider than the axes is centred on the figure instead, so it is never cut.
    ``lanes`` are the texts of :func:`lane_labels`, measured like tick labels.
    """
    width, height = fig.get_size_inches()
    line = 1.3 / 72  # inches per point of one line of text, leading included
    labels = [(label, matplotlib.rcParams["ytick.labelsize"]) for label in _visible_ticks(ax.yaxis)[1]]
    labels += [(text.get_text(), text.get_fontsize()) for text in lanes]
    left = 0.1 + max([text_inches(label, size) for label, size in labels] or [0]) + 7 / 72
    if ax.get_ylabel():
        label = ax.yaxis.label
        left += (label.get_text().count("\n") + 1) * label.get_fontsize() * line + 4 / 72
    formatter = ax.xaxis.get_major_formatter()
    tick_lines = max((label.count("\n") + 1 for label in formatter.seq), default=1) \
        if isinstance(formatter, ticker.FixedFormatter) else 1
    bottom = 0.1 + (10 * line * tick_lines + 7 / 72 if len(ax.get_xticks()) else 0)
    if ax.get_xlabel():
        label = ax.xaxis.label
        bottom += (label.get_text().count("\n") + 1) * label.get_fontsize() * line + 4 / 72
    top = 0.1 + 13 * line + ax.titleOffsetTrans.get_matrix()[1, 2] / fig.dpi
    right = 0.2  # half a year label at the axis end
    if beside is not None or below is not None:
        renderer = _measuring_renderer(fig.dpi)
    if beside is not None:
        right += 0.01 * width + beside.get_window_extent(renderer).width / fig.dpi
    if below is not None:
        bottom += below.get_window_extent(renderer).height / fig.dpi
    if labels_right:
        right = max(right, _overhang_right(ax, labels_right, left, width, 0.1))
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)
    plot_width = width - left - right
    if ax.get_title() and text_inches(ax.get_title(), ax.title.get_fontsize()) > plot_width:
        ax.title.set_x((width / 2 - left) / plot_width)


def qualified(value: int, qualifier: str) -> str:
    """Write a count as the source states it: '129', 'more than 500', 'about 40'."""
    return QUALIFIER_WORDS[qualifier].format(int(value))


ATTACHE_MEASURES = {
    "military_representatives": "military representatives abroad",
    "host_countries": "countries with a US representative",
    "general_officer_posts": "general-officer attaché posts",
    "defence_attaches": "defence attachés",
    "ncos": "non-commissioned officers",
    "civilian_staff": "civilian staff",
}


@styled
def attache_networks(frame: pd.DataFrame, country_names: dict[str, str]) -> Chart:
    """Bars for each reported figure; bounds ('more than N') hatched and open-ended."""
    rows = frame.iloc[::-1]  # first row on top
    labels = [f"{country_names[c]}: {ATTACHE_MEASURES[m]}" for c, m in zip(rows["country"], rows["measure"])]
    countries = list(dict.fromkeys(frame["country"]))
    colours = [OKABE_ITO[countries.index(c) % len(OKABE_ITO)] for c in rows["country"]]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.4))
    bars = ax.barh(range(len(rows)), rows["value"].astype(int), color=colours)
    lane_texts = lane_labels(ax, range(len(rows)), labels)
    arrow_length = rows["value"].max() * 0.1
    texts = [qualified(v, q) for v, q in zip(rows["value"], rows["qualifier"])]
    values = []
    for bar, qualifier, colour, text in zip(bars, rows["qualifier"], colours, texts):
        end, middle = bar.get_width(), bar.get_y() + bar.get_height() / 2
        if qualifier == "at_least":
            # A lower bound: hatched and open-ended, with an arrow saying "and more".
            bar.set_hatch("//")
            bar.set_facecolor("white")
            bar.set_edgecolor(colour)
            ax.annotate("", xy=(end + arrow_length, middle), xytext=(end, middle),
                        arrowprops={"arrowstyle": "->", "color": "black"})
            end += arrow_length
        values.append(ax.annotate(text, xy=(end, middle), xytext=(4, 0), textcoords="offset points", va="center"))
    ax.set_xlabel("Number reported by the source")
    ax.set_xlim(0, rows["value"].max() * 1.5)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_title("Attaché networks as the sources report them")
    fixed_margins(fig, ax, labels_right=values, lanes=lane_texts)
    ticks_as_text(ax)
    described = "; ".join(f"{lab}: {txt}" for lab, txt in zip(labels[::-1], texts[::-1]))
    alt = f"Horizontal bar chart of {len(rows)} reported figures. {described}."
    caption = source_caption(frame, "Attaché networks; hatched bars are lower bounds, not counts.")
    return Chart(fig, caption, alt)


# Azerbaijan ------------------------------------------------------------------


#: Milestone kinds drawn on the deployment timeline.
DEPLOYMENT_KINDS = ("deployment", "recognition")
#: Milestone kinds drawn on the strip of NATO partnership milestones.
PARTNERSHIP_KINDS = ("partnership", "personnel", "capability")
#: ATOP obligations, strongest first: an alliance is coloured by the strongest its member took on.
OBLIGATIONS = ("defence", "offence", "neutrality", "non_aggression", "consultation")
OBLIGATION_WORDS = {"defence": "defence", "offence": "offence", "neutrality": "neutrality",
                    "non_aggression": "non-aggression", "consultation": "consultation only"}
#: The last year of ATOP 5.1: a membership with no exit year was still in force then.
ATOP_LAST_YEAR = 2018
#: The seed's key in references.bib; its rows are the seed's own claims.
SEED_KEY = "iskandarov2023"


def decimal_year(date: str) -> float:
    """'1999' -> 1999.0, '1999-09' -> 1999.67, '2002-11-20' -> 2002.88: a point on a year axis."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    return year + (month - 1) / 12 + (day - 1) / 365


def deployment_rows(milestones: pd.DataFrame) -> pd.DataFrame:
    """The milestones a deployment timeline draws: deployments, their recognition, the seed's overall total."""
    overall = (milestones["kind"] == "personnel") & (milestones["organisation"] == "various")
    return milestones[milestones["kind"].isin(DEPLOYMENT_KINDS) | overall]


def partnership_rows(milestones: pd.DataFrame) -> pd.DataFrame:
    """The NATO partnership milestones: programmes joined, staff officers, units declared."""
    return milestones[milestones["kind"].isin(PARTNERSHIP_KINDS) & (milestones["organisation"] == "NATO")]


def deployment_count(milestones: pd.DataFrame) -> int:
    """How many distinct deployments (missions) the table records."""
    return milestones.loc[milestones["kind"] == "deployment", "framework"].nunique()


def _wrapped(text: str, width: int = 26) -> str:
    return "\n".join(textwrap.wrap(text, width))


def _count_text(row: dict) -> str:
    return qualified(row["personnel"], row["qualifier"]) if pd.notna(row["personnel"]) else ""


@styled
def azerbaijan_deployments(rows: pd.DataFrame, years: tuple[int, int] | None = None) -> Chart:
    """One lane per mission: the seed's span as a bar, other sources' dates as markers.

    Where another source ends a mission earlier than the seed, the seed's extra
    years are hatched and labelled. Open-ended spans run to the latest report in
    their lane, with an arrow. Personnel are written beside their markers as the
    source states them; rows whose only source is a repost have open markers.
    The seed's overall total is a hatched band: a lower bound, not a count.
    """
    bib = default_package().bibliography
    # Plain records: a widget redraw should not pay for a dozen small DataFrame filters per lane.
    records = rows.to_dict("records")
    missions = sorted((r for r in records if r["kind"] != "personnel"), key=lambda r: r["start_year"])
    overall = [r for r in records if r["kind"] == "personnel"]
    lanes = list(dict.fromkeys(r["framework"] for r in missions))
    latest_report = int(rows["start_year"].max())
    low, high = years if years else (int(rows["start_year"].min()) - 1, latest_report + 1)
    fig, ax = plt.subplots(figsize=(8, 4.8))
    lane_y = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}
    described, dots, right_labels = [], [], []
    for index, lane in enumerate(lanes):
        y, colour = lane_y[lane], OKABE_ITO[index % len(OKABE_ITO)]
        in_lane = [r for r in missions if r["framework"] == lane]
        spans = [r for r in in_lane if pd.notna(r["end_year"])]
        open_spans = [r for r in in_lane if pd.isna(r["end_year"]) and r["source"] == SEED_KEY]
        primary = [r for r in spans if r["source"] == SEED_KEY]
        others = [r for r in spans if r["source"] != SEED_KEY]
        if primary:
            start, end = int(primary[0]["start_year"]), int(primary[0]["end_year"])
            confirmed_end = min(int(r["end_year"]) for r in others) if others else end
            ax.barh(y, min(end, confirmed_end) + 1 - start, left=start, height=0.5, color=colour)
            text = f"{lane}: {start}-{end}"
            if confirmed_end < end:
                ax.barh(y, end - confirmed_end, left=confirmed_end + 1, height=0.5, color="white",
                        edgecolor=colour, hatch="//")
                right_labels.append(ax.annotate(f"{end}: the seed's end year", (end + 1, y), xytext=(4, 0),
                                                textcoords="offset points", va="center", fontsize=8))
                for other in others:
                    first, last = int(other["start_year"]), int(other["end_year"])
                    ax.plot([first, last + 1], [y - 0.36] * 2, color="black", lw=1.5)
                    right_labels.append(ax.annotate(
                        f"the mission itself: {first}-{last}, per {bib.label(other['source'])}", (first, y - 0.36),
                        xytext=(0, -7), textcoords="offset points", va="center", fontsize=8))
                    text += f" by the seed; the mission itself ran {first}-{last}"
            described.append(text)
        last = max(int(r["start_year"]) for r in in_lane)
        for span in open_spans:
            ax.barh(y, last + 1 - span["start_year"], left=span["start_year"], height=0.5, color=colour)
            ax.annotate("", xy=(last + 1.8, y), xytext=(last + 1, y),
                        arrowprops={"arrowstyle": "->", "color": colour})
            described.append(f"{lane}: since {span['start_year']}, {_count_text(span)} personnel by the seed; "
                             f"latest report {last}")
        drawn = {id(r) for r in primary + others + open_spans}
        points = sorted(((decimal_year(r["start_date"]), r) for r in in_lane if id(r) not in drawn),
                        key=lambda pair: pair[0])
        dots += [(x, y, bool(r["weak_source"])) for x, r in points]
        last_label, above = (None, None), False
        for x, row in points:
            text = _count_text(row)
            if not text or (text == last_label[0] and x - last_label[1] < 0.5):
                continue  # the same figure reported twice within weeks: one label
            above, last_label = not above, (text, x)
            ax.annotate(text, (x, y), xytext=(0, 15 if above else -15), textcoords="offset points",
                        ha="center", va="center", fontsize=8)
    # Two marker lines for all lanes: far quicker to draw than a scatter per lane.
    strong = [(x, y) for x, y, weak in dots if not weak]
    weak = [(x, y) for x, y, weak in dots if weak]
    dot_style = {"linestyle": "", "marker": "o", "markersize": 5.3, "color": "black", "markeredgecolor": "white",
                 "zorder": 3}
    ring_style = {"linestyle": "", "marker": "o", "markersize": 9.5, "markerfacecolor": "none",
                  "markeredgecolor": "black", "markeredgewidth": 1.4, "zorder": 4}
    if strong:
        ax.plot(*zip(*strong), **dot_style)
    if weak:
        ax.plot(*zip(*weak), **ring_style)
    top = len(lanes)
    for row in overall:
        last = max(latest_report, row["start_year"])
        ax.barh(top, last + 1 - row["start_year"], left=row["start_year"], height=0.5, color="white",
                edgecolor="grey", hatch="//")
        words = f"{_count_text(row)} personnel in all operations since {row['start_year']} (the seed's total)"
        right_labels.append(ax.annotate(words, (max(row["start_year"], low), top), xytext=(4, 0),
                                        textcoords="offset points", va="center", fontsize=9,
                                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1}))
        described.append(f"overall: {words}, drawn as a hatched lower bound")
    labels = {**{lane_y[lane]: _wrapped(lane) for lane in lanes}, **({top: "All operations"} if overall else {})}
    lane_texts = lane_labels(ax, list(labels), list(labels.values()))
    ax.set_ylim(-0.8, max(labels) + 0.7)
    ax.set_xlim(low, high + 1)
    year_axis(ax)
    ax.set_xlabel("Year (bars cover whole years; dots are dated reports)")
    ax.set_title("Azerbaijan's deployments abroad, as the sources date them")
    legend = fig.legend(handles=[
        plt.Line2D([], [], label="dated report (number: personnel, as stated)", **dot_style),
        plt.Line2D([], [], label="report whose only source is a repost", **{**ring_style, "markersize": 7})],
        loc="lower center", ncols=2, fontsize=8)
    fixed_margins(fig, ax, below=legend, labels_right=right_labels, lanes=lane_texts)
    ticks_as_text(ax)
    weak_count = len(weak)
    alt = (f"Timeline of {len(lanes)} deployments of Azerbaijani personnel, dated reports from "
           f"{int(rows['start_year'].min())} to {latest_report}: " + "; ".join(described)
           + f". {len(dots)} dated reports as dots, {weak_count} of them from a weak source (open dots).")
    caption = source_caption(rows, "Azerbaijan's deployments. Bars: the seed's dates; hatched: years the seed "
                             "gives beyond another source's end date, or the seed's overall total (a lower "
                             "bound); arrow: still under way at the latest report; open dots: weak source.")
    return Chart(fig, caption, alt)


def _short_framework(framework: str) -> str:
    """'Planning and Review Process (PARP)' -> 'PARP'; names without an abbreviation stay whole."""
    match = re.search(r"\(([^)]+)\)", framework)
    return match.group(1) if match else framework


@styled
def azerbaijan_partnership(rows: pd.DataFrame, years: tuple[int, int] | None = None) -> Chart:
    """A dated strip of partnership milestones, coloured by source.

    Dates known to the day or month are filled markers at the date; dates known
    only to the year are open squares with a bar across that year. Cumulative
    counts stated as "more than N since Y" are hatched spans (lower bounds);
    units declared in the same year are one label.
    """
    bib = default_package().bibliography
    sources = list(dict.fromkeys(rows["source"]))
    others = iter([OKABE_ITO[0], OKABE_ITO[2], OKABE_ITO[5]] * len(sources))
    colour = {key: OKABE_ITO[3] if key == SEED_KEY else next(others) for key in sources}  # the seed: always vermilion
    records = rows.to_dict("records")
    is_cumulative = [r["kind"] == "personnel" and r["qualifier"] == "at_least" for r in records]
    cumulative = [r for r, flag in zip(records, is_cumulative) if flag]
    # Units declared to a pool in one year are one event: "4 units declared".
    units = [r for r in records if r["kind"] == "capability"]
    events = [r for r, flag in zip(records, is_cumulative) if not flag and r["kind"] != "capability"]
    labels = []
    for row in events:
        name = _short_framework(row["framework"])
        label = f"{name}: {_count_text(row)} serving" if pd.notna(row["personnel"]) else name
        label += f" ({row['start_date']})"
        labels.append((decimal_year(row["start_date"]), row["date_precision"], row["source"], label))
    declared: dict[tuple, int] = {}
    for row in units:
        key = (row["start_year"], row["framework"], row["source"])
        declared[key] = declared.get(key, 0) + 1
    for (year, framework, source), count in sorted(declared.items()):
        labels.append((float(year), "year", source, f"{count} units declared to the\n{framework} ({year})"))
    labels.sort()
    fig, ax = plt.subplots(figsize=(8, 4.2))
    ax.axhline(0, color="grey", lw=1)
    levels = [1.0, 2.0, 3.0, 1.5, 2.5]
    same_year: dict[float, int] = {}
    year_bars, squares, dots, right_labels = [], [], [], []
    for i, (x, precision, source, label) in enumerate(labels):
        level = levels[i % len(levels)]
        stem = x
        if precision == "year":
            # Anywhere in that year: the stem stands inside the year's bar, side by side with others.
            stem = x + 0.2 + 0.45 * same_year.get(x, 0)
            same_year[x] = same_year.get(x, 0) + 1
            year_bars.append(([(x, 0), (x + 1, 0)], colour[source]))
            squares.append((stem, colour[source]))
        else:
            dots.append((x, colour[source]))
        ax.plot([stem, stem], [0, level], color=colour[source], lw=0.8)
        right_labels.append(ax.annotate(label, (stem, level), xytext=(2, 0), textcoords="offset points",
                                        va="center", fontsize=8.5, color=colour[source],
                                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5}))
    # Markers as one collection each: quicker to redraw than a scatter per milestone.
    if year_bars:
        ax.add_collection(LineCollection([seg for seg, _ in year_bars], colors=[c for _, c in year_bars], lw=4,
                                         capstyle="butt"))
    if squares:
        ax.scatter([x for x, _ in squares], [0] * len(squares), marker="s", s=36, facecolor="white",
                   edgecolor=[c for _, c in squares], zorder=3)
    if dots:
        ax.scatter([x for x, _ in dots], [0] * len(dots), marker="o", s=36, color=[c for _, c in dots], zorder=3)
    low, high = years if years else (int(rows["start_year"].min()) - 1, int(rows["start_year"].max()) + 3)
    end = int(rows["start_year"].max())
    for n, row in enumerate(cumulative):
        y = -0.8 - 0.7 * n
        ax.barh(y, end + 1 - row["start_year"], left=row["start_year"], height=0.45, color="white",
                edgecolor=colour[row["source"]], hatch="//")
        right_labels.append(ax.annotate(
            f"{_short_framework(row['framework'])}: {_count_text(row)} officers sent since "
            f"{row['start_year']} (a lower bound, as of {end})", (max(row["start_year"], low), y), xytext=(4, 0),
            textcoords="offset points", va="center", fontsize=8.5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5}))
    handles = [plt.Line2D([], [], linestyle="", marker="o", color=colour[key], label=bib.label(key))
               for key in sources]
    handles.append(plt.Line2D([], [], linestyle="", marker="s", markerfacecolor="white", markeredgecolor="grey",
                              label="dated to the year only"))
    legend = fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.8 - 0.7 * len(cumulative), 3.6)
    ax.set_xlim(low, high + 1)
    year_axis(ax)
    ax.set_title("Azerbaijan and NATO: partnership milestones, as the sources date them")
    fixed_margins(fig, ax, below=legend, labels_right=right_labels)
    ticks_as_text(ax)
    first, last = int(rows["start_year"].min()), int(rows["start_year"].max())
    alt = (f"Timeline strip of {len(labels)} partnership milestones, {first}-{last}: "
           + "; ".join(label.replace("\n", " ") for _, _, _, label in labels)
           + "".join(f"; hatched span: {_count_text(r)} officers sent since {r['start_year']}, a lower bound"
                     for r in cumulative)
           + f". Colours give the source: {', '.join(bib.label(k) for k in sources)}.")
    caption = source_caption(rows, "Azerbaijan's partnership milestones with NATO. Open squares: dated only to "
                             "the year; hatched: a lower bound. Both sources are Azerbaijani official or "
                             "defence-establishment texts.")
    return Chart(fig, caption, alt)


def strongest_obligation(row) -> str:
    """The strongest ATOP obligation a member took on: defence before offence, neutrality, ..."""
    return next((name for name in OBLIGATIONS if bool(getattr(row, name))), "consultation")


def atop_treaty_names(milestones: pd.DataFrame, memberships: pd.DataFrame) -> dict[int, str]:
    """Treaty names the book's own tables give for ATOP numbers (ATOP's files carry none).

    From milestone frameworks such as 'Collective Security Treaty (Tashkent, ATOP atopid 4220)'
    and from caveats that name the treaty they explain ('ATOP codes the CIS Charter (...').
    """
    names = {}
    for framework in milestones["framework"]:
        if match := re.search(r"ATOP atopid (\d+)", framework):
            name = re.sub(r",? ?\(?ATOP atopid \d+\)?", "", framework).strip()
            names[int(match.group(1))] = name + (")" if name.count("(") > name.count(")") else "")
    for atopid, caveat in zip(memberships["atopid"], memberships["caveat"]):
        if pd.notna(caveat) and (match := re.search(r"codes the (.+?) \(", caveat)):
            names[int(atopid)] = match.group(1)
    return names


def alliance_lane_label(row, treaty_names: dict[int, str], cow_names: dict[int, str]) -> str:
    """'CIS Charter*', 'with Türkiye' or 'multilateral, 58 other members', after the ATOP number."""
    partners = [int(p) for p in str(row.partners_cow).split()] if pd.notna(row.partners_cow) else []
    if row.atopid in treaty_names:
        what = treaty_names[row.atopid]
    elif len(partners) == 1:
        what = f"with {cow_names.get(partners[0], f'COW state {partners[0]}')}"
    else:
        what = f"multilateral, {len(partners)} other members"
    return f"{what}{'*' if pd.notna(row.caveat) else ''} (ATOP {row.atopid})"


OBLIGATION_COLOURS = {"defence": OKABE_ITO[3], "offence": OKABE_ITO[7], "neutrality": OKABE_ITO[5],
                      "non_aggression": OKABE_ITO[0], "consultation": OKABE_ITO[4]}


@styled
def azerbaijan_alliances(rows: pd.DataFrame, treaty_names: dict[int, str], cow_names: dict[int, str],
                         years: tuple[int, int] | None = None) -> Chart:
    """One bar per ATOP membership, coloured by its strongest obligation.

    A membership with no exit year runs to the end of ATOP's coverage with an
    arrow. Rows with a caveat (the CIS Charter) are hatched and starred, and the
    caveat is written under the chart: a coding of the treaty text is not an
    alliance in practice.
    """
    rows = rows.sort_values(["entry_year", "atopid"], ascending=False)
    records = list(rows.itertuples())
    labels = [_wrapped(alliance_lane_label(r, treaty_names, cow_names), 44) for r in records]
    obligations = [strongest_obligation(r) for r in records]
    colours = [OBLIGATION_COLOURS[o] for o in obligations]
    open_ended = [pd.isna(r.exit_year) for r in records]
    ends = [ATOP_LAST_YEAR if o else int(r.exit_year) for o, r in zip(open_ended, records)]
    caveats = [pd.notna(r.caveat) for r in records]
    height = 0.28 * len(rows) + 1.9
    low, high = years if years else (int(rows["entry_year"].min()) - 1, ATOP_LAST_YEAR)
    fig, ax = plt.subplots(figsize=(8, height))
    # One call per kind of bar and one for all arrows: a widget redraw stays quick with many memberships.
    for hatched in (False, True):
        lanes = [y for y, caveat in enumerate(caveats) if caveat == hatched]
        if not lanes:
            continue
        ax.barh(lanes, [ends[y] + 1 - records[y].entry_year for y in lanes],
                left=[records[y].entry_year for y in lanes], height=0.62,
                color=["white" if hatched else colours[y] for y in lanes], edgecolor=[colours[y] for y in lanes],
                hatch="//" if hatched else None)
    arrows = [y for y, o in enumerate(open_ended) if o]
    if arrows:
        arrow_colours = [colours[y] for y in arrows]
        ax.hlines(arrows, [ends[y] + 1 for y in arrows], [ends[y] + 1.6 for y in arrows], colors=arrow_colours,
                  linewidth=1)
        ax.scatter([ends[y] + 1.6 for y in arrows], arrows, marker=">", s=14, color=arrow_colours, zorder=3)
    for y, record in enumerate(records):
        if caveats[y]:
            ax.annotate("* a coding of the treaty text, not a working alliance",
                        (max(record.entry_year, low) + 0.5, y), va="center", fontsize=8,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    lane_texts = lane_labels(ax, range(len(rows)), labels, fontsize=8.5)
    handles = [Patch(color=OBLIGATION_COLOURS[o], label=OBLIGATION_WORDS[o]) for o in OBLIGATIONS
               if o in obligations]
    if any(caveats):
        handles.append(Patch(facecolor="white", edgecolor=OBLIGATION_COLOURS["defence"], hatch="//",
                             label="* coded as defence: see caveat"))
    legend = fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=8,
                        title="Strongest obligation Azerbaijan took on", title_fontsize=8)
    ax.set_xlim(low, high + 2)
    ax.axvline(ATOP_LAST_YEAR + 1, color="grey", lw=0.8, ls=":")
    year_axis(ax)
    ax.set_xlabel(f"Year (ATOP 5.1 ends in {ATOP_LAST_YEAR}: arrows mean still in force then)", fontsize=9)
    ax.set_title("Azerbaijan's alliance ties as ATOP codes them")
    fixed_margins(fig, ax, below=legend, lanes=lane_texts)
    ticks_as_text(ax)
    defence = [label for label, o in zip(labels, obligations) if o == "defence"]
    alt = (f"Horizontal bars for {len(rows)} ATOP alliance memberships of Azerbaijan, "
           f"{int(rows['entry_year'].min())}-{ATOP_LAST_YEAR}, coloured by obligation. "
           f"{len(defence)} with a defence obligation: {'; '.join(defence)}. "
           "The CIS Charter is hatched: ATOP's defence coding of the treaty text, not an alliance in practice.")
    caption = source_caption(rows, "Azerbaijan's ATOP alliance memberships. * Hatched: ATOP codes the CIS Charter "
                             "with a defence obligation, so Armenia and Russia appear as defence partners "
                             "1993-2018; that is a coding of the treaty text, not a working alliance.")
    return Chart(fig, caption, alt)


#: The last year of the Multinational Military Exercises data set.
MME_LAST_YEAR = 2010


@styled
def exercises_per_year(rows: pd.DataFrame, country_name: str) -> Chart:
    """Bars of multinational exercises per year; a recorded 0 is a bar of height 0, not a gap."""
    rows = rows.sort_values("year")
    fig, ax = plt.subplots(figsize=(8, 4))
    _bar_collection(ax, rows["year"].astype(int).to_numpy(), _as_floats(rows["exercises"]), 0, facecolor=OKABE_ITO[2])
    peak = rows.loc[rows["exercises"].idxmax()]
    total, first, last = int(rows["exercises"].sum()), int(rows["year"].min()), int(rows["year"].max())
    ax.annotate(f"peak: {int(peak['exercises'])}", (peak["year"], peak["exercises"]), xytext=(0, 4),
                textcoords="offset points", ha="center", fontsize=9)
    zero_years = rows.loc[rows["exercises"] == 0, "year"].astype(int).tolist()
    for year in zero_years:
        ax.annotate("0", (year, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8)
    ax.set_xlim(first - 0.7, last + 0.7)
    ax.set_ylim(0, max(rows["exercises"].max() * 1.2, 1))
    year_axis(ax)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_ylabel("Exercises under way (MME)")
    ax.set_xlabel(f"Year (the data set ends in {MME_LAST_YEAR})")
    ax.set_title(f"{country_name}: multinational military exercises per year")
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    peaks = rows.loc[rows["exercises"] == peak["exercises"], "year"].astype(int).tolist()
    alt = (f"Bar chart of {country_name}'s multinational military exercises per year, {first}-{last}: "
           f"{total} exercise-years in all; peak {int(peak['exercises'])} in {', '.join(map(str, peaks))}; "
           + (f"none recorded in {', '.join(map(str, zero_years))}; " if zero_years else "")
           + f"first year {first}: {int(rows['exercises'].iloc[0])}, last year {last}: "
           f"{int(rows['exercises'].iloc[-1])}.")
    caption = source_caption(rows, f"{country_name}'s multinational military exercises per year. An exercise that "
                             "spans two years counts in both; a 0 is a year with none recorded; nothing is "
                             f"recorded after {MME_LAST_YEAR}.")
    return Chart(fig, caption, alt)


@styled
def military_spending(rows: pd.DataFrame, country_names: dict[str, str]) -> Chart:
    """Lines of military expenditure, one per country, on a log scale; missing years break the line."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    first, last = int(rows["year"].min()), int(rows["year"].max())
    years = pd.RangeIndex(first, last + 1)
    described, names = [], []
    for index, (country, group) in enumerate(rows.groupby("country", sort=False)):
        series = group.set_index("year")["usd_millions"].astype(float).reindex(years)  # gaps stay NaN
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        ax.plot(series.index, series.to_numpy(), marker="o", markersize=3, color=colour, lw=1.6)
        present = series.dropna()
        if present.empty:
            continue
        names.append(ax.annotate(country_names[country], (present.index[-1], present.iloc[-1]), xytext=(5, 0),
                                 textcoords="offset points", va="center", color=colour, fontsize=10))
        gaps = [int(y) for y in series.index[series.isna()] if present.index[0] < y < present.index[-1]]
        peak_year = int(present.idxmax())
        described.append(f"{country_names[country]} {int(present.index[0])}: {present.iloc[0]:,.1f}, "
                         f"peak {peak_year}: {present.max():,.1f}, {int(present.index[-1])}: {present.iloc[-1]:,.1f}"
                         + (f", no figure for {', '.join(map(str, gaps))}" if gaps else ""))
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:,.0f}"))
    # Labelled decades only: the log scale's thirty unlabelled minor ticks cost more to draw than the lines.
    ax.yaxis.set_minor_locator(ticker.NullLocator())
    ax.set_xlim(first - 0.5, last + 3)
    year_axis(ax)
    ax.set_ylabel("current US$ million (SIPRI, 2019 edition)\nlog scale", fontsize=10)
    ax.set_title("Military expenditure, current US$ million")
    fixed_margins(fig, ax, labels_right=names)
    ticks_as_text(ax)
    alt = (f"Line chart, log scale, of military expenditure in current US$ million, {first}-{last}: "
           + "; ".join(described) + ".")
    caption = source_caption(rows, "Military expenditure in current US dollars (units and edition inferred from "
                             "the values; not adjusted for inflation). Log scale: equal steps are equal ratios. "
                             "A break in a line is a year with no figure.")
    return Chart(fig, caption, alt)


def _tiv_by_period(rows: pd.DataFrame, years: tuple[int, int], width: int) -> list[tuple[str, int, int, list]]:
    """(label, first year, last year, [(supplier, TIV), ... largest first]) for each period.

    Plain Python over a few dozen rows: a widget redraw should not pay for a
    pandas groupby per period.
    """
    low, high = years
    sums: dict[int, dict[str, float]] = {}
    for year, supplier, tiv in zip(rows["year"], rows["supplier"], rows["tiv_millions"]):
        if low <= year <= high:
            by_supplier = sums.setdefault(year - year % width, {})
            by_supplier[supplier] = by_supplier.get(supplier, 0.0) + float(tiv)
    periods = []
    for start in range(low - low % width, high + 1, width):
        first, last = max(start, low), min(start + width - 1, high)
        suppliers = sorted(sorted(sums.get(start, {}).items()), key=lambda item: -item[1])
        periods.append((f"{first}-{last}" if first != last else str(first), first, last, suppliers))
    return periods


def arms_import_periods(rows: pd.DataFrame, years: tuple[int, int], width: int = 5) -> pd.DataFrame:
    """TIV by supplier in periods of ``width`` years aligned on multiples of ``width`` and clipped to ``years``.

    One row per period and supplier, with the supplier's share of the period's
    total; a period with no deliveries has one row with supplier None and TIV 0.
    """
    records = []
    for label, first, last, suppliers in _tiv_by_period(rows, years, width):
        total = sum(tiv for _, tiv in suppliers)
        if not suppliers:
            records.append({"period": label, "first": first, "last": last, "supplier": None,
                            "tiv_millions": 0.0, "share": float("nan"), "suppliers": 0})
        for supplier, tiv in suppliers:
            records.append({"period": label, "first": first, "last": last, "supplier": supplier,
                            "tiv_millions": tiv, "share": tiv / total, "suppliers": len(suppliers)})
    return pd.DataFrame(records)


def suppliers_by_total(rows: pd.DataFrame) -> pd.Series:
    """Summed TIV per supplier, largest first."""
    return rows.groupby("supplier")["tiv_millions"].sum().sort_values(ascending=False)


@styled
def arms_imports_by_supplier(rows: pd.DataFrame, country_names: dict[str, str],
                             years: tuple[int, int] | None = None, named: int = 6) -> Chart:
    """Each supplier's share of TIV per five-year period (stacked to 100%), with counts above the bars.

    The ``named`` largest suppliers over the rows get their own colour; the rest
    are 'others'. Above each bar: the number of suppliers and the period's total
    TIV, since a share says nothing about volume.
    """
    years = years or (int(rows["year"].min()), int(rows["year"].max()))
    periods = _tiv_by_period(rows, years, 5)
    overall: dict[str, float] = {}
    for supplier, tiv in zip(rows["supplier"], rows["tiv_millions"]):
        overall[supplier] = overall.get(supplier, 0.0) + float(tiv)
    ranked = [supplier for supplier, _ in sorted(sorted(overall.items()), key=lambda item: -item[1])]
    top, others = ranked[:named], ranked[named:]
    groups = [*top, "others"] if others else top
    # Each period's shares (per cent) by group, largest suppliers first.
    shares = [{group: 0.0 for group in groups} for _ in periods]
    for share, (_, _, _, suppliers) in zip(shares, periods):
        total = sum(tiv for _, tiv in suppliers)
        for supplier, tiv in suppliers:
            share[supplier if supplier in top else "others"] += 100 * tiv / total
    fig, ax = plt.subplots(figsize=(8, 4.6))
    x = list(range(len(periods)))
    bottom = [0.0] * len(periods)
    for index, group in enumerate(groups):
        heights = [share[group] for share in shares]
        if not any(heights):
            continue  # not a supplier in these years: no colour in the legend
        label = country_names.get(group, group) if group != "others" else \
            _wrapped("others: " + ", ".join(country_names.get(s, s) for s in others), 28)
        _bar_collection(ax, x, heights, bottom, width=0.7, label=label,
                        facecolor=OKABE_ITO[index % len(OKABE_ITO)], edgecolor="white", linewidth=0.5)
        bottom = [b + h for b, h in zip(bottom, heights)]
    described = []
    for position, (label, _, _, suppliers) in enumerate(periods):
        count, total = len(suppliers), sum(tiv for _, tiv in suppliers)
        plural = "s" if count != 1 else ""
        # Three short lines: seven periods' words fit side by side.
        words = f"{count}\nsupplier{plural}\nTIV {total:,.0f}" if count else "none\nrecorded"
        ax.annotate(words, (position, 100 if count else 0), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8.5)
        if count:
            lead, lead_tiv = suppliers[0]
            described.append(f"{label}: {count} supplier{plural}, TIV {total:,.0f}, largest "
                             f"{country_names.get(lead, lead)} {lead_tiv / total:.0%}")
        else:
            described.append(f"{label}: none recorded")
    ax.set_xticks(x, [label.replace("-", "-\n") for label, *_ in periods])  # on two lines: seven fit side by side
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.set_ylim(0, 128)
    ax.set_yticks(range(0, 101, 25))
    ax.set_ylabel("Share of the period's TIV (%)")
    ax.set_xlabel(f"Period (SIPRI extract, {years[0]}-{years[1]}; nothing after 2014)")
    ax.set_title("Arms imports to Azerbaijan: who supplied what share")
    fixed_margins(fig, ax, beside=fig.legend(loc="right", fontsize=8, reverse=True))
    ticks_as_text(ax)
    alt = ("Stacked bar chart of each supplier's share of arms deliveries to Azerbaijan (SIPRI TIV) by period: "
           + "; ".join(described) + ".")
    caption = source_caption(rows, "Each supplier's share of the major arms delivered to Azerbaijan, in SIPRI "
                             "trend-indicator values (a measure of volume, not of price). A third-party "
                             "extract: 105 suppliers, to 2014 only; Türkiye does not appear in it.")
    return Chart(fig, caption, alt)


# Timeline ---------------------------------------------------------------------


#: The views of the timeline explorer: name -> what the chart title says.
TIMELINE_VIEWS = {
    "all": "All events",
    "history": "History: from antiquity to Partnership for Peace and after",
    "theorists": "Theorists: from Sun Tzu to Kissinger and the modern definers",
    "azerbaijan": "Azerbaijan: partnership, missions and treaties",
}
#: Where the timeline's axis changes from the compressed scale to the wide one.
TIMELINE_BREAK = 1800
TIMELINE_PARTS = ["history", "theory", "national-models", "azerbaijan", "practice"]
TIMELINE_CATEGORIES = {
    "alliance_treaty": "alliances and treaties",
    "attache": "attachés and envoys",
    "exercise": "exercises",
    "doctrine_strategy": "doctrine and strategy",
    "mission": "missions",
    "partnership": "partnerships",
    "concept": "concepts",
    "thinker_work": "thinkers' works",
    "war_settlement": "wars and settlements",
    "recognition": "recognition",
}
#: Dates the sources give only approximately: drawn as open circles on a pale bar.
UNCERTAIN_PRECISION = ("circa", "decade", "century")
_NOT_GIVEN = "not given"


def _thinker_stem(thinker_id: str) -> str:
    return thinker_id.split("-")[0]


def _event_thinkers(events: pd.DataFrame, thinkers: pd.DataFrame) -> list[str | None]:
    """For each event, the thinker it is about, or None.

    An event is about a thinker when its id starts with the first word of the
    thinker's id and its title names them ('frederick-instructions-1747',
    'Frederick the Great writes ...'); both are needed, so 'new-era-1990s' is
    not about a thinker whose id starts with 'new'.
    """
    stems = {_thinker_stem(t): name for t, name in zip(thinkers["thinker_id"], thinkers["name"])}
    found = []
    for event_id, title in zip(events["event_id"], events["title"]):
        stem = _thinker_stem(event_id)
        found.append(stems[stem] if stem in stems and stem.capitalize() in title else None)
    return found


def timeline_for_view(events: pd.DataFrame, thinkers: pd.DataFrame, view: str) -> pd.DataFrame:
    """The events one view of the timeline shows, with a ``thinker`` column.

    'history' and 'azerbaijan' are the events of that part. 'theorists' joins the
    theory part's events with every event about a thinker of the ``thinkers``
    table (see :func:`_event_thinkers`; Frontinus's event in the history part
    comes in too); a thinker with no such event but with a
    birth, death or work year is added as a row of its own. A thinker with no
    date at all (Sun Tzu) cannot be placed: see :func:`undated_thinkers`.
    'all' is every event, plus those thinker rows.
    """
    if view not in TIMELINE_VIEWS:
        raise KeyError(f"no timeline view {view!r}; views: {', '.join(TIMELINE_VIEWS)}")
    frame = events.assign(thinker=_event_thinkers(events, thinkers))
    own_rows = _thinker_rows(events, thinkers)
    if view in ("history", "azerbaijan"):
        frame = frame[frame["part"] == view]
    elif view == "theorists":
        frame = frame[(frame["part"] == "theory") | frame["thinker"].notna()]
    if view in ("all", "theorists") and not own_rows.empty:
        frame = pd.concat([frame, own_rows], ignore_index=True)
    return frame.sort_values(["year", "event_id"], kind="stable").reset_index(drop=True)


def _unmatched_thinkers(events: pd.DataFrame, thinkers: pd.DataFrame) -> pd.DataFrame:
    covered = set(_event_thinkers(events, thinkers))
    return thinkers[~thinkers["name"].isin(covered)]


def _thinker_rows(events: pd.DataFrame, thinkers: pd.DataFrame) -> pd.DataFrame:
    """Timeline rows for thinkers no event covers: the work year, else the life span."""
    rows = []
    for t in _unmatched_thinkers(events, thinkers).itertuples(index=False):
        if pd.notna(t.work_year):
            year, end, what = int(t.work_year), None, f"{t.name}: {t.key_work}"
        elif pd.notna(t.born_year):
            year = int(t.born_year)
            end = int(t.died_year) if pd.notna(t.died_year) else None
            what = f"{t.name}: life span" if end else f"{t.name} is born"
        elif pd.notna(t.died_year):
            year, end, what = int(t.died_year), None, f"{t.name} dies"
        else:
            continue
        rows.append({"event_id": f"thinker-{t.thinker_id}", "year": year, "end_year": end, "date": None,
                     "date_precision": "year", "era": _NOT_GIVEN, "category": "thinker_work",
                     "region": _NOT_GIVEN, "part": t.part, "title": what, "source": t.source,
                     "locator": t.locator, "thinker": t.name})
    columns = [*events.columns, "thinker"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"year": "Int64", "end_year": "Int64"})


def undated_thinkers(events: pd.DataFrame, thinkers: pd.DataFrame) -> list[str]:
    """Thinkers the theorists view cannot place: no event about them and no year given."""
    rest = _unmatched_thinkers(events, thinkers)
    undated = rest[["born_year", "died_year", "work_year"]].isna().all(axis=1)
    return list(rest.loc[undated, "name"])


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def timeline_date(year: int, end_year, precision: str, date=None) -> str:
    """A date as precisely as its source gives it: '1882-05-20', '1990s', '17th century', 'c. 1850'."""
    year = int(year)
    end = None if end_year is None or pd.isna(end_year) else int(end_year)
    if precision == "century":
        century = (year - 1) // 100 + 1 if year > 0 else (-year - 1) // 100 + 1
        return f"{_ordinal(century)} century" + (" BCE" if year < 0 else "")
    if precision == "decade":
        return f"{year}s"
    if precision in ("day", "month") and date:
        text = str(date)
    else:
        text = format_year(year)
    if end is not None:
        text = (f"{-year}–{format_year(end)}" if year < 0 and end < 0 else f"{text}–{format_year(end)}")
    return f"c. {text}" if precision == "circa" else text


def timeline_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """The table under the timeline: each event's date, the event, its part and its source."""
    bibliography = default_package().bibliography
    when = [timeline_date(y, e, p, d) for y, e, p, d in
            zip(frame["year"], frame["end_year"], frame["date_precision"], frame["date"])]
    table = pd.DataFrame({
        "when": when,
        "event": list(frame["title"]),
        "part": list(frame["part"]),
        "source": [bibliography.label(key) for key in frame["source"]],
        "locator": list(frame["locator"]),
    })
    if "thinker" in frame and frame["thinker"].notna().any():
        table.insert(1, "thinker", [name if isinstance(name, str) else "" for name in frame["thinker"]])
    return table


def _timeline_spans(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last year of each event; a decade runs nine years on, an undated end is the start."""
    start = frame["year"].to_numpy(dtype=float, na_value=np.nan)
    end = frame["end_year"].to_numpy(dtype=float, na_value=np.nan)
    decade = (frame["date_precision"] == "decade").to_numpy()
    return start, np.where(np.isnan(end), np.where(decade, start + 9, start), end)


def _tick_years(low: int, high: int, step: int) -> list[int]:
    first = -(-low // step) * step
    return [year if year != 0 else 1 for year in range(first, high + 1, step)]


def _compress_before(break_year: int, factor: float):
    """The two functions of a scale that squeezes the years before ``break_year`` by ``factor``."""
    def forward(years):
        years = np.asarray(years, dtype=float)
        return np.where(years < break_year, break_year + (years - break_year) * factor, years)

    def inverse(positions):
        positions = np.asarray(positions, dtype=float)
        return np.where(positions < break_year, break_year + (positions - break_year) / factor, positions)

    return forward, inverse


@styled
def timeline(frame: pd.DataFrame, title: str = "") -> Chart:
    """Events on one time axis with two scales: 600 BCE-1800 compressed, 1800-2023 wide.

    Lanes are categories, colours the book's parts. Filled dots are dated to the
    year or better; open circles on a pale bar are dated only to a century, a
    decade or approximately (the bar is the range the source allows); a thin
    line is an event that lasts.
    """
    event_categories = frame["category"].tolist()
    categories = [c for c in TIMELINE_CATEGORIES if c in set(event_categories)]
    lane_of = {c: i for i, c in enumerate(categories)}
    # Events of one lane and year are spread a little, so they do not hide each other.
    # Plain Python over a hundred rows: a pandas groupby cost more than the drawing it served.
    keys = list(zip(event_categories, frame["year"].tolist()))
    sizes, seen, y = Counter(keys), Counter(), []
    for key in keys:
        size = sizes[key]
        y.append(lane_of[key[0]] + (seen[key] - (size - 1) / 2) * min(0.7 / size, 0.3))
        seen[key] += 1
    y = np.array(y)
    start, end = _timeline_spans(frame)
    parts = [p for p in TIMELINE_PARTS if p in set(frame["part"])]
    colour_of = {p: OKABE_ITO[i] for i, p in enumerate(TIMELINE_PARTS)}
    colours = np.array([colour_of[p] for p in frame["part"]], dtype=object)
    uncertain = frame["date_precision"].isin(UNCERTAIN_PRECISION).to_numpy()
    lasting = (~uncertain) & (end > start)

    height = 0.45 * len(categories) + 2.4
    # One axes whatever the scale (a second one would double the cost of every redraw).
    fig, ax = plt.subplots(figsize=(8, height))
    fig.subplots_adjust(left=0.21, right=0.98, top=1 - 0.45 / height, bottom=1.55 / height)
    broken = start.min() < TIMELINE_BREAK  # else one even scale is honest and shows more
    if broken:
        low = min(-600, int(start.min()) - 50)
        # Before the break: a third of the width, as if on a panel half as wide as the modern one.
        factor = (2025 - TIMELINE_BREAK) / 2 / (TIMELINE_BREAK - low)
        ax.set_xscale("function", functions=_compress_before(TIMELINE_BREAK, factor))
        # No tick at the break itself: its label would sit on 1500's. The dashed line marks it.
        ticks = [-500, 500, 1500] + _tick_years(TIMELINE_BREAK + 1, 2024, 25)
        ax.axvline(TIMELINE_BREAK, color="black", linewidth=0.8, linestyle=(0, (2, 3)))
        ax.text(TIMELINE_BREAK, 1, f"scale changes at {TIMELINE_BREAK}", ha="center", va="bottom", fontsize=8,
                transform=blended_transform_factory(ax.transData, ax.transAxes))
        scales = [(low, TIMELINE_BREAK, f"{format_year(low)}–{TIMELINE_BREAK}\ncompressed: 1 tick = 1,000 years"),
                  (TIMELINE_BREAK, 2025, f"{TIMELINE_BREAK}–2023\n1 tick = 25 years")]
    else:
        low = int(start.min()) // 5 * 5 - 5
        step_years = 5 if low >= 1960 else 25
        ticks = _tick_years(low, 2024, step_years)
        ax.set_xlabel(f"{format_year(low)}–2023\none scale: 1 tick = {step_years} years")
        scales = []
    ax.set_xlim(low, 2025)
    ax.hlines(y[lasting], start[lasting], end[lasting], colors=colours[lasting], linewidth=1.5)
    ax.hlines(y[uncertain], start[uncertain], end[uncertain], colors=colours[uncertain], linewidth=7, alpha=0.25)
    middle = (start + end) / 2
    ax.scatter(middle[uncertain], y[uncertain], s=36, facecolors="white", edgecolors=colours[uncertain],
               linewidths=1.5, zorder=3)
    ax.scatter(start[~uncertain], y[~uncertain], s=26, c=colours[~uncertain], zorder=3)
    year_marks(ax, ticks, [format_year(t) for t in ticks], grid_colour="#dddddd")
    below_ticks = offset_copy(blended_transform_factory(ax.transData, ax.transAxes), fig, y=-22, units="points")
    for first, last, words in scales:  # each scale named under its own stretch of the axis
        ax.text((first + last) / 2, 0, words, transform=below_ticks, ha="center", va="top", fontsize=11)
    if "thinker" in frame:  # name the classic thinkers; the modern definers are in the table
        classic = frame["thinker"].notna().to_numpy() & (start < 1950)
        early = classic & (start < TIMELINE_BREAK)
        # Early classics sit close together on the compressed scale: their names are
        # stacked to the left, earliest on top; later ones are named beside the marker.
        early_count = Counter(c for c, is_early in zip(event_categories, early) if is_early)
        stacked = Counter()
        event_ids = frame["event_id"].tolist()
        for i in np.flatnonzero(classic):
            name, category = event_ids[i].split("-")[0].capitalize(), event_categories[i]
            if early[i] and early_count[category] > 1:
                lift = ((early_count[category] - 1) / 2 - stacked[category]) * 10
                ax.annotate(name, (middle[i], y[i]), xytext=(-7, lift), textcoords="offset points",
                            ha="right", va="center", fontsize=8)
            else:
                ax.annotate(name, (middle[i], y[i]), xytext=(6, 0), textcoords="offset points", va="center",
                            fontsize=8)
            stacked[category] += early[i]
    lane_labels(ax, range(len(categories)), [TIMELINE_CATEGORIES[c] for c in categories])
    ax.set_ylim(len(categories) - 0.5, -0.5)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colour_of[p], label=p) for p in parts]
    handles += [
        plt.Line2D([], [], marker="o", linestyle="", color="grey", label="year or better"),
        plt.Line2D([], [], marker="o", linestyle="-", linewidth=6, alpha=0.5, color="grey",
                   markerfacecolor="white", label="century, decade, circa"),
        plt.Line2D([], [], linestyle="-", linewidth=1.5, color="grey", label="lasts from ... to"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=9)
    fig.suptitle(title or "Events on one time axis", fontsize=13)

    first, last = frame.iloc[0], frame.iloc[-1]
    before = int((frame["year"] < TIMELINE_BREAK).sum())
    scales = (f"on two scales, {format_year(low)} to {TIMELINE_BREAK} compressed "
              f"and {TIMELINE_BREAK} to 2023 wide" if broken else f"on one even scale, {format_year(low)} to 2023")
    alt = (f"Timeline of {len(frame)} events {scales}, "
           f"one lane per category ({', '.join(TIMELINE_CATEGORIES[c] for c in categories)}). "
           f"{before} events fall before {TIMELINE_BREAK} and {len(frame) - before} after. "
           f"Earliest: {timeline_date(first.year, first.end_year, first.date_precision, first.date)}, "
           f"{first.title}. Latest: {timeline_date(last.year, last.end_year, last.date_precision, last.date)}, "
           f"{last.title}. {int(uncertain.sum())} events are dated only to a century, a decade or approximately.")
    caption = source_caption(
        frame, f"{title or 'Events'}: {len(frame)} events "
        + (f"on two scales (before and after {TIMELINE_BREAK}). " if broken else "on one even scale. ")
        + "Open circles on pale bars are dated only to a century, a decade or approximately; "
        "thin lines are events that last.")
    return Chart(fig, caption, alt)


# National models ---------------------------------------------------------------

#: The four states Drab compares, in his order.
NATIONAL_MODELS = ["USA", "GBR", "FRA", "ESP"]
INSTRUMENT_CATEGORIES = {
    "high_level_visits": "high-level visits",
    "visits": "visits (unspecified)",
    "attaches_and_representatives": "attachés and representatives",
    "education_and_training": "education and training",
    "exercises": "exercises",
    "cooperation_agreements": "cooperation agreements",
    "arms_transfers_and_industry": "arms transfers and industry",
    "military_assistance": "military assistance",
    "capacity_building": "capacity building",
    "security_sector_reform": "security sector reform",
    "peacekeeping": "peacekeeping",
    "arms_control": "arms control",
    "strategic_dialogue": "strategic dialogue",
    "ship_and_aircraft_visits": "ship, aircraft and unit visits",
    "conferences_and_seminars": "conferences and seminars",
    "personnel_exchange": "personnel exchange",
    "civil_military_cooperation": "civil-military cooperation",
    "deterrence_and_operations": "deterrence and operations",
    "conflict_prevention": "conflict prevention",
    "crisis_response": "crisis response",
    "stabilisation": "stabilisation",
}


def instrument_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """The four numbered instrument lists only: not the UK's 2010 table, not France's phases.

    An item with sub-items (Spain's 3, 'Visits:', with 3.1-3.3) is a heading: its
    sub-items carry the categories, so the heading row is dropped here.
    """
    rows = frame[frame["list"] == "instruments"]
    parents = {(c, i.split(".")[0]) for c, i in zip(rows["country"], rows["item"]) if "." in i}
    heading = [(c, i) in parents for c, i in zip(rows["country"], rows["item"])]
    return rows[[not h for h in heading]]


def instruments_per_country(frame: pd.DataFrame) -> pd.Series:
    """How many instruments each list numbers (top-level items, as the source counts them)."""
    rows = frame[(frame["list"] == "instruments") & ~frame["item"].str.contains(".", regex=False)]
    return rows.groupby("country").size().reindex(NATIONAL_MODELS)


def instrument_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories x countries: how many of each list's instruments fall in each category.

    Rows run from the categories all four share to those only one uses.
    """
    rows = instrument_lists(frame)
    matrix = pd.crosstab(rows["category"], rows["country"]).reindex(columns=NATIONAL_MODELS, fill_value=0)
    users = (matrix > 0).sum(axis=1)
    order = sorted(matrix.index, key=lambda c: (-users[c], list(INSTRUMENT_CATEGORIES).index(c)))
    return matrix.loc[order]


def model_similarity(frame: pd.DataFrame) -> pd.DataFrame:
    """Jaccard similarity of the countries' category sets: shared / used by either."""
    present = instrument_matrix(frame) > 0
    values = {a: {b: (present[a] & present[b]).sum() / (present[a] | present[b]).sum() for b in NATIONAL_MODELS}
              for a in NATIONAL_MODELS}
    return pd.DataFrame(values).loc[NATIONAL_MODELS, NATIONAL_MODELS]


def model_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Every pair of countries with its shared and combined categories and their Jaccard score."""
    present = instrument_matrix(frame) > 0
    rows = []
    for i, a in enumerate(NATIONAL_MODELS):
        for b in NATIONAL_MODELS[i + 1:]:
            shared, either = int((present[a] & present[b]).sum()), int((present[a] | present[b]).sum())
            rows.append({"first": a, "second": b, "shared": shared, "either": either, "jaccard": shared / either})
    return pd.DataFrame(rows).sort_values("jaccard", ascending=False, kind="stable").reset_index(drop=True)


@styled
def instrument_matrix_chart(frame: pd.DataFrame, country_names: dict[str, str],
                            categories: list[str] | None = None) -> Chart:
    """A grid: one row per category, one column per country, the number of instruments in each cell."""
    matrix = instrument_matrix(frame)
    if categories is not None:
        matrix = matrix.loc[[c for c in matrix.index if c in set(categories)]]
    values = matrix.to_numpy()
    height = 0.3 * len(matrix) + 1.6
    fig, ax = plt.subplots(figsize=(6.5, height))  # a fixed layout keeps widget redraws fast
    fig.subplots_adjust(left=0.35, right=0.86, top=1 - 0.75 / height, bottom=0.15 / height)
    ax.imshow(values > 0, cmap=matplotlib.colors.ListedColormap(["white", "#9ecae1"]), vmin=0, vmax=1,
              aspect="auto")
    for (row, column), value in zip(*[[(r, c) for r in range(values.shape[0]) for c in range(values.shape[1])]],
                                    values.ravel()):
        if value:
            ax.text(column, row, str(value), ha="center", va="center", fontsize=9)
    names = [country_names[c] for c in NATIONAL_MODELS]
    # Column and row names as plain text, cell borders as two sets of lines: the grid's
    # thirty-odd ticks cost more to draw than everything else in it.
    above = offset_copy(blended_transform_factory(ax.transData, ax.transAxes), fig, y=3.5, units="points")
    for column, name in enumerate(names):
        ax.text(column, 1, name.replace(" ", "\n", 1), transform=above, ha="center", va="bottom",
                fontsize=matplotlib.rcParams["xtick.labelsize"])
    users = (matrix > 0).sum(axis=1)
    for row, count in enumerate(users):
        ax.text(len(names) - 0.35, row, f"{count} of {len(names)}", va="center", fontsize=9, color="#444444")
    ax.text(len(names) - 0.35, -0.75, "lists\nusing it", va="bottom", fontsize=9, color="#444444")
    lane_labels(ax, range(len(matrix)), [INSTRUMENT_CATEGORIES[c] for c in matrix.index])
    ax.xaxis.set_major_locator(ticker.NullLocator())
    ax.vlines([x - 0.5 for x in range(1, len(names))], -0.5, len(matrix) - 0.5, color="#cccccc", linewidth=0.6)
    ax.hlines([y - 0.5 for y in range(1, len(matrix))], -0.5, len(names) - 0.5, color="#cccccc", linewidth=0.6)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#cccccc")
    shared = [INSTRUMENT_CATEGORIES[c] for c in matrix.index[users == len(NATIONAL_MODELS)]]
    single = [INSTRUMENT_CATEGORIES[c] for c in matrix.index[users == 1]]
    counts = "; ".join(f"{n}: {int(matrix[c].sum())}" for n, c in zip(names, NATIONAL_MODELS))
    alt = (f"Grid of {len(matrix)} instrument categories by four countries; a shaded cell holds the number "
           f"of the country's listed instruments in that category (cells add up to {counts}). "
           f"Used by all four: {', '.join(shared) or 'none'}. Used by one only: {', '.join(single) or 'none'}.")
    caption = source_caption(
        frame, "Instruments of defence diplomacy in the four national lists, by the book's shared categories "
        "(numbers: instruments in the category; blank: none listed; Spain's sub-items 3.1-3.3 counted, "
        "its heading 'Visits' not).")
    return Chart(fig, caption, alt)


@styled
def model_similarity_chart(frame: pd.DataFrame, country_names: dict[str, str]) -> Chart:
    """An annotated 4x4 heatmap of the Jaccard similarity of the countries' category sets."""
    similarity = model_similarity(frame)
    names = [country_names[c] for c in NATIONAL_MODELS]
    fig, ax = plt.subplots(figsize=(6.5, 4.5), layout="constrained")
    values = similarity.to_numpy().copy()
    values[range(len(names)), range(len(names))] = float("nan")  # a country compared with itself: no colour
    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#eeeeee")
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=1)
    for row in range(len(names)):
        for column in range(len(names)):
            text = "—" if row == column else f"{similarity.iat[row, column]:.2f}"
            ax.text(column, row, text, ha="center", va="center", fontsize=11)
    ax.set_xticks(range(len(names)), [n.replace(" ", "\n", 1) for n in names])
    ax.set_yticks(range(len(names)), names)
    ax.tick_params(length=0)
    ax.set_title("How far the instrument lists overlap")
    fig.colorbar(image, ax=ax, label="Jaccard similarity: 0 none shared, 1 the same", shrink=0.85)
    pairs = model_pairs(frame)
    best, worst = pairs.iloc[0], pairs.iloc[-1]
    described = "; ".join(f"{country_names[p.first]} and {country_names[p.second]}: {p.jaccard:.2f}"
                          for p in pairs.itertuples())
    alt = (f"Heatmap of the Jaccard similarity between the instrument categories of four countries. "
           f"Most similar: {country_names[best.first]} and {country_names[best.second]} ({best.jaccard:.2f}); "
           f"least similar: {country_names[worst.first]} and {country_names[worst.second]} ({worst.jaccard:.2f}). "
           f"All pairs: {described}.")
    caption = source_caption(
        frame, "How far the four instrument lists overlap: categories shared by two countries divided by "
        "the categories either uses (Jaccard similarity; categories are the book's mapping of the source's wording).")
    return Chart(fig, caption, alt)


# Peacekeeping -----------------------------------------------------------------


#: Personnel types in the peacekeeping tables, as the charts name them.
PEACEKEEPING_TYPES = {
    "troops": "troops",
    "police": "police",
    "experts": "experts on mission",
    "total": "all uniformed personnel",
}
#: The book's four national models, in the order the book treats them.
FOUR_MODELS = ("USA", "GBR", "FRA", "ESP")
#: Where the world-totals series comes from; the other producer is drawn for comparison.
UN_TOTALS, IPI = "owid_un_peacekeeping", "ipi_peacekeeping"
#: The last December of the by-country series (IPI's per-country files end in March 2014).
BY_COUNTRY_LAST_YEAR = 2013
#: Where the one-month snapshot of 31 January 2021 sits on a December-based year axis.
SNAPSHOT_X = 2020 + 1 / 12


def _as_floats(values: pd.Series):
    """Nullable integers as floats, missing as NaN, so a gap stays a gap in a line."""
    return values.astype("Float64").to_numpy(dtype=float, na_value=float("nan"))


def _count(value) -> str:
    return f"{int(value):,}"


def _points(years, values) -> list[tuple[int, float]]:
    """(year, value) where there is a value. Plain Python: alt texts are written on every redraw."""
    return [(int(year), float(value)) for year, value in zip(years, values) if not pd.isna(value)]


def _peak(years, values) -> tuple[int, float]:
    """The year and value of the highest point; the earliest, if several are equal."""
    return max(_points(years, values), key=lambda point: point[1])


def _span(first: int, last: int) -> str:
    """'1990-2013', or '1995' when the span is one year."""
    return format_year(first) if first == last else f"{format_year(first)}-{format_year(last)}"


def _many(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s" if not noun.endswith("y") else f"{count} {noun[:-1]}ies"


def producer_differences(totals: pd.DataFrame) -> pd.DataFrame:
    """Years both producers cover, with both totals and the difference (UN minus IPI)."""
    un = totals[totals["source"] == UN_TOTALS].set_index("year")["total"]
    ipi = totals[totals["source"] == IPI].set_index("year")["total"]
    both = pd.DataFrame({"un": un, "ipi": ipi}).dropna().astype(int)
    both["difference"] = both["un"] - both["ipi"]
    return both


@styled
def peacekeeping_world(totals: pd.DataFrame) -> Chart:
    """World totals since 1947: the UN line, its split by type from 1992, IPI's points."""
    un = totals[totals["source"] == UN_TOTALS].sort_values("year")
    ipi = totals[totals["source"] == IPI].sort_values("year")
    split = un.dropna(subset=["troops", "police", "experts"])
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    ax.stackplot(split["year"].astype(int), *(_as_floats(split[kind]) for kind in ("troops", "police", "experts")),
                 colors=[OKABE_ITO[4], OKABE_ITO[1], OKABE_ITO[2]], alpha=0.55,
                 labels=[f"of which {PEACEKEEPING_TYPES[k]}" for k in ("troops", "police", "experts")])
    ax.plot(un["year"].astype(int), _as_floats(un["total"]), color="black", linewidth=2,
            label="Total (UN Peacekeeping via OWID)")
    ax.plot(ipi["year"].astype(int), _as_floats(ipi["total"]), linestyle="none", marker="o", markersize=4,
            markerfacecolor="white", markeredgecolor=OKABE_ITO[3], label="Total (IPI), for comparison")
    years, values = un["year"].astype(int).to_numpy(), _as_floats(un["total"])
    peak_year, peak = _peak(years, values)
    ax.annotate(f"{_count(peak)} ({peak_year})", xy=(peak_year, peak), xytext=(-8, 6),
                textcoords="offset points", ha="right")
    first_split = int(split["year"].min())
    ax.text(1948, peak * 0.55, f"Before {first_split}: total only;\nno split by type", fontsize=9, color="0.3")
    ax.set_ylim(0, peak * 1.12)
    ax.set_xlim(years.min() - 1, years.max() + 1)
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{int(v):,}"))
    year_axis(ax)
    ax.set_ylabel("Uniformed personnel, December")
    ax.set_title(f"UN peacekeepers deployed, {format_year(years.min())}-{format_year(years.max())}")
    ax.legend(loc="upper left")
    differences = producer_differences(totals)
    differing = differences[differences["difference"] != 0]
    widest = differing["difference"].abs().idxmax()
    latest = differing.index.max()
    caption = source_caption(totals, (
        f"UN uniformed peacekeepers in December of each year. Black line: the UN's world total via Our World "
        f"in Data, the one series covering {format_year(years.min())}-{format_year(years.max())} (before 1992 "
        f"the Global Policy Forum's figures; 1998 is November); shaded: its split into troops, police and "
        f"experts, available from {first_split} only. Open circles: IPI's December totals "
        f"{differences.index.min()}-{totals.loc[totals['source'] == IPI, 'year'].max()}, for comparison. "
        f"The two differ in {len(differing)} of {len(differences)} shared years, most in {widest} "
        f"({_count(differences.loc[widest, 'un'])} against {_count(differences.loc[widest, 'ipi'])}) and "
        f"last in {latest} ({_count(differences.loc[latest, 'un'])} against "
        f"{_count(differences.loc[latest, 'ipi'])}, too small to see)."))
    far = [int(y) for y, row in differences.iterrows() if abs(row["difference"]) > 0.05 * row["un"]]
    early = un[un["year"] < 2000]
    early_year, early_peak = _peak(early["year"].astype(int), _as_floats(early["total"]))
    after = un[(un["year"] > early_year) & (un["year"] < peak_year)]
    low_year, low = min(zip(_as_floats(after["total"]), after["year"].astype(int)), key=lambda pair: pair[0])[::-1]
    alt = (f"Line chart of UN uniformed peacekeepers in December of each year, {years.min()}-{years.max()}: "
           f"{_count(values[0])} in {years.min()}; a peak of {_count(early_peak)} in {early_year}; "
           f"a low of {_count(low)} in {low_year}; the highest, {_count(peak)}, in {peak_year}; "
           f"{_count(values[-1])} in {years.max()}. From {first_split} the area under the line is split into "
           f"troops, police and experts. Open circles show IPI's totals, which lie on or near the line"
           + (f" except in {' and '.join(map(str, far))} (more than 5 per cent apart)." if far else "."))
    return Chart(fig, caption, alt)


def _line_styles(count: int):
    """Colour and dash for each of ``count`` lines: the palette first solid, then dashed."""
    return [(OKABE_ITO[i % len(OKABE_ITO)], "-" if i < len(OKABE_ITO) else "--") for i in range(count)]


@styled
def peacekeeping_by_country(rows: pd.DataFrame, country_names: dict[str, str], personnel: str = "total",
                            years: tuple[int, int] = (1990, 2021),
                            snapshot: pd.DataFrame | None = None, order: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """One line per country, December values; the years with no series shaded as a gap.

    ``snapshot`` (31 January 2021, totals only) is drawn as separate diamonds, never
    joined to the lines. Countries listed in ``order`` come first, in that order.
    """
    start, end = years
    present = set(rows["country"])
    countries = [c for c in order if c in present] + sorted(present - set(order))
    label = PEACEKEEPING_TYPES[personnel]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    described = []
    top = 0.0
    series_end = min(end, BY_COUNTRY_LAST_YEAR)
    axis_years = list(range(start, series_end + 1))
    wide = (rows.pivot(index="year", columns="country", values=personnel).astype("Float64")
            .reindex(axis_years).astype(float))  # a missing December becomes NaN: a break in the line
    for country, (colour, dash) in zip(countries, _line_styles(len(countries))):
        own = wide[country]
        ax.plot(axis_years, own.to_numpy(), color=colour, linestyle=dash, marker="o", markersize=3,
                label=country_names[country])
        top = max(top, own.max())
        described.append(f"{country_names[country]}: {_ends_and_peak(axis_years, own.to_numpy())}")
        if snapshot is not None and country in set(snapshot["country"]):
            value = snapshot.loc[snapshot["country"] == country, "total"].iloc[0]
            ax.plot([SNAPSHOT_X], [value], linestyle="none", marker="D", markersize=6, color=colour,
                    markeredgecolor="black")
            top = max(top, value)
    if end > BY_COUNTRY_LAST_YEAR:
        ax.axvspan(max(start, BY_COUNTRY_LAST_YEAR) + 0.25, end + 0.5, color="0.92", zorder=0)
        ax.text((max(start, BY_COUNTRY_LAST_YEAR) + end) / 2 + 0.4, top * 1.08,
                "no by-country series\nafter March 2014", ha="center", va="top", fontsize=9, color="0.3")
    shown_snapshot = snapshot is not None and not snapshot.empty
    if shown_snapshot:
        ax.plot([], [], linestyle="none", marker="D", color="white", markeredgecolor="black",
                label="31 Jan 2021 only\n(one month)")
        ax.annotate("Jan\n2021", xy=(SNAPSHOT_X, snapshot["total"].max()), xytext=(0, 8),
                    textcoords="offset points", ha="center", va="bottom", fontsize=9)
    ax.set_xlim(start - 0.5, end + 0.5)
    # The two-line "Jan 2021" label needs more headroom when its diamonds are the highest point.
    snapshot_on_top = shown_snapshot and snapshot["total"].max() >= 0.85 * top
    ax.set_ylim(0, max(top, 1) * (1.3 if snapshot_on_top else 1.12))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{int(v):,}"))
    year_axis(ax)
    ax.set_ylabel(f"{label.capitalize()}, December")
    ax.set_title(f"UN peacekeeping: {label} by country")
    fixed_margins(fig, ax, beside=ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1)))
    ticks_as_text(ax)
    frames = [rows, snapshot] if shown_snapshot else [rows]
    what = (f"UN peacekeeping, {label} contributed in December of each year {_span(start, series_end)} (IPI). "
            "A break in a line is a year with no figure from IPI.")
    if end > BY_COUNTRY_LAST_YEAR:
        what += (f" The grey band ({_span(BY_COUNTRY_LAST_YEAR + 1, end)}) is a gap, not a zero: the book has no "
                 "by-country series after March 2014.")
    if shown_snapshot:
        what += (" Diamonds: all uniformed personnel on 31 January 2021 from the UN's contribution ranks, "
                 "one month only, not joined to the lines.")
    caption = source_caption(pd.concat(frames), what)
    alt = (f"Line chart of {label} in UN peacekeeping by country, December {_span(start, series_end)}, "
           f"{_many(len(countries), 'country')}: " + "; ".join(described) + ".")
    if end > BY_COUNTRY_LAST_YEAR:
        alt += f" After {BY_COUNTRY_LAST_YEAR}, to {end}, the chart is shaded as a gap."
    if shown_snapshot:
        listed = snapshot.set_index("country")["total"]
        alt += " Separate diamonds for 31 January 2021: " + "; ".join(
            f"{country_names[c]} {_count(listed[c])}" for c in countries if c in listed.index) + "."
    return Chart(fig, caption, alt)


def peacekeeping_mix(rows: pd.DataFrame) -> pd.DataFrame:
    """Per country: shares of troops, police and experts in the sum of its December figures.

    A type with no figure in a month counts as none, as IPI's own totals do. Also the
    average December total over the years the rows cover. Largest average first.
    """
    sums = rows.groupby("country")[["troops", "police", "experts"]].sum().astype(float)
    mix = sums.div(sums.sum(axis=1), axis=0).mul(100)
    mix["average_total"] = rows.groupby("country")["total"].mean().astype(float)
    return mix.sort_values("average_total", ascending=False)


@styled
def peacekeeping_composition(rows: pd.DataFrame, country_names: dict[str, str],
                             highlight: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """100% bars: what each country sent, troops, police or experts; the average size beside."""
    mix = peacekeeping_mix(rows).iloc[::-1]  # largest on top
    first, last = int(rows["year"].min()), int(rows["year"].max())
    labels = [country_names[c] for c in mix.index]
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(mix) + 1.6), layout="constrained")
    left = pd.Series(0.0, index=mix.index)
    for kind, colour in zip(("troops", "police", "experts"), (OKABE_ITO[4], OKABE_ITO[1], OKABE_ITO[2])):
        ax.barh(labels, mix[kind], left=left, color=colour, label=PEACEKEEPING_TYPES[kind])
        left += mix[kind]
    for y, average in enumerate(mix["average_total"]):
        ax.annotate(f"{_count(round(average))}", xy=(100, y), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=9)
    ax.annotate("average\nDecember total", xy=(100, len(mix) - 0.4), xytext=(6, 0),
                textcoords="offset points", va="bottom", fontsize=9, color="0.3")
    for tick, country in zip(ax.get_yticklabels(), mix.index):
        if country in highlight:
            tick.set_fontweight("bold")
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"Share of the December figures {first}-{last} (%)")
    ax.set_title("Who sends what: troops, police and experts")
    fig.legend(loc="outside lower center", ncol=3)
    decembers = rows.groupby("country")["year"].nunique()
    full = last - first + 1
    partial = "; ".join(f"{country_names[c]} {n} of {full}" for c, n in decembers.items() if n < full)
    caption = source_caption(rows, (
        f"Shares of troops, police and experts on mission in the sum of each country's December figures "
        f"{first}-{last}, and beside each bar the average December total, over the Decembers with a figure"
        + (f" ({partial})" if partial else "") + ". A type with no figure in a month counts as none, as "
        "IPI's own totals do. Names in bold: the book's four national models."))
    top = mix.iloc[::-1]
    alt = (f"Stacked horizontal bar chart of {len(mix)} countries' UN peacekeeping contributions {first}-{last}, "
           "by share of troops, police and experts: " + "; ".join(
               f"{country_names[c]} {r.troops:.0f}% troops, {r.police:.0f}% police, {r.experts:.0f}% experts, "
               f"average {_count(round(r.average_total))}" for c, r in top.iterrows()) + ".")
    return Chart(fig, caption, alt)


# Alliances and exercises ------------------------------------------------------

#: ATOP obligation types as the alliances table names them, and as the charts say them.
ALLIANCE_OBLIGATIONS = {
    "any": "all alliances (any obligation)",
    "defence": "defence",
    "offence": "offence",
    "neutrality": "neutrality",
    "non_aggression": "non-aggression",
    "consultation": "consultation",
}
#: Years the alliances chart marks with a dotted line.
ALLIANCE_MARKS = (1914, 1945, 1991)


def _ends_and_peak(years, values) -> str:
    points = _points(years, values)
    peak_year, peak = max(points, key=lambda point: point[1])
    (first_year, first), (last_year, last) = points[0], points[-1]
    parts = [f"{_count(first)} in {format_year(first_year)}"]
    if first_year == last_year:
        return parts[0]
    if peak_year not in (first_year, last_year):
        parts.append(f"peak {_count(peak)} in {format_year(peak_year)}")
    end = " (the peak)" if peak_year == last_year and last_year != first_year else ""
    parts.append(f"{_count(last)} in {format_year(last_year)}{end}")
    return ", ".join(parts)


@styled
def alliances_in_force(frame: pd.DataFrame, obligations: tuple[str, ...] = tuple(ALLIANCE_OBLIGATIONS),
                       years: tuple[int, int] | None = None, marks: tuple[int, ...] = ALLIANCE_MARKS) -> Chart:
    """Alliances in force per year: all of them in black, each obligation type in colour."""
    first, last = years or (int(frame["year"].min()), int(frame["year"].max()))
    rows = frame[frame["year"].between(first, last)]
    wide = rows.pivot(index="year", columns="obligation", values="alliances").astype(float)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    described = []
    for obligation in [o for o in ALLIANCE_OBLIGATIONS if o in obligations]:
        values = wide[obligation]
        # One colour per obligation, whichever others are shown; all alliances in black.
        style = ({"color": "black", "linewidth": 2.2} if obligation == "any"
                 else {"color": OKABE_ITO[list(ALLIANCE_OBLIGATIONS).index(obligation) - 1], "linewidth": 1.4})
        ax.plot(wide.index, values, label=ALLIANCE_OBLIGATIONS[obligation], **style)
        described.append(f"{ALLIANCE_OBLIGATIONS[obligation]}: {_ends_and_peak(wide.index, values.to_numpy())}")
    top = wide[[o for o in obligations if o in wide]].max().max()
    for year in (m for m in marks if first < m < last):
        ax.axvline(year, color="0.6", linestyle=":", linewidth=1, zorder=0)
        ax.text(year, top * 1.06, format_year(year), ha="center", va="bottom", fontsize=9, color="0.35")
    ax.set_ylim(0, max(top, 1) * 1.14)
    ax.set_xlim(first - (first == last) * 0.5, last + (first == last) * 0.5)  # one year still gets a width
    year_axis(ax)
    ax.set_ylabel("Alliances in force")
    ax.set_title(f"Alliances in force, {_span(first, last)}", pad=16)
    ax.legend(loc="upper left")
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    several = [o for o in obligations if o != "any"]
    what = (f"Alliances in force in each year {_span(first, last)} (ATOP v5.1): in force "
            "from the year it begins to the year it ends, including that year.")
    if several:
        what += (" An alliance counts under every obligation any member undertook, so the coloured lines "
                 "overlap and do not add up to the total.")
    alt = (f"Line chart of alliances in force per year, {_span(first, last)}, "
           f"{_many(len(described), 'line')}. " + "; ".join(described) + ".")
    if "any" in obligations and any(first <= m <= last for m in marks):
        alt += " All alliances in the marked years: " + ", ".join(
            f"{_count(wide.loc[m, 'any'])} in {m}" for m in marks if first <= m <= last) + "."
    return Chart(fig, source_caption(rows, what), alt)


def _bar_collection(ax, x, heights, bottoms, width: float = 0.8, **style) -> None:
    """Vertical bars as one collection: a widget redraw stays fast with dozens of bars."""
    bottoms = bottoms + 0 * heights  # a scalar bottom becomes one per bar
    half = width / 2
    boxes = [[(left - half, low), (left - half, low + height), (left + half, low + height), (left + half, low)]
             for left, low, height in zip(x, bottoms, heights)]
    ax.add_collection(PolyCollection(boxes, **style), autolim=False)


@styled
def exercises_over_time(per_year: pd.DataFrame, by_country: pd.DataFrame, country_names: dict[str, str],
                        years: tuple[int, int] | None = None, order: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """Bars: all multinational exercises a year (the unnamed part hatched); lines: chosen countries."""
    first, last = years or (int(per_year["year"].min()), int(per_year["year"].max()))
    bars = per_year[per_year["year"].between(first, last)].sort_values("year")
    rows = by_country[by_country["year"].between(first, last)]
    x = bars["year"].astype(int).to_numpy()
    named = _as_floats(bars["exercises"] - bars["unnamed_exercises"])
    unnamed = _as_floats(bars["unnamed_exercises"])
    fig, ax = plt.subplots(figsize=(8, 4.5))
    _bar_collection(ax, x, named, 0, facecolor="0.82", label="all exercises, named")
    _bar_collection(ax, x, unnamed, named, facecolor="white", edgecolor="0.55", hatch="///", linewidth=0.6,
                    label="all exercises, unnamed (-9)")
    described = []
    present = set(rows["country"])
    countries = [c for c in order if c in present] + sorted(present - set(order))
    axis_years = list(range(first, last + 1))
    wide = (rows.pivot(index="year", columns="country", values="exercises").astype("Float64")
            .reindex(axis_years).astype(float))  # years before a state existed become NaN, not 0
    for country, (colour, dash) in zip(countries, _line_styles(len(countries))):
        values = wide[country].to_numpy()
        ax.plot(axis_years, values, color=colour, linestyle=dash, marker="o", markersize=3, linewidth=1.6,
                label=country_names[country])
        described.append(f"{country_names[country]}: {_ends_and_peak(axis_years, values)}")
    totals = _as_floats(bars["exercises"])
    ax.set_ylim(0, totals.max() * 1.12)
    ax.set_xlim(first - 0.6, last + 0.6)
    year_axis(ax)
    ax.set_ylabel("Exercises under way in the year")
    ax.set_title(f"Multinational military exercises, {_span(first, last)}")
    fixed_margins(fig, ax, beside=ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1)))
    ticks_as_text(ax)
    what = (f"Multinational military exercises under way each year {_span(first, last)} (MME, version 7). Bars: all "
            "exercises; the hatched top part are those MME records without a name (code -9), real exercises "
            "counted like the others. An exercise spanning two years counts in both.")
    if countries:
        what += " Lines: the exercises each country took part in; a country's line starts with its first year as a state in ATOP."
    share = bars["unnamed_exercises"].sum() / bars["exercises"].sum()
    alt = (f"Bar chart of multinational military exercises per year, {_span(first, last)}: "
           f"{_ends_and_peak(x, totals)}; {share:.0%} of them have no recorded name. ")
    if described:
        alt += f"{_many(len(described), 'line')} for single countries: " + "; ".join(described) + "."
    return Chart(fig, source_caption(pd.concat([bars, rows]), what), alt)
