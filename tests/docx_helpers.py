"""Reading written briefings back for the Word writer's tests."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = {
    "default": REPO_ROOT / "templates" / "default",
    "localized": REPO_ROOT / "tests" / "fixtures" / "briefings" / "localized",
    "dotx": REPO_ROOT / "tests" / "fixtures" / "briefings" / "dotx",
}
DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
_HEADING_NAME = re.compile(r"^(?:heading|kop) (\d)$", re.IGNORECASE)


def write_briefing(report, template_name: str, images) -> bytes:
    from generator.template_set import load_template_set
    from generator.writers import WriterOptions, get_writer

    template = load_template_set(TEMPLATES[template_name])
    return get_writer("docx").write(report, images, template, WriterOptions()).content


def with_template_headings(report, template_name: str):
    """`report` with the section headings the template set words, as compose gives them."""
    from dataclasses import replace

    from generator.headings import template_headings
    from generator.template_set import load_template_set

    return replace(report, headings=template_headings(load_template_set(TEMPLATES[template_name]), report.document_kind))


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def heading_level(paragraph) -> int | None:
    match = _HEADING_NAME.match(paragraph.style.name or "")
    return int(match.group(1)) if match else None


def headings(document) -> list[tuple[int, str]]:
    return [(heading_level(p), p.text) for p in document.paragraphs if heading_level(p) is not None]


def story_roots(content: bytes) -> dict[str, object]:
    """Parsed XML of the body, headers and footers, by part name."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if re.match(r"word/(document|header\d*|footer\d*)\.xml$", name)}


def body_drawings(document) -> list:
    return list(document.element.body.iter(DOCPR))


def tables_by_caption(document) -> dict[str, object]:
    result = {}
    for table in document.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        if caption is not None:
            result[caption.get(qn("w:val"))] = table
    return result


def table_texts(table) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells) for row in table.rows]
