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
def names() -> dict[str, str]:
    return country_names()


def plan(contributions, names, countries=vocabulary.FOUR_MODELS, personnel="total", years=(1990, 2025)):
    return peacekeeping.plan_peacekeeping_view(contributions, names, tuple(countries), personnel, years)


# The data the notebook prints -------------------------------------------------

def test_world_peak_is_2015_in_every_producer(totals):
    for source in (peacekeeping.UN_TOTALS, peacekeeping.UN_REPORTS, peacekeeping.IPI):
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
    shares = mix[list(peacekeeping.PARTS)].sum(axis=1)
    assert all(math.isclose(s, 100) for s in shares)
    assert mix.index[0] == "BGD"
    assert round(mix.loc["USA", "police"]) == 40


# Charts -----------------------------------------------------------------------

def test_world_chart_says_how_the_line_was_chosen(totals):
    chart = peacekeeping.peacekeeping_world(totals)
    assert "via Our World in Data to 2014" in chart.caption
    assert "from the UN's own monthly reports from 2015" in chart.caption
    assert "(2025: July, the latest report)" in chart.caption
    assert "last in 2012 (94,090 against 94,081, too small to see)" in chart.caption
    assert "available from 1992 only" in chart.caption
    assert chart.caption.endswith("Sources: United Nations Peacekeeping and Global Policy Forum (2022); "
                                  "United Nations Department of Peace Operations (2025); "
                                  "International Peace Institute (2017).")
    assert "the highest, 107,088, in 2015" in chart.alt_text and "61,127 in 2025" in chart.alt_text
    assert chart.figure.get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_by_country_chart_draws_the_gap_as_a_gap(contributions, names):
    models = contributions[contributions["country"].isin(vocabulary.FOUR_MODELS)]
    chart = peacekeeping.peacekeeping_by_country(models, names, "total", (1990, 2025))
    axis = chart.figure.axes[0]
    lines = [line for line in axis.get_lines() if line.get_label() in set(names.values())]
    assert [line.get_label() for line in lines] == ["United States", "United Kingdom", "France", "Spain"]
    for line in lines:
        values = dict(zip(line.get_xdata(), line.get_ydata()))
        assert math.isnan(values[2014]) and not math.isnan(values[2013]) and not math.isnan(values[2015])
    assert "neither producer covers December 2014 (grey band), a gap, not a zero" in chart.caption
    assert "United Kingdom: 769 in 1990, peak 3,820 in 1994, 277 in 2025" in chart.alt_text
    assert "2014 has no figure and is shaded as a gap" in chart.alt_text


def test_staff_officers_start_in_2017_and_the_caption_says_why(contributions, names):
    models = contributions[contributions["country"].isin(vocabulary.FOUR_MODELS)]
    rows = models[models["staff_officers"].notna()]
    chart = peacekeeping.peacekeeping_by_country(rows, names, "staff_officers", (2010, 2025))
    assert "staff officers on their own only from May 2017" in chart.caption
    assert "United States: 45 in 2017" in chart.alt_text


def test_a_december_with_no_contribution_is_a_zero_and_a_gap_breaks_the_line(contributions, names):
    ethiopia = contributions[contributions["country"] == "ETH"]
    chart = peacekeeping.peacekeeping_by_country(ethiopia, names, "total", (1990, 2025))
    values = [line for line in chart.figure.axes[0].get_lines() if line.get_label() == "Ethiopia"][0].get_ydata()
    assert values[1995 - 1990] == 0 and values[1994 - 1990] == 805  # not listed by IPI in 1995: none sent
    assert math.isnan(values[2014 - 1990])


def test_composition_chart_names_partial_coverage(contributions, names):
    chart = peacekeeping.peacekeeping_composition(contributions, names)
    assert "(35 Decembers; 2014 has no figure)" in chart.caption
    assert "Armenia 33 of 35; Azerbaijan 33 of 35" in chart.caption
    assert chart.alt_text.startswith("Stacked horizontal bar chart of 18 countries")


# Explorer plans: odd input gets plain words, never a traceback ----------------

def test_nothing_selected(contributions, names):
    result = plan(contributions, names, countries=())
    assert isinstance(result, explorer.Message) and "Select at least one country" in result.text


def test_reversed_range(contributions, names):
    result = plan(contributions, names, years=(2010, 1995))
    assert isinstance(result, explorer.Message) and "runs backwards" in result.text


def test_the_gap_year_alone_says_why_it_is_empty(contributions, names):
    result = plan(contributions, names, years=(2014, 2014))
    assert isinstance(result, explorer.Message)
    assert "2014 is a gap" in result.text and "ends in March 2014" in result.text


def test_range_before_the_series(contributions, names):
    result = plan(contributions, names, years=(1980, 1985))
    assert isinstance(result, explorer.Message) and "runs from December 1990 to 2025" in result.text


def test_a_country_with_no_figure_in_the_range(contributions, names):
    result = plan(contributions, names, countries=("GBR",), personnel="police", years=(1990, 1995))
    assert isinstance(result, explorer.Message)
    assert result.text.startswith("No police figure for United Kingdom in December 1990-1995.")


def test_a_country_with_no_figure_for_a_type_is_noted(contributions, names):
    result = plan(contributions, names, countries=("AZE", "FRA"), personnel="troops", years=(1995, 2005))
    assert isinstance(result, peacekeeping.PeacekeepingView)
    assert set(result.rows["country"]) == {"FRA"}
    assert result.note == "No troops figure in 1995-2005 for: Azerbaijan."


def test_range_across_the_gap_keeps_both_producers(contributions, names):
    result = plan(contributions, names)
    assert isinstance(result, peacekeeping.PeacekeepingView)
    assert set(result.rows["source"]) == {"ipi_peacekeeping", "un_contributions_monthly"}
    assert result.rows["year"].max() == 2025 and result.note == ""


def test_staff_officers_before_2017_are_explained(contributions, names):
    result = plan(contributions, names, personnel="staff_officers")
    assert result.rows["year"].min() == 2017
    assert result.note == "The UN counts staff officers on their own only from May 2017."


def test_the_explorer_redraws_for_every_selection(shown):
    countries, personnel, years = peacekeeping.explorer().children[0].children
    countries.value = ()
    countries.value = ("USA",)
    years.value = (2014, 2014)
    years.value = (1995, 2005)
    personnel.value = "police"
    kinds = [[type(item).__name__ for item in items] for items in shown]
    assert kinds == [["LiveChart"], ["Message"], ["LiveChart"], ["Message"], ["LiveChart"], ["LiveChart"]]


def test_the_explorer_is_registered():
    assert explorer.EXPLORERS["peacekeeping"] == ("peacekeeping", "explorer")
