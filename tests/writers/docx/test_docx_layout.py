"""Word layout: real paragraphs, headings and captions kept with what follows, room above table captions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from docx.oxml.ns import qn

from docx_fixtures import make_report, render_images
from docx_helpers import TEMPLATES, open_docx, write_briefing
from generator.report import DocumentKind, Paragraph

KINDS = (DocumentKind.RAPPORTAGE, DocumentKind.RAADSINFORMATIEBRIEF)
CASES = [(template, kind) for template in TEMPLATES for kind in KINDS]


@pytest.fixture(scope="module")
def briefings(tmp_path_factory):
    written = {}
    for template, kind in CASES:
        report = make_report(kind)
        lines = Paragraph("Eerste zin van de toelichting.\nTweede zin, op een eigen regel.")
        report = replace(report, introduction=(lines, *report.introduction))
        images = render_images([report], tmp_path_factory.mktemp("charts"))
        written[(template, kind)] = open_docx(write_briefing(report, template, images))
    return written


@pytest.fixture(params=CASES, ids=[f"{template}-{kind.value}" for template, kind in CASES])
def document(request, briefings):
    return briefings[request.param]


def body_paragraphs(document):
    return [element for element in document.element.body if element.tag == qn("w:p")]


def keeps_with_next(paragraph) -> bool:
    properties = paragraph.find(qn("w:pPr"))
    return properties is not None and properties.find(qn("w:keepNext")) is not None


def test_text_lines_are_paragraphs_not_manual_line_breaks(document):
    body = document.element.body
    assert not [br for br in body.iter(qn("w:br")) if br.get(qn("w:type")) in (None, "textWrapping")]
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Eerste zin van de toelichting." in texts and "Tweede zin, op een eigen regel." in texts


def test_every_heading_keeps_with_what_follows(document):
    headings = [paragraph for paragraph in document.paragraphs
                if paragraph.style is not None and paragraph.style.name.lower().startswith(("heading", "kop"))]
    assert headings
    assert all(paragraph.paragraph_format.keep_with_next for paragraph in headings)


def test_a_picture_stays_on_one_page_with_its_caption(document):
    paragraphs = body_paragraphs(document)
    pictures = [index for index, paragraph in enumerate(paragraphs) if paragraph.find(".//" + qn("w:drawing")) is not None]
    assert pictures
    for index in pictures:
        assert keeps_with_next(paragraphs[index])
        assert paragraphs[index].find(qn("w:pPr")).find(qn("w:keepLines")) is not None
        caption = paragraphs[index + 1]
        assert "".join(caption.itertext()).startswith("Figuur")
        assert keeps_with_next(caption)


def test_a_table_caption_has_room_above_it_and_keeps_with_its_table(document):
    body = list(document.element.body)
    tables = [index for index, element in enumerate(body) if element.tag == qn("w:tbl")]
    assert tables
    for index in tables:
        caption = body[index - 1]
        assert caption.tag == qn("w:p") and keeps_with_next(caption)
        spacing = caption.find(qn("w:pPr")).find(qn("w:spacing"))
        assert spacing is not None and int(spacing.get(qn("w:before"))) >= 240
