"""UN peacekeeping: the figures the book prints, the charts and the explorer's plans."""

import math

import pandas as pd
import pytest

from defence_diplomacy import country_names, explorer, load, peacekeeping, vocabulary


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    return load("peacekeeping_totals")


@pytest.fixture(scope="module")
def contributions() -> pd.DataFrame:
    return load("peacekeeping_contributions")


@pytest.fixture(scope="module")
def snapshot() -> pd.DataFrame:
    return load("peacekeeping_snapshot_2021")


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return country_names()


def plan(contributions, snapshot, names, countries=vocabulary.FOUR_MODELS, personnel="total", years=(1990, 2021)):
    return peacekeeping.plan_peacekeeping_view(contributions, snapshot, names, tuple(countries), personnel, years)


# The data the notebook prints -------------------------------------------------

def test_world_peak_is_2015_in_both_producers(totals):
    for source in (peacekeeping.UN_TOTALS, peacekeeping.IPI):
        series = totals[totals["source"] == source].set_index("year")["total"]
        assert (series.idxmax(), series.max()) == (2015, 107088)


def test_no_breakdown_by_type_before_1992(totals):
    un = totals[totals["source"] == peacekeeping.UN_TOTALS]
    before = un[un["year"] < 1992]
    assert before[["troops", "police", "experts"]].isna().all().all()
    assert before["total"].notna().all()


def test_producer_differences_include_the_small_2012_one(totals):
    both = peacekeeping.producer_differences(totals)
    assert both.loc[2012].tolist() == [94090, 94081, 9]
    assert both.loc[2015, "difference"] == 0
    assert len(both) == 27


def test_the_four_models_in_1994(contributions):
    in_1994 = contributions[contributions["year"] == 1994].set_index("country")["total"]
    assert [in_1994[c] for c in vocabulary.FOUR_MODELS] == [963, 3820, 5149, 1358]


def test_mix_shares_add_up_and_count_missing_types_as_none(contributions):
    mix = peacekeeping.peacekeeping_mix(contributions)
    shares = mix[["troops", "police", "experts"]].sum(axis=1)
    assert all(math.isclose(s, 100) for s in shares)
    assert mix.index[0] == "PAK"
    assert round(mix.loc["USA", "police"]) == 40


# Charts -----------------------------------------------------------------------

def test_world_chart_says_how_the_line_was_chosen(totals):
    chart = peacekeeping.peacekeeping_world(totals)
    assert "the one series covering 1947-2021" in chart.caption
    assert "last in 2012 (94,090 against 94,081, too small to see)" in chart.caption
    assert "available from 1992 only" in chart.caption
    assert chart.caption.endswith("Sources: United Nations Peacekeeping and Global Policy Forum (2022); "
                                  "International Peace Institute (2017).")
    assert "the highest, 107,088, in 2015" in chart.alt_text
    assert chart.figure.get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_by_country_chart_draws_the_gap_as_a_gap(contributions, snapshot, names):
    models = contributions[contributions["country"].isin(vocabulary.FOUR_MODELS)]
    chart = peacekeeping.peacekeeping_by_country(models, names, "total", (1990, 2021),
                                           snapshot[snapshot["country"].isin(vocabulary.FOUR_MODELS)])
    axis = chart.figure.axes[0]
    lines = [line for line in axis.get_lines() if line.get_label() in set(names.values())]
    assert [line.get_label() for line in lines] == ["United States", "United Kingdom", "France", "Spain"]
    assert all(max(line.get_xdata()) == 2013 for line in lines), "no line runs into the gap"
    assert "is a gap, not a zero" in chart.caption and "one month only" in chart.caption
    assert "United Kingdom: 769 in 1990, peak 3,820 in 1994, 289 in 2013" in chart.alt_text
    assert "Separate diamonds for 31 January 2021" in chart.alt_text


def test_a_missing_december_breaks_the_line(contributions, names):
    ethiopia = contributions[contributions["country"] == "ETH"]
    chart = peacekeeping.peacekeeping_by_country(ethiopia, names, "total", (1990, 2013))
    values = [line for line in chart.figure.axes[0].get_lines() if line.get_label() == "Ethiopia"][0].get_ydata()
    assert math.isnan(values[1995 - 1990]) and values[1994 - 1990] == 805


def test_composition_chart_names_partial_coverage(contributions, names):
    chart = peacekeeping.peacekeeping_composition(contributions, names)
    assert "Ethiopia 12 of 24" in chart.caption
    assert chart.alt_text.startswith("Stacked horizontal bar chart of 13 countries")


# Explorer plans: odd input gets plain words, never a traceback ----------------

def test_nothing_selected(contributions, snapshot, names):
    result = plan(contributions, snapshot, names, countries=())
    assert isinstance(result, explorer.Message) and "Select at least one country" in result.text


def test_reversed_range(contributions, snapshot, names):
    result = plan(contributions, snapshot, names, years=(2010, 1995))
    assert isinstance(result, explorer.Message) and "runs backwards" in result.text


def test_range_entirely_after_2013_says_there_is_no_by_country_data(contributions, snapshot, names):
    result = plan(contributions, snapshot, names, years=(2015, 2021))
    assert isinstance(result, explorer.Message)
    assert "no by-country UN data after March 2014" in result.text
    assert "United Kingdom 529" in result.text and "31 January 2021" in result.text


def test_range_after_2013_without_2021_has_no_snapshot_words(contributions, snapshot, names):
    result = plan(contributions, snapshot, names, years=(2014, 2018))
    assert isinstance(result, explorer.Message) and "31 January 2021" not in result.text


def test_range_before_the_series(contributions, snapshot, names):
    result = plan(contributions, snapshot, names, years=(1980, 1985))
    assert isinstance(result, explorer.Message) and "starts in December 1990" in result.text


def test_a_country_with_no_figure_in_the_range(contributions, snapshot, names):
    result = plan(contributions, snapshot, names, countries=("GBR",), personnel="police", years=(1990, 1995))
    assert isinstance(result, explorer.Message)
    assert result.text.startswith("IPI gives no police figure for United Kingdom in December 1990-1995.")


def test_a_country_missing_for_some_years_is_noted(contributions, snapshot, names):
    result = plan(contributions, snapshot, names, countries=("ETH", "FRA"), years=(1995, 2000))
    assert isinstance(result, peacekeeping.PeacekeepingView)
    assert set(result.rows["country"]) == {"FRA"}
    assert result.note == "No all uniformed personnel figure in 1995-2000 for: Ethiopia."


def test_range_into_the_gap_keeps_the_series_and_adds_the_snapshot(contributions, snapshot, names):
    result = plan(contributions, snapshot, names)
    assert isinstance(result, peacekeeping.PeacekeepingView)
    assert result.rows["year"].max() == 2013
    assert set(result.snapshot["country"]) == set(vocabulary.FOUR_MODELS)
    assert "shaded as a gap, not a zero" in result.note


def test_snapshot_only_with_totals(contributions, snapshot, names):
    result = plan(contributions, snapshot, names, personnel="troops")
    assert result.snapshot is None and "gives all uniformed personnel only" in result.note


def test_the_explorer_redraws_for_every_selection(shown):
    countries, personnel, years = peacekeeping.explorer().children[0].children
    countries.value = ()
    countries.value = ("USA",)
    years.value = (2015, 2021)
    years.value = (1995, 2005)
    personnel.value = "police"
    kinds = [[type(item).__name__ for item in items] for items in shown]
    assert kinds == [["Message", "LiveChart"], ["Message"], ["Message", "LiveChart"], ["Message"], ["LiveChart"], ["LiveChart"]]


def test_the_explorer_is_registered():
    assert explorer.EXPLORERS["peacekeeping"] == ("peacekeeping", "explorer")
