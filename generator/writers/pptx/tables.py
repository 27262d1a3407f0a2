"""A chart's data as a real PowerPoint table: header row marked, no merged cells, paged to fit.

Screen readers announce a marked header row (`a:tblPr/@firstRow`) with each cell, which a
picture of a chart or its alt text cannot give (issue 17). The table uses the built-in
"No Style, Table Grid" style, so its text keeps the slide's own colours and contrast on any
template; the header row is bold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from generator.report import DataTable
from generator.writers.ooxml import column_widths, xml_safe
from generator.writers.pptx.text import (
    EMU_PER_POINT, LINE_HEIGHT, SLIDE_TEXT_SMALLEST, line_count, set_language,
)

if TYPE_CHECKING:
    from generator.writers.pptx.lookups import DeckLookups

PLAIN_GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"
"""PowerPoint's built-in "No Style, Table Grid": black lines, no fills, the slide's text colour."""
LARGEST = 16.0
SMALLEST = 12.0
"""Table text is set at the template's body size within these bounds (never below the 10 pt floor)."""
CELL_MARGINS = (91440, 45720, 91440, 45720)
"""python-pptx's (and PowerPoint's) default cell margins: left, top, right, bottom."""


def table_size(box, deck: DeckLookups) -> float:
    """The text size (points) of a table placed in placeholder `box`."""
    return max(SLIDE_TEXT_SMALLEST, min(LARGEST, max(SMALLEST, deck.inherited_size(box))))


def row_height(cells: tuple[str, ...], widths: list[int], size: float, bold: bool = False) -> int:
    """Height (EMU) of one table row whose cells wrap inside their column."""
    horizontal = CELL_MARGINS[0] + CELL_MARGINS[2]
    lines = max((line_count(text or " ", size, (width - horizontal) / EMU_PER_POINT, bold)
                 for text, width in zip(cells, widths)), default=1)
    return int(lines * size * LINE_HEIGHT * EMU_PER_POINT) + CELL_MARGINS[1] + CELL_MARGINS[3]


def table_pages(table: DataTable, box, deck: DeckLookups) -> tuple[DataTable, ...]:
    """`table` split into consecutive runs of rows that fit `box` under a repeated header row."""
    width, height = deck.extent(box)
    size = table_size(box, deck)
    widths = column_widths(len(table.header), width)
    room = height - row_height(table.header, widths, size, bold=True)
    pages: list[list[tuple[str, ...]]] = [[]]
    used = 0
    for row in table.rows:
        needed = row_height(row, widths, size)
        if pages[-1] and used + needed > room:
            pages.append([])
            used = 0
        pages[-1].append(row)
        used += needed
    return tuple(DataTable(table.caption, table.header, tuple(rows)) for rows in pages)


def add_data_table(slide, table: DataTable, box: tuple[int, int, int, int], size: float, name: str,
                   language: str):
    """`table` as a table shape at the top of `box`; returns the graphic frame."""
    left, top, width, _ = box
    widths = column_widths(len(table.header), width)
    all_rows = (table.header, *table.rows)
    heights = [row_height(row, widths, size, bold=index == 0) for index, row in enumerate(all_rows)]
    frame = slide.shapes.add_table(len(all_rows), len(table.header), left, top, width, sum(heights))
    frame.name = name
    frame._element.find(qn("p:nvGraphicFramePr")).find(qn("p:cNvPr")).set("descr", xml_safe(table.caption))
    shape = frame.table
    properties = shape._tbl.tblPr
    properties.set("firstRow", "1")
    properties.set("bandRow", "0")
    properties.find(qn("a:tableStyleId")).text = PLAIN_GRID_STYLE
    for index, column_width in enumerate(widths):
        shape.columns[index].width = Emu(column_width)
    for row_index, (row, cells) in enumerate(zip(shape.rows, all_rows)):
        row.height = Emu(heights[row_index])
        for column, (cell, text) in enumerate(zip(row.cells, cells)):
            paragraph = cell.text_frame.paragraphs[0]
            run = paragraph.add_run()
            run.text = xml_safe(text)
            run.font.size = Pt(size)
            run.font.bold = row_index == 0
            if column:
                paragraph.alignment = PP_ALIGN.RIGHT
    set_language(frame._element, language)
    return frame
