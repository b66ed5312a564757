"""The national models: instrument lists, the matrix, the similarity and the explorer's plans."""

import pandas as pd
import pytest

from defence_diplomacy import explorer, load, national_models

NAMES = {"USA": "United States", "GBR": "United Kingdom", "FRA": "France", "ESP": "Spain"}


@pytest.fixture(scope="module")
def instruments() -> pd.DataFrame:
    return load("national_instruments")


def test_instruments_per_country_as_the_seed_numbers_them(instruments):
    assert national_models.instruments_per_country(instruments).to_dict() == {"USA": 11, "GBR": 8, "FRA": 5, "ESP": 9}


def test_only_the_instrument_lists_count_and_headings_give_way_to_sub_items(instruments):
    rows = national_models.instrument_lists(instruments)
    assert set(rows["list"]) == {"instruments"}
    assert "3" not in set(rows.loc[rows["country"] == "ESP", "item"])
    assert {"3.1", "3.2", "3.3"} <= set(rows.loc[rows["country"] == "ESP", "item"])


def test_matrix_shared_and_unique_categories(instruments):
    matrix = national_models.instrument_matrix(instruments)
    users = (matrix > 0).sum(axis=1)
    assert list(matrix.columns) == ["USA", "GBR", "FRA", "ESP"]
    assert users.is_monotonic_decreasing
    assert not (users == 4).any()
    assert set(users.index[users == 3]) == {"high_level_visits", "education_and_training", "exercises",
                                            "capacity_building", "strategic_dialogue"}
    assert matrix.at["arms_transfers_and_industry", "USA"] == 3


def test_similarity_is_symmetric_and_names_the_extreme_pairs(instruments):
    similarity = national_models.model_similarity(instruments)
    assert (similarity.to_numpy() == similarity.to_numpy().T).all()
    pairs = national_models.model_pairs(instruments)
    top = pairs[pairs["jaccard"] == pairs["jaccard"].max()]
    assert {(p.first, p.second) for p in top.itertuples()} == {("USA", "ESP"), ("GBR", "ESP")}
    assert top["jaccard"].iloc[0] == pytest.approx(5 / 12)
    assert tuple(pairs.iloc[-1][["first", "second", "shared", "either"]]) == ("GBR", "FRA", 1, 11)


def test_charts_carry_alt_text_and_caption(instruments):
    matrix = national_models.instrument_matrix_chart(instruments, NAMES)
    assert "Used by all four: none." in matrix.alt_text
    assert matrix.caption.endswith("Source: Drab (2023).")
    heat = national_models.model_similarity_chart(instruments, NAMES)
    assert "least similar: United Kingdom and France (0.09)" in heat.alt_text


# The explorer's plans: odd input gets a plain message ---------------------------

def test_no_category_selected(instruments):
    plan = national_models.plan_instrument_matrix(instruments, ())
    assert isinstance(plan, explorer.Message) and "at least one" in plan.text


def test_categories_only_outside_the_instrument_lists(instruments):
    plan = national_models.plan_instrument_matrix(instruments, ("peacekeeping", "stabilisation"))
    assert isinstance(plan, explorer.Message) and "UK's 2010 table" in plan.text


def test_partly_missing_categories_are_noted(instruments):
    plan = national_models.plan_instrument_matrix(instruments, ("exercises", "peacekeeping"))
    assert plan.categories == ("exercises",) and plan.note.endswith("peacekeeping.")


def test_the_same_country_twice(instruments):
    plan = national_models.plan_model_pair(instruments, NAMES, "FRA", "FRA")
    assert isinstance(plan, explorer.Message) and "chosen twice" in plan.text


def test_a_pair_lists_shared_then_unique_with_the_seeds_wording(instruments):
    plan = national_models.plan_model_pair(instruments, NAMES, "GBR", "FRA")
    assert plan.summary.startswith("United Kingdom and France share 1 of the 11 categories")
    first = plan.rows.iloc[0]
    assert (first["category"], first["listed by"]) == ("strategic dialogue", "both")
    assert first["United Kingdom"] == "Staff talks." and first["France"] == "Conducting strategic dialogues."
    assert list(plan.rows["listed by"].unique()) == ["both", "only United Kingdom", "only France"]


def test_the_explorer_redraws_for_every_selection(shown):
    box = national_models.explorer()
    categories, first, second = box.children[0].children
    categories.value = ()
    second.value = "USA"
    categories.value = ("arms_control",)
    kinds = [[type(item).__name__ for item in items] for items in shown]
    assert kinds == [["LiveChart", "Message", "DataFrame"], ["Message", "Message", "DataFrame"],
                     ["Message", "Message"], ["LiveChart", "Message"]]
    assert "national_models" in explorer.EXPLORERS
