"""Slide text: measuring it so it fits its placeholder, and writing it as Dutch paragraphs.

Text is measured with DejaVu Sans (shipped with matplotlib, wider than most house fonts,
so a fit here fits in Calibri or Arial too), by the measurer charts use. A title or body that would overflow at the
template's size is set smaller, down to a floor, and always wraps: never cut off.
"""

from __future__ import annotations

import re

from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.charts import glyphs
from generator.writers.ooxml import xml_safe
from generator.writers.pptx.plan import LineKind, TextLine

if TYPE_CHECKING:
    from generator.writers.pptx.lookups import DeckLookups

EMU_PER_POINT = 12700
LINE_HEIGHT = 1.2
PARAGRAPH_SPACE = 0.45
"""Space before a paragraph, as a share of the font size (templates use 6-10 pt)."""
DEFAULT_INSETS = (91440, 45720, 91440, 45720)
BULLET_INDENT = 285750
BODY_SMALLEST = 11.0
"""Body text is never set smaller than this; text that still does not fit moves to another slide."""
SLIDE_TEXT_SMALLEST = 10.0
"""No text on a slide (footers, table cells, chart notes) is smaller than this (issue 17)."""
KEY_FIGURE_SCALE = 1.6
"""A key figure's value is this much larger than its label."""
KEY_FIGURE_GAP = 0.8
"""Space between a key figure's value and its label, in label-font ems."""


@lru_cache(maxsize=None)
def _font(bold: bool) -> str:
    """The DejaVu Sans file slide text is measured in; widths scale linearly with size."""
    return glyphs.font_file(glyphs.FALLBACK_FAMILY, bold)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in points at `size` points."""
    return _width_at_100(text, bold) * size / 100


@lru_cache(maxsize=8192)
def _width_at_100(text: str, bold: bool) -> float:
    """Words recur on every slide and at every trial size; measure each once."""
    return glyphs.text_width(text, _font(bold), 100)


def line_count(text: str, size: float, width: float, bold: bool = False) -> int:
    """Lines `text` needs when wrapped greedily at word boundaries into `width` points."""
    count = 0
    for part in text.split("\n") or [""]:
        words = part.split()
        count += 1
        current = 0.0
        space = text_width(" ", size, bold)
        for word in words:
            word_width = text_width(word, size, bold)
            needed = word_width if current == 0 else current + space + word_width
            if needed <= width or current == 0:
                current = needed
                while current > width:
                    count += 1
                    current -= width
            else:
                count += 1
                current = word_width
    return count


def text_height(lines: tuple[TextLine, ...], size: float, width: float) -> float:
    """Height in points that `lines` need at base size `size` in a box `width` points wide."""
    total = 0.0
    column = value_column(lines, size)
    for position, line in enumerate(lines):
        line_size = size
        indent = 0.0
        if line.kind in (LineKind.BULLET, LineKind.NUMBERED):
            indent = max(BULLET_INDENT / EMU_PER_POINT, size * 1.6)
        if line.kind is LineKind.KEY_FIGURE:
            indent = column
        bold = line.kind is LineKind.HEADING
        rows = line_count(line.text, line_size, max(width - indent, 20), bold)
        row_height = size * KEY_FIGURE_SCALE if line.kind is LineKind.KEY_FIGURE else size
        total += rows * line_size * LINE_HEIGHT + (row_height - size) * LINE_HEIGHT
        if position:
            total += size * (0.6 if line.kind is LineKind.KEY_FIGURE else PARAGRAPH_SPACE)
    return total


def value_column(lines: tuple[TextLine, ...], size: float) -> float:
    """Width (points) of the value column of key figures: the widest value plus a gap."""
    widths = [text_width(line.value, size * KEY_FIGURE_SCALE, True) for line in lines if line.kind is LineKind.KEY_FIGURE]
    return max(widths, default=0.0) + KEY_FIGURE_GAP * size


def fit_size(lines: tuple[TextLine, ...], box_width: int, box_height: int, largest: float, smallest: float,
             insets: tuple[int, int, int, int] = DEFAULT_INSETS) -> float:
    """The largest size (points, half-point steps) at which `lines` fit the box; `smallest` if none does."""
    width = (box_width - insets[0] - insets[2]) / EMU_PER_POINT
    height = (box_height - insets[1] - insets[3]) / EMU_PER_POINT
    size = largest
    while size > smallest:
        if text_height(lines, size, width) <= height:
            return size
        size -= 0.5
    return smallest


def extent(shape) -> tuple[int, int]:
    """Width and height (EMU) of a placeholder; a template that gives it no size at any level
    gets most of the slide, so text is still measured against something sensible."""
    if shape.width and shape.height:
        return shape.width, shape.height
    presentation = shape.part.package.presentation_part.presentation
    return int(presentation.slide_width * 0.85), int(presentation.slide_height * 0.6)


def lines_fit(lines: tuple[TextLine, ...], shape, size: float = BODY_SMALLEST, deck: DeckLookups | None = None) -> bool:
    """Whether `lines` fit the box of placeholder `shape` at `size` points (`deck`: the lookups of the
    deck being written)."""
    insets = insets_of(shape)
    box_width, box_height = deck.extent(shape) if deck is not None else extent(shape)
    width = (box_width - insets[0] - insets[2]) / EMU_PER_POINT
    height = (box_height - insets[1] - insets[3]) / EMU_PER_POINT
    return text_height(lines, size, width) <= height


def insets_of(shape) -> tuple[int, int, int, int]:
    """The text insets of a shape's own bodyPr (template defaults otherwise)."""
    body = shape._element.find(qn("p:txBody"))
    properties = body.find(qn("a:bodyPr")) if body is not None else None
    if properties is None:
        return DEFAULT_INSETS
    return tuple(int(properties.get(name, default)) for name, default in
                 zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS))


def inherited_level(placeholder, level: int = 1):
    """The `a:lvlNpPr` that styles `placeholder` text: slide, layout, master, then master text styles."""
    tag = qn(f"a:lvl{level}pPr")
    shape = placeholder
    while shape is not None:
        found = sized_level(shape, tag)
        if found is not None:
            return found
        shape = getattr(shape, "_base_placeholder", None)
    part = placeholder.part
    master = (part.slide_layout.slide_master if hasattr(part, "slide_layout") else part.slide_master)._element
    kind = placeholder.placeholder_format.type
    styles = master.find(qn("p:txStyles"))
    name = "p:titleStyle" if "TITLE" in str(kind) else "p:bodyStyle"
    if styles is not None and styles.find(qn(name)) is not None:
        return styles.find(qn(name)).find(tag)
    return None


def sized_level(shape, tag: str):
    """The level `tag` of the shape's own list style, when it gives a font size; None otherwise."""
    style = shape._element.find(qn("p:txBody") + "/" + qn("a:lstStyle"))
    if style is not None:
        found = style.find(tag)
        if found is not None and (found.find(qn("a:defRPr")) is not None and found.find(qn("a:defRPr")).get("sz")):
            return found
    return None


def inherited_size(placeholder, fallback: float = 18.0) -> float:
    """The font size (points) the template gives this placeholder's first level."""
    return level_size(inherited_level(placeholder), fallback)


def level_size(level, fallback: float) -> float:
    """The font size (points) of list level `level`, `fallback` when it gives none."""
    if level is not None:
        properties = level.find(qn("a:defRPr"))
        if properties is not None and properties.get("sz"):
            return int(properties.get("sz")) / 100
    return fallback


def inherits_bullets(placeholder) -> bool:
    """Whether the template already puts bullets on this placeholder's first level."""
    return level_bullets(inherited_level(placeholder))


def level_bullets(level) -> bool:
    """Whether list level `level` puts bullets on its paragraphs."""
    if level is None:
        return False
    return level.find(qn("a:buNone")) is None and (level.find(qn("a:buChar")) is not None
                                                   or level.find(qn("a:buAutoNum")) is not None)


def write_title(shape, text: str, language: str, deck: DeckLookups, smallest: float = 18.0) -> None:
    """`text` in a title placeholder, shrunk only as far as needed to fit its box."""
    largest = deck.inherited_size(shape, 32.0)
    lines = (TextLine(text, LineKind.HEADING),)
    width, height = deck.extent(shape)
    size = fit_size(lines, width, height, largest, min(smallest, largest), insets_of(shape))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = ""
    paragraph = frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = _collapse_spaces(xml_safe(text))
    if size < largest:
        run.font.size = Pt(size)
    set_language(shape._element, language)


def write_lines(shape, lines: tuple[TextLine, ...], language: str, deck: DeckLookups, smallest: float = BODY_SMALLEST,
                largest: float | None = None) -> float:
    """`lines` as paragraphs in a text placeholder, fitted; returns the size used (points)."""
    inherited = deck.inherited_size(shape)
    largest = largest or inherited
    width, height = deck.extent(shape)
    size = fit_size(lines, width, height, largest, min(smallest, largest), insets_of(shape))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = ""
    bullets_inherited = deck.inherits_bullets(shape)
    for position, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if position == 0 else frame.add_paragraph()
        properties = paragraph._p.get_or_add_pPr()
        if line.kind is LineKind.NUMBERED:
            _bullet(properties, size, auto_number=True)
        elif line.kind is LineKind.BULLET and not bullets_inherited:
            _bullet(properties, size)
        elif line.kind is not LineKind.BULLET:
            _no_bullet(properties)
        if line.kind is LineKind.KEY_FIGURE:
            _hanging(properties, int(value_column(lines, size) * EMU_PER_POINT))
            if position:
                spacing = etree.Element(qn("a:spcBef"))
                spacing.append(_points(size * 0.6))
                properties.insert(0, spacing)
            value = paragraph.add_run()
            value.text = xml_safe(line.value) + "\t"
            value.font.size = Pt(round(size * KEY_FIGURE_SCALE * 2) / 2)
            value.font.bold = True
            value.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1
        run = paragraph.add_run()
        run.text = _collapse_spaces(xml_safe(line.text))
        if line.kind is LineKind.HEADING:
            run.font.bold = True
        if size != inherited or line.kind is LineKind.KEY_FIGURE:
            run.font.size = Pt(size)
    set_language(shape._element, language)
    return size


def _points(size: float):
    spacing = etree.Element(qn("a:spcPts"))
    spacing.set("val", str(int(size * 100)))
    return spacing


def _bullet(properties, size: float, auto_number: bool = False) -> None:
    _clear_bullets(properties)
    indent = max(BULLET_INDENT, int(size * (1.6 if auto_number else 1.1) * EMU_PER_POINT))
    properties.set("marL", str(indent))
    properties.set("indent", str(-indent))
    if auto_number:
        etree.SubElement(properties, qn("a:buFont")).set("typeface", "+mj-lt")
        etree.SubElement(properties, qn("a:buAutoNum")).set("type", "arabicPeriod")
    else:
        etree.SubElement(properties, qn("a:buChar")).set("char", "•")


def _no_bullet(properties) -> None:
    _clear_bullets(properties)
    properties.set("marL", "0")
    properties.set("indent", "0")
    etree.SubElement(properties, qn("a:buNone"))


def _hanging(properties, column: int) -> None:
    properties.set("marL", str(column))
    properties.set("indent", str(-column))
    tabs = etree.Element(qn("a:tabLst"))
    etree.SubElement(tabs, qn("a:tab")).set("pos", str(column))
    tabs.find(qn("a:tab")).set("algn", "l")
    properties.append(tabs)


def _clear_bullets(properties) -> None:
    for tag in ("a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct", "a:buSzPts", "a:buFontTx", "a:buFont",
                "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"):
        for child in properties.findall(qn(tag)):
            properties.remove(child)


def set_language(element, language: str) -> None:
    """`lang` on every run, paragraph end and field in `element` (spelling check, screen readers)."""
    for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
        for properties in element.iter(qn(tag)):
            properties.set("lang", language)
    for run in element.iter(qn("a:r"), qn("a:fld")):
        if run.find(qn("a:rPr")) is None:
            properties = etree.Element(qn("a:rPr"))
            properties.set("lang", language)
            run.insert(0, properties)


def _collapse_spaces(text: str) -> str:
    """Ordinary white space folded to one space; non-breaking spaces ("64\u00a0procent") kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()
