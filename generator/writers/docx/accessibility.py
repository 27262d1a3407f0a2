"""Last checks before saving that keep Word from calling the file unreadable.

Word rejects a file whose drawing ids (`wp:docPr/@id`) repeat anywhere in the body,
headers or footers (python-docx numbers pictures per part), and a table cell without a
paragraph. Both are repaired here, deterministically.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_STORY_PARTS = ("/word/document.xml", "/word/header", "/word/footer", "/word/footnotes.xml", "/word/endnotes.xml")
_DRAWING_IDS = ("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr",)


def story_elements(document) -> list:
    """The root element of the body and of every header, footer and note part, body first."""
    parts = [part for part in document.part.package.iter_parts()
             if str(part.partname).startswith(_STORY_PARTS) and hasattr(part, "element")]
    parts.sort(key=lambda part: (str(part.partname) != "/word/document.xml", str(part.partname)))
    return [part.element for part in parts]


def number_drawings(document) -> int:
    """Gives every drawing in every story part a unique id, in reading order; returns the count."""
    count = 0
    for root in story_elements(document):
        for tag in _DRAWING_IDS:
            for properties in root.iter(tag):
                count += 1
                properties.set("id", str(count))
    return count


def ensure_cell_paragraphs(document) -> int:
    """Adds an empty paragraph to any table cell that has none (Word reports such files corrupt)."""
    repaired = 0
    for root in story_elements(document):
        for cell in root.iter(qn("w:tc")):
            if cell.find(qn("w:p")) is None:
                cell.append(OxmlElement("w:p"))
                repaired += 1
    return repaired
