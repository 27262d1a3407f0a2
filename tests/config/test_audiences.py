"""Audience settings: the shipped defaults load, and every mistake is reported at once, located."""

from __future__ import annotations

import pytest

from conftest import DEFAULT_AUDIENCES
from generator.audiences import Detail, Register, find_audience, load_audiences
from generator.errors import InputError
from generator.report import DocumentKind
from narrative_fixtures import small_survey


def test_default_audiences_load_against_the_seed(seed_survey):
    audiences = {audience.id: audience for audience in load_audiences(DEFAULT_AUDIENCES, seed_survey)}
    assert list(audiences) == ["raad", "college", "ambtenaren", "inwoners"]
    assert audiences["raad"].document_kind is DocumentKind.RAADSINFORMATIEBRIEF
    assert audiences["college"].document_kind is DocumentKind.MEMO
    assert audiences["ambtenaren"].document_kind is DocumentKind.RAPPORTAGE
    assert audiences["inwoners"].document_kind is DocumentKind.SAMENVATTING
    assert audiences["inwoners"].register is Register.PLAIN
    assert audiences["ambtenaren"].detail is Detail.FULL
    assert audiences["raad"].respondents.plural == "ambtenaren"


def test_minimal_audience_gets_sensible_defaults(write_file):
    path = write_file("audiences.yaml", "audiences:\n  wijkraad: {}\n")
    (wijkraad,) = load_audiences(path, small_survey())
    assert wijkraad.title == "Kleine peiling"
    assert wijkraad.name == "wijkraad"
    assert wijkraad.register is Register.FORMAL and wijkraad.detailed
    assert wijkraad.formats == ("pptx", "docx")
    assert wijkraad.author == "Gemeente"


@pytest.mark.parametrize("settings, expected", [
    ("themes: [oordeel, kanaal]", "4: audiences.raad.themes[2]: unknown theme 'kanaal'; did you mean 'kanalen'?"),
    ("findings: [doelen, mediaa]", "4: audiences.raad.findings[2]: unknown finding 'mediaa'; did you mean 'media'?"),
    ("themes: [oordeel]\n    findings: [media]", "audiences.raad.findings[1]: finding 'media' belongs to theme "
                                                 "'kanalen', which is not listed under themes"),
    ("register: eenvoudig", "4: audiences.raad.register: must be one of formeel, b1, not 'eenvoudig'"),
    ("document: brief", "audiences.raad.document: must be one of raadsinformatiebrief, memo, rapportage, samenvatting"),
    ("key_messages: 9", "audiences.raad.key_messages: must be at most 5"),
    ("formats: [pptx, odt]", "audiences.raad.formats[2]: unknown format 'odt'"),
    ("titel: Raad", "audiences.raad.titel: unknown field; did you mean 'title'?"),
    ("tables_in_appendix: misschien", "audiences.raad.tables_in_appendix: must be true or false"),
    ("respondents: ambtenaren", "must give singular and plural"),
], ids=["unknown-theme", "unknown-finding", "finding-outside-themes", "register", "document", "key-messages",
        "format", "typo", "flag", "respondents"])
def test_mistakes_are_located_and_name_the_audience(write_file, settings, expected):
    path = write_file("audiences.yaml", f"audiences:\n  college: {{}}\n  raad:\n    {settings}\n")
    with pytest.raises(InputError) as caught:
        load_audiences(path, small_survey())
    assert expected in str(caught.value)
    assert str(caught.value).startswith("audiences.yaml:")


def test_all_problems_reported_at_once(write_file):
    path = write_file("audiences.yaml", "audiences:\n  raad:\n    themes: [x]\n    register: y\n"
                                        "  inwoners:\n    findings: [z]\n")
    with pytest.raises(InputError) as caught:
        load_audiences(path, small_survey())
    assert len(caught.value.problems) == 3
    assert [problem.line for problem in caught.value.problems] == [3, 4, 6]


def test_unknown_audience_lists_the_known_ones(write_file):
    path = write_file("audiences.yaml", "audiences:\n  raad: {}\n  inwoners: {}\n")
    audiences = load_audiences(path, small_survey())
    with pytest.raises(InputError, match="no audience 'rad'; did you mean 'raad'.*raad, inwoners"):
        find_audience(audiences, "rad", path)


def test_header_fields_keep_their_order_and_empty_values(write_file):
    path = write_file("audiences.yaml", "audiences:\n  raad:\n    document: memo\n    header:\n"
                                        "      Aan: De raad\n      Datum:\n      Kenmerk: 2026/123\n")
    (raad,) = load_audiences(path, small_survey())
    assert raad.header_fields == (("Aan", "De raad"), ("Datum", ""), ("Kenmerk", "2026/123"))


def test_introduction_paragraphs_split_on_blank_lines(write_file):
    path = write_file("audiences.yaml", "audiences:\n  raad:\n    introduction: |\n      Een.\n      Twee.\n\n"
                                        "      Drie.\n")
    (raad,) = load_audiences(path, small_survey())
    assert raad.introduction == ("Een. Twee.", "Drie.")
