"""The print edition (make pdf) as a book: title page, contents with page numbers that are
right, running heads and page numbers, links that lead somewhere, no wrong notebook path.

Built here, for the whole student edition and for an instructor edition of two parts, when
Chromium and poppler-utils are installed. .ci/run installs both, so CI always builds and
checks the PDFs; elsewhere the tests are skipped with a message saying what to install.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.test_editions import WORD, secret_phrases

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "_build" / "pdf"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
SITE = CONFIG["html"]["baseurl"]
#: (what the PDF is, the arguments that build it, the file it is written to)
EDITIONS = {
    "student": (["--audience", "student", "--pdf"], PDFS / "military-diplomacy.pdf"),
    "instructor-selection": (["--audience", "instructor", "--parts", "history", "azerbaijan", "--pdf"],
                             PDFS / "military-diplomacy-history-azerbaijan-instructor.pdf"),
}

missing = [tool for tool in ("pdfinfo", "pdftotext", "pdfimages") if not shutil.which(tool)]
if not any(shutil.which(browser) for browser in BROWSERS):
    missing.insert(0, "chromium")
pytestmark = pytest.mark.skipif(bool(missing), reason=(
    f"PDF not built: {', '.join(missing)} not found; install Debian's chromium and "
    "poppler-utils (apt-get install chromium poppler-utils) to build and check it"))


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def page_text(pdf: Path, number: int) -> str:
    return " ".join(run("pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-").split())


@pytest.fixture(scope="module", params=list(EDITIONS))
def edition(request) -> tuple[str, Path]:
    arguments, pdf = EDITIONS[request.param]
    result = subprocess.run([sys.executable, "scripts/edition.py", *arguments], cwd=ROOT,
                            capture_output=True, text=True)
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line]
    assert result.returncode == 0 and not warnings, "\n".join(warnings) or result.stderr[-3000:]
    return request.param, pdf


def contents_entries(pdf: Path) -> list[tuple[str, int]]:
    """(title, page number) for each line of the printed contents."""
    text = run("pdftotext", "-layout", "-f", "2", "-l", "6", str(pdf), "-")
    entries = []
    for line in text.splitlines():
        if match := re.fullmatch(r"\s*(.+?)[\s.]*?\s(\d{1,3})\s*", line):
            title = re.sub(r"(\s*\.)+$", "", match.group(1)).strip()
            if title and not title.startswith("Part "):
                entries.append((title, int(match.group(2))))
    return entries


def test_pdf_is_an_a4_book_with_a_title_page(edition):
    name, pdf = edition
    info = run("pdfinfo", str(pdf))
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 20 and "(A4)" in info
    title = page_text(pdf, 1)
    for expected in ("Military Diplomacy: An Executable Course Book", "contributors", "version",
                     "Licence", "CC BY 4.0", SITE, "How to cite"):
        assert expected in title, f"{name}: the title page lacks {expected!r}"
    assert ("Student edition" if name == "student" else "History, The Azerbaijan case") in title


def test_contents_list_every_part_and_page_with_the_right_page_number(edition):
    name, pdf = edition
    entries = contents_entries(pdf)
    text = run("pdftotext", "-layout", "-f", "2", "-l", "6", str(pdf), "-")
    parts = re.findall(r"^\s*(Part [IVX]+)\s*$", text, flags=re.M)
    assert len(parts) >= (6 if name == "student" else 2), f"{name}: parts in the contents: {parts}"
    assert len(entries) >= (40 if name == "student" else 10), f"{name}: only {len(entries)} entries"
    wrong = []
    for title, number in entries:
        words = " ".join(title.split()[:4])
        if words not in page_text(pdf, number):
            wrong.append(f"{title!r} is not on page {number}")
    assert not wrong, f"{name}: {wrong[:5]}"


def test_every_page_after_the_contents_has_a_running_head_and_its_number(edition):
    name, pdf = edition
    first_text_page = min(number for _, number in contents_entries(pdf))
    pages = len(PdfReader(pdf).pages)
    for number in range(first_text_page, pages + 1, max(1, pages // 25)):
        lines = run("pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-").strip().splitlines()
        assert lines[0].strip().startswith("Military Diplomacy"), f"{name}, page {number}: head {lines[0]!r}"
        assert lines[-1].strip() == str(number), f"{name}, page {number}: foot {lines[-1]!r}"


def test_every_link_leads_somewhere(edition):
    name, pdf = edition
    reader = PdfReader(pdf)
    destinations = set(reader.named_destinations)
    broken = []
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            target = annotation.get("/Dest")
            uri = (annotation.get("/A") or {}).get("/URI")
            if not (uri or (isinstance(target, str) and target in destinations) or isinstance(target, list)):
                broken.append(f"page {number}: {target or uri!r}")
    assert not broken, f"{name}: links without a target: {broken[:5]}"


def test_explorer_notes_give_the_live_page_and_name_no_missing_notebook(edition):
    name, pdf = edition
    text = " ".join(run("pdftotext", str(pdf), "-").split())
    assert "in one of these to use them:" not in text, "a print note points at links the PDF has not got"
    notes = text.count("Explore this chart live on the book's site")
    live_pages = [uri for page in PdfReader(pdf).pages for annotation in page.get("/Annots") or []
                  if (uri := (annotation.get_object().get("/A") or {}).get("/URI", "")).startswith(SITE + "notebooks/")]
    assert notes and len(live_pages) >= notes, f"{name}: {notes} explorer notes, {len(live_pages)} links to live pages"
    for url in live_pages:
        assert (ROOT / url[len(SITE):]).with_suffix(".ipynb").is_file(), f"{name}: no notebook behind {url}"
    for path in re.findall(r"\b(notebooks/[\w-]+\.ipynb|[\w-]+\.ipynb)\b", text):
        assert (ROOT / path).is_file() or (ROOT / "notebooks" / path).is_file(), f"{name}: no notebook {path}"


def test_pdf_has_the_parts_citations_tables_figures_and_bibliography(edition):
    name, pdf = edition
    text = run("pdftotext", "-layout", str(pdf), "-")
    for heading in ("How the book is organised", "The Azerbaijan case", "Glossary", "Bibliography"):
        assert heading in text, heading
    assert re.search(r"\[[A-Z][\w-]+( and [A-Z][\w-]+| et al\.)?, \d{4}", text), "no author-year citation"
    assert len(run("pdfimages", "-list", str(pdf)).splitlines()[2:]) >= 1, "no figure in the PDF"
    if name == "student":
        assert "Defence diplomacy of selected states" in text, "no bibliography entry"
        assert re.search(r"Criterion\s+(Excellent\s+)?\(70\+\)\s+Good", text), "the rubric table is missing"


def test_student_pdf_holds_no_solution_or_instructor_note(edition):
    name, pdf = edition
    if name != "student":
        pytest.skip("the instructor edition shows solutions by design")
    text = " ".join(WORD.findall(run("pdftotext", str(pdf), "-")))
    leaks = [phrase for found in secret_phrases().values() for phrase in found if phrase in text]
    assert not leaks, leaks[:3]
