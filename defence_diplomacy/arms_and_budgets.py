"""Military budgets and arms imports: SIPRI's series as line and bar charts, and their shaping.

The Azerbaijan notebook and explorer draw them; ``tests/test_azerbaijan.py`` checks them.
"""

from __future__ import annotations

import matplotlib.ticker as ticker
import pandas as pd

from defence_diplomacy._render import bars_as_path, fixed_margins, legend_as_text, new_figure, plot_line, ticks_as_text
from defence_diplomacy.style import Chart, OKABE_ITO, source_caption, styled, wrapped, year_axis


#: SIPRI's measures of military expenditure in the book's table, as the charts name them.
SPENDING_MEASURES = {
    "current_usd_millions": "current US$ million",
    "constant_2023_usd_millions": "constant (2023) US$ million",
    "share_of_gdp_percent": "share of GDP (%)",
}


@styled
def military_spending(rows: pd.DataFrame, country_names: dict[str, str],
                      measure: str = "current_usd_millions") -> Chart:
    """Lines of military expenditure, one per country; money on a log scale; missing years break the line."""
    fig, ax = new_figure((8, 4.5))
    first, last = int(rows["year"].min()), int(rows["year"].max())
    years = pd.RangeIndex(first, last + 1)
    described = []
    for index, (country, group) in enumerate(rows.groupby("country", sort=False)):
        series = group.set_index("year")[measure].astype(float).reindex(years)  # gaps stay NaN
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        plot_line(ax, series.index, series.to_numpy(), marker="o", markersize=3, color=colour, lw=1.6)
        present = series.dropna()
        if present.empty:
            continue
        ax.annotate(country_names[country], (present.index[-1], present.iloc[-1]), xytext=(5, 0),
                    textcoords="offset points", va="center", color=colour, fontsize=10)
        gaps = [int(y) for y in series.index[series.isna()] if present.index[0] < y < present.index[-1]]
        peak_year = int(present.idxmax())
        described.append(f"{country_names[country]} {int(present.index[0])}: {present.iloc[0]:,.1f}, "
                         f"peak {peak_year}: {present.max():,.1f}, {int(present.index[-1])}: {present.iloc[-1]:,.1f}"
                         + (f", no figure for {', '.join(map(str, gaps))}" if gaps else ""))
    unit = SPENDING_MEASURES[measure]
    money = measure != "share_of_gdp_percent"
    if money:
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:,.0f}"))
        # Labelled decades only: the log scale's thirty unlabelled minor ticks cost more to draw than the lines.
        ax.yaxis.set_minor_locator(ticker.NullLocator())
    else:
        ax.set_ylim(0, None)
    ax.set_xlim(first - 0.5, last + 3)
    year_axis(ax)
    ax.set_ylabel(f"{unit} (SIPRI, April 2025 edition)" + ("\nlog scale" if money else ""), fontsize=10)
    ax.set_title(f"Military expenditure, {unit}")
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    alt = (f"Line chart{', log scale,' if money else ''} of military expenditure in {unit}, {first}-{last}: "
           + "; ".join(described) + ".")
    words = {"current_usd_millions": "Military expenditure in US dollars at each year's prices and exchange rates "
                                     "(not adjusted for inflation).",
             "constant_2023_usd_millions": "Military expenditure in US dollars at 2023 prices and exchange rates, "
                                           "so that years compare in real terms.",
             "share_of_gdp_percent": "Military expenditure as a share of gross domestic product."}[measure]
    caption = source_caption(rows, words + " One edition throughout: SIPRI's of April 2025, which revises earlier "
                             "years." + (" Log scale: equal steps are equal ratios." if money else "")
                             + " A break in a line is a year with no figure.")
    return Chart(fig, caption, alt)


def _tiv_by_period(rows: pd.DataFrame, years: tuple[int, int], width: int) -> list[tuple[str, int, int, list]]:
    """(label, first year, last year, [(supplier, TIV), ... largest first]) for each period.

    Plain Python over a few dozen rows: a widget redraw should not pay for a
    pandas groupby per period.
    """
    low, high = years
    sums: dict[int, dict[str, float]] = {}
    for year, supplier, tiv in zip(rows["year"], rows["supplier"], rows["tiv_millions"]):
        if low <= year <= high:
            by_supplier = sums.setdefault(year - year % width, {})
            by_supplier[supplier] = by_supplier.get(supplier, 0.0) + float(tiv)
    periods = []
    for start in range(low - low % width, high + 1, width):
        first, last = max(start, low), min(start + width - 1, high)
        suppliers = sorted(sorted(sums.get(start, {}).items()), key=lambda item: -item[1])
        periods.append((f"{first}-{last}" if first != last else str(first), first, last, suppliers))
    return periods


def arms_import_periods(rows: pd.DataFrame, years: tuple[int, int], width: int = 5) -> pd.DataFrame:
    """TIV by supplier in periods of ``width`` years aligned on multiples of ``width`` and clipped to ``years``.

    One row per period and supplier, with the supplier's share of the period's
    total; a period with no deliveries has one row with supplier None and TIV 0.
    """
    records = []
    for label, first, last, suppliers in _tiv_by_period(rows, years, width):
        total = sum(tiv for _, tiv in suppliers)
        if not suppliers:
            records.append({"period": label, "first": first, "last": last, "supplier": None,
                            "tiv_millions": 0.0, "share": float("nan"), "suppliers": 0})
        for supplier, tiv in suppliers:
            records.append({"period": label, "first": first, "last": last, "supplier": supplier,
                            "tiv_millions": tiv, "share": tiv / total, "suppliers": len(suppliers)})
    return pd.DataFrame(records)


def suppliers_by_total(rows: pd.DataFrame) -> pd.Series:
    """Summed TIV per supplier, largest first."""
    return rows.groupby("supplier")["tiv_millions"].sum().sort_values(ascending=False)


def supplier_shares(rows: pd.DataFrame, years: tuple[int, int]) -> tuple[float, pd.Series]:
    """The TIV delivered in ``years`` (first and last included), and each supplier's share of it, largest first."""
    part = rows[rows["year"].between(*years)]
    total = float(part["tiv_millions"].sum())
    return total, suppliers_by_total(part) / total


def deals_by_supplier(deals: pd.DataFrame, recipient: str) -> pd.DataFrame:
    """A recipient's deals per supplier: how many, and the TIV of their delivered weapons; largest first."""
    own = deals[deals["recipient"] == recipient]
    return (own.groupby("supplier")["tiv_delivered_millions"].agg(deals="size", tiv_delivered_millions="sum")
            .sort_values("tiv_delivered_millions", ascending=False))


@styled
def arms_imports_by_supplier(rows: pd.DataFrame, country_names: dict[str, str],
                             years: tuple[int, int] | None = None, named: int = 6,
                             recipient: str = "Azerbaijan") -> Chart:
    """Each supplier's share of TIV per five-year period (stacked to 100%), with counts above the bars.

    The ``named`` largest suppliers over the rows get their own colour; the rest
    are 'others'. Above each bar: the number of suppliers and the period's total
    TIV, since a share says nothing about volume.
    """
    years = years or (int(rows["year"].min()), int(rows["year"].max()))
    periods = _tiv_by_period(rows, years, 5)
    overall: dict[str, float] = {}
    for supplier, tiv in zip(rows["supplier"], rows["tiv_millions"]):
        overall[supplier] = overall.get(supplier, 0.0) + float(tiv)
    ranked = [supplier for supplier, _ in sorted(sorted(overall.items()), key=lambda item: -item[1])]
    top, others = ranked[:named], ranked[named:]
    groups = [*top, "others"] if others else top
    # Each period's shares (per cent) by group, largest suppliers first.
    shares = [{group: 0.0 for group in groups} for _ in periods]
    for share, (_, _, _, suppliers) in zip(shares, periods):
        total = sum(tiv for _, tiv in suppliers)
        for supplier, tiv in suppliers:
            share[supplier if supplier in top else "others"] += 100 * tiv / total
    fig, ax = new_figure((8, 4.6))
    x = list(range(len(periods)))
    bottom = [0.0] * len(periods)
    for index, group in enumerate(groups):
        heights = [share[group] for share in shares]
        if not any(heights):
            continue  # not a supplier in these years: no colour in the legend
        label = country_names.get(group, group) if group != "others" else \
            wrapped("others: " + ", ".join(country_names.get(s, s) for s in others), 28)
        bars_as_path(ax, x, heights, bottom, width=0.7, label=label,
                     facecolor=OKABE_ITO[index % len(OKABE_ITO)], edgecolor="white", linewidth=0.5)
        bottom = [b + h for b, h in zip(bottom, heights)]
    described = []
    for position, (label, _, _, suppliers) in enumerate(periods):
        count, total = len(suppliers), sum(tiv for _, tiv in suppliers)
        plural = "s" if count != 1 else ""
        # Three short lines: seven periods' words fit side by side.
        words = f"{count}\nsupplier{plural}\nTIV {total:,.0f}" if count else "none\nrecorded"
        ax.annotate(words, (position, 100 if count else 0), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8.5)
        if count:
            lead, lead_tiv = suppliers[0]
            described.append(f"{label}: {count} supplier{plural}, TIV {total:,.0f}, largest "
                             f"{country_names.get(lead, lead)} {lead_tiv / total:.0%}")
        else:
            described.append(f"{label}: none recorded")
    # Ticks as set_xticks and set_yticks set them, without the tick artists they would build for
    # ticks_as_text to replace. Period labels on two lines: seven fit side by side.
    ax.xaxis.set_major_locator(ticker.FixedLocator(x))
    ax.xaxis.set_major_formatter(ticker.FixedFormatter([label.replace("-", "-\n") for label, *_ in periods]))
    ax.yaxis.set_major_locator(ticker.FixedLocator(range(0, 101, 25)))
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.set_ylim(0, 128)
    ax.set_ylabel("Share of the period's TIV (%)")
    ax.set_xlabel(f"Period ({years[0]}-{years[1]}; SIPRI's register, 2024 edition, records deliveries to 2023)")
    ax.set_title(f"Arms imports to {recipient}: who supplied what share")
    legend_as_text(fig, loc="right", fontsize=8, reverse=True)
    fixed_margins(fig, ax)
    ticks_as_text(ax)
    alt = (f"Stacked bar chart of each supplier's share of arms deliveries to {recipient} (SIPRI TIV) by period: "
           + "; ".join(described) + ".")
    caption = source_caption(rows, f"Each supplier's share of the major arms delivered to {recipient}, in SIPRI "
                             "trend-indicator values (a measure of volume, not of price), from SIPRI's full trade "
                             "register (2024 edition), which records deliveries to 2023. Deliveries in 2024-2025 "
                             "come from a later edition and are listed apart, not added here.")
    return Chart(fig, caption, alt)
