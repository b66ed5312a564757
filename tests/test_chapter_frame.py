"""Every chapter page follows the frame in CONTRIBUTING.md, so instructors can assign any of them."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["history", "theory", "national-models", "wider-world", "azerbaijan", "practice"]
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


# Verbs of the upper levels of Bloom's taxonomy: what a student does with knowledge, not
# what they recall. "List the ten activities" is a step towards an objective, not one.
HIGHER_ORDER = re.compile(
    r"\b(?:analy[sz]e|compare|contrast|evaluate|assess|judge|weigh|critique|appraise|argue|defend|"
    r"test|explain why|distinguish)\b", re.IGNORECASE)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_teaches_at_the_analyse_or_evaluate_level(page):
    text = page.read_text(encoding="utf-8")
    objectives = re.search(r"\{admonition\} Learning objectives\n(.*?)^:::", text, flags=re.S | re.M).group(1)
    assert any(HIGHER_ORDER.search(line) for line in objectives.splitlines() if line.lstrip().startswith("-")), \
        "at least one objective asks the student to analyse or evaluate"
    exercises = re.findall(r"```\{exercise\}\n(.*?)```", text, flags=re.S)
    assert any(HIGHER_ORDER.search(exercise) for exercise in exercises), \
        "at least one exercise asks the student to analyse or evaluate"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_ends_its_narrative_with_key_points(page):
    text = page.read_text(encoding="utf-8")
    section = re.search(r"^## Key points\n(.*?)(?=^## )", text, flags=re.S | re.M)
    assert section, "a '## Key points' section before the discussion questions"
    bullets = re.findall(r"^- ", section.group(1), flags=re.M)
    assert 5 <= len(bullets) <= 7, f"five to seven key points, not {len(bullets)}"
    assert text.index("## Key points") < text.index("## Discussion questions")
