"""What a reader sees speaks to readers: it names authors rather than "the seed", and the
chapters stand on the literature of the field rather than on the five texts the book was
first written from."""

import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Everything a reader can meet: pages, notebooks (their prose and the messages their cells
# print), the tables' text and documentation, and the package that draws labels, captions,
# alt text and explorer messages.
READER_FACING = sorted(
    [ROOT / "intro.md", *(ROOT / "chapters").rglob("*.md"), *(ROOT / "chapters").rglob("*.yml"),
     *(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "data").glob("*.csv"), ROOT / "data" / "README.md",
     ROOT / "data" / "datapackage.json", *(ROOT / "defence_diplomacy").glob("*.py")])

FIVE_TEXTS = {"khalid2024", "drab2023", "iskandarov2023", "web_mil2mil_engagement", "web_military_diplomacy"}
CITATION = re.compile(r"\{cite:[a-z]+\}`([^`]*)`")
TARGET = re.compile(r"\s*(?:\{[^{}]*\})?\s*([\w:-]+)\s*(\{[^{}]+\})?\s*")


@pytest.mark.parametrize("path", READER_FACING, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_reader_facing_text_says_seed(path):
    hits = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bseeds?\b", line, re.IGNORECASE)]
    assert not hits, f"'seed' on lines {hits}: name the authors or the work instead"


def chapter_citations() -> list[tuple[str, bool]]:
    """(key, has a locator) for every work cited on a chapter page."""
    found = []
    for page in (ROOT / "chapters").rglob("*.md"):
        for role in CITATION.finditer(page.read_text(encoding="utf-8")):
            for target in role.group(1).split(","):
                match = TARGET.fullmatch(target)
                assert match, f"{page.relative_to(ROOT)}: cannot read the citation {target!r}"
                found.append((match.group(1), bool(match.group(2))))
    return found


def test_the_five_texts_carry_at_most_a_quarter_of_the_citations():
    keys = Counter(key for key, _ in chapter_citations())
    share = sum(keys[key] for key in FIVE_TEXTS) / sum(keys.values())
    assert share <= 0.25, f"the five texts carry {share:.0%} of the chapters' citations"


def test_at_least_sixty_other_works_are_cited_with_locators():
    located = {key for key, has_locator in chapter_citations() if has_locator and key not in FIVE_TEXTS}
    assert len(located) >= 60, f"{len(located)} works besides the five texts are cited with a page or section"
