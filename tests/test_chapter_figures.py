"""Every figure stated in a chapter's prose traces to a row of the table ``chapter_figures``.

A small extractor reads each page's prose and picks out what looks like a figure:

* a number with thousands separators (``3,000``);
* a number followed by ``%``, ``percent`` or ``per cent``;
* a number, in digits or words (``two`` ... ``twenty``, ``thirty`` ... ``ninety``,
  ``hundred``, ``thousand``), followed within three words by a unit noun from ``UNITS``.

Before that it drops what is not a statement: the ``{index}`` and ``{bibliography}`` blocks,
prompts for the class (exercises, discussion questions, instructor notes; solutions stay),
directive option lines, roles such as {cite:p}`...`, URLs, heading numbers and the
"Time to read" line; four-digit numbers from 1000 to 2099 are years unless a unit
follows at once, and numbers after ``Resolution``, ``Article``, ``Paper``, ``vol.``, ``no.``,
``pp.``, ``row`` and the like, or in brackets like ``(3)``, are labels, not quantities. A
spelled-out number after ``the``, ``these``, ``all`` (and the like) points back at a set the page
has already counted ("the two lists"), and "a few thousand" states no number.

Each candidate's value must be in the table for that page (as ``value`` or
``value_high``); each row must name an existing page whose text still carries its
``wording``, so the table cannot drift from the text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from defence_diplomacy import load

ROOT = Path(__file__).resolve().parent.parent

# What is counted: the nouns that make a number a figure. Plural forms only: a count of two or
# more takes a plural, while "the 1998 mission" or "a 44-day war" uses the number as an adjective.
UNITS = r"""
    personnel troops soldiers servicemen servicewomen officers attach[ée]s NCOs civilians staff
    observers peacekeepers experts diplomats envoys representatives employees students cadets
    instructors advisers advisors delegations visits graduates trainees contingents platoons
    companies battalions brigades divisions units forces men women people persons refugees
    killed dead deaths wounded casualties displaced prisoners hostages victims
    countries states nations members partners allies alliances villages cities towns
    settlements districts regions provinces territories areas posts positions embassies missions
    operations zones aims goals emphases methods sectors indicators patterns benefits thinkers
    frameworks exercises manoeuvres activities tasks instruments tools agreements treaties accords
    programmes programs pillars components principles categories types kinds elements functions
    battlegroups ships vessels aircraft helicopters tanks drones weapons warheads
    dollars euros manats pounds roubles rubles million billion trillion
    years months weeks days decades hours
    ranks levels stages phases steps rounds meetings summits sessions courses seminars
    schools academies universities headquarters sites bases cases
"""
UNIT = re.compile(r"(?:%s)" % "|".join(UNITS.split()), re.IGNORECASE)

SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE = {"hundred": 100, "thousand": 1000}
MULTIPLIER = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
# A number in digits (3,000 / 2.5 / 40) or in words (seven, forty-five, two hundred, thousand).
_WORD = "|".join(sorted([*SMALL, *SCALE], key=len, reverse=True))
NUMBER = re.compile(
    r"(?<![\w.,+-])(?:(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w+]|[.,]\d)"
    r"|(?P<words>(?:%s)(?:[\s-]+(?:%s))*)\b)" % (_WORD, _WORD),
    re.IGNORECASE,
)
PERCENT = re.compile(r"\s*(?:%|per\s?cent\b)", re.IGNORECASE)
# Labels, not quantities: "resolution 822", "Article 5", "Adelphi Paper 365", "pp. 3-20".
LABEL_BEFORE = re.compile(
    r"(?:resolutions?|article|articles|paper|vol\.?|volume|no\.?|nos\.?|pp?\.|page|pages|chapter|section|"
    r"table|figure|part|issue|paragraph|items?|steps?|rows?|points?|number|protocol|annex|box|phase|stage|"
    r"level|version|book)\s*$",
    re.IGNORECASE,
)

# "the two lists", "these three arguments": a spelled-out number after a determiner points
# back at a set the page has already introduced or names in full; it is not a new figure.
REFERS_BACK = re.compile(r"\b(?:the|these|those|all|same|first|last|other|next)\s+$", re.IGNORECASE)
# "a few thousand years", "several hundred": no number is stated.
VAGUE = re.compile(r"\b(?:few|several|many)\s+$", re.IGNORECASE)


def words_value(text: str) -> float:
    """'forty-five' -> 45, 'two hundred' -> 200, 'thousand' -> 1000."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in SMALL:
            current += SMALL[word]
        elif word in SCALE:
            current = max(current, 1) * SCALE[word]
            if SCALE[word] == 1000:
                total, current = total + current, 0
    return float(total + current)


def prose(markdown: str) -> str:
    """The page's statements. Prompts for the class (exercises, discussion questions, instructor
    notes) ask rather than state; index and bibliography blocks, directive options, roles, URLs,
    list numbers and headings' numbers are markup."""
    text = re.sub(r"^```\{(?:index|bibliography|exercise)\}.*?^```", " ", markdown, flags=re.S | re.M)
    text = re.sub(r"^## Discussion questions.*?(?=^## )", " ", text, flags=re.S | re.M)
    text = re.sub(r"^:::\{admonition\} Instructor note.*?^:::$", " ", text, flags=re.S | re.M)
    text = re.sub(r"^[`:]{3,}.*$", " ", text, flags=re.M)          # fence lines
    text = re.sub(r"^\s*:[\w-]+:.*$", " ", text, flags=re.M)        # directive options
    text = re.sub(r"^\*?Time to read:.*$", " ", text, flags=re.M)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)                 # roles: cite, term, doc, ref ...
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"^(#+)\s*[\d.]+\s", r"\1 ", text, flags=re.M)    # numbered headings
    text = re.sub(r"^\s*(?:\*\s+)?-\s+\d+\s*$", " ", text, flags=re.M)  # list-table row numbers
    text = re.sub(r"^\s*(?:\d+\.|[-*])\s", " ", text, flags=re.M)   # list markers
    return text


def candidates(markdown: str) -> list[tuple[float, str]]:
    """(value, the words around it) for every figure-like number in the page's prose."""
    text = prose(markdown)
    found = []
    for match in NUMBER.finditer(text):
        raw = match.group("digits") or match.group("words")
        value = float(raw.replace(",", "")) if match.group("digits") else words_value(raw)
        before, after = text[max(0, match.start() - 12):match.start()], text[match.end():]
        following = re.findall(r"[\w\u00C0-\u017F]+", after[:80])[:3]
        next_word = re.match(r"[\s-]+(\w+)", after)
        if LABEL_BEFORE.search(before) or (before.endswith("(") and after.startswith(")")):
            continue  # "Article 5", "row 3", "(3)": labels, not quantities
        if match.group("digits") and re.fullmatch(r"1\d{3}|20\d{2}", raw) and not (
                next_word and UNIT.fullmatch(next_word.group(1))):
            continue  # a year, unless a unit follows at once: "1500 troops"
        if match.group("words") and (REFERS_BACK.search(before) or VAGUE.search(before)):
            continue
        if following and following[0].lower() in MULTIPLIER:
            value *= MULTIPLIER[following[0].lower()]
        thousands = bool(match.group("digits")) and "," in raw
        percent = bool(PERCENT.match(after))
        has_unit = any(UNIT.fullmatch(word) for word in following)
        if thousands or percent or has_unit:
            found.append((value, " ".join(text[max(0, match.start() - 40):match.end() + 40].split())))
    return found


def pages() -> list[Path]:
    return [ROOT / "intro.md", *sorted((ROOT / "chapters").rglob("*.md"))]


def page_name(path: Path) -> str:
    return path.relative_to(ROOT).with_suffix("").as_posix()


@pytest.fixture(scope="module")
def figures():
    return load("chapter_figures")


# The extractor --------------------------------------------------------------

@pytest.mark.parametrize("sentence, values", [
    ("In 1994 the partners signed the Framework Document.", []),
    ("Since 1999 more than 3,000 personnel have served.", [3000]),
    ("The DAO has seven general-officer posts abroad.", [7]),
    ("Defence takes about 20 percent of the budget.", [20]),
    ("Turnout fell to 45% and then to twelve per cent.", [45, 12]),
    ("Resolution 822 and Article 5 name no forces; see pp. 3-20.", []),
    ("The 2020 war lasted 44 days and displaced forty-five thousand people.", [44, 45000]),
    ("Two military observers left; {cite:p}`trend2019` reports 12 officers.", [2, 12]),
    ("Compare the two lists: the seed names three phases, row 4 and (5) none.", [3]),
    ("The treaties lie a few thousand years apart, not 3+3 states.", []),
])
def test_extractor_finds_figures_and_skips_years_and_labels(sentence, values):
    assert [value for value, _ in candidates(sentence)] == values


def test_prose_drops_markup_that_is_not_a_statement():
    page = "```{index} Resolution 822\n```\n*Time to read: about 25 minutes.*\n:label: ex-2\nSee https://x.org/20-percent"
    assert candidates(page) == []


# The table against the pages ----------------------------------------------------

@pytest.mark.parametrize("path", pages(), ids=page_name)
def test_every_figure_in_the_prose_is_in_the_table(path, figures):
    rows = figures[figures["page"] == page_name(path)]
    stored = set(rows["value"].dropna()) | set(rows["value_high"].dropna())
    missing = [f"{value:g} in '…{context}…'" for value, context in candidates(path.read_text(encoding="utf-8"))
               if value not in stored]
    assert not missing, f"figures with no row in data/chapter_figures.csv: {missing}"


def test_every_row_points_at_a_page_that_still_states_it(figures):
    texts = {page_name(path): " ".join(path.read_text(encoding="utf-8").split()) for path in pages()}
    for row in figures.itertuples():
        assert row.page in texts, f"{row.page}: no such page"
        assert row.wording in texts[row.page], f"{row.page}, {row.figure_id}: wording {row.wording!r} not on the page"
        if row.qualifier == "range":
            assert row.value_high > row.value, f"{row.page}, {row.figure_id}: a range needs value_high"
        else:
            assert pd.isna(row.value_high), f"{row.page}, {row.figure_id}: value_high only for ranges"
