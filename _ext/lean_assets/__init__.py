"""Lean pages: each script once, scripts deferred, and icons from fonts cut to the book's glyphs.

A small Sphinx extension, loaded through ``sphinx.local_extensions`` in ``_config.yml``.

* **Each script once** (always on): sphinx-thebe 0.3.1 and sphinx-togglebutton 0.4.5 add
  their inline scripts from an event that runs after the builder has copied the
  registry's scripts, so each is listed twice, and a second ``const THEBE_JS_URL`` is a
  SyntaxError on every page. Duplicate entries of the page's ``script_files`` are dropped
  (``html-page-context``). No upstream issue was found to name; re-check on an upgrade.
* **Deferred scripts** (``lean_assets_defer_scripts``, default True): the page's own
  script files get ``defer``, so that they do not hold up the first paint; the theme's
  search scripts, written by its layout, are deferred in ``templates/layout.html``.
* **Icon fonts** (``lean_assets_icon_fonts``, default True): the theme loads Font Awesome
  as a 1.5 MB script that swaps ``<i>`` tags for SVG (pydata/pydata-sphinx-theme#2379).
  The script is left out (``templates/layout.html``); the icons are drawn by the theme's
  own Font Awesome CSS, from fonts cut down, when the build finishes, to the glyphs the
  built pages use, and the theme's stylesheet loses the rules of icons no page uses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from rebuild_on_change import rebuild_when_changed

HERE = Path(__file__).parent
LOGGER = logging.getLogger(__name__)


# Scripts -------------------------------------------------------------------------

def _script_key(script: Any) -> tuple:
    # The same inline script arrives once with filename None and once with "".
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {})
    return filename, tuple(sorted((k, str(v)) for k, v in attributes.items()))


# Scripts that inline scripts use while the page is parsed stay blocking.
KEEP_BLOCKING = {"_static/documentation_options.js"}


def _deferred(script: Any) -> Any:
    """The same script with ``defer``, so that it does not hold up the first paint.

    Deferred scripts still run in document order, after the page is parsed and before
    DOMContentLoaded, which is when these set themselves up. Inline scripts, async ones and
    those in KEEP_BLOCKING are left as they are; so is every script on the search page,
    whose own inline code calls doctools.js. (The entry is rebuilt with its own class,
    Sphinx's ``_JavaScript``: the one way to change a registered script's attributes.)"""
    filename = getattr(script, "filename", None)
    attributes = dict(getattr(script, "attributes", {}))
    if (not filename or filename in KEEP_BLOCKING or "://" in filename
            or {"async", "defer"} & set(attributes) or attributes.get("type", "text/javascript") != "text/javascript"):
        return script
    attributes["defer"] = "defer"
    return type(script)(filename, priority=script.priority, **attributes)


def clean_page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Each script entry once; deferred where that is safe."""
    context["lean_assets_icon_fonts"] = app.config.lean_assets_icon_fonts
    context["lean_assets_defer_scripts"] = app.config.lean_assets_defer_scripts
    if "script_files" not in context:
        return
    defer = app.config.lean_assets_defer_scripts and pagename != "search"
    seen, kept = set(), []
    for script in context["script_files"]:
        key = _script_key(script)
        if key in seen:
            continue
        seen.add(key)
        kept.append(_deferred(script) if defer else script)
    context["script_files"] = kept


# Icons ---------------------------------------------------------------------------

FONT_DIR = "_static/lean-assets-fonts"
FONTS = {  # the theme's Font Awesome fonts, by the file name its CSS uses
    "fa-solid-900": "Font Awesome 6 Free",
    "fa-regular-400": "Font Awesome 6 Free",
    "fa-brands-400": "Font Awesome 6 Brands",
}
THEME_CSS = Path("styles") / "pydata-sphinx-theme.css"

# Regular expressions over CSS and over the built pages, not over HTML markup: the
# stylesheet is the theme's compiled Font Awesome table (selectors and content values in a
# fixed shape), and "which fa-NAME classes does any page or script mention" is a search for
# words. fontTools subsets the fonts; nothing here rewrites a page.
ICON_RULE = re.compile(r"(?<=[}/])((?:\.fa-[\w-]+:+before,?)+)\{content:[^{}]*\}")


def _theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def _icon_codepoints(css_texts: list[str]) -> tuple[dict[str, int], set[int]]:
    """From stylesheets: icon class -> code point (the theme's Font Awesome table), and the
    code points other rules draw in pseudo-elements (admonition and breadcrumb icons)."""
    by_class: dict[str, int] = {}
    used_by_css: set[int] = set()
    for css in css_texts:
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            # A glyph is written as an escape ("\f0f3") or as the private-use character itself.
            points = [int(p[1:], 16) if p.startswith("\\") else ord(p)
                      for p in re.findall(r'(?:content|--[\w-]+):\s*"(\\[0-9a-fA-F]{4,5}|[\ue000-\uf8ff])"', body)]
            if not points:
                continue
            names = re.findall(r"\.(fa-[\w-]+):+before", selectors)
            if names and all(s.strip().startswith(".fa-") for s in selectors.split(",")):
                for name in names:
                    by_class[name] = points[0]
            else:
                used_by_css.update(points)
    return by_class, used_by_css


def prune_icon_rules(outdir: Path, static: Path, names: set[str]) -> None:
    """Write the theme stylesheet without the rules of icons no page uses.

    Its Font Awesome table (about 1,900 ``.fa-NAME:before{content:...}`` rules) is a third
    of the largest stylesheet every page waits for; the book uses a few dozen. Rules with
    any used name are kept whole."""
    css = (static / THEME_CSS).read_text(encoding="utf-8")

    def keep_used(match: re.Match) -> str:
        used = set(re.findall(r"\.(fa-[\w-]+):", match.group(1))) & names
        return match.group(0) if used else ""

    (outdir / "_static" / THEME_CSS).write_text(ICON_RULE.sub(keep_used, css), encoding="utf-8")


def subset_icon_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Fonts holding only the glyphs the built site uses, and the theme stylesheet with
    only the icon rules the site uses."""
    if exception or app.builder.format != "html" or not app.config.lean_assets_icon_fonts:
        return
    from fontTools import subset

    outdir = Path(app.outdir)
    static = _theme_static()
    # Every stylesheet the site ships: the theme's (with its icon table) and the
    # extensions' (sphinx-exercise draws its title icon from the same font).
    css_files = [static / THEME_CSS] + sorted(
        f for f in (outdir / "_static").rglob("*.css") if f.relative_to(outdir / "_static") != THEME_CSS)
    by_class, codepoints = _icon_codepoints([f.read_text(encoding="utf-8") for f in css_files])

    names: set[str] = set()
    texts = [p for p in outdir.rglob("*.html") if "_sources" not in p.parts]
    texts += [p for p in (outdir / "_static").rglob("*.js") if "fontawesome" not in p.name]
    for path in texts:
        names.update(re.findall(r"\bfa-[a-z0-9-]+", path.read_text(encoding="utf-8", errors="ignore")))
    codepoints.update(by_class[name] for name in names if name in by_class)

    prune_icon_rules(outdir, static, names)

    target = outdir / FONT_DIR
    target.mkdir(parents=True, exist_ok=True)
    for stem in FONTS:
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(static / "vendor" / "fontawesome" / "webfonts" / f"{stem}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        subset.save_font(font, str(target / f"{stem}.woff"), options)
    LOGGER.info(f"lean_assets: icon fonts cut down to {len(codepoints)} glyphs")


# Set-up --------------------------------------------------------------------------

def configure(app: Sphinx, config) -> None:
    if config.lean_assets_icon_fonts or config.lean_assets_defer_scripts:
        config.templates_path = [str(HERE / "templates"), *config.templates_path]
    if config.lean_assets_icon_fonts:
        config.html_static_path = [*config.html_static_path, str(HERE / "static")]


def add_css(app: Sphinx) -> None:
    if app.config.lean_assets_icon_fonts:
        app.add_css_file("lean-assets.css")


def setup(app: Sphinx) -> dict:
    app.add_config_value("lean_assets_icon_fonts", True, "html", [bool])
    app.add_config_value("lean_assets_defer_scripts", True, "html", [bool])
    app.connect("config-inited", configure)
    app.connect("builder-inited", add_css)
    app.connect("env-get-outdated", rebuild_when_changed(HERE, "lean_assets"))
    app.connect("html-page-context", clean_page_scripts, priority=900)
    app.connect("build-finished", subset_icon_fonts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
