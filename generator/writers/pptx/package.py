"""Package-level work on a deck: opening templates (.potx too), template slides, properties.

These are the python-pptx traps that concern the whole file rather than one slide: a .potx
must be re-typed as a presentation before python-pptx opens it (writers.ooxml does), removed
slides must take their relationships with them, and part names must stay unique.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn

from generator.writers.checked_templates import editable_template
from generator.writers.ooxml import noon, reading_template
from generator.writers.ooxml import set_core_properties as set_report_properties

MAIN_PART = "ppt/presentation.xml"


def open_presentation(path: Path):
    """The deck template at `path` as a python-pptx Presentation, every part checked first; .potx too."""
    editable = editable_template(path, MAIN_PART)
    with reading_template(path, "PowerPoint"):
        return Presentation(io.BytesIO(editable))


SECTION_LIST_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
"""The presentation extension that groups slides into PowerPoint sections by slide id."""


def take_template_slides(presentation) -> list:
    """Detach the template's own slides (with their relationships); returns their parts in order.

    Custom shows and PowerPoint sections list slides too; they would point at slides that are
    gone or miss the new ones, so they are dropped.
    """
    root = presentation.part._element
    for shows in root.findall(qn("p:custShowLst")):
        root.remove(shows)
    extensions = root.find(qn("p:extLst"))
    if extensions is not None:
        for extension in extensions.findall(qn("p:ext")):
            if extension.get("uri") == SECTION_LIST_URI:
                extensions.remove(extension)
    slide_list = presentation.slides._sldIdLst
    parts = []
    for slide_id in list(slide_list):
        relationship_id = slide_id.get(qn("r:id"))
        parts.append(presentation.part.related_part(relationship_id))
        slide_list.remove(slide_id)
        presentation.part.drop_rel(relationship_id)
    return parts


def append_slide_parts(presentation, parts: list) -> None:
    """Put detached template slides back at the end of the deck, as fixed pages."""
    slide_list = presentation.slides._sldIdLst
    for part in parts:
        relationship_id = presentation.part.relate_to(part, "http://schemas.openxmlformats.org/"
                                                      "officeDocument/2006/relationships/slide")
        slide_list.add_sldId(relationship_id)


def renumber_parts(presentation) -> None:
    """Slide parts named in deck order, and no two parts sharing a name.

    Kept template slides were detached while the new slides were added, so python-pptx may
    have given a new part the name a kept one still carries.
    """
    presentation.part.rename_slide_parts([slide_id.rId for slide_id in presentation.slides._sldIdLst])
    seen: set[str] = set()
    parts = list(presentation.part.package.iter_parts())
    taken = {str(part.partname) for part in parts}
    for part in parts:
        name = str(part.partname)
        if name in seen:
            match = re.fullmatch(r"(.*?)(\d*)(\.\w+)", name)
            stem, extension = match.group(1), match.group(3)
            number = 1
            while f"{stem}{number}{extension}" in taken:
                number += 1
            name = f"{stem}{number}{extension}"
            part.partname = PackURI(name)
            taken.add(name)
        seen.add(name)


def set_core_properties(presentation, report) -> None:
    """The deck's core properties from `report`; PowerPoint's "last printed" is the report date too."""
    set_report_properties(presentation.core_properties, report)
    presentation.core_properties.last_printed = noon(report.date)


def set_default_language(presentation, language: str) -> None:
    """`lang` on the deck's default text style, so text typed later is checked as Dutch too."""
    style = presentation.part._element.find(qn("p:defaultTextStyle"))
    if style is None:
        return
    for level in style:
        run_properties = level.find(qn("a:defRPr"))
        if run_properties is None:
            run_properties = etree.SubElement(level, qn("a:defRPr"))
        run_properties.set("lang", language)
