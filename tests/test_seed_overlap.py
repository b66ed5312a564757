"""Chapters paraphrase their sources: no run of more than 25 words may match a seed text.

Quotations are allowed: text inside quotation marks, block quotes and code is left out
of the comparison. Skipped where the seed texts (../shared/seeds) are not at hand.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 26  # words; a shared run this long is more than 25 consecutive words

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not present")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def prose(markdown: str) -> str:
    """Drop what may legitimately repeat a source: code, block quotes, quotations."""
    markdown = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    markdown = re.sub(r"^\s*>.*$", " ", markdown, flags=re.M)
    return re.sub(r"[\"“][^\"”]{0,600}[\"”]", " ", markdown)


def runs(sequence: list[str]) -> set[tuple[str, ...]]:
    return {tuple(sequence[i : i + RUN]) for i in range(len(sequence) - RUN + 1)}


def book_pages() -> list[Path]:
    pages = [ROOT / "intro.md", *sorted((ROOT / "chapters").rglob("*.md")), *sorted((ROOT / "notebooks").glob("*.ipynb"))]
    return [page for page in pages if ".ipynb_checkpoints" not in page.parts]


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        found |= runs(words(seed.read_text(encoding="utf-8", errors="ignore")))
    return found


@pytest.mark.parametrize("page", book_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_paraphrases_the_seeds(page, seed_runs):
    page_words = words(prose(page.read_text(encoding="utf-8")))
    copied = [" ".join(run) for run in runs(page_words) & seed_runs]
    assert not copied, f"{len(copied)} runs of more than 25 words match a seed, e.g.: {copied[0]!r}"
