"""Time explorer updates as a student meets them: in JupyterLab 4, in headless Chromium.

Starts JupyterLab on 127.0.0.1 over copies of the notebooks in ``_build/jupyterlab/`` (so that
nothing JupyterLab saves lands in the repository), with the book's server setting as ``make lab``
uses it (``jupyter_server_config.py``), runs every notebook in Chromium, and changes
each explorer's controls one at a time (``jupyterlab_updates.mjs``) until ``CHANGES`` changes
have redrawn a chart. Reports, per explorer, the median and 95th percentile of the time from the
change to the redraw laid out in the browser (changes that only show a message apart; then the
charts new to the page apart from those shown again, which the kernel keeps; a new one may have
been drawn ahead while the page waited for the next change, see ``explorer.IDLE_AFTER``; with
``--afresh`` every change is drawn when it comes, nothing kept or drawn ahead), and saves
a screenshot of each explorer to ``benchmarks/jupyterlab/`` for looking at. Needs JupyterLab
(requirements-lab.txt, which ``make bench`` installs), Debian's Chromium and the site-check node
modules. ``benchmarks/run.py`` stores the figures under "jupyterlab" in benchmarks/results.json.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from widget_updates import percentile

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ["attache-networks", "azerbaijan", "timeline", "national-models", "peacekeeping", "alliances-and-exercises"]
CHANGES = 40  # the 95th percentile of 40 is not just the slowest change
SHOTS = ROOT / "benchmarks" / "jupyterlab"
WORK = ROOT / "_build" / "jupyterlab"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(folder: Path, port: int, token: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter-lab"), "--no-browser", "--allow-root", "--ip=127.0.0.1",
         f"--port={port}", f"--ServerApp.token={token}", f"--ServerApp.root_dir={folder}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         f"--config={ROOT / 'jupyter_server_config.py'}"],  # as the README runs it: no 40 ms stalls
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        # The kernel imports this checkout's package, whatever the virtualenv's editable install points at.
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))})


#: A first cell for ``--afresh``: explorers keep no drawings, so that none is drawn ahead or shown again.
AFRESH_CELL = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
               "source": ["from defence_diplomacy import explorer\n", "explorer.REMEMBERED = 0"]}


def jupyterlab_section(changes: int = CHANGES, notebooks: list[str] = NOTEBOOKS, afresh: bool = False) -> dict:
    """Median and 95th percentile milliseconds from a control change to the redrawn chart, per explorer.

    ``afresh``: every change drawn when it comes, nothing kept, drawn ahead or shown again (the
    cost of a drawing, apart from what keeping and drawing ahead save the reader).
    """
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    for name in notebooks:
        notebook = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text())
        if afresh:
            notebook["cells"].insert(0, AFRESH_CELL)
        (WORK / f"{name}.ipynb").write_text(json.dumps(notebook))
    token, port = secrets.token_hex(16), free_port()
    server = _serve(WORK, port, token)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        out = WORK / "result.json"
        SHOTS.mkdir(exist_ok=True)
        for old in SHOTS.glob("*.png"):
            old.unlink()
        subprocess.run(["node", str(ROOT / "benchmarks" / "jupyterlab_updates.mjs"), "--base", f"http://127.0.0.1:{port}",
                        "--token", token, "--notebooks", ",".join(f"{name}.ipynb" for name in notebooks),
                        "--changes", str(changes), "--out", str(out), "--shots", str(SHOTS)], cwd=ROOT, check=True,
                       env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
        result = json.loads(out.read_text())
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {}
    for entry in result["explorers"]:
        charts, messages = entry["charts"], entry["messages"]
        report[f"{entry['notebook']} #{entry['explorer']}"] = {
            "median_ms": round(statistics.median(charts), 1), "p95_ms": round(percentile(charts, 0.95), 1),
            "changes": len(charts), "message_median_ms": round(statistics.median(messages), 1) if messages else None,
            "message_changes": len(messages), "first_change_median_ms": round(statistics.median(entry["firsts"]), 1),
            **_new_and_repeated(entry["fresh"], entry["repeats"]),
            "width_px": round(entry["width"])}
    return {"what": ("in-page time from a control's DOM event to the explorer's last output change laid out "
                     "(style and layout as the next frame needs them); JupyterLab 4 on 127.0.0.1, Chromium headless, 1280x900 window, on this machine"
                     + ("; every change drawn afresh (explorer.REMEMBERED = 0)" if afresh else "")),
            "targets": {"median_ms": 60, "p95_ms": 100}, "explorers": report, "page_errors": result["errors"],
            "screenshots": str(SHOTS.relative_to(ROOT))}


def _new_and_repeated(fresh: list[float], repeats: list[float]) -> dict:
    """The charts drawn for the first time, apart from those shown again (kept by the kernel)."""
    return {"new_median_ms": round(statistics.median(fresh), 1) if fresh else None,
            "new_p95_ms": round(percentile(fresh, 0.95), 1) if len(fresh) > 1 else None, "new_changes": len(fresh),
            "repeat_median_ms": round(statistics.median(repeats), 1) if repeats else None,
            "repeat_changes": len(repeats)}


def print_jupyterlab(section: dict) -> None:
    print(f"{'JupyterLab explorer':<30}{'median ms':>10}{'p95 ms':>8}{'changes':>9}   {'new: median':>12}{'p95':>7}"
          f"{'n':>4}   {'repeats: median':>16}{'n':>4}   {'messages: median ms':>20}{'n':>4}")
    for name, row in section["explorers"].items():
        print(f"{name:<30}{row['median_ms']:>10}{row['p95_ms']:>8}{row['changes']:>9}   {row['new_median_ms']!s:>12}"
              f"{row['new_p95_ms']!s:>7}{row['new_changes']:>4}   {row['repeat_median_ms']!s:>16}{row['repeat_changes']:>4}   "
              f"{row['message_median_ms']!s:>20}{row['message_changes']:>4}")
    for error in section["page_errors"]:
        print(f"  page error: {error}")


if __name__ == "__main__":
    # jupyterlab_updates.py [NOTEBOOK ...] [CHANGES] [--afresh]
    chosen = [a for a in sys.argv[1:] if not a.isdigit() and a != "--afresh"] or NOTEBOOKS
    counts = [int(a) for a in sys.argv[1:] if a.isdigit()]
    print_jupyterlab(jupyterlab_section(counts[0] if counts else CHANGES, chosen, afresh="--afresh" in sys.argv))
