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
