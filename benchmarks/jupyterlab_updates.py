"""Time explorer updates as a student meets them: in JupyterLab, in headless Chromium.

Starts a JupyterLab server on 127.0.0.1 over copies of the notebooks (so that nothing is
saved into the repository), runs every notebook in Chromium, and changes each explorer's
controls one at a time (``jupyterlab_updates.mjs``), at least ``CHANGES`` times per
explorer. Reports, per explorer, the median and 95th percentile of the time from the change
to the finished redraw in the browser, and saves a screenshot of each explorer to
``_build/jupyterlab-explorers/`` for looking at. Needs JupyterLab (requirements-bench.txt),
Debian's Chromium and the site-check node modules.
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
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ["attache-networks", "azerbaijan", "timeline", "national-models", "peacekeeping", "alliances-and-exercises"]
CHANGES = 40
SHOTS = ROOT / "_build" / "jupyterlab-explorers"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def jupyterlab_section(changes: int = CHANGES) -> dict:
    token, port = secrets.token_hex(16), free_port()
    with tempfile.TemporaryDirectory() as folder:
        for name in NOTEBOOKS:
            shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", folder)
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter-lab"), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
             "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--allow-root"],
            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "JUPYTER_CONFIG_DIR": str(Path(folder) / ".jupyter")})
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            out = Path(folder) / "result.json"
            shutil.rmtree(SHOTS, ignore_errors=True)
            subprocess.run(["node", str(ROOT / "benchmarks" / "jupyterlab_updates.mjs"), "--base",
                            f"http://127.0.0.1:{port}", "--token", token, "--notebooks",
                            ",".join(f"{name}.ipynb" for name in NOTEBOOKS), "--changes", str(changes),
                            "--out", str(out), "--shots", str(SHOTS)], cwd=ROOT, check=True,
                           env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
            result = json.loads(out.read_text())
        finally:
            server.terminate()
            server.wait(timeout=30)
    report = {}
    for entry in result["explorers"]:
        times = entry["times"]
        name = f"{entry['notebook'].removesuffix('.ipynb')} #{entry['explorer']}"
        report[name] = {"median_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
                        "changes": len(times)}
    return {"changes_per_explorer": changes, "explorers": report, "page_errors": result["errors"],
            "screenshots": str(SHOTS.relative_to(ROOT))}


def print_jupyterlab(section: dict) -> None:
    print(f"JupyterLab, in Chromium (change to finished redraw, {section['changes_per_explorer']} changes each):")
    for name, figures in section["explorers"].items():
        print(f"  {name:30} median {figures['median_ms']:6.1f} ms   p95 {figures['p95_ms']:6.1f} ms")
    for error in section["page_errors"]:
        print(f"  page error: {error}")


if __name__ == "__main__":
    print_jupyterlab(jupyterlab_section(int(sys.argv[1]) if len(sys.argv) > 1 else CHANGES))
