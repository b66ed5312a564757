"""Build an edition of the book: an audience and, optionally, a selection of parts.

    python scripts/edition.py --audience student              # the whole book, for students
    python scripts/edition.py --audience instructor           # ... with solutions and notes open
    python scripts/edition.py --parts history azerbaijan      # two parts, as on the public site
    python scripts/edition.py --audience student --name print --pdf _build/pdf/book.pdf

An edition with parts keeps the landing page, those parts (with the notebooks listed under
them in _toc.yml), a syllabus of their weeks, and the Reference part (glossary,
bibliography). The script writes the edition's _config.yml and _toc.yml, derived from the
book's, into _build/editions/<name>/ and builds there; nothing outside _build/ is written.
The logic that acts on the pages is the local Sphinx extension in _ext/editions.py.
With --pdf, the edition is built as one HTML page with a paper stylesheet and printed to
PDF by a headless Chromium (Debian's package `chromium`), which must be installed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ROOT / "_build" / "editions"
SYLLABUS_PAGE = "chapters/instructors/edition-syllabus"
ALWAYS = ("reference",)  # parts every edition keeps
AUDIENCES = ("public", "student", "instructor")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def part_name(part: dict) -> str:
    """A part's name is the folder of its first page: chapters/history/index -> history."""
    folders = Path(part["chapters"][0]["file"]).parts
    return folders[1] if folders[0] == "chapters" and len(folders) > 2 else folders[0]


def toc_files(entries: list[dict]) -> list[str]:
    """Every page a list of parts, chapters or sections holds, in order."""
    files = []
    for entry in entries:
        if "file" in entry:
            files.append(entry["file"])
        files += toc_files(entry.get("chapters", []) + entry.get("sections", []))
    return files


def page_title(docname: str) -> str:
    """The first level-one heading of a page (.md or .ipynb), or its name if it has none."""
    for suffix in (".md", ".ipynb"):
        path = ROOT / f"{docname}{suffix}"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if suffix == ".ipynb":
            text = "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"]
                             if cell["cell_type"] == "markdown")
        for line in text.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return docname


def edition_toc(toc: dict, parts: list[str]) -> dict:
    """The book's TOC cut down to the given parts (all parts when none are given)."""
    if not parts:
        return toc
    names = [part_name(part) for part in toc["parts"]]
    unknown = sorted(set(parts) - set(names))
    if unknown:
        raise SystemExit(f"unknown part(s) {', '.join(unknown)}; the TOC has: {', '.join(names)}")
    kept = [part for part in toc["parts"] if part_name(part) in parts]
    syllabus = {"caption": "Syllabus of this edition", "chapters": [{"file": SYLLABUS_PAGE}]}
    always = [part for part in toc["parts"] if part_name(part) in ALWAYS and part_name(part) not in parts]
    return {**toc, "parts": kept + [syllabus] + always}


def edition_config(config: dict, toc: dict, audience: str, parts: list[str], title: str) -> dict:
    """The book's configuration with the edition's settings on top."""
    config = yaml.safe_load(yaml.safe_dump(config))  # a deep copy
    config["title"] = title
    # Share the main build's executed notebooks: an edition never re-runs an unchanged one.
    config.setdefault("execute", {})["cache"] = str(ROOT / "_build" / ".jupyter_cache")
    sphinx = config.setdefault("sphinx", {})
    # The generated config lives under _build/, so point the extensions at the book's folder.
    sphinx["local_extensions"] = {name: str((ROOT / path).resolve())
                                  for name, path in sphinx.get("local_extensions", {}).items()}
    settings = sphinx.setdefault("config", {})
    book_pages = set(toc_files(yaml.safe_load((ROOT / "_toc.yml").read_text())["parts"]))
    settings["edition_audience"] = audience
    settings["edition_parts"] = parts
    settings["edition_excluded_docs"] = {doc: page_title(doc) for doc in sorted(
        book_pages - set(toc_files(toc["parts"])))}
    if audience == "student":
        settings["hide_solutions"] = True  # sphinx-exercise leaves solutions out of the pages
        settings["html_copy_source"] = False  # ... and this leaves the sources out of _sources/
        settings.setdefault("html_theme_options", {})["use_download_button"] = False
        config.setdefault("html", {})["use_edit_page_button"] = False
    return config


def print_to_pdf(html: Path, pdf: Path) -> int:
    """Print an HTML file to PDF with a headless Chromium; the page's CSS sets paper and margins."""
    browser = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if browser is None:
        print(f"no Chromium found ({', '.join(BROWSERS)}): install Debian's chromium package", file=sys.stderr)
        return 1
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.unlink(missing_ok=True)
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               "--run-all-compositor-stages-before-draw", "--virtual-time-budget=20000",
               f"--print-to-pdf={pdf}", html.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode or not pdf.is_file():
        print(result.stderr, file=sys.stderr)
        return result.returncode or 1
    print(f"printed {pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", nargs="*", default=[], help="part names (folders under chapters/)")
    parser.add_argument("--audience", choices=AUDIENCES, default="public")
    parser.add_argument("--builder", choices=("html", "singlehtml"), default="html")
    parser.add_argument("--name", help="folder under _build/editions/ (default: from parts and audience)")
    parser.add_argument("--pdf", type=Path, help="also print the edition to this PDF file (needs Chromium)")
    args = parser.parse_args()
    if args.pdf:
        args.builder = "singlehtml"
    parts = [part for arg in args.parts for part in arg.split()]  # accepts PARTS="a b" from make

    book_toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    book_config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    toc = edition_toc(book_toc, parts)
    captions = [part["caption"] for part in toc["parts"] if part_name(part) in parts]
    label = ", ".join(captions) if parts else f"{args.audience.capitalize()} edition"
    title = book_config["title"] if label == "Public edition" else f"{book_config['title']} ({label})"
    name = args.name or "-".join(parts + ([args.audience] if args.audience != "public" or not parts else []))

    out = EDITIONS / name
    out.mkdir(parents=True, exist_ok=True)
    (out / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    config = edition_config(book_config, toc, args.audience, parts, title)
    config["sphinx"]["config"]["edition_print"] = bool(args.pdf)
    (out / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "--path-output", str(out), "--config", str(out / "_config.yml"),
               "--toc", str(out / "_toc.yml"), "--builder", args.builder, "-W", "-n", "--keep-going"]
    shutil.rmtree(out / "_build" / args.builder, ignore_errors=True)  # no stale pages or sources
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT)
    print(f"edition {name!r} ({args.audience}, {args.builder}) built in "
          f"{time.perf_counter() - start:.0f} s into {(out / '_build' / args.builder).relative_to(ROOT)}")
    if result.returncode or not args.pdf:
        return result.returncode
    return print_to_pdf(out / "_build" / "singlehtml" / f"{toc['root']}.html", args.pdf.resolve())


if __name__ == "__main__":
    sys.exit(main())
