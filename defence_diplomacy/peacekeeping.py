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

from defence_diplomacy._render import fixed_margins, legend_as_text, new_figure, plot_line, ticks_as_text
from defence_diplomacy.data import country_names as data_country_names
from defence_diplomacy.data import format_year, load
from defence_diplomacy.explorer import Message, backwards, country_list, explore
from defence_diplomacy.style import (
    Chart, OKABE_ITO, as_floats, ends_and_peak, line_styles, peak_point, plural, source_caption,
    styled, with_commas, year_axis, year_span, yearly_values,
)
from defence_diplomacy.vocabulary import FOUR_MODELS

#: Personnel types in the peacekeeping tables, as the charts name them.
PEACEKEEPING_TYPES = {
    "troops": "troops",
    "police": "police",
    "experts": "experts on mission",
    "staff_officers": "staff officers",
    "total": "all uniformed personnel",
}

#: The parts of a total, in the order the charts stack them, and their colours.
PARTS = ("troops", "police", "experts", "staff_officers")
PART_COLOURS = (OKABE_ITO[4], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[6])
#: The world series counts staff officers among its experts, so it has three parts.
WORLD_PARTS = PARTS[:3]

#: Where the world-totals series comes from: the UN's figures via OWID, then the UN's own monthly reports;
#: IPI is drawn for comparison.
UN_TOTALS, UN_REPORTS, IPI = "owid_un_peacekeeping", "un_contributions_monthly", "ipi_peacekeeping"

#: The year neither by-country producer covers: IPI's files end in March 2014, the UN's reports begin in January 2015.
GAP_YEAR = 2014
#: The UN's reports count staff officers on their own from May 2017; the first December with them.
STAFF_OFFICERS_FROM = 2017


def _by_country_words(rows: pd.DataFrame, personnel: str, start: int, end: int) -> str:
    """The caption's account of the series: its producers, its gap, its last month."""
    label = PEACEKEEPING_TYPES[personnel]
    latest = max(rows["date"])
    what = f"UN peacekeeping, {label} contributed in December of each year {year_span(start, end)}"
    if end >= int(latest[:4]) and not latest.endswith("-12-31"):
        what += f" ({latest[:4]}: {pd.Timestamp(latest):%B}, the latest report)"
    what += (". IPI's figures to 2013, the UN's monthly reports from 2015. A break in a line is a year with no "
             "figure" + (f": neither producer covers December {GAP_YEAR} (grey band), a gap, not a zero." if
                         start <= GAP_YEAR <= end else "."))
    if personnel != "total" and start < STAFF_OFFICERS_FROM:
        what += f" The UN counts staff officers on their own only from May {STAFF_OFFICERS_FROM}; before, they are inside another category."
    return what


def un_world_series(totals: pd.DataFrame) -> pd.DataFrame:
    """The UN's world totals, one row a year: via OWID until the UN's own monthly reports begin, then those.

    The two agree in every component for every December both cover (2015-2021), so this is one
    producer's series in two copies, not two editions joined.
    """
    reports = totals[totals["source"] == UN_REPORTS]
    owid = totals[(totals["source"] == UN_TOTALS) & (totals["year"] < reports["year"].min())]
    return pd.concat([owid, reports]).sort_values("year")


def producer_differences(totals: pd.DataFrame) -> pd.DataFrame:
    """Years both producers cover, with both totals and the difference (UN minus IPI)."""
    un = un_world_series(totals).set_index("year")["total"]
    ipi = totals[totals["source"] == IPI].set_index("year")["total"]
    both = pd.DataFrame({"un": un, "ipi": ipi}).dropna().astype(int)
    both["difference"] = both["un"] - both["ipi"]
    return both


@styled
def peacekeeping_world(totals: pd.DataFrame) -> Chart:
    """World totals since 1947: the UN line, its split by type from 1992, IPI's points."""
    un = un_world_series(totals)
    ipi = totals[totals["source"] == IPI].sort_values("year")
    first_report = int(un.loc[un["source"] == UN_REPORTS, "year"].min())
    last_report = un.iloc[-1]
    split = un.dropna(subset=list(WORLD_PARTS))
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    ax.stackplot(split["year"].astype(int), *(as_floats(split[kind]) for kind in WORLD_PARTS),
                 colors=list(PART_COLOURS[:3]), alpha=0.55,
                 labels=[f"of which {PEACEKEEPING_TYPES[k]}" for k in WORLD_PARTS])
    ax.plot(un["year"].astype(int), as_floats(un["total"]), color="black", linewidth=2,
            label="Total (UN)")
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
    ax.set_ylabel(f"Uniformed personnel, December ({int(last_report['year'])}: {pd.Timestamp(last_report['date']):%B})")
    ax.set_title(f"UN peacekeepers deployed, {format_year(years.min())}-{format_year(years.max())}")
    ax.legend(loc="upper left")
    differences = producer_differences(totals)
    differing = differences[differences["difference"] != 0]
    widest = differing["difference"].abs().idxmax()
    latest = differing.index.max()
    caption = source_caption(pd.concat([un, ipi]), (
        f"UN uniformed peacekeepers in December of each year ({int(last_report['year'])}: "
        f"{pd.Timestamp(last_report['date']):%B}, the latest report). Black line: the UN's world total, via Our World "
        f"in Data to {first_report - 1} (before 1992 the Global Policy Forum's figures; 1998 is November) and from "
        f"the UN's own monthly reports from {first_report} (the two agree in every component for 2015-2021); "
        f"shaded: its split into troops, police and experts (military observers and staff officers), available "
        f"from {first_split} only. Open circles: IPI's December totals "
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
                            years: tuple[int, int] = (1990, 2025), order: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """One line per country, December values; a year with no figure breaks the line, and the 2014 gap is shaded.

    Countries listed in ``order`` come first, in that order.
    """
    start, end = years
    present = set(rows["country"])
    countries = [c for c in order if c in present] + sorted(present - set(order))
    label = PEACEKEEPING_TYPES[personnel]
    fig, ax = new_figure((8, 4.5))
    described = []
    top = 0.0
    axis_years = list(range(start, end + 1))
    by_country = yearly_values(rows, "country", personnel, axis_years)
    for country, (colour, dash) in zip(countries, line_styles(len(countries))):
        own = by_country[country]
        plot_line(ax, axis_years, own, color=colour, linestyle=dash, marker="o", markersize=3,
                  label=country_names[country], autolim=False)  # both limits are set below
        top = max([top, *(value for value in own if value == value)])  # NaN is no figure; pandas' max cost more
        described.append(f"{country_names[country]}: {ends_and_peak(axis_years, own)}")
    gap_shown = start <= GAP_YEAR <= end
    if gap_shown:
        ax.axvspan(GAP_YEAR - 0.5, GAP_YEAR + 0.5, color="0.92", zorder=0)
    ax.set_xlim(start - 0.5, end + 0.5)
    ax.set_ylim(0, max(top, 1) * 1.12)
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{int(v):,}"))
    year_axis(ax)
    ax.set_ylabel(f"{label.capitalize()}, December")
    ax.set_title(f"UN peacekeeping: {label} by country")
    legend_as_text(ax, loc="upper left", anchor=(1.01, 1))
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    caption = source_caption(rows, _by_country_words(rows, personnel, start, end))
    alt = (f"Line chart of {label} in UN peacekeeping by country, December {year_span(start, end)}, "
           f"{plural(len(countries), 'country')}: " + "; ".join(described) + ".")
    if gap_shown:
        alt += f" {GAP_YEAR} has no figure and is shaded as a gap."
    return Chart(fig, caption, alt)


def peacekeeping_mix(rows: pd.DataFrame) -> pd.DataFrame:
    """Per country: shares of troops, police, experts and staff officers in the sum of its December figures.

    A type with no figure in a month counts as none, as the producers' own totals do. Also the
    average December total over the years the rows cover. Largest average first.
    """
    sums = rows.groupby("country")[list(PARTS)].sum().astype(float)
    mix = sums.div(sums.sum(axis=1), axis=0).mul(100)
    mix["average_total"] = rows.groupby("country")["total"].mean().astype(float)
    return mix.sort_values("average_total", ascending=False)



@styled
def peacekeeping_composition(rows: pd.DataFrame, country_names: dict[str, str],
                             highlight: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """100% bars: what each country sent, troops, police, experts or staff officers; the average size beside."""
    mix = peacekeeping_mix(rows).iloc[::-1]  # largest on top
    first, last = int(rows["year"].min()), int(rows["year"].max())
    labels = [country_names[c] for c in mix.index]
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(mix) + 1.6), layout="constrained")
    left = pd.Series(0.0, index=mix.index)
    for kind, colour in zip(PARTS, PART_COLOURS):
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
    ax.set_title("Who sends what: troops, police, experts and staff officers")
    fig.legend(loc="outside lower center", ncol=4)
    decembers = rows.groupby("country")["year"].nunique()
    full = rows["year"].nunique()
    partial = "; ".join(f"{country_names[c]} {n} of {full}" for c, n in decembers.items() if n < full)
    caption = source_caption(rows, (
        f"Shares of troops, police, experts on mission and staff officers in the sum of each country's December "
        f"figures {first}-{last} ({full} Decembers; {GAP_YEAR} has no figure), and beside each bar the average "
        "December total over the Decembers with a figure" + (f" ({partial})" if partial else "") + ". A type with "
        "no figure in a month counts as none, as the producers' own totals do. Staff officers are counted on their "
        f"own only from May {STAFF_OFFICERS_FROM}; before, they are inside another category. Names in bold: the "
        "book's four national models."))
    top = mix.iloc[::-1]
    alt = (f"Stacked horizontal bar chart of {len(mix)} countries' UN peacekeeping contributions {first}-{last}, "
           "by share of troops, police, experts and staff officers: " + "; ".join(
               f"{country_names[c]} {r.troops:.0f}% troops, {r.police:.0f}% police, {r.experts:.0f}% experts, "
               f"{r.staff_officers:.0f}% staff officers, average {with_commas(round(r.average_total))}"
               for c, r in top.iterrows()) + ".")
    return Chart(fig, caption, alt)

@dataclass(frozen=True)
class PeacekeepingView:
    """What the peacekeeping explorer draws: rows of the by-country table."""

    rows: pd.DataFrame
    personnel: str
    years: tuple[int, int]
    countries: tuple[str, ...]
    note: str = ""


def plan_peacekeeping_view(contributions: pd.DataFrame, country_names: dict[str, str],
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
    if end < first or start > last:
        return Message(f"The book's by-country UN series runs from December {first} to {last}; "
                       f"{start}-{end} lies outside it. Choose years in that span.")
    if start == end == GAP_YEAR:
        return Message(f"{GAP_YEAR} is a gap: IPI's by-country series ends in March {GAP_YEAR} and the UN's "
                       f"monthly reports in this book begin in January {GAP_YEAR + 1}. Choose more years.")
    rows = contributions[contributions["country"].isin(countries) & contributions["year"].between(start, end)
                         & contributions[personnel].notna()]
    if rows.empty:
        return Message(f"No {label} figure for {country_list(countries, country_names)} in December "
                       f"{max(start, first)}-{min(end, last)}. Choose another type, more years or more countries.")
    notes = []
    reported = set(rows["country"].unique())  # once: a set of a column is a slow walk through its values
    without = [c for c in countries if c not in reported]
    if without:
        notes.append(f"No {label} figure in {max(start, first)}-{min(end, last)} for: "
                     f"{country_list(without, country_names)}.")
    if start < first:
        notes.append(f"The by-country series starts in {first}.")
    if end > last:
        notes.append(f"The by-country series ends in {last}.")
    if personnel == "staff_officers" and start < STAFF_OFFICERS_FROM:
        notes.append(f"The UN counts staff officers on their own only from May {STAFF_OFFICERS_FROM}.")
    return PeacekeepingView(rows, personnel, (max(start, first), min(end, last)), tuple(countries), " ".join(notes))


def _controls(contributions: pd.DataFrame, country_names: dict[str, str]) -> dict[str, widgets.ValueWidget]:
    """The explorer's controls; the live explorer on the book's site reads the same ones."""
    present = set(contributions["country"])
    ordered = list(FOUR_MODELS) + sorted(present - set(FOUR_MODELS), key=country_names.get)
    first, last = int(contributions["year"].min()), int(contributions["year"].max())
    country_picker = widgets.SelectMultiple(
        options=[(country_names[c], c) for c in ordered], value=FOUR_MODELS,
        description="Countries", rows=10)
    personnel_picker = widgets.Dropdown(
        options=[(label, key) for key, label in PEACEKEEPING_TYPES.items()], value="total",
        description="Personnel")
    year_picker = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description="Years")
    return {"countries": country_picker, "personnel": personnel_picker, "years": year_picker}


def explorer() -> widgets.VBox:
    """Pick countries, a personnel type and years; see their UN contributions."""
    contributions = load("peacekeeping_contributions")
    country_names = data_country_names()
    return explore(_controls(contributions, country_names),
                   plan=functools.partial(plan_peacekeeping_view, contributions, country_names),
                   draw=lambda view: peacekeeping_by_country(view.rows, country_names, view.personnel, view.years,
                                                             order=view.countries), wrap=True)


def live_spec() -> dict:
    """The explorer for the book's site: the same controls and rows, the by-country chart in Vega-Lite."""
    from defence_diplomacy import live

    contributions = load("peacekeeping_contributions")
    country_names = data_country_names()
    first, last = int(contributions["year"].min()), int(contributions["year"].max())
    line = live.country_lines(point_size=20)
    band = {"data": {"name": "band"}, "mark": {"type": "rect", "color": "#ebebeb"},
            "encoding": {"x": {"field": "x1", "type": "quantitative"}, "x2": {"field": "x2"}}}
    chart = live.chart(
        [band, line],
        {"title": "UN peacekeeping: all uniformed personnel by country", "names": list(FOUR_MODELS),
         "xdomain": [first - 0.5, last + 0.5], "ydomain": [0, 1], "ytitle": "All uniformed personnel, December"},
        height=320,
        encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
                        "axis": {"format": "d", "title": None, "tickMinStep": 1}},
                  "y": {"scale": {"domain": {"expr": "ydomain"}, "nice": False},
                        "axis": {"title": {"expr": "ytitle"}, "format": ",d"}}},
        resolve={"scale": {"color": "shared"}})
    return live.spec(
        "peacekeeping", _controls(contributions, country_names),
        data={"contributions": live.records(contributions, ["country", "year", "date", *PARTS, "total", "source"])},
        words={"countries": {c: country_names[c] for c in sorted(set(contributions["country"]))},
               "types": PEACEKEEPING_TYPES, "gapYear": GAP_YEAR, "staffOfficersFrom": STAFF_OFFICERS_FROM,
               "sources": live.source_labels(contributions["source"])},
        charts={"main": chart})
