"""Explorers: ipywidgets controls wired to the chart functions.

What to draw for a selection, or which message to show instead, is decided by
pure ``plan_*`` functions that are tested without a browser; the widgets are
thin glue around them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from defence_diplomacy import charts
from defence_diplomacy.data import load


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


def explorer(controls: dict[str, widgets.ValueWidget], update: Callable[..., object]) -> widgets.VBox:
    """Show ``update(**values)`` below the controls, and again whenever one changes.

    ``update`` returns one displayable item, or a tuple of them (a note, then a chart).
    """
    output = widgets.Output()

    def refresh(_change=None) -> None:
        result = update(**{name: control.value for name, control in controls.items()})
        with output:
            output.clear_output(wait=True)
            display(*(result if isinstance(result, tuple) else (result,)))

    for control in controls.values():
        control.observe(refresh, names="value")
    refresh()
    return widgets.VBox([widgets.HBox(list(controls.values())), output])


# Attaché networks -------------------------------------------------------------

ALL_MEASURES = "all"


@dataclass(frozen=True)
class AttacheView:
    rows: pd.DataFrame
    note: str = ""


def plan_attache_view(frame: pd.DataFrame, country_names: dict[str, str],
                      countries: tuple[str, ...], measure: str) -> AttacheView | Message:
    """Decide what the attaché explorer shows for the chosen countries and measure."""
    if not countries:
        return Message("Select at least one country to see its attaché figures.")
    rows = frame[frame["country"].isin(countries)]
    if measure != ALL_MEASURES:
        rows = rows[rows["measure"] == measure]
    names = [country_names[c] for c in countries]
    if rows.empty:
        what = "no figures" if measure == ALL_MEASURES else f"no figure for '{charts.ATTACHE_MEASURES[measure]}'"
        return Message(f"The book's sources give {what} for {', '.join(names)}. "
                       "Choose another measure, or 'all measures'.")
    without = [country_names[c] for c in countries if c not in set(rows["country"])]
    note = f"No figure of this kind is reported for: {', '.join(without)}." if without else ""
    return AttacheView(rows, note)


def attache_explorer() -> widgets.VBox:
    """Pick countries and a measure; see the figures the sources report."""
    frame = load("attache_networks")
    country_names = dict(load("countries")[["iso3", "name"]].itertuples(index=False))
    present = list(dict.fromkeys(frame["country"]))
    country_picker = widgets.SelectMultiple(
        options=[(country_names[c], c) for c in present], value=tuple(present),
        description="Countries", rows=len(present))
    measures = [("all measures", ALL_MEASURES)] + [
        (label, key) for key, label in charts.ATTACHE_MEASURES.items() if key in set(frame["measure"])]
    measure_picker = widgets.Dropdown(options=measures, value=ALL_MEASURES, description="Measure")

    def update(countries, measure):
        plan = plan_attache_view(frame, country_names, countries, measure)
        if isinstance(plan, Message):
            return plan
        chart = charts.attache_networks(plan.rows, country_names)
        return (Message(plan.note), chart) if plan.note else chart

    return explorer({"countries": country_picker, "measure": measure_picker}, update)


#: Every explorer the notebooks offer, by name; the benchmarks time each of them.
EXPLORERS: dict[str, Callable[[], widgets.VBox]] = {
    "attache_networks": attache_explorer,
}


# Azerbaijan -------------------------------------------------------------------

#: The series the Azerbaijan explorer offers: a label, the data behind it, and why it stops where it does.
AZERBAIJAN_SERIES = {
    "deployments": ("deployments", "the book's table of deployments", "from the first deployment to the "
                    "latest dated report"),
    "milestones": ("NATO milestones", "the book's table of partnership milestones", "from the NACC to the "
                   "seed's figures"),
    "alliances": ("alliances", "ATOP 5.1", "ATOP ends in 2018"),
    "exercises": ("exercises", "the Multinational Military Exercises data set", "the data set ends in 2010"),
    "spending": ("spending", "this copy of SIPRI's 2019 edition", "no figure before independence; the "
                 "edition ends in 2018"),
    "arms": ("arms imports", "this SIPRI extract", "it stops in 2014; a newer SIPRI download is needed for "
             "later years"),
}
#: Countries whose spending is drawn beside Azerbaijan's.
SPENDING_COUNTRIES = ("AZE", "ARM", "TUR")
AZERBAIJAN_YEARS = (1990, 2023)


@dataclass(frozen=True)
class AzerbaijanView:
    series: str
    rows: pd.DataFrame
    years: tuple[int, int]
    note: str = ""


def azerbaijan_tables() -> dict[str, pd.DataFrame]:
    """The rows each Azerbaijan series draws, loaded once, plus names for labels."""
    milestones = load("azerbaijan_milestones")
    memberships = load("alliance_memberships")
    memberships = memberships[memberships["country"] == "AZE"]
    countries = load("countries")
    spending = load("military_expenditure")
    exercises = load("exercises_by_country")
    return {
        "deployments": charts.deployment_rows(milestones),
        "milestones": charts.partnership_rows(milestones),
        "alliances": memberships,
        "exercises": exercises[exercises["country"] == "AZE"],
        "spending": spending[spending["country"].isin(SPENDING_COUNTRIES) & (spending["year"] >= 1992)],
        "arms": load("arms_transfers_to_azerbaijan"),
        "treaty_names": charts.atop_treaty_names(milestones, memberships),
        "iso_names": dict(countries[["iso3", "name"]].itertuples(index=False)),
        "cow_names": {int(c): n for c, n in countries[["cow_code", "name"]].dropna().itertuples(index=False)},
    }


def _series_years(series: str, rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last year each row covers (a span for timelines, one year for yearly series).

    On the timelines an open-ended span (UNMISS "since 2019", "more than 40 officers
    since 2002") runs to the latest report in its lane, as the charts draw it.
    """
    if series in ("deployments", "milestones"):
        latest_in_lane = rows.groupby("framework")["start_year"].transform("max")
        open_ended = rows["end_year"].isna() & ((rows["source"] == charts.SEED_KEY) | (rows["kind"] == "personnel"))
        latest = latest_in_lane.where(~(open_ended & (rows["kind"] == "personnel")), rows["start_year"].max())
        return rows["start_year"], rows["end_year"].fillna(latest.where(open_ended, rows["start_year"]))
    if series == "alliances":
        return rows["entry_year"], rows["exit_year"].fillna(charts.ATOP_LAST_YEAR)
    return rows["year"], rows["year"]


def plan_azerbaijan_view(tables: dict[str, pd.DataFrame], series: str | None,
                         years: tuple[int, int] | None) -> AzerbaijanView | Message:
    """Decide what the Azerbaijan explorer shows for a series and a year range."""
    if not series or series not in AZERBAIJAN_SERIES:
        return Message("Choose a series to draw: " + ", ".join(v[0] for v in AZERBAIJAN_SERIES.values()) + ".")
    if not years or len(years) != 2 or None in years:
        return Message("Choose a year range.")
    low, high = int(years[0]), int(years[1])
    if low > high:
        return Message(f"The range {low}-{high} runs backwards: choose a first year no later than the last.")
    label, data, why = AZERBAIJAN_SERIES[series]
    span = str(low) if low == high else f"{low}-{high}"
    rows = tables[series]
    first, last = _series_years(series, rows)
    if series == "spending":  # the coverage that matters is Azerbaijan's own
        first = last = rows["year"].where(rows["country"] == "AZE")
    data_first, data_last = int(first.min()), int(last.max())
    coverage = f"{data} covers Azerbaijan in {data_first}-{data_last} ({why})"
    if high < data_first or low > data_last:
        return Message(f"No {label} in {span}: {coverage}.")
    keep = (first <= high) & (last >= low) if series != "spending" else rows["year"].between(low, high)
    if series in ("deployments", "milestones"):  # a lane in the range is drawn whole; the axis clips it
        keep = rows["framework"].isin(set(rows.loc[keep, "framework"]))
    rows = rows[keep]
    if series == "exercises" and rows["exercises"].sum() == 0:
        first_exercise = int(tables[series].loc[tables[series]["exercises"] > 0, "year"].min())
        return Message(f"The Multinational Military Exercises data set records no exercise with Azerbaijan in "
                       f"{span} (a recorded zero); its first is in {first_exercise}.")
    if series == "arms" and rows.empty:
        return Message(f"No deliveries of major arms to Azerbaijan are recorded in this SIPRI extract for "
                       f"{span} (none delivered, or none captured by the extract: it cannot tell).")
    if rows.empty:
        return Message(f"No {label} fall in {span}. Widen the range.")
    notes = []
    if high > data_last or low < data_first:
        notes.append(f"Only part of {span} has data: {coverage}.")
    if series == "deployments" and rows["weak_source"].astype(bool).any():
        notes.append("Open dots are reports whose only source is a repost.")
    if series == "alliances" and rows["caveat"].notna().any():
        notes.append("Hatched: " + rows["caveat"].dropna().iloc[0])
    return AzerbaijanView(series, rows, (low, high), " ".join(notes))


def draw_azerbaijan_view(view: AzerbaijanView, tables: dict[str, pd.DataFrame]) -> charts.Chart:
    """The chart for a planned view."""
    low, high = view.years
    if view.series == "deployments":
        return charts.azerbaijan_deployments(view.rows, (low, high))
    if view.series == "milestones":
        return charts.azerbaijan_partnership(view.rows, (low, high))
    if view.series == "alliances":
        return charts.azerbaijan_alliances(view.rows, tables["treaty_names"], tables["cow_names"], (low, high))
    if view.series == "exercises":
        return charts.exercises_per_year(view.rows, "Azerbaijan")
    if view.series == "spending":
        return charts.military_spending(view.rows, tables["iso_names"])
    return charts.arms_imports_by_supplier(view.rows, tables["iso_names"], (low, high))


def azerbaijan_explorer() -> widgets.VBox:
    """Pick a series and a year range; see the Azerbaijan chart for those years."""
    tables = azerbaijan_tables()
    series_picker = widgets.ToggleButtons(
        options=[(value[0], key) for key, value in AZERBAIJAN_SERIES.items()], value="deployments",
        description="Series")
    year_picker = widgets.IntRangeSlider(value=AZERBAIJAN_YEARS, min=AZERBAIJAN_YEARS[0], max=AZERBAIJAN_YEARS[1],
                                         description="Years", continuous_update=False)

    def update(series, years):
        plan = plan_azerbaijan_view(tables, series, years)
        if isinstance(plan, Message):
            return plan
        chart = draw_azerbaijan_view(plan, tables)
        return (Message(plan.note), chart) if plan.note else chart

    return explorer({"series": series_picker, "years": year_picker}, update)


EXPLORERS["azerbaijan"] = azerbaijan_explorer
