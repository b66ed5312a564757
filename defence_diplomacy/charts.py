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


# Timeline ---------------------------------------------------------------------

from defence_diplomacy.data import format_year  # noqa: E402

#: The views of the timeline explorer: name -> what the chart title says.
TIMELINE_VIEWS = {
    "all": "All events",
    "history": "History: from antiquity to Partnership for Peace and after",
    "theorists": "Theorists: from Sun Tzu to Kissinger and the modern definers",
    "azerbaijan": "Azerbaijan: partnership, missions and treaties",
}
#: Where the two panels of the timeline meet.
TIMELINE_BREAK = 1800
TIMELINE_PARTS = ["history", "theory", "national-models", "azerbaijan", "practice"]
TIMELINE_CATEGORIES = {
    "alliance_treaty": "alliances and treaties",
    "attache": "attachés and envoys",
    "exercise": "exercises",
    "doctrine_strategy": "doctrine and strategy",
    "mission": "missions",
    "partnership": "partnerships",
    "concept": "concepts",
    "thinker_work": "thinkers' works",
    "war_settlement": "wars and settlements",
    "recognition": "recognition",
}
#: Dates the sources give only approximately: drawn as open circles on a pale bar.
UNCERTAIN_PRECISION = ("circa", "decade", "century")
_NOT_GIVEN = "not given"


def _thinker_stem(thinker_id: str) -> str:
    return thinker_id.split("-")[0]


def _event_thinkers(events: pd.DataFrame, thinkers: pd.DataFrame) -> list[str | None]:
    """For each event, the thinker it is about, or None.

    An event is about a thinker when its id starts with the first word of the
    thinker's id and its title names them ('frederick-instructions-1747',
    'Frederick the Great writes ...'); both are needed, so 'new-era-1990s' is
    not about a thinker whose id starts with 'new'.
    """
    stems = {_thinker_stem(t): name for t, name in zip(thinkers["thinker_id"], thinkers["name"])}
    found = []
    for event_id, title in zip(events["event_id"], events["title"]):
        stem = _thinker_stem(event_id)
        found.append(stems[stem] if stem in stems and stem.capitalize() in title else None)
    return found


def timeline_for_view(events: pd.DataFrame, thinkers: pd.DataFrame, view: str) -> pd.DataFrame:
    """The events one view of the timeline shows, with a ``thinker`` column.

    'history' and 'azerbaijan' are the events of that part. 'theorists' joins the
    theory part's events with every event about a thinker of the ``thinkers``
    table (see :func:`_event_thinkers`; Frontinus's event in the history part
    comes in too); a thinker with no such event but with a
    birth, death or work year is added as a row of its own. A thinker with no
    date at all (Sun Tzu) cannot be placed: see :func:`undated_thinkers`.
    'all' is every event, plus those thinker rows.
    """
    if view not in TIMELINE_VIEWS:
        raise KeyError(f"no timeline view {view!r}; views: {', '.join(TIMELINE_VIEWS)}")
    frame = events.assign(thinker=_event_thinkers(events, thinkers))
    own_rows = _thinker_rows(events, thinkers)
    if view in ("history", "azerbaijan"):
        frame = frame[frame["part"] == view]
    elif view == "theorists":
        frame = frame[(frame["part"] == "theory") | frame["thinker"].notna()]
    if view in ("all", "theorists") and not own_rows.empty:
        frame = pd.concat([frame, own_rows], ignore_index=True)
    return frame.sort_values(["year", "event_id"], kind="stable").reset_index(drop=True)


def _unmatched_thinkers(events: pd.DataFrame, thinkers: pd.DataFrame) -> pd.DataFrame:
    covered = set(_event_thinkers(events, thinkers))
    return thinkers[~thinkers["name"].isin(covered)]


def _thinker_rows(events: pd.DataFrame, thinkers: pd.DataFrame) -> pd.DataFrame:
    """Timeline rows for thinkers no event covers: the work year, else the life span."""
    rows = []
    for t in _unmatched_thinkers(events, thinkers).itertuples(index=False):
        if pd.notna(t.work_year):
            year, end, what = int(t.work_year), None, f"{t.name}: {t.key_work}"
        elif pd.notna(t.born_year):
            year = int(t.born_year)
            end = int(t.died_year) if pd.notna(t.died_year) else None
            what = f"{t.name}: life span" if end else f"{t.name} is born"
        elif pd.notna(t.died_year):
            year, end, what = int(t.died_year), None, f"{t.name} dies"
        else:
            continue
        rows.append({"event_id": f"thinker-{t.thinker_id}", "year": year, "end_year": end, "date": None,
                     "date_precision": "year", "era": _NOT_GIVEN, "category": "thinker_work",
                     "region": _NOT_GIVEN, "part": t.part, "title": what, "source": t.source,
                     "locator": t.locator, "thinker": t.name})
    columns = [*events.columns, "thinker"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"year": "Int64", "end_year": "Int64"})


def undated_thinkers(events: pd.DataFrame, thinkers: pd.DataFrame) -> list[str]:
    """Thinkers the theorists view cannot place: no event about them and no year given."""
    rest = _unmatched_thinkers(events, thinkers)
    undated = rest[["born_year", "died_year", "work_year"]].isna().all(axis=1)
    return list(rest.loc[undated, "name"])


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def timeline_date(year: int, end_year, precision: str, date=None) -> str:
    """A date as precisely as its source gives it: '1882-05-20', '1990s', '17th century', 'c. 1850'."""
    year = int(year)
    end = None if end_year is None or pd.isna(end_year) else int(end_year)
    if precision == "century":
        century = (year - 1) // 100 + 1 if year > 0 else (-year - 1) // 100 + 1
        return f"{_ordinal(century)} century" + (" BCE" if year < 0 else "")
    if precision == "decade":
        return f"{year}s"
    if precision in ("day", "month") and date:
        text = str(date)
    else:
        text = format_year(year)
    if end is not None:
        text = (f"{-year}–{format_year(end)}" if year < 0 and end < 0 else f"{text}–{format_year(end)}")
    return f"c. {text}" if precision == "circa" else text


def timeline_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """The table under the timeline: each event's date, the event, its part and its source."""
    bibliography = default_package().bibliography
    when = [timeline_date(y, e, p, d) for y, e, p, d in
            zip(frame["year"], frame["end_year"], frame["date_precision"], frame["date"])]
    table = pd.DataFrame({
        "when": when,
        "event": list(frame["title"]),
        "part": list(frame["part"]),
        "source": [bibliography.label(key) for key in frame["source"]],
        "locator": list(frame["locator"]),
    })
    if "thinker" in frame and frame["thinker"].notna().any():
        table.insert(1, "thinker", [name if isinstance(name, str) else "" for name in frame["thinker"]])
    return table


def _timeline_spans(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    start = frame["year"].astype(float)
    end = frame["end_year"].astype(float)
    decade = frame["date_precision"] == "decade"
    end = end.where(end.notna(), start.where(~decade, start + 9))
    return start, end


def _year_ticks(low: int, high: int, step: int) -> list[int]:
    first = -(-low // step) * step
    return [year if year != 0 else 1 for year in range(first, high + 1, step)]


@styled
def timeline(frame: pd.DataFrame, title: str = "") -> Chart:
    """Events on one time axis, broken in two: 600 BCE-1800 compressed, 1800-2023 wide.

    Lanes are categories, colours the book's parts. Filled dots are dated to the
    year or better; open circles on a pale bar are dated only to a century, a
    decade or approximately (the bar is the range the source allows); a thin
    line is an event that lasts.
    """
    categories = [c for c in TIMELINE_CATEGORIES if c in set(frame["category"])]
    lane = frame["category"].map({c: i for i, c in enumerate(categories)}).astype(float)
    # Events of one lane and year are spread a little, so they do not hide each other.
    group = [frame["category"], frame["year"]]
    rank = frame.groupby(group, sort=False).cumcount()
    size = frame.groupby(group, sort=False)["year"].transform("size")
    step = (0.7 / size).clip(upper=0.3)
    y = (lane + (rank - (size - 1) / 2) * step).to_numpy()
    start, end = _timeline_spans(frame)
    parts = [p for p in TIMELINE_PARTS if p in set(frame["part"])]
    colour_of = {p: OKABE_ITO[i] for i, p in enumerate(TIMELINE_PARTS)}
    colours = frame["part"].map(colour_of).to_numpy()
    uncertain = frame["date_precision"].isin(UNCERTAIN_PRECISION).to_numpy()
    lasting = (~uncertain) & (end > start).to_numpy()

    low = min(-600, int(start.min()) - 50)
    # A fixed layout: constrained layout would double the time a widget update takes.
    height = 0.45 * len(categories) + 2.4
    broken = start.min() < TIMELINE_BREAK  # else one even scale is honest and shows more
    if broken:
        fig, (old, new) = plt.subplots(1, 2, sharey=True, width_ratios=[1, 2], figsize=(8, height))
        panels = [(old, (low, TIMELINE_BREAK), 1000), (new, (TIMELINE_BREAK, 2025), 25)]
    else:
        fig, new = plt.subplots(figsize=(8, height))
        old, low = new, int(start.min()) // 5 * 5 - 5
        panels = [(new, (low, 2025), 5 if low >= 1960 else 25)]
    fig.subplots_adjust(left=0.21, right=0.98, top=1 - 0.45 / height, bottom=1.55 / height, wspace=0.1)
    for ax, (left, right), step_years in panels:
        ax.hlines(y[lasting], start[lasting], end[lasting], colors=colours[lasting], linewidth=1.5)
        ax.hlines(y[uncertain], start[uncertain], end[uncertain], colors=colours[uncertain],
                  linewidth=7, alpha=0.25)
        middle = ((start + end) / 2).to_numpy()
        ax.scatter(middle[uncertain], y[uncertain], s=36, facecolors="white", edgecolors=colours[uncertain],
                   linewidths=1.5, zorder=3)
        ax.scatter(start[~uncertain], y[~uncertain], s=26, c=colours[~uncertain], zorder=3)
        ax.set_xlim(left, right)
        ticks = _year_ticks(left, right - 1, step_years) if ax is new else [-500, 500, 1500]
        ax.set_xlabel(f"{format_year(left)}–2023\none scale: 1 tick = {step_years} years")
        ax.set_xticks(ticks, [format_year(t) for t in ticks])
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    if broken:
        old.set_xlabel(f"{format_year(low)}–{TIMELINE_BREAK}\ncompressed: 1 tick = 1,000 years")
        new.set_xlabel(f"{TIMELINE_BREAK}–2023\n1 tick = 25 years")
        new.tick_params(axis="y", left=False)
        new.spines["left"].set_visible(False)
        old.spines["right"].set_visible(False)
        for ax, x, half in ((old, 1, 0.03), (new, 0, 0.015)):  # the break: a short slash on each side
            ax.plot([x - half, x + half], [-0.03, 0.03], transform=ax.transAxes,
                    color="black", clip_on=False, linewidth=1)
    if "thinker" in frame:  # name the classic thinkers; the modern definers are in the table
        classic = frame["thinker"].notna() & (frame["year"] < 1950)
        early = classic & (frame["year"] < TIMELINE_BREAK)
        # Early classics sit close together on the compressed panel: their names are
        # stacked to the left, earliest on top; later ones are named beside the marker.
        stack = frame[early].groupby("category").cumcount()
        count = frame[early].groupby("category")["year"].transform("size")
        lift = ((count - 1) / 2 - stack) * 10
        for index, x_mid in ((start + end) / 2)[classic].items():
            name = frame.at[index, "event_id"].split("-")[0].capitalize()
            if early[index] and count[index] > 1:
                old.annotate(name, (x_mid, y[index]), xytext=(-7, lift[index]), textcoords="offset points",
                             ha="right", va="center", fontsize=8)
            else:
                (old if early[index] else new).annotate(name, (x_mid, y[index]), xytext=(6, 0), textcoords="offset points",
                             va="center", fontsize=8)
    old.set_yticks(range(len(categories)), [TIMELINE_CATEGORIES[c] for c in categories])
    old.set_ylim(len(categories) - 0.5, -0.5)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colour_of[p], label=p) for p in parts]
    handles += [
        plt.Line2D([], [], marker="o", linestyle="", color="grey", label="year or better"),
        plt.Line2D([], [], marker="o", linestyle="-", linewidth=6, alpha=0.5, color="grey",
                   markerfacecolor="white", label="century, decade, circa"),
        plt.Line2D([], [], linestyle="-", linewidth=1.5, color="grey", label="lasts from ... to"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=9)
    fig.suptitle(title or "Events on one time axis", fontsize=13)

    first, last = frame.iloc[0], frame.iloc[-1]
    before = int((frame["year"] < TIMELINE_BREAK).sum())
    scales = (f"in two panels with different scales, {format_year(low)} to {TIMELINE_BREAK} compressed "
              f"and {TIMELINE_BREAK} to 2023 wide" if broken else f"on one even scale, {format_year(low)} to 2023")
    alt = (f"Timeline of {len(frame)} events {scales}, "
           f"one lane per category ({', '.join(TIMELINE_CATEGORIES[c] for c in categories)}). "
           f"{before} events fall before {TIMELINE_BREAK} and {len(frame) - before} after. "
           f"Earliest: {timeline_date(first.year, first.end_year, first.date_precision, first.date)}, "
           f"{first.title}. Latest: {timeline_date(last.year, last.end_year, last.date_precision, last.date)}, "
           f"{last.title}. {int(uncertain.sum())} events are dated only to a century, a decade or approximately.")
    caption = source_caption(
        frame, f"{title or 'Events'}: {len(frame)} events "
        + (f"on two scales (before and after {TIMELINE_BREAK}). " if broken else "on one even scale. ")
        + "Open circles on pale bars are dated only to a century, a decade or approximately; "
        "thin lines are events that last.")
    return Chart(fig, caption, alt)


# National models ---------------------------------------------------------------

#: The four states Drab compares, in his order.
NATIONAL_MODELS = ["USA", "GBR", "FRA", "ESP"]
INSTRUMENT_CATEGORIES = {
    "high_level_visits": "high-level visits",
    "visits": "visits (unspecified)",
    "attaches_and_representatives": "attachés and representatives",
    "education_and_training": "education and training",
    "exercises": "exercises",
    "cooperation_agreements": "cooperation agreements",
    "arms_transfers_and_industry": "arms transfers and industry",
    "military_assistance": "military assistance",
    "capacity_building": "capacity building",
    "security_sector_reform": "security sector reform",
    "peacekeeping": "peacekeeping",
    "arms_control": "arms control",
    "strategic_dialogue": "strategic dialogue",
    "ship_and_aircraft_visits": "ship, aircraft and unit visits",
    "conferences_and_seminars": "conferences and seminars",
    "personnel_exchange": "personnel exchange",
    "civil_military_cooperation": "civil-military cooperation",
    "deterrence_and_operations": "deterrence and operations",
    "conflict_prevention": "conflict prevention",
    "crisis_response": "crisis response",
    "stabilisation": "stabilisation",
}


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
    return rows.groupby("country").size().reindex(NATIONAL_MODELS)


def instrument_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories x countries: how many of each list's instruments fall in each category.

    Rows run from the categories all four share to those only one uses.
    """
    rows = instrument_lists(frame)
    matrix = pd.crosstab(rows["category"], rows["country"]).reindex(columns=NATIONAL_MODELS, fill_value=0)
    users = (matrix > 0).sum(axis=1)
    order = sorted(matrix.index, key=lambda c: (-users[c], list(INSTRUMENT_CATEGORIES).index(c)))
    return matrix.loc[order]


def model_similarity(frame: pd.DataFrame) -> pd.DataFrame:
    """Jaccard similarity of the countries' category sets: shared / used by either."""
    present = instrument_matrix(frame) > 0
    values = {a: {b: (present[a] & present[b]).sum() / (present[a] | present[b]).sum() for b in NATIONAL_MODELS}
              for a in NATIONAL_MODELS}
    return pd.DataFrame(values).loc[NATIONAL_MODELS, NATIONAL_MODELS]


def model_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Every pair of countries with its shared and combined categories and their Jaccard score."""
    present = instrument_matrix(frame) > 0
    rows = []
    for i, a in enumerate(NATIONAL_MODELS):
        for b in NATIONAL_MODELS[i + 1:]:
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
    fig, ax = plt.subplots(figsize=(6.5, height))  # a fixed layout keeps widget redraws fast
    fig.subplots_adjust(left=0.35, right=0.86, top=1 - 0.75 / height, bottom=0.15 / height)
    ax.imshow(values > 0, cmap=matplotlib.colors.ListedColormap(["white", "#9ecae1"]), vmin=0, vmax=1,
              aspect="auto")
    for (row, column), value in zip(*[[(r, c) for r in range(values.shape[0]) for c in range(values.shape[1])]],
                                    values.ravel()):
        if value:
            ax.text(column, row, str(value), ha="center", va="center", fontsize=9)
    names = [country_names[c] for c in NATIONAL_MODELS]
    ax.set_xticks(range(len(names)), [n.replace(" ", "\n", 1) for n in names])
    ax.xaxis.tick_top()
    users = (matrix > 0).sum(axis=1)
    for row, count in enumerate(users):
        ax.text(len(names) - 0.35, row, f"{count} of {len(names)}", va="center", fontsize=9, color="#444444")
    ax.text(len(names) - 0.35, -0.75, "lists\nusing it", va="bottom", fontsize=9, color="#444444")
    ax.set_yticks(range(len(matrix)), [INSTRUMENT_CATEGORIES[c] for c in matrix.index])
    ax.set_xticks([x - 0.5 for x in range(1, len(names))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(matrix))], minor=True)
    ax.grid(which="minor", color="#cccccc", linewidth=0.6)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#cccccc")
    shared = [INSTRUMENT_CATEGORIES[c] for c in matrix.index[users == len(NATIONAL_MODELS)]]
    single = [INSTRUMENT_CATEGORIES[c] for c in matrix.index[users == 1]]
    counts = "; ".join(f"{n}: {int(matrix[c].sum())}" for n, c in zip(names, NATIONAL_MODELS))
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
    names = [country_names[c] for c in NATIONAL_MODELS]
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
