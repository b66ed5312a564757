"""Build an edition of the book: an audience and, optionally, a selection of parts.

    python scripts/edition.py --audience student              # the whole book, for students
    python scripts/edition.py --audience instructor           # ... with solutions and notes open
    python scripts/edition.py --parts history azerbaijan      # two parts, as on the public site
    python scripts/edition.py --audience student --pdf                # the print edition
    python scripts/edition.py --audience instructor --parts history --pdf

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
import logging
import re
import shutil
import subprocess
import sys
import time
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
from print_edition import toc_files  # noqa: E402  (the book's local Sphinx extensions live in _ext/)

EDITIONS = ROOT / "_build" / "editions"
SYLLABUS_PAGE = "chapters/instructors/edition-syllabus"
ALWAYS = ("reference",)  # parts every edition keeps
AUDIENCES = ("public", "student", "instructor")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DEFAULT_PDF = ROOT / "_build" / "pdf" / "military-diplomacy.pdf"


def part_name(part: dict) -> str:
    """A part's name is the folder of its first page: chapters/history/index -> history."""
    folders = Path(part["chapters"][0]["file"]).parts
    return folders[1] if folders[0] == "chapters" and len(folders) > 2 else folders[0]


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


def chromium() -> str | None:
    return next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)


def print_to_pdf(browser: str, html: Path, pdf: Path) -> None:
    """Print an HTML file to PDF with a headless Chromium; the page's CSS sets paper and margins."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.unlink(missing_ok=True)
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               "--run-all-compositor-stages-before-draw", "--virtual-time-budget=20000",
               f"--print-to-pdf={pdf}", html.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode or not pdf.is_file():
        raise SystemExit(f"Chromium could not print {html}:\n{result.stderr[-2000:]}")


def start_pages(pdf: Path) -> dict[str, int]:
    """The printed page (1-based) on which each page of the book starts, from the PDF's own
    destinations: Chromium keeps every element id as a named destination, and each page of a
    single-page build opens with the id ``document-<docname>``."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    return {name[len("/document-"):]: reader.get_destination_page_number(destination) + 1
            for name, destination in reader.named_destinations.items() if name.startswith("/document-")}


def numbered_contents(html: str, pages: dict[str, int]) -> str:
    """The page with each contents entry's placeholder page number filled in."""
    def number(match: re.Match) -> str:
        return f'{match.group(1)}{pages.get(html_unescape(match.group(2)), "")}</span>'

    return PAGE_NUMBER.sub(number, html)


CONTENTS_ENTRY = re.compile(r'<a href="#document-([^"]+)"><span class="print-contents__title">(.*?)</span>')
PAGE_NUMBER = re.compile(r'(<span class="print-page" data-doc="([^"]+)">)\d+</span>')


def running_heads(pages: dict[str, int], titles: dict[str, str], count: int, book: str, first_text_page: int) -> str:
    """An HTML document of ``count`` sheets, each with the running head and page number of one
    printed page: the book's title on the left, the page of the book on the right."""
    starts = sorted((page, titles.get(doc, doc)) for doc, page in pages.items())
    sheets = []
    for number in range(1, count + 1):
        current = next((title for page, title in reversed(starts) if page <= number), "")
        if number < first_text_page:  # the title page and the contents carry none
            sheets.append('<div class="sheet"></div>')
            continue
        sheets.append(f'<div class="sheet"><div class="head"><span>{html_escape(book)}</span>'
                      f'<span>{html_escape(current)}</span></div><div class="foot">{number}</div></div>')
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
            "@page{size:A4;margin:0}body{margin:0;font:8pt 'DejaVu Sans',sans-serif;color:#555}"
            ".sheet{position:relative;width:210mm;height:296.8mm;break-after:page;overflow:hidden}"
            ".head{position:absolute;top:7mm;left:14mm;right:14mm;display:flex;justify-content:space-between;"
            "gap:8mm;border-bottom:0.4pt solid #aaa;padding-bottom:1mm}"
            ".foot{position:absolute;bottom:8mm;left:0;right:0;text-align:center;font-size:9pt}"
            "</style></head><body>" + "".join(sheets) + "</body></html>")


def print_book(html: Path, pdf: Path, book: str) -> int:
    """Print the single-page edition as a book: contents with page numbers, running heads and
    page numbers on every page after the contents.

    The first printing tells on which page each page of the book starts; the contents are
    numbered from it and the book printed again (the numbers take the placeholders' room, so
    nothing moves; this is checked). Running heads and page numbers, printed by Chromium as
    sheets of their own, are laid over the pages with pypdf.
    """
    from pypdf import PdfReader, PdfWriter

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Chromium's trailers undercount objects; harmless
    browser = chromium()
    if browser is None:
        print(f"no Chromium found ({', '.join(BROWSERS)}): install Debian's chromium package", file=sys.stderr)
        return 1
    work = pdf.parent / f".{pdf.stem}"
    work.mkdir(parents=True, exist_ok=True)
    first = work / "unnumbered.pdf"
    print_to_pdf(browser, html, first)
    pages = start_pages(first)
    numbered_html = html.with_name(f"{html.stem}-numbered.html")
    page = html.read_text(encoding="utf-8")
    numbered_html.write_text(numbered_contents(page, pages), encoding="utf-8")
    numbered = work / "numbered.pdf"
    print_to_pdf(browser, numbered_html, numbered)
    if start_pages(numbered) != pages:
        raise SystemExit("filling in the contents' page numbers moved the pages; widen the placeholder")
    titles = {doc: html_unescape(re.sub(r"<[^>]+>", "", title)) for doc, title in
              re.findall(r'data-doc="([^"]+)">\d*</span>', page) and
              re.findall(r'<a href="#document-([^"]+)"><span class="print-contents__title">(.*?)</span>', page)}
    reader = PdfReader(numbered)
    heads_html = work / "heads.html"
    first_text_page = min(pages.values())
    heads_html.write_text(running_heads(pages, titles, len(reader.pages), book, first_text_page), encoding="utf-8")
    heads = work / "heads.pdf"
    print_to_pdf(browser, heads_html, heads)
    writer = PdfWriter(clone_from=reader)
    for sheet, target in zip(PdfReader(heads).pages, writer.pages):
        target.merge_page(sheet)
    pdf.unlink(missing_ok=True)
    with pdf.open("wb") as out:
        writer.write(out)
    shutil.rmtree(work, ignore_errors=True)
    numbered_html.unlink(missing_ok=True)
    print(f"printed {pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf} ({len(reader.pages)} pages)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", nargs="*", default=[], help="part names (folders under chapters/)")
    parser.add_argument("--audience", choices=AUDIENCES, default="public")
    parser.add_argument("--builder", choices=("html", "singlehtml"), default="html")
    parser.add_argument("--name", help="folder under _build/editions/ (default: from parts and audience)")
    parser.add_argument("--pdf", type=Path, nargs="?", const=DEFAULT_PDF,
                        help="also print the edition as a PDF book (needs Chromium); default: "
                             "_build/pdf/military-diplomacy.pdf, with the edition's name for a selection")
    args = parser.parse_args()
    if args.pdf:
        args.builder = "singlehtml"
    parts = [part for arg in args.parts for part in arg.split()]  # accepts PARTS="a b" from make

    book_toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    book_config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    toc = edition_toc(book_toc, parts)
    # Parts are captioned "Part I" and so on: an edition is named by its parts' opening pages.
    names = [page_title(part["chapters"][0]["file"]) for part in toc["parts"] if part_name(part) in parts]
    label = ", ".join(names) if parts else f"{args.audience.capitalize()} edition"
    title = book_config["title"] if label == "Public edition" else f"{book_config['title']} ({label})"
    name = args.name or "-".join(parts + ([args.audience] if args.audience != "public" or not parts else []))
    if args.pdf == DEFAULT_PDF and (parts or args.audience != "student"):
        args.pdf = DEFAULT_PDF.with_name(f"military-diplomacy-{name}.pdf")
    if args.pdf and not args.name:
        name = f"print-{name}"  # the single-page build of an edition, beside its site

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
    return print_book(out / "_build" / "singlehtml" / f"{toc['root']}.html", args.pdf.resolve(),
                      book_config["title"].split(":")[0])


if __name__ == "__main__":
    sys.exit(main())
