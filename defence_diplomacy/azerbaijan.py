"""The Azerbaijan case: deployments, NATO partnership milestones and treaty ties as timelines,
and the explorer that offers every Azerbaijan series (spending and arms imports come from
:mod:`defence_diplomacy.arms_and_budgets`, exercises from :mod:`defence_diplomacy.alliances_exercises`).

The notebook ``azerbaijan`` draws from here; ``tests/test_azerbaijan.py`` checks it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.patches import Patch

from defence_diplomacy import alliances_exercises, arms_and_budgets
from defence_diplomacy._render import (bars_as_path, fixed_margins, lane_labels, legend_as_text, markers_by_colour,
                                      new_figure, plot_line, text_boxes, ticks_as_text)
from defence_diplomacy.data import country_names as data_country_names
from defence_diplomacy.data import default_package, load
from defence_diplomacy.explorer import Message, explore
from defence_diplomacy.style import Chart, OKABE_ITO, qualified, source_caption, styled, wrapped, year_axis
from defence_diplomacy.vocabulary import ATOP_LAST_YEAR, BOOK_ENDS, OBLIGATIONS

#: Milestone kinds drawn on the deployment timeline.
DEPLOYMENT_KINDS = ("deployment", "recognition")

#: Milestone kinds drawn on the strip of NATO partnership milestones.
PARTNERSHIP_KINDS = ("partnership", "personnel", "capability")

#: Iskandarov and Gojayev's key in references.bib: rows citing it are their claims, drawn as such.
ISKANDAROV_KEY = "iskandarov2023"


def decimal_year(date: str) -> float:
    """'1999' -> 1999.0, '1999-09' -> 1999.67, '2002-11-20' -> 2002.88: a point on a year axis."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    return year + (month - 1) / 12 + (day - 1) / 365


def deployment_rows(milestones: pd.DataFrame) -> pd.DataFrame:
    """The milestones a deployment timeline draws: deployments, their recognition, Iskandarov and Gojayev's overall total."""
    overall = (milestones["kind"] == "personnel") & (milestones["organisation"] == "various")
    return milestones[milestones["kind"].isin(DEPLOYMENT_KINDS) | overall]


def partnership_rows(milestones: pd.DataFrame) -> pd.DataFrame:
    """The NATO partnership milestones: programmes joined, staff officers, units declared."""
    return milestones[milestones["kind"].isin(PARTNERSHIP_KINDS) & (milestones["organisation"] == "NATO")]


def deployment_count(milestones: pd.DataFrame) -> int:
    """How many distinct deployments (missions) the table records."""
    return milestones.loc[milestones["kind"] == "deployment", "framework"].nunique()


def _count_text(row: dict) -> str:
    return qualified(row["personnel"], row["qualifier"]) if pd.notna(row["personnel"]) else ""


def _keep_apart(fig, labels: list) -> None:
    """A personnel figure that would run into an earlier one on its side of the lane ("up to 4" and
    "2" read as "up to 42") goes to the other side if there is room there, else is left out."""
    kept = []
    for label, box in zip(labels, text_boxes(fig, labels)):
        if any(box.padded(6).overlaps(other) for other in kept):
            x, y = label.xyann
            box = box.translated(0, -2 * y * fig.dpi / 72)  # mirrored across its point
            if any(box.padded(6).overlaps(other) for other in kept):
                label.set_visible(False)
                continue
            label.xyann = (x, -y)
        kept.append(box)


def _hatched(colour: str) -> dict:
    """The style of a bar that is a lower bound or goes beyond another source: hatched in ``colour``."""
    return {"facecolor": "white", "edgecolor": colour, "hatch": "//"}


def _lane_bars(ax, bars: list[tuple[float, float, float, dict]], height: float) -> None:
    """Horizontal bars given as (lane, length, left end, style), one shape per style: a ``barh`` per
    bar, each a patch whose data limits matplotlib works out alone, cost about 4 ms a drawing."""
    by_style: dict[tuple, list] = {}
    for y, length, left, style in bars:
        by_style.setdefault(tuple(style.items()), []).append((y, length, left))
    for style, group in by_style.items():
        lanes, lengths, lefts = zip(*group)
        bars_as_path(ax, lanes, lengths, lefts, width=height, horizontal=True, **dict(style))


@styled
def azerbaijan_deployments(rows: pd.DataFrame, years: tuple[int, int] | None = None) -> Chart:
    """One lane per mission: Iskandarov and Gojayev's span as a bar, other sources' dates as markers.

    Where another source ends a mission earlier than they do, their extra
    years are hatched and labelled. Open-ended spans run to the latest report in
    their lane, with an arrow. Personnel are written beside their markers as the
    source states them; rows whose only source is a repost have open markers.
    Their overall total is a hatched band: a lower bound, not a count.
    """
    bib = default_package().bibliography
    # Plain records: a widget redraw should not pay for a dozen small DataFrame filters per lane.
    records = rows.to_dict("records")
    missions = sorted((r for r in records if r["kind"] != "personnel"), key=lambda r: r["start_year"])
    overall = [r for r in records if r["kind"] == "personnel"]
    lanes = list(dict.fromkeys(r["framework"] for r in missions))
    latest_report = int(rows["start_year"].max())
    low, high = years if years else (int(rows["start_year"].min()) - 1, latest_report + 1)
    fig, ax = new_figure((8, 4.8))
    lane_y = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}
    described, dots, right_labels, counts, bars = [], [], [], [], []
    for index, lane in enumerate(lanes):
        y, colour = lane_y[lane], OKABE_ITO[index % len(OKABE_ITO)]
        in_lane = [r for r in missions if r["framework"] == lane]
        spans = [r for r in in_lane if pd.notna(r["end_year"])]
        open_spans = [r for r in in_lane if pd.isna(r["end_year"]) and r["source"] == ISKANDAROV_KEY]
        primary = [r for r in spans if r["source"] == ISKANDAROV_KEY]
        others = [r for r in spans if r["source"] != ISKANDAROV_KEY]
        if primary:
            start, end = int(primary[0]["start_year"]), int(primary[0]["end_year"])
            confirmed_end = min(int(r["end_year"]) for r in others) if others else end
            bars.append((y, min(end, confirmed_end) + 1 - start, start, {"facecolor": colour}))
            text = f"{lane}: {start}-{end}"
            if confirmed_end < end:
                bars.append((y, end - confirmed_end, confirmed_end + 1, _hatched(colour)))
                right_labels.append(ax.annotate(f"{end}: Iskandarov and Gojayev's end", (end + 1, y), xytext=(4, 0),
                                                textcoords="offset points", va="center", fontsize=8))
                for other in others:
                    first, last = int(other["start_year"]), int(other["end_year"])
                    plot_line(ax, [first, last + 1], [y - 0.36] * 2, color="black", lw=1.5)
                    right_labels.append(ax.annotate(
                        f"the mission itself: {first}-{last}, per {bib.labels([other['source']])[other['source']]}",
                        (first, y - 0.36),
                        xytext=(0, -7), textcoords="offset points", va="center", fontsize=8))
                    text += f" by Iskandarov and Gojayev; the mission itself ran {first}-{last}"
            described.append(text)
        last = max(int(r["start_year"]) for r in in_lane)
        for span in open_spans:
            bars.append((y, last + 1 - span["start_year"], span["start_year"], {"facecolor": colour}))
            ax.annotate("", xy=(last + 1.8, y), xytext=(last + 1, y),
                        arrowprops={"arrowstyle": "->", "color": colour})
            described.append(f"{lane}: since {span['start_year']}, {_count_text(span)} personnel by Iskandarov and Gojayev; "
                             f"latest report {last}")
        drawn = {id(r) for r in primary + others + open_spans}
        points = sorted(((decimal_year(r["start_date"]), r) for r in in_lane if id(r) not in drawn),
                        key=lambda pair: pair[0])
        dots += [(x, y, bool(r["weak_source"])) for x, r in points]
        last_label, above = (None, None), False
        for x, row in points:
            text = _count_text(row)
            if not text or (text == last_label[0] and x - last_label[1] < 0.5):
                continue  # the same figure reported twice within weeks: one label
            above, last_label = not above, (text, x)
            counts.append(ax.annotate(text, (x, y), xytext=(0, 15 if above else -15), textcoords="offset points",
                                      ha="center", va="center", fontsize=8))
    # Two marker lines for all lanes: far quicker to draw than a scatter per lane.
    strong = [(x, y) for x, y, weak in dots if not weak]
    weak = [(x, y) for x, y, weak in dots if weak]
    dot_style = {"linestyle": "", "marker": "o", "markersize": 5.3, "color": "black", "markeredgecolor": "white",
                 "zorder": 3}
    ring_style = {"linestyle": "", "marker": "o", "markersize": 9.5, "color": "black", "markerfacecolor": "none",
                  "markeredgewidth": 1.4, "zorder": 4}
    if strong:
        plot_line(ax, *zip(*strong), **dot_style)
    if weak:
        plot_line(ax, *zip(*weak), **ring_style)
    top = len(lanes)
    for row in overall:
        last = max(latest_report, row["start_year"])
        bars.append((top, last + 1 - row["start_year"], row["start_year"], _hatched("grey")))
        words = f"{_count_text(row)} personnel in all operations since {row['start_year']} (Iskandarov & Gojayev)"
        right_labels.append(ax.annotate(words, (max(row["start_year"], low), top), xytext=(4, 0),
                                        textcoords="offset points", va="center", fontsize=9,
                                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1}))
        described.append(f"overall: {words}, drawn as a hatched lower bound")
    _lane_bars(ax, bars, 0.5)
    labels = {**{lane_y[lane]: wrapped(lane) for lane in lanes}, **({top: "All operations"} if overall else {})}
    lane_labels(ax, list(labels), list(labels.values()))
    ax.set_ylim(-0.8, max(labels) + 0.7)
    ax.set_xlim(low, high + 1)
    year_axis(ax)
    ax.set_xlabel("Year (bars cover whole years; dots are dated reports)")
    ax.set_title("Azerbaijan's deployments abroad, as the sources date them")
    legend_as_text(fig, [
        plt.Line2D([], [], label="dated report (number: personnel, as stated)", **dot_style),
        plt.Line2D([], [], label="report whose only source is a repost", **{**ring_style, "markersize": 7})],
        loc="lower center", ncols=2, fontsize=8)
    fixed_margins(fig, ax)
    _keep_apart(fig, counts)
    ticks_as_text(ax)
    weak_count = len(weak)
    alt = (f"Timeline of {len(lanes)} deployments of Azerbaijani personnel, dated reports from "
           f"{int(rows['start_year'].min())} to {latest_report}: " + "; ".join(described)
           + f". {len(dots)} dated reports as dots, {weak_count} of them from a weak source (open dots).")
    caption = source_caption(rows, "Azerbaijan's deployments. Bars: Iskandarov and Gojayev's dates; hatched: years they "
                             "give beyond another source's end date, or their overall total (a lower "
                             "bound); arrow: still under way at the latest report; open dots: weak source.")
    return Chart(fig, caption, alt)


def _short_framework(framework: str) -> str:
    """'Planning and Review Process (PARP)' -> 'PARP'; names without an abbreviation stay whole."""
    match = re.search(r"\(([^)]+)\)", framework)
    return match.group(1) if match else framework


@styled
def azerbaijan_partnership(rows: pd.DataFrame, years: tuple[int, int] | None = None) -> Chart:
    """A dated strip of partnership milestones, coloured by source.

    Dates known to the day or month are filled markers at the date; dates known
    only to the year are open squares with a bar across that year. Cumulative
    counts stated as "more than N since Y" are hatched spans (lower bounds);
    units declared in the same year are one label.
    """
    bib = default_package().bibliography
    sources = list(dict.fromkeys(rows["source"]))
    others = iter([OKABE_ITO[0], OKABE_ITO[2], OKABE_ITO[5]] * len(sources))
    colour = {key: OKABE_ITO[3] if key == ISKANDAROV_KEY else next(others) for key in sources}  # Iskandarov and Gojayev: always vermilion
    records = rows.to_dict("records")
    is_cumulative = [r["kind"] == "personnel" and r["qualifier"] == "at_least" for r in records]
    cumulative = [r for r, flag in zip(records, is_cumulative) if flag]
    # Units declared to a pool in one year are one event: "4 units declared".
    units = [r for r in records if r["kind"] == "capability"]
    events = [r for r, flag in zip(records, is_cumulative) if not flag and r["kind"] != "capability"]
    labels = []
    for row in events:
        name = _short_framework(row["framework"])
        label = f"{name}: {_count_text(row)} serving" if pd.notna(row["personnel"]) else name
        label += f" ({row['start_date']})"
        labels.append((decimal_year(row["start_date"]), row["date_precision"], row["source"], label))
    declared: dict[tuple, int] = {}
    for row in units:
        key = (row["start_year"], row["framework"], row["source"])
        declared[key] = declared.get(key, 0) + 1
    for (year, framework, source), count in sorted(declared.items()):
        labels.append((float(year), "year", source, f"{count} units declared to the\n{framework} ({year})"))
    labels.sort()
    fig, ax = new_figure((8, 4.2))
    ax.axhline(0, color="grey", lw=1)
    levels = [1.0, 2.0, 3.0, 1.5, 2.5]
    same_year: dict[float, int] = {}
    year_bars, squares, dots, stems, right_labels = [], [], [], {}, []
    for i, (x, precision, source, label) in enumerate(labels):
        level = levels[i % len(levels)]
        stem = x
        if precision == "year":
            # Anywhere in that year: the stem stands inside the year's bar, side by side with others.
            stem = x + 0.2 + 0.45 * same_year.get(x, 0)
            same_year[x] = same_year.get(x, 0) + 1
            year_bars.append(([(x, 0), (x + 1, 0)], colour[source]))
            squares.append((stem, colour[source]))
        else:
            dots.append((x, colour[source]))
        stems.setdefault(colour[source], []).append((stem, level))
        right_labels.append(ax.annotate(label, (stem, level), xytext=(2, 0), textcoords="offset points",
                                        va="center", fontsize=8.5, color=colour[source],
                                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5}))
    # One line per colour for the stems (NaN between them) and for each kind of marker, one collection
    # for the year bars: far quicker to redraw than an artist per milestone.
    for stem_colour, ends in stems.items():
        plot_line(ax, [x for stem, _ in ends for x in (stem, stem, np.nan)],
                  [y for _, level in ends for y in (0, level, np.nan)], color=stem_colour, lw=0.8)
    if year_bars:
        ax.add_collection(LineCollection([seg for seg, _ in year_bars], colors=[c for _, c in year_bars], lw=4,
                                         capstyle="butt"))
    for marks, style in [(squares, {"marker": "s", "markerfacecolor": "white"}), (dots, {"marker": "o"})]:
        markers_by_colour(ax, [x for x, _ in marks], [0] * len(marks), [c for _, c in marks], area=36, edge=1.0,
                          zorder=3, **style)
    low, high = years if years else (int(rows["start_year"].min()) - 1, int(rows["start_year"].max()) + 3)
    end = int(rows["start_year"].max())
    bars = []
    for n, row in enumerate(cumulative):
        y = -0.8 - 0.7 * n
        bars.append((y, end + 1 - row["start_year"], row["start_year"], _hatched(colour[row["source"]])))
        right_labels.append(ax.annotate(
            f"{_short_framework(row['framework'])}: {_count_text(row)} officers sent since "
            f"{row['start_year']} (a lower bound, as of {end})", (max(row["start_year"], low), y), xytext=(4, 0),
            textcoords="offset points", va="center", fontsize=8.5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5}))
    _lane_bars(ax, bars, 0.45)
    source_labels = bib.labels(sources)
    handles = [plt.Line2D([], [], linestyle="", marker="o", color=colour[key], label=wrapped(source_labels[key], 52))
               for key in sources]
    handles.append(plt.Line2D([], [], linestyle="", marker="s", markerfacecolor="white", markeredgecolor="grey",
                              label="dated to the year only"))
    legend_as_text(fig, handles, loc="lower center", ncols=2, fontsize=8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.8 - 0.7 * len(cumulative), 3.6)
    ax.set_xlim(low, high + 1)
    year_axis(ax)
    ax.set_title("Azerbaijan and NATO: partnership milestones, as the sources date them")
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    first, last = int(rows["start_year"].min()), int(rows["start_year"].max())
    alt = (f"Timeline strip of {len(labels)} partnership milestones, {first}-{last}: "
           + "; ".join(label.replace("\n", " ") for _, _, _, label in labels)
           + "".join(f"; hatched span: {_count_text(r)} officers sent since {r['start_year']}, a lower bound"
                     for r in cumulative)
           + f". Colours give the source: {', '.join(source_labels[k] for k in sources)}.")
    caption = source_caption(rows, "Azerbaijan's partnership milestones with NATO. Open squares: dated only to "
                             "the year; hatched: a lower bound. All its sources are Azerbaijani official or "
                             "defence-establishment texts.")
    return Chart(fig, caption, alt)


def strongest_obligation(row) -> str:
    """The strongest ATOP obligation a member took on: defence before offence, neutrality, ..."""
    return next((name for name in OBLIGATIONS if bool(getattr(row, name))), "consultation")


def atop_treaty_names(milestones: pd.DataFrame, memberships: pd.DataFrame) -> dict[int, str]:
    """Treaty names the book's own tables give for ATOP numbers (ATOP's files carry none).

    From milestone frameworks such as 'Collective Security Treaty (Tashkent, ATOP atopid 4220)'
    and from caveats that name the treaty they explain ('ATOP codes the CIS Charter (...').
    """
    names = {}
    for framework in milestones["framework"]:
        if match := re.search(r"ATOP atopid (\d+)", framework):
            name = re.sub(r",? ?\(?ATOP atopid \d+\)?", "", framework).strip()
            names[int(match.group(1))] = name + (")" if name.count("(") > name.count(")") else "")
    for atopid, caveat in zip(memberships["atopid"], memberships["caveat"]):
        if pd.notna(caveat) and (match := re.search(r"codes the (.+?) \(", caveat)):
            names[int(atopid)] = match.group(1)
    return names


def alliance_lane_label(row, treaty_names: dict[int, str], cow_names: dict[int, str]) -> str:
    """'CIS Charter*', 'with Türkiye' or 'multilateral, 58 other members', after the ATOP number."""
    partners = [int(p) for p in str(row.partners_cow).split()] if pd.notna(row.partners_cow) else []
    if row.atopid in treaty_names:
        what = treaty_names[row.atopid]
    elif len(partners) == 1:
        what = f"with {cow_names.get(partners[0], f'COW state {partners[0]}')}"
    else:
        what = f"multilateral, {len(partners)} other members"
    return f"{what}{'*' if pd.notna(row.caveat) else ''} (ATOP {row.atopid})"

OBLIGATION_COLOURS = {"defence": OKABE_ITO[3], "offence": OKABE_ITO[7], "neutrality": OKABE_ITO[5],
                      "non_aggression": OKABE_ITO[0], "consultation": OKABE_ITO[4]}


@styled
def azerbaijan_alliances(rows: pd.DataFrame, treaty_names: dict[int, str], cow_names: dict[int, str],
                         years: tuple[int, int] | None = None) -> Chart:
    """One bar per ATOP membership, coloured by its strongest obligation.

    A membership with no exit year runs to the end of ATOP's coverage with an
    arrow. Rows with a caveat (the CIS Charter) are hatched and starred, and the
    caveat is written under the chart: a coding of the treaty text is not an
    alliance in practice.
    """
    rows = rows.sort_values(["entry_year", "atopid"], ascending=False)
    records = list(rows.itertuples())
    labels = [wrapped(alliance_lane_label(r, treaty_names, cow_names), 44) for r in records]
    obligations = [strongest_obligation(r) for r in records]
    colours = [OBLIGATION_COLOURS[o] for o in obligations]
    open_ended = [pd.isna(r.exit_year) for r in records]
    ends = [ATOP_LAST_YEAR if o else int(r.exit_year) for o, r in zip(open_ended, records)]
    caveats = [pd.notna(r.caveat) for r in records]
    height = 0.28 * len(rows) + 1.9
    low, high = years if years else (int(rows["entry_year"].min()) - 1, ATOP_LAST_YEAR)
    fig, ax = new_figure((8, height))
    # One shape per colour and kind of bar, one call for all arrows: a widget redraw stays quick with
    # many memberships.
    _lane_bars(ax, [(y, end + 1 - record.entry_year, record.entry_year,
                     _hatched(colour) if caveat else {"facecolor": colour, "edgecolor": colour})
                    for y, (record, end, caveat, colour) in enumerate(zip(records, ends, caveats, colours))], 0.62)
    arrows = [y for y, o in enumerate(open_ended) if o]
    if arrows:
        arrow_colours = [colours[y] for y in arrows]
        ax.hlines(arrows, [ends[y] + 1 for y in arrows], [ends[y] + 1.6 for y in arrows], colors=arrow_colours,
                  linewidth=1)
        markers_by_colour(ax, [ends[y] + 1.6 for y in arrows], arrows, arrow_colours, marker=">", area=14, edge=1.0,
                          zorder=3)
    for y, record in enumerate(records):
        if caveats[y]:
            ax.annotate("* a coding of the treaty text, not a working alliance",
                        (max(record.entry_year, low) + 0.5, y), va="center", fontsize=8,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    lane_labels(ax, range(len(rows)), labels, fontsize=8.5)
    handles = [Patch(color=OBLIGATION_COLOURS[o], label=OBLIGATIONS[o]) for o in OBLIGATIONS
               if o in obligations]
    if any(caveats):
        handles.append(Patch(facecolor="white", edgecolor=OBLIGATION_COLOURS["defence"], hatch="//",
                             label="* coded as defence: see caveat"))
    legend_as_text(fig, handles, loc="lower center", ncols=3, fontsize=8, title="Strongest obligation Azerbaijan took on")
    ax.set_xlim(low, high + 2)
    ax.axvline(ATOP_LAST_YEAR + 1, color="grey", lw=0.8, ls=":")
    year_axis(ax)
    ax.set_xlabel(f"Year (ATOP 5.1 ends in {ATOP_LAST_YEAR}: arrows mean still in force then)", fontsize=9)
    ax.set_title("Azerbaijan's alliance ties as ATOP codes them")
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    defence = [label for label, o in zip(labels, obligations) if o == "defence"]
    alt = (f"Horizontal bars for {len(rows)} ATOP alliance memberships of Azerbaijan, "
           f"{int(rows['entry_year'].min())}-{ATOP_LAST_YEAR}, coloured by obligation. "
           f"{len(defence)} with a defence obligation: {'; '.join(defence)}. "
           "The CIS Charter is hatched: ATOP's defence coding of the treaty text, not an alliance in practice.")
    caption = source_caption(rows, "Azerbaijan's ATOP alliance memberships. * Hatched: ATOP codes the CIS Charter "
                             "with a defence obligation, so Armenia and Russia appear as defence partners "
                             "1993-2018; that is a coding of the treaty text, not a working alliance.")
    return Chart(fig, caption, alt)

#: The series the Azerbaijan explorer offers: a label, the data behind it, and why it stops where it does.
AZERBAIJAN_SERIES = {
    "deployments": ("deployments", "the book's table of deployments", "from the first deployment to the "
                    "latest dated report"),
    "milestones": ("NATO milestones", "the book's table of partnership milestones", "from the NACC to "
                   "Iskandarov and Gojayev's figures of 2023"),
    "alliances": ("alliances", "ATOP 5.1", "ATOP ends in 2018"),
    "exercises": ("exercises", "the Multinational Military Exercises data set", "the data set ends in 2010"),
    "spending": ("spending", "SIPRI's April 2025 edition", "no figure before independence; the "
                 "edition ends in 2024"),
    "arms": ("arms imports", "SIPRI's trade register (2024 edition)", "it records deliveries to 2023; "
             "the notebook lists the deals delivered in 2024-2025"),
}

#: Countries whose spending is drawn beside Azerbaijan's.
SPENDING_COUNTRIES = ("AZE", "ARM", "TUR", "RUS", "ISR")

AZERBAIJAN_YEARS = (1990, BOOK_ENDS)

@dataclass(frozen=True)
class AzerbaijanView:
    series: str
    rows: pd.DataFrame
    years: tuple[int, int]
    note: str = ""


def arms_to(recipient: str) -> pd.DataFrame:
    """Deliveries to ``recipient`` by supplier and year; a supplier SIPRI does not name keeps SIPRI's words."""
    transfers = load("arms_transfers")
    rows = transfers[transfers["recipient"] == recipient]
    return rows.assign(supplier=rows["supplier"].fillna(rows["supplier_name"]))


def azerbaijan_tables() -> dict[str, pd.DataFrame]:
    """The rows each Azerbaijan series draws, loaded once, plus names for labels."""
    milestones = load("azerbaijan_milestones")
    memberships = load("alliance_memberships")
    memberships = memberships[memberships["country"] == "AZE"]
    countries = load("countries")
    spending = load("military_expenditure")
    exercises = load("exercises_by_country")
    return {
        "deployments": deployment_rows(milestones),
        "milestones": partnership_rows(milestones),
        "alliances": memberships,
        "exercises": exercises[exercises["country"] == "AZE"],
        "spending": spending[spending["country"].isin(SPENDING_COUNTRIES) & (spending["year"] >= 1992)],
        "arms": arms_to("AZE"),
        "treaty_names": atop_treaty_names(milestones, memberships),
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
        open_ended = rows["end_year"].isna() & ((rows["source"] == ISKANDAROV_KEY) | (rows["kind"] == "personnel"))
        latest = latest_in_lane.where(~(open_ended & (rows["kind"] == "personnel")), rows["start_year"].max())
        return rows["start_year"], rows["end_year"].fillna(latest.where(open_ended, rows["start_year"]))
    if series == "alliances":
        return rows["entry_year"], rows["exit_year"].fillna(ATOP_LAST_YEAR)
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
        return Message(f"SIPRI's trade register records no deliveries of major arms to Azerbaijan in {span}.")
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


def draw_azerbaijan_view(view: AzerbaijanView, tables: dict[str, pd.DataFrame]) -> Chart:
    """The chart for a planned view."""
    low, high = view.years
    if view.series == "deployments":
        return azerbaijan_deployments(view.rows, (low, high))
    if view.series == "milestones":
        return azerbaijan_partnership(view.rows, (low, high))
    if view.series == "alliances":
        return azerbaijan_alliances(view.rows, tables["treaty_names"], tables["cow_names"], (low, high))
    if view.series == "exercises":
        return alliances_exercises.exercises_per_year(view.rows, "Azerbaijan")
    if view.series == "spending":
        return arms_and_budgets.military_spending(view.rows, tables["iso_names"])
    return arms_and_budgets.arms_imports_by_supplier(view.rows, tables["iso_names"], (low, high))


def _controls() -> dict[str, widgets.ValueWidget]:
    """The explorer's controls; the live explorer on the book's site reads the same ones."""
    series_picker = widgets.ToggleButtons(
        options=[(value[0], key) for key, value in AZERBAIJAN_SERIES.items()], value="deployments",
        description="Series")
    year_picker = widgets.IntRangeSlider(value=AZERBAIJAN_YEARS, min=AZERBAIJAN_YEARS[0], max=AZERBAIJAN_YEARS[1],
                                         description="Years", continuous_update=False)
    return {"series": series_picker, "years": year_picker}


def explorer() -> widgets.VBox:
    """Pick a series and a year range; see the Azerbaijan chart for those years."""
    tables = azerbaijan_tables()
    return explore(_controls(), plan=functools.partial(plan_azerbaijan_view, tables),
                   draw=functools.partial(draw_azerbaijan_view, tables=tables), wrap=True)


def live_spec() -> dict:
    """The explorer for the book's site: each series' rows with the years the plan tests them by,
    what its chart marks, and its caption's words; the charts in Vega-Lite (see azerbaijan_live)."""
    from defence_diplomacy.azerbaijan_live import live_spec as spec

    return spec(azerbaijan_tables(), _controls())
