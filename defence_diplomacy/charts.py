"""Chart functions: a tidy frame in, a captioned figure with alt text out.

All charts share one style: the Okabe-Ito colour-blind-safe palette, readable
type and a white background, so figures survive dark mode and print. Each
returns a :class:`Chart`, which shows in Jupyter and in the built book as a
``<figure>`` with its alt text and a caption naming its sources.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from functools import wraps

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from defence_diplomacy.data import default_package

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]

BOOK_STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 13,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "font.family": "DejaVu Sans",
}

#: How a qualified count is written next to its bar.
QUALIFIER_WORDS = {"exact": "{:,}", "at_least": "more than {:,}", "approximately": "about {:,}"}


@dataclass
class Chart:
    """A figure with the caption and alt text that every figure in the book carries."""

    figure: Figure
    caption: str
    alt_text: str

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        encoded = base64.b64encode(self.png()).decode("ascii")
        figure_html = (
            '<figure class="book-chart" style="margin:0">'
            f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(self.alt_text)}" '
            'style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(self.caption)}</figcaption></figure>"
        )
        data = {"text/html": figure_html, "image/png": encoded, "text/plain": self.caption}
        return data, {"image/png": {"alt": self.alt_text}}


def styled(chart_function):
    """Run a chart function inside the book style and close its figure.

    Closing keeps pyplot from showing the figure a second time; the returned
    :class:`Chart` is what the notebook displays.
    """

    @wraps(chart_function)
    def wrapper(*args, **kwargs) -> Chart:
        with plt.rc_context(BOOK_STYLE):
            chart = chart_function(*args, **kwargs)
        plt.close(chart.figure)
        return chart

    return wrapper


def source_caption(frame: pd.DataFrame, what: str) -> str:
    """'What. Sources: A (2020); B (2021).' from the frame's ``source`` keys."""
    return f"{what} {default_package().bibliography.caption(frame['source'])}"


def qualified(value: int, qualifier: str) -> str:
    """Write a count as the source states it: '129', 'more than 500', 'about 40'."""
    return QUALIFIER_WORDS[qualifier].format(int(value))


ATTACHE_MEASURES = {
    "military_representatives": "military representatives abroad",
    "host_countries": "countries with a US representative",
    "general_officer_posts": "general-officer attaché posts",
    "defence_attaches": "defence attachés",
    "ncos": "non-commissioned officers",
    "civilian_staff": "civilian staff",
}


@styled
def attache_networks(frame: pd.DataFrame, country_names: dict[str, str]) -> Chart:
    """Bars for each reported figure; bounds ('more than N') hatched and open-ended."""
    rows = frame.iloc[::-1]  # first row on top
    labels = [f"{country_names[c]}: {ATTACHE_MEASURES[m]}" for c, m in zip(rows["country"], rows["measure"])]
    countries = list(dict.fromkeys(frame["country"]))
    colours = [OKABE_ITO[countries.index(c) % len(OKABE_ITO)] for c in rows["country"]]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.4), layout="constrained")
    bars = ax.barh(labels, rows["value"].astype(int), color=colours)
    arrow_length = rows["value"].max() * 0.1
    texts = [qualified(v, q) for v, q in zip(rows["value"], rows["qualifier"])]
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
        ax.annotate(text, xy=(end, middle), xytext=(4, 0), textcoords="offset points", va="center")
    ax.set_xlabel("Number reported by the source")
    ax.set_xlim(0, rows["value"].max() * 1.5)
    ax.set_title("Attaché networks as the sources report them")
    described = "; ".join(f"{lab}: {txt}" for lab, txt in zip(labels[::-1], texts[::-1]))
    alt = f"Horizontal bar chart of {len(rows)} reported figures. {described}."
    caption = source_caption(frame, "Attaché networks; hatched bars are lower bounds, not counts.")
    return Chart(fig, caption, alt)


# Peacekeeping -----------------------------------------------------------------

import matplotlib.ticker as mticker  # noqa: E402  (kept in this block for simple merges)
from matplotlib.collections import PolyCollection  # noqa: E402

from defence_diplomacy.data import format_year  # noqa: E402

#: Personnel types in the peacekeeping tables, as the charts name them.
PEACEKEEPING_TYPES = {
    "troops": "troops",
    "police": "police",
    "experts": "experts on mission",
    "total": "all uniformed personnel",
}
#: The book's four national models, in the order the book treats them.
FOUR_MODELS = ("USA", "GBR", "FRA", "ESP")
#: Where the world-totals series comes from; the other producer is drawn for comparison.
UN_TOTALS, IPI = "owid_un_peacekeeping", "ipi_peacekeeping"
#: The last December of the by-country series (IPI's per-country files end in March 2014).
BY_COUNTRY_LAST_YEAR = 2013
#: Where the one-month snapshot of 31 January 2021 sits on a December-based year axis.
SNAPSHOT_X = 2020 + 1 / 12


def _as_floats(values: pd.Series):
    """Nullable integers as floats, missing as NaN, so a gap stays a gap in a line."""
    return values.astype("Float64").to_numpy(dtype=float, na_value=float("nan"))


def _year_ticks(ax) -> None:
    """Label the x axis with whole years, BCE-aware, never '1,990' or '1990.0'."""
    ax.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(
        lambda value, _: format_year(int(value)) if value == int(value) and value != 0 else ""))


def _count(value) -> str:
    return f"{int(value):,}"


def _peak(years, values) -> tuple[int, float]:
    series = pd.Series(values, index=years).dropna()
    return int(series.idxmax()), series.max()


def _span(first: int, last: int) -> str:
    """'1990-2013', or '1995' when the span is one year."""
    return format_year(first) if first == last else f"{format_year(first)}-{format_year(last)}"


def _many(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s" if not noun.endswith("y") else f"{count} {noun[:-1]}ies"


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
    ax.stackplot(split["year"].astype(int), *(_as_floats(split[kind]) for kind in ("troops", "police", "experts")),
                 colors=[OKABE_ITO[4], OKABE_ITO[1], OKABE_ITO[2]], alpha=0.55,
                 labels=[f"of which {PEACEKEEPING_TYPES[k]}" for k in ("troops", "police", "experts")])
    ax.plot(un["year"].astype(int), _as_floats(un["total"]), color="black", linewidth=2,
            label="Total (UN Peacekeeping via OWID)")
    ax.plot(ipi["year"].astype(int), _as_floats(ipi["total"]), linestyle="none", marker="o", markersize=4,
            markerfacecolor="white", markeredgecolor=OKABE_ITO[3], label="Total (IPI), for comparison")
    years, values = un["year"].astype(int).to_numpy(), _as_floats(un["total"])
    peak_year, peak = _peak(years, values)
    ax.annotate(f"{_count(peak)} ({peak_year})", xy=(peak_year, peak), xytext=(-8, 6),
                textcoords="offset points", ha="right")
    first_split = int(split["year"].min())
    ax.text(1948, peak * 0.55, f"Before {first_split}: total only;\nno split by type", fontsize=9, color="0.3")
    ax.set_ylim(0, peak * 1.12)
    ax.set_xlim(years.min() - 1, years.max() + 1)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{int(v):,}"))
    _year_ticks(ax)
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
        f"({_count(differences.loc[widest, 'un'])} against {_count(differences.loc[widest, 'ipi'])}) and "
        f"last in {latest} ({_count(differences.loc[latest, 'un'])} against "
        f"{_count(differences.loc[latest, 'ipi'])}, too small to see)."))
    far = [int(y) for y, row in differences.iterrows() if abs(row["difference"]) > 0.05 * row["un"]]
    early = un[un["year"] < 2000]
    early_year, early_peak = _peak(early["year"].astype(int), _as_floats(early["total"]))
    after = un[(un["year"] > early_year) & (un["year"] < peak_year)]
    low_year, low = min(zip(_as_floats(after["total"]), after["year"].astype(int)), key=lambda pair: pair[0])[::-1]
    alt = (f"Line chart of UN uniformed peacekeepers in December of each year, {years.min()}-{years.max()}: "
           f"{_count(values[0])} in {years.min()}; a peak of {_count(early_peak)} in {early_year}; "
           f"a low of {_count(low)} in {low_year}; the highest, {_count(peak)}, in {peak_year}; "
           f"{_count(values[-1])} in {years.max()}. From {first_split} the area under the line is split into "
           f"troops, police and experts. Open circles show IPI's totals, which lie on or near the line"
           + (f" except in {' and '.join(map(str, far))} (more than 5 per cent apart)." if far else "."))
    return Chart(fig, caption, alt)


def _line_styles(count: int):
    """Colour and dash for each of ``count`` lines: the palette first solid, then dashed."""
    return [(OKABE_ITO[i % len(OKABE_ITO)], "-" if i < len(OKABE_ITO) else "--") for i in range(count)]


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
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    described = []
    top = 0.0
    series_end = min(end, BY_COUNTRY_LAST_YEAR)
    axis_years = list(range(start, series_end + 1))
    wide = (rows.pivot(index="year", columns="country", values=personnel).astype("Float64")
            .reindex(axis_years).astype(float))  # a missing December becomes NaN: a break in the line
    for country, (colour, dash) in zip(countries, _line_styles(len(countries))):
        own = wide[country]
        ax.plot(axis_years, own.to_numpy(), color=colour, linestyle=dash, marker="o", markersize=3,
                label=country_names[country])
        top = max(top, own.max())
        described.append(f"{country_names[country]}: {_ends_and_peak(axis_years, own.to_numpy())}")
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
    ax.set_ylim(0, max(top, 1) * 1.12)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{int(v):,}"))
    _year_ticks(ax)
    ax.set_ylabel(f"{label.capitalize()}, December")
    ax.set_title(f"UN peacekeeping: {label} by country")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    frames = [rows, snapshot] if shown_snapshot else [rows]
    what = (f"UN peacekeeping, {label} contributed in December of each year {_span(start, series_end)} (IPI). "
            "A break in a line is a year with no figure from IPI.")
    if end > BY_COUNTRY_LAST_YEAR:
        what += (f" The grey band ({_span(BY_COUNTRY_LAST_YEAR + 1, end)}) is a gap, not a zero: the book has no "
                 "by-country series after March 2014.")
    if shown_snapshot:
        what += (" Diamonds: all uniformed personnel on 31 January 2021 from the UN's contribution ranks, "
                 "one month only, not joined to the lines.")
    caption = source_caption(pd.concat(frames), what)
    alt = (f"Line chart of {label} in UN peacekeeping by country, December {_span(start, series_end)}, "
           f"{_many(len(countries), 'country')}: " + "; ".join(described) + ".")
    if end > BY_COUNTRY_LAST_YEAR:
        alt += f" After {BY_COUNTRY_LAST_YEAR}, to {end}, the chart is shaded as a gap."
    if shown_snapshot:
        listed = snapshot.set_index("country")["total"]
        alt += " Separate diamonds for 31 January 2021: " + "; ".join(
            f"{country_names[c]} {_count(listed[c])}" for c in countries if c in listed.index) + "."
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
        ax.annotate(f"{_count(round(average))}", xy=(100, y), xytext=(6, 0), textcoords="offset points",
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
               f"average {_count(round(r.average_total))}" for c, r in top.iterrows()) + ".")
    return Chart(fig, caption, alt)


# Alliances and exercises ------------------------------------------------------

#: ATOP obligation types as the alliances table names them, and as the charts say them.
ALLIANCE_OBLIGATIONS = {
    "any": "all alliances (any obligation)",
    "defence": "defence",
    "offence": "offence",
    "neutrality": "neutrality",
    "non_aggression": "non-aggression",
    "consultation": "consultation",
}
#: Years the alliances chart marks with a dotted line.
ALLIANCE_MARKS = (1914, 1945, 1991)


def _ends_and_peak(years, values) -> str:
    peak_year, peak = _peak(years, values)
    series = pd.Series(values, index=years).dropna()
    first_year, last_year = int(series.index[0]), int(series.index[-1])
    parts = [f"{_count(series.iloc[0])} in {format_year(first_year)}"]
    if first_year == last_year:
        return parts[0]
    if peak_year not in (first_year, last_year):
        parts.append(f"peak {_count(peak)} in {format_year(peak_year)}")
    end = " (the peak)" if peak_year == last_year and last_year != first_year else ""
    parts.append(f"{_count(series.iloc[-1])} in {format_year(last_year)}{end}")
    return ", ".join(parts)


@styled
def alliances_in_force(frame: pd.DataFrame, obligations: tuple[str, ...] = tuple(ALLIANCE_OBLIGATIONS),
                       years: tuple[int, int] | None = None, marks: tuple[int, ...] = ALLIANCE_MARKS) -> Chart:
    """Alliances in force per year: all of them in black, each obligation type in colour."""
    first, last = years or (int(frame["year"].min()), int(frame["year"].max()))
    rows = frame[frame["year"].between(first, last)]
    wide = rows.pivot(index="year", columns="obligation", values="alliances").astype(float)
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    described = []
    for obligation in [o for o in ALLIANCE_OBLIGATIONS if o in obligations]:
        values = wide[obligation]
        # One colour per obligation, whichever others are shown; all alliances in black.
        style = ({"color": "black", "linewidth": 2.2} if obligation == "any"
                 else {"color": OKABE_ITO[list(ALLIANCE_OBLIGATIONS).index(obligation) - 1], "linewidth": 1.4})
        ax.plot(wide.index, values, label=ALLIANCE_OBLIGATIONS[obligation], **style)
        described.append(f"{ALLIANCE_OBLIGATIONS[obligation]}: {_ends_and_peak(wide.index, values.to_numpy())}")
    top = wide[[o for o in obligations if o in wide]].max().max()
    for year in (m for m in marks if first < m < last):
        ax.axvline(year, color="0.6", linestyle=":", linewidth=1, zorder=0)
        ax.text(year, top * 1.06, format_year(year), ha="center", va="bottom", fontsize=9, color="0.35")
    ax.set_ylim(0, max(top, 1) * 1.14)
    ax.set_xlim(first - (first == last) * 0.5, last + (first == last) * 0.5)  # one year still gets a width
    _year_ticks(ax)
    ax.set_ylabel("Alliances in force")
    ax.set_title(f"Alliances in force, {_span(first, last)}", pad=16)
    ax.legend(loc="upper left")
    several = [o for o in obligations if o != "any"]
    what = (f"Alliances in force in each year {_span(first, last)} (ATOP v5.1): in force "
            "from the year it begins to the year it ends, including that year.")
    if several:
        what += (" An alliance counts under every obligation any member undertook, so the coloured lines "
                 "overlap and do not add up to the total.")
    alt = (f"Line chart of alliances in force per year, {_span(first, last)}, "
           f"{_many(len(described), 'line')}. " + "; ".join(described) + ".")
    if "any" in obligations and any(first <= m <= last for m in marks):
        alt += " All alliances in the marked years: " + ", ".join(
            f"{_count(wide.loc[m, 'any'])} in {m}" for m in marks if first <= m <= last) + "."
    return Chart(fig, source_caption(rows, what), alt)


def _bar_collection(ax, x, heights, bottoms, width: float = 0.8, **style) -> None:
    """Vertical bars as one collection: a widget redraw stays fast with dozens of bars."""
    bottoms = bottoms + 0 * heights  # a scalar bottom becomes one per bar
    half = width / 2
    boxes = [[(left - half, low), (left - half, low + height), (left + half, low + height), (left + half, low)]
             for left, low, height in zip(x, bottoms, heights)]
    ax.add_collection(PolyCollection(boxes, **style), autolim=False)


@styled
def exercises_over_time(per_year: pd.DataFrame, by_country: pd.DataFrame, country_names: dict[str, str],
                        years: tuple[int, int] | None = None, order: tuple[str, ...] = FOUR_MODELS) -> Chart:
    """Bars: all multinational exercises a year (the unnamed part hatched); lines: chosen countries."""
    first, last = years or (int(per_year["year"].min()), int(per_year["year"].max()))
    bars = per_year[per_year["year"].between(first, last)].sort_values("year")
    rows = by_country[by_country["year"].between(first, last)]
    x = bars["year"].astype(int).to_numpy()
    named = _as_floats(bars["exercises"] - bars["unnamed_exercises"])
    unnamed = _as_floats(bars["unnamed_exercises"])
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    _bar_collection(ax, x, named, 0, facecolor="0.82", label="all exercises, named")
    _bar_collection(ax, x, unnamed, named, facecolor="white", edgecolor="0.55", hatch="///", linewidth=0.6,
                    label="all exercises, unnamed (-9)")
    described = []
    present = set(rows["country"])
    countries = [c for c in order if c in present] + sorted(present - set(order))
    axis_years = list(range(first, last + 1))
    wide = (rows.pivot(index="year", columns="country", values="exercises").astype("Float64")
            .reindex(axis_years).astype(float))  # years before a state existed become NaN, not 0
    for country, (colour, dash) in zip(countries, _line_styles(len(countries))):
        values = wide[country].to_numpy()
        ax.plot(axis_years, values, color=colour, linestyle=dash, marker="o", markersize=3, linewidth=1.6,
                label=country_names[country])
        described.append(f"{country_names[country]}: {_ends_and_peak(axis_years, values)}")
    totals = _as_floats(bars["exercises"])
    ax.set_ylim(0, totals.max() * 1.12)
    ax.set_xlim(first - 0.6, last + 0.6)
    _year_ticks(ax)
    ax.set_ylabel("Exercises under way in the year")
    ax.set_title(f"Multinational military exercises, {_span(first, last)}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    what = (f"Multinational military exercises under way each year {_span(first, last)} (MME, version 7). Bars: all "
            "exercises; the hatched top part are those MME records without a name (code -9), real exercises "
            "counted like the others. An exercise spanning two years counts in both.")
    if countries:
        what += " Lines: the exercises each country took part in; a country's line starts with its first year as a state in ATOP."
    share = bars["unnamed_exercises"].sum() / bars["exercises"].sum()
    alt = (f"Bar chart of multinational military exercises per year, {_span(first, last)}: "
           f"{_ends_and_peak(x, totals)}; {share:.0%} of them have no recorded name. ")
    if described:
        alt += f"{_many(len(described), 'line')} for single countries: " + "; ".join(described) + "."
    return Chart(fig, source_caption(pd.concat([bars, rows]), what), alt)
