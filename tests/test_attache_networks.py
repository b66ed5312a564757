"""Attaché networks: the chart, its caption and alt text, and the explorer's plans."""

import pandas as pd
import pytest

from defence_diplomacy import attache_networks, explorer, load


def test_the_figures_are_stored_with_their_qualifiers():
    attaches = load("attache_networks").set_index(["country", "measure"])
    assert attaches.loc[("USA", "military_representatives"), ["value", "qualifier"]].tolist() == [500, "at_least"]
    assert attaches.loc[("GBR", "defence_attaches"), "value"] == 129
    assert attaches.loc[("ESP", "defence_attaches"), "value"] == 39
    assert len(load("attache_senior_posts")) == 7


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
