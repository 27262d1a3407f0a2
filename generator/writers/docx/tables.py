"""A chart's data as an accessible Word table: header row repeated, rows never split.

Screen readers announce the marked header row (`w:tblHeader`) with each cell; keeping
rows and short tables together stops a page break from orphaning the header.
"""

from __future__ import annotations

import re

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

from generator.writers.docx.plan import TablePart
from generator.writers.ooxml import column_widths

CAPTION_SPACE_BEFORE = Pt(12)
"""Room above a table's caption, so it never sits directly under the table before it."""
KEEP_TOGETHER_ROWS = 25
"""Tables up to this many rows are kept on one page; longer ones may break between rows."""

_NUMBER = re.compile(r"^[~<>≈]?\s*[-+]?\d[\d.]*(,\d+)?\s*(%|procent)?$")


def add_data_table(document, part: TablePart, styles, column_width: int) -> None:
    """The caption "Tabel N. ..." followed by the table, as wide as the text column."""
    caption = document.add_paragraph(part.caption, style=styles["caption"])
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = CAPTION_SPACE_BEFORE
    columns = len(part.header)
    table = document.add_table(rows=1 + len(part.rows), cols=columns)
    if styles["table"] is not None:
        table.style = styles["table"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _describe(table, part.caption)
    widths = column_widths(columns, column_width)
    for index, width in enumerate(widths):
        table.columns[index].width = Emu(width)
    numeric = [index > 0 and all(_NUMBER.match(row[index]) or not row[index] for row in part.rows)
               for index in range(columns)]
    keep_together = len(part.rows) <= KEEP_TOGETHER_ROWS
    for row_index, (row, cells) in enumerate(zip(table.rows, (part.header, *part.rows))):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if row_index == 0:
            properties.append(OxmlElement("w:tblHeader"))
        is_last = row_index == len(part.rows)
        for column, (cell, text) in enumerate(zip(row.cells, cells)):
            cell.width = Emu(widths[column])
            paragraph = cell.paragraphs[0]
            paragraph.style = styles["table_text"]
            run = paragraph.add_run(text)
            if row_index == 0 and styles["table"] is None:
                run.bold = True
            if numeric[column]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if keep_together and not is_last:
                paragraph.paragraph_format.keep_with_next = True


def _describe(table, caption: str) -> None:
    """Sets the table's accessible title (`w:tblCaption`) and a full-width layout."""
    properties = table._tbl.tblPr
    title = OxmlElement("w:tblCaption")
    title.set(qn("w:val"), caption[:250])
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.set(qn("w:firstRow"), "1")
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:noVBand"), "1")
        look.set(qn("w:val"), "0420")
        look.addnext(title)
    else:
        properties.append(title)
