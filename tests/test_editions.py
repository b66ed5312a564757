"""The editions (scripts/edition.py, _ext/): each is built here, then checked.

Student: no solution and no instructor note anywhere in its files, no page sources.
Instructor: every solution and note present and open. Two custom selections of parts:
only those parts, their notebooks and a matching syllabus, with no dead links. Every
build must finish with no warnings (the script builds with -W -n --keep-going).
"""

import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
import edition  # noqa: E402
from syllabus import load_weeks, select_weeks  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ROOT / "_build" / "editions"
SUBSETS = [["history", "azerbaijan"], ["national-models"]]
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def build(*args: str) -> Path:
    """Build an edition and return its HTML folder; fail on any warning."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "edition.py"), *args],
                            cwd=ROOT, capture_output=True, text=True)
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line]
    assert result.returncode == 0 and not warnings, "\n".join(warnings) or result.stderr[-3000:]
    name = re.search(r"edition '([^']+)'", result.stdout).group(1)
    return EDITIONS / name / "_build" / "html"


@pytest.fixture(scope="module")
def student():
    return build("--audience", "student")


@pytest.fixture(scope="module")
def instructor():
    return build("--audience", "instructor")


@pytest.fixture(scope="module", params=SUBSETS, ids=lambda parts: "+".join(parts))
def subset(request):
    return request.param, build("--parts", *request.param)


# --- What must be hidden: the text of every solution and instructor note in the book ---

def book_sources() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"]] + edition.toc_files(toc["parts"])
    return [path for doc in docs for path in (ROOT / f"{doc}.md", ROOT / f"{doc}.ipynb") if path.is_file()]


def markdown_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        import json
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def hidden_blocks(text: str) -> dict[str, list[str]]:
    """The bodies of {solution} directives and instructor-note admonitions in MyST text."""
    found = {"solution": [], "instructor-note": []}
    fence = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}.*?\n(?P<body>.*?)^(?P=fence)\s*$",
                       re.S | re.M)
    for block in fence.finditer(text):
        body = block["body"]
        options = "\n".join(line for line in body.splitlines() if line.startswith(":"))
        content = "\n".join(line for line in body.splitlines() if not line.startswith(":"))
        if block["name"] == "solution":
            found["solution"].append(content)
        elif block["name"] == "admonition" and "instructor-note" in options:
            found["instructor-note"].append(content)
    return found


def phrases(content: str) -> list[str]:
    """Runs of eight words from each paragraph, not across roles such as {cite:p}`key`."""
    runs = []
    for paragraph in re.split(r"\n\s*\n|\{[\w:-]+\}`[^`]*`", content):
        words = WORD.findall(paragraph)
        runs += [" ".join(words[i:i + 8]) for i in range(0, max(len(words) - 7, 0), 20)]
    return runs


def public_text_outside_hidden_blocks() -> str:
    """The public site's text less its solutions and notes (rendered citations included)."""
    texts = []
    for page in (ROOT / "_build" / "html").rglob("*.html"):
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in tree.select(".solution, .instructor-note"):
            element.decompose()
        texts.append(tree.get_text(" "))
    return " ".join(texts)


@functools.cache
def secret_phrases() -> dict[str, list[str]]:
    """Phrases found only in solutions and instructor notes, not in the book's visible text."""
    secrets = {"solution": [], "instructor-note": []}
    visible = [(ROOT / "references.bib").read_text(encoding="utf-8"), public_text_outside_hidden_blocks()]
    for path in book_sources():
        text = markdown_of(path)
        for kind, blocks in hidden_blocks(text).items():
            secrets[kind] += [phrase for block in blocks for phrase in phrases(block)]
            for block in blocks:
                text = text.replace(block, "")
        visible.append(text)
    visible_text = " ".join(WORD.findall(" ".join(visible)))
    return {kind: [p for p in found if p not in visible_text] for kind, found in secrets.items()}


def text_of(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="ignore")
    if path.suffix == ".html":
        raw = BeautifulSoup(raw, "html.parser").get_text(" ")
    return " ".join(WORD.findall(raw))


def build_text(folder: Path) -> str:
    return "\n".join(text_of(p) for p in folder.rglob("*") if p.is_file()
                     and p.suffix not in {".png", ".jpg", ".svg", ".woff", ".woff2", ".ttf", ".inv", ".ico"})


def test_the_book_has_solutions_and_instructor_notes_to_hide():
    secrets = secret_phrases()
    assert secrets["solution"] and secrets["instructor-note"], "nothing to check: the test would pass vacuously"


def test_student_edition_holds_no_solution_or_instructor_note(student):
    text = build_text(student)
    leaks = [(kind, phrase) for kind, found in secret_phrases().items() for phrase in found if phrase in text]
    assert not leaks, f"{len(leaks)} passages leak into the student edition, e.g. {leaks[:3]}"


def test_student_edition_offers_no_page_sources(student):
    assert not (student / "_sources").exists()
    sources = [p for p in student.rglob("*") if p.suffix in {".md", ".ipynb", ".txt"} and "_static" not in p.parts]
    assert not sources, sources[:5]
    links = [a["href"] for page in student.rglob("*.html")
             for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True)
             if "_sources" in a["href"]]
    assert not links, links[:5]


def test_instructor_edition_shows_everything_open(instructor):
    text = build_text(instructor)
    missing = [phrase for found in secret_phrases().values() for phrase in found if phrase not in text]
    assert not missing, missing[:3]
    opened = [(page.name, element) for page in instructor.rglob("*.html")
              for element in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
                  ".instructor-note, .solution")]
    assert opened, "the instructor edition has solutions and notes to show"
    for name, element in opened:
        assert "dropdown" not in element.get("class", []), name


def test_public_site_keeps_solutions_and_notes_collapsed():
    site = ROOT / "_build" / "html"
    if not (site / "index.html").is_file():
        pytest.skip("no built site: run 'make test', which builds it first")
    notes = [element for page in site.rglob("*.html")
             for element in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
                 ".instructor-note, .solution")]
    assert notes and all("dropdown" in element["class"] for element in notes)


# --- Custom editions ---

def test_custom_edition_holds_only_its_parts_and_a_matching_syllabus(subset):
    parts, site = subset
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        kept = edition.part_name(part) in parts + list(edition.ALWAYS)
        for doc in edition.toc_files([part]):
            assert (site / f"{doc}.html").is_file() == kept, doc
    syllabus = BeautifulSoup((site / f"{edition.SYLLABUS_PAGE}.html").read_text(encoding="utf-8"), "html.parser")
    weeks = [p.get_text() for p in syllabus.select(".syllabus strong") if p.get_text().startswith("Week ")]
    titles, all_weeks = load_weeks(ROOT / "chapters" / "instructors" / "syllabus.yml")
    expected = [w for w in all_weeks if w["part"] in parts]
    assert len(weeks) == len(expected) > 0
    assert all(week.endswith(w["topic"]) for week, w in zip(weeks, expected))


def test_custom_edition_has_no_dead_internal_links(subset):
    _, site = subset
    broken = []
    for page in site.rglob("*.html"):
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            url = a["href"].split("#")[0]
            if url and not re.match(r"^[a-z]+:|^//", url) and not (page.parent / url).exists():
                broken.append(f"{page.relative_to(site)} -> {url}")
    assert not broken, broken[:5]


# --- The pure parts of the machinery ---

SAMPLE_TOC = {"format": "jb-book", "root": "intro", "parts": [
    {"caption": "A", "chapters": [{"file": "chapters/a/index", "sections": [{"file": "notebooks/n"}]}]},
    {"caption": "B", "chapters": [{"file": "chapters/b/index"}]},
    {"caption": "Reference", "chapters": [{"file": "chapters/reference/glossary"}]},
]}


def test_edition_toc_keeps_chosen_parts_their_notebooks_the_syllabus_and_reference():
    toc = edition.edition_toc(SAMPLE_TOC, ["a"])
    assert edition.toc_files(toc["parts"]) == [
        "chapters/a/index", "notebooks/n", edition.SYLLABUS_PAGE, "chapters/reference/glossary"]
    assert edition.edition_toc(SAMPLE_TOC, []) == SAMPLE_TOC
    with pytest.raises(SystemExit, match="unknown part"):
        edition.edition_toc(SAMPLE_TOC, ["c"])


def test_syllabus_plans_number_weeks_and_group_the_short_course():
    weeks = [{"part": "a", "short": 1}, {"part": "b", "short": 1}, {"part": "a", "short": 2}, {"part": "b"}]
    assert [n for n, _ in select_weeks(weeks, "long", [])] == [1, 2, 3, 4]
    assert [len(group) for _, group in select_weeks(weeks, "short", [])] == [2, 1]
    assert [(n, group[0]["part"]) for n, group in select_weeks(weeks, "edition", ["b"])] == [(1, "b"), (2, "b")]


def test_the_book_syllabus_covers_every_part_in_twelve_and_six_weeks():
    titles, weeks = load_weeks(ROOT / "chapters" / "instructors" / "syllabus.yml")
    assert len(select_weeks(weeks, "long", [])) == 14 and len(select_weeks(weeks, "short", [])) == 6
    assert {w["part"] for w in weeks} <= set(titles)
