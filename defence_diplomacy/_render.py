"""Private: what makes an explorer's redraw quick. Chart modules use it; readers never need to.

The contract, for whoever writes a chart an explorer redraws:

1. Build the figure with ``plt.subplots`` inside :func:`style.styled`, as any matplotlib chart.
2. Name lanes with :func:`lane_labels` and mark years with :func:`year_marks` instead of ticks
   where a chart has many of them: a text is one artist, a tick five.
3. When limits and artists are final, call :func:`fixed_margins` (margins measured from the
   axes' labels, title and legend, in place of a layout engine's pass over the whole figure), then
   :func:`ticks_as_text` (the ticks the axes' own locators choose, drawn as marks and text).
4. Explorers show the figure as SVG (:func:`svg_bytes`), whose renderer measures each label
   once per session; the book's pages keep the PNG.

Nothing here changes what a chart shows: tests compare the result with matplotlib's own output.
"""

from __future__ import annotations

import functools
import io

import matplotlib
import matplotlib.ticker as ticker
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.markers import TICKDOWN, TICKLEFT
from matplotlib.textpath import text_to_path
from matplotlib.transforms import blended_transform_factory, offset_copy

#: The font every chart uses (style.BOOK_STYLE); labels are measured in it.
BOOK_FONT = "DejaVu Sans"

@functools.lru_cache(maxsize=4096)
def _text_size(text: str, font: FontProperties, ismath) -> tuple[float, float, float]:
    return text_to_path.get_text_width_height_descent(text, font, ismath)


class TextSizesKeptSVG(RendererSVG):
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


def text_inches(text: str, size: float) -> float:
    """Width in inches of the widest line of ``text`` at ``size`` points, measured with the book's font."""
    font = FontProperties(family=BOOK_FONT, size=size)
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


def svg_bytes(figure: Figure) -> bytes:
    """The figure as SVG with text kept as text, as ``savefig(format="svg")`` writes it, measured once per label."""
    buffer = io.StringIO()
    dpi = figure.dpi
    width, height = figure.get_size_inches()
    figure.dpi = 72  # SVG's unit is the point
    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "book"}):
            # savefig wraps the renderer for rasterised artists; the book's charts have none.
            renderer = TextSizesKeptSVG(width * 72, height * 72, buffer, image_dpi=dpi)
            figure.draw(renderer)
            renderer.finalize()
    finally:
        figure.dpi = dpi
    return buffer.getvalue().encode("utf-8")


def bar_collection(ax, x, heights, bottoms, width: float = 0.8, **style) -> None:
    """Vertical bars as one collection: a widget redraw stays fast with dozens of bars."""
    bottoms = bottoms + 0 * heights  # a scalar bottom becomes one per bar
    half = width / 2
    boxes = [[(left - half, low), (left - half, low + height), (left + half, low + height), (left + half, low)]
             for left, low, height in zip(x, bottoms, heights)]
    ax.add_collection(PolyCollection(boxes, **style), autolim=False)
