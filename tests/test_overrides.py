"""The book's site extensions override other packages' templates and lean on their internals.

Each override was checked against one release of the package it stands in for. An upgrade
fails here, naming what to compare again with the new release (and to drop, where the new
release makes it unneeded).
"""

import pytest
# Package -> (the version the overrides were checked against, the overrides).
OVERRIDES_CHECKED_AGAINST = {
    "pydata-sphinx-theme": ("0.17.1", [
        "_ext/lean_assets/templates/layout.html (fontawesome.js left out: pydata/pydata-sphinx-theme#2379, "
        "pull request #2494; search scripts deferred)",
        "_ext/lean_assets: the theme's Font Awesome table in styles/pydata-sphinx-theme.css and its webfonts",
        "_ext/accessibility/templates/theme-switcher.html (name of the colour-mode button; see #1924)",
        "_ext/accessibility/templates/search-button-field.html (name of the search button; see #1499)",
        "_ext/accessibility: generate_toctree_html's <summary> toggles (see #1582)",
    ]),
    "sphinx-book-theme": ("1.3.0", [
        "_ext/explorer_note: the launch-buttons group in header_buttons (Binder, Colab links)",
        "_ext/lean_assets/templates/layout.html extends the book theme's layout",
    ]),
    "myst-nb": ("1.4.0", [
        "_ext/chart_figures: mime_bundle containers, output folder and image naming; render_image "
        "reads only width and height from an image output's metadata (so a chart carries alt text "
        "and caption in its HTML)",
        "_ext/explorer_note: nb_ipywidgets_js, the widget-state script entry, render_widget_view's raw <script>",
    ]),
    "sphinx-thebe": ("0.3.1", ["_ext/lean_assets: its inline script listed twice on every page"]),
    "sphinx-togglebutton": ("0.4.5", ["_ext/lean_assets: its inline script listed twice on every page"]),
    "Sphinx": ("7.4.7", ["_ext/lean_assets: script_files entries rebuilt with their own class (_JavaScript)",
                         "_ext/chart_figures: builder.images and imgpath in the chart image's HTML visitor"]),
}


@pytest.mark.parametrize("package", sorted(OVERRIDES_CHECKED_AGAINST))
def test_overrides_were_checked_against_the_installed_versions(package):
    from importlib.metadata import version

    checked, overrides = OVERRIDES_CHECKED_AGAINST[package]
    installed = version(package)
    assert installed == checked, (
        f"{package} is {installed}, the overrides were checked against {checked}: compare these with "
        f"the new release (and drop any the release makes unneeded), then update OVERRIDES_CHECKED_AGAINST:\n  "
        + "\n  ".join(overrides))
