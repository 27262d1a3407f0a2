"""Long text never overflows: it shrinks to a floor, then moves to a second slide or the notes."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from generator.report import Heading, Paragraph
from generator.template_set import load_template_set
from generator.writers import WriterOptions, get_writer
from generator.writers.pptx.text import BODY_SMALLEST, lines_fit, text_height
from generator.writers.pptx.plan import LineKind, TextLine
from pptx_fixtures import render_images, sample_report

REPO = Path(__file__).resolve().parents[3]
TEMPLATES = {
    "default": REPO / "templates" / "default",
    "gemeente43": REPO / "tests" / "fixtures" / "decks" / "gemeente43",
}
MESSAGE = ("De helft van de ambtenaren zegt dat inwoners geen terugkoppeling krijgen over de resultaten van "
           "projecten waarbij zij betrokken waren, en dat moet beter ({number}).")
CLOSING = ("Het college bespreekt de uitkomsten met de participatiecoördinatoren en stelt voor de zomer een plan "
           "op voor terugkoppeling aan alle deelnemende inwoners ({number}).")


def long_report():
    report = sample_report()
    first = report.sections[0]
    figure = first.figures[0]
    long_text = " ".join(["Ook invloed voor inwoners (57%) en inwoners horen (50%) worden vaak genoemd."] * 30)
    blocks = (replace(figure, text=long_text),) + first.blocks[1:]
    closing = (Heading("Vervolg"), *(Paragraph(CLOSING.format(number=index)) for index in range(1, 19)))
    return replace(report, key_messages=tuple(MESSAGE.format(number=index) for index in range(1, 19)),
                   closing=closing, sections=(replace(first, blocks=blocks),) + report.sections[1:])


@pytest.fixture(scope="module", params=list(TEMPLATES), ids=list(TEMPLATES))
def deck(request, tmp_path_factory):
    report = long_report()
    images = render_images(report, tmp_path_factory.mktemp("img"))
    document = get_writer("pptx").write(report, images, load_template_set(TEMPLATES[request.param]), WriterOptions())
    return Presentation(io.BytesIO(document.content))


def titles(presentation) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in presentation.slides]


@pytest.mark.parametrize(("title", "text"), [(sample_report().headings.key_messages, MESSAGE), ("Tot slot", CLOSING)],
                         ids=["key-messages", "closing"])
def test_text_that_does_not_fit_continues_on_numbered_slides(deck, title, text):
    continued = [shown for shown in titles(deck) if shown.startswith(title)]
    assert len(continued) >= 2
    assert continued == [f"{title} ({number}/{len(continued)})" for number in range(1, len(continued) + 1)]
    shown = "\n".join(slide.shapes.placeholders[1].text_frame.text for slide in deck.slides
                      if slide.shapes.title.text_frame.text.startswith(title))
    for index in range(1, 19):
        assert text.format(number=index) in shown


def test_no_body_text_is_set_below_the_floor(deck):
    for slide in deck.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    if run.font.size is not None:
                        assert run.font.size.pt >= BODY_SMALLEST - 4, (slide.shapes.title.text_frame.text, run.text)


def test_every_text_placeholder_holds_text_that_fits_it(deck):
    for slide in deck.slides:
        for shape in slide.placeholders:
            if shape == slide.shapes.title or not shape.has_text_frame:
                continue
            sizes = [run.font.size.pt for paragraph in shape.text_frame.paragraphs for run in paragraph.runs
                     if run.font.size is not None]
            if not sizes or "FOOTER" in str(shape.placeholder_format.type):
                continue
            lines = tuple(TextLine(paragraph.text.split("\t")[-1]) for paragraph in shape.text_frame.paragraphs)
            assert lines_fit(lines, shape, min(sizes)), slide.shapes.title.text_frame.text


def test_chart_text_too_long_for_its_column_moves_to_the_notes(deck):
    report = long_report()
    figure = report.sections[0].figures[0]
    slide = next(slide for slide in deck.slides if slide.shapes.title.text_frame.text == figure.title)
    kinds = sorted(str(shape.placeholder_format.type).split(" ")[0] for shape in slide.placeholders)
    assert "TITLE" in kinds and set(kinds) <= {"FOOTER", "SLIDE_NUMBER", "TITLE"}, "the text placeholder is gone"
    assert any(shape.shape_type == 13 for shape in slide.shapes)  # the chart picture
    assert figure.text in slide.notes_slide.notes_text_frame.text


@pytest.mark.parametrize(
    ("lines", "fits"),
    [((TextLine("Kort."),), True), ((TextLine("lang " * 400),), False),
     (tuple(TextLine(f"Punt {index}", LineKind.BULLET) for index in range(40)), False)],
    ids=["short", "one-long-paragraph", "many-bullets"],
)
def test_text_measure_agrees_with_common_sense(lines, fits):
    height_available = 4 * 72  # a 4 inch box
    assert (text_height(lines, 18, 8 * 72) <= height_available) is fits


def test_text_split_over_slides_is_set_at_one_size(deck):
    sizes = set()
    for slide in deck.slides:
        if slide.shapes.title.text_frame.text.startswith("Tot slot"):
            body = slide.shapes.placeholders[1]
            sizes |= {run.font.size for paragraph in body.text_frame.paragraphs for run in paragraph.runs}
    assert len(sizes) == 1


def test_control_characters_and_line_breaks_in_text_do_not_break_the_deck(tmp_path):
    report = sample_report()
    report = replace(report, title="Barometer\x0b Burger\x01participatie\n2026",
                     key_messages=("Regel met\tcontrole\x02teken.",) + report.key_messages[1:])
    document = get_writer("pptx").write(report, render_images(report, tmp_path), load_template_set(TEMPLATES["default"]),
                                        WriterOptions())
    presentation = Presentation(io.BytesIO(document.content))
    assert presentation.slides[0].shapes.title.text_frame.text == "Barometer Burgerparticipatie 2026"
    messages = next(slide for slide in presentation.slides
                    if slide.shapes.title.text_frame.text == report.headings.key_messages)
    assert "Regel met controleteken." in messages.placeholders[1].text_frame.text
