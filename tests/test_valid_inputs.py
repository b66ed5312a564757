"""Valid but tricky input comes through whole: the loader refuses what is wrong and keeps what is right.

Each case writes a small table, byte for byte, into a copy of data/ in a
temporary folder and loads it there. Nothing is ever written into data/.
"""

import shutil
from pathlib import Path

import pytest

from defence_diplomacy.data import DataPackage

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path / "data"


def load_written(package_copy: Path, table: str, raw: bytes):
    (package_copy / f"{table}.csv").write_bytes(raw)
    return DataPackage.at(package_copy).load(table)


def test_quoted_commas_quotes_and_line_breaks_come_through_exactly(package_copy):
    raw = (
        "country,city,host_country,post,source,locator\n"
        'USA,"Washington, D.C.",USA,"the ""senior"" post",drab2023,"p. 3, para 2"\n'
        'USA,Paris,FRA,"first line\nsecond line",drab2023,"ends with a quote """\n'
        'USA,Rome,ITA,"windows\r\nbreak",drab2023,""""\n'
        "USA,Zürich,CHE,naïve café,drab2023,plain\n"
    ).encode("utf-8")
    posts = load_written(package_copy, "attache_senior_posts", raw)
    assert list(posts["city"]) == ["Washington, D.C.", "Paris", "Rome", "Zürich"]
    assert list(posts["post"]) == ['the "senior" post', "first line\nsecond line", "windows\r\nbreak", "naïve café"]
    assert list(posts["locator"]) == ["p. 3, para 2", 'ends with a quote "', '"', "plain"]


def test_windows_line_endings_and_a_byte_order_mark_are_read(package_copy):
    raw = "\ufeffcountry,city,host_country,post,source,locator\r\nUSA,Oslo,NOR,post,drab2023,p. 1\r\n"
    posts = load_written(package_copy, "attache_senior_posts", raw.encode("utf-8"))
    assert posts.iloc[0].to_dict() == {"country": "USA", "city": "Oslo", "host_country": "NOR", "post": "post",
                                       "source": "drab2023", "locator": "p. 1"}


def test_the_book_tables_keep_their_quoted_values(package_copy):
    figures = DataPackage.at(package_copy).load("chapter_figures")
    assert figures.loc[0, "wording"] == 'Where a source gives only a bound ("more than 500")'


def test_leap_days_and_partial_dates_are_kept(package_copy):
    snapshot = (
        "country,rank,female,male,total,date,source,locator\n"
        "AZE,1,0,2,2,2020-02-29,un_dpo_ranks2021,p. 1\n"
        "ARM,2,1,2,3,2000-02-29,un_dpo_ranks2021,p. 1\n"
    )
    assert list(load_written(package_copy, "peacekeeping_snapshot_2021", snapshot.encode())["date"]) == [
        "2020-02-29", "2000-02-29"]
    lines = (package_copy / "azerbaijan_milestones.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header, first = lines[0], lines[1]  # nacc-1992: start_year 1992, start_date 1992-03, precision month
    rows = [first, first.replace("nacc-1992,", "b,").replace(",1992-03,month,", ",1992,year,"),
            first.replace("nacc-1992,", "c,").replace(",1992,1992-03,month,", ",1992,1992-02-29,day,"),
            first.replace("nacc-1992,", "d,").replace(",1992-03,month,", ",1992-12,month,")]
    milestones = load_written(package_copy, "azerbaijan_milestones", "".join([header, *rows]).encode())
    assert list(milestones["start_date"]) == ["1992-03", "1992", "1992-02-29", "1992-12"]


def test_the_largest_integers_pandas_holds_and_zero_written_as_a_float_are_kept(package_copy):
    raw = ("country,year,exercises,source,locator\n"
           "USA,1980,9223372036854775807,dorazio2021,p. 1\n"
           "GBR,1980,0,dorazio2021,p. 1\n")
    frame = load_written(package_copy, "exercises_by_country", raw.encode())
    assert frame["exercises"].tolist() == [2**63 - 1, 0]
    raw = ("recipient,supplier,supplier_name,year,tiv_millions,source,locator\n"
           "AZE,RUS,Russia,1993,0.0e5,sipri_arms_transfers2024,p. 1\n"
           "AZE,UKR,Ukraine,1994,1e308,sipri_arms_transfers2024,p. 1\n")
    transfers = load_written(package_copy, "arms_transfers", raw.encode())
    assert transfers["tiv_millions"].tolist() == [0.0, 1e308]


def test_row_rules_compare_partial_dates_as_far_as_both_go(package_copy):
    lines = (package_copy / "alliance_memberships.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[1]  # AZE 4342: entry 1992-10-12, exit 1997-07-03
    assert first.startswith("AZE,4342,0,1992,1992-10-12,1997,1997-07-03,")
    rows = [first.replace("1992-10-12,1997,1997-07-03", "1992-10-12,1992,1992"),
            first.replace(",0,1992,1992-10-12,1997,1997-07-03", ",1,1992,1992-10,1992,1992-10-12")]
    memberships = load_written(package_copy, "alliance_memberships", "".join([lines[0], *rows]).encode())
    assert list(memberships["exit_date"]) == ["1992", "1992-10-12"]
