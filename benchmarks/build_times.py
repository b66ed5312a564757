"""Time the book's build: cold (no cache, notebooks executed) and warm (nothing changed).

Each of ``--runs`` rounds builds the book into a new, empty output folder (cold:
no Sphinx environment, no execution cache), then builds it again into the same
folder (warm). The medians go under the "build" key of
benchmarks/results.json; other keys in that file are left as they are.

    .venv/bin/python benchmarks/build_times.py [--runs 3]

This reports; nothing asserts on the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"


def build_command(output: Path) -> list[str]:
    """The build ``make book`` runs, written to ``output`` instead of the repository."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    return [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(output)]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.stdout.write(completed.stdout[-4000:])
        raise SystemExit(f"build failed ({completed.returncode}): {' '.join(command)}")
    return elapsed


def measure(runs: int) -> dict:
    cold, warm = [], []
    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory(prefix="book-build-") as folder:
            command = build_command(Path(folder))
            cold.append(timed(command))
            warm.append(timed(command))
        print(f"run {run}: cold {cold[-1]:.1f} s, warm {warm[-1]:.1f} s", flush=True)
    return {
        "cold_seconds_median": round(statistics.median(cold), 2),
        "warm_seconds_median": round(statistics.median(warm), 2),
        "cold_seconds": [round(t, 2) for t in cold],
        "warm_seconds": [round(t, 2) for t in warm],
        "runs": runs,
        "what": ("cold: a new output folder, so no Sphinx environment and no execution cache "
                 "(every notebook runs); warm: the same build again with nothing changed"),
        "command": "make bench (benchmarks/build_times.py)",
        "build": "jupyter-book build . -W -n --keep-going --path-output <new folder>",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.system()},
        "measured": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()

    build = measure(args.runs)
    results = json.loads(args.results.read_text(encoding="utf-8")) if args.results.is_file() else {}
    results["build"] = build
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"build: cold {build['cold_seconds_median']} s, warm {build['warm_seconds_median']} s "
          f"(medians of {args.runs}); written to {args.results.relative_to(ROOT)} under 'build'")


if __name__ == "__main__":
    main()
