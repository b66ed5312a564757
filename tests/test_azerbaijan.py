"""The Azerbaijan charts and explorer: the figures they draw, and plain messages for odd selections."""

import pandas as pd
import pytest

from defence_diplomacy import alliances_exercises, arms_and_budgets, azerbaijan, explorer, load, style


@pytest.fixture(scope="module")
def tables() -> dict:
    return azerbaijan.azerbaijan_tables()


# Data helpers -------------------------------------------------------------------

def test_decimal_year_places_dates_by_their_precision():
    assert azerbaijan.decimal_year("1999") == 1999.0
    assert azerbaijan.decimal_year("1999-09") == pytest.approx(1999 + 8 / 12)
    assert 2002.8 < azerbaijan.decimal_year("2002-11-20") < 2002.9


def test_deployments_and_partnership_rows_split_the_milestones():
    milestones = load("azerbaijan_milestones")
    deployments = azerbaijan.deployment_rows(milestones)
    assert azerbaijan.deployment_count(milestones) == 5
    assert set(deployments["kind"]) == {"deployment", "recognition", "personnel"}
    assert deployments.loc[deployments["kind"] == "personnel", "milestone_id"].tolist() == ["peacekeeping-since-1999"]
    partnership = azerbaijan.partnership_rows(milestones)
    assert {"nacc-1992", "pfp-1994", "parp-1997", "ipap-2004", "occ-2004", "psp-sent", "psp-serving"} <= set(
        partnership["milestone_id"])
    assert set(partnership["organisation"]) == {"NATO"}


def test_both_isaf_end_dates_are_kept():
    milestones = load("azerbaijan_milestones").set_index("milestone_id")
    assert milestones.loc["isaf-paper", ["end_year", "source"]].tolist() == [2015, "iskandarov2023"]
    assert milestones.loc["isaf-end", ["end_year", "source"]].tolist() == [2014, "khalid2024"]


def test_treaty_names_come_from_the_book_tables(tables):
    names = tables["treaty_names"]
    assert names[4400] == "CIS Charter"
    assert names[4220] == "Collective Security Treaty (Tashkent)"
    assert names[4550] == "Azerbaijan-Turkey treaty"


def test_alliance_labels_name_partners_or_count_them(tables):
    rows = tables["alliances"].set_index("atopid", drop=False)
    label = azerbaijan.alliance_lane_label
    assert label(rows.loc[4400], tables["treaty_names"], tables["cow_names"]) == "CIS Charter* (ATOP 4400)"
    assert label(rows.loc[4342], tables["treaty_names"], tables["cow_names"]) == "with Russia (ATOP 4342)"
    assert label(rows.loc[3740], tables["treaty_names"], tables["cow_names"]).startswith("multilateral, 58 other")
    assert label(rows.loc[4823], tables["treaty_names"], tables["cow_names"]) == "with COW state 704 (ATOP 4823)"


def test_arms_periods_count_suppliers_and_shares():
    periods = arms_and_budgets.arms_import_periods(azerbaijan.arms_to("AZE"), (1993, 2023))
    by_period = periods.groupby("period", sort=False)
    assert list(by_period.groups) == ["1993-1994", "1995-1999", "2000-2004", "2005-2009", "2010-2014", "2015-2019",
                                      "2020-2023"]
    assert by_period["suppliers"].max().tolist() == [1, 0, 5, 6, 7, 10, 2]
    late = periods[periods["period"] == "2010-2014"].iloc[0]
    assert late["supplier"] == "RUS" and late["share"] == pytest.approx(0.8015, abs=1e-4)
    latest = periods[periods["period"] == "2015-2019"].iloc[0]
    assert latest["supplier"] == "ISR" and round(latest["share"], 2) == 0.60
    assert periods.dropna(subset=["supplier"]).groupby("period")["share"].sum().round(9).eq(1).all()


def test_top_suppliers_match_the_upstream_totals():
    totals = arms_and_budgets.suppliers_by_total(azerbaijan.arms_to("AZE")).round(1)
    # Upstream PROVENANCE.md: Russia 2,185.2, Israel 894.2, Ukraine 560.6 over 1990-2023 (sums of rounded rows here).
    assert list(totals.index[:3]) == ["RUS", "ISR", "UKR"]
    assert totals.head(3).tolist() == pytest.approx([2185.2, 894.2, 560.6], abs=0.15)


# Charts ---------------------------------------------------------------------------

def _charts(tables):
    return {
        "deployments": azerbaijan.azerbaijan_deployments(tables["deployments"]),
        "milestones": azerbaijan.azerbaijan_partnership(tables["milestones"]),
        "alliances": azerbaijan.azerbaijan_alliances(tables["alliances"], tables["treaty_names"], tables["cow_names"]),
        "exercises": alliances_exercises.exercises_per_year(tables["exercises"], "Azerbaijan"),
        "spending": arms_and_budgets.military_spending(tables["spending"], tables["iso_names"]),
        "arms": arms_and_budgets.arms_imports_by_supplier(tables["arms"], tables["iso_names"]),
    }


def test_every_chart_has_a_caption_with_sources_alt_text_and_a_white_background(tables):
    for name, chart in _charts(tables).items():
        assert "Source" in chart.caption, name
        assert len(chart.alt_text) > 80, name
        assert chart.figure.get_facecolor()[:3] == (1.0, 1.0, 1.0), name
        assert chart._repr_mimebundle_()[0]["text/html"].startswith('<figure class="book-chart"'), name


def test_alt_texts_carry_the_key_values(tables):
    drawn = _charts(tables)
    assert "more than 3,000 personnel" in drawn["deployments"].alt_text
    assert "2002-2015 by Iskandarov and Gojayev; the mission itself ran 2003-2014" in drawn["deployments"].alt_text
    assert "2 of them from a weak source" in drawn["deployments"].alt_text
    assert "more than 40 officers sent since 2002, a lower bound" in drawn["milestones"].alt_text
    assert "CIS Charter" in drawn["alliances"].alt_text and "not an alliance in practice" in drawn["alliances"].alt_text
    assert "77 exercise-years" in drawn["exercises"].alt_text
    assert "Armenia 1993: 9.8" in drawn["spending"].alt_text and "no figure for 1994" in drawn["spending"].alt_text
    assert "2010-2014: 7 suppliers, TIV 2,139, largest Russia 80%" in drawn["arms"].alt_text
    assert "2015-2019: 10 suppliers, TIV 1,317, largest Israel 60%" in drawn["arms"].alt_text
    assert "1995-1999: none recorded" in drawn["arms"].alt_text


def test_captions_say_bounds_editions_and_limits(tables):
    drawn = _charts(tables)
    assert "lower bound" in drawn["deployments"].caption and "weak source" in drawn["deployments"].caption
    assert "not a working alliance" in drawn["alliances"].caption
    assert "One edition throughout: SIPRI's of April 2025" in drawn["spending"].caption
    assert "volume, not of price" in drawn["arms"].caption and "records deliveries to 2023" in drawn["arms"].caption
    assert "listed apart, not added here" in drawn["arms"].caption


def test_a_spending_gap_is_a_break_not_a_zero(tables):
    chart = arms_and_budgets.military_spending(tables["spending"], tables["iso_names"])
    armenia = next(line for line in chart.figure.axes[0].get_lines()
                   if line.get_color() == style.OKABE_ITO[0])
    years, values = armenia.get_data()
    assert pd.isna(values[list(years).index(1994)])


def test_at_most_counts_read_as_ceilings():
    assert style.qualified(4, "at_most") == "up to 4"


# Widget plans -----------------------------------------------------------------------

def test_no_series_asks_for_one(tables):
    plan = azerbaijan.plan_azerbaijan_view(tables, None, (1990, 2023))
    assert isinstance(plan, explorer.Message) and plan.text.startswith("Choose a series")


@pytest.mark.parametrize("years", [None, (), (1995,), (None, 2000)])
def test_an_empty_range_asks_for_years(tables, years):
    plan = azerbaijan.plan_azerbaijan_view(tables, "spending", years)
    assert isinstance(plan, explorer.Message) and plan.text == "Choose a year range."


def test_a_reversed_range_says_so(tables):
    plan = azerbaijan.plan_azerbaijan_view(tables, "arms", (2014, 2000))
    assert isinstance(plan, explorer.Message) and "runs backwards" in plan.text


def test_exercises_after_2010_say_the_data_set_ends(tables):
    plan = azerbaijan.plan_azerbaijan_view(tables, "exercises", (2011, 2023))
    assert isinstance(plan, explorer.Message)
    assert plan.text == ("No exercises in 2011-2023: the Multinational Military Exercises data set covers "
                         "Azerbaijan in 1992-2010 (the data set ends in 2010).")


def test_arms_imports_draw_to_2023_and_note_the_later_deals(tables):
    plan = azerbaijan.plan_azerbaijan_view(tables, "arms", (2015, 2023))
    assert isinstance(plan, azerbaijan.AzerbaijanView) and plan.rows["year"].max() == 2023
    later = azerbaijan.plan_azerbaijan_view(tables, "arms", (2015, 2025))
    assert "records deliveries to 2023" in later.note and "2024-2025" in later.note


def test_years_inside_coverage_with_nothing_recorded_say_so(tables):
    arms = azerbaijan.plan_azerbaijan_view(tables, "arms", (1995, 1999))
    assert isinstance(arms, explorer.Message)
    assert arms.text == "SIPRI's trade register records no deliveries of major arms to Azerbaijan in 1995-1999."
    exercises = azerbaijan.plan_azerbaijan_view(tables, "exercises", (1992, 1995))
    assert isinstance(exercises, explorer.Message) and "its first is in 1996" in exercises.text
    milestones = azerbaijan.plan_azerbaijan_view(tables, "milestones", (2006, 2006))
    assert isinstance(milestones, azerbaijan.AzerbaijanView)  # the PSP officers, serving since 2002


def test_a_single_year_outside_coverage_reads_as_one_year(tables):
    plan = azerbaijan.plan_azerbaijan_view(tables, "alliances", (1990, 1990))
    assert isinstance(plan, explorer.Message) and plan.text.startswith("No alliances in 1990:")


def test_a_range_partly_outside_coverage_draws_and_notes_it(tables):
    plan = azerbaijan.plan_azerbaijan_view(tables, "alliances", (2010, 2023))
    assert isinstance(plan, azerbaijan.AzerbaijanView)
    assert plan.note.startswith("Only part of 2010-2023 has data: ATOP 5.1 covers Azerbaijan in 1992-2018")
    assert "Hatched: ATOP codes the CIS Charter" in plan.note
    assert (plan.rows["exit_year"].isna() | (plan.rows["exit_year"] >= 2010)).all()


def test_a_mission_in_the_range_is_kept_whole(tables):
    plan = azerbaijan.plan_azerbaijan_view(tables, "deployments", (2021, 2023))
    ids = set(plan.rows["milestone_id"])
    assert {"unmiss-paper", "unmiss-start", "rsm-paper", "peacekeeping-since-1999"} <= ids
    assert not ids & {"kfor-paper", "iraq-2003"}


def test_spending_keeps_every_country_in_the_range(tables):
    plan = azerbaijan.plan_azerbaijan_view(tables, "spending", (2009, 2012))
    assert set(plan.rows["country"]) == {"AZE", "ARM", "TUR", "RUS", "ISR"}
    assert plan.rows["year"].between(2009, 2012).all()


def test_every_view_draws(tables):
    drawn = set()
    for series in azerbaijan.AZERBAIJAN_SERIES:
        for years in [(1990, 2025), (2003, 2008), (2014, 2014)]:
            plan = azerbaijan.plan_azerbaijan_view(tables, series, years)
            if isinstance(plan, azerbaijan.AzerbaijanView):
                assert azerbaijan.draw_azerbaijan_view(plan, tables).alt_text
                drawn.add(series)
    assert drawn == set(azerbaijan.AZERBAIJAN_SERIES), "every series draws for some range"


def test_the_azerbaijan_explorer_redraws_for_every_selection(shown):
    box = explorer.build("azerbaijan")
    series, years = box.children[0].children
    series.value = "exercises"
    years.value = (2011, 2023)
    series.value = "arms"
    years.value = (2005, 2014)
    kinds = [[type(item).__name__ for item in items] for items in shown]
    # deployments 1990-2025 (note: partial coverage), exercises (the same), exercises 2011-2023 (message),
    # arms 2011-2023 (inside SIPRI's 1993-2023), arms 2005-2014 (inside)
    assert kinds == [["Message", "LiveChart"], ["Message", "LiveChart"], ["Message"], ["LiveChart"], ["LiveChart"]]
