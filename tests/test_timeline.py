"""The timeline: views, dates as precise as their sources, the chart and the explorer's plan."""

import re

import pandas as pd
import pytest

from defence_diplomacy import data, explorer, load, timeline, vocabulary
from tests.test_reader_text import FIVE_TEXTS


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load("timeline_events")


@pytest.fixture(scope="module")
def thinkers() -> pd.DataFrame:
    return load("thinkers")


def test_the_timeline_holds_120_events_half_of_them_sourced_beyond_the_five_texts(events):
    assert len(events) >= 120
    beyond = (~events["source"].isin(FIVE_TEXTS)).sum()
    assert beyond >= len(events) / 2, f"only {beyond} of {len(events)} events cite a work other than the five texts"
    earliest = events.loc[events["year"].idxmin()]
    assert data.format_year(earliest["year"]) == "550 BCE"
    assert events["year"].max() == vocabulary.BOOK_ENDS
    assert set(events["part"]) == set(vocabulary.BOOK_PARTS), "every part of the book has its events"


@pytest.mark.parametrize("view, parts", [("history", {"history"}), ("azerbaijan", {"azerbaijan"}),
                                         ("theorists", {"theory", "history"})])
def test_views_keep_their_part(events, thinkers, view, parts):
    rows = timeline.timeline_for_view(events, thinkers, view)
    assert set(rows["part"]) == parts
    assert rows["year"].is_monotonic_increasing


def test_theorists_view_brings_in_thinkers_from_other_parts_and_dates_every_classic(events, thinkers):
    rows = timeline.timeline_for_view(events, thinkers, "theorists")
    assert "frontinus-espionage" in set(rows["event_id"])
    assert rows.loc[rows["event_id"] == "kissinger-hanoi", "thinker"].item() == "Henry Kissinger"
    assert timeline.undated_thinkers(events, thinkers) == []
    sun_tzu = rows[rows["thinker"] == "Sun Tzu"]
    assert len(sun_tzu) == 1 and sun_tzu["date_precision"].item() in timeline.UNCERTAIN_PRECISION


def test_a_thinker_without_an_event_is_placed_by_work_year_or_life_span(events, thinkers):
    extra = pd.DataFrame([
        {"thinker_id": "new-writer", "name": "New Writer", "born_year": None, "died_year": None, "active": None,
         "key_work": "A Book", "work_year": 1999, "key_idea": "x", "part": "theory", "source": "khalid2024",
         "locator": "p. 1"},
        {"thinker_id": "old-general", "name": "Old General", "born_year": -300, "died_year": -250, "active": None,
         "key_work": "(none)", "work_year": None, "key_idea": "x", "part": "theory", "source": "khalid2024",
         "locator": "p. 2"}]).astype({"born_year": "Int64", "died_year": "Int64", "work_year": "Int64"})
    rows = timeline.timeline_for_view(events, pd.concat([thinkers, extra], ignore_index=True), "theorists")
    added = rows[rows["event_id"].str.startswith("thinker-")].set_index("event_id")
    assert added.loc["thinker-new-writer", "year"] == 1999
    assert (added.loc["thinker-old-general", "year"], added.loc["thinker-old-general", "end_year"]) == (-300, -250)
    assert added.loc["thinker-old-general", "title"] == "Old General: life span"
    assert "new-era-1990s" not in set(rows["event_id"])  # 'new' is a thinker's stem, but the title names no one


@pytest.mark.parametrize("year, end, precision, date, text", [
    (-550, -330, "year", None, "550–330 BCE"),
    (1601, 1700, "century", None, "17th century"),
    (1801, 1900, "century", None, "19th century"),
    (1990, None, "decade", None, "1990s"),
    (40, 103, "circa", None, "c. 40–103"),
    (1850, None, "circa", None, "c. 1850"),
    (1882, 1918, "day", "1882-05-20", "1882-05-20–1918"),
    (2014, None, "month", "2014-11", "2014-11"),
])
def test_dates_are_written_as_precisely_as_the_source_gives_them(year, end, precision, date, text):
    assert timeline.timeline_date(year, end, precision, date) == text


def test_sources_table_has_author_year_labels_and_locators(events, thinkers):
    table = timeline.timeline_sources(timeline.timeline_for_view(events, thinkers, "history"))
    assert list(table.columns) == ["when", "thinker", "event", "part", "source", "locator"]
    assert table.loc[0, "when"] == "550–330 BCE" and table.loc[0, "source"] == "Khalid and Ahmed (2024)"
    assert table["locator"].str.len().gt(0).all()


def test_sources_table_names_a_second_work_by_its_label_not_its_key(events, thinkers):
    table = timeline.timeline_sources(timeline.timeline_for_view(events, thinkers, "all"))
    keys = data.default_package().bibliography.keys
    assert not {word for locator in table["locator"] for word in re.findall(r"\w+", locator)} & keys
    sun_tzu = table[table["event"].str.startswith("The Art of War")]["locator"].iloc[0]
    assert sun_tzu == "Introduction p. xxviii; III.2; dating also in Sun Tzu (1963) (Preface)"


def test_chart_marks_the_break_labels_bce_and_counts_uncertain_dates(events, thinkers):
    rows = timeline.timeline_for_view(events, thinkers, "history")
    chart = timeline.timeline(rows, "History")
    (ax,) = chart.figure.axes
    (split,) = {line.get_xdata()[0] for line in ax.lines if list(line.get_xdata()) == [timeline.TIMELINE_BREAK] * 2}
    low, high = ax.get_xlim()
    assert (split - low) / (high - low) == pytest.approx(1 / 3), "the compressed years take a third of the axis"
    assert "500 BCE" in [t.get_text() for t in ax.texts]
    assert any("compressed" in t.get_text() for t in ax.texts)
    uncertain = rows["date_precision"].isin(timeline.UNCERTAIN_PRECISION).sum()
    assert f"Timeline of {len(rows)} events on two scales, 600 BCE to 1800 compressed" in chart.alt_text
    assert f"{uncertain} events are dated only to a century, a decade or approximately" in chart.alt_text
    assert chart.caption.startswith(f"History: {len(rows)} events") and "Khalid and Ahmed (2024)" in chart.caption
    assert chart.figure.get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_a_view_with_nothing_before_the_break_gets_one_even_scale(events, thinkers):
    chart = timeline.timeline(timeline.timeline_for_view(events, thinkers, "azerbaijan"), "Azerbaijan")
    assert len(chart.figure.axes) == 1
    assert f"to {vocabulary.BOOK_ENDS}" in chart.alt_text and "one even scale" in chart.alt_text
    assert "one even scale" in chart.caption


# The explorer's plan: odd input gets a plain message ---------------------------

ALL = {"era": ("antiquity", "early_modern", "long_nineteenth_century", "cold_war", "post_cold_war")}


def test_nothing_selected_names_the_empty_filter(events, thinkers):
    plan = timeline.plan_timeline_view(events, thinkers, "history", era=(), region=())
    assert isinstance(plan, explorer.Message) and plan.text.startswith("Nothing is selected for era and region")


def test_a_combination_with_no_events_says_so(events, thinkers):
    plan = timeline.plan_timeline_view(events, thinkers, "azerbaijan", era=("antiquity",))
    assert isinstance(plan, explorer.Message) and "No event in the view 'Azerbaijan" in plan.text


def test_a_part_outside_the_view_leaves_nothing(events, thinkers):
    plan = timeline.plan_timeline_view(events, thinkers, "history", part=("azerbaijan",))
    assert isinstance(plan, explorer.Message)


def test_unknown_view_is_a_message_not_a_traceback(events, thinkers):
    assert isinstance(timeline.plan_timeline_view(events, thinkers, "nope"), explorer.Message)


def test_filters_narrow_the_view_and_every_theorist_is_on_the_axis(events, thinkers):
    plan = timeline.plan_timeline_view(events, thinkers, "theorists", category=("thinker_work",), **ALL)
    assert isinstance(plan, timeline.TimelineView)
    assert set(plan.rows["category"]) == {"thinker_work"}
    assert "Sun Tzu" in set(plan.rows["thinker"]) and plan.note == ""


def test_the_explorer_redraws_for_every_selection(shown):
    box = timeline.explorer()
    view, era, category, region, part = box.children[0].children
    era.value = ()
    era.value = tuple(value for _, value in era.options)
    view.value = "theorists"
    part.value = ("azerbaijan",)
    kinds = [[type(item).__name__ for item in items] for items in shown]
    assert kinds == [["LiveChart", "DataFrame"], ["Message"], ["LiveChart", "DataFrame"],
                     ["LiveChart", "DataFrame"], ["Message"]]
    assert "timeline" in explorer.EXPLORERS


def test_the_explorer_shows_every_source_in_full_and_folds_a_long_table():
    box = timeline.explorer()
    view, output = box.children[0].children[0], box.children[1]
    assert "<details>" not in output.value and output.value.count("<tr>") == 1 + 37, "the history view, open"
    view.value = "all"
    assert "<details><summary>The table, 203 rows</summary>" in output.value and output.value.count("<tr>") == 1 + 203
    assert "dating also in Sun Tzu (1963) (Preface)</td>" in output.value, "every cell whole"
