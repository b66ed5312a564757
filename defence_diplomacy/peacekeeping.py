"""UN peacekeeping: world totals over time, contributions by country, the mix of personnel
types, and the explorer over the by-country series.

The notebook ``peacekeeping`` draws from here; ``tests/test_peacekeeping.py`` checks it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import matplotlib.ticker as ticker
import pandas as pd

from defence_diplomacy._render import fixed_margins, ticks_as_text
from defence_diplomacy.data import country_names as data_country_names
from defence_diplomacy.data import format_year, load
from defence_diplomacy.explorer import Message, backwards, country_list, explore
from defence_diplomacy.style import (
    Chart, OKABE_ITO, as_floats, ends_and_peak, line_styles, peak_point, plural, source_caption,
    styled, with_commas, year_axis, year_span,
)
from defence_diplomacy.vocabulary import FOUR_MODELS

#: Personnel types in the peacekeeping tables, as the charts name them.
PEACEKEEPING_TYPES = {
    "troops": "troops",
    "police": "police",
    "experts": "experts on mission",
    "total": "all uniformed personnel",
}

#: Where the world-totals series comes from; the other producer is drawn for comparison.
UN_TOTALS, IPI = "owid_un_peacekeeping", "ipi_peacekeeping"

#: The last December of the by-country series (IPI's per-country files end in March 2014).
BY_COUNTRY_LAST_YEAR = 2013

#: Where the one-month snapshot of 31 January 2021 sits on a December-based year axis.
SNAPSHOT_X = 2020 + 1 / 12


def producer_differences(totals: pd.DataFrame) -> pd.DataFrame:
    """Years both producers cover, with both totals and the difference (UN minus IPI)."""
    un = totals[totals["source"] == UN_TOTALS].set_index("year")["total"]
    ipi = totals[totals["source"] == IPI].set_index("year")["total"]
    both = pd.DataFrame({"un": un, "ipi": ipi}).dropna().astype(int)
    both["difference"] = both["un"] - both["ipi"]
    return both


@styled
def peacekeeping_world(totals: pd.DataFrame) -> Chart:
    """World totals since 1947: the UN line, its split by type from 1992, IPI's points."""
    un = totals[totals["source"] == UN_TOTALS].sort_values("year")
    ipi = totals[totals["source"] == IPI].sort_values("year")
    split = un.dropna(subset=["troops", "police", "experts"])
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    ax.stackplot(split["year"].astype(int), *(as_floats(split[kind]) for kind in ("troops", "police", "experts")),
                 colors=[OKABE_ITO[4], OKABE_ITO[1], OKABE_ITO[2]], alpha=0.55,
                 labels=[f"of which {PEACEKEEPING_TYPES[k]}" for k in ("troops", "police", "experts")])
    ax.plot(un["year"].astype(int), as_floats(un["total"]), color="black", linewidth=2,
            label="Total (UN Peacekeeping via OWID)")
    ax.plot(ipi["year"].astype(int), as_floats(ipi["total"]), linestyle="none", marker="o", markersize=4,
            markerfacecolor="white", markeredgecolor=OKABE_ITO[3], label="Total (IPI), for comparison")
    years, values = un["year"].astype(int).to_numpy(), as_floats(un["total"])
    peak_year, peak = peak_point(years, values)
    ax.annotate(f"{with_commas(peak)} ({peak_year})", xy=(peak_year, peak), xytext=(-8, 6),
                textcoords="offset points", ha="right")
    first_split = int(split["year"].min())
    ax.text(1948, peak * 0.55, f"Before {first_split}: total only;\nno split by type", fontsize=9, color="0.3")
    ax.set_ylim(0, peak * 1.12)
    ax.set_xlim(years.min() - 1, years.max() + 1)
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{int(v):,}"))
    year_axis(ax)
    ax.set_ylabel("Uniformed personnel, December")
    ax.set_title(f"UN peacekeepers deployed, {format_year(years.min())}-{format_year(years.max())}")
    ax.legend(loc="upper left")
    differences = producer_differences(totals)
    differing = differences[differences["difference"] != 0]
    widest = differing["difference"].abs().idxmax()
    latest = differing.index.max()
    caption = source_caption(totals, (
        f"UN uniformed peacekeepers in December of each year. Black line: the UN's world total via Our World "
        f"in Data, the one series covering {format_year(years.min())}-{format_year(years.max())} (before 1992 "
        f"the Global Policy Forum's figures; 1998 is November); shaded: its split into troops, police and "
        f"experts, available from {first_split} only. Open circles: IPI's December totals "
        f"{differences.index.min()}-{totals.loc[totals['source'] == IPI, 'year'].max()}, for comparison. "
        f"The two differ in {len(differing)} of {len(differences)} shared years, most in {widest} "
        f"({with_commas(differences.loc[widest, 'un'])} against {with_commas(differences.loc[widest, 'ipi'])}) and "
        f"last in {latest} ({with_commas(differences.loc[latest, 'un'])} against "
        f"{with_commas(differences.loc[latest, 'ipi'])}, too small to see)."))
    far = [int(y) for y, row in differences.iterrows() if abs(row["difference"]) > 0.05 * row["un"]]
    early = un[un["year"] < 2000]
    early_year, early_peak = peak_point(early["year"].astype(int), as_floats(early["total"]))
    after = un[(un["year"] > early_year) & (un["year"] < peak_year)]
    low_year, low = min(zip(as_floats(after["total"]), after["year"].astype(int)), key=lambda pair: pair[0])[::-1]
    alt = (f"Line chart of UN uniformed peacekeepers in December of each year, {years.min()}-{years.max()}: "
           f"{with_commas(values[0])} in {years.min()}; a peak of {with_commas(early_peak)} in {early_year}; "
           f"a low of {with_commas(low)} in {low_year}; the highest, {with_commas(peak)}, in {peak_year}; "
           f"{with_commas(values[-1])} in {years.max()}. From {first_split} the area under the line is split into "
           f"troops, police and experts. Open circles show IPI's totals, which lie on or near the line"
           + (f" except in {' and '.join(map(str, far))} (more than 5 per cent apart)." if far else "."))
    return Chart(fig, caption, alt)


@styled
def peacekeeping_by_country(rows: pd.DataFrame, country_names: dict[str, str], personnel: str = "total",
                            years: tuple[int, int] = (1990, 2021),
                            snapshot: pd.DataFrame | None = None, order: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """One line per country, December values; the years with no series shaded as a gap.

    ``snapshot`` (31 January 2021, totals only) is drawn as separate diamonds, never
    joined to the lines. Countries listed in ``order`` come first, in that order.
    """
    start, end = years
    present = set(rows["country"])
    countries = [c for c in order if c in present] + sorted(present - set(order))
    label = PEACEKEEPING_TYPES[personnel]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    described = []
    top = 0.0
    series_end = min(end, BY_COUNTRY_LAST_YEAR)
    axis_years = list(range(start, series_end + 1))
    wide = (rows.pivot(index="year", columns="country", values=personnel).astype("Float64")
            .reindex(axis_years).astype(float))  # a missing December becomes NaN: a break in the line
    for country, (colour, dash) in zip(countries, line_styles(len(countries))):
        own = wide[country]
        ax.plot(axis_years, own.to_numpy(), color=colour, linestyle=dash, marker="o", markersize=3,
                label=country_names[country])
        top = max(top, own.max())
        described.append(f"{country_names[country]}: {ends_and_peak(axis_years, own.to_numpy())}")
        if snapshot is not None and country in set(snapshot["country"]):
            value = snapshot.loc[snapshot["country"] == country, "total"].iloc[0]
            ax.plot([SNAPSHOT_X], [value], linestyle="none", marker="D", markersize=6, color=colour,
                    markeredgecolor="black")
            top = max(top, value)
    if end > BY_COUNTRY_LAST_YEAR:
        ax.axvspan(max(start, BY_COUNTRY_LAST_YEAR) + 0.25, end + 0.5, color="0.92", zorder=0)
        ax.text((max(start, BY_COUNTRY_LAST_YEAR) + end) / 2 + 0.4, top * 1.08,
                "no by-country series\nafter March 2014", ha="center", va="top", fontsize=9, color="0.3")
    shown_snapshot = snapshot is not None and not snapshot.empty
    if shown_snapshot:
        ax.plot([], [], linestyle="none", marker="D", color="white", markeredgecolor="black",
                label="31 Jan 2021 only\n(one month)")
        ax.annotate("Jan\n2021", xy=(SNAPSHOT_X, snapshot["total"].max()), xytext=(0, 8),
                    textcoords="offset points", ha="center", va="bottom", fontsize=9)
    ax.set_xlim(start - 0.5, end + 0.5)
    # The two-line "Jan 2021" label needs more headroom when its diamonds are the highest point.
    snapshot_on_top = shown_snapshot and snapshot["total"].max() >= 0.85 * top
    ax.set_ylim(0, max(top, 1) * (1.3 if snapshot_on_top else 1.12))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{int(v):,}"))
    year_axis(ax)
    ax.set_ylabel(f"{label.capitalize()}, December")
    ax.set_title(f"UN peacekeeping: {label} by country")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    frames = [rows, snapshot] if shown_snapshot else [rows]
    what = (f"UN peacekeeping, {label} contributed in December of each year {year_span(start, series_end)} (IPI). "
            "A break in a line is a year with no figure from IPI.")
    if end > BY_COUNTRY_LAST_YEAR:
        what += (f" The grey band ({year_span(BY_COUNTRY_LAST_YEAR + 1, end)}) is a gap, not a zero: the book has no "
                 "by-country series after March 2014.")
    if shown_snapshot:
        what += (" Diamonds: all uniformed personnel on 31 January 2021 from the UN's contribution ranks, "
                 "one month only, not joined to the lines.")
    caption = source_caption(pd.concat(frames), what)
    alt = (f"Line chart of {label} in UN peacekeeping by country, December {year_span(start, series_end)}, "
           f"{plural(len(countries), 'country')}: " + "; ".join(described) + ".")
    if end > BY_COUNTRY_LAST_YEAR:
        alt += f" After {BY_COUNTRY_LAST_YEAR}, to {end}, the chart is shaded as a gap."
    if shown_snapshot:
        listed = snapshot.set_index("country")["total"]
        alt += " Separate diamonds for 31 January 2021: " + "; ".join(
            f"{country_names[c]} {with_commas(listed[c])}" for c in countries if c in listed.index) + "."
    return Chart(fig, caption, alt)


def peacekeeping_mix(rows: pd.DataFrame) -> pd.DataFrame:
    """Per country: shares of troops, police and experts in the sum of its December figures.

    A type with no figure in a month counts as none, as IPI's own totals do. Also the
    average December total over the years the rows cover. Largest average first.
    """
    sums = rows.groupby("country")[["troops", "police", "experts"]].sum().astype(float)
    mix = sums.div(sums.sum(axis=1), axis=0).mul(100)
    mix["average_total"] = rows.groupby("country")["total"].mean().astype(float)
    return mix.sort_values("average_total", ascending=False)


@styled
def peacekeeping_composition(rows: pd.DataFrame, country_names: dict[str, str],
                             highlight: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """100% bars: what each country sent, troops, police or experts; the average size beside."""
    mix = peacekeeping_mix(rows).iloc[::-1]  # largest on top
    first, last = int(rows["year"].min()), int(rows["year"].max())
    labels = [country_names[c] for c in mix.index]
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(mix) + 1.6), layout="constrained")
    left = pd.Series(0.0, index=mix.index)
    for kind, colour in zip(("troops", "police", "experts"), (OKABE_ITO[4], OKABE_ITO[1], OKABE_ITO[2])):
        ax.barh(labels, mix[kind], left=left, color=colour, label=PEACEKEEPING_TYPES[kind])
        left += mix[kind]
    for y, average in enumerate(mix["average_total"]):
        ax.annotate(f"{with_commas(round(average))}", xy=(100, y), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=9)
    ax.annotate("average\nDecember total", xy=(100, len(mix) - 0.4), xytext=(6, 0),
                textcoords="offset points", va="bottom", fontsize=9, color="0.3")
    for tick, country in zip(ax.get_yticklabels(), mix.index):
        if country in highlight:
            tick.set_fontweight("bold")
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"Share of the December figures {first}-{last} (%)")
    ax.set_title("Who sends what: troops, police and experts")
    fig.legend(loc="outside lower center", ncol=3)
    decembers = rows.groupby("country")["year"].nunique()
    full = last - first + 1
    partial = "; ".join(f"{country_names[c]} {n} of {full}" for c, n in decembers.items() if n < full)
    caption = source_caption(rows, (
        f"Shares of troops, police and experts on mission in the sum of each country's December figures "
        f"{first}-{last}, and beside each bar the average December total, over the Decembers with a figure"
        + (f" ({partial})" if partial else "") + ". A type with no figure in a month counts as none, as "
        "IPI's own totals do. Names in bold: the book's four national models."))
    top = mix.iloc[::-1]
    alt = (f"Stacked horizontal bar chart of {len(mix)} countries' UN peacekeeping contributions {first}-{last}, "
           "by share of troops, police and experts: " + "; ".join(
               f"{country_names[c]} {r.troops:.0f}% troops, {r.police:.0f}% police, {r.experts:.0f}% experts, "
               f"average {with_commas(round(r.average_total))}" for c, r in top.iterrows()) + ".")
    return Chart(fig, caption, alt)

@dataclass(frozen=True)
class PeacekeepingView:
    """What the peacekeeping explorer draws: rows of the by-country table, and the snapshot."""

    rows: pd.DataFrame
    personnel: str
    years: tuple[int, int]
    countries: tuple[str, ...]
    snapshot: pd.DataFrame | None = None
    note: str = ""


def _snapshot_words(snapshot: pd.DataFrame, countries: tuple[str, ...], country_names: dict[str, str]) -> str:
    """'On 31 January 2021 ... France 623, Spain 643; not listed: ...' for the chosen countries."""
    listed = snapshot.set_index("country")["total"]
    known = [f"{country_names[c]} {int(listed[c]):,}" for c in countries if c in listed.index]
    absent = [c for c in countries if c not in listed.index]
    words = (f" One month is known: on 31 January 2021 the UN counted {'; '.join(known)} "
             "(all uniformed personnel)." if known else "")
    if absent:
        words += f" Not listed as contributors that month: {country_list(absent, country_names)}."
    return words


def plan_peacekeeping_view(contributions: pd.DataFrame, snapshot: pd.DataFrame, country_names: dict[str, str],
                           countries: tuple[str, ...], personnel: str,
                           years: tuple[int, int]) -> PeacekeepingView | Message:
    """Decide what the peacekeeping explorer shows for countries, a personnel type and years."""
    if not countries:
        return Message("Select at least one country to see its UN peacekeeping contributions.")
    start, end = years
    if start > end:
        return backwards(start, end)
    first, last = int(contributions["year"].min()), int(contributions["year"].max())
    label = PEACEKEEPING_TYPES[personnel]
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
        return Message(f"IPI gives no {label} figure for {country_list(countries, country_names)} in December "
                       f"{max(start, first)}-{min(end, last)}. Choose another type, more years or more countries.")
    notes = []
    without = [c for c in countries if c not in set(rows["country"])]
    if without:
        notes.append(f"No {label} figure in {max(start, first)}-{min(end, last)} for: "
                     f"{country_list(without, country_names)}.")
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


def _controls(contributions: pd.DataFrame, country_names: dict[str, str]) -> dict[str, widgets.ValueWidget]:
    """The explorer's controls; the live explorer on the book's site reads the same ones."""
    present = set(contributions["country"])
    ordered = list(FOUR_MODELS) + sorted(present - set(FOUR_MODELS), key=country_names.get)
    country_picker = widgets.SelectMultiple(
        options=[(country_names[c], c) for c in ordered], value=FOUR_MODELS,
        description="Countries", rows=8)
    personnel_picker = widgets.Dropdown(
        options=[(label, key) for key, label in PEACEKEEPING_TYPES.items()], value="total",
        description="Personnel")
    year_picker = widgets.IntRangeSlider(value=(1990, 2021), min=1990, max=2021, description="Years")
    return {"countries": country_picker, "personnel": personnel_picker, "years": year_picker}


def explorer() -> widgets.VBox:
    """Pick countries, a personnel type and years; see their UN contributions."""
    contributions = load("peacekeeping_contributions")
    snapshot = load("peacekeeping_snapshot_2021")
    country_names = data_country_names()
    return explore(_controls(contributions, country_names),
                   plan=functools.partial(plan_peacekeeping_view, contributions, snapshot, country_names),
                   draw=lambda view: peacekeeping_by_country(view.rows, country_names, view.personnel, view.years,
                                                             view.snapshot, order=view.countries), wrap=True)


def live_spec() -> dict:
    """The explorer for the book's site: the same controls and rows, the by-country chart in Vega-Lite."""
    from defence_diplomacy import live

    contributions = load("peacekeeping_contributions")
    snapshot = load("peacekeeping_snapshot_2021")
    country_names = data_country_names()
    used = set(contributions["country"]) | set(snapshot["country"])
    line = live.country_lines(point_size=20)
    band = {"data": {"name": "band"}, "mark": {"type": "rect", "color": "#ebebeb"},
            "encoding": {"x": {"field": "x1", "type": "quantitative"}, "x2": {"field": "x2"}}}
    band_text = {"data": {"name": "band"}, "mark": {"type": "text", "lineBreak": "\n", "baseline": "top",
                                                     "color": "#4d4d4d", "fontSize": 11, "dy": 4},
                 "encoding": {"x": {"field": "middle", "type": "quantitative"}, "y": {"value": 0},
                              "text": {"value": "no by-country series\nafter March 2014"}}}
    diamonds = {"data": {"name": "snapshot"},
                "mark": {"type": "point", "shape": "diamond", "filled": True, "size": 70, "stroke": "black",
                         "strokeWidth": 1},
                "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "value", "type": "quantitative"},
                             "color": {"field": "name", "type": "nominal"}}}
    diamond_text = {"data": {"name": "snapshotLabel"},
                    "mark": {"type": "text", "lineBreak": "\n", "baseline": "bottom", "dy": -8, "fontSize": 11},
                    "encoding": {"x": {"field": "x", "type": "quantitative"},
                                 "y": {"field": "value", "type": "quantitative"}, "text": {"value": "Jan\n2021"}}}
    chart = live.chart(
        [band, line, diamonds, diamond_text, band_text],
        {"title": "UN peacekeeping: all uniformed personnel by country", "names": list(FOUR_MODELS),
         "xdomain": [1989.5, 2021.5], "ydomain": [0, 1], "ytitle": "All uniformed personnel, December"},
        height=320,
        encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
                        "axis": {"format": "d", "title": None, "tickMinStep": 1}},
                  "y": {"scale": {"domain": {"expr": "ydomain"}, "nice": False},
                        "axis": {"title": {"expr": "ytitle"}, "format": ",d"}}},
        resolve={"scale": {"color": "shared"}})
    return live.spec(
        "peacekeeping", _controls(contributions, country_names),
        data={"contributions": live.records(contributions, ["country", "year", "troops", "police", "experts", "total",
                                                            "source"]),
              "snapshot": live.records(snapshot, ["country", "total", "source"])},
        words={"countries": {c: country_names[c] for c in sorted(used) if c in country_names},
               "types": PEACEKEEPING_TYPES, "lastYear": BY_COUNTRY_LAST_YEAR, "snapshotX": SNAPSHOT_X,
               "sources": live.source_labels([*contributions["source"], *snapshot["source"]])},
        charts={"main": chart})
