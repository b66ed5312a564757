"""The package the notebooks import: loading, year formatting, charts and widget plans."""

import io
import re

import matplotlib
import pandas as pd
import pytest

from defence_diplomacy import DataError, _render, attache_networks, explorer, format_year, load, style, table_names
from defence_diplomacy.data import DataPackage, default_package


def test_every_table_loads_and_every_row_cites_a_known_source():
    bibliography = default_package().bibliography.keys
    for name in table_names():
        frame = load(name)
        assert len(frame) > 0, name
        assert frame["source"].notna().all() and frame["locator"].notna().all(), name
        assert set(frame["source"]) <= bibliography, name


def test_load_returns_a_fresh_copy():
    first = load("attache_networks")
    first.loc[0, "value"] = -1
    assert load("attache_networks").loc[0, "value"] != -1


def test_unknown_table_names_the_known_ones():
    with pytest.raises(KeyError, match="attache_networks"):
        load("no_such_table")


@pytest.mark.parametrize("year, text", [(-215, "215 BCE"), (-1, "1 BCE"), (1, "1"), (1857, "1857")])
def test_format_year(year, text):
    assert format_year(year) == text


def test_there_is_no_year_zero():
    with pytest.raises(ValueError, match="no year 0"):
        format_year(0)


def test_seed_figures_are_stored_with_their_qualifiers():
    attaches = load("attache_networks").set_index(["country", "measure"])
    assert attaches.loc[("USA", "military_representatives"), ["value", "qualifier"]].tolist() == [500, "at_least"]
    assert attaches.loc[("GBR", "defence_attaches"), "value"] == 129
    assert attaches.loc[("ESP", "defence_attaches"), "value"] == 39
    assert len(load("attache_senior_posts")) == 7


def test_a_broken_table_names_file_row_column_and_problem(tmp_path):
    for path in default_package().directory.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    text = (tmp_path / "attache_networks.csv").read_text(encoding="utf-8")
    (tmp_path / "attache_networks.csv").write_text(text.replace(",129,", ",many,"), encoding="utf-8")
    package = DataPackage.at(tmp_path, default_package().bibliography_path)
    with pytest.raises(DataError) as error:
        package.load("attache_networks")
    assert str(error.value) == "data/attache_networks.csv, row 4 (line 5), column 'value': 'many' is not an integer".replace(
        "data/", f"{tmp_path.name}/")


# Charts -----------------------------------------------------------------------

COUNTRY_NAMES = {"USA": "United States", "GBR": "United Kingdom", "ESP": "Spain"}


def test_attache_chart_has_caption_alt_text_and_a_white_background():
    chart = attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES)
    assert chart.caption.endswith("Source: Drab (2023).")
    assert "United States: military representatives abroad: more than 500" in chart.alt_text
    assert chart.figure.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    data, metadata = chart._repr_mimebundle_()
    assert data["text/html"].startswith('<figure class="book-chart"')
    assert 'alt="Horizontal bar chart' in data["text/html"]
    assert "image/png" not in data and not metadata, "the chart's image is stored once, in its figure"


@pytest.mark.parametrize("value, qualifier, text", [(500, "at_least", "more than 500"), (1358, "exact", "1,358"),
                                                    (40, "approximately", "about 40")])
def test_qualified_counts_read_as_the_source_states_them(value, qualifier, text):
    assert style.qualified(value, qualifier) == text


# Widget plans: odd input gets a plain message, never a traceback ---------------

@pytest.fixture
def attaches() -> pd.DataFrame:
    return load("attache_networks")


def test_nothing_selected_asks_for_a_country(attaches):
    plan = attache_networks.plan_attache_view(attaches, COUNTRY_NAMES, (), attache_networks.ALL_MEASURES)
    assert isinstance(plan, explorer.Message) and "Select at least one country" in plan.text


def test_a_measure_no_selected_country_reports_says_so(attaches):
    plan = attache_networks.plan_attache_view(attaches, COUNTRY_NAMES, ("ESP",), "ncos")
    assert isinstance(plan, explorer.Message)
    assert plan.text.startswith("The book's sources give no figure for 'non-commissioned officers' for Spain.")


def test_partial_coverage_draws_and_notes_the_gap(attaches):
    plan = attache_networks.plan_attache_view(attaches, COUNTRY_NAMES, ("USA", "GBR", "ESP"), "defence_attaches")
    assert isinstance(plan, attache_networks.AttacheView)
    assert set(plan.rows["country"]) == {"GBR", "ESP"}
    assert plan.note == "No figure of this kind is reported for: United States."


def test_all_measures_for_one_country(attaches):
    plan = attache_networks.plan_attache_view(attaches, COUNTRY_NAMES, ("GBR",), attache_networks.ALL_MEASURES)
    assert list(plan.rows["value"]) == [129, 57, 17] and plan.note == ""


def test_the_explorer_redraws_for_every_selection(shown):
    box = attache_networks.explorer()
    countries, measure = box.children[0].children
    countries.value = ()
    measure.value = "ncos"
    countries.value = ("GBR", "ESP")
    kinds = [[type(item).__name__ for item in items] for items in shown]
    assert kinds == [["LiveChart"], ["Message"], ["Message"], ["Message", "LiveChart"]]


def test_live_svg_is_what_savefig_writes_and_text_sizes_are_measured_once():
    chart = attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES)
    saved = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "book"}):
        chart.figure.savefig(saved, format="svg")
    undated = lambda svg: re.sub(rb"<dc:date>.*?</dc:date>", b"", svg)
    assert undated(chart.svg()) == undated(saved.getvalue())
    _render._text_size.cache_clear()
    chart.svg()
    first = _render._text_size.cache_info()
    attache_networks.attache_networks(load("attache_networks"), COUNTRY_NAMES).svg()
    again = _render._text_size.cache_info()
    assert again.misses == first.misses and again.hits > first.hits, "a redraw measures no new text"
    assert chart.kind == "attache_networks"
