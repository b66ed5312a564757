"""One generic explorer: controls, a plan and a draw.

``plan(**values)`` is pure: given the controls' values it returns a view (what to draw) or a
:class:`Message` (why there is nothing to draw), and is tested without a browser or a kernel.
``draw(view)`` turns a view into what the reader sees: a chart, or a tuple of items. A view with
a non-empty ``note`` shows it above the chart. The ipywidgets are thin glue around the two.

Every explorer the notebooks offer is named in :data:`EXPLORERS`; :func:`build` makes one by
name (the benchmarks and browser tests use the names).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import html
import importlib
from dataclasses import dataclass
from typing import Any, Callable

import ipywidgets as widgets
import pandas as pd
from IPython import get_ipython
from IPython.core.formatters import DisplayFormatter

from defence_diplomacy import _render, _svg
from defence_diplomacy.style import Chart

@dataclass(frozen=True)
class Message:
    """Plain words shown in place of a chart when a selection has nothing to draw."""

    text: str

    def _repr_html_(self) -> str:
        return f'<p role="status" style="padding:0.5em;border-left:4px solid #0072B2">{html.escape(self.text)}</p>'

    def _repr_markdown_(self) -> str:
        return f"> {self.text}"

    def __str__(self) -> str:
        return self.text


def shown(view: Any, draw: Callable[[Any], object]) -> tuple:
    """What the reader sees for a planned view: the message, or the view's note and its drawing."""
    if isinstance(view, Message):
        return (view,)
    drawn = draw(view)
    items = drawn if isinstance(drawn, tuple) else (drawn,)
    note = getattr(view, "note", "")
    return (Message(note), *items) if note else items


#: How many of its latest drawings an explorer keeps, to show again at once when the reader goes
#: back to a selection (a slider moved back, a view toggled back): a few megabytes at most.
REMEMBERED = 32

#: Seconds after a drawing is sent before the kernel does what no one waits for: the next blank
#: figure (see _render.restock), the garbage collection the drawing held back (see
#: :class:`HeldCollector`), then, for each control the reader has moved, the view one more step along
#: its last move (see :func:`step_ahead`), kept to be shown at once: a reader stepping through years
#: or options, even turn about between two controls, sees each next step without waiting for it.
#: The pause leaves the cores to the browser while it puts the drawing in place. ``None``: all of it
#: at once after each drawing, nothing drawn ahead, as without an event loop (a script, a test).
IDLE_AFTER: float | None = 0.03


def explore(controls: dict[str, widgets.ValueWidget], plan: Callable[..., Any],
            draw: Callable[[Any], object], wrap: bool = False) -> widgets.VBox:
    """The controls, and below them what ``plan`` and ``draw`` make of their values, redrawn on every change.

    ``wrap`` lets the controls flow onto several lines when there are too many for one.
    """
    # One HTML widget whose value is replaced: a single message to the browser per change, where an
    # Output widget's clear and display took two and a re-rendering of the output area.
    output = widgets.HTML()
    output.add_class("jp-RenderedHTMLCommon")  # tables and text styled as in an output cell

    def drawing(values: tuple) -> str:
        items = shown(plan(**dict(zip(controls, values))), draw)
        return page_html(*(item.live() if isinstance(item, Chart) else item for item in items))

    if REMEMBERED:  # the plan and the data are fixed: the same values always make the same drawing
        drawing = functools.lru_cache(maxsize=REMEMBERED)(drawing)
    last_moves: dict[str, tuple] = {}  # each control's latest change: (old value, new value)
    waiting: list[asyncio.Handle] = []  # the next step after a drawing, until a change comes first

    def idle(ahead: list[tuple]) -> None:
        waiting.clear()
        _render.restock()
        COLLECTOR.release()
        if ahead:
            draw_ahead(ahead)

    def draw_ahead(queue: list[tuple]) -> None:
        waiting.clear()
        with COLLECTOR.held():
            try:
                drawing(queue.pop(0))
            except Exception:  # noqa: BLE001 (nothing is shown now: a reader who gets there sees the error)
                pass
            _render.restock()
        if queue:  # one drawing at a time: a change that comes meanwhile is handled in between
            waiting.append(asyncio.get_running_loop().call_soon(draw_ahead, queue))

    def refresh(change=None) -> None:
        for handle in waiting:
            handle.cancel()
        waiting.clear()
        values = tuple(control.value for control in controls.values())
        with COLLECTOR.held(release=False):
            output.value = drawing(values)
        try:  # the kernel's event loop, which runs what follows once it has nothing else to do
            loop = asyncio.get_running_loop() if IDLE_AFTER is not None else None
        except RuntimeError:
            loop = None
        # The first drawing is part of the explorer's cell: the next cell must not find the collector held.
        if loop is None or change is None:
            return idle([])
        if REMEMBERED:
            moved = next(name for name, control in controls.items() if control is change["owner"])
            last_moves.pop(moved, None)
            last_moves[moved] = (change["old"], change["new"])  # the latest move first: it is the likeliest
        ahead = []
        for name in reversed(last_moves):
            following = step_ahead(controls[name], *last_moves[name])
            if following is not None:
                ahead.append(tuple(following if key == name else value for key, value in zip(controls, values)))
        waiting.append(loop.call_later(IDLE_AFTER, idle, ahead))

    for control in controls.values():
        if isinstance(control, widgets.IntRangeSlider):
            control.layout.min_width = control.layout.min_width or "26em"  # beside toggles it would shrink
        control.observe(refresh, names="value")
    refresh()
    row = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap" if wrap else "row"))
    return widgets.VBox([row, output, widgets.HTML(READOUT_STYLE, layout=widgets.Layout(display="none"))])


def step_ahead(control: widgets.ValueWidget, old: Any, new: Any) -> Any:
    """The value one more step along a change from ``old`` to ``new``: a slider's handles moved as far
    again, the option as far again along a list of options; ``None`` where there is none (the end of
    the range or of the list) or no step to repeat (a set of choices, a tick box).
    """
    if isinstance(control, (widgets.IntSlider, widgets.IntRangeSlider)):
        moved = [2 * n - o for o, n in zip(old, new)] if isinstance(new, tuple) else [2 * new - old]
        if not all(control.min <= v <= control.max for v in moved) or moved != sorted(moved):
            return None
        return tuple(moved) if isinstance(new, tuple) else moved[0]
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        values = [option[1] if isinstance(option, tuple) else option for option in control.options]
        if old not in values or new not in values:
            return None
        following = 2 * values.index(new) - values.index(old)
        return values[following] if 0 <= following < len(values) else None
    return None


def page_html(*items) -> str:
    """What an explorer shows for ``items`` (charts in their live form, messages, tables), as one HTML text."""
    return "".join(as_html(item) for item in items)


def as_html(item: object) -> str:
    """What a notebook would display for ``item``, as HTML: its rich HTML, else its plain text; a
    table as :func:`table_html` writes it."""
    if isinstance(item, pd.DataFrame):
        return table_html(item)
    shell = get_ipython()
    formatter = shell.display_formatter if shell is not None else _FORMATTER
    data, _ = formatter.format(item, include={"text/html"})  # the plain text only where there is no HTML
    if data.get("text/html"):
        return data["text/html"]
    data, _ = formatter.format(item, include={"text/plain"})
    return f"<pre>{html.escape(data.get('text/plain', ''))}</pre>"


_FORMATTER = DisplayFormatter()

#: A table longer than this is folded under a line that says how long it is, and laid out only when
#: the reader opens it: Chromium took 45 ms to lay out the 203 rows of the timeline's sources. It is
#: where a notebook's display of a table would cut it to its first and last five rows.
FOLDED_AFTER = 60


def table_html(frame: pd.DataFrame) -> str:
    """A table of text as an explorer shows it: every row and all of each cell, the row labels only
    where they say something (not 0, 1, 2...), without the stylesheet pandas writes into each table
    it displays (:data:`READOUT_STYLE` says it once, and a new stylesheet restyles the whole page).

    A notebook's display of a table cuts each cell to 50 characters, a source's locator among them,
    and a table over 60 rows to ten; an explorer's tables are the sources of what its chart shows.
    """
    labelled = not isinstance(frame.index, pd.RangeIndex)
    cell = lambda tag, value: f"<{tag}>{'' if pd.isna(value) else html.escape(str(value))}</{tag}>"
    head = "".join(cell("th", name) for name in ([frame.index.name] if labelled else []) + list(frame.columns))
    rows = "".join("<tr>" + (cell("th", label) if labelled else "") + "".join(cell("td", v) for v in values) + "</tr>"
                   for label, values in zip(frame.index, frame.itertuples(index=False, name=None)))
    table = f'<table class="dataframe book-explorer-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    if len(frame) > FOLDED_AFTER:
        return f"<details><summary>The table, {len(frame)} rows</summary>{table}</details>"
    return table

#: JupyterLab and Colab give a slider's readout a fixed 72 pixels, which cuts "1990 – 2023" to
#: "1990 – 202"; this lets it take the width its text needs. An HTML widget spaces its lines as
#: far apart as a row of controls; the chart's caption and the tables keep an output cell's.
#: A chart is an <svg> in the page: it scales down with the output, and takes the defaults
#: matplotlib's own SVG stylesheet would give it (see _svg.inline_svg). Tables of text
#: (see table_html) read from the left, each cell from its top line.
READOUT_STYLE = ("<style>.widget-readout { min-width: 7.5em; max-width: none; }"
                 ".widget-html.jp-RenderedHTMLCommon > .widget-html-content { line-height: normal; }"
                 ".widget-html .book-explorer-table th, .widget-html .book-explorer-table td "
                 "{ text-align: left; vertical-align: top; }"  # over JupyterLab's right-aligned cells
                 f".book-chart svg {{ max-width: 100%; height: auto; }} {_svg.INLINE_SVG_STYLE}</style>")


def quicken_kernel() -> None:
    """Move what the kernel holds so far out of the garbage collector's sight, before an explorer.

    Full collections over every module, table and chart a notebook has made took up to 85 ms,
    the slowest redraws an explorer had, and a quarter of a typical one after a notebook's
    charts; frozen, a collection scans only a redraw's own objects. Unfreezing first lets objects
    of an explorer built earlier (a cell run again) be freed. The notebooks call it in their
    explorer cell, after their other charts, so that those are frozen too.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class HeldCollector:
    """The garbage collector held back while an explorer draws and sends a drawing, then let go to
    run the collection it would have run meanwhile (the generation its counts call for), once the
    kernel is idle.

    A drawing makes tens of thousands of objects, and the collector's passes over them were close to
    a tenth of a redraw, and more of the slowest ones; run at once after the drawing was sent, they
    took the cores the browser needed to put it in place. A collector switched off elsewhere stays off.
    """

    def __init__(self):
        self.holding = False

    @contextlib.contextmanager
    def held(self, release: bool = True):
        """Hold the collector for the block, and let it go after it (``release``) or only if it fails."""
        if gc.isenabled():
            gc.disable()
            self.holding = True
        try:
            yield
        except BaseException:
            self.release()
            raise
        if release:
            self.release()

    def release(self) -> None:
        if self.holding:
            self.holding = False
            gc.enable()
            counts, thresholds = gc.get_count(), gc.get_threshold()
            gc.collect(max((g for g in range(3) if counts[g] > thresholds[g]), default=0))


#: The one collector every explorer holds and lets go (two explorers' drawings share the kernel's).
COLLECTOR = HeldCollector()


def country_list(codes, country_names: dict[str, str]) -> str:
    """'France, Spain' for codes, the code itself where no name is known."""
    return ", ".join(country_names.get(c, c) for c in codes)


def backwards(start: int, end: int) -> Message:
    return Message(f"The year range runs backwards (from {start} to {end}). "
                   "Choose a first year that is not after the last year.")


def clip_years(years: tuple[int, int], covered, coverage: str) -> tuple[tuple[int, int], str] | Message:
    """The part of ``years`` that data covering the years ``covered`` can show, and a note saying so
    when that is less than was asked; or why nothing can be shown. ``coverage`` begins both
    sentences ("ATOP covers")."""
    start, end = years
    first, last = int(min(covered)), int(max(covered))
    if start > end:
        return backwards(start, end)
    if end < first or start > last:
        return Message(f"{coverage} {first}-{last}; {start}-{end} lies outside it. Choose years in that span.")
    shown = max(start, first), min(end, last)
    note = f"{coverage} {first}-{last}; the chart shows {shown[0]}-{shown[1]}." if shown != (start, end) else ""
    return shown, note


def chosen_rows(rows, column: str, chosen: tuple, nothing_chosen: str, years: tuple[int, int], covered,
                coverage: str) -> tuple[Any, tuple[int, int], list[str]] | Message:
    """The ``rows`` whose ``column`` is one of ``chosen``, in the part of ``years`` that data covering
    ``covered`` can show: with those years and the notes to show, or the message when nothing is
    chosen (``nothing_chosen``) or the years lie outside (see :func:`clip_years`)."""
    if not chosen:
        return Message(nothing_chosen)
    clipped = clip_years(years, covered, coverage)
    if isinstance(clipped, Message):
        return clipped
    shown, note = clipped
    return rows[rows[column].isin(chosen) & rows["year"].between(*shown)], shown, [note] if note else []


#: Every explorer the notebooks offer: its name, and the module and function that build it.
EXPLORERS = {
    "attache_networks": ("attache_networks", "explorer"),
    "azerbaijan": ("azerbaijan", "explorer"),
    "timeline": ("timeline", "explorer"),
    "national_models": ("national_models", "explorer"),
    "peacekeeping": ("peacekeeping", "explorer"),
    "alliances_in_force": ("alliances_exercises", "alliances_explorer"),
    "exercises": ("alliances_exercises", "exercises_explorer"),
}


def build(name: str) -> widgets.VBox:
    """The explorer called ``name`` in :data:`EXPLORERS`."""
    module, function = EXPLORERS[name]
    return getattr(importlib.import_module(f"defence_diplomacy.{module}"), function)()
