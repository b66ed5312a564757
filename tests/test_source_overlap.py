"""Chapters paraphrase the five texts the book was first written from: no run of more than
25 words may match one of them.

Quotations are allowed: text inside quotation marks, block quotes and code is left out of the
comparison. Skipped where the texts (../shared/source-texts) are not at hand.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE_TEXTS = ROOT.parent / "shared" / "source-texts"
RUN = 26  # words; a shared run this long is more than 25 consecutive words

pytestmark = pytest.mark.skipif(not SOURCE_TEXTS.is_dir(), reason="the five source texts are not present")


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
def source_runs() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for text in SOURCE_TEXTS.glob("*.txt"):
        found |= runs(words(text.read_text(encoding="utf-8", errors="ignore")))
    return found


@pytest.mark.parametrize("page", book_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_paraphrases_its_sources(page, source_runs):
    page_words = words(prose(page.read_text(encoding="utf-8")))
    copied = [" ".join(run) for run in runs(page_words) & source_runs]
    assert not copied, f"{len(copied)} runs of more than 25 words match a source text, e.g.: {copied[0]!r}"
