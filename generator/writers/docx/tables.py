"""A chart's data as an accessible Word table: header row repeated, rows never split.

Screen readers announce the marked header row (`w:tblHeader`) with each cell; keeping
rows and short tables together stops a page break from orphaning the header.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from lxml import etree

from generator.writers.docx.paragraphs import Layout, add_text_run, paragraph_element
from generator.writers.docx.plan import TablePart
from generator.writers.ooxml import column_widths

CAPTION_SPACE_BEFORE = Pt(12)
"""Room above a table's caption, so it never sits directly under the table before it."""
KEEP_TOGETHER_ROWS = 25
"""Tables up to this many rows are kept on one page; longer ones may break between rows."""

_NUMBER = re.compile(r"^[~<>≈]?\s*[-+]?\d[\d.]*(,\d+)?\s*(%|procent)?$")


def data_table_elements(part: TablePart, caption_style_id: str | None, text_style_id: str | None,
                        table_style_id: str | None, column_width: int):
    """The caption "Tabel N. ..." and the table as wide as the text column, as a w:p and a w:tbl.

    Without a table style the header row is bold. The table is built whole, as python-docx's
    add_table and its cell-by-cell formatting would leave it."""
    caption = paragraph_element(caption_style_id, part.caption,
                                Layout(keep_with_next=True, space_before=CAPTION_SPACE_BEFORE.twips))
    columns = len(part.header)
    widths = [str(Emu(width).twips) for width in column_widths(columns, column_width)]
    table = OxmlElement("w:tbl")
    _table_properties(etree.SubElement(table, qn("w:tblPr")), part.caption, table_style_id)
    grid = etree.SubElement(table, qn("w:tblGrid"))
    for width in widths:
        etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), width)
    numeric = [index > 0 and all(_NUMBER.match(row[index]) or not row[index] for row in part.rows)
               for index in range(columns)]
    keep_together = len(part.rows) <= KEEP_TOGETHER_ROWS
    for row_index, cells in enumerate((part.header, *part.rows)):
        row = etree.SubElement(table, qn("w:tr"))
        properties = etree.SubElement(row, qn("w:trPr"))
        etree.SubElement(properties, qn("w:cantSplit"))
        if row_index == 0:
            etree.SubElement(properties, qn("w:tblHeader"))
        keep = keep_together and row_index < len(part.rows)
        for column, text in enumerate(cells[:columns]):
            cell = etree.SubElement(row, qn("w:tc"))
            width = etree.SubElement(etree.SubElement(cell, qn("w:tcPr")), qn("w:tcW"))
            width.set(qn("w:type"), "dxa")
            width.set(qn("w:w"), widths[column])
            paragraph = paragraph_element(text_style_id, layout=Layout(
                keep_with_next=keep, alignment="right" if numeric[column] else None))
            add_text_run(paragraph, text, bold=row_index == 0 and table_style_id is None)
            cell.append(paragraph)
    return caption, table


def _table_properties(properties, caption: str, style_id: str | None) -> None:
    """The table's style, automatic width, left alignment, header-row look and accessible title."""
    if style_id is not None:
        etree.SubElement(properties, qn("w:tblStyle")).set(qn("w:val"), style_id)
    width = etree.SubElement(properties, qn("w:tblW"))
    width.set(qn("w:type"), "auto")
    width.set(qn("w:w"), "0")
    etree.SubElement(properties, qn("w:jc")).set(qn("w:val"), "left")
    look = etree.SubElement(properties, qn("w:tblLook"))
    for name, value in (("firstColumn", "0"), ("firstRow", "1"), ("lastColumn", "0"), ("lastRow", "0"),
                        ("noHBand", "0"), ("noVBand", "1"), ("val", "0420")):
        look.set(qn(f"w:{name}"), value)
    etree.SubElement(properties, qn("w:tblCaption")).set(qn("w:val"), caption[:250])
