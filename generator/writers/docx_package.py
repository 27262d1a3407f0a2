"""Opening the user's Word template safely and saving a briefing reproducibly.

A .dotx is a Word template package: python-docx refuses it until its main part's content
type says "document". Saving re-packs the zip with fixed entry dates so the same report
gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from generator.errors import InputError, problem_at
from generator.office_safety import check_office_file
from generator.writers.docx_plan import clean_text

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
LANGUAGE = "nl-NL"


def open_template(path: Path):
    """The template as a python-docx Document with an empty body; checked for safety first."""
    path = Path(path)
    check_office_file(path, "word/document.xml")
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content_types = archive.read("[Content_Types].xml")
    if TEMPLATE_MAIN in content_types:
        data = _repacked(data, {"[Content_Types].xml": content_types.replace(TEMPLATE_MAIN, DOCUMENT_MAIN)})
    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, PackageNotFoundError, etree.XMLSyntaxError) as error:
        raise InputError(problem_at(path, f"cannot be opened as a Word document: {error}")) from None
    clear_body(document)
    drop_thumbnail(document)
    return document


def clear_body(document) -> None:
    """Removes the template's sample content, keeping the final page setup (w:sectPr)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def set_language(document, language: str = LANGUAGE) -> None:
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


def language_tag(language: str | None) -> str:
    """A BCP 47 tag as Word expects it: "nl" and "nl_NL" become "nl-NL"."""
    tag = (language or LANGUAGE).replace("_", "-")
    if tag.lower() == "nl":
        return LANGUAGE
    parts = tag.split("-")
    return "-".join([parts[0].lower()] + [part.upper() for part in parts[1:]])


def set_core_properties(document, report, kind_label: str) -> None:
    """Title, subject, author, language and dates from the report, nothing from the template."""
    properties = document.core_properties
    moment = dt.datetime.combine(report.date, dt.time(12, 0))
    properties.title = clean_text(report.title)
    properties.subject = clean_text(report.subtitle or report.title)
    properties.author = clean_text(report.author)
    properties.last_modified_by = clean_text(report.author)
    properties.language = language_tag(report.language)
    properties.keywords = clean_text(", ".join(report.keywords))
    properties.category = kind_label
    properties.comments = ""
    properties.content_status = ""
    properties.identifier = ""
    properties.version = ""
    properties.revision = 1
    properties.created = moment
    properties.modified = moment
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
    return _repacked(buffer.getvalue(), {}, date)


def _repacked(data: bytes, replacements: dict[str, bytes], date: dt.date | None = None) -> bytes:
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0) if date else (1980, 1, 1, 0, 0, 0)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, replacements.get(info.filename, source.read(info.filename)))
    return output.getvalue()


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
