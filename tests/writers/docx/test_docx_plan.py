"""The briefing plan: structure per document kind, numbering and clean text, before any XML."""

from __future__ import annotations

from dataclasses import replace

import pytest

from docx_fixtures import make_report, with_extra_heading
from generator.report import DataTable, DocumentKind, Paragraph, Section, SourceLine
from generator.writers.docx.plan import (
    ContentsPart, HeaderFieldPart, HeadingPart, ParagraphPart, PicturePart, TablePart, clean_text, report_to_plan,
)
from generator.writers.docx.settings import BriefingSettings

SETTINGS = BriefingSettings()


def _plan(report, max_level: int = 3):
    return report_to_plan(report, SETTINGS, max_level)


def _chapters(plan) -> list[str]:
    return [part.text for part in plan.parts if isinstance(part, HeadingPart) and part.level == 1]


@pytest.mark.parametrize(("text", "expected"), [
    ("Zes op de tien\x0b", "Zes op de tien"),
    ("a\x00b\x1fc", "abc"),
    ("tab\tblijft", "tab\tblijft"),
    ("  rand  ", "rand"),
    ("\ufffeniet\uffff", "niet"),
], ids=["vertical-tab", "nul-and-unit-separator", "tab-kept", "trimmed", "non-characters"])
def test_clean_text_removes_what_xml_forbids(text, expected):
    assert clean_text(text) == expected


@pytest.mark.parametrize(("kind", "chapters"), [
    (DocumentKind.RAADSINFORMATIEBRIEF, ["Kernboodschap", "Aanleiding", "Resultaten", "Vervolg",
                                         "Bijlage: grafieken en tabellen"]),
    (DocumentKind.MEMO, ["Beslispunten", "Kernboodschap", "Aanleiding", "Toelichting",
                         "Bijlage: grafieken en tabellen"]),
    (DocumentKind.RAPPORTAGE, ["Samenvatting", "Inleiding", "Onderzoeksopzet", "Doelen en kernwaarden",
                               "Randvoorwaarden en uitvoering", "Terugkoppeling en ambities", "Vervolg"]),
    (DocumentKind.SAMENVATTING, ["In het kort", "Waarom dit onderzoek?", "Doelen en kernwaarden",
                                 "Randvoorwaarden en uitvoering", "Terugkoppeling en ambities",
                                 "Hoe gaat het verder?", "Over het onderzoek", "Bijlage: tabellen"]),
], ids=lambda value: value.value if isinstance(value, DocumentKind) else "")
def test_each_document_kind_has_its_chapters_in_order(kind, chapters):
    assert _chapters(_plan(make_report(kind))) == chapters


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda kind: kind.value)
def test_figures_and_tables_are_numbered_consecutively(kind):
    plan = _plan(make_report(kind))
    pictures = [part.name for part in plan.parts if isinstance(part, PicturePart)]
    tables = [part.caption.split(".")[0] for part in plan.parts if isinstance(part, TablePart)]
    assert pictures == [f"Figuur {n}" for n in range(1, plan.figure_count + 1)]
    assert tables == [f"Tabel {n}" for n in range(1, plan.table_count + 1)]


def test_only_letters_get_a_header_block_and_it_always_has_a_date():
    memo = make_report(DocumentKind.MEMO, header_fields=(("Aan", "Het college"),))
    fields = [(p.label, p.value) for p in _plan(memo).parts if isinstance(p, HeaderFieldPart)]
    assert fields == [("Aan", "Het college"), ("Datum", memo.date_text)]
    summary = _plan(make_report(DocumentKind.SAMENVATTING))
    assert not [p for p in summary.parts if isinstance(p, HeaderFieldPart)]


@pytest.mark.parametrize("max_level", [2, 3], ids=["two-heading-styles", "three-heading-styles"])
def test_heading_levels_never_skip_and_stay_within_the_template(max_level):
    plan = _plan(with_extra_heading(make_report(DocumentKind.RAADSINFORMATIEBRIEF)), max_level)
    levels = [part.level for part in plan.parts if isinstance(part, HeadingPart)]
    assert max(levels) == max_level
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_only_the_full_report_lists_its_contents_and_the_list_matches_the_headings():
    plan = _plan(make_report(DocumentKind.RAPPORTAGE))
    (contents,) = [part for part in plan.parts if isinstance(part, ContentsPart)]
    headings = [part for part in plan.parts if isinstance(part, HeadingPart) and part.level <= 2]
    assert [(e.text, e.level, e.bookmark) for e in contents.entries] == [(h.text, h.level, h.bookmark) for h in headings]
    assert len({h.bookmark for h in headings}) == len(headings)
    for kind in (DocumentKind.MEMO, DocumentKind.RAADSINFORMATIEBRIEF, DocumentKind.SAMENVATTING):
        assert not [part for part in _plan(make_report(kind)).parts if isinstance(part, ContentsPart)]


def test_empty_texts_make_no_headings_or_paragraphs():
    report = make_report(DocumentKind.MEMO)
    empty = Section("leeg", "  ", (Paragraph(""), Paragraph("\x0b")), summary="")
    plan = _plan(replace(report, sections=report.sections + (empty,), key_messages=("",), key_figures=None))
    texts = [getattr(part, "text", "x") for part in plan.parts]
    assert all(text.strip() for text in texts)
    assert "Kernboodschap" not in _chapters(plan)


def test_a_ragged_data_table_is_padded_so_no_cell_is_missing():
    report = make_report(DocumentKind.MEMO)
    figure = report.sections[0].figures[0]
    ragged = DataTable("Scheve tabel", ("Antwoord", "2023", "2024"), (("Ja", "40%"), ("Nee", "60%", "55%")))
    chart = replace(figure.chart, table=ragged)
    section = replace(report.sections[0], blocks=(replace(figure, chart=chart),))
    plan = _plan(replace(report, sections=(section,)))
    (table,) = [part for part in plan.parts if isinstance(part, TablePart)]
    assert table.rows == (("Ja", "40%", ""), ("Nee", "60%", "55%"))


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda kind: kind.value)
def test_the_source_closes_the_document_once(kind):
    """Once per document; a letter closes its body with it, before the appendix (closing as compose makes it)."""
    report = make_report(kind)
    report = replace(report, closing=tuple(block for block in report.closing if not isinstance(block, SourceLine)))
    plan = _plan(report)
    def is_caption(part):
        return isinstance(part, ParagraphPart) and part.role == "caption"

    sources = [index for index, part in enumerate(plan.parts)
               if isinstance(part, ParagraphPart) and part.role == "source" and part.text == report.source
               and not is_caption(plan.parts[index - 1])]
    assert len(sources) == 1, [plan.parts[index - 1] for index in sources]
    appendix = [index for index, part in enumerate(plan.parts)
                if isinstance(part, HeadingPart) and part.level == 1 and part.text.startswith("Bijlage")]
    letter = kind in (DocumentKind.RAADSINFORMATIEBRIEF, DocumentKind.MEMO)
    assert sources[0] == (appendix[0] - 1 if letter else len(plan.parts) - 1)


@pytest.mark.parametrize("kind", [DocumentKind.RAADSINFORMATIEBRIEF, DocumentKind.MEMO], ids=lambda kind: kind.value)
def test_a_letter_puts_every_chart_and_the_method_in_its_appendix(kind):
    plan = _plan(make_report(kind))
    (appendix,) = [index for index, part in enumerate(plan.parts)
                   if isinstance(part, HeadingPart) and part.text == "Bijlage: grafieken en tabellen"]
    assert plan.parts[appendix].new_page
    assert not [part for part in plan.parts[:appendix] if isinstance(part, (PicturePart, TablePart))]
    assert [part for part in plan.parts[appendix:] if isinstance(part, PicturePart)]
    method = next(index for index, part in enumerate(plan.parts) if getattr(part, "text", "") == "Over het onderzoek")
    assert method > appendix


def test_a_memo_puts_its_decision_points_first():
    plan = _plan(make_report(DocumentKind.MEMO))
    headings = [part.text for part in plan.parts if isinstance(part, HeadingPart)]
    assert headings[0] == "Beslispunten"


def test_the_full_report_starts_its_first_chapter_on_a_new_page_even_without_key_messages():
    plan = _plan(make_report(DocumentKind.RAPPORTAGE, key_messages=(), key_figures=None))
    first = next(part for part in plan.parts if isinstance(part, HeadingPart))
    assert (first.text, first.new_page) == ("Inleiding", True)


def test_a_closing_that_brings_its_own_heading_is_not_headed_twice():
    from generator.report import Heading

    report = make_report(DocumentKind.RAADSINFORMATIEBRIEF)
    report = replace(report, closing=(Heading("Vervolgstappen"), Paragraph("Wij informeren u in 2027.")))
    chapters = _chapters(_plan(report))
    assert "Vervolgstappen" in chapters and "Vervolg" not in chapters
    assert [p.text for p in _plan(report).parts if isinstance(p, HeadingPart)].count("Vervolgstappen") == 1
