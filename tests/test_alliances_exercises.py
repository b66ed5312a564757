"""Alliances in force and multinational exercises: printed figures, charts, explorer plans."""

import math

import pandas as pd
import pytest
from matplotlib.markers import TICKDOWN, TICKLEFT

from defence_diplomacy import alliances_exercises, country_names, explorer, load, vocabulary


@pytest.fixture(scope="module")
def alliances() -> pd.DataFrame:
    return load("alliances_in_force")


@pytest.fixture(scope="module")
def per_year() -> pd.DataFrame:
    return load("exercises_per_year")


@pytest.fixture(scope="module")
def by_country() -> pd.DataFrame:
    return load("exercises_by_country")


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return country_names()


# The data the notebook prints -------------------------------------------------

def test_alliances_in_force_in_the_marked_years(alliances):
    in_force = alliances[alliances["obligation"] == "any"].set_index("year")["alliances"]
    assert [in_force[y] for y in (1815, 1914, 1945, 1991, 2018)] == [7, 23, 39, 164, 373]


def test_obligation_counts_overlap_and_exceed_the_total(alliances):
    in_2018 = alliances[alliances["year"] == 2018].set_index("obligation")["alliances"]
    assert in_2018.drop("any").sum() > in_2018["any"]
    assert (in_2018.drop("any") <= in_2018["any"]).all()


def test_exercise_peak_and_unnamed_share(per_year):
    series = per_year.set_index("year")
    assert (series["exercises"].idxmax(), series["exercises"].max()) == (2004, 205)
    assert (series["unnamed_exercises"] < series["exercises"]).all()


# Charts -----------------------------------------------------------------------

def test_alliances_chart_explains_the_overlap(alliances):
    chart = alliances_exercises.alliances_in_force(alliances)
    assert "do not add up to the total" in chart.caption
    assert chart.caption.endswith("Source: Leeds (n.d.).")
    assert "23 in 1914, 39 in 1945, 164 in 1991" in chart.alt_text
    assert "defence: 7 in 1815, peak 63 in 1967, 48 in 2018" in chart.alt_text
    lines = [line for line in chart.figure.axes[0].get_lines() if line.get_marker() not in (TICKDOWN, TICKLEFT)]
    assert len(lines) == 6 + 3  # six types and three marked years (the tick marks aside)


def test_a_single_obligation_chart_has_no_overlap_sentence(alliances):
    chart = alliances_exercises.alliances_in_force(alliances[alliances["obligation"] == "any"], ("any",), (1900, 1950))
    assert "do not add up" not in chart.caption
    assert "1900-1950" in chart.caption


def test_exercises_chart_counts_the_unnamed(per_year, by_country, names):
    models = by_country[by_country["country"].isin(vocabulary.FOUR_MODELS)]
    chart = alliances_exercises.exercises_over_time(per_year, models, names)
    assert "code -9" in chart.caption and chart.caption.endswith("Source: D'Orazio and Galambos (2021).")
    assert "peak 205 in 2004" in chart.alt_text and "28% of them have no recorded name" in chart.alt_text
    labels = [line.get_label() for line in chart.figure.axes[0].get_lines() if not line.get_label().startswith("_")]
    assert labels == ["United States", "United Kingdom", "France", "Spain"]


def test_azerbaijan_years_before_1992_are_a_gap_not_zero(per_year, by_country, names):
    chart = alliances_exercises.exercises_over_time(per_year, by_country[by_country["country"] == "AZE"], names)
    values = chart.figure.axes[0].get_lines()[0].get_ydata()
    assert math.isnan(values[0]) and values[1992 - 1980] == 0


# Explorer plans ---------------------------------------------------------------

def test_no_obligation_selected(alliances):
    result = alliances_exercises.plan_alliances_view(alliances, (), (1815, 2018))
    assert isinstance(result, explorer.Message) and "Select at least one obligation" in result.text


def test_alliances_reversed_range(alliances):
    result = alliances_exercises.plan_alliances_view(alliances, ("any",), (1950, 1900))
    assert isinstance(result, explorer.Message) and "runs backwards" in result.text


def test_alliances_range_outside_atop(alliances):
    result = alliances_exercises.plan_alliances_view(alliances, ("any",), (2019, 2024))
    assert isinstance(result, explorer.Message) and result.text.startswith("ATOP covers 1815-2018")


def test_alliances_range_partly_outside_is_clipped(alliances):
    result = alliances_exercises.plan_alliances_view(alliances, ("defence",), (1800, 1830))
    assert isinstance(result, alliances_exercises.AlliancesView) and result.years == (1815, 1830)
    assert "the chart shows 1815-1830" in result.note


def test_an_obligation_no_alliance_carried_is_drawn_at_zero_and_said(alliances):
    result = alliances_exercises.plan_alliances_view(alliances, ("offence", "any"), (1992, 2018))
    assert isinstance(result, alliances_exercises.AlliancesView)
    assert result.note == ("No alliance in force in 1992-2018 carried this obligation: offence "
                           "(a count of zero, drawn at zero).")


def test_no_country_selected(per_year, by_country, names):
    result = alliances_exercises.plan_exercises_view(per_year, by_country, names, (), (1980, 2010))
    assert isinstance(result, explorer.Message) and "Select at least one country" in result.text


def test_exercises_reversed_range(per_year, by_country, names):
    result = alliances_exercises.plan_exercises_view(per_year, by_country, names, ("USA",), (2000, 1990))
    assert isinstance(result, explorer.Message) and "runs backwards" in result.text


def test_exercises_after_2010(per_year, by_country, names):
    result = alliances_exercises.plan_exercises_view(per_year, by_country, names, ("USA",), (2011, 2020))
    assert isinstance(result, explorer.Message) and "cover 1980-2010" in result.text


def test_a_country_with_no_years_in_the_range(per_year, by_country, names):
    result = alliances_exercises.plan_exercises_view(per_year, by_country, names, ("AZE",), (1980, 1991))
    assert isinstance(result, explorer.Message)
    assert "Azerbaijan has country years from 1992" in result.text


def test_a_country_missing_beside_others_is_noted(per_year, by_country, names):
    result = alliances_exercises.plan_exercises_view(per_year, by_country, names, ("AZE", "ESP"), (1985, 1990))
    assert isinstance(result, alliances_exercises.ExercisesView) and set(result.by_country["country"]) == {"ESP"}
    assert result.note == "No exercise years in 1985-1990: Azerbaijan has country years from 1992."
    assert len(result.per_year) == 6


def test_both_explorers_redraw_for_every_selection(shown):
    obligations, years = alliances_exercises.alliances_explorer().children[0].children
    obligations.value = ()
    obligations.value = ("offence",)
    years.value = (1995, 2018)
    countries, exercise_years = alliances_exercises.exercises_explorer().children[0].children
    countries.value = ("AZE",)
    exercise_years.value = (1980, 1990)
    countries.value = ()
    kinds = [[type(item).__name__ for item in items] for items in shown]
    assert kinds == [["LiveChart"], ["Message"], ["LiveChart"], ["Message", "LiveChart"],
                     ["LiveChart"], ["LiveChart"], ["Message"], ["Message"]]


def test_both_explorers_are_registered():
    assert explorer.EXPLORERS["alliances_in_force"] == ("alliances_exercises", "alliances_explorer")
    assert explorer.EXPLORERS["exercises"] == ("alliances_exercises", "exercises_explorer")
