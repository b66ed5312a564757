"""The loader, the tables and their derivation.

The checks from ../shared/data-sources/README.md ("Checks already made") are
unit tests here, so a re-derivation that drifts from them fails.
"""

import sys
from pathlib import Path

import pandas as pd
import pytest

from defence_diplomacy import DataError, format_year, load, table_names
from defence_diplomacy.data import DataPackage, default_package

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import derive_tables  # noqa: E402  (a maintainer's script, not part of the package)

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT.parent / "shared" / "data-sources"
needs_upstream = pytest.mark.skipif(not UPSTREAM.is_dir(), reason="upstream data (../shared/data-sources) not present")


def value(frame: pd.DataFrame, column: str, **where):
    rows = frame
    for key, wanted in where.items():
        rows = rows[rows[key] == wanted]
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return rows[column].iloc[0]


# --- the loader ---------------------------------------------------------------------------------

@pytest.mark.parametrize("year, text", [(-215, "215 BCE"), (-1, "1 BCE"), (1, "1"), (1857, "1857")])
def test_format_year_prints_bce(year, text):
    assert format_year(year) == text


def test_data_error_names_file_row_column_and_problem():
    error = DataError("data/x.csv", "'many' is not an integer", row=3, column="troops")
    assert str(error) == "data/x.csv, row 3 (line 4), column 'troops': 'many' is not an integer"


def test_every_table_loads_with_its_schema_types():
    package = default_package()
    for name in table_names():
        frame = load(name)
        fields = package.resource(name)["schema"]["fields"]
        assert list(frame.columns) == [field["name"] for field in fields]
        assert len(frame) > 0
    assert str(load("peacekeeping_contributions")["troops"].dtype) == "Int64"
    assert str(load("azerbaijan_milestones")["weak_source"].dtype) == "boolean"


def test_load_returns_a_fresh_copy():
    first = load("countries")
    first.loc[0, "name"] = "changed"
    assert load("countries").loc[0, "name"] != "changed"


def test_unknown_table_names_the_known_ones():
    with pytest.raises(KeyError, match="no table named 'no_such_table'.*attache_networks"):
        load("no_such_table")


def test_there_is_no_year_zero():
    with pytest.raises(ValueError, match="no year 0"):
        format_year(0)


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


def test_frictionless_finds_the_package_valid():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(ROOT / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_every_row_cites_a_bibliography_key_and_a_locator():
    keys = default_package().bibliography.keys
    for name in table_names():
        frame = load(name)
        assert frame["source"].notna().all() and frame["locator"].notna().all(), name
        assert set(frame["source"]) <= keys, name


def test_data_stays_small():
    assert sum(path.stat().st_size for path in (ROOT / "data").iterdir()) < 1_000_000


# --- UN peacekeeping ------------------------------------------------------------------------------

@pytest.mark.parametrize("year, total", [(1992, 52154), (1993, 69961), (1994, 69356), (1995, 31031), (2000, 37733),
                                         (2005, 69838), (2010, 98638), (2014, 104062), (2015, 107088),
                                         (2016, 100376), (2018, 89846), (2019, 83331), (2020, 81832), (2021, 75085)])
def test_un_world_totals(year, total):
    assert value(load("peacekeeping_totals"), "total", year=year, source="owid_un_peacekeeping") == total


def test_owid_components_add_up_and_early_breakdown_is_missing():
    owid = load("peacekeeping_totals").query("source == 'owid_un_peacekeeping'")
    modern = owid[owid["year"] >= 1992]
    assert (modern[["troops", "police", "experts"]].sum(axis=1) == modern["total"]).all()
    early = owid[owid["year"] <= 1991]
    assert early[["troops", "police", "experts"]].isna().all().all()
    assert early["total"].notna().all()


def test_owid_and_ipi_agree_2010_to_2016_except_2012():
    # The upstream README says all of 2010-2016 agree; in the files 2012 differs by 9 (94,090 vs 94,081).
    totals = load("peacekeeping_totals").pivot(index="year", columns="source", values="total").loc[2010:2016]
    difference = totals["owid_un_peacekeeping"] - totals["ipi_peacekeeping"]
    assert difference.to_dict() == {2010: 0, 2011: 0, 2012: 9, 2013: 0, 2014: 0, 2015: 0, 2016: 0}


@pytest.mark.parametrize("country, figures", [
    ("USA", {1994: 963, 2000: 885, 2005: 384, 2010: 87, 2013: 118}),
    ("GBR", {1994: 3820, 2000: 594, 2005: 349, 2010: 282, 2013: 289}),
    ("FRA", {1994: 5149, 2000: 498, 2005: 578, 2010: 1540, 2013: 952}),
    ("ESP", {1994: 1358, 2000: 187, 2005: 253, 2010: 1114, 2013: 597}),
])
def test_national_model_contributions(country, figures):
    contributions = load("peacekeeping_contributions")
    for year, total in figures.items():
        assert value(contributions, "total", country=country, year=year) == total


def test_contributions_cover_models_ten_largest_and_the_caucasus_to_2025_with_2014_a_gap():
    contributions = load("peacekeeping_contributions")
    assert contributions["country"][contributions["ten_largest"]].nunique() == 10
    assert set(contributions["country"]) >= {"USA", "GBR", "FRA", "ESP", "PAK", "BGD", "IND", "AZE", "ARM", "TUR", "RUS"}
    assert 2014 not in set(contributions["year"])
    assert set(contributions.query("year <= 2013")["source"]) == {"ipi_peacekeeping"}
    assert set(contributions.query("year >= 2015")["source"]) == {"un_contributions_monthly"}
    latest = contributions.query("year == 2025")
    assert set(latest["date"]) == {"2025-07-31"}
    # Staff officers are split off only from May 2017.
    assert contributions.query("year < 2017")["staff_officers"].isna().all()
    assert contributions.query("year >= 2017 and total > 0")["staff_officers"].notna().all()


@pytest.mark.parametrize("country, figures", [
    # December totals, 2025 = July, from the UN reports (upstream PROVENANCE.md, "Countries of interest").
    ("USA", {2015: 80, 2016: 72, 2017: 55, 2018: 51, 2019: 31, 2020: 30, 2021: 31, 2022: 34, 2023: 27, 2024: 21, 2025: 22}),
    ("GBR", {2015: 290, 2017: 679, 2021: 529, 2023: 277, 2024: 274, 2025: 277}),
    ("FRA", {2015: 934, 2019: 730, 2024: 624, 2025: 660}),
    ("ESP", {2015: 618, 2022: 682, 2024: 701, 2025: 673}),
    ("AZE", {2015: 0, 2018: 0, 2019: 2, 2024: 2, 2025: 2}),
    ("ARM", {2015: 34, 2022: 32, 2024: 33}),
    ("TUR", {2015: 193, 2022: 192, 2025: 117}),
    ("RUS", {2015: 80, 2016: 105, 2024: 66, 2025: 63}),
])
def test_un_report_contributions(country, figures):
    contributions = load("peacekeeping_contributions")
    for year, total in figures.items():
        assert value(contributions, "total", country=country, year=year) == total


def test_december_2024_split_by_type():
    contributions = load("peacekeeping_contributions").query("year == 2024").set_index("country")
    parts = ["experts", "staff_officers", "police", "troops"]
    assert contributions.loc["USA", parts].tolist() == [4, 17, 0, 0]
    assert contributions.loc["GBR", parts].tolist() == [3, 18, 0, 253]
    assert contributions.loc["FRA", parts].tolist() == [2, 16, 3, 603]
    assert contributions.loc["ESP", parts].tolist() == [1, 18, 10, 672]


def test_un_report_world_totals_equal_owid_2015_to_2021_in_every_component():
    totals = load("peacekeeping_totals")
    un = totals.query("source == 'un_contributions_monthly' and year <= 2021").set_index("year")
    owid = totals.query("source == 'owid_un_peacekeeping' and year >= 2015").set_index("year")
    columns = ["troops", "police", "experts", "total"]
    assert un[columns].equals(owid[columns])
    latest = totals.query("source == 'un_contributions_monthly'").set_index("year")["total"]
    assert latest.loc[[2022, 2023, 2024, 2025]].tolist() == [76001, 64451, 61201, 61127]


def test_azerbaijan_in_the_un_reports_is_two_experts_on_mission():
    months = load("azerbaijan_un_personnel").set_index("date")
    assert len(months) == 120  # 127 months, seven without a parsed report
    assert months.loc["2018-01-31", ["mission", "experts_on_mission", "female"]].tolist() == ["UNAMI", 2, 2]
    assert not months.loc["2018-02-28":"2018-12-31", "listed"].any()
    since_2019 = months.loc["2019-01-31":]
    assert since_2019["listed"].all()
    assert set(since_2019["mission"].dropna()) == {"UNMISS"}
    differing = since_2019[since_2019["experts_on_mission"] != 2]["experts_on_mission"].to_dict()
    assert differing == {"2021-02-28": 0, "2021-03-31": 1, "2021-04-30": 1, "2021-05-31": 1, "2021-06-30": 1,
                         "2021-07-31": 1, "2022-08-31": 1}


@needs_upstream
@pytest.mark.parametrize("snapshot", ["2021-01", "2022-01"])
def test_the_one_month_rank_files_check_the_un_series(snapshot):
    """The UN's own contribution ranks for one month equal the monthly reports, country by country."""
    folder = {"2021-01": ("un-contribution-ranks-2021-01", "Rank.csv"),
              "2022-01": ("un-contribution-ranks-2022-01", "odp_contributionranks.csv")}[snapshot]
    ranks = pd.read_csv(UPSTREAM.joinpath(*folder), encoding="utf-8-sig").set_index("ISOCode3")
    months = derive_tables.un_country_months(UPSTREAM)
    month = months[months["date"].str.startswith(snapshot)].set_index("iso3")["total"]
    assert month.sort_index().to_dict() == ranks["Total_Uniformed_Personnel"].sort_index().to_dict()
    if snapshot == "2021-01":
        committed = load("peacekeeping_snapshot_2021").set_index("country")["total"]
        assert committed.sort_index().to_dict() == month.sort_index().to_dict()


@pytest.mark.parametrize("country, total", [("USA", 30), ("GBR", 529), ("FRA", 623), ("ESP", 643), ("AZE", 2)])
def test_january_2021_snapshot(country, total):
    assert value(load("peacekeeping_snapshot_2021"), "total", country=country) == total


def test_snapshot_azerbaijan_rank_and_size():
    snapshot = load("peacekeeping_snapshot_2021")
    assert len(snapshot) == 122
    assert value(snapshot, "rank", country="AZE") == 113
    assert (snapshot["female"] + snapshot["male"] == snapshot["total"]).all()


# --- alliances ------------------------------------------------------------------------------------

def test_alliances_in_force_cover_every_year_and_obligation():
    in_force = load("alliances_in_force")
    assert in_force["year"].min() == 1815 and in_force["year"].max() == 2018
    assert len(in_force) == (2018 - 1815 + 1) * 6
    wide = in_force.pivot(index="year", columns="obligation", values="alliances")
    assert (wide.drop(columns="any").le(wide["any"], axis=0)).all().all()


def test_memberships_of_the_focus_states():
    memberships = load("alliance_memberships")
    counts = memberships.groupby("country").size().to_dict()
    assert counts == {"AZE": 18, "ESP": 38, "FRA": 98, "GBR": 77, "USA": 38}


def test_cis_charter_caveat_explains_the_defence_tie_with_armenia():
    cis = load("alliance_memberships").query("country == 'AZE' and atopid == 4400").iloc[0]
    assert cis["defence"] and cis["entry_year"] == 1993 and pd.isna(cis["exit_year"])
    assert "371" in cis["partners_cow"].split() and "365" in cis["partners_cow"].split()
    assert "CIS Charter" in cis["caveat"] and "not a working alliance" in cis["caveat"]


# --- exercises ------------------------------------------------------------------------------------

def test_exercises_per_year_span_1980_2010():
    per_year = load("exercises_per_year")
    assert list(per_year["year"]) == list(range(1980, 2011))
    assert (per_year["unnamed_exercises"] <= per_year["exercises"]).all()


def test_azerbaijan_exercises_start_in_1996_and_years_start_after_independence():
    by_country = load("exercises_by_country")
    aze = by_country.query("country == 'AZE'")
    assert aze["year"].min() == 1992
    assert aze.query("exercises > 0")["year"].min() == 1996
    per_year = load("exercises_per_year").set_index("year")["exercises"]
    assert (by_country.set_index("year")["exercises"] <= per_year.reindex(by_country["year"]).values).all()


# --- SIPRI ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("country, year, usd", [
    # Current US$ m, SIPRI April 2025 edition (upstream PROVENANCE.md).
    ("AZE", 2009, 1472.9), ("AZE", 2012, 3246.1), ("AZE", 2015, 2900.6), ("AZE", 2018, 1672.2), ("AZE", 2020, 2237.8),
    ("AZE", 2023, 3561.7), ("AZE", 2024, 3777.1), ("ARM", 2020, 634.0), ("ARM", 2023, 1326.2), ("ARM", 2024, 1418.0),
    ("TUR", 2024, 24978.7), ("RUS", 2024, 148967.3), ("ISR", 2023, 27498.5), ("ISR", 2024, 46505.3),
    ("USA", 2015, 633829.6), ("USA", 2020, 778397.2), ("USA", 2024, 997309.0), ("GBR", 2024, 81763.2),
    ("FRA", 2024, 64675.0), ("ESP", 2024, 24615.4)])
def test_military_expenditure(country, year, usd):
    assert value(load("military_expenditure"), "current_usd_millions", country=country, year=year) == pytest.approx(usd)


@pytest.mark.parametrize("country, share", [("AZE", 4.99), ("ARM", 5.48), ("RUS", 7.05), ("ISR", 8.78), ("USA", 3.42),
                                            ("GBR", 2.28), ("FRA", 2.05), ("ESP", 1.43), ("TUR", 1.92)])
def test_military_expenditure_share_of_gdp_2024(country, share):
    assert value(load("military_expenditure"), "share_of_gdp_percent", country=country, year=2024) == share


def test_military_expenditure_is_one_edition_and_keeps_gaps_as_gaps():
    milex = load("military_expenditure")
    assert set(milex["source"]) == {"sipri_milex2025"}
    assert set(milex["country"]) == {"AZE", "ARM", "TUR", "RUS", "ISR", "USA", "GBR", "FRA", "ESP"}
    assert pd.isna(value(milex, "current_usd_millions", country="ARM", year=1994))
    # The workbook's 0.0 is not a figure: stored as empty, and said.
    russia_1992 = milex.query("country == 'RUS' and year == 1992").iloc[0]
    assert pd.isna(russia_1992["current_usd_millions"]) and "prints 0.0" in russia_1992["locator"]
    assert milex["year"].max() == 2024


def test_arms_suppliers_to_azerbaijan_and_armenia():
    transfers = load("arms_transfers")
    assert set(transfers["source"]) == {"sipri_arms_transfers2024"} and transfers["year"].max() == 2023
    aze = transfers.query("recipient == 'AZE'")
    early = aze.query("year <= 2014").groupby("supplier_name")["tiv_millions"].sum()
    late = aze.query("year >= 2015").groupby("supplier_name")["tiv_millions"].sum()
    # Upstream PROVENANCE.md: Azerbaijan 2015-2023 by supplier; Russia led 1993-2014.
    assert late.round(1).nlargest(6).to_dict() == {"Israel": 808.9, "Russia": 382.7, "Türkiye": 101.0,
                                                     "Belarus": 47.6, "Slovakia": 23.8, "Spain": 13.0}
    assert early.round(1)["Russia"] == 1802.5 and early.round(1)["Israel"] == 85.2
    by_year = aze.groupby("year")["tiv_millions"].sum().round(0)
    assert by_year.loc[[2005, 2010, 2014, 2015, 2018, 2020, 2022, 2023]].tolist() == [59, 162, 631, 338, 369, 51, 19, 9]
    armenia = transfers.query("recipient == 'ARM' and year >= 2015").groupby("supplier_name")["tiv_millions"].sum()
    assert armenia.round(1).to_dict() == {"France": 3.8, "India": 35.6, "Jordan": 20.8, "Russia": 384.7}


def test_2024_2025_deliveries_are_a_separate_edition():
    deals = load("arms_deliveries_2024_2025")
    assert set(deals["source"]) == {"sipri_arms_transfers2026"} and (deals["last_delivery"] >= 2024).all()
    jf17 = deals.query("designation == 'JF-17 Thunder Block-3'").iloc[0]
    assert (jf17["supplier"], jf17["number_delivered"], jf17["tiv_delivered_millions"]) == ("PAK", 5, 119.0)
    assert set(deals.query("recipient == 'ARM'")["supplier"]) == {"IND"}


# --- hand-edited tables ---------------------------------------------------------------------------

def test_instrument_counts_match_the_seed():
    instruments = load("national_instruments")
    top_level = instruments[~instruments["item"].str.contains(".", regex=False)]
    counts = top_level.query("list == 'instruments'").groupby("country").size().to_dict()
    assert counts == {"USA": 11, "GBR": 8, "FRA": 5, "ESP": 9}
    table = instruments.query("list == 'uk_2010_table'")
    assert len(table) == 22 and (table["action_area"] == "Defence diplomacy").sum() == 9
    assert len(instruments.query("list == 'france_prevention_phases'")) == 3


def test_timeline_spans_are_not_reversed():
    events = load("timeline_events")
    spans = events.dropna(subset=["end_year"])
    assert (spans["end_year"] >= spans["year"]).all()


def test_timeline_dates_agree_with_years_and_precision():
    events = load("timeline_events")
    dated = events.dropna(subset=["date"])
    assert (dated["date"].str[:4].astype(int) == dated["year"]).all()
    lengths = {"day": 10, "month": 7, "year": 4}
    for _, event in dated.iterrows():
        assert len(event["date"]) == lengths[event["date_precision"]], event["event_id"]
    assert events.query("year < 0")["date"].isna().all()


def test_timeline_has_the_milestones_the_book_needs():
    titles = " ".join(load("timeline_events")["title"])
    ids = set(load("timeline_events")["event_id"])
    assert {"attache-post-formalised-1857", "us-military-attaches-1888", "frederick-instructions-1747",
            "nato-founded-1949", "november-10-statement", "second-karabakh-war", "us-national-defense-strategy-2018",
            "us-strategy-prevent-conflict-2020", "uk-sdr-2010", "uk-defence-doctrine-2014", "uk-integrated-review-2021",
            "france-white-paper-2013", "spain-defence-diplomacy-plan-2012", "spain-national-defence-directive-2020"} <= ids
    assert "Strategic Defence Review" in titles


def test_thinkers_include_the_classics_and_the_modern_definers():
    names = " ".join(load("thinkers")["name"])
    for name in ["Sun Tzu", "Machiavelli", "Grotius", "Frederick", "Clausewitz", "Satow", "Kissinger", "Cottey",
                 "Winger", "Svistek", "Edmonds", "Tan", "Muthanna", "Pajtinka", "Alam", "Gindarsah", "Drab"]:
        assert name in names, name


def test_azerbaijan_milestones_flag_weak_rows_and_qualify_every_figure():
    milestones = load("azerbaijan_milestones")
    assert set(milestones.loc[milestones["weak_source"], "source"]) == {"afp2008_kosovo", "xebersaati2017"}
    assert (milestones["personnel"].isna() == milestones["qualifier"].isna()).all()
    assert value(milestones, "qualifier", milestone_id="peacekeeping-since-1999") == "at_least"
    assert value(milestones, "qualifier", milestone_id="psp-sent") == "at_least"
    assert value(milestones, "qualifier", milestone_id="psp-serving") == "exact"
    isaf = milestones.query("framework == 'ISAF (Afghanistan)'")
    assert set(isaf["end_year"].dropna()) == {2014, 2015}


@needs_upstream
def test_every_sourced_event_is_in_the_milestones_with_its_page_in_the_bibliography():
    events = pd.read_csv(UPSTREAM / "azerbaijan-deployments-sourced" / "azerbaijan_military_diplomacy_events.csv")
    milestones = load("azerbaijan_milestones")
    assert set(events["date"]) <= set(milestones["start_date"])
    bibliography = (ROOT / "references.bib").read_text(encoding="utf-8")
    urls = events["source_url"][events["source_url"].str.startswith("http")]
    assert len(urls) > 0
    for url in urls:
        assert url.replace("_", r"\_") in bibliography or url in bibliography, url


# --- derivation -----------------------------------------------------------------------------------

@needs_upstream
def test_rederiving_reproduces_the_committed_tables(tmp_path: Path):
    derive_all, write_tables = derive_tables.derive_all, derive_tables.write_tables

    for path in write_tables(derive_all(UPSTREAM), tmp_path):
        committed = ROOT / "data" / path.name
        assert path.read_bytes() == committed.read_bytes(), f"{path.name} differs from data/; re-run the derive command"


@needs_upstream
def test_rederived_tables_load_through_the_validator(tmp_path: Path):
    import shutil

    DERIVED_TABLES, derive_all, write_tables = derive_tables.DERIVED_TABLES, derive_tables.derive_all, derive_tables.write_tables

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    write_tables(derive_all(UPSTREAM), tmp_path / "data")
    package = DataPackage.at(tmp_path / "data")
    for name in DERIVED_TABLES:
        package.load(name)


def test_countries_cover_codes_for_joining():
    countries = load("countries").set_index("iso3")
    assert countries.loc["AZE", "cow_code"] == 373 and countries.loc["DEU", "cow_code"] == 255
    assert countries.loc["DEU", "gw_code"] == 260 and countries.loc["SRB", "cow_code"] == 345
    assert countries["cow_code"].dropna().is_unique


def test_every_row_rule_is_declared_by_a_table_and_documented():
    from defence_diplomacy.row_rules import RULES

    declared = {rule["rule"] for name in table_names()
                for rule in default_package().resource(name)["schema"].get("rowRules", [])}
    assert declared == set(RULES)
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule}`" in readme, rule
