"""Opening the user's Word template safely and saving a briefing reproducibly.

A .dotx is a Word template package: python-docx refuses it until its main part's content
type says "document" (writers.ooxml re-types it). Saving re-packs the zip with fixed entry
dates (writers.ooxml) so the same report gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Twips
from lxml import etree

from generator.writers.checked_templates import editable_template
from generator.writers.ooxml import DEFAULT_LANGUAGE, normalise_package, reading_template
from generator.writers.ooxml import set_core_properties as set_report_properties

MAIN_PART = "word/document.xml"


def open_template(path: Path):
    """The template as a python-docx Document with an empty body; every part checked first."""
    path = Path(path)
    editable = editable_template(path, MAIN_PART)
    with reading_template(path, "Word"):
        document = docx.Document(io.BytesIO(editable))
        clear_body(document)
        drop_thumbnail(document)
        complete_page_setup(document)
    return document


A4 = (Twips(11906), Twips(16838))
"""Width and height of an A4 page, the Dutch default, in Word's twentieths of a point."""
DEFAULT_MARGIN = Cm(2.5)
DEFAULT_HEADER_DISTANCE = Cm(1.25)


def complete_page_setup(document) -> None:
    """Gives every section a page size and margins where the template leaves them out.

    Word assumes Letter and LibreOffice its locale's paper when w:pgSz is missing (pandoc's
    reference.docx has an empty w:sectPr); a Dutch briefing is A4.
    """
    for section in document.sections:
        if section.page_width is None or section.page_height is None:
            section.page_width, section.page_height = A4
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            if getattr(section, side) is None:
                setattr(section, side, DEFAULT_MARGIN)
        for side in ("header_distance", "footer_distance"):
            if getattr(section, side) is None:
                setattr(section, side, DEFAULT_HEADER_DISTANCE)
        if section.gutter is None:
            section.gutter = 0


def clear_body(document) -> None:
    """Removes the template's sample content, keeping the final page setup (w:sectPr)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def set_language(document, language: str = DEFAULT_LANGUAGE) -> None:
    """Declares `language` on the styles' default run properties and on every style that sets one."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(styles, qn("w:docDefaults"))
        styles.insert(0, defaults)
    run_defaults = _child(defaults, "w:rPrDefault", first=True)
    run_properties = _child(run_defaults, "w:rPr")
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(run_properties, qn("w:lang"))
    lang.set(qn("w:val"), language)
    for style_lang in styles.iter(qn("w:lang")):
        if style_lang.get(qn("w:val")) is not None:
            style_lang.set(qn("w:val"), language)


def set_core_properties(document, report, kind_label: str) -> None:
    """The briefing's core properties from `report`, its document kind as category; no template leftovers."""
    set_report_properties(document.core_properties, report, kind_label)
    properties = document.core_properties
    properties.content_status = ""
    properties.identifier = ""
    properties.version = ""
    printed = properties._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        properties._element.remove(printed)


APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>barometer</Application><DocSecurity>0</DocSecurity></Properties>"
)
"""Extended properties without the template's stale statistics (page and word counts)."""


def reset_app_properties(document) -> None:
    """Replaces the template's docProps/app.xml, whose counts and application name are the template's."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml" and hasattr(part, "_blob"):
            part._blob = APP_PROPERTIES


def save_reproducibly(document, date: dt.date) -> bytes:
    """The document's bytes with every zip entry dated `date`, so rebuilding changes nothing."""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_package(buffer.getvalue(), date)


def drop_thumbnail(document) -> None:
    """Removes the template's preview picture, which would show the template, not the briefing."""
    relationships = document.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype == RT.THUMBNAIL:
            del relationships[key]


def _child(parent, tag: str, first: bool = False):
    element = parent.find(qn(tag))
    if element is None:
        element = etree.SubElement(parent, qn(tag))
        if first:
            parent.insert(0, element)
    return element
