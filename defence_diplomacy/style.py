"""The book's look, shared by every chart: palette, type, captions and alt-text wording.

A chart function takes a tidy frame and returns a :class:`Chart`: a matplotlib figure with the
caption (naming its sources) and alt text every figure in the book carries. It is drawn inside
:func:`styled`, which applies :data:`BOOK_STYLE` (the Okabe-Ito colour-blind-safe palette,
readable sizes, a white background that survives dark mode and print) and closes the figure.
The helpers at the end write numbers and spans the same way in every alt text.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import textwrap
from dataclasses import dataclass

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker as ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from defence_diplomacy._render import BOOK_FONT
from defence_diplomacy._svg import inline_svg
from defence_diplomacy.data import default_package, format_year
from defence_diplomacy.vocabulary import QUALIFIER_WORDS

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
    "font.family": BOOK_FONT,
}


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

    def html(self, drawing: str) -> str:
        """The figure as HTML: ``drawing`` (an image, or an SVG element) above the caption."""
        return (f'<figure class="book-chart" style="margin:0">{drawing}'
                f"<figcaption>{html.escape(self.caption)}</figcaption></figure>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The figure once: HTML that every notebook front end shows with its caption and alt
        text. (The book's build turns it into an image file and a figure: _ext/chart_figures.)"""
        encoded = base64.b64encode(self.png()).decode("ascii")
        image = (f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(self.alt_text)}" '
                 'style="max-width:100%;height:auto">')
        return {"text/html": self.html(image), "text/plain": self.caption}, {}

    def live(self) -> LiveChart:
        return LiveChart(self)


@dataclass
class LiveChart:
    """A chart as an explorer shows it while the reader changes the controls.

    The same figure, caption and alt text, drawn as an SVG element of the page: quick to redraw
    in a live kernel, to send and to paint. The book's pages and the PDF keep the PNG of :class:`Chart`.
    """

    chart: Chart

    def _repr_mimebundle_(self, include=None, exclude=None):
        # An <svg> has no alt attribute: the element around it carries the alt text as an image would.
        drawing = f'<div role="img" aria-label="{html.escape(self.chart.alt_text)}">{inline_svg(self.chart.figure)}</div>'
        return {"text/html": self.chart.html(drawing), "text/plain": self.chart.caption}


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


def qualified(value: int, qualifier: str) -> str:
    """Write a count as the source states it: '129', 'more than 500', 'about 40'."""
    return QUALIFIER_WORDS[qualifier].format(int(value))


# Words for alt texts and captions ------------------------------------------


def wrapped(text: str, width: int = 26) -> str:
    return "\n".join(textwrap.wrap(text, width))


def as_floats(values: pd.Series):
    """Nullable integers as floats, missing as NaN, so a gap stays a gap in a line."""
    return values.astype("Float64").to_numpy(dtype=float, na_value=float("nan"))


def yearly_values(rows: pd.DataFrame, key: str, column: str, years: list[int]) -> dict[str, np.ndarray]:
    """For each ``key`` (a country), its ``column`` in each of ``years`` as floats; a year without a row,
    or without a figure, is NaN: a break in its line. The rows hold one value per key and year (the
    tables' primary keys say so). A pivot and its conversions cost ten times as much.
    """
    at = rows["year"].to_numpy() - years[0]
    inside = (at >= 0) & (at < len(years))
    keys = rows[key].to_numpy()
    values = rows[column].to_numpy(dtype=float, na_value=np.nan)
    yearly = {}
    for each in dict.fromkeys(keys):
        own = np.full(len(years), np.nan)
        chosen = inside & (keys == each)
        own[at[chosen]] = values[chosen]
        yearly[each] = own
    return yearly


def with_commas(value) -> str:
    return f"{int(value):,}"


def value_points(years, values) -> list[tuple[int, float]]:
    """(year, value) where there is a value. Plain Python: alt texts are written on every redraw."""
    return [(int(year), float(value)) for year, value in zip(years, values) if not pd.isna(value)]


def peak_point(years, values) -> tuple[int, float]:
    """The year and value of the highest point; the earliest, if several are equal."""
    return max(value_points(years, values), key=lambda point: point[1])


def year_span(first: int, last: int) -> str:
    """'1990-2013', or '1995' when the span is one year."""
    return format_year(first) if first == last else f"{format_year(first)}-{format_year(last)}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s" if not noun.endswith("y") else f"{count} {noun[:-1]}ies"


def line_styles(count: int):
    """Colour and dash for each of ``count`` lines: the palette first solid, then dashed."""
    return [(OKABE_ITO[i % len(OKABE_ITO)], "-" if i < len(OKABE_ITO) else "--") for i in range(count)]


def ends_and_peak(years, values) -> str:
    points = value_points(years, values)
    peak_year, peak = max(points, key=lambda point: point[1])
    (first_year, first), (last_year, last) = points[0], points[-1]
    parts = [f"{with_commas(first)} in {format_year(first_year)}"]
    if first_year == last_year:
        return parts[0]
    if peak_year not in (first_year, last_year):
        parts.append(f"peak {with_commas(peak)} in {format_year(peak_year)}")
    end = " (the peak)" if peak_year == last_year and last_year != first_year else ""
    parts.append(f"{with_commas(last)} in {format_year(last_year)}{end}")
    return ", ".join(parts)
