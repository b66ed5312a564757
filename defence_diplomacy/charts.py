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
        self.figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
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
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.4))
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
    ax.set_xlim(0, rows["value"].max() * 1.35)
    ax.set_title("Attaché networks as the sources report them")
    fig.tight_layout()
    described = "; ".join(f"{lab}: {txt}" for lab, txt in zip(labels[::-1], texts[::-1]))
    alt = f"Horizontal bar chart of {len(rows)} reported figures. {described}."
    caption = source_caption(frame, "Attaché networks; hatched bars are lower bounds, not counts.")
    return Chart(fig, caption, alt)
