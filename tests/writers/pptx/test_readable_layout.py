"""Readable on any template: chart text at least 9 pt as placed, slide text at least 10 pt and
clear of the footer, date and slide number, on 16:9, 4:3 and python-pptx's own template."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from generator.charts.frame import fit_chart
from generator.charts.style import chart_style_for
from generator.checks.pptx_file import check_presentation
from generator.template_set import load_template_set
from generator.writers import WriterOptions, get_writer
from generator.writers.pptx.plan import LineKind, TextLine
from generator.writers.pptx.text import EMU_PER_POINT, extent, inherited_size, insets_of, text_height
from pptx_fixtures import render_images, sample_report, short_report

REPO = Path(__file__).resolve().parents[3]
FURNITURE = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER)
TEMPLATES = ("default", "gemeente43", "python-pptx")
REPORTS = {"detailed": sample_report, "key-findings": short_report}


@pytest.fixture(scope="module")
def template_dirs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("python-pptx")
    Presentation().save(folder / "deck.pptx")
    shutil.copy(REPO / "templates" / "default" / "briefing.docx", folder)
    return {"default": REPO / "templates" / "default",
            "gemeente43": REPO / "tests" / "fixtures" / "decks" / "gemeente43",
            "python-pptx": folder}


@pytest.fixture(scope="module")
def decks(template_dirs, tmp_path_factory):
    written = {}
    for report_name, make in REPORTS.items():
        report = make()
        images = render_images(report, tmp_path_factory.mktemp("charts"))
        for template in TEMPLATES:
            template_set = load_template_set(template_dirs[template])
            content = get_writer("pptx").write(report, images, template_set, WriterOptions()).content
            path = tmp_path_factory.mktemp("decks") / f"{template}-{report_name}.pptx"
            path.write_bytes(content)
            written[(template, report_name)] = (report, template_set, path)
    return written


@pytest.fixture(params=[(template, report) for template in TEMPLATES for report in REPORTS],
                ids=[f"{template}-{report}" for template in TEMPLATES for report in REPORTS])
def deck(request, decks):
    return decks[request.param]


def rectangle(shape) -> tuple[int, int, int, int]:
    width, height = (shape.width, shape.height) if shape.width and shape.height else extent(shape)
    if getattr(shape, "has_table", False):
        height = sum(row.height for row in shape.table.rows)
    return shape.left or 0, shape.top or 0, (shape.left or 0) + width, (shape.top or 0) + height


def overlap(first, second) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


def is_furniture(shape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in FURNITURE


def test_chart_text_is_at_least_9_pt_as_placed(deck):
    report, template_set, path = deck
    style = chart_style_for(template_set)
    charts = {chart.chart_id: chart for chart in report.charts}
    presentation = Presentation(str(path))
    pictures = [shape for slide in presentation.slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and shape.name.startswith("Grafiek ")]
    assert len(pictures) == len(charts)
    for picture in pictures:
        placed_width, placed_height = picture.width / EMU_PER_POINT, picture.height / EMU_PER_POINT
        fit = fit_chart(charts[picture.name.removeprefix("Grafiek ")].spec, style, placed_width, placed_height + 1)
        assert fit is not None, f"{picture.name}: no readable layout fits its {placed_width:.0f} pt frame"
        with Image.open(io.BytesIO(picture.image.blob)) as image:
            rendered_width = image.size[0] * 72 / style.dpi
        assert abs(rendered_width - fit.drawing.width) <= 1, f"{picture.name} was not laid out for its frame"
        smallest = fit.smallest_text * placed_width / rendered_width
        assert smallest >= 9, f"{picture.name}: chart text shows at {smallest:.1f} pt"


def test_slide_text_is_at_least_10_pt(deck):
    _, _, path = deck
    problems = [problem for problem in check_presentation(path).problems if problem.check == "text-size"]
    assert not problems


def test_nothing_overlaps_the_footer_date_or_slide_number(deck):
    _, _, path = deck
    presentation = Presentation(str(path))
    for number, slide in enumerate(presentation.slides, start=1):
        furniture = [rectangle(shape) for shape in slide.shapes if is_furniture(shape)]
        for shape in slide.shapes:
            if is_furniture(shape):
                continue
            for box in furniture:
                assert not overlap(rectangle(shape), box), f"slide {number}: {shape.name!r} runs into the footer"


def test_slide_text_fits_its_box(deck):
    _, _, path = deck
    presentation = Presentation(str(path))
    for number, slide in enumerate(presentation.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip() or is_furniture(shape):
                continue
            inherited = inherited_size(shape) if shape.is_placeholder else 18.0
            lines, size = [], inherited
            for paragraph in shape.text_frame.paragraphs:
                sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
                size = min(sizes + [size]) if sizes else size
                lines.append(TextLine(paragraph.text, LineKind.PARAGRAPH))
            width, height = extent(shape)
            insets = insets_of(shape)
            needed = text_height(tuple(lines), size, (width - insets[0] - insets[2]) / EMU_PER_POINT)
            assert needed <= (height - insets[1] - insets[3]) / EMU_PER_POINT * 1.05, \
                f"slide {number}: text of {shape.name!r} overflows its box"
