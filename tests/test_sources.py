import pytest

from defence_diplomacy.data import DataError, default_package
from defence_diplomacy.sources import Bibliography

SAMPLE = r"""
% a comment with @misc{not_an_entry, inside a comment line
@article{khalid2024,
  author = {Khalid, Faiq Hassan and Ahmed, Naeem},
  title  = {From Alliance Building to {Strategic} Partnerships},
  year   = {2024}
}
@misc{un2021, author = {{United Nations}}, title = "Ranks", year = 2021}
@book{taylor2014, author = {Taylor, Brendan and Blaxland, John and White, Hugh}, year = {2014}}
@misc{undated, title = {A page with no author}}
"""


def test_labels_follow_author_year_style():
    bib = Bibliography.parse(SAMPLE)
    assert bib.label("khalid2024") == "Khalid and Ahmed (2024)"
    assert bib.label("un2021") == "United Nations (2021)"
    assert bib.label("taylor2014") == "Taylor et al. (2014)"
    assert bib.label("undated") == "A page with no author (n.d.)"


def test_caption_lists_each_source_once():
    bib = Bibliography.parse(SAMPLE)
    assert bib.caption(["khalid2024"]) == "Source: Khalid and Ahmed (2024)."
    assert bib.caption(["un2021", "khalid2024", "un2021"]) == "Sources: United Nations (2021); Khalid and Ahmed (2024)."


def test_a_work_named_by_its_key_in_a_text_is_named_by_its_label():
    bib = Bibliography.parse(SAMPLE)
    assert bib.named("p. 3; the figure also in un2021, table 2") == "p. 3; the figure also in United Nations (2021), table 2"
    assert bib.named("un2021x and xun2021 are no keys") == "un2021x and xun2021 are no keys"


def test_the_book_bibliography_parses_and_has_the_seeds():
    keys = default_package().bibliography.keys
    assert {"khalid2024", "drab2023", "iskandarov2023"} <= keys


def test_a_malformed_entry_names_the_file_and_its_line():
    with pytest.raises(DataError, match=r"^notes\.bib, line 3: the braces of @book\{b, \.\.\.\} do not balance"):
        Bibliography.parse("@misc{a, title = {A}}\n\n@book{b, title = {B\n", "notes.bib")
    with pytest.raises(DataError, match=r"^references\.bib, line 2: the key 'a' is used twice: line 1 has it already"):
        Bibliography.parse("@misc{a, title = {A}}\n@misc{a, title = {B}}\n")


def test_comment_lines_do_not_shift_the_line_numbers():
    text = "% one\n\n% two\n@misc{a, title = {A}}\n@misc{, title = {B}}\n"
    with pytest.raises(DataError, match=r"line 5: @misc has no key"):
        Bibliography.parse(text)


def test_labels_print_latex_accents_as_letters():
    bibliography = Bibliography.parse(
        "@misc{a, author = {C{\\^\\i}rlig, Carmen}, year = {2015}}\n"
        "@misc{b, author = {{\\\"O}ni{\\c{s}}, Ziya and W{\\ae}ver, Ole}, year = {2025}}\n")
    assert bibliography.label("a") == "Cîrlig (2015)"
    assert bibliography.label("b") == "Öniş and Wæver (2025)"
