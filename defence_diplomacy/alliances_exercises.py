"""Alliances and exercises: ATOP's alliances in force by obligation, the Multinational Military
Exercises counts, and the explorers over both.

The notebook ``alliances-and-exercises`` draws from here; ``tests/test_alliances_exercises.py`` checks it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.ticker as ticker
import pandas as pd

from defence_diplomacy._render import bars_as_path, fixed_margins, legend_as_text, new_figure, plot_line, ticks_as_text
from defence_diplomacy.data import country_names as data_country_names
from defence_diplomacy.data import format_year, load
from defence_diplomacy.explorer import Message, chosen_rows, country_list, explore
from defence_diplomacy.style import (
    Chart, OKABE_ITO, as_floats, ends_and_peak, line_styles, plural, source_caption, styled,
    with_commas, year_axis, year_span, yearly_values,
)
from defence_diplomacy.vocabulary import FOUR_MODELS, MME_LAST_YEAR, OBLIGATIONS

#: The alliance series the chart and explorer offer: all alliances, then each obligation type.
ALLIANCE_SERIES = {"any": "all alliances (any obligation)", **OBLIGATIONS}


@styled
def exercises_per_year(rows: pd.DataFrame, country_name: str) -> Chart:
    """Bars of multinational exercises per year; a recorded 0 is a bar of height 0, not a gap."""
    rows = rows.sort_values("year")
    fig, ax = new_figure((8, 4))
    bars_as_path(ax, rows["year"].astype(int).to_numpy(), as_floats(rows["exercises"]), 0, facecolor=OKABE_ITO[2])
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

#: Years the alliances chart marks with a dotted line.
ALLIANCE_MARKS = (1914, 1945, 1991)


@styled
def alliances_in_force(frame: pd.DataFrame, obligations: tuple[str, ...] = tuple(ALLIANCE_SERIES),
                       years: tuple[int, int] | None = None, marks: tuple[int, ...] = ALLIANCE_MARKS) -> Chart:
    """Alliances in force per year: all of them in black, each obligation type in colour."""
    first, last = years or (int(frame["year"].min()), int(frame["year"].max()))
    rows = frame[frame["year"].between(first, last)]
    wide = rows.pivot(index="year", columns="obligation", values="alliances").astype(float)
    fig, ax = new_figure((8, 4.5))
    described = []
    for obligation in [o for o in ALLIANCE_SERIES if o in obligations]:
        values = wide[obligation]
        # One colour per obligation, whichever others are shown; all alliances in black.
        style = ({"color": "black", "linewidth": 2.2} if obligation == "any"
                 else {"color": OKABE_ITO[list(ALLIANCE_SERIES).index(obligation) - 1], "linewidth": 1.4})
        plot_line(ax, wide.index, values, label=ALLIANCE_SERIES[obligation], **style)
        described.append(f"{ALLIANCE_SERIES[obligation]}: {ends_and_peak(wide.index, values.to_numpy())}")
    top = wide[[o for o in obligations if o in wide]].max().max()
    for year in (m for m in marks if first < m < last):
        ax.axvline(year, color="0.6", linestyle=":", linewidth=1, zorder=0)
        ax.text(year, top * 1.06, format_year(year), ha="center", va="bottom", fontsize=9, color="0.35")
    ax.set_ylim(0, max(top, 1) * 1.14)
    ax.set_xlim(first - (first == last) * 0.5, last + (first == last) * 0.5)  # one year still gets a width
    year_axis(ax)
    ax.set_ylabel("Alliances in force")
    ax.set_title(f"Alliances in force, {year_span(first, last)}", pad=16)
    legend_as_text(ax, loc="upper left")
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    several = [o for o in obligations if o != "any"]
    what = (f"Alliances in force in each year {year_span(first, last)} (ATOP v5.1): in force "
            "from the year it begins to the year it ends, including that year.")
    if several:
        what += (" An alliance counts under every obligation any member undertook, so the coloured lines "
                 "overlap and do not add up to the total.")
    alt = (f"Line chart of alliances in force per year, {year_span(first, last)}, "
           f"{plural(len(described), 'line')}. " + "; ".join(described) + ".")
    if "any" in obligations and any(first <= m <= last for m in marks):
        alt += " All alliances in the marked years: " + ", ".join(
            f"{with_commas(wide.loc[m, 'any'])} in {m}" for m in marks if first <= m <= last) + "."
    return Chart(fig, source_caption(rows, what), alt)


@styled
def exercises_over_time(per_year: pd.DataFrame, by_country: pd.DataFrame, country_names: dict[str, str],
                        years: tuple[int, int] | None = None, order: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """Bars: all multinational exercises a year (the unnamed part hatched); lines: chosen countries."""
    first, last = years or (int(per_year["year"].min()), int(per_year["year"].max()))
    bars = per_year[per_year["year"].between(first, last)].sort_values("year")
    rows = by_country[by_country["year"].between(first, last)]
    x = bars["year"].astype(int).to_numpy()
    named = as_floats(bars["exercises"] - bars["unnamed_exercises"])
    unnamed = as_floats(bars["unnamed_exercises"])
    fig, ax = new_figure((8, 4.5))
    bars_as_path(ax, x, named, 0, facecolor="0.82", label="all exercises, named")
    bars_as_path(ax, x, unnamed, named, facecolor="white", edgecolor="0.55", hatch="///", linewidth=0.6,
                 label="all exercises, unnamed (-9)")
    described = []
    present = set(rows["country"])
    countries = [c for c in order if c in present] + sorted(present - set(order))
    axis_years = list(range(first, last + 1))
    by_country = yearly_values(rows, "country", "exercises", axis_years)  # before a state existed: NaN, not 0
    for country, (colour, dash) in zip(countries, line_styles(len(countries))):
        values = by_country[country]
        plot_line(ax, axis_years, values, color=colour, linestyle=dash, marker="o", markersize=3, linewidth=1.6,
                  label=country_names[country])
        described.append(f"{country_names[country]}: {ends_and_peak(axis_years, values)}")
    totals = as_floats(bars["exercises"])
    ax.set_ylim(0, totals.max() * 1.12)
    ax.set_xlim(first - 0.6, last + 0.6)
    year_axis(ax)
    ax.set_ylabel("Exercises under way in the year")
    ax.set_title(f"Multinational military exercises, {year_span(first, last)}")
    legend_as_text(ax, loc="upper left", anchor=(1.01, 1))
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    what = (f"Multinational military exercises under way each year {year_span(first, last)} (MME, version 7). Bars: all "
            "exercises; the hatched top part are those MME records without a name (code -9), real exercises "
            "counted like the others. An exercise spanning two years counts in both.")
    if countries:
        what += " Lines: the exercises each country took part in; a country's line starts with its first year as a state in ATOP."
    share = bars["unnamed_exercises"].sum() / bars["exercises"].sum()
    alt = (f"Bar chart of multinational military exercises per year, {year_span(first, last)}: "
           f"{ends_and_peak(x, totals)}; {share:.0%} of them have no recorded name. ")
    if described:
        alt += f"{plural(len(described), 'line')} for single countries: " + "; ".join(described) + "."
    return Chart(fig, source_caption(pd.concat([bars, rows]), what), alt)

@dataclass(frozen=True)
class AlliancesView:
    rows: pd.DataFrame
    obligations: tuple[str, ...]
    years: tuple[int, int]
    note: str = ""


def plan_alliances_view(frame: pd.DataFrame, obligations: tuple[str, ...],
                        years: tuple[int, int]) -> AlliancesView | Message:
    """Decide what the alliances explorer shows for obligation types and years."""
    chosen = chosen_rows(frame, "obligation", obligations, "Select at least one obligation type (or 'all alliances').",
                         years, frame["year"], "ATOP covers")
    if isinstance(chosen, Message):
        return chosen
    rows, shown, notes = chosen
    none = [o for o in obligations if rows.loc[rows["obligation"] == o, "alliances"].sum() == 0]
    if none:
        kinds = ", ".join(ALLIANCE_SERIES[o] for o in none)
        notes.append(f"No alliance in force in {shown[0]}-{shown[1]} carried this obligation: {kinds} "
                     "(a count of zero, drawn at zero).")
    return AlliancesView(rows, tuple(obligations), shown, " ".join(notes))


def _alliances_controls(frame: pd.DataFrame) -> dict[str, widgets.ValueWidget]:
    """The alliances explorer's controls; the live explorer on the book's site reads the same ones."""
    obligation_picker = widgets.SelectMultiple(
        options=[(label, key) for key, label in ALLIANCE_SERIES.items()],
        value=tuple(ALLIANCE_SERIES), description="Obligations", rows=6)
    first, last = int(frame["year"].min()), int(frame["year"].max())
    year_picker = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description="Years")
    return {"obligations": obligation_picker, "years": year_picker}


def alliances_explorer() -> widgets.VBox:
    """Pick obligation types and years; see how many alliances were in force."""
    frame = load("alliances_in_force")
    return explore(_alliances_controls(frame),
                   plan=functools.partial(plan_alliances_view, frame),
                   draw=lambda view: alliances_in_force(view.rows, view.obligations, view.years))


def _series_colours() -> dict[str, str]:
    """The colour of each alliance series, as ``alliances_in_force`` draws it."""
    return {o: "black" if o == "any" else OKABE_ITO[list(ALLIANCE_SERIES).index(o) - 1] for o in ALLIANCE_SERIES}


def alliances_in_force_live_spec() -> dict:
    """The alliances explorer for the book's site: the same controls and rows, the lines in Vega-Lite."""
    from defence_diplomacy import live

    frame = load("alliances_in_force")
    marks = {"data": {"name": "marks"}, "mark": {"type": "rule", "color": "#999", "strokeDash": [2, 3]},
             "encoding": {"x": {"field": "year", "type": "quantitative"}}}
    mark_text = {"data": {"name": "marks"}, "mark": {"type": "text", "baseline": "bottom", "color": "#595959", "dy": -2},
                 "encoding": {"x": {"field": "year", "type": "quantitative"}, "y": {"field": "top", "type": "quantitative"},
                              "text": {"field": "label"}}}
    lines = {"data": {"name": "lines"}, "mark": {"type": "line", "invalid": "break-paths-show-path-domains"},
             "encoding": {"x": {"field": "year", "type": "quantitative"},
                          "y": {"field": "value", "type": "quantitative"},
                          "color": {"field": "name", "type": "nominal", "title": None,
                                    "scale": {"domain": {"expr": "names"}}, "legend": {"orient": "top-left", "fillColor": "white"}},
                          "strokeWidth": {"field": "bold", "type": "nominal", "legend": None,
                                          "scale": {"domain": [False, True], "range": [1.4, 2.2]}}}}
    chart = live.chart(
        [marks, mark_text, lines],
        {"title": "Alliances in force", "names": [ALLIANCE_SERIES["any"]], "colours": ["black"],
         "xdomain": [1815, 2018], "ydomain": [0, 1]},
        height=300,
        encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
                        "axis": {"format": "d", "title": None, "tickMinStep": 1}},
                  "y": {"scale": {"domain": {"expr": "ydomain"}, "nice": False},
                        "axis": {"title": "Alliances in force", "format": ",d"}}},
        vega={"scales": {"color": {"range": {"signal": "colours"}}}})
    return live.spec(
        "alliances_in_force", _alliances_controls(frame),
        data={"frame": live.records(frame, ["year", "obligation", "alliances", "source"])},
        words={"series": ALLIANCE_SERIES, "colours": _series_colours(), "marks": list(ALLIANCE_MARKS),
               "sources": live.source_labels(frame["source"])},
        charts={"main": chart})

@dataclass(frozen=True)
class ExercisesView:
    per_year: pd.DataFrame
    by_country: pd.DataFrame
    countries: tuple[str, ...]
    years: tuple[int, int]
    note: str = ""


def plan_exercises_view(per_year: pd.DataFrame, by_country: pd.DataFrame, country_names: dict[str, str],
                        countries: tuple[str, ...], years: tuple[int, int]) -> ExercisesView | Message:
    """Decide what the exercises explorer shows for countries and years."""
    chosen = chosen_rows(by_country, "country", countries,
                         "Select at least one country to compare with all multinational exercises.",
                         years, per_year["year"], "The MME exercise counts cover")
    if isinstance(chosen, Message):
        return chosen
    rows, shown, notes = chosen
    starts = by_country.groupby("country")["year"].min()
    reported = set(rows["country"].unique())  # once: a set of a column is a slow walk through its values
    without = [c for c in countries if c not in reported]
    reasons = "; ".join(f"{country_names[c]} has country years from {int(starts[c])}" if c in starts.index
                        else f"{country_names.get(c, c)} is not in the table" for c in without)
    if rows.empty:
        return Message(f"The book has no exercise years for {country_list(countries, country_names)} in "
                       f"{shown[0]}-{shown[1]} ({reasons}). Choose later years or another country.")
    if without:
        notes.append(f"No exercise years in {shown[0]}-{shown[1]}: {reasons}.")
    return ExercisesView(per_year[per_year["year"].between(*shown)], rows, tuple(countries), shown,
                         " ".join(notes))


def _exercises_controls(per_year: pd.DataFrame, by_country: pd.DataFrame,
                        country_names: dict[str, str]) -> dict[str, widgets.ValueWidget]:
    """The exercises explorer's controls; the live explorer on the book's site reads the same ones."""
    present = set(by_country["country"])
    ordered = [c for c in FOUR_MODELS if c in present] + sorted(present - set(FOUR_MODELS))
    country_picker = widgets.SelectMultiple(
        options=[(country_names[c], c) for c in ordered], value=FOUR_MODELS,
        description="Countries", rows=len(ordered))
    first, last = int(per_year["year"].min()), int(per_year["year"].max())
    year_picker = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description="Years")
    return {"countries": country_picker, "years": year_picker}


def exercises_explorer() -> widgets.VBox:
    """Pick countries and years; see their exercises beside all multinational exercises."""
    per_year = load("exercises_per_year")
    by_country = load("exercises_by_country")
    country_names = data_country_names()
    return explore(_exercises_controls(per_year, by_country, country_names),
                   plan=functools.partial(plan_exercises_view, per_year, by_country, country_names),
                   draw=lambda view: exercises_over_time(view.per_year, view.by_country, country_names, view.years,
                                                         order=view.countries))


#: The two parts of each year's bar, as the exercises chart's legend names them.
EXERCISE_BAR_PARTS = ("all exercises, named", "all exercises, unnamed (-9)")


def exercises_live_spec() -> dict:
    """The exercises explorer for the book's site: the same controls and rows, bars and lines in Vega-Lite."""
    from defence_diplomacy import live

    per_year, by_country = load("exercises_per_year"), load("exercises_by_country")
    country_names = data_country_names()
    bars = {"data": {"name": "bars"}, "mark": {"type": "bar", "stroke": "#8c8c8c", "strokeWidth": 0.6},
            "encoding": {"x": {"field": "year", "type": "quantitative"},
                         "y": {"field": "count", "type": "quantitative", "stack": "zero"},
                         "order": {"field": "order"},
                         "fill": {"field": "part", "type": "nominal", "title": None,
                                  "scale": {"domain": list(EXERCISE_BAR_PARTS), "range": ["#d1d1d1", "#ffffff"]}},
                         "strokeDash": {"field": "part", "type": "nominal", "legend": None,
                                        "scale": {"domain": list(EXERCISE_BAR_PARTS), "range": [[1, 0], [2, 2]]}}}}
    lines = live.country_lines(point_size=18)
    chart = live.chart(
        [bars, lines],
        {"title": "Multinational military exercises", "names": [], "xdomain": [1979.4, 2010.6], "ydomain": [0, 1]},
        height=300,
        encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
                        "axis": {"format": "d", "title": None, "tickMinStep": 1}},
                  "y": {"scale": {"domain": {"expr": "ydomain"}, "nice": False},
                        "axis": {"title": "Exercises under way in the year", "format": ",d"}}},
        resolve={"scale": {"strokeDash": "independent"}})
    return live.spec(
        "exercises", _exercises_controls(per_year, by_country, country_names),
        data={"perYear": live.records(per_year, ["year", "exercises", "unnamed_exercises", "source"]),
              "byCountry": live.records(by_country, ["country", "year", "exercises", "source"])},
        words={"countries": {c: country_names[c] for c in sorted(set(by_country["country"]))},
               "parts": list(EXERCISE_BAR_PARTS),
               "sources": live.source_labels([*per_year["source"], *by_country["source"]])},
        charts={"main": chart})
