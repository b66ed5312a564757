"""Time the book's interactive paths and write benchmarks/results.json.

Each section is one function returning a JSON-ready dict; ``SECTIONS`` lists
them (``--only NAME ...`` runs some). Widget updates are timed by ``widget_updates.py`` inside a
kernel, and as a student meets them, in JupyterLab in Chromium, by ``jupyterlab_updates.py``; the
live explorers of the built site by ``site-check/bench-explorers.js``, in Chromium. Loading is timed in a fresh process per run, so that nothing is
cached and imports are not counted: the child imports the package first,
then times loading every table, each one separately and all together.

Run with ``make bench`` (or ``python benchmarks/run.py``).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from jupyterlab_updates import jupyterlab_section, print_jupyterlab
from widget_updates import print_widgets, widgets_section

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
RUNS = 7

# Runs in a fresh interpreter: one cold load of every table, timed per table.
_CHILD = """
import json, time
from defence_diplomacy.data import DataPackage, default_directory
package = DataPackage.at(default_directory())
names = package.names()
times = {}
start = time.perf_counter()
for name in names:
    began = time.perf_counter()
    package.load(name)
    times[name] = (time.perf_counter() - began) * 1000
times["__all__"] = (time.perf_counter() - start) * 1000
print(json.dumps(times))
"""


def load_section(runs: int = RUNS) -> dict:
    """Median milliseconds to load and validate every table, and each table, over fresh processes."""
    samples = []
    for _ in range(runs):
        child = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, check=True, capture_output=True, text=True)
        samples.append(json.loads(child.stdout))
    names = [name for name in samples[0] if name != "__all__"]
    return {
        "runs": runs,
        "all_tables_median_ms": round(statistics.median(s["__all__"] for s in samples), 1),
        "tables": {name: round(statistics.median(s[name] for s in samples), 1) for name in names},
    }


def notebooks_section(runs: int = 3) -> dict:
    """Median seconds to execute each notebook in a fresh kernel, as nbval and the build do."""
    import nbformat
    from nbclient import NotebookClient

    times = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        samples = []
        for _ in range(runs):
            notebook = nbformat.read(path, as_version=4)
            client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                                    resources={"metadata": {"path": str(path.parent)}})
            start = time.perf_counter()
            client.execute()
            samples.append(time.perf_counter() - start)
        times[path.stem] = round(statistics.median(samples), 1)
    return {"runs": runs, "seconds": times}


def live_explorers_section() -> dict:
    """The live explorers of the built site, in Chromium: median and 95th percentile milliseconds from
    a control change to the redrawn chart (at least 30 changes each), and each page's bytes (gzip)."""
    child = subprocess.run(["node", "site-check/bench-explorers.js", "--site", "_build/html", "--changes", "30"],
                           cwd=ROOT, check=True, capture_output=True, text=True,
                           env={**__import__("os").environ, "CHROME_PATH": "/usr/bin/chromium"})
    measured = json.loads(child.stdout)
    measured["what"] = ("in-page time from a control's change event to the Vega view's finished run, canvas renderer, "
                        "Chromium headless on this machine; bytes: everything an explorer page transfers once its "
                        "explorers have loaded, gzip-compressed as served (site-check/server.js)")
    measured["targets"] = {"median_ms": 16, "p95_ms": 50, "page_bytes_gzip": 600 * 1024}
    return measured


SECTIONS = {"load": load_section, "widgets": widgets_section, "jupyterlab": jupyterlab_section,
            # the same, every change drawn when it comes: what keeping and drawing ahead save, apart
            "jupyterlab_afresh": lambda: jupyterlab_section(afresh=True),
            "notebooks": notebooks_section, "live_explorers": live_explorers_section}


def print_live(section: dict) -> None:
    print(f"{'live explorer':<22}{'median ms':>10}{'p95 ms':>8}{'changes':>9}{'page kB gzip':>14}")
    for name, row in section["explorers"].items():
        print(f"{name:<22}{row['median_ms']:>10}{row['p95_ms']:>8}{row['changes']:>9}{row['page_bytes_gzip'] / 1024:>14.0f}")


def print_load(section: dict) -> None:
    width = max(map(len, section["tables"]))
    print(f"{'table':<{width}}  median ms")
    for name, ms in section["tables"].items():
        print(f"{name:<{width}}  {ms:9.1f}")
    print(f"{'all tables':<{width}}  {section['all_tables_median_ms']:9.1f}  (median of {section['runs']} fresh processes)")


def main() -> None:
    only = sys.argv[sys.argv.index("--only") + 1:] if "--only" in sys.argv else list(SECTIONS)
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    for name in only:
        results[name] = SECTIONS[name]()
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    if only != list(SECTIONS):
        print_widgets(results["widgets"]) if "widgets" in only else None
        print_jupyterlab(results["jupyterlab"]) if "jupyterlab" in only else None
        print_jupyterlab(results["jupyterlab_afresh"]) if "jupyterlab_afresh" in only else None
        print_live(results["live_explorers"]) if "live_explorers" in only else None
        print(f"wrote {RESULTS.relative_to(ROOT)}")
        return
    print_load(results["load"])
    print()
    print_widgets(results["widgets"])
    print()
    print_jupyterlab(results["jupyterlab"])
    print()
    print("every change drawn afresh:")
    print_jupyterlab(results["jupyterlab_afresh"])
    print()
    print(f"{'notebook':<28}{'seconds':>8}  (median of {results['notebooks']['runs']} runs, fresh kernel)")
    for name, seconds in results["notebooks"]["seconds"].items():
        print(f"{name:<28}{seconds:>8}")
    print()
    print_live(results["live_explorers"])
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
