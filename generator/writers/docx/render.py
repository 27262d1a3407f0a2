"""Turns a briefing plan into Word paragraphs, pictures and tables in the template's styles.

Every part gets its style from the resolved roles; direct formatting is limited to what
no style can say (keep a heading with what follows and a picture with its caption, a page
break before the appendix).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Emu
from lxml import etree

from generator.errors import OutputError
from generator.writers.docx.fields import add_bookmark, add_contents, text_run
from generator.writers.docx.numbering import ListNumbering
from generator.writers.docx.paragraphs import PLAIN, BodyWriter, Layout, add_text_run, paragraph_element
from generator.writers.docx.plan import (
    BriefingPlan, ContentsPart, HeaderFieldPart, HeadingPart, KeyFiguresPart, ListPart,
    ParagraphPart, PicturePart, TablePart, TitlePart,
)
from generator.writers.docx.styles import BriefingStyles
from generator.writers.docx.tables import data_table_elements

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
        self.body = BodyWriter(document)
        self.width, height = text_area(document)
        self.column = self.width - _indent(styles["body"])
        self.max_picture_height = int(height * max_picture_height)
        self.pictures = 0
        self.bookmarks = 0
        self.lists = ListNumbering(document)
        self.style_ids: dict[object, str | None] = {}

    def add(self, style, text: str = "", layout: Layout = PLAIN):
        """Appends a paragraph in `style` holding `text`; returns its w:p element."""
        return self.body.add(paragraph_element(self.style_id(style), text, layout))

    def style_id(self, style) -> str | None:
        """The id a paragraph in `style` refers to it by, looked up once per style (None: the default)."""
        if style.element not in self.style_ids:
            self.style_ids[style.element] = self.document.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        return self.style_ids[style.element]

    def title(self, part: TitlePart) -> None:
        self.add(self.styles["title"], part.text)

    def heading(self, part: HeadingPart) -> None:
        # keep_with_next: a house style's heading may not keep with its text
        paragraph = self.add(self.styles.heading(part.level), part.text,
                             Layout(keep_with_next=True, page_break_before=part.new_page))
        add_bookmark(paragraph, part.bookmark, self.bookmarks)
        self.bookmarks += 1

    def paragraph(self, part: ParagraphPart) -> None:
        self.add(self.styles[part.role], part.text, Layout(keep_with_next=part.keep_with_next))

    def header_field(self, part: HeaderFieldPart) -> None:
        paragraph = self.add(self.styles["header_field"])
        _strong(paragraph, f"{part.label}:", self.styles)
        add_text_run(paragraph, "\t" + part.value)

    def list(self, part: ListPart) -> None:
        style = self.styles["list_number"] if part.numbered else self.styles["list_bullet"]
        number_id = self.lists.number_id(style, part.numbered, self.styles["list_bullet"])
        for index, item in enumerate(part.items):
            keep = len(part.items) <= SHORT_LIST and index < len(part.items) - 1
            self.add(style, item, Layout(keep_with_next=keep, number_id=number_id))

    def key_figures(self, part: KeyFiguresPart) -> None:
        style = self.styles["list_bullet"]
        layout = Layout(number_id=self.lists.number_id(style, False, style))
        for value, label in part.figures:
            paragraph = self.add(style, layout=layout)
            if value:
                _strong(paragraph, value, self.styles)
            add_text_run(paragraph, (" " if value and label else "") + label)

    def picture(self, part: PicturePart) -> None:
        try:
            path = Path(self.images[part.chart_id])
        except KeyError:
            raise MissingImageError(f"no rendered image for chart {part.chart_id!r}") from None
        self.pictures += 1
        run = etree.SubElement(self.add(self.styles["body"], layout=PICTURE_LAYOUT), qn("w:r"))
        inline = _picture(self.document, path, part, self.column, self.max_picture_height, self.pictures)
        etree.SubElement(run, qn("w:drawing")).append(inline)

    def table(self, part: TablePart) -> None:
        table_style = self.styles["table"]
        table_style_id = None if table_style is None else \
            self.document.part.get_style_id(table_style, WD_STYLE_TYPE.TABLE)
        caption, table = data_table_elements(part, self.style_id(self.styles["caption"]),
                                             self.style_id(self.styles["table_text"]), table_style_id,
                                             self.width)
        self.body.add(caption)
        self.body.add(table)

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


PICTURE_LAYOUT = Layout(keep_with_next=True, keep_together=True, single_line=True)
"""A picture stays with its caption, on a line of its own height ("multiple" spacing would stretch it)."""


def _picture(document, path: Path, part: PicturePart, column: int, max_height: int, shape_id: int):
    """The chart at its own size, shrunk to the column width and `max_height`, with its description."""
    relationship, image = document.part.get_or_add_image(str(path))
    ratio = image.px_height / image.px_width
    picture_width = min(column, int(image.width))
    if picture_width * ratio > max_height:
        picture_width = int(max_height / ratio)
    # shape_id is the one python-docx would give; number_drawings renumbers every drawing anyway
    inline = CT_Inline.new_pic_inline(shape_id, relationship, image.filename, Emu(picture_width),
                                      Emu(int(picture_width * ratio)))
    inline.docPr.set("name", part.name)
    inline.docPr.set("descr", part.alt_text)
    return inline


def _strong(paragraph, text: str, styles: BriefingStyles) -> None:
    """Emphasised text in the template's Strong character style, or bold when it has none."""
    if styles["strong"] is not None:
        paragraph.append(text_run(text, styles["strong"].style_id))
    else:
        add_text_run(paragraph, text, bold=True)


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
