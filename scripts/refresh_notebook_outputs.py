"""Re-run notebooks and store only the outputs nbval checks.

Cells tagged ``nbval-check-output`` keep their text outputs: they are the expected
values that ``pytest --nbval-lax`` compares against. Every other output (figures,
widgets, tables) is removed, so the notebooks in git stay small and free of images;
the book's build executes them anyway.

    python scripts/refresh_notebook_outputs.py notebooks/*.ipynb
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECKED = "nbval-check-output"


def refresh(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)  # timestamps would change the file on every run
        if CHECKED in cell.metadata.get("tags", []):
            cell.outputs = [output for output in cell.outputs if output.output_type == "stream"
                            or set(output.get("data", {})) <= {"text/plain"}]
        else:
            cell.outputs, cell.execution_count = [], None
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    print(f"refreshed {path}")


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        refresh(Path(argument))
