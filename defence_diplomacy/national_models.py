"""The four national models compared: instrument lists shaped into a matrix of categories,
similarities between pairs of countries, and the explorer over both.

The notebook ``national-models`` draws from here; ``tests/test_national_models.py`` checks it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker as ticker
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.transforms import blended_transform_factory, offset_copy

from defence_diplomacy._render import fixed_margins, lane_labels, new_figure
from defence_diplomacy.data import country_names as data_country_names
from defence_diplomacy.data import load
from defence_diplomacy.explorer import Message, explore, shown
from defence_diplomacy.style import Chart, source_caption, styled
from defence_diplomacy.vocabulary import FOUR_MODELS, INSTRUMENT_CATEGORIES


def instrument_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """The four numbered instrument lists only: not the UK's 2010 table, not France's phases.

    An item with sub-items (Spain's 3, 'Visits:', with 3.1-3.3) is a heading: its
    sub-items carry the categories, so the heading row is dropped here.
    """
    rows = frame[frame["list"] == "instruments"]
    parents = {(c, i.split(".")[0]) for c, i in zip(rows["country"], rows["item"]) if "." in i}
    heading = [(c, i) in parents for c, i in zip(rows["country"], rows["item"])]
    return rows[[not h for h in heading]]


def instruments_per_country(frame: pd.DataFrame) -> pd.Series:
    """How many instruments each list numbers (top-level items, as the source counts them)."""
    rows = frame[(frame["list"] == "instruments") & ~frame["item"].str.contains(".", regex=False)]
    return rows.groupby("country").size().reindex(FOUR_MODELS)


def instrument_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories x countries: how many of each list's instruments fall in each category.

    Rows run from the categories all four share to those only one uses. The last frame's matrix
    is kept (a copy is returned): the explorer asks for it three times per change, and the
    crosstab was a third of each redraw.
    """
    if _last_matrix.get("frame") is not frame:
        rows = instrument_lists(frame)
        matrix = pd.crosstab(rows["category"], rows["country"]).reindex(columns=FOUR_MODELS, fill_value=0)
        users = (matrix > 0).sum(axis=1)
        order = sorted(matrix.index, key=lambda c: (-users[c], list(INSTRUMENT_CATEGORIES).index(c)))
        _last_matrix.update(frame=frame, matrix=matrix.loc[order])
    return _last_matrix["matrix"].copy()


_last_matrix: dict = {}


def model_similarity(frame: pd.DataFrame) -> pd.DataFrame:
    """Jaccard similarity of the countries' category sets: shared / used by either."""
    present = instrument_matrix(frame) > 0
    values = {a: {b: (present[a] & present[b]).sum() / (present[a] | present[b]).sum() for b in FOUR_MODELS}
              for a in FOUR_MODELS}
    return pd.DataFrame(values).loc[FOUR_MODELS, FOUR_MODELS]


def model_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Every pair of countries with its shared and combined categories and their Jaccard score."""
    present = instrument_matrix(frame) > 0
    rows = []
    for i, a in enumerate(FOUR_MODELS):
        for b in FOUR_MODELS[i + 1:]:
            shared, either = int((present[a] & present[b]).sum()), int((present[a] | present[b]).sum())
            rows.append({"first": a, "second": b, "shared": shared, "either": either, "jaccard": shared / either})
    return pd.DataFrame(rows).sort_values("jaccard", ascending=False, kind="stable").reset_index(drop=True)


@styled
def instrument_matrix_chart(frame: pd.DataFrame, country_names: dict[str, str],
                            categories: list[str] | None = None) -> Chart:
    """A grid: one row per category, one column per country, the number of instruments in each cell."""
    matrix = instrument_matrix(frame)
    if categories is not None:
        matrix = matrix.loc[[c for c in matrix.index if c in set(categories)]]
    values = matrix.to_numpy()
    height = 0.3 * len(matrix) + 1.6
    fig, ax = new_figure((6.5, height))  # a fixed layout keeps widget redraws fast
    # The shaded cells as one collection of squares: an image would be resampled and
    # encoded as a PNG inside every SVG an explorer sends.
    rows, columns = values.shape
    filled = [(r, c) for r in range(rows) for c in range(columns) if values[r, c] > 0]
    ax.add_collection(PolyCollection(
        [[(c - 0.5, r - 0.5), (c + 0.5, r - 0.5), (c + 0.5, r + 0.5), (c - 0.5, r + 0.5)] for r, c in filled],
        facecolors="#9ecae1", edgecolors="none"), autolim=False)
    ax.set_xlim(-0.5, columns - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)  # the first category at the top, as in a table
    for r, c in filled:
        ax.text(c, r, str(values[r, c]), ha="center", va="center", fontsize=9)
    names = [country_names[c] for c in FOUR_MODELS]
    # Column and row names as plain text, cell borders as two sets of lines: the grid's
    # thirty-odd ticks cost more to draw than everything else in it.
    above = offset_copy(blended_transform_factory(ax.transData, ax.transAxes), fig, y=3.5, units="points")
    for column, name in enumerate(names):
        ax.text(column, 1, name.replace(" ", "\n", 1), transform=above, ha="center", va="bottom",
                fontsize=matplotlib.rcParams["xtick.labelsize"])
    users = (matrix > 0).sum(axis=1)
    for row, count in enumerate(users):
        ax.text(len(names) - 0.35, row, f"{count} of {len(names)}", va="center", fontsize=9, color="#444444")
    ax.text(len(names) - 0.35, -0.75, "lists\nusing it", va="bottom", fontsize=9, color="#444444")
    lane_labels(ax, range(len(matrix)), [INSTRUMENT_CATEGORIES[c] for c in matrix.index])
    ax.xaxis.set_major_locator(ticker.NullLocator())
    ax.vlines([x - 0.5 for x in range(1, len(names))], -0.5, len(matrix) - 0.5, color="#cccccc", linewidth=0.6)
    ax.hlines([y - 0.5 for y in range(1, len(matrix))], -0.5, len(names) - 0.5, color="#cccccc", linewidth=0.6)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#cccccc")
    fixed_margins(fig, ax)
    shared = [INSTRUMENT_CATEGORIES[c] for c in matrix.index[users == len(FOUR_MODELS)]]
    single = [INSTRUMENT_CATEGORIES[c] for c in matrix.index[users == 1]]
    counts = "; ".join(f"{n}: {int(matrix[c].sum())}" for n, c in zip(names, FOUR_MODELS))
    alt = (f"Grid of {len(matrix)} instrument categories by four countries; a shaded cell holds the number "
           f"of the country's listed instruments in that category (cells add up to {counts}). "
           f"Used by all four: {', '.join(shared) or 'none'}. Used by one only: {', '.join(single) or 'none'}.")
    caption = source_caption(
        frame, "Instruments of defence diplomacy in the four national lists, by the book's shared categories "
        "(numbers: instruments in the category; blank: none listed; Spain's sub-items 3.1-3.3 counted, "
        "its heading 'Visits' not).")
    return Chart(fig, caption, alt)


@styled
def model_similarity_chart(frame: pd.DataFrame, country_names: dict[str, str]) -> Chart:
    """An annotated 4x4 heatmap of the Jaccard similarity of the countries' category sets."""
    similarity = model_similarity(frame)
    names = [country_names[c] for c in FOUR_MODELS]
    fig, ax = plt.subplots(figsize=(6.5, 4.5), layout="constrained")
    values = similarity.to_numpy().copy()
    values[range(len(names)), range(len(names))] = float("nan")  # a country compared with itself: no colour
    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#eeeeee")
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=1)
    for row in range(len(names)):
        for column in range(len(names)):
            text = "—" if row == column else f"{similarity.iat[row, column]:.2f}"
            ax.text(column, row, text, ha="center", va="center", fontsize=11)
    ax.set_xticks(range(len(names)), [n.replace(" ", "\n", 1) for n in names])
    ax.set_yticks(range(len(names)), names)
    ax.tick_params(length=0)
    ax.set_title("How far the instrument lists overlap")
    fig.colorbar(image, ax=ax, label="Jaccard similarity: 0 none shared, 1 the same", shrink=0.85)
    pairs = model_pairs(frame)
    best, worst = pairs.iloc[0], pairs.iloc[-1]
    described = "; ".join(f"{country_names[p.first]} and {country_names[p.second]}: {p.jaccard:.2f}"
                          for p in pairs.itertuples())
    alt = (f"Heatmap of the Jaccard similarity between the instrument categories of four countries. "
           f"Most similar: {country_names[best.first]} and {country_names[best.second]} ({best.jaccard:.2f}); "
           f"least similar: {country_names[worst.first]} and {country_names[worst.second]} ({worst.jaccard:.2f}). "
           f"All pairs: {described}.")
    caption = source_caption(
        frame, "How far the four instrument lists overlap: categories shared by two countries divided by "
        "the categories either uses (Jaccard similarity; categories are the book's mapping of the source's wording).")
    return Chart(fig, caption, alt)

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
    present = set(instrument_matrix(frame).index)
    kept = tuple(c for c in categories if c in present)
    if not kept:
        return Message("None of the four instrument lists uses the chosen categories "
                       "(they come from the UK's 2010 table or France's phases). Choose others.")
    missing = [INSTRUMENT_CATEGORIES[c] for c in categories if c not in present]
    note = f"Not in any of the four instrument lists: {', '.join(missing)}." if missing else ""
    return InstrumentMatrixView(kept, note)


def plan_model_pair(frame: pd.DataFrame, country_names: dict[str, str], first: str, second: str) -> ModelPairView | Message:
    """The categories two countries share and those only one lists, with the source's wording."""
    if first not in FOUR_MODELS or second not in FOUR_MODELS:
        return Message("Choose two of the four countries Drab compares: "
                       + ", ".join(country_names[c] for c in FOUR_MODELS) + ".")
    if first == second:
        return Message(f"{country_names[first]} is chosen twice: choose two different countries to compare.")
    rows = instrument_lists(frame)
    wording = rows.groupby(["country", "category"], sort=False)["wording"].agg(" / ".join)
    present = instrument_matrix(frame) > 0
    table = []
    for category in present.index:
        a, b = present.at[category, first], present.at[category, second]
        if not (a or b):
            continue
        where = "both" if a and b else f"only {country_names[first if a else second]}"
        table.append({"category": INSTRUMENT_CATEGORIES[category], "listed by": where,
                      country_names[first]: wording.get((first, category), ""),
                      country_names[second]: wording.get((second, category), "")})
    table = pd.DataFrame(table)
    shared = int((table["listed by"] == "both").sum())
    summary = (f"{country_names[first]} and {country_names[second]} share {shared} of the {len(table)} categories "
               f"either lists (Jaccard similarity {shared / len(table):.2f}).")
    order = {"both": 0, f"only {country_names[first]}": 1, f"only {country_names[second]}": 2}
    table = table.sort_values("listed by", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return ModelPairView(table, summary)

@dataclass(frozen=True)
class NationalModelsView:
    """The explorer's two questions: which categories the matrix shows, and which two countries to compare."""

    matrix: InstrumentMatrixView | Message
    pair: ModelPairView | Message


def plan_national_models(frame: pd.DataFrame, country_names: dict[str, str], categories: tuple[str, ...],
                         first: str, second: str) -> NationalModelsView:
    return NationalModelsView(plan_instrument_matrix(frame, categories),
                              plan_model_pair(frame, country_names, first, second))


def draw_national_models(view: NationalModelsView, frame: pd.DataFrame, country_names: dict[str, str]) -> tuple:
    """The matrix (or why there is none), then the pair's summary and table (or why there is none)."""
    matrix = shown(view.matrix, lambda m: instrument_matrix_chart(frame, country_names, list(m.categories)))
    pair = shown(view.pair, lambda p: (Message(p.summary), p.rows))
    return (*matrix, *pair)


def _controls(frame: pd.DataFrame, country_names: dict[str, str]) -> dict[str, widgets.ValueWidget]:
    """The explorer's controls; the live explorer on the book's site reads the same ones."""
    present = list(instrument_matrix(frame).index)
    category_picker = widgets.SelectMultiple(
        options=[(INSTRUMENT_CATEGORIES[c], c) for c in present], value=tuple(present),
        rows=len(present), description="Categories", layout=widgets.Layout(width="330px"))
    countries = [(country_names[c], c) for c in FOUR_MODELS]
    first_picker = widgets.Dropdown(options=countries, value="USA", description="Compare")
    second_picker = widgets.Dropdown(options=countries, value="ESP", description="with")
    return {"categories": category_picker, "first": first_picker, "second": second_picker}


def explorer() -> widgets.VBox:
    """Choose categories for the matrix, and two countries to compare item by item."""
    frame, country_names = load("national_instruments"), data_country_names()
    return explore(_controls(frame, country_names),
                   plan=functools.partial(plan_national_models, frame, country_names),
                   draw=functools.partial(draw_national_models, frame=frame, country_names=country_names), wrap=True)


def live_spec() -> dict:
    """The explorer for the book's site: the matrix from the same shaping functions, in Vega-Lite,
    and the pair's table from the same instrument lists."""
    from defence_diplomacy import live

    frame = load("national_instruments")
    country_names = data_country_names()
    matrix = instrument_matrix(frame)
    wording = instrument_lists(frame).groupby(["country", "category"], sort=False)["wording"].agg(" / ".join)
    x = {"field": "column", "type": "nominal", "title": None,
         "scale": {"domain": [*(country_names[c] for c in FOUR_MODELS), "lists using it"], "paddingInner": 0},
         "axis": {"orient": "top", "labelAngle": 0, "ticks": False, "domain": False, "labelLimit": 110, "labelFontSize": 11}}
    y = {"field": "category", "type": "nominal", "sort": {"field": "order"}, "title": None,
         "axis": {"ticks": False, "domain": False, "labelLimit": 230}}
    cells = {"transform": [{"filter": "datum.column !== 'lists using it'"}],
             "mark": {"type": "rect", "stroke": "#cccccc", "strokeWidth": 0.6},
             "encoding": {"x": x, "y": y, "fill": {"field": "shaded", "type": "nominal", "legend": None,
                                                    "scale": {"domain": [False, True], "range": ["#ffffff", "#9ecae1"]}}}}
    numbers = {"mark": {"type": "text", "fontSize": 12, "color": "#222"},
               "encoding": {"x": x, "y": y, "text": {"field": "text"}}}
    chart = live.chart([cells, numbers], {"title": "Instruments of defence diplomacy by category"},
                       height=22 * len(matrix), width=430, data={"name": "cells"})
    return live.spec(
        "national_models", _controls(frame, country_names),
        data={"matrix": [{"category": c, **{k: int(v) for k, v in matrix.loc[c].items()}} for c in matrix.index],
              "wording": [{"country": c, "category": k, "wording": w} for (c, k), w in wording.items()]},
        words={"countries": {c: country_names[c] for c in FOUR_MODELS}, "models": list(FOUR_MODELS),
               "categories": INSTRUMENT_CATEGORIES,
               "matrixCaption": instrument_matrix_chart(frame, country_names).caption},
        charts={"matrix": chart})
