"""Word fields and bookmarks: page numbers in the footer and the long report's contents list.

An office suite fills a TOC field only when it updates fields, so the contents list is
written out here: one linked line per heading, with a PAGEREF field for its page number
that LibreOffice computes when it lays out the pages and Word when it updates fields.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from generator.writers.docx.plan import ContentsPart

_SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
"""Settings that come after w:updateFields in the schema's fixed order (CT_Settings)."""


def add_bookmark(element, name: str, bookmark_id: int) -> None:
    """Wraps the content of paragraph `element` (a w:p) in a bookmark called `name` (the contents list's target)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    position = 1 if element.pPr is not None else 0
    element.insert(position, start)
    element.append(end)


def field_runs(instruction: str, cached_text: str) -> list:
    """The runs of a complex field: begin, instruction, separate, shown result, end."""
    return [
        _field_char("begin"),
        _run_with(_instruction(instruction)),
        _field_char("separate"),
        text_run(cached_text),
        _field_char("end"),
    ]


def text_run(text: str, character_style_id: str | None = None):
    run = OxmlElement("w:r")
    if character_style_id:
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), character_style_id)
        properties.append(style)
        run.append(properties)
    content = OxmlElement("w:t")
    content.set(qn("xml:space"), "preserve")
    content.text = text
    run.append(content)
    return run


def add_contents(document, part: ContentsPart, styles) -> None:
    """The contents heading and one linked line per heading with a PAGEREF page number.

    The lines are not wrapped in a TOC field: LibreOffice would then print the (empty)
    cached page numbers, while bare PAGEREF fields are computed at layout time.
    """
    heading = document.add_paragraph(part.heading, style=styles["toc_heading"])
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.keep_with_next = True
    for entry in part.entries:
        paragraph = document.add_paragraph(style=styles[f"toc_{min(entry.level, 3)}"])
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), entry.bookmark)
        link.set(qn("w:history"), "1")
        link.append(text_run(entry.text))
        tab = OxmlElement("w:r")
        tab.append(OxmlElement("w:tab"))
        link.append(tab)
        for run in field_runs(f" PAGEREF {entry.bookmark} \\h ", ""):
            link.append(run)
        paragraph._p.append(link)
    if part.entries:
        request_field_update(document)


def request_field_update(document) -> None:
    """Asks Word to update fields on opening, so it fills the contents' page numbers as well."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        anchor = None
        for name in _SETTINGS_AFTER_UPDATE_FIELDS:
            anchor = settings.find(qn(name))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(update)
        else:
            settings.append(update)


def add_page_numbers(document, styles, label: str) -> int:
    """Adds "Pagina N" to each section's footer that has no page number yet; returns how many."""
    added = 0
    for index, section in enumerate(document.sections):
        footer = section.footer
        if index > 0 and footer.is_linked_to_previous:
            continue
        if _has_page_field(footer._element):
            continue
        paragraph = footer.paragraphs[-1] if footer.paragraphs and not footer.paragraphs[-1].text.strip() \
            and not footer.paragraphs[-1]._p.xpath(".//w:drawing") else footer.add_paragraph()
        paragraph.style = styles["footer"]
        element = paragraph._p
        element.append(text_run(f"{label} "))
        for run in field_runs(" PAGE ", "1"):
            element.append(run)
        added += 1
    return added


def _has_page_field(element) -> bool:
    instructions = [node.text or "" for node in element.iter(qn("w:instrText"))]
    instructions += [node.get(qn("w:instr")) or "" for node in element.iter(qn("w:fldSimple"))]
    return any(text.split() and text.split()[0].upper() == "PAGE" for text in instructions)


def _field_char(kind: str):
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return _run_with(char)


def _instruction(text: str):
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


def _run_with(child):
    run = OxmlElement("w:r")
    run.append(child)
    return run
