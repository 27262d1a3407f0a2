"""The declared audience options: texts fitted to the survey, closings, shared settings, refused shapes."""

from __future__ import annotations

import pytest

from generator.audiences import load_audiences
from generator.errors import InputError
from narrative_fixtures import small_survey


def _load(write_file, text: str):
    return load_audiences(write_file("audiences.yaml", text), small_survey())


def _problems(write_file, text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        _load(write_file, text)
    return [str(problem) for problem in caught.value.problems]


def test_texts_take_the_survey_title_publisher_and_respondents(write_file):
    (raad,) = _load(write_file, "respondents: {singular: ambtenaar, plural: ambtenaren}\naudiences:\n  raad:\n"
                                "    title: \"{titel}   van {uitgever}\"\n    introduction: Door {deelnemers}.\n")
    assert raad.title == "Kleine peiling van Panel"
    assert raad.introduction == ("Door ambtenaren.",)
    assert raad.respondents.singular == "ambtenaar"


def test_a_placeholder_barometer_does_not_fill_is_refused_with_the_ones_it_does(write_file):
    assert _problems(write_file, "audiences:\n  raad:\n    closing_title: \"{jaar} en {titel}\"\n") == [
        "audiences.yaml:3: audiences.raad.closing_title: unknown placeholder {jaar}; "
        "use {titel}, {uitgever} or {deelnemers}"]


def test_a_closing_text_is_paragraphs_and_a_list_of_points_is_numbered(write_file):
    text = ("audiences:\n  raad:\n    closing: \"Een.\\n\\nTwee.\"\n"
            "  college:\n    closing:\n      - Eerste punt.\n      - text: Tweede punt.\n        findings: [media]\n")
    raad, college = _load(write_file, text)
    assert (raad.closing, raad.closing_numbered, raad.closing_support) == (("Een.", "Twee."), False, ())
    assert (college.closing, college.closing_numbered) == (("Eerste punt.", "Tweede punt."), True)
    assert college.closing_support == ((), ("media",))


def test_an_audience_overrides_what_the_file_sets_for_all(write_file):
    eigen, gedeeld = _load(write_file, "author: Gemeente Ede\nopt_in_panel: true\naudiences:\n"
                                       "  eigen:\n    author: Griffie\n    opt_in_panel: false\n"
                                       "    respondents: {singular: raadslid, plural: raadsleden}\n  gedeeld: {}\n")
    assert (eigen.author, eigen.opt_in_panel, eigen.respondents.plural) == ("Griffie", False, "raadsleden")
    assert (gedeeld.author, gedeeld.opt_in_panel, gedeeld.respondents.plural) == ("Gemeente Ede", True, "deelnemers")


def test_header_lines_keep_numbers_and_empty_lines(write_file):
    (raad,) = _load(write_file, "audiences:\n  raad:\n    header:\n      Kenmerk: 2026\n      Datum: ''\n")
    assert raad.header_fields == (("Kenmerk", "2026"), ("Datum", ""))


def test_yes_and_no_in_dutch_are_flags(write_file):
    (raad,) = _load(write_file, "audiences:\n  raad:\n    tables_in_appendix: ja\n")
    assert raad.tables_in_appendix is True


@pytest.mark.parametrize(("text", "expected"), [
    ("audiences: {}\n", "audiences.yaml:1: audiences: must have at least 1 entry"),
    ("author: Gemeente\n", "audiences.yaml:1: audiences: missing; this field is required"),
    ("audiences:\n  Raad: {}\n", "audiences.yaml:2: audiences.Raad: 'Raad' is not a valid id"),
    ("audiences:\n  raad:\n    themes: [oordeel, oordeel]\n",
     "audiences.yaml:3: audiences.raad.themes[2]: theme 'oordeel' is named twice"),
    ("audiences:\n  raad:\n    closing:\n      - {text: Punt., findings: [mediaa]}\n",
     "audiences.yaml:4: audiences.raad.closing[1].findings[1]: unknown finding 'mediaa'; did you mean 'media'?"),
    ("audiences:\n  raad:\n    header: Aan de raad\n",
     "audiences.yaml:3: audiences.raad.header: must be a mapping of header labels to texts"),
], ids=["no-audiences", "audiences-missing", "id-not-lowercase", "theme-twice", "closing-finding-typo", "header-text"])
def test_a_file_of_the_wrong_shape_is_refused_with_the_field(write_file, text, expected):
    assert any(problem.startswith(expected) for problem in _problems(write_file, text))


def test_the_formats_option_names_every_format_a_build_writes():
    from generator.audiences import AudienceOptions
    from generator.output_folder import output_formats

    doc = AudienceOptions.fields()["formats"].doc
    assert all(name in doc for name in output_formats())
