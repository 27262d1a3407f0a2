"""compose_report on small hand-built surveys: what each audience's report says, and how."""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator.audiences import Detail
from generator.compose import compose_report, report_date
from generator.errors import InputError
from generator.findings import Theme
from generator.report import DocumentKind, Figure, KeyFigures, Note, Quote, SourceLine
from narrative_fixtures import (
    REPORT_DATE,
    audience,
    multi,
    plain_audience,
    single,
    small_survey,
    template_set,
)


@pytest.fixture
def templates(tmp_path):
    return template_set(tmp_path)


def compose(survey=None, who=None, templates=None, **text_settings):
    return compose_report(survey or small_survey(), who or audience(), templates, REPORT_DATE)


def figure(report, finding_id) -> Figure:
    return next(figure for figure in report.figures if figure.finding_id == finding_id)


def test_title_block_and_metadata(templates):
    report = compose(templates=templates, who=audience(author="Gemeente Utrecht"))
    assert (report.title, report.subtitle, report.author) == ("Titel", "Ondertitel", "Gemeente Utrecht")
    assert report.date_text == "28 november 2026"
    assert report.source == "Bron: Kleine peiling, Panel"
    assert report.language == "nl-NL"
    assert report.document_kind is DocumentKind.RAPPORTAGE


def test_source_line_shows_period_and_base_only_when_known(templates):
    report = compose(small_survey(period="maart 2024", base=1234, source="Peiling 2024"), templates=templates)
    assert report.source == "Bron: Peiling 2024, maart 2024, n = 1.234"
    assert report.method[-1] == SourceLine(report.source)
    assert any("n = 1.234" in block.text for block in report.method)


def test_method_states_what_the_source_gives_and_no_more(templates):
    method = " ".join(block.text for block in compose(templates=templates).method)
    assert "meerdere antwoorden mogelijk" in method
    assert "niet hoeveel ambtenaren" in method
    assert "foutmarge" not in method
    panel = " ".join(block.text for block in compose(templates=templates, who=audience(opt_in_panel=True)).method)
    assert "opt-in panel" in panel and "geen foutmarges" in panel


def test_action_titles_state_the_message_with_the_chart_percentage(templates):
    report = compose(templates=templates)
    assert figure(report, "doelen").title == "Ambtenaren noemen ‘Kwaliteit van beleid’ (64%) het vaakst op de vraag ‘Vraag doelen?’"
    assert figure(report, "cijfer").title == "Ambtenaren geven gemiddeld een 6,7 voor ‘Burgerparticipatie’"
    assert figure(report, "struikelblok").title == "Een op de vijf ambtenaren noemt ‘Geld’ op de vraag ‘Vraag struikelblok?’"


def test_hand_written_texts_win(templates):
    survey = small_survey()
    theme = survey.themes[0]
    doelen = dataclasses.replace(theme.findings[1], title="Eigen titel", text="Eigen tekst met 73 procent.")
    survey = dataclasses.replace(survey, themes=(
        dataclasses.replace(theme, findings=(theme.findings[0], doelen), text="Eigen samenvatting."),
        *survey.themes[1:]))
    report = compose(survey, templates=templates)
    assert figure(report, "doelen").title == "Eigen titel"
    assert figure(report, "doelen").text == "Eigen tekst met 73 procent."
    assert report.sections[0].summary == "Eigen samenvatting."


@pytest.mark.parametrize("style, expected, unexpected", [
    ("procent", "64\u00a0procent", "64%"),
    ("symbol", "64%", "64\u00a0procent"),
], ids=["procent", "symbol"])
def test_percent_in_running_text_is_a_template_setting(tmp_path, style, expected, unexpected):
    report = compose(templates=template_set(tmp_path, {"percent_in_text": style}))
    text = figure(report, "doelen").text
    assert expected in text and unexpected not in text
    assert figure(report, "doelen").title == "Ambtenaren noemen ‘Kwaliteit van beleid’ (64%) het vaakst op de vraag ‘Vraag doelen?’"


def test_unknown_text_setting_is_located(tmp_path):
    with pytest.raises(InputError, match="text.percent_in_text: must be one of procent, symbol"):
        compose(templates=template_set(tmp_path, {"percent_in_text": "woorden"}))


def test_superlative_only_for_the_top_item(templates):
    text = figure(compose(templates=templates), "doelen").text
    assert text.startswith("Op de vraag ‘Vraag doelen?’ noemen ambtenaren ‘Kwaliteit van beleid’ (64\u00a0procent) het vaakst.")
    assert text.count("het vaakst") == 1 and "vaker dan" not in text


def test_lows_are_named_without_a_superlative(templates):
    text = figure(compose(templates=templates), "doelen").text
    assert ("Daarna volgen ‘Invloed’ (57\u00a0procent), ‘Draagvlak verkennen’ (12\u00a0procent) en "
            "‘Zelfredzaamheid’ (5\u00a0procent).") in text
    assert "minst" not in text


@pytest.mark.parametrize("pairs, expected", [
    ((("A", 60), ("B", 57), ("C", 30)), "Daarna volgt ‘C’ (30\u00a0procent)."),
    ((("A", 60), ("B", 30), ("C", 20)), "Daarna volgen ‘B’ (30\u00a0procent) en ‘C’ (20\u00a0procent)."),
    ((("A", 60), ("B", 43), ("C", 43)), "Daarna volgen ‘B’ en ‘C’ (elk 43\u00a0procent)."),
], ids=["singular", "plural", "tie"])
def test_following_items_agree_in_number(tmp_path, pairs, expected):
    survey = small_survey(themes=(Theme("t", "T", (multi("m", *pairs),)),))
    assert expected in figure(compose(survey, templates=template_set(tmp_path)), "m").text


def test_two_answers_are_not_ranked(tmp_path):
    survey = small_survey(themes=(Theme("t", "T", (multi("m", ("A", 60), ("B", 30)),)),))
    shown = figure(compose(survey, templates=template_set(tmp_path)), "m")
    assert shown.text == "Op de vraag ‘Vraag m?’ noemen ambtenaren ‘A’ (60\u00a0procent) en ‘B’ (30\u00a0procent)."
    assert "vaakst" not in shown.title + shown.text


def test_multiple_response_remark_only_where_several_answers_are_shown(templates):
    report = compose(templates=templates)
    doelen, struikelblok = figure(report, "doelen"), figure(report, "struikelblok")
    assert "Meerdere antwoorden mogelijk" in doelen.chart.spec.notes
    assert "meerdere antwoorden" not in doelen.text.lower(), "the remark is a chart note, not the message"
    assert not any("eerdere antwoorden" in note for note in struikelblok.chart.spec.notes), "one item shown"
    assert "meerdere antwoorden" not in struikelblok.chart.caption


def test_approximate_values_keep_the_source_wording(templates):
    report = compose(templates=templates)
    text = figure(report, "struikelblok").text
    assert text == "Op de vraag ‘Vraag struikelblok?’ noemt een op de vijf ambtenaren ‘Geld’."
    assert "De bron geeft geen exact cijfer, maar zegt ‘een op de vijf’." in figure(report, "struikelblok").notes
    assert figure(report, "struikelblok").title == "Een op de vijf ambtenaren noemt ‘Geld’ op de vraag ‘Vraag struikelblok?’"
    assert "20" not in text
    assert "~20%" in figure(report, "struikelblok").chart.table.rows[0]


def test_single_finding_mentions_the_remainder(tmp_path):
    theme = Theme("t", "T", (single("s", ("Ja", 41), ("Nee", 20)),))
    text = figure(compose(small_survey(themes=(theme,)), templates=template_set(tmp_path)), "s").text
    assert "Van de overige 39\u00a0procent noemt de bron het antwoord niet." in text


def test_figures_carry_the_chart_with_alt_text_and_notes_with_every_figure(templates):
    report = compose(templates=templates)
    doelen = figure(report, "doelen")
    assert doelen.chart.chart_id == "oordeel.doelen"
    assert "64%" in doelen.chart.alt_text
    for number in ("64%", "57%", "12%", "5%"):
        assert number in doelen.notes
    assert doelen.notes.startswith(doelen.text)


def test_key_messages_and_key_figures(templates):
    report = compose(templates=templates)
    assert 3 <= len(report.key_messages) <= 5
    assert report.key_messages[0] == "Ambtenaren geven ‘Burgerparticipatie’ gemiddeld een 6,7 (op een schaal van 1 tot 10)."
    assert "Op de vraag ‘Vraag doelen?’ noemen ambtenaren ‘Kwaliteit van beleid’ (64\u00a0procent) het vaakst." in (
        report.key_messages), "a finding without an answer noun keeps its question as context"
    assert isinstance(report.key_figures, KeyFigures)
    assert [figure.value for figure in report.key_figures.figures] == ["6,7", "64%"]
    assert report.key_figures.figures[1].label == (
        "van de ambtenaren noemt ‘Kwaliteit van beleid’ op de vraag ‘Vraag doelen?’"), "no answer noun: the question says as what"


def test_detailed_audience_gets_everything_with_statements_and_quotes(templates):
    report = compose(templates=templates)
    assert [figure.finding_id for figure in report.figures] == ["cijfer", "doelen", "media", "struikelblok"]
    blocks = report.sections[0].blocks
    assert Note("Er is verbetering mogelijk.") in blocks and Quote("Meer terugkoppeling graag") in blocks
    assert report.detailed


def test_key_audience_gets_key_and_listed_findings_only(templates):
    report = compose(templates=templates, who=audience(detail=Detail.KEY, findings=("struikelblok",)))
    assert [figure.finding_id for figure in report.figures] == ["cijfer", "doelen", "struikelblok"]
    assert not any(isinstance(block, (Note, Quote)) for section in report.sections for block in section.blocks)
    assert not report.detailed


def test_theme_summary_gives_the_lead_sentence_of_each_finding(templates):
    report = compose(templates=templates)
    assert report.sections[0].summary == (
        "Ambtenaren geven ‘Burgerparticipatie’ gemiddeld een 6,7 (op een schaal van 1 tot 10). "
        "Op de vraag ‘Vraag doelen?’ noemen ambtenaren ‘Kwaliteit van beleid’ (64\u00a0procent) het vaakst.")
    single_finding = compose(templates=templates, who=audience(detail=Detail.KEY, findings=("struikelblok",)))
    # A letter shows only the summaries in its body, so a theme with one finding still gets its lead sentence.
    assert [section.summary for section in single_finding.sections] == [
        report.sections[0].summary, "Op de vraag ‘Vraag struikelblok?’ noemt een op de vijf ambtenaren ‘Geld’."]


def test_theme_selection_and_order_follow_the_audience(templates):
    report = compose(templates=templates, who=audience(themes=("kanalen", "oordeel")))
    assert [section.id for section in report.sections] == ["kanalen", "oordeel"]


def test_memo_header_has_the_date_filled_in(templates):
    who = audience(document_kind=DocumentKind.MEMO, header_fields=(("Aan", "Het college"), ("Van", ""),
                                                                    ("Kenmerk", "")))
    assert compose(templates=templates, who=who).header_fields == (
        ("Aan", "Het college"), ("Datum", "28 november 2026")), "the default author is no sender: an empty Van is left out"
    sender = audience(document_kind=DocumentKind.MEMO, author="Gemeente Utrecht",
                      header_fields=(("Aan", "Het college"), ("Van", "")))
    assert compose(templates=templates, who=sender).header_fields == (
        ("Aan", "Het college"), ("Van", "Gemeente Utrecht"), ("Datum", "28 november 2026"))
    assert compose(templates=templates).header_fields == ()


def test_plain_language_uses_share_phrases_and_no_percentages(templates):
    report = compose(templates=templates, who=plain_audience())
    text = figure(report, "doelen").text
    assert text.startswith("Op de vraag ‘Vraag doelen?’ noemen ambtenaren ‘Kwaliteit van beleid’ het vaakst. "
                           "Bijna twee derde van de ambtenaren doet dat.")
    for block_text in [message for message in report.key_messages] + [f.text for f in report.figures]:
        assert "procent" not in block_text and "%" not in block_text


def test_share_phrases_can_be_switched_off_for_plain_language(tmp_path):
    report = compose(templates=template_set(tmp_path, {"share_phrases": "nooit"}), who=plain_audience())
    text = figure(report, "doelen").text
    assert "Van de ambtenaren doet 64\u00a0procent dat." in text
    assert not re.search(r"op de tien|twee derde|de helft", text)


def test_formal_text_has_no_share_phrases_except_source_wording(templates):
    report = compose(templates=templates)
    texts = " ".join(f.text for f in report.figures if f.finding_id != "struikelblok")
    assert not re.search(r"op de tien|twee derde|de helft", texts)


def test_report_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert report_date().isoformat() == "2026-11-18"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
        report_date()


def test_closing_and_introduction_come_from_the_audience(templates):
    report = compose(templates=templates, who=audience(introduction=("Inleiding.",), closing=("Vervolg.",)))
    assert report.introduction[0].text == "Inleiding."
    assert report.closing[0].text == "Vervolg" and report.closing[1].text == "Vervolg."
