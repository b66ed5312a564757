"""The print edition: the book as one HTML page that Chromium prints as a book.

Active only when ``edition_print`` is true (``scripts/edition.py --pdf`` sets it, with the
``singlehtml`` builder). It adds the paper stylesheet (``_ext/static/print.css``) and, at the
start of the page, a title page (title, authors, edition, date, licence, the site's address,
how to cite) and a table of contents of every part and page. Each contents entry links to its
page and carries a placeholder page number, ``<span class="print-page" data-doc="…">``, which
``scripts/edition.py`` fills in from the printed PDF's own destinations before printing again;
running heads and page numbers are laid over the pages there too.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

import yaml
from sphinx.application import Sphinx

HERE = Path(__file__).parent
ROOT = HERE.parent
#: What a page number looks like before it is known: as wide as the widest real one,
#: so that filling it in moves nothing.
PLACEHOLDER = "000"


def toc_files(entries: list[dict]) -> list[str]:
    """Every page a list of parts, chapters or sections of a _toc.yml holds, in order."""
    files = []
    for entry in entries:
        if "file" in entry:
            files.append(entry["file"])
        files += toc_files(entry.get("chapters", []) + entry.get("sections", []))
    return files


def toc_parts(toc_path: Path) -> list[tuple[str, list[str]]]:
    """(caption, the part's pages in order) for every part of the edition's _toc.yml."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    return [(part.get("caption", ""), toc_files(part["chapters"])) for part in toc["parts"]]


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def title_page(app: Sphinx) -> str:
    cff = citation()
    authors = ", ".join(author.get("name", "") for author in cff["authors"])
    title = app.config.html_title or app.config.project
    book = cff["title"]
    edition = title[len(book):].strip(" ()") if title.startswith(book) and title != book else "Public edition"
    url = app.config.html_baseurl
    today = datetime.date.today()
    year = today.year
    cite = (f"{authors} ({year}). <em>{html.escape(book)}</em>, version {cff['version']}. "
            f"{html.escape(url)}")
    return f"""
<section class="print-title-page" aria-label="Title page">
  <p class="print-title-page__title">{html.escape(book)}</p>
  <p class="print-title-page__authors">{html.escape(authors)}</p>
  <p class="print-title-page__edition">{html.escape(edition)} · version {html.escape(str(cff['version']))} ·
    {today.day} {today.strftime('%B')} {year}</p>
  <dl class="print-title-page__facts">
    <dt>Read it online, with live explorers</dt><dd><a href="{html.escape(url)}">{html.escape(url)}</a></dd>
    <dt>Licence</dt><dd>Text CC BY 4.0; code MIT. You may share and adapt it with attribution.</dd>
    <dt>How to cite</dt><dd>{cite}</dd>
    <dt>Page numbers</dt><dd>Cite this edition by its printed page numbers ("p. 112").</dd>
  </dl>
</section>
"""


def contents(app: Sphinx) -> str:
    titles = app.env.titles
    root = app.config.root_doc
    rows = [f'<li class="print-contents__opening"><a href="#document-{html.escape(root)}">'
            f'<span class="print-contents__title">{html.escape(titles[root].astext())}</span>'
            f'<span class="print-page" data-doc="{html.escape(root)}">{PLACEHOLDER}</span></a></li>']
    for caption, pages in toc_parts(Path(app.confdir, app.config.external_toc_path)):
        if caption:
            rows.append(f'<li class="print-contents__part">{html.escape(caption)}</li>')
        for index, docname in enumerate(pages):
            title = titles[docname].astext() if docname in titles else docname
            kind = "print-contents__opening" if index == 0 and caption else "print-contents__page"
            rows.append(f'<li class="{kind}"><a href="#document-{html.escape(docname)}">'
                        f'<span class="print-contents__title">{html.escape(title)}</span>'
                        f'<span class="print-page" data-doc="{html.escape(docname)}">{PLACEHOLDER}</span></a></li>')
    return ('<nav class="print-contents" aria-label="Contents"><h2 class="print-contents__heading">Contents</h2>'
            f'<ol>{"".join(rows)}</ol></nav>')


def add_front_matter(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not app.config.edition_print or pagename != app.config.root_doc or "body" not in context:
        return
    # The landing page gets the anchor every other page has in a single-page build.
    anchor = f'<span id="document-{html.escape(pagename)}"></span>'
    context["body"] = title_page(app) + contents(app) + anchor + context["body"]


def add_print_stylesheet(app: Sphinx) -> None:
    if app.config.edition_print:
        app.config.html_static_path.append(str(HERE / "static"))
        app.add_css_file("print.css")


def setup(app: Sphinx) -> dict:
    app.add_config_value("edition_print", False, "html", types=[bool])
    app.connect("builder-inited", add_print_stylesheet)
    app.connect("html-page-context", add_front_matter, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
