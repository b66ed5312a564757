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


# Peacekeeping -----------------------------------------------------------------

@dataclass(frozen=True)
class PeacekeepingView:
    """What the peacekeeping explorer draws: rows of the by-country table, and the snapshot."""

    rows: pd.DataFrame
    personnel: str
    years: tuple[int, int]
    countries: tuple[str, ...]
    snapshot: pd.DataFrame | None = None
    note: str = ""


def _names(codes, country_names: dict[str, str]) -> str:
    return ", ".join(country_names.get(c, c) for c in codes)


def _backwards(start: int, end: int) -> Message:
    return Message(f"The year range runs backwards (from {start} to {end}). "
                   "Choose a first year that is not after the last year.")


def _snapshot_words(snapshot: pd.DataFrame, countries: tuple[str, ...], country_names: dict[str, str]) -> str:
    """'On 31 January 2021 ... France 623, Spain 643; not listed: ...' for the chosen countries."""
    listed = snapshot.set_index("country")["total"]
    known = [f"{country_names[c]} {int(listed[c]):,}" for c in countries if c in listed.index]
    absent = [c for c in countries if c not in listed.index]
    words = (f" One month is known: on 31 January 2021 the UN counted {'; '.join(known)} "
             "(all uniformed personnel)." if known else "")
    if absent:
        words += f" Not listed as contributors that month: {_names(absent, country_names)}."
    return words


def plan_peacekeeping_view(contributions: pd.DataFrame, snapshot: pd.DataFrame, country_names: dict[str, str],
                           countries: tuple[str, ...], personnel: str,
                           years: tuple[int, int]) -> PeacekeepingView | Message:
    """Decide what the peacekeeping explorer shows for countries, a personnel type and years."""
    if not countries:
        return Message("Select at least one country to see its UN peacekeeping contributions.")
    start, end = years
    if start > end:
        return _backwards(start, end)
    first, last = int(contributions["year"].min()), int(contributions["year"].max())
    label = charts.PEACEKEEPING_TYPES[personnel]
    if end < first:
        return Message(f"The book's by-country UN series starts in December {first}; "
                       f"{start}-{end} has nothing to draw. Choose later years.")
    if start > last:
        words = _snapshot_words(snapshot, countries, country_names) if start <= 2021 <= end else ""
        return Message(f"The book has no by-country UN data after March 2014 (IPI's series ends there; its "
                       f"last December is {last}), so {start}-{end} has nothing to draw." + words)
    rows = contributions[contributions["country"].isin(countries) & contributions["year"].between(start, end)
                         & contributions[personnel].notna()]
    if rows.empty:
        return Message(f"IPI gives no {label} figure for {_names(countries, country_names)} in December "
                       f"{max(start, first)}-{min(end, last)}. Choose another type, more years or more countries.")
    notes = []
    without = [c for c in countries if c not in set(rows["country"])]
    if without:
        notes.append(f"No {label} figure in {max(start, first)}-{min(end, last)} for: "
                     f"{_names(without, country_names)}.")
    if start < first:
        notes.append(f"The by-country series starts in {first}.")
    if end > last:
        notes.append(f"The book has no by-country UN data after March 2014: {last + 1}-{end} is shaded as a gap, "
                     "not a zero.")
    shown_snapshot = None
    if start <= 2021 <= end:
        if personnel == "total":
            shown_snapshot = snapshot[snapshot["country"].isin(countries)]
        else:
            notes.append("The 31 January 2021 snapshot gives all uniformed personnel only; choose 'total' to see it.")
    return PeacekeepingView(rows, personnel, (start, end), tuple(countries), shown_snapshot, " ".join(notes))


def peacekeeping_explorer() -> widgets.VBox:
    """Pick countries, a personnel type and years; see their UN contributions."""
    contributions = load("peacekeeping_contributions")
    snapshot = load("peacekeeping_snapshot_2021")
    country_names = dict(load("countries")[["iso3", "name"]].itertuples(index=False))
    present = set(contributions["country"])
    ordered = list(charts.FOUR_MODELS) + sorted(present - set(charts.FOUR_MODELS), key=country_names.get)
    country_picker = widgets.SelectMultiple(
        options=[(country_names[c], c) for c in ordered], value=charts.FOUR_MODELS,
        description="Countries", rows=8)
    personnel_picker = widgets.Dropdown(
        options=[(label, key) for key, label in charts.PEACEKEEPING_TYPES.items()], value="total",
        description="Personnel")
    year_picker = widgets.IntRangeSlider(value=(1990, 2021), min=1990, max=2021, description="Years")

    def update(countries, personnel, years):
        plan = plan_peacekeeping_view(contributions, snapshot, country_names, countries, personnel, years)
        if isinstance(plan, Message):
            return plan
        chart = charts.peacekeeping_by_country(plan.rows, country_names, plan.personnel, plan.years,
                                               plan.snapshot, order=plan.countries)
        return (Message(plan.note), chart) if plan.note else chart

    return explorer({"countries": country_picker, "personnel": personnel_picker, "years": year_picker}, update)


EXPLORERS["peacekeeping"] = peacekeeping_explorer


# Alliances and exercises ------------------------------------------------------

@dataclass(frozen=True)
class AlliancesView:
    rows: pd.DataFrame
    obligations: tuple[str, ...]
    years: tuple[int, int]
    note: str = ""


def plan_alliances_view(frame: pd.DataFrame, obligations: tuple[str, ...],
                        years: tuple[int, int]) -> AlliancesView | Message:
    """Decide what the alliances explorer shows for obligation types and years."""
    if not obligations:
        return Message("Select at least one obligation type (or 'all alliances').")
    start, end = years
    if start > end:
        return _backwards(start, end)
    first, last = int(frame["year"].min()), int(frame["year"].max())
    if end < first or start > last:
        return Message(f"ATOP covers {first}-{last}; {start}-{end} lies outside it. Choose years in that span.")
    shown = (max(start, first), min(end, last))
    rows = frame[frame["obligation"].isin(obligations) & frame["year"].between(*shown)]
    notes = []
    if shown != (start, end):
        notes.append(f"ATOP covers {first}-{last}; the chart shows {shown[0]}-{shown[1]}.")
    none = [o for o in obligations if rows.loc[rows["obligation"] == o, "alliances"].sum() == 0]
    if none:
        kinds = ", ".join(charts.ALLIANCE_OBLIGATIONS[o] for o in none)
        notes.append(f"No alliance in force in {shown[0]}-{shown[1]} carried this obligation: {kinds} "
                     "(a count of zero, drawn at zero).")
    return AlliancesView(rows, tuple(obligations), shown, " ".join(notes))


def alliances_explorer() -> widgets.VBox:
    """Pick obligation types and years; see how many alliances were in force."""
    frame = load("alliances_in_force")
    obligation_picker = widgets.SelectMultiple(
        options=[(label, key) for key, label in charts.ALLIANCE_OBLIGATIONS.items()],
        value=tuple(charts.ALLIANCE_OBLIGATIONS), description="Obligations", rows=6)
    first, last = int(frame["year"].min()), int(frame["year"].max())
    year_picker = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description="Years")

    def update(obligations, years):
        plan = plan_alliances_view(frame, obligations, years)
        if isinstance(plan, Message):
            return plan
        chart = charts.alliances_in_force(plan.rows, plan.obligations, plan.years)
        return (Message(plan.note), chart) if plan.note else chart

    return explorer({"obligations": obligation_picker, "years": year_picker}, update)


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
    if not countries:
        return Message("Select at least one country to compare with all multinational exercises.")
    start, end = years
    if start > end:
        return _backwards(start, end)
    first, last = int(per_year["year"].min()), int(per_year["year"].max())
    if end < first or start > last:
        return Message(f"The MME data cover {first}-{last}; the book has no exercise counts for {start}-{end}. "
                       "Choose years in that span.")
    shown = (max(start, first), min(end, last))
    rows = by_country[by_country["country"].isin(countries) & by_country["year"].between(*shown)]
    starts = by_country.groupby("country")["year"].min()
    without = [c for c in countries if c not in set(rows["country"])]
    reasons = "; ".join(f"{country_names[c]} has country years from {int(starts[c])}" if c in starts.index
                        else f"{country_names.get(c, c)} is not in the table" for c in without)
    if rows.empty:
        return Message(f"The book has no exercise years for {_names(countries, country_names)} in "
                       f"{shown[0]}-{shown[1]} ({reasons}). Choose later years or another country.")
    notes = []
    if shown != (start, end):
        notes.append(f"The MME data cover {first}-{last}; the chart shows {shown[0]}-{shown[1]}.")
    if without:
        notes.append(f"No exercise years in {shown[0]}-{shown[1]}: {reasons}.")
    return ExercisesView(per_year[per_year["year"].between(*shown)], rows, tuple(countries), shown,
                         " ".join(notes))


def exercises_explorer() -> widgets.VBox:
    """Pick countries and years; see their exercises beside all multinational exercises."""
    per_year = load("exercises_per_year")
    by_country = load("exercises_by_country")
    country_names = dict(load("countries")[["iso3", "name"]].itertuples(index=False))
    present = set(by_country["country"])
    ordered = [c for c in charts.FOUR_MODELS if c in present] + sorted(present - set(charts.FOUR_MODELS))
    country_picker = widgets.SelectMultiple(
        options=[(country_names[c], c) for c in ordered], value=charts.FOUR_MODELS,
        description="Countries", rows=len(ordered))
    first, last = int(per_year["year"].min()), int(per_year["year"].max())
    year_picker = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description="Years")

    def update(countries, years):
        plan = plan_exercises_view(per_year, by_country, country_names, countries, years)
        if isinstance(plan, Message):
            return plan
        chart = charts.exercises_over_time(plan.per_year, plan.by_country, country_names, plan.years,
                                           order=plan.countries)
        return (Message(plan.note), chart) if plan.note else chart

    return explorer({"countries": country_picker, "years": year_picker}, update)


EXPLORERS["alliances_in_force"] = alliances_explorer
EXPLORERS["exercises"] = exercises_explorer
