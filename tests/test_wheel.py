"""The Colab path: a notebook runs from an empty folder with only the wheel installed.

Builds the wheel, installs it into a fresh virtual environment (with the same pinned
versions of its dependencies), copies one notebook into an empty temporary folder and
executes it there, where no data/ folder exists.
"""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "attache-networks.ipynb"

EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
import defence_diplomacy, defence_diplomacy.data as data
print(defence_diplomacy.__file__)
print(data.default_directory())
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
                   check=True)
    return next(out.glob("defence_diplomacy-*.whl"))


def test_wheel_carries_the_tables_and_the_bibliography(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "defence_diplomacy/tables/datapackage.json" in names
    assert "defence_diplomacy/tables/references.bib" in names
    assert "defence_diplomacy/tables/attache_networks.csv" in names


def test_notebook_runs_from_an_empty_folder_with_only_the_wheel(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel), "nbclient", "ipykernel",
                    "--constraint", str(ROOT / "requirements.txt")], check=True)
    workdir = tmp_path / "empty"
    workdir.mkdir()
    shutil.copy(NOTEBOOK, workdir)
    result = subprocess.run([str(python), "-c", EXECUTE, NOTEBOOK.name], cwd=workdir, check=True,
                            capture_output=True, text=True)
    package_file, data_directory = result.stdout.split()[-2:]
    assert package_file.startswith(str(venv)), "the wheel's copy was imported, not the clone's"
    assert data_directory.endswith("defence_diplomacy/tables")
