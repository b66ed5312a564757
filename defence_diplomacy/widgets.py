"""Explorers: ipywidgets controls wired to the chart functions.

What to draw for a selection, or which message to show instead, is decided by
pure ``plan_*`` functions that are tested without a browser; the widgets are
thin glue around them.
"""

from __future__ import annotations

import gc
import html
from dataclasses import dataclass
from typing import Callable

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from defence_diplomacy import charts
from defence_diplomacy.data import country_names as data_country_names
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
        items = result if isinstance(result, tuple) else (result,)
        with output:
            output.clear_output(wait=True)
            display(*(item.live() if isinstance(item, charts.Chart) else item for item in items))

    for control in controls.values():
        control.observe(refresh, names="value")
    # What is alive now (modules, tables) lives as long as the kernel: moved out of the
    # collector's sight, a full collection during a redraw scans only the redraw's own
    # objects. Full collections over everything took up to 85 ms: the slowest redraws.
    # Unfreezing first lets an explorer built again (a cell re-run) free the old one.
    gc.unfreeze()
    gc.collect()
    gc.freeze()
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
    country_names = data_country_names()
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
        "iso_names": data_country_names(),
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


# Timeline ---------------------------------------------------------------------

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
    ``views`` may hold each view's rows (``charts.timeline_for_view``) worked out
    beforehand, as the explorer does, so that a redraw need not join the tables again.
    """
    if view not in charts.TIMELINE_VIEWS:
        return Message(f"There is no '{view}' view; choose one of: {', '.join(charts.TIMELINE_VIEWS)}.")
    empty = [name for name in TIMELINE_FILTERS if name in filters and not filters[name]]
    if empty:
        return Message(f"Nothing is selected for {' and '.join(empty)}: select at least one value "
                       "in each list (select them all to keep everything).")
    rows = views[view] if views else charts.timeline_for_view(events, thinkers, view)
    for name in TIMELINE_FILTERS:
        if name in filters:
            rows = rows[rows[name].isin(filters[name])]
    label = charts.TIMELINE_VIEWS[view]
    if rows.empty:
        return Message(f"No event in the view '{label}' matches this combination of filters. "
                       "Select more eras, categories, regions or parts, or choose the view 'all'.")
    note = ""
    if view == "theorists":
        undated = charts.undated_thinkers(events, thinkers)
        if undated:
            note = (f"Not on the axis: {', '.join(undated)}; the book's sources give no date "
                    "(no life span, no year of the work).")
    return TimelineView(rows.reset_index(drop=True), label, note)


def timeline_explorer() -> widgets.VBox:
    """Pick a view and filter by era, category, region and part; see the chart and its sources."""
    events, thinkers = load("timeline_events"), load("thinkers")
    views = {view: charts.timeline_for_view(events, thinkers, view) for view in charts.TIMELINE_VIEWS}
    everything = views["all"]
    view_picker = widgets.Dropdown(options=[(label.split(":")[0], key) for key, label in charts.TIMELINE_VIEWS.items()],
                                   value="history", description="View")
    controls: dict[str, widgets.ValueWidget] = {"view": view_picker}
    for name in TIMELINE_FILTERS:
        present = list(dict.fromkeys(everything[name]))  # eras in time order, as the rows are
        order = {"category": list(charts.TIMELINE_CATEGORIES), "part": charts.TIMELINE_PARTS}.get(name)
        if order:
            present = [value for value in order if value in present]
        labels = [charts.TIMELINE_CATEGORIES.get(v, v) if name == "category" else v.replace("_", " ") for v in present]
        controls[name] = widgets.SelectMultiple(options=list(zip(labels, present)), value=tuple(present), rows=5,
                                                description=name.capitalize(),
                                                layout=widgets.Layout(width="250px"))

    def update(view, **filters):
        plan = plan_timeline_view(events, thinkers, view, views, **filters)
        if isinstance(plan, Message):
            return plan
        chart = charts.timeline(plan.rows, plan.title)
        table = charts.timeline_sources(plan.rows)
        return (Message(plan.note), chart, table) if plan.note else (chart, table)

    box = explorer(controls, update)
    box.children[0].layout.flex_flow = "row wrap"
    return box


EXPLORERS["timeline"] = timeline_explorer


# National models ---------------------------------------------------------------

@dataclass(frozen=True)
class InstrumentMatrixView:
    categories: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class ModelPairView:
    rows: pd.DataFrame
    summary: str


def plan_instrument_matrix(frame: pd.DataFrame, categories: tuple[str, ...]) -> InstrumentMatrixView | Message:
    """Which categories the matrix shows; a message when none is chosen or none is in the lists."""
    if not categories:
        return Message("Select at least one instrument category to see which countries list it.")
    present = set(charts.instrument_matrix(frame).index)
    kept = tuple(c for c in categories if c in present)
    if not kept:
        return Message("None of the four instrument lists uses the chosen categories "
                       "(they come from the UK's 2010 table or France's phases). Choose others.")
    missing = [charts.INSTRUMENT_CATEGORIES[c] for c in categories if c not in present]
    note = f"Not in any of the four instrument lists: {', '.join(missing)}." if missing else ""
    return InstrumentMatrixView(kept, note)


def plan_model_pair(frame: pd.DataFrame, country_names: dict[str, str], first: str, second: str) -> ModelPairView | Message:
    """The categories two countries share and those only one lists, with the source's wording."""
    if first not in charts.NATIONAL_MODELS or second not in charts.NATIONAL_MODELS:
        return Message("Choose two of the four countries Drab compares: "
                       + ", ".join(country_names[c] for c in charts.NATIONAL_MODELS) + ".")
    if first == second:
        return Message(f"{country_names[first]} is chosen twice: choose two different countries to compare.")
    rows = charts.instrument_lists(frame)
    wording = rows.groupby(["country", "category"], sort=False)["wording"].agg(" / ".join)
    present = charts.instrument_matrix(frame) > 0
    table = []
    for category in present.index:
        a, b = present.at[category, first], present.at[category, second]
        if not (a or b):
            continue
        where = "both" if a and b else f"only {country_names[first if a else second]}"
        table.append({"category": charts.INSTRUMENT_CATEGORIES[category], "listed by": where,
                      country_names[first]: wording.get((first, category), ""),
                      country_names[second]: wording.get((second, category), "")})
    table = pd.DataFrame(table)
    shared = int((table["listed by"] == "both").sum())
    summary = (f"{country_names[first]} and {country_names[second]} share {shared} of the {len(table)} categories "
               f"either lists (Jaccard similarity {shared / len(table):.2f}).")
    order = {"both": 0, f"only {country_names[first]}": 1, f"only {country_names[second]}": 2}
    table = table.sort_values("listed by", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return ModelPairView(table, summary)


def national_models_explorer() -> widgets.VBox:
    """Choose categories for the matrix, and two countries to compare item by item."""
    frame = load("national_instruments")
    country_names = data_country_names()
    present = list(charts.instrument_matrix(frame).index)
    category_picker = widgets.SelectMultiple(
        options=[(charts.INSTRUMENT_CATEGORIES[c], c) for c in present], value=tuple(present),
        rows=8, description="Categories", layout=widgets.Layout(width="330px"))
    countries = [(country_names[c], c) for c in charts.NATIONAL_MODELS]
    first_picker = widgets.Dropdown(options=countries, value="USA", description="Compare")
    second_picker = widgets.Dropdown(options=countries, value="ESP", description="with")

    def update(categories, first, second):
        shown = []
        matrix = plan_instrument_matrix(frame, categories)
        if isinstance(matrix, Message):
            shown.append(matrix)
        else:
            if matrix.note:
                shown.append(Message(matrix.note))
            shown.append(charts.instrument_matrix_chart(frame, country_names, list(matrix.categories)))
        pair = plan_model_pair(frame, country_names, first, second)
        shown += [pair] if isinstance(pair, Message) else [Message(pair.summary), pair.rows]
        return tuple(shown)

    box = explorer({"categories": category_picker, "first": first_picker, "second": second_picker}, update)
    box.children[0].layout.flex_flow = "row wrap"
    return box


EXPLORERS["national_models"] = national_models_explorer


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


def _clip_years(years: tuple[int, int], first: int, last: int, coverage: str) -> tuple[int, int] | Message:
    """The part of ``years`` that data covering ``first``-``last`` can show, or why none can."""
    start, end = years
    if start > end:
        return _backwards(start, end)
    if end < first or start > last:
        return Message(f"{coverage} {first}-{last}; {start}-{end} lies outside it. Choose years in that span.")
    return max(start, first), min(end, last)


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
    country_names = data_country_names()
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
    first, last = int(frame["year"].min()), int(frame["year"].max())
    shown = _clip_years(years, first, last, "ATOP covers")
    if isinstance(shown, Message):
        return shown
    rows = frame[frame["obligation"].isin(obligations) & frame["year"].between(*shown)]
    notes = []
    if shown != tuple(years):
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
    first, last = int(per_year["year"].min()), int(per_year["year"].max())
    shown = _clip_years(years, first, last, "The MME exercise counts cover")
    if isinstance(shown, Message):
        return shown
    rows = by_country[by_country["country"].isin(countries) & by_country["year"].between(*shown)]
    starts = by_country.groupby("country")["year"].min()
    without = [c for c in countries if c not in set(rows["country"])]
    reasons = "; ".join(f"{country_names[c]} has country years from {int(starts[c])}" if c in starts.index
                        else f"{country_names.get(c, c)} is not in the table" for c in without)
    if rows.empty:
        return Message(f"The book has no exercise years for {_names(countries, country_names)} in "
                       f"{shown[0]}-{shown[1]} ({reasons}). Choose later years or another country.")
    notes = []
    if shown != tuple(years):
        notes.append(f"The MME data cover {first}-{last}; the chart shows {shown[0]}-{shown[1]}.")
    if without:
        notes.append(f"No exercise years in {shown[0]}-{shown[1]}: {reasons}.")
    return ExercisesView(per_year[per_year["year"].between(*shown)], rows, tuple(countries), shown,
                         " ".join(notes))


def exercises_explorer() -> widgets.VBox:
    """Pick countries and years; see their exercises beside all multinational exercises."""
    per_year = load("exercises_per_year")
    by_country = load("exercises_by_country")
    country_names = data_country_names()
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
