"""Checks of the built site in _build/html (``make test`` builds it first)."""

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"

pytestmark = pytest.mark.skipif(not (SITE / "index.html").is_file(),
                                reason="no built site: run 'make test', which builds it first")


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part["chapters"])
    return files


def pages() -> list[Path]:
    return sorted(p for p in SITE.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_every_page_in_the_toc_was_built():
    missing = [f for f in toc_files() if not (SITE / f"{f}.html").is_file()]
    assert not missing


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(SITE)))
def test_internal_links_resolve(page):
    broken = []
    for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
        for element in soup(page).find_all(tag):
            url = element.get(attribute)
            if not url or urlparse(url).scheme or url.startswith(("#", "//", "data:", "mailto:")):
                continue
            target = (page.parent / unquote(urlparse(url).path)).resolve()
            if not target.exists():
                broken.append(url)
    assert not broken, f"broken links: {broken}"


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(SITE)))
def test_images_have_meaningful_alt_text(page):
    for image in soup(page).find_all("img"):
        alt = (image.get("alt") or "").strip()
        assert alt, f"an image without alt text: {image.get('src', '')[:60]}"
        assert not re.search(r"\.(png|jpe?g|svg|gif)$", alt, re.I), f"alt text is a file name: {alt}"


def test_notebook_pages_show_their_static_chart_and_no_errors():
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        page = soup(SITE / "notebooks" / f"{notebook.stem}.html")
        assert page.select("figure.book-chart img[alt]"), f"{notebook.name}: no static chart on the page"
        text = page.get_text()
        assert "Traceback (most recent call last)" not in text and "Error" not in " ".join(
            block.get_text() for block in page.select(".output.stderr")), notebook.name


# Site quality (see _ext/lean_assets, accessibility, explorer_note, chart_figures): checks of the HTML itself; the browser
# checks (console, requests, axe, bytes) are site-check/check.js, run by make test.

def test_pages_load_no_third_party_scripts_styles_or_fonts():
    for page in pages():
        for element in soup(page).find_all(["script", "link"]):
            url = element.get("src") or (element.get("href") if element.name == "link" and
                                         "stylesheet" in (element.get("rel") or []) else None)
            assert not (url and urlparse(url).scheme in ("http", "https")), f"{page.name}: {url}"


def test_no_page_loads_the_font_awesome_script_or_a_script_twice():
    for page in pages():
        scripts = [s.get("src") or s.get_text() for s in soup(page).find_all("script")
                   if (s.get("type") or "text/javascript") == "text/javascript"]
        assert not any("fontawesome.js" in s for s in scripts), page.name
        inline = [s for s in scripts if s and not s.startswith(("http", "_static", "../", "searchindex"))]
        assert len(inline) == len(set(inline)), f"{page.name}: an inline script appears twice"


def test_widget_outputs_become_a_run_live_note_with_launch_links():
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        page = soup(SITE / "notebooks" / f"{notebook.stem}.html")
        assert not page.select('script[type^="application/vnd.jupyter.widget"]'), notebook.name
        for note in page.select(".live-explorer"):
            hosts = {urlparse(a["href"]).netloc for a in note.select("a.live-explorer__launch")}
            assert {"mybinder.org", "colab.research.google.com"} <= hosts, notebook.name


def test_icon_fonts_and_rules_cover_every_icon_the_pages_use():
    import sys

    from fontTools.ttLib import TTFont

    sys.path.insert(0, str(ROOT / "_ext"))
    from lean_assets import THEME_CSS, _icon_codepoints, _theme_static

    # The theme's full icon table, and what the site ships: pruned rules and cut fonts.
    by_class, _ = _icon_codepoints([(_theme_static() / THEME_CSS).read_text(encoding="utf-8")])
    shipped_css = [p.read_text(encoding="utf-8") for p in (SITE / "_static").rglob("*.css")]
    shipped_rules, drawn_by_css = _icon_codepoints(shipped_css)
    held = set()
    for font in (SITE / "_static" / "lean-assets-fonts").glob("*.woff"):
        held |= set(TTFont(font).getBestCmap())
    used = {name for page in pages() for name in re.findall(r"\bfa-[a-z0-9-]+", page.read_text(encoding="utf-8"))}
    icons = {name for name in used if name in by_class}
    assert icons, "no icon classes found: the check itself is broken"
    assert not sorted(icons - set(shipped_rules)), "icon rules pruned although a page uses them"
    assert not sorted(n for n in icons if by_class[n] not in held), "icons missing from the cut-down fonts"
    assert drawn_by_css <= held


def test_charts_are_image_files_with_their_size():
    for page in pages():
        for image in soup(page).select("figure.book-chart img"):
            assert not image["src"].startswith("data:"), page.name
            assert image.get("width") and image.get("height"), page.name


# Live explorers (see _ext/live_explorers): the browser checks operate them (site-check/check.js).

def test_every_explorer_runs_live_on_its_notebook_page():
    from defence_diplomacy.explorer import EXPLORERS

    found = {}
    for page in (SITE / "notebooks").glob("*.html"):
        for root in soup(page).select("[data-explorer]"):
            found[root["data-explorer"]] = page.name
            assert (page.parent / root["data-spec"]).resolve().is_file(), root["data-spec"]
    assert sorted(found) == sorted(EXPLORERS)


def test_explorer_scripts_load_only_on_explorer_pages_and_vega_only_when_needed():
    for page in pages():
        markup = soup(page)
        sources = [s.get("src", "") for s in markup.find_all("script")]
        live = [s for s in sources if "live-explorers/live.mjs" in s]
        assert bool(live) == bool(markup.select("[data-explorer]")), page.name
        assert all(s.get("type") == "module" for s in markup.find_all("script") if "live-explorers" in s.get("src", ""))
        assert not any("vega" in s for s in sources), f"{page.name}: Vega must load only when an explorer is reached"


def test_notebook_tables_have_no_plain_index_column():
    for page in (SITE / "notebooks").glob("*.html"):
        for table in soup(page).select("table.dataframe"):
            assert "book-table" in table["class"], page.name
            heads = [th.get_text() for th in table.select("tbody tr th")]
            assert not heads or heads != [str(i) for i in range(len(heads))], page.name

