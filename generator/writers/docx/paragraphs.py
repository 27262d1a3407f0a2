"""Body paragraphs built as whole elements, with their properties in the schema's order.

Setting each property through python-docx scans the schema's list of elements that may follow
it, and each added paragraph searches the body for its final w:sectPr; on a long briefing
that was a large share of the writing time. The elements here are the ones python-docx would make.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_PROPERTIES, _STYLE, _VALUE = qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_KEEP_NEXT, _KEEP_LINES, _PAGE_BREAK = qn("w:keepNext"), qn("w:keepLines"), qn("w:pageBreakBefore")
_NUMBERING, _LEVEL, _NUMBER_ID = qn("w:numPr"), qn("w:ilvl"), qn("w:numId")
_SPACING, _BEFORE, _LINE, _LINE_RULE = qn("w:spacing"), qn("w:before"), qn("w:line"), qn("w:lineRule")
_ALIGNMENT = qn("w:jc")
_RUN, _RUN_PROPERTIES, _BOLD = qn("w:r"), qn("w:rPr"), qn("w:b")
_TEXT, _TAB, _BREAK, _SPACE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space")
_SINGLE_LINE = "240"
"""Line spacing of exactly one line, in 240ths of a line ("auto" rule)."""


@dataclass(frozen=True)
class Layout:
    """Direct paragraph formatting: only what no style can say."""

    keep_with_next: bool = False
    keep_together: bool = False
    page_break_before: bool = False
    number_id: int | None = None
    """The w:numId of the list the paragraph is an item of (level 1)."""
    space_before: int | None = None
    """Room above the paragraph in twips."""
    single_line: bool = False
    alignment: str | None = None
    """A w:jc value such as "right"."""


PLAIN = Layout()


def paragraph_element(style_id: str | None, text: str = "", layout: Layout = PLAIN):
    """A w:p in the paragraph style `style_id` (None: the default style), holding `text` as one run."""
    paragraph = OxmlElement("w:p")
    properties = etree.SubElement(paragraph, _PROPERTIES)
    if style_id is not None:
        etree.SubElement(properties, _STYLE).set(_VALUE, style_id)
    for wanted, tag in ((layout.keep_with_next, _KEEP_NEXT), (layout.keep_together, _KEEP_LINES),
                        (layout.page_break_before, _PAGE_BREAK)):
        if wanted:
            etree.SubElement(properties, tag)
    if layout.number_id is not None:
        numbering = etree.SubElement(properties, _NUMBERING)
        etree.SubElement(numbering, _LEVEL).set(_VALUE, "0")
        etree.SubElement(numbering, _NUMBER_ID).set(_VALUE, str(layout.number_id))
    if layout.space_before is not None or layout.single_line:
        spacing = etree.SubElement(properties, _SPACING)
        if layout.space_before is not None:
            spacing.set(_BEFORE, str(layout.space_before))
        if layout.single_line:
            spacing.set(_LINE, _SINGLE_LINE)
            spacing.set(_LINE_RULE, "auto")
    if layout.alignment is not None:
        etree.SubElement(properties, _ALIGNMENT).set(_VALUE, layout.alignment)
    if text:
        add_text_run(paragraph, text)
    return paragraph


def add_text_run(paragraph, text: str, bold: bool = False):
    """Appends a run holding `text` as python-docx's `add_run` writes it: a tab as w:tab, a line
    break as w:br, and xml:space="preserve" only on text with outer whitespace."""
    run = etree.SubElement(paragraph, _RUN)
    if bold:
        etree.SubElement(etree.SubElement(run, _RUN_PROPERTIES), _BOLD)
    pending: list[str] = []
    for character in text:
        if character in "\t\r\n":
            _add_text(run, "".join(pending))
            pending.clear()
            etree.SubElement(run, _TAB if character == "\t" else _BREAK)
        else:
            pending.append(character)
    _add_text(run, "".join(pending))
    return run


def _add_text(run, text: str) -> None:
    if text:
        element = etree.SubElement(run, _TEXT)
        element.text = text
        if len(text.strip()) < len(text):
            element.set(_SPACE, "preserve")


class BodyWriter:
    """Appends block elements to a document body, before its final page setup (w:sectPr)."""

    def __init__(self, document) -> None:
        self.body = document.element.body
        self.end = self.body.find(qn("w:sectPr"))

    def add(self, element):
        """Appends `element` (a w:p or w:tbl) and returns it."""
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)
        return element
