"""The deck plan: which slides, in which order, with which titles, text and notes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.writers.pptx.plan import DeckMapping, LineKind, RoleLayout, SlideRole, plan_deck
from generator.report import BulletList, SourceLine
from pptx_fixtures import LONG_TITLE, SOURCE, sample_report, short_report


def mapping(chart_text_body: int | None = 2) -> DeckMapping:
    roles = {role: RoleLayout(role, role.value, index, 0, 1, 1 if role is SlideRole.CHART else None)
             for index, role in enumerate(SlideRole)}
    roles[SlideRole.CHART_TEXT] = RoleLayout(SlideRole.CHART_TEXT, "chart_text", 5, 0, chart_text_body, 1)
    return DeckMapping(roles=roles)


def roles(plan) -> list[SlideRole]:
    return [slide.role for slide in plan]


def test_detailed_deck_order():
    plan = plan_deck(sample_report(), mapping())
    assert roles(plan)[:6] == [SlideRole.TITLE, SlideRole.TEXT, SlideRole.TEXT, SlideRole.KEY_FIGURES,
                               SlideRole.AGENDA, SlideRole.SECTION]
    report = sample_report()
    assert [slide.title for slide in plan[1:3]] == ["Samenvatting", "Onderzoeksopzet"], \
        "key findings, then method and base, before any detail, under the report's headings"
    assert [line.text for line in plan[1].body] == list(report.key_messages)
    method = [text for block in report.method if not isinstance(block, SourceLine)
              for text in (block.items if isinstance(block, BulletList) else (block.text,))]
    assert [line.text for line in plan[2].body] == method
    assert roles(plan)[-1] is SlideRole.CLOSING
    assert roles(plan).count(SlideRole.SECTION) == 3
    assert len([slide for slide in plan if slide.chart is not None]) == 9


def test_short_deck_has_no_agenda_or_dividers():
    plan = plan_deck(short_report(), mapping())
    assert SlideRole.AGENDA not in roles(plan)
    dividers = [index for index, slide in enumerate(plan) if slide.role is SlideRole.SECTION]
    assert [plan[index].title for index in dividers] == ["Bijlage: tabellen"], "no section dividers, only the appendix"
    assert dividers[0] > roles(plan).index(SlideRole.CLOSING), "the tables come after the story"
    first_chart = next(slide for slide in plan if slide.chart is not None)
    assert first_chart.role is SlideRole.CHART_TEXT


@pytest.mark.parametrize("report", [sample_report(), short_report()], ids=["detailed", "short"])
def test_titles_are_unique_and_never_empty(report):
    titles = [slide.title for slide in plan_deck(report, mapping())]
    assert all(title.strip() for title in titles)
    assert len(titles) == len(set(titles))


def test_repeated_titles_get_numbered_suffixes():
    report = sample_report()
    first = report.sections[0]
    figures = tuple(replace(block, title="Zelfde titel") for block in first.figures)
    report = replace(report, sections=(replace(first, blocks=figures),) + report.sections[1:])
    titles = [slide.title for slide in plan_deck(report, mapping())]
    assert ["Zelfde titel (1/3)", "Zelfde titel (2/3)", "Zelfde titel (3/3)"] == [t for t in titles if "Zelfde" in t]


def test_footer_and_numbers_on_every_slide_but_the_title_slide():
    plan = plan_deck(sample_report(), mapping())
    assert plan[0].footer == "" and not plan[0].numbered
    assert all(slide.footer == SOURCE and slide.numbered for slide in plan[1:])


def test_figure_slides_carry_title_chart_and_notes():
    report = sample_report()
    plan = plan_deck(report, mapping())
    by_chart = {slide.chart.chart_id: slide for slide in plan if slide.chart is not None}
    for figure in report.figures:
        slide = by_chart[figure.chart.chart_id]
        assert slide.title == figure.title
        assert slide.notes == figure.notes
    assert by_chart["capaciteit-inrichting"].title == LONG_TITLE


def test_chart_text_falls_back_to_chart_and_keeps_text_in_notes():
    plan = plan_deck(short_report(), mapping(chart_text_body=None))
    first_chart = next(slide for slide in plan if slide.chart is not None)
    assert first_chart.role is SlideRole.CHART
    assert first_chart.body == ()
    assert "Ook invloed voor inwoners (57%)" in first_chart.notes


def test_key_figures_and_closing_content_come_from_the_report():
    report = sample_report()
    plan = plan_deck(report, mapping())
    key_slide = next(slide for slide in plan if slide.role is SlideRole.KEY_FIGURES)
    assert [(line.value, line.text) for line in key_slide.body] == [
        (figure.value, figure.label) for figure in report.key_figures.figures]
    closing = plan[-1]
    texts = [line.text for line in closing.body]
    assert not any(message in texts for message in report.key_messages), "the key messages are shown once, up front"
    assert "Bespreking in de commissie Bestuur op 14 januari 2027." in texts
    assert any(line.kind is LineKind.HEADING and line.text == "Vervolg" for line in closing.body)


def test_agenda_lists_section_titles_in_order():
    report = sample_report()
    agenda = next(slide for slide in plan_deck(report, mapping()) if slide.role is SlideRole.AGENDA)
    assert [line.text for line in agenda.body] == [section.title for section in report.sections]
    assert all(line.kind is LineKind.NUMBERED for line in agenda.body)


def test_slide_titles_of_the_fixed_parts_are_the_reports_headings():
    headings = replace(sample_report().headings, key_messages="De kern", method="Zo is gemeten",
                       key_figures="In getallen", appendix_tables="Alle tabellen")
    report = replace(sample_report(), headings=headings, detailed=False)
    titles = [slide.title for slide in plan_deck(report, mapping())]
    assert {"De kern", "Zo is gemeten", "In getallen", "Alle tabellen"} <= set(titles)
    assert not {"Samenvatting", "Onderzoeksopzet", "Kerncijfers", "Bijlage: tabellen"} & set(titles)
