"""Every malformed file in tests/bad_inputs/ is refused with a message naming file, row, column and problem.

Each case copies data/ (and the bibliography) to a temporary folder, swaps in
the bad file for the table the manifest names, and loads that table there. A
case gives ``line`` where a value with a line break puts its row further down
the file than ``row + 1``.
Nothing is ever written into data/.
"""

import json
import shutil
from pathlib import Path

import pytest

from defence_diplomacy.data import DataError, DataPackage
from defence_diplomacy.sources import Bibliography

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "bad_inputs"
CASES = json.loads((BAD / "manifest.json").read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_complete():
    assert len(CASES) >= 30
    listed = {case["file"] for case in CASES}
    on_disk = {path.name for path in BAD.glob("*.csv")}
    assert listed == on_disk


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path / "data"


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_bad_input_is_refused_with_a_clear_message(case: dict, package_copy: Path):
    shutil.copy(BAD / case["file"], package_copy / f"{case['table']}.csv")
    with pytest.raises(DataError) as caught:
        DataPackage.at(package_copy).load(case["table"])
    message = str(caught.value)
    assert message.startswith(f"data/{case['table']}.csv")
    if case["row"] is not None:
        assert f"row {case['row']} (line {case.get('line', case['row'] + 1)})" in message
    if case["column"] is not None:
        assert f"column '{case['column']}'" in message
    assert case["problem"] in message


# datapackage.json and references.bib: a bad copy replaces the file in the temporary folder,
# and the error names that file and the line of the problem.

FILE_CASES = json.loads((BAD / "manifest_files.json").read_text(encoding="utf-8"))


def test_every_bad_package_file_is_listed():
    on_disk = {path.name for path in [*BAD.glob("datapackage_*.json"), *BAD.glob("references_*.bib")]}
    assert {case["file"] for case in FILE_CASES} == on_disk - {"datapackage_valid.json", "references_valid.bib"}


def test_the_small_files_the_bad_copies_start_from_are_valid(package_copy: Path):
    shutil.copy(BAD / "datapackage_valid.json", package_copy / "datapackage.json")
    assert len(DataPackage.at(package_copy).load("attache_senior_posts")) == 7
    bibliography = Bibliography.read(BAD / "references_valid.bib")
    assert bibliography.keys == {"khalid2024", "drab2023", "un2021"}


@pytest.mark.parametrize("case", FILE_CASES, ids=[case["file"] for case in FILE_CASES])
def test_a_broken_package_file_is_refused_with_its_line(case: dict, package_copy: Path):
    shutil.copy(BAD / case["file"], package_copy.parent / case["replaces"])
    with pytest.raises(DataError) as caught:
        DataPackage.at(package_copy).load("attache_senior_posts")
    message = str(caught.value)
    assert message.startswith(f"{case['replaces']}, line {case['line']}: ")
    assert case["problem"] in message
