"""Attaché networks: the figures the sources report for each country's defence attachés, as a chart and an explorer.

The notebook ``attache-networks`` draws from here; ``tests/test_attache_networks.py`` checks it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from defence_diplomacy._render import fixed_margins, lane_labels, new_figure, ticks_as_text
from defence_diplomacy.data import country_names as data_country_names
from defence_diplomacy.data import load
from defence_diplomacy.explorer import Message, explore
from defence_diplomacy.style import Chart, OKABE_ITO, qualified, source_caption, styled
from defence_diplomacy.vocabulary import ATTACHE_MEASURES


@styled
def attache_networks(frame: pd.DataFrame, country_names: dict[str, str]) -> Chart:
    """Bars for each reported figure; bounds ('more than N') hatched and open-ended."""
    rows = frame.iloc[::-1]  # first row on top
    labels = [f"{country_names[c]}: {ATTACHE_MEASURES[m]}" for c, m in zip(rows["country"], rows["measure"])]
    countries = list(dict.fromkeys(frame["country"]))
    colours = [OKABE_ITO[countries.index(c) % len(OKABE_ITO)] for c in rows["country"]]
    fig, ax = new_figure((8, 0.45 * len(rows) + 1.4))
    bars = ax.barh(range(len(rows)), rows["value"].astype(int), color=colours)
    lane_labels(ax, range(len(rows)), labels)
    arrow_length = rows["value"].max() * 0.1
    texts = [qualified(v, q) for v, q in zip(rows["value"], rows["qualifier"])]
    values = []
    for bar, qualifier, colour, text in zip(bars, rows["qualifier"], colours, texts):
        end, middle = bar.get_width(), bar.get_y() + bar.get_height() / 2
        if qualifier == "at_least":
            # A lower bound: hatched and open-ended, with an arrow saying "and more".
            bar.set_hatch("//")
            bar.set_facecolor("white")
            bar.set_edgecolor(colour)
            ax.annotate("", xy=(end + arrow_length, middle), xytext=(end, middle),
                        arrowprops={"arrowstyle": "->", "color": "black"})
            end += arrow_length
        values.append(ax.annotate(text, xy=(end, middle), xytext=(4, 0), textcoords="offset points", va="center"))
    ax.set_xlabel("Number reported by the source")
    ax.set_xlim(0, rows["value"].max() * 1.5)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_title("Attaché networks as the sources report them")
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    described = "; ".join(f"{lab}: {txt}" for lab, txt in zip(labels[::-1], texts[::-1]))
    alt = f"Horizontal bar chart of {len(rows)} reported figures. {described}."
    caption = source_caption(frame, "Attaché networks; hatched bars are lower bounds, not counts.")
    return Chart(fig, caption, alt)

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
        what = "no figures" if measure == ALL_MEASURES else f"no figure for '{ATTACHE_MEASURES[measure]}'"
        return Message(f"The book's sources give {what} for {', '.join(names)}. "
                       "Choose another measure, or 'all measures'.")
    reported = set(rows["country"].unique())  # once: a set of a column is a slow walk through its values
    without = [country_names[c] for c in countries if c not in reported]
    note = f"No figure of this kind is reported for: {', '.join(without)}." if without else ""
    return AttacheView(rows, note)


def _controls(frame: pd.DataFrame, country_names: dict[str, str]) -> dict[str, widgets.ValueWidget]:
    """The explorer's controls; the live explorer on the book's site reads the same ones."""
    present = list(dict.fromkeys(frame["country"]))
    country_picker = widgets.SelectMultiple(
        options=[(country_names[c], c) for c in present], value=tuple(present),
        description="Countries", rows=len(present))
    measures = [("all measures", ALL_MEASURES)] + [
        (label, key) for key, label in ATTACHE_MEASURES.items() if key in set(frame["measure"])]
    measure_picker = widgets.Dropdown(options=measures, value=ALL_MEASURES, description="Measure")
    return {"countries": country_picker, "measure": measure_picker}


def explorer() -> widgets.VBox:
    """Pick countries and a measure; see the figures the sources report."""
    frame = load("attache_networks")
    country_names = data_country_names()
    return explore(_controls(frame, country_names),
                   plan=functools.partial(plan_attache_view, frame, country_names),
                   draw=lambda view: attache_networks(view.rows, country_names))


def live_spec() -> dict:
    """The explorer for the book's site: the same controls and rows, the bars in Vega-Lite."""
    from defence_diplomacy import live
    from defence_diplomacy.vocabulary import QUALIFIER_WORDS

    frame = load("attache_networks")
    country_names = data_country_names()
    y = {"field": "label", "type": "nominal", "sort": {"field": "order"}, "title": None,
         "axis": {"labelLimit": 330, "ticks": False, "domain": False}}
    bars = {"mark": {"type": "bar", "strokeWidth": 1.2, "height": {"band": 0.8}},
            "encoding": {"x": {"field": "value", "type": "quantitative"}, "y": y,
                         "fill": {"field": "fill", "type": "nominal", "scale": None},
                         "stroke": {"field": "colour", "type": "nominal", "scale": None}}}
    arrows = {"transform": [{"filter": "datum.bound"}], "mark": {"type": "rule", "color": "black"},
              "encoding": {"x": {"field": "value", "type": "quantitative"}, "x2": {"field": "end"}, "y": y}}
    heads = {"transform": [{"filter": "datum.bound"}],
             "mark": {"type": "point", "shape": "triangle-right", "filled": True, "color": "black", "size": 40},
             "encoding": {"x": {"field": "end", "type": "quantitative"}, "y": y}}
    texts = {"mark": {"type": "text", "align": "left", "dx": 5, "fontSize": 12},
             "encoding": {"x": {"field": "end", "type": "quantitative"}, "y": y, "text": {"field": "text"}}}
    chart = live.chart(
        [bars, arrows, heads, texts],
        {"title": "Attaché networks as the sources report them", "xdomain": [0, 1]},
        height=200, width=300, data={"name": "rows"},
        encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False},
                        "axis": {"title": "Number reported by the source", "format": ",d"}}})
    return live.spec(
        "attache_networks", _controls(frame, country_names),
        data={"frame": live.records(frame, ["country", "measure", "value", "qualifier", "source"])},
        words={"countries": {c: country_names[c] for c in dict.fromkeys(frame["country"])},
               "measures": ATTACHE_MEASURES, "qualifiers": QUALIFIER_WORDS, "palette": OKABE_ITO,
               "sources": live.source_labels(frame["source"])},
        charts={"main": chart})
