"""Turns a briefing plan into Word paragraphs, pictures and tables in the template's styles.

Every part gets its style from the resolved roles; direct formatting is limited to what
no style can say (keep a heading with what follows and a picture with its caption, a page
break before the appendix).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from docx.image.image import Image
from docx.shared import Emu

from generator.errors import OutputError
from generator.writers.docx.fields import add_bookmark, add_contents, text_run
from generator.writers.docx.numbering import ListNumbering
from generator.writers.docx.plan import (
    BriefingPlan, ContentsPart, HeaderFieldPart, HeadingPart, KeyFiguresPart, ListPart,
    ParagraphPart, PicturePart, TablePart, TitlePart,
)
from generator.writers.docx.styles import BriefingStyles
from generator.writers.docx.tables import add_data_table

SHORT_LIST = 6
"""Lists up to this long are kept on one page."""


class MissingImageError(OutputError):
    """A figure's chart has no rendered image: the build did not render it."""


def text_area(document) -> tuple[int, int]:
    """Width and height (EMU) of the last section's text area: the room a picture may use."""
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin - (section.gutter or 0)
    height = section.page_height - section.top_margin - section.bottom_margin
    return int(width), int(height)


def render_plan(document, plan: BriefingPlan, styles: BriefingStyles, images: Mapping[str, Path],
                max_picture_height: float) -> int:
    """Appends every part of `plan` to the document body; returns the number of pictures placed."""
    renderer = _Renderer(document, styles, images, max_picture_height)
    for part in plan.parts:
        try:
            handler = _HANDLERS[type(part)]
        except KeyError:
            raise TypeError(f"no renderer for plan part {type(part).__name__}") from None
        handler(renderer, part)
    return renderer.pictures


class _Renderer:
    """Writes one plan part at a time; holds what parts share (styles, sizes, counters)."""

    def __init__(self, document, styles: BriefingStyles, images: Mapping[str, Path], max_picture_height: float):
        self.document = document
        self.styles = styles
        self.images = images
        self.width, height = text_area(document)
        self.column = self.width - _indent(styles["body"])
        self.max_picture_height = int(height * max_picture_height)
        self.pictures = 0
        self.bookmarks = 0
        self.lists = ListNumbering(document)

    def title(self, part: TitlePart) -> None:
        self.document.add_paragraph(part.text, style=self.styles["title"])

    def heading(self, part: HeadingPart) -> None:
        paragraph = self.document.add_paragraph(part.text, style=self.styles.heading(part.level))
        paragraph.paragraph_format.keep_with_next = True  # a house style's heading may not keep with its text
        if part.new_page:
            paragraph.paragraph_format.page_break_before = True
        add_bookmark(paragraph, part.bookmark, self.bookmarks)
        self.bookmarks += 1

    def paragraph(self, part: ParagraphPart) -> None:
        paragraph = self.document.add_paragraph(part.text, style=self.styles[part.role])
        if part.keep_with_next:
            paragraph.paragraph_format.keep_with_next = True

    def header_field(self, part: HeaderFieldPart) -> None:
        paragraph = self.document.add_paragraph(style=self.styles["header_field"])
        _strong(paragraph, f"{part.label}:", self.styles)
        paragraph.add_run("\t" + part.value)

    def list(self, part: ListPart) -> None:
        style = self.styles["list_number"] if part.numbered else self.styles["list_bullet"]
        number_id = self.lists.number_id(style, part.numbered, self.styles["list_bullet"])
        for index, item in enumerate(part.items):
            paragraph = self.document.add_paragraph(item, style=style)
            _number(paragraph, number_id)
            if len(part.items) <= SHORT_LIST and index < len(part.items) - 1:
                paragraph.paragraph_format.keep_with_next = True

    def key_figures(self, part: KeyFiguresPart) -> None:
        style = self.styles["list_bullet"]
        number_id = self.lists.number_id(style, False, style)
        for value, label in part.figures:
            paragraph = self.document.add_paragraph(style=style)
            _number(paragraph, number_id)
            if value:
                _strong(paragraph, value, self.styles)
            paragraph.add_run((" " if value and label else "") + label)

    def picture(self, part: PicturePart) -> None:
        _add_picture(self.document, part, self.styles, self.images, self.column, self.max_picture_height)
        self.pictures += 1

    def table(self, part: TablePart) -> None:
        add_data_table(self.document, part, self.styles, self.width)

    def contents(self, part: ContentsPart) -> None:
        add_contents(self.document, part, self.styles)


_HANDLERS = {
    TitlePart: _Renderer.title,
    HeadingPart: _Renderer.heading,
    ParagraphPart: _Renderer.paragraph,
    HeaderFieldPart: _Renderer.header_field,
    ListPart: _Renderer.list,
    KeyFiguresPart: _Renderer.key_figures,
    PicturePart: _Renderer.picture,
    TablePart: _Renderer.table,
    ContentsPart: _Renderer.contents,
}
"""Plan part type -> how to write it; an unknown part fails loudly."""


def _add_picture(document, part: PicturePart, styles, images, column: int, max_height: int) -> None:
    """The chart at its own size, shrunk to the column width and `max_height`, with its description."""
    try:
        path = Path(images[part.chart_id])
    except KeyError:
        raise MissingImageError(f"no rendered image for chart {part.chart_id!r}") from None
    image = Image.from_file(str(path))
    ratio = image.px_height / image.px_width
    picture_width = min(column, int(image.width))
    if picture_width * ratio > max_height:
        picture_width = int(max_height / ratio)
    paragraph = document.add_paragraph(style=styles["body"])
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    paragraph.paragraph_format.line_spacing = 1.0  # "multiple" spacing would stretch the picture's line
    shape = paragraph.add_run().add_picture(str(path), width=Emu(picture_width),
                                            height=Emu(int(picture_width * ratio)))
    properties = shape._inline.docPr
    properties.set("name", part.name)
    properties.set("descr", part.alt_text)


def _number(paragraph, number_id: int | None) -> None:
    """Makes `paragraph` an item of list `number_id` (level 1); None leaves it to its style."""
    if number_id is None:
        return
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = number_id


def _strong(paragraph, text: str, styles: BriefingStyles) -> None:
    """Emphasised text in the template's Strong character style, or bold when it has none."""
    if styles["strong"] is not None:
        paragraph._p.append(text_run(text, styles["strong"].style_id))
    else:
        paragraph.add_run(text).bold = True


def _indent(style) -> int:
    """Horizontal room a paragraph style takes from the column (left, right and first-line indents)."""
    total = 0
    while style is not None:
        formatting = style.paragraph_format
        values = (formatting.left_indent, formatting.right_indent, formatting.first_line_indent)
        if any(value is not None for value in values):
            return sum(max(0, int(value or 0)) for value in values)
        style = style.base_style
    return total
