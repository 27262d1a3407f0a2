"""Writing planned slides into a presentation, using the layout's own placeholders.

python-pptx traps handled here (issue 5): `add_slide` does not copy the footer, date and
slide-number placeholders from the layout, so they are cloned explicitly; a generic content
placeholder cannot take a picture or chart, so its box is used and the placeholder removed;
a picture placeholder would crop the chart, so it is treated the same way. The title is
moved first in the shape tree so screen readers read it first.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from lxml import etree
from PIL import Image
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.report import Chart
from generator.writers.ooxml import xml_safe
from generator.writers.pptx.native import add_native_chart, native_chart_height
from generator.writers.pptx.plan import SlidePlan, SlideRole, TextLine
from generator.writers.pptx.tables import add_data_table, table_size
from generator.writers.pptx.text import (
    BODY_SMALLEST, EMU_PER_POINT, SLIDE_TEXT_SMALLEST, fit_size, insets_of, set_language, text_height, write_lines,
    write_title,
)

if TYPE_CHECKING:
    from generator.writers.pptx.lookups import DeckLookups

SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""A fixed field id, so equal input gives equal files."""
CHART_NOTE_SIZE = 11
FURNITURE_SIZE = 10
"""Footer and slide number size when the template has no placeholders for them."""
FOOTER_WIDTH_SHARE = 0.9
KEY_FIGURE_SIZE = 24.0
"""Key figures are the deck's headline numbers: their labels at least this size when they fit."""


def write_slide(presentation, plan: SlidePlan, number: int, images: Mapping[str, Path], *, deck: DeckLookups,
                language: str, native_charts: bool, slide_numbers: bool, created: dt.datetime):
    """Add one slide for `plan` and return it; `deck`: the lookups of the deck being written."""
    layout = presentation.slide_layouts[plan.layout.layout_index]
    slide = presentation.slides.add_slide(layout)
    placeholders = {shape.placeholder_format.idx: shape for shape in slide.placeholders}
    used: set[int] = set()
    title = placeholders.get(plan.layout.title)
    if title is not None:
        write_title(title, plan.title, language, deck)
        used.add(plan.layout.title)
    body_idx = plan.layout.body
    shared_box = None
    if plan.chart is not None and plan.layout.area == body_idx and body_idx in placeholders:
        shared_box = _split_shared_box(placeholders[body_idx], deck) if plan.body else None
    if plan.body and body_idx is not None and body_idx in placeholders:
        shape = placeholders[body_idx]
        smallest = 12.0 if plan.role in (SlideRole.TITLE, SlideRole.SECTION) else BODY_SMALLEST
        largest = max(deck.inherited_size(shape), KEY_FIGURE_SIZE) if plan.role is SlideRole.KEY_FIGURES else None
        largest = plan.text_size or largest
        write_lines(shape, plan.body, language, deck, smallest=smallest, largest=largest)
        used.add(body_idx)
    if plan.table is not None and body_idx in placeholders:
        shape = placeholders[body_idx]
        add_data_table(slide, plan.table, (shape.left or 0, shape.top or 0, *deck.extent(shape)),
                       table_size(shape, deck), f"Tabel {plan.table_id}", language)
    if plan.chart is not None and plan.layout.area in placeholders:
        area = placeholders[plan.layout.area]
        box = shared_box or chart_box(area, deck)
        _place_chart(slide, plan, box, images, native_charts, created, language)
    for idx, shape in placeholders.items():
        if idx not in used:
            shape._element.getparent().remove(shape._element)
    if plan.footer:
        _add_furniture(slide, PP_PLACEHOLDER.FOOTER, plan.footer, language, deck)
    if plan.numbered and slide_numbers:
        _add_furniture(slide, PP_PLACEHOLDER.SLIDE_NUMBER, str(number), language, deck)
    if title is not None:
        _move_first(title._element)
    if plan.notes:
        notes = deck.notes.notes_for(slide)
        notes.notes_text_frame.text = xml_safe(plan.notes)
        set_language(notes._element, language)
    set_language(slide._element, language)
    return slide


def _place_chart(slide, plan: SlidePlan, box, images, native_charts: bool, created: dt.datetime,
                 language: str) -> None:
    chart = plan.chart
    left, top, width, height = box
    if native_charts:
        note_height = int(Pt(CHART_NOTE_SIZE) * 1.3 * len(chart.spec.notes) + Pt(8)) if chart.spec.notes else 0
        wanted = min(height - note_height, native_chart_height(chart.spec))
        chart_top = top + (height - note_height - wanted) // 2
        frame = add_native_chart(slide.shapes, chart, (left, chart_top, width, wanted), created)
        frame._element.find(qn("p:nvGraphicFramePr")).find(qn("p:cNvPr")).set("descr", xml_safe(chart.alt_text))
        frame.name = f"Grafiek {chart.chart_id}"
        if chart.spec.notes:
            _add_chart_notes(slide, chart.spec.notes, (left, chart_top + wanted, width, note_height), language)
        set_language(frame.chart.part._element, language)
        return
    image = Path(images[chart.chart_id])
    if plan.chart_style is not None:
        image = _image_for_frame(chart, plan.chart_style, image.parent)
    with Image.open(image) as picture:
        pixel_width, pixel_height = picture.size
    scale = min(width / pixel_width, height / pixel_height)
    fitted_width, fitted_height = int(pixel_width * scale), int(pixel_height * scale)
    shape = slide.shapes.add_picture(str(image), left + (width - fitted_width) // 2, top + (height - fitted_height) // 2,
                                     fitted_width, fitted_height)
    properties = shape._element.find(qn("p:nvPicPr")).find(qn("p:cNvPr"))
    properties.set("name", f"Grafiek {chart.chart_id}")
    properties.set("descr", xml_safe(chart.alt_text))


def _image_for_frame(chart: Chart, style, cache_folder: Path) -> Path:
    """The chart rendered for its frame, in the folder (the build's chart cache) of its default image."""
    from generator.charts.cache import ChartCache

    return ChartCache(cache_folder).image_for(chart.spec, style, "png")  # the build reports notices


def _add_chart_notes(slide, notes: tuple[str, ...], box, language: str) -> None:
    left, top, width, height = box
    text_box = slide.shapes.add_textbox(left, top, width, height)
    text_box.name = "Grafiekvoetnoot"
    frame = text_box.text_frame
    frame.word_wrap = True
    for position, note in enumerate(notes):
        paragraph = frame.paragraphs[0] if position == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = xml_safe(note)
        run.font.size = Pt(CHART_NOTE_SIZE)
    set_language(text_box._element, language)


def chart_box(area, deck: DeckLookups, shared: bool = False) -> tuple[int, int, int, int]:
    """The chart's frame (EMU) in placeholder `area`; when text shares it, the text keeps the top third."""
    left, top = area.left or 0, area.top or 0
    width, height = deck.extent(area)
    text_height = height // 3 if shared else 0
    return left, top + text_height, width, height - text_height


def _split_shared_box(shape, deck: DeckLookups) -> tuple[int, int, int, int]:
    """When text and chart share one placeholder: the text keeps the top third, the chart gets the rest."""
    box = chart_box(shape, deck, shared=True)
    shape.left, shape.top, shape.width, shape.height = box[0], shape.top or 0, box[2], box[1] - (shape.top or 0)
    return box


def _add_furniture(slide, kind, text: str, language: str, deck: DeckLookups) -> None:
    """Footer or slide number as a real placeholder cloned from the layout (or master)."""
    layout = slide.slide_layout
    source = deck.placeholder_of_kind(layout, kind)
    inherit_geometry = source is not None
    if source is None:
        source = deck.placeholder_of_kind(layout.slide_master, kind)
    if source is None:
        _add_plain_furniture(slide, kind, text, language)
        return
    element = copy.deepcopy(source._element)
    properties = element.find(qn("p:nvSpPr")).find(qn("p:cNvPr"))
    properties.set("id", str(_next_shape_id(slide)))
    for attribute in ("descr", "title"):
        properties.attrib.pop(attribute, None)
    placeholder = element.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph"))
    if not inherit_geometry:
        placeholder.attrib.pop("idx", None)
    shape_properties = element.find(qn("p:spPr"))
    if inherit_geometry:
        for child in list(shape_properties):
            shape_properties.remove(child)
    body = element.find(qn("p:txBody"))
    for child in list(body):
        if child.tag == qn("a:p"):
            body.remove(child)
    style = body.find(qn("a:lstStyle"))
    if style is not None and inherit_geometry:
        for child in list(style):
            style.remove(child)
    if kind == PP_PLACEHOLDER.FOOTER:
        fitted = deck.remember(("footer", source._element, text), lambda: fitting_footer(source, text, deck))
        if fitted is None:
            return
        text, size = fitted
    paragraph = etree.SubElement(body, qn("a:p"))
    if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
        field = etree.SubElement(paragraph, qn("a:fld"))
        field.set("id", _field_id(source._element))
        field.set("type", "slidenum")
        etree.SubElement(field, qn("a:rPr")).set("lang", language)
        etree.SubElement(field, qn("a:t")).text = text
    else:
        run = etree.SubElement(paragraph, qn("a:r"))
        run_properties = etree.SubElement(run, qn("a:rPr"))
        run_properties.set("lang", language)
        if size:
            run_properties.set("sz", str(int(size * 100)))
        etree.SubElement(run, qn("a:t")).text = xml_safe(text)
    slide.shapes._spTree.append(element)


def _add_plain_furniture(slide, kind, text: str, language: str) -> None:
    """Footer or slide number in a small text box, for templates without such placeholders."""
    width, height = slide.part.package.presentation_part.presentation.slide_width, \
        slide.part.package.presentation_part.presentation.slide_height
    margin, box_height = int(width * 0.04), int(Pt(FURNITURE_SIZE) * 2.2)
    top = height - box_height - int(height * 0.01)
    if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
        box = slide.shapes.add_textbox(width - margin - int(width * 0.1), top, int(width * 0.1), box_height)
        box.name = "Dianummer"
    else:
        box = slide.shapes.add_textbox(margin, top, int(width * 0.75), box_height)
        box.name = "Voettekst"
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
        paragraph.alignment = PP_ALIGN.RIGHT
    run = paragraph.add_run()
    run.text = xml_safe(text)
    run.font.size = Pt(FURNITURE_SIZE)
    set_language(box._element, language)


def fitting_footer(source, text: str, deck: DeckLookups) -> tuple[str, float | None] | None:
    """The footer text and size (None: the template's) that fit the footer box at 10 pt or more.

    A source line too long for the box is shortened to its first part ("Bron: Barometer X"),
    else left out: the title slide and its notes carry it in full. A tenth of the width is
    kept free, as the footer font may be wider than the one measured.
    """
    largest = deck.inherited_size(source, 12.0)
    smallest = min(SLIDE_TEXT_SMALLEST, largest)
    width, height = deck.extent(source)
    width = int(width * FOOTER_WIDTH_SHARE)
    insets = insets_of(source)
    room = (height - insets[1] - insets[3]) / EMU_PER_POINT
    for candidate in dict.fromkeys((text, text.split(", ")[0])):
        lines = (TextLine(candidate),)
        size = fit_size(lines, width, height, largest, smallest, insets)
        if text_height(lines, size, (width - insets[0] - insets[2]) / EMU_PER_POINT) <= room:
            return candidate, (size if size < largest else None)
    return None


def _field_id(element) -> str:
    field = element.find(".//" + qn("a:fld"))
    return field.get("id") if field is not None and field.get("id") else SLIDE_NUMBER_FIELD_ID


def _next_shape_id(slide) -> int:
    ids = [int(value) for value in slide._element.xpath("//p:cNvPr/@id") if str(value).isdigit()]
    return max(ids, default=1) + 1


def _move_first(element) -> None:
    tree = element.getparent()
    tree.remove(element)
    first_shape = 2  # after p:nvGrpSpPr and p:grpSpPr
    tree.insert(first_shape, element)
