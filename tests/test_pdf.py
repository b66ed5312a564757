"""The print edition (make pdf): built here when Chromium and poppler-utils are installed.

.ci/run installs both, so CI always builds and checks the PDF; elsewhere the tests are
skipped with a message saying what to install.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_editions import WORD, secret_phrases

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "_build" / "pdf" / "military-diplomacy.pdf"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")

missing = [tool for tool in ("pdfinfo", "pdftotext", "pdfimages") if not shutil.which(tool)]
if not any(shutil.which(browser) for browser in BROWSERS):
    missing.insert(0, "chromium")
pytestmark = pytest.mark.skipif(bool(missing), reason=(
    f"PDF not built: {', '.join(missing)} not found; install Debian's chromium and "
    "poppler-utils (apt-get install chromium poppler-utils) to build and check it"))


@pytest.fixture(scope="module")
def pdf() -> Path:
    result = subprocess.run([sys.executable, "scripts/edition.py", "--audience", "student", "--name", "print",
                             "--pdf", str(PDF)], cwd=ROOT, capture_output=True, text=True)
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line]
    assert result.returncode == 0 and not warnings, "\n".join(warnings) or result.stderr[-3000:]
    return PDF


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_pdf_is_an_a4_book(pdf):
    info = run("pdfinfo", str(pdf))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 20, f"only {pages} pages"
    assert "(A4)" in info


def test_pdf_has_the_parts_citations_tables_and_bibliography(pdf):
    text = run("pdftotext", "-layout", str(pdf), "-")
    for heading in ("How the book is organised", "National models", "Marking rubric", "Glossary", "Bibliography"):
        assert heading in text, heading
    assert re.search(r"\[Drab, n\.d\.\]|Drab, n\.d\.", text), "no author-year citation"
    assert "Defence diplomacy of selected states" in text, "no bibliography entry"
    assert re.search(r"Criterion\s+(Excellent\s+)?\(70\+\)\s+Good", text), "the rubric table is missing"


def test_pdf_has_the_figures(pdf):
    images = run("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert len(images) >= 1, "no figure in the PDF"


def test_pdf_holds_no_solution_or_instructor_note(pdf):
    text = " ".join(WORD.findall(run("pdftotext", str(pdf), "-")))
    leaks = [phrase for found in secret_phrases().values() for phrase in found if phrase in text]
    assert not leaks, leaks[:3]
