"""The number audit: a number, share phrase or mix the data does not support stops the report."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from generator.compose import compose_report
from generator.errors import InputError
from generator.findings import Qualifier
from generator.number_audit import (
    traceable_numbers,
    traceable_percentages,
    traceable_shares,
    untraceable,
    user_texts,
)
from narrative_fixtures import REPORT_DATE, audience, plain_audience, single, small_survey, template_set, value


def override(tmp_path, name: str, source: str):
    (tmp_path / "narrative").mkdir(exist_ok=True)
    (tmp_path / "narrative" / name).write_text(source, encoding="utf-8")
    return template_set(tmp_path)


def test_template_writing_a_number_not_in_the_data_fails_naming_audience_and_template(tmp_path):
    templates = override(tmp_path, "finding_text.j2", "Maar liefst 73 procent is tevreden.")
    with pytest.raises(InputError) as caught:
        compose_report(small_survey(), audience("raad"), templates, REPORT_DATE)
    message = str(caught.value)
    assert "narrative/finding_text.j2" in message
    assert "audience 'raad'" in message
    assert "the percentage 73 is not in the data" in message
    assert "Maar liefst 73 procent is tevreden." in message


def test_template_with_a_share_phrase_the_data_does_not_support_fails(tmp_path):
    templates = override(tmp_path, "finding_text.b1.j2", "Zeven op de tien ambtenaren zijn tevreden.")
    with pytest.raises(InputError, match="‘Zeven op de tien’ does not match any value in the data"):
        compose_report(small_survey(), plain_audience(), templates, REPORT_DATE)


def test_template_mixing_a_share_phrase_with_a_percentage_fails(tmp_path):
    templates = override(tmp_path, "finding_text.b1.j2", "{{ finding.top[0].share|upper_first }} "
                                                         "({{ finding.top[0].symbol }}) noemt dit.")
    with pytest.raises(InputError, match="mixes the share ‘Bijna twee derde’ with a percentage in one sentence"):
        compose_report(small_survey(), plain_audience(), templates, REPORT_DATE)


def test_template_using_the_data_passes(tmp_path):
    templates = override(tmp_path, "finding_text.j2", "{{ finding.count }} antwoorden; top {{ finding.ranked[0].text }}.")
    report = compose_report(small_survey(), audience(), templates, REPORT_DATE)
    assert report.figures[1].text == "4 antwoorden; top 64\u00a0procent."


@pytest.fixture
def survey():
    theme = small_survey().themes[0]
    extra = single("aantal", ("16 of meer", 21), ("5 of minder", 16))
    return dataclasses.replace(small_survey(base=1234, year=2023),
                               themes=(dataclasses.replace(theme, findings=(*theme.findings, extra)),
                                       *small_survey().themes[1:]))


@pytest.mark.parametrize("text", [
    "Van de ambtenaren noemt 64\u00a0procent kwaliteit.",
    "Het cijfer is 6,7 op een schaal van 1 tot 10.",
    "n = 1.234",
    "In 2023 gevraagd.",
    "De overige 63\u00a0procent gaf geen antwoord.",
    "Vier antwoorden, 4 in totaal, in 2 thema's.",
    "Meer dan 100 bij elkaar.",
    "Ongeveer een op de vijf noemt geld.",
    "Bijna twee derde noemt kwaliteit.",
    "Het antwoord ‘16 of meer’ komt voor.",
    "Datum: 28 november 2026",
], ids=["value", "grade-and-scale", "base", "year", "remainder", "counts", "hundred", "source-wording",
        "share-of-value", "number-in-label", "report-date"])
def test_traceable_texts_pass(survey, text):
    report = compose_report(survey, audience(), template_set_for(survey), REPORT_DATE)
    assert untraceable(text, traceable_numbers(survey, report), traceable_shares(survey), user_texts(survey),
                       traceable_percentages(survey)) == []


@pytest.mark.parametrize("text, problem", [
    ("Van de ambtenaren noemt 65\u00a0procent kwaliteit.", "the percentage 65 is not in the data"),
    ("Van de ambtenaren noemt 3\u00a0procent kwaliteit.", "the percentage 3 is not in the data"),
    ("Slechts 3% noemt het.", "the percentage 3 is not in the data"),
    ("Het cijfer is 6,8.", "the number 6,8 is not in the data"),
    ("n = 1.235", "the number 1.235 is not in the data"),
    ("Zeven op de tien noemt kwaliteit.", "‘Zeven op de tien’ does not match"),
    ("De helft noemt het, 50\u00a0procent.", "mixes the share ‘De helft’ with a percentage"),
], ids=["value", "count-as-percentage", "count-as-symbol", "grade", "base", "share", "mix"])
def test_untraceable_texts_fail(survey, text, problem):
    report = compose_report(survey, audience(), template_set_for(survey), REPORT_DATE)
    problems = untraceable(text, traceable_numbers(survey, report), traceable_shares(survey), user_texts(survey),
                           traceable_percentages(survey))
    assert any(problem in found for found in problems), problems


def template_set_for(survey):
    from pathlib import Path

    return template_set(Path("/nonexistent-template-set"))


def test_approximate_value_is_not_traceable_as_an_exact_share():
    survey = small_survey()
    shares = traceable_shares(survey)
    assert "een op de vijf" in shares
    assert value(20, Qualifier.ABOUT, "een op de vijf").wording in shares


def test_share_words_inside_a_label_are_not_a_mix():
    survey = small_survey(themes=(dataclasses.replace(small_survey().themes[1], findings=(
        single("tijd", ("Een kwart van de tijd", 30), ("Nooit", 70)),)),))
    problems = untraceable("Van de ambtenaren antwoordt 30\u00a0procent ‘een kwart van de tijd’.",
                           traceable_numbers(survey), traceable_shares(survey), user_texts(survey))
    assert problems == []


@pytest.mark.parametrize("text, problem", [
    ("Slechts 12.9% noemt het.", "the percentage 12.9 is not in the data"),
    ("Maar liefst ⁸⁷% noemt het.", "the percentage 87 is not in the data"),
    ("Maar liefst ８７% noemt het.", "the percentage 87 is not in the data"),
    ("Het gaat om 1.5 miljoen mensen.", "the number 1.5 miljoen is not in the data"),
    ("Het gaat om 1,5 miljoen mensen.", "the number 1,5 miljoen is not in the data"),
    ("Het gaat om twee miljoen mensen.", "the number twee miljoen is not in the data"),
    ("Negen antwoorden kwamen binnen.", "the number Negen is not in the data"),
    ("Het zijn tweeëntwintig gemeenten.", "the number tweeëntwintig is not in the data"),
    ("Het zijn driehonderd gemeenten.", "the number driehonderd is not in the data"),
    ("Vijftien procent noemt het.", "the percentage Vijftien is not in the data"),
    ("Het was ca.87 procent.", "the percentage 87 is not in the data"),
    ("Code B9 geldt.", "the number 9 is not in the data"),
    ("Ruim ⅞ van de ambtenaren.", "the number 8 is not in the data"),
    ("Een deel (三) noemt het.", "the numeral ‘三’ (U+4E09) cannot be traced"),
], ids=["decimal-point", "superscript", "full-width", "million-point",
        "million-comma", "million-word", "word", "compound-word", "hundreds-word", "word-percentage",
        "after-abbreviation", "glued-to-letter", "vulgar-fraction", "other-numeral"])
def test_numbers_in_every_written_form_are_audited(survey, text, problem):
    problems = untraceable(text, traceable_numbers(survey), traceable_shares(survey), user_texts(survey),
                           traceable_percentages(survey))
    assert any(problem in found for found in problems), problems


@pytest.mark.parametrize("text", [
    "Vier antwoorden in twee thema's.",
    "Van de ambtenaren noemt een op de vijf geld.",
    "Het is een ruime voldoende, een 6,7.",
    "Samen meer dan honderd procent.",
    "Eén op de vijf noemt geld.",
    "Van de ambtenaren noemt 64,0 procent kwaliteit.",
], ids=["count-words", "share-phrase", "article", "hundred-word", "share-with-accent", "trailing-zero"])
def test_traceable_numbers_in_words_pass(survey, text):
    assert untraceable(text, traceable_numbers(survey), traceable_shares(survey), user_texts(survey),
                       traceable_percentages(survey)) == []


def test_number_word_the_data_does_not_support_stops_the_report(tmp_path):
    """A survey without a 3 anywhere: a user template that writes "drie" names itself in the refusal."""
    theme = small_survey().themes[0]
    survey = dataclasses.replace(small_survey(), themes=(dataclasses.replace(
        theme, findings=tuple(finding for finding in theme.findings if finding.kind.value == "grade")),))
    assert Decimal(3) not in traceable_numbers(survey)
    templates = override(tmp_path, "finding_text.j2", "Drie thema's vallen op.")
    with pytest.raises(InputError) as caught:
        compose_report(survey, audience("raad"), templates, REPORT_DATE)
    assert "narrative/finding_text.j2" in str(caught.value)
    assert "the number Drie is not in the data" in str(caught.value)


def test_digits_in_a_label_stay_the_users_own_after_normalisation():
    """Labels are masked in the normalised text too, so "m²" or "①" in a label is not an untraced number."""
    survey = small_survey(themes=(dataclasses.replace(small_survey().themes[1], findings=(
        single("woning", ("Woning onder 50 m² ①", 30), ("Groter", 70)),)),))
    problems = untraceable("Van de bewoners heeft 30\u00a0procent een ‘Woning onder 50 m² ①’.",
                           traceable_numbers(survey), traceable_shares(survey), user_texts(survey))
    assert problems == []
