"""The timeline of defence diplomacy: events and thinkers on one axis, the views and filters
of its explorer, and the table of sources under it.

The notebook ``timeline`` draws from here; ``tests/test_timeline.py`` checks it.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.transforms import blended_transform_factory, offset_copy

from defence_diplomacy._render import (fixed_margins, lane_labels, legend_as_text, markers_by_colour, new_figure,
                                      year_marks)
from defence_diplomacy.data import default_package, format_year, load
from defence_diplomacy.explorer import Message, explore
from defence_diplomacy.style import Chart, OKABE_ITO, source_caption, styled
from defence_diplomacy.vocabulary import BOOK_ENDS, BOOK_PARTS

#: The views of the timeline explorer: name -> what the chart title says.
TIMELINE_VIEWS = {
    "all": "All events",
    "history": "History: from antiquity to Partnership for Peace and after",
    "theorists": "Theorists: from Sun Tzu to Kissinger and the modern definers",
    "azerbaijan": "Azerbaijan: partnership, missions and treaties",
}

#: Where the timeline's axis changes from the compressed scale to the wide one.
TIMELINE_BREAK = 1800

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
        "source": list(map(bibliography.labels(frame["source"]).get, frame["source"])),
        "locator": [bibliography.named(text) for text in frame["locator"]],  # a second work named as the first is
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
    """Where a year sits on an axis that squeezes the years before ``break_year`` by ``factor``."""
    def position(years):
        years = np.asarray(years, dtype=float)
        return np.where(years < break_year, break_year + (years - break_year) * factor, years)

    return position


@styled
def timeline(frame: pd.DataFrame, title: str = "") -> Chart:
    """Events on one time axis with two scales: 600 BCE-1800 compressed, 1800 to the end of the book's story wide.

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
    present = set(frame["part"].unique())  # once: a set of a column is a slow walk through its values
    parts = [p for p in BOOK_PARTS if p in present]
    colour_of = {p: OKABE_ITO[i] for i, p in enumerate(BOOK_PARTS)}
    colours = np.array([colour_of[p] for p in frame["part"]], dtype=object)
    uncertain = frame["date_precision"].isin(UNCERTAIN_PRECISION).to_numpy()
    lasting = (~uncertain) & (end > start)

    height = 0.45 * len(categories) + 2.4
    # One axes whatever the scale (a second one would double the cost of every redraw).
    fig, ax = new_figure((8, height))
    broken = start.min() < TIMELINE_BREAK  # else one even scale is honest and shows more
    at = lambda years: np.asarray(years, dtype=float)  # where a year sits on the axis
    if broken:
        low = min(-600, int(start.min()) - 50)
        # Before the break: a third of the width, as if on a panel half as wide as the modern one.
        # The axis is linear in positions worked out here: as a scale of matplotlib's, the two
        # functions were called for every mark and label at every drawing (a tenth of the history view).
        at = _compress_before(TIMELINE_BREAK, (BOOK_ENDS + 2 - TIMELINE_BREAK) / 2 / (TIMELINE_BREAK - low))
        # No tick at the break itself: its label would sit on 1500's. The dashed line marks it.
        ticks = [-500, 500, 1500] + _tick_years(TIMELINE_BREAK + 1, BOOK_ENDS - 1, 25)
        ax.axvline(TIMELINE_BREAK, color="black", linewidth=0.8, linestyle=(0, (2, 3)))
        ax.text(TIMELINE_BREAK, 1, f"scale changes at {TIMELINE_BREAK}", ha="center", va="bottom", fontsize=8,
                transform=blended_transform_factory(ax.transData, ax.transAxes))
        scales = [(low, TIMELINE_BREAK, f"{format_year(low)}–{TIMELINE_BREAK}\ncompressed: 1 tick = 1,000 years"),
                  (TIMELINE_BREAK, BOOK_ENDS + 2, f"{TIMELINE_BREAK}–{BOOK_ENDS}\n1 tick = 25 years")]
    else:
        low = int(start.min()) // 5 * 5 - 5
        step_years = 5 if low >= 1960 else 25
        ticks = _tick_years(low, BOOK_ENDS - 1, step_years)
        ax.set_xlabel(f"{format_year(low)}–{BOOK_ENDS}\none scale: 1 tick = {step_years} years")
        scales = []
    ax.set_xlim(*at([low, BOOK_ENDS + 2]))
    # hlines' lines, without the data limits it would work out: the limits are set above.
    x_start, x_end, x_middle = at(start), at(end), at((start + end) / 2)
    for shown, style in [(lasting, {"linewidth": 1.5}), (uncertain, {"linewidth": 7, "alpha": 0.25})]:
        ax.add_collection(LineCollection(list(zip(zip(x_start[shown], y[shown]), zip(x_end[shown], y[shown]))),
                                         colors=colours[shown], linestyles="solid", **style), autolim=False)
    # Open circles under dots.
    markers_by_colour(ax, x_middle[uncertain], y[uncertain], colours[uncertain], marker="o", area=36, edge=1.5,
                      markerfacecolor="white", zorder=3)
    markers_by_colour(ax, x_start[~uncertain], y[~uncertain], colours[~uncertain], marker="o", area=26, edge=1.0,
                      zorder=3)
    year_marks(ax, at(ticks), [format_year(t) for t in ticks], grid_colour="#dddddd")
    below_ticks = offset_copy(blended_transform_factory(ax.transData, ax.transAxes), fig, y=-22, units="points")
    for first, last, words in scales:  # each scale named under its own stretch of the axis
        ax.text(at((first + last) / 2), 0, words, transform=below_ticks, ha="center", va="top", fontsize=11)
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
                ax.annotate(name, (x_middle[i], y[i]), xytext=(-7, lift), textcoords="offset points",
                            ha="right", va="center", fontsize=8)
            else:
                ax.annotate(name, (x_middle[i], y[i]), xytext=(6, 0), textcoords="offset points", va="center",
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
    legend_as_text(fig, handles, loc="lower center", ncols=4, fontsize=9)
    fig.suptitle(title or "Events on one time axis", fontsize=13)
    fixed_margins(fig, ax)

    first, last = frame.iloc[0], frame.iloc[-1]
    before = int((frame["year"] < TIMELINE_BREAK).sum())
    scales = (f"on two scales, {format_year(low)} to {TIMELINE_BREAK} compressed "
              f"and {TIMELINE_BREAK} to {BOOK_ENDS} wide" if broken else f"on one even scale, {format_year(low)} to {BOOK_ENDS}")
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

TIMELINE_FILTERS = ("era", "category", "region", "part")

@dataclass(frozen=True)
class TimelineView:
    rows: pd.DataFrame
    title: str
    note: str = ""


def plan_timeline_view(events: pd.DataFrame, thinkers: pd.DataFrame, view: str,
                       views: dict[str, pd.DataFrame] | None = None,
                       **filters: tuple[str, ...]) -> TimelineView | Message:
    """Decide what the timeline explorer shows for a view and the era, category, region and part filters.

    Each filter is a tuple of the values to keep; a filter left out keeps everything.
    ``views`` may hold each view's rows (``timeline_for_view``) worked out
    beforehand, as the explorer does, so that a redraw need not join the tables again.
    """
    if view not in TIMELINE_VIEWS:
        return Message(f"There is no '{view}' view; choose one of: {', '.join(TIMELINE_VIEWS)}.")
    empty = [name for name in TIMELINE_FILTERS if name in filters and not filters[name]]
    if empty:
        return Message(f"Nothing is selected for {' and '.join(empty)}: select at least one value "
                       "in each list (select them all to keep everything).")
    rows = views[view] if views else timeline_for_view(events, thinkers, view)
    kept = np.ones(len(rows), dtype=bool)  # one selection of rows for all the filters: each cost a copy
    for name in TIMELINE_FILTERS:
        if name in filters:
            kept &= rows[name].isin(filters[name]).to_numpy()
    rows = rows[kept]
    label = TIMELINE_VIEWS[view]
    if rows.empty:
        return Message(f"No event in the view '{label}' matches this combination of filters. "
                       "Select more eras, categories, regions or parts, or choose the view 'all'.")
    note = ""
    if view == "theorists":
        undated = undated_thinkers(events, thinkers)
        if undated:
            note = (f"Not on the axis: {', '.join(undated)}; the book's sources give no date "
                    "(no life span, no year of the work).")
    return TimelineView(rows.reset_index(drop=True), label, note)


def draw_timeline_view(view: TimelineView) -> tuple:
    """The chart and the table of its sources."""
    return timeline(view.rows, view.title), timeline_sources(view.rows)


def _controls(everything: pd.DataFrame) -> dict[str, widgets.ValueWidget]:
    """The explorer's controls; the live explorer on the book's site reads the same ones."""
    view_picker = widgets.Dropdown(options=[(label.split(":")[0], key) for key, label in TIMELINE_VIEWS.items()],
                                   value="history", description="View")
    controls: dict[str, widgets.ValueWidget] = {"view": view_picker}
    for name in TIMELINE_FILTERS:
        present = list(dict.fromkeys(everything[name]))  # eras in time order, as the rows are
        order = {"category": list(TIMELINE_CATEGORIES), "part": BOOK_PARTS}.get(name)
        if order:
            present = [value for value in order if value in present]
        labels = [TIMELINE_CATEGORIES.get(v, v) if name == "category" else v.replace("_", " ") for v in present]
        controls[name] = widgets.SelectMultiple(options=list(zip(labels, present)), value=tuple(present), rows=min(len(present), 10),
                                                description=name.capitalize(),
                                                layout=widgets.Layout(width="250px"))
    return controls


def explorer() -> widgets.VBox:
    """Pick a view and filter by era, category, region and part; see the chart and its sources."""
    events, thinkers = load("timeline_events"), load("thinkers")
    views = {view: timeline_for_view(events, thinkers, view) for view in TIMELINE_VIEWS}
    return explore(_controls(views["all"]), plan=functools.partial(plan_timeline_view, events, thinkers, views=views),
                   draw=draw_timeline_view, wrap=True)


def live_spec() -> dict:
    """The explorer for the book's site: every view's rows, each with its date and source as the
    table of sources writes them, and the chart in Vega-Lite."""
    from defence_diplomacy import live

    events, thinkers = load("timeline_events"), load("thinkers")
    everything = timeline_for_view(events, thinkers, "all")
    members = {view: set(timeline_for_view(events, thinkers, view)["event_id"]) for view in TIMELINE_VIEWS}
    table = timeline_sources(everything)
    rows = live.records(everything, ["event_id", "year", "end_year", "date_precision", "era", "category", "region",
                                     "part", "title", "source", "thinker"])
    for row, when, label, locator in zip(rows, table["when"], table["source"], table["locator"]):
        row.update(when=when, sourceLabel=label, locator=locator,
                   views=[view for view, ids in members.items() if row["event_id"] in ids])
    y = {"field": "y", "type": "quantitative", "title": None,
         "scale": {"domain": {"expr": "ydomain"}, "nice": False, "zero": False},
         "axis": {"values": {"expr": "lanevalues"}, "labelExpr": "lanes[datum.value]", "ticks": False,
                  "domain": False, "grid": False, "labelLimit": 170, "labelFontSize": 12}}
    x = {"field": "start", "type": "quantitative", "title": None,
         "scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
         "axis": {"values": {"expr": "ticks"}, "grid": True, "gridColor": "#dddddd",
                  "labelExpr": "datum.value < 0 ? (-datum.value) + ' BCE' : '' + datum.value", "labelOverlap": True}}
    colour = {"field": "part", "type": "nominal", "title": None, "scale": {"domain": {"expr": "parts"}},
              "legend": {"orient": "bottom", "columns": 6, "symbolType": "circle"}}
    lasting = {"transform": [{"filter": "datum.lasting"}], "mark": {"type": "rule", "strokeWidth": 1.5},
               "encoding": {"x": x, "x2": {"field": "end"}, "y": y, "color": colour}}
    pale = {"transform": [{"filter": "datum.uncertain"}], "mark": {"type": "rule", "strokeWidth": 7, "opacity": 0.25},
            "encoding": {"x": x, "x2": {"field": "end"}, "y": y, "color": colour}}
    rings = {"transform": [{"filter": "datum.uncertain"}],
             "mark": {"type": "point", "filled": True, "fill": "white", "strokeWidth": 1.5, "size": 36, "opacity": 1},
             "encoding": {"x": {**x, "field": "middle"}, "y": y, "stroke": {**colour, "legend": None}}}
    dots = {"transform": [{"filter": "!datum.uncertain"}], "mark": {"type": "circle", "size": 26, "opacity": 1},
            "encoding": {"x": x, "y": y, "color": colour}}
    names = {"data": {"name": "names"}, "mark": {"type": "text", "fontSize": 10, "baseline": "middle"},
             "encoding": {"x": {**x, "field": "x"}, "y": y, "text": {"field": "text"}, "align": {"field": "align"},
                          "dx": {"field": "dx"}, "dy": {"field": "dy"}}}
    brk = {"data": {"name": "break"}, "mark": {"type": "rule", "strokeDash": [2, 3], "color": "black"},
           "encoding": {"x": {**x, "field": "x"}}}
    brk_text = {"data": {"name": "break"}, "mark": {"type": "text", "fontSize": 10, "baseline": "bottom", "dy": -2},
                "encoding": {"x": {**x, "field": "x"}, "y": {"value": 0}, "text": {"field": "text"}}}
    chart = live.chart(
        [brk, lasting, pale, rings, dots, names, brk_text],
        {"title": "Events on one time axis", "xdomain": [-600, TIMELINE_BREAK, BOOK_ENDS + 2],
         "xrange": [0, live.WIDTH / 3, live.WIDTH], "ticks": [], "ydomain": [0, 1], "lanes": [], "lanevalues": [],
         "parts": list(BOOK_PARTS), "colours": OKABE_ITO[:len(BOOK_PARTS)]},
        height=300, data={"name": "events"},
        vega={"scales": {"x": {"range": {"signal": "xrange"}},
                         "color": {"range": {"signal": "colours"}}, "stroke": {"range": {"signal": "colours"}}}},
        resolve={"scale": {"color": "shared"}})
    return live.spec(
        "timeline", _controls(everything),
        data={"events": rows, "undated": undated_thinkers(events, thinkers)},
        words={"views": TIMELINE_VIEWS, "filters": list(TIMELINE_FILTERS), "categories": TIMELINE_CATEGORIES,
               "parts": list(BOOK_PARTS), "palette": OKABE_ITO, "uncertain": list(UNCERTAIN_PRECISION),
               "breakYear": TIMELINE_BREAK, "ends": BOOK_ENDS, "width": live.WIDTH,
               "sources": live.source_labels(everything["source"])},
        charts={"main": chart})
