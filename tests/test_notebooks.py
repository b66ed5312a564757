"""House rules for notebooks: small in git, runnable alone, with checked figures."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_cell_installs_the_package_when_it_is_missing(path):
    first = cells(path)[0]
    assert first["cell_type"] == "code" and "remove-cell" in first["metadata"].get("tags", [])
    assert "except ModuleNotFoundError" in "".join(first["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_only_checked_cells_keep_outputs_and_those_are_text(path):
    checked = 0
    for cell in cells(path):
        if cell["cell_type"] != "code":
            continue
        if "nbval-check-output" in cell["metadata"].get("tags", []):
            checked += 1
            assert cell["outputs"], "a checked cell needs its stored output, or nbval compares nothing"
            for output in cell["outputs"]:
                assert set(output.get("data", {})) <= {"text/plain"}, "images are never stored"
        else:
            assert not cell["outputs"], "run scripts/refresh_notebook_outputs.py to strip outputs"
    assert checked >= 1, "key figures are checked by nbval"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_a_title_and_the_question(path):
    first_markdown = next(cell for cell in cells(path) if cell["cell_type"] == "markdown")
    text = "".join(first_markdown["source"])
    assert text.startswith("# ") and "**The question.**" in text and "**Time:**" in text
