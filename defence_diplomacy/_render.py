"""Private: what makes an explorer's redraw quick. Chart modules use it; readers never need to.

The contract, for whoever writes a chart an explorer redraws:

1. Build the figure with :func:`new_figure` (``plt.subplots`` for one axes, quicker) inside
   :func:`style.styled`, without a layout engine or ``subplots_adjust``.
2. Name lanes with :func:`lane_labels` and mark years with :func:`year_marks` instead of ticks
   where a chart has many of them: a text is one artist, a tick five. Give the legend with
   :func:`legend_as_text` (as ``legend()`` takes it), which places each entry once. Draw lines
   with :func:`plot_line`, markers of many colours with :func:`markers_by_colour` and bars with
   :func:`bars_as_path`: what ``plot``, ``scatter`` and ``bar``/``barh`` draw, made without their
   argument parsing, per-point styles and per-bar patches.
3. When limits and artists are final, call ``fixed_margins(fig, ax)``. It measures what the
   figure holds (tick and axis labels, title, suptitle, every text and annotation on the axes,
   legends beside or below them) and sets the margins; nothing is passed to it. Then
   :func:`ticks_as_text` (the ticks the axes' own locators choose, drawn as marks and text).
4. Explorers show the figure as an SVG element in the page (``_svg.inline_svg``), whose renderer
   measures each label once per session; the book's pages keep the PNG.

Nothing here changes what a chart shows: tests compare the result with matplotlib's own output.
"""

from __future__ import annotations

import functools
import pickle
import weakref

import matplotlib
import matplotlib.ticker as ticker
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN, TICKLEFT
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.textpath import text_to_path
from matplotlib.transforms import (Affine2D, ScaledTranslation, TransformedPatchPath, blended_transform_factory,
                                   offset_copy)

#: The font every chart uses (style.BOOK_STYLE); labels are measured in it.
BOOK_FONT = "DejaVu Sans"

@functools.lru_cache(maxsize=4096)
def _text_size(text: str, font: FontProperties, ismath) -> tuple[float, float, float]:
    return text_to_path.get_text_width_height_descent(text, font, ismath)


@functools.lru_cache(maxsize=256)
def _font_heights(font: FontProperties, dpi: float) -> tuple[float, float, float]:
    """A font's ascent, descent and line gap in pixels, read from its tables as matplotlib's text layout reads them."""
    face = get_font(fontManager._find_fonts_by_props(font))
    scale = font.get_size_in_points() * dpi / 72 / face.get_sfnt_table("head")["unitsPerEm"]
    for table, gap, ascent, descent in [("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                        ("hhea", "lineGap", "ascent", "descent")]:
        metrics = face.get_sfnt_table(table)
        if metrics is not None:
            return metrics[ascent] * scale, -metrics[descent] * scale, metrics[gap] * scale
    return None, None, None  # matplotlib then measures "lp" instead


@functools.lru_cache(maxsize=4096)
def _agg_text_size(text: str, font: FontProperties, ismath, dpi: float, hinting: str) -> tuple[float, float, float]:
    return RendererAgg.get_text_width_height_descent(_measuring_renderer(dpi), text, font, ismath)


class _TextSizesKeptAgg(RendererAgg):
    """The Agg renderer :func:`fixed_margins` measures legends with, remembering text sizes like the SVG one."""

    def get_text_width_height_descent(self, s, prop, ismath):
        return _agg_text_size(s, prop.copy(), ismath, self.dpi, matplotlib.rcParams["text.hinting"])

    def _get_font_height_metrics(self, prop):
        return _font_heights(prop.copy(), self.dpi)

@functools.lru_cache(maxsize=4)
def _measuring_renderer(dpi: float) -> _TextSizesKeptAgg:
    return _TextSizesKeptAgg(1, 1, dpi)  # it only measures: no canvas to speak of


def new_figure(figsize: tuple[float, float]):
    """A figure and its one axes, as ``plt.subplots(figsize=figsize)`` makes them, in a fraction of the time.

    Making an axes (spines, axis labels, the first ticks) was an eighth of an explorer's redraw.
    A blank figure is made once per size and style and each chart gets a copy of it (unpickled),
    made ahead by :func:`restock` where it could be. The figure is not pyplot's: nothing shows it
    but the chart that returns it.
    """
    key = (tuple(figsize), hash(tuple(map(str, matplotlib.rcParams.values()))))  # inside styled(): the book's style
    _taken.add(key)
    ready = _stock.get(key)
    figure = ready.pop() if ready else pickle.loads(_blank_figure(*key))
    return figure, figure.axes[0]


_stock: dict[tuple, list[Figure]] = {}  # copies made ahead, by size and style
_taken: set[tuple] = set()  # the sizes and styles new_figure gave out since the last restock


def restock() -> None:
    """Copy again the blank figures the latest charts took, so that the next ones find them ready.

    An explorer calls it once its chart has left for the page and the kernel is idle (see
    ``explorer.IDLE_AFTER``): the reader is looking at the chart then, and the copy (3 ms, a tenth
    of a redraw) is made while no one waits for it.
    """
    while _taken:
        key = _taken.pop()
        ready = _stock.setdefault(key, [])
        if not ready:
            ready.append(pickle.loads(_blank_figure(*key)))  # a copy unpickled anywhere is the same figure


@functools.lru_cache(maxsize=64)
def _blank_figure(figsize: tuple[float, float], style: int) -> bytes:
    figure = Figure(figsize=figsize)
    figure.add_subplot()
    return pickle.dumps(figure)


def text_inches(text: str, size: float) -> float:
    """Width in inches of the widest line of ``text`` at ``size`` points, measured with the book's font."""
    font = FontProperties(family=BOOK_FONT, size=size)
    return max(_text_size(line, font, False)[0]
               for line in text.split("\n")) / 72


def text_boxes(fig: Figure, texts) -> list:
    """Where ``texts`` are drawn at the figure's present layout, in pixels, measured without drawing the figure."""
    renderer = _measuring_renderer(fig.dpi)
    return [text.get_window_extent(renderer) for text in texts]


def _label(ax, x, y, text: str, **kwargs) -> Text:
    """``ax.text(x, y, text, **kwargs)`` for the many labels drawn here in place of ticks, at half the cost.

    ``ax.text`` gives each text a clip path of its own, the axes' outline, which was half of making
    one; a text of ``ax.text`` is never clipped (``clip_on`` is False), so these share one.
    """
    outline = _outlines.get(ax)
    if outline is None:
        outline = _outlines[ax] = TransformedPatchPath(ax.patch)
    return ax.text(x, y, text, clip_path=outline, **kwargs)


_outlines: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # an axes' outline, for _label


def lane_labels(ax, positions, labels, fontsize: float | None = None) -> None:
    """Name the lanes of a chart at the left of the axes, like ``ax.set_yticks(positions, labels)`` without marks.

    Plain text instead of ticks: a tick is five artists (three lines, two labels)
    and costs several times a text to make and draw, which adds up when an
    explorer redraws a chart with a dozen lanes. :func:`fixed_margins` measures them
    with the axes' other texts.
    """
    ax.yaxis.set_major_locator(ticker.NullLocator())
    left_of_axes = offset_copy(blended_transform_factory(ax.transAxes, ax.transData), ax.figure, x=-5, units="points")
    size = fontsize or matplotlib.rcParams["ytick.labelsize"]
    for y, label in zip(positions, labels):
        _label(ax, 0, y, label, transform=left_of_axes, ha="right", va="center", fontsize=size)


def plot_line(ax, x, y, *, color, autolim: bool = True, **style) -> Line2D:
    """``ax.plot(x, y, color=color, **style)`` for one line of numbers: the same line, without the parsing
    of ``plot``'s arguments, which took seven times as long as making the line. The colour is required:
    ``plot`` would take the next one of the axes' colour cycle, and a line made here leaves the cycle alone.

    ``autolim=False`` leaves the data limits alone, for a chart that sets both axes' limits itself:
    working them out from each line was a twentieth of an 18-country chart.
    """
    line = Line2D(x, y, color=color, **style)
    if not autolim:
        return ax.add_artist(line)  # add_line less the limits (and a "_child" label no legend shows)
    ax.add_line(line)
    ax._request_autoscale_view()  # as plot asks for it: the limits are worked out once, when needed
    return line


def markers_by_colour(ax, x, y, colours, *, marker: str, area: float, edge: float, **style) -> None:
    """Markers of many colours as ``ax.scatter(x, y, s=area, c=colours, marker=marker, linewidths=edge)``
    draws them (``style`` as for a line's markers, a white face for instance), as one line of markers
    per colour: a scatter writes each point with its own style and works out its data limits alone."""
    by_colour: dict[str, tuple[list, list]] = {}
    for at_x, at_y, colour in zip(x, y, colours):
        xs, ys = by_colour.setdefault(colour, ([], []))
        xs.append(at_x)
        ys.append(at_y)
    for colour, (xs, ys) in by_colour.items():
        plot_line(ax, xs, ys, color=colour, linestyle="", marker=marker, markersize=area ** 0.5,
                  markeredgewidth=edge, **style)


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
        if grid_colour:  # vlines' lines, without the data limits it works out: marks lie inside them
            ax.add_collection(LineCollection([[(x, 0), (x, 1)] for x in locations], colors=grid_colour,
                                             linestyles="solid", linewidth=0.6, zorder=0.5, transform=on_axis),
                              autolim=False)
        plot_line(ax, locations, [0] * len(locations), linestyle="", marker=TICKDOWN, markersize=length,
                  markeredgewidth=width, color=matplotlib.rcParams["xtick.color"], transform=on_axis, clip_on=False)
        beside = offset_copy(on_axis, ax.figure, y=-gap, units="points")
        return [_label(ax, x, 0, label, transform=beside, ha="center", va="top", fontsize=size)
                for x, label in zip(locations, labels) if label]
    on_axis = blended_transform_factory(ax.transAxes, ax.transData)
    plot_line(ax, [0] * len(locations), locations, linestyle="", marker=TICKLEFT, markersize=length,
              markeredgewidth=width, color=matplotlib.rcParams["ytick.color"], transform=on_axis, clip_on=False)
    beside = offset_copy(on_axis, ax.figure, x=-gap, units="points")
    return [_label(ax, 0, y, label, transform=beside, ha="right", va="center_baseline", fontsize=size)
            for y, label in zip(locations, labels) if label]


def year_marks(ax, years, labels, grid_colour: str | None = None) -> None:
    """Marks and labels on the x axis, like ``ax.set_xticks(years, labels)``, as one line of marks and plain text.

    For the same reason as :func:`lane_labels`: the timeline's dozen ticks were a
    fifth of its redraw. ``grid_colour`` adds a vertical line at each mark.
    """
    ax.xaxis.set_major_locator(ticker.NullLocator())
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    _pin_axis_label(ax.xaxis, _axis_marks(ax, "x", years, labels, grid_colour))


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
    for axis in (ax.xaxis, ax.yaxis):
        if isinstance(axis.get_major_locator(), ticker.NullLocator):
            continue
        texts = _axis_marks(ax, axis.axis_name, *_visible_ticks(axis))
        axis.set_major_locator(ticker.NullLocator())
        axis.set_minor_locator(ticker.NullLocator())
        _pin_axis_label(axis, texts)


def _pin_axis_label(axis, texts: list) -> None:
    """Put the axis label beyond tick labels drawn as text, ``labelpad`` points away, as matplotlib places it.

    Without ticks matplotlib would put it against the axis, on top of the labels.
    """
    ax, name = axis.axes, axis.axis_name
    figure = ax.figure
    depth = 0.0  # points from the axis to the far side of the tick labels
    if texts:
        boxes = text_boxes(figure, texts)
        size = max(box.height if name == "x" else box.width for box in boxes) * 72 / figure.dpi
        depth = matplotlib.rcParams[f"{name}tick.major.size"] + matplotlib.rcParams[f"{name}tick.major.pad"] + size
    away = depth + axis.labelpad
    if name == "x":
        axis.set_label_coords(0.5, 0, transform=offset_copy(ax.transAxes, figure, y=-away, units="points"))
    else:
        axis.set_label_coords(0, 0.5, transform=offset_copy(ax.transAxes, figure, x=-away, units="points"))


def _anchor(ax, text):
    """Where ``text`` is anchored, in pixels at the present layout: an annotation's point, else its position."""
    if isinstance(text, Annotation):
        coords = {"data": ax.transData, "axes fraction": ax.transAxes}[text.xycoords]
        return coords.transform(text.xy)
    return text.get_transform().transform(text.get_unitless_position())


def _reach(fig: Figure, ax, texts: list) -> list[tuple[float, float, float, float, float, float]]:
    """Where each text sits against the axes, whatever the margins: per text ``(fx, left, right, fy, bottom, top)``.

    A text is anchored at a fixed fraction ``fx`` of the axes' width (its data point, or the axes'
    edge for a lane label) and reaches ``left`` to ``right`` inches from that anchor (offsets,
    alignment and its own size), likewise upwards. The anchors are found at two trial layouts
    that share the axes' lower left corner (an anchor moves with the axes' size, an offset does
    not); each text is measured once. Left out: annotations whose point falls outside the axes
    (matplotlib does not draw them) and texts centred on a point inside the axes (the figures in
    a grid's cells, a count above its marker), which stay inside it.
    """
    layouts = [(0.6, 0.6), (0.4, 0.4)]  # the axes' width and height, as fractions of the figure
    fig.subplots_adjust(left=0.2, bottom=0.2, right=0.8, top=0.8)
    wide = [_anchor(ax, text) for text in texts]
    fig.subplots_adjust(left=0.2, bottom=0.2, right=0.6, top=0.6)
    narrow = [_anchor(ax, text) for text in texts]
    width, height = fig.bbox.width, fig.bbox.height
    x0, y0 = 0.2 * width, 0.2 * height
    wide_x, wide_y = layouts[0][0] * width, layouts[0][1] * height
    shrink_x, shrink_y = wide_x - layouts[1][0] * width, wide_y - layouts[1][1] * height
    measured = []
    for text, (wx, wy), (nx, ny) in zip(texts, wide, narrow):
        fx, fy = (wx - nx) / shrink_x, (wy - ny) / shrink_y
        inside = 0 < fx < 1 and 0 < fy < 1
        if isinstance(text, Annotation) and text.get_annotation_clip() is not False and not (
                -1e-9 <= fx <= 1 + 1e-9 and -1e-9 <= fy <= 1 + 1e-9):
            continue
        if inside and text.get_ha() == "center" and text.get_va() in ("center", "center_baseline"):
            continue
        measured.append((text, fx, fy, (wx, wy)))
    fig.subplots_adjust(left=0.2, bottom=0.2, right=0.8, top=0.8)  # the layout the anchors were taken at
    reach = []
    for text, fx, fy, (wx, wy) in measured:
        shift_x, shift_y = wx - x0 - fx * wide_x, wy - y0 - fy * wide_y  # pixels: offsets in the transform
        box = _extent(text, fig.dpi)
        if box is None:  # rotated, mathematics, or offset in other units: let matplotlib lay it out
            drawn = text.get_window_extent(_measuring_renderer(fig.dpi))
            box = (drawn.x0 - wx, drawn.x1 - wx, drawn.y0 - wy, drawn.y1 - wy)
        left, right, bottom, top = box
        reach.append((fx, (shift_x + left) / fig.dpi, (shift_x + right) / fig.dpi,
                      fy, (shift_y + bottom) / fig.dpi, (shift_y + top) / fig.dpi))
    return reach


def _extent(text, dpi: float) -> tuple[float, float, float, float] | None:
    """A text's box in pixels around its anchor, from the label sizes measured once per session.

    Far cheaper than matplotlib's layout of the text, which :func:`fixed_margins` would pay for
    every label. None where it cannot say (rotated text, mathematics, offsets not in points).
    """
    content = text.get_text()
    offset = (0.0, 0.0)
    if isinstance(text, Annotation):
        if text.anncoords != "offset points":
            return None
        offset = (text.xyann[0] * dpi / 72, text.xyann[1] * dpi / 72)
    if text.get_rotation() or "$" in content:
        return None
    font = text.get_fontproperties()
    lines = content.split("\n")
    width = max(_text_size(line, font, False)[0] for line in lines) * dpi / 72
    size = font.get_size_in_points() * dpi / 72
    height = size * (1.2 * (len(lines) - 1) + 1.2)  # lines at matplotlib's spacing, the last one whole
    left = {"left": 0.0, "center": -width / 2, "right": -width}[text.get_ha()]
    bottom = {"bottom": 0.0, "baseline": -0.2 * size, "top": -height, "center": -height / 2,
              "center_baseline": -height / 2}[text.get_va()]
    return offset[0] + left, offset[0] + left + width, offset[1] + bottom, offset[1] + bottom + height


def _far_margin(near: float, size: float, reach: list[tuple[float, float]], pad: float) -> float:
    """The margin (inches) on the far side (right, top) that lets every text end inside the figure.

    A text anchored at a fraction ``f`` of the axes ends at ``near + f * (size - near - far) + end``;
    solving for ``far`` gives the margin each text needs.
    """
    needed = [size - near - (size - pad - near - end) / f for f, end in reach if f > 1e-6]
    return max(needed, default=0.0)


def _legends(fig: Figure, ax) -> tuple[float, float]:
    """Inches the legends outside the axes take: beside them (right) and below them (bottom)."""
    beside = below = 0.0
    for legend in [*ax.artists, *fig.artists]:
        if isinstance(legend, TextLegend) and legend.outside:
            width, height = legend.size
            if legend.outside == "below":
                below += height
            else:
                beside += width
    return beside, below


#: Where a legend sits, as matplotlib's ``loc`` names it: the corner of the legend at the anchor,
#: and which way the padding goes (in units of the pad).
_LEGEND_CORNERS = {"upper left": (0.0, 1.0, 1, -1), "upper right": (1.0, 1.0, -1, -1),
                   "lower center": (0.5, 0.0, 0, 1), "right": (1.0, 0.5, -1, 0)}


class TextLegend(Artist):
    """A legend drawn as one sample and one label per entry, as ``legend(frameon=False)`` shows it.

    Matplotlib's legend packs every entry in three boxes and lays them out again at each
    drawing: with a dozen entries it was the costliest artist of an explorer's redraw. This
    places its samples and labels once, in points from its anchor, with the legend's own
    spacings (rcParams ``legend.*``); :func:`fixed_margins` makes room for one outside the axes.
    Make one with :func:`legend_as_text`.
    """

    def __init__(self, parts: list, size: tuple[float, float], outside: str):
        super().__init__()
        self.parts, self.size, self.outside = parts, size, outside

    def draw(self, renderer) -> None:
        for part in self.parts:
            part.draw(renderer)
        self.stale = False


def legend_as_text(where, handles=None, labels=None, *, loc: str, anchor: tuple[float, float] | None = None,
                   ncols: int = 1, fontsize: float | None = None, title: str = "", reverse: bool = False) -> TextLegend:
    """Like ``where.legend(handles, labels, loc=..., bbox_to_anchor=anchor, ncols=...)`` on an axes or a figure.

    ``handles`` default to the labelled artists of the axes (of every axes, for a figure). A legend
    on a figure sits at the figure's edge (``loc`` "lower center" or "right"); on an axes, at
    ``anchor`` in axes fractions, by default the corner ``loc`` names.
    """
    on_figure = isinstance(where, Figure)
    if handles is None:
        found = [pair for ax in (where.axes if on_figure else [where]) for pair in zip(*ax.get_legend_handles_labels())]
        handles, labels = [h for h, _ in found], [label for _, label in found]
    labels = labels if labels is not None else [handle.get_label() for handle in handles]
    layout = _LegendLayout(list(zip(handles, labels))[::-1 if reverse else 1], ncols, title,
                           fontsize or matplotlib.rcParams["legend.fontsize"])
    corner_x, corner_y, pad_x, pad_y = _LEGEND_CORNERS[loc]
    anchor = anchor or (corner_x, corner_y)
    figure = where.get_figure(root=True)
    points = (Affine2D().scale(1 / 72) + figure.dpi_scale_trans  # points from the anchor
              + ScaledTranslation(*anchor, where.transFigure if on_figure else where.transAxes))
    pad = layout.em("borderaxespad")
    parts = layout.parts(pad_x * pad - corner_x * layout.width, pad_y * pad + (1 - corner_y) * layout.height, points)
    for part in parts:
        part.set_figure(figure)
    outside = ("below" if loc == "lower center" else "beside") if on_figure else ("beside" if anchor[0] >= 1 else "")
    made = TextLegend(parts, (layout.width / 72, layout.height / 72), outside)
    where.add_artist(made).set_clip_on(False)
    return made


class _LegendLayout:
    """Where a legend's entries go, in points, with matplotlib's ``legend.*`` spacings: columns filled
    one after the other, each stacking its own rows, the title centred above."""

    def __init__(self, entries: list, ncols: int, title: str, size: float):
        self.title, self.size = title, size
        ascent, descent, _ = _font_heights(FontProperties(family=BOOK_FONT, size=size), 72.0)
        text_height = lambda text: (ascent + descent) * (1 + 1.2 * text.count("\n"))  # as matplotlib lays it out
        rows = -(-len(entries) // ncols)
        self.columns = [column for column in (entries[i * rows:(i + 1) * rows] for i in range(ncols)) if column]
        self.heights = [[max(self.em("handleheight"), text_height(label)) for _, label in column]
                        for column in self.columns]
        self.widths = [self.em("handlelength") + self.em("handletextpad")
                       + max(text_inches(label, size) * 72 for _, label in column) for column in self.columns]
        self.title_height = text_height(title) + self.em("labelspacing") if title else 0.0
        border = 2 * self.em("borderpad")
        self.width = max(border + sum(self.widths) + self.em("columnspacing") * (len(self.widths) - 1),
                         border + text_inches(title, size) * 72 if title else 0.0)
        self.height = border + self.title_height + max(sum(column) + self.em("labelspacing") * (len(column) - 1)
                                                       for column in self.heights)

    def em(self, name: str) -> float:
        return matplotlib.rcParams[f"legend.{name}"] * self.size

    def parts(self, left: float, top: float, points) -> list:
        """The title, and each entry's sample and label, for a legend whose upper left corner is at (left, top)."""
        em, size = self.em, self.size
        parts = [Text(left + self.width / 2, top - em("borderpad"), self.title, ha="center", va="top",
                      fontsize=size, transform=points)] if self.title else []
        x = left + em("borderpad")
        for column, heights, width in zip(self.columns, self.heights, self.widths):
            y = top - em("borderpad") - self.title_height
            for (handle, label), height in zip(column, heights):
                middle = y - height / 2
                parts.append(_sample(handle, x, middle, em("handlelength"), em("handleheight"), points))
                parts.append(Text(x + em("handlelength") + em("handletextpad"), middle, label, va="center",
                                  fontsize=size, transform=points))
                y -= height + em("labelspacing")
            x += width + em("columnspacing")
        return parts


def _sample(handle, x: float, middle: float, length: float, height: float, points):
    """What a legend shows for ``handle``: a stretch of its line with its marker in the middle, or a box in its colours."""
    if isinstance(handle, Line2D):
        sample = Line2D([x, x + length / 2, x + length], [middle] * 3, transform=points)
        sample.update_from(handle)  # its style, and its transform and clipping too: set again below
        sample.set(transform=points, clip_on=False, markevery=[1])
        return sample
    box = Rectangle((x, middle - height / 2), length, height, transform=points)
    if isinstance(handle, Patch):
        box.update_from(handle)
    else:  # a collection: its first colours, as matplotlib's legend takes them
        box.set_facecolor(handle.get_facecolor()[0] if len(handle.get_facecolor()) else "none")
        box.set_edgecolor(handle.get_edgecolor()[0] if len(handle.get_edgecolor()) else "none")
        box.set_linewidth(handle.get_linewidths()[0])
        box.set_hatch(handle.get_hatch())
        box.set_alpha(handle.get_alpha())
    box.set(transform=points, clip_on=False)
    return box


def fixed_margins(fig: Figure, ax) -> None:
    """Margins sized from what is drawn around one axes, in place of a layout engine's pass over the figure.

    Measured: the tick labels, axis labels and title; every text and annotation on the axes
    (lane labels, year marks, a line's name written rightwards from its last point, column
    names above a grid), wherever its anchor puts it; and the legends outside the axes (beside
    them on the right, or a figure legend below). A title wider than the axes is centred on the
    figure instead, so it is never cut.
    """
    width, height = fig.get_size_inches()
    pad = 0.1
    line = 1.3 / 72  # inches per point of one line of text, leading included
    beside, below = _legends(fig, ax)
    texts = [text for text in ax.texts if text.get_visible() and text.get_text()]
    # An axis label pinned beyond tick labels drawn as text (year_marks) is measured where it is.
    pinned = [axis for axis in (ax.xaxis, ax.yaxis) if axis.label.get_text() and not axis._autolabelpos]
    texts += [axis.label for axis in pinned]
    reach = _reach(fig, ax, texts)
    labels = [(label, matplotlib.rcParams["ytick.labelsize"]) for label in _visible_ticks(ax.yaxis)[1]]
    left = pad + max([text_inches(label, size) for label, size in labels] or [0]) + 7 / 72  # or half a year label
    if ax.get_ylabel() and ax.yaxis not in pinned:
        label = ax.yaxis.label
        left += (label.get_text().count("\n") + 1) * label.get_fontsize() * line + 4 / 72
    left = max([left] + [pad - low for fx, low, *_ in reach if fx <= 1e-6])
    formatter = ax.xaxis.get_major_formatter()
    tick_lines = max((label.count("\n") + 1 for label in formatter.seq), default=1) \
        if isinstance(formatter, ticker.FixedFormatter) else 1
    bottom = pad + (10 * line * tick_lines + 7 / 72 if len(ax.get_xticks()) else 0)
    if ax.get_xlabel() and ax.xaxis not in pinned:
        label = ax.xaxis.label
        bottom += (label.get_text().count("\n") + 1) * label.get_fontsize() * line + 4 / 72
    bottom = max([bottom] + [pad - low for *_, fy, low, _ in reach if fy <= 1e-6]) + below
    top = pad
    suptitle = fig.get_suptitle()
    if suptitle:
        top += (suptitle.count("\n") + 1) * fig._suptitle.get_fontsize() * line
    top_of_axes = 13 * line + ax.titleOffsetTrans.get_matrix()[1, 2] / fig.dpi if ax.get_title() else 0.0
    top = max(top + top_of_axes, _far_margin(bottom, height, [(fy, high) for *_, fy, _, high in reach], top))
    right = max(0.2 + (0.01 * width + beside if beside else 0),  # half a year label at the axis end
                min(_far_margin(left, width, [(fx, high) for fx, _, high, *_ in reach], pad + 4 / 72), 0.45 * width))
    # Texts written leftwards from a point inside the axes (a name before its marker) must not pass the edge.
    plot_width = width - left - right
    for fx, low, *_ in reach:
        if 1e-6 < fx < 1 and left + fx * plot_width + low < pad:
            left = (pad - low - fx * (width - right)) / (1 - fx)
            plot_width = width - left - right
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)
    if ax.get_title() and text_inches(ax.get_title(), ax.title.get_fontsize()) > plot_width:
        ax.title.set_x((width / 2 - left) / plot_width)


def bars_as_path(ax, positions, heights, bottoms, width: float = 0.8, horizontal: bool = False, **style) -> None:
    """Bars as one shape of many rectangles: one element to draw and write, however many bars.

    Vertical bars as ``bar`` draws them; ``horizontal`` lays them along the x axis as ``barh`` does,
    ``positions`` then on the y axis, ``heights`` the bars' lengths and ``bottoms`` their left ends.
    A collection of bars is still one SVG element per bar, each with its own style: in a profile,
    thirty years of bars were a quarter of the exercises chart's SVG. A bar without a height
    (NaN) is left out, as a collection leaves it out.
    """
    heights = np.asarray(heights, dtype=float)
    bottoms = np.broadcast_to(np.asarray(bottoms, dtype=float), heights.shape)  # a scalar bottom: one per bar
    half = width / 2
    vertices, codes = [], []
    for at, low, height in zip(positions, bottoms.tolist(), heights.tolist()):
        if height != height or low != low:  # NaN
            continue
        corners = [(at - half, low), (at - half, low + height), (at + half, low + height), (at + half, low),
                   (at - half, low)]
        vertices += [(x, y) for y, x in corners] if horizontal else corners
        codes += _RECTANGLE_CODES
    # No edges unless asked for, as a collection draws them (a patch would take the default edge colour).
    bars = PathPatch(Path(vertices or [(0, 0)], codes or None), **{"edgecolor": "none", **style})
    # What add_patch does, but the data limits from the corners: add_patch walks the path curve by curve.
    ax.add_artist(bars)
    if vertices:
        ax.update_datalim(vertices)
        ax._request_autoscale_view()


_RECTANGLE_CODES = [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
