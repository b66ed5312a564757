"""Every chapter page follows the frame in CONTRIBUTING.md, so instructors can assign any of them."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["history", "theory", "national-models", "azerbaijan", "practice"]
PAGES = sorted(p for part in PARTS for p in (ROOT / "chapters" / part).glob("*.md") if p.name != "index.md")


def test_every_part_has_pages():
    assert {p.parent.name for p in PAGES} == set(PARTS)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_has_the_full_apparatus(page):
    text = page.read_text(encoding="utf-8")
    assert re.search(r"\{admonition\} Learning objectives", text)
    assert re.search(r"\*Time to read: about \d+ minutes", text)
    assert re.search(r"\{admonition\} Sources and perspectives", text)
    assert "## Discussion questions" in text
    exercises = re.findall(r"```\{exercise\}\n:label: ([\w-]+)", text)
    solutions = re.findall(r"```\{solution\} ([\w-]+)\n:class: dropdown", text)
    assert len(exercises) >= 2 and sorted(exercises) == sorted(solutions), "each exercise has a dropdown solution"
    assert "## Further reading" in text
    assert re.search(r"```\{bibliography\}\n:filter: docname in docnames", text)
    assert len(re.findall(r"\{cite:[pt]\}", text)) >= 5, "claims are cited"
    assert "{term}" in text, "key terms link to the glossary"
