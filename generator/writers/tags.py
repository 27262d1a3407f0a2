"""Identity tags on generated decks and briefings, so `barometer update` can find what it made.

Chosen for what survives saving in PowerPoint, Word and LibreOffice (a LibreOffice round trip
renames placeholders and drops slide names, `p:custDataLst` and block content controls, but
keeps picture and chart names, bookmarks and custom document properties):
- the document's identity (survey, audience, format, chart mode, date): custom property "barometer";
- every chart picture or native chart is named "Grafiek <theme id>.<finding id>"; in a briefing a
  hidden bookmark also marks each chart picture and each data table;
- every generated text (slide title, slide paragraph, briefing paragraph) has its fingerprint in a
  custom property "barometer.<key>": a text whose fingerprint still matches was not edited.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from lxml import etree

CUSTOM_PROPERTIES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_PROPERTIES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPERTIES_PART = "/docProps/custom.xml"
_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"

IDENTITY_PROPERTY = "barometer"
TAG_PREFIX = "barometer."
TAG_VERSION = "1"
CHART_NAME_PREFIX = "Grafiek "
"""A chart picture's or native chart's shape name is this prefix plus its chart id."""
CHART_SLIDE = "chart"
_SAFE_KEY = re.compile(r"^[A-Za-z0-9_.:-]{1,120}$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class Identity:
    """What a generated file shows: which survey, for which audience, in which format and date."""

    survey: str
    audience: str
    format: str
    charts: str
    """"picture" or "native" (decks); "picture" for briefings."""
    date: str
    """The report date, YYYY-MM-DD, so an update with unchanged data writes the same dates."""

    def to_property(self) -> str:
        return (f"version={TAG_VERSION};survey={self.survey};audience={self.audience};format={self.format};"
                f"charts={self.charts};date={self.date}")


def identity_from_property(text: str) -> Identity:
    """The identity in a "barometer" property; ValueError naming what is wrong when it is damaged."""
    fields = dict(item.partition("=")[::2] for item in text.split(";") if item)
    if fields.get("version") != TAG_VERSION:
        raise ValueError(f"unknown tag version {fields.get('version')!r}")
    missing = [name for name in ("survey", "audience", "format", "charts", "date") if not fields.get(name)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    if fields["charts"] not in ("picture", "native") or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["date"]):
        raise ValueError("unreadable chart mode or date")
    return Identity(fields["survey"], fields["audience"], fields["format"], fields["charts"], fields["date"])


def fingerprint(text: str) -> str:
    """A short digest of `text` with whitespace normalised: equal for the text as generated."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


TABLE_NAME_PREFIX = "Tabel "
"""A deck's data table is named this prefix plus its chart id."""


def table_id_of_name(name: str | None) -> str | None:
    """The chart id in a data table's shape name ("Tabel <chart id>"), else None."""
    if name and name.startswith(TABLE_NAME_PREFIX):
        return name[len(TABLE_NAME_PREFIX):].strip() or None
    return None


def chart_id_of_name(name: str | None) -> str | None:
    """The chart id in a chart's shape name ("Grafiek <chart id>"), else None."""
    if name and name.startswith(CHART_NAME_PREFIX):
        return name[len(CHART_NAME_PREFIX):].strip() or None
    return None


def chart_bookmark(chart_id: str, role: str) -> str:
    """A hidden bookmark name for a briefing's chart picture ("P") or data table ("T"): Word allows
    at most 40 letters, digits and underscores, so the chart id is hashed."""
    return f"_Bar{hashlib.sha256(chart_id.encode('utf-8')).hexdigest()[:16]}{role}"


# Custom document properties ---------------------------------------------------------------

def custom_properties_xml(properties: dict[str, str], existing: bytes | None = None) -> bytes:
    """A custom properties part holding `properties`, after any others already in `existing`."""
    root = etree.Element(f"{{{_PROPERTIES_NS}}}Properties", nsmap={None: _PROPERTIES_NS, "vt": _VT_NS})
    kept = [(name, value) for name, value in read_custom_properties(existing).items()
            if name != IDENTITY_PROPERTY and not name.startswith(TAG_PREFIX)] if existing else []
    for pid, (name, value) in enumerate([*kept, *properties.items()], start=2):
        element = etree.SubElement(root, f"{{{_PROPERTIES_NS}}}property", fmtid=_FMTID, pid=str(pid), name=name)
        etree.SubElement(element, f"{{{_VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_custom_properties(blob: bytes | None) -> dict[str, str]:
    """Name -> text of every custom document property (non-text values as their text)."""
    if not blob:
        return {}
    root = etree.fromstring(blob, _PARSER)
    return {element.get("name", ""): "".join(element.itertext())
            for element in root.iter(f"{{{_PROPERTIES_NS}}}property")}


def attach_properties(package, properties: dict[str, str], new_part) -> None:
    """Put `properties` into the package's custom properties part, creating it with
    `new_part(partname, content_type, blob)` when the template has none."""
    relationships = package.rels if hasattr(package, "rels") else package._rels  # python-pptx keeps them private
    for relationship in relationships.values():
        if relationship.reltype == CUSTOM_PROPERTIES_TYPE and not relationship.is_external:
            part = relationship.target_part
            part._blob = custom_properties_xml(properties, part.blob)
            return
    package.relate_to(new_part(CUSTOM_PROPERTIES_PART, CUSTOM_PROPERTIES_CONTENT_TYPE,
                               custom_properties_xml(properties)), CUSTOM_PROPERTIES_TYPE)


def tag_property(key: str) -> str:
    if not _SAFE_KEY.match(key):
        raise ValueError(f"unusable tag key {key!r}")
    return TAG_PREFIX + key


# Decks ------------------------------------------------------------------------------------

def paragraph_text(paragraph) -> str:
    """The text of a DrawingML paragraph (`a:p`): runs, fields and line breaks."""
    parts = []
    for child in paragraph:
        if child.tag in (f"{_A}r", f"{_A}fld"):
            parts.append("".join(node.text or "" for node in child.iter(f"{_A}t")))
        elif child.tag == f"{_A}br":
            parts.append("\n")
    return "".join(parts)


def slide_text_shapes(slide_element) -> tuple:
    """(title, body) shape elements of a slide: the title placeholder and the first other content
    placeholder; footers, dates and slide numbers are not content. Either may be None."""
    title = body = None
    for shape in slide_element.iter(f"{_P}sp"):
        placeholder = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if placeholder is None or shape.find(f"{_P}txBody") is None:
            continue
        kind = placeholder.get("type", "body")
        if kind in ("title", "ctrTitle"):
            title = title if title is not None else shape
        elif kind in ("body", "subTitle", "obj") and body is None:
            body = shape
    return title, body


def shape_paragraphs(shape) -> list:
    return [] if shape is None else list(shape.find(f"{_P}txBody").iter(f"{_A}p"))


def slide_chart_ids(slide_element) -> tuple[str, ...]:
    """Chart ids named by the pictures and native charts on a slide, in order."""
    names = [shape.find(f"{_P}{inner}/{_P}cNvPr").get("name") for tag, inner in
             (("pic", "nvPicPr"), ("graphicFrame", "nvGraphicFramePr")) for shape in slide_element.iter(f"{_P}{tag}")
             if shape.find(f"{_P}{inner}/{_P}cNvPr") is not None]
    return tuple(chart_id for chart_id in (chart_id_of_name(name) for name in names) if chart_id)


def slide_fingerprints(slide_element) -> str:
    """A slide's generated text as "title|paragraph paragraph ...", one fingerprint each."""
    title, body = slide_text_shapes(slide_element)
    title_text = "\n".join(paragraph_text(p) for p in shape_paragraphs(title))
    body_prints = [fingerprint(paragraph_text(p)) for p in shape_paragraphs(body) if paragraph_text(p).strip()]
    return f"{fingerprint(title_text) if title is not None else ''}|{' '.join(body_prints)}"


class SlideKeys:
    """Stable keys for a deck's slides: "chart:<chart id>" for a chart slide, else the slide's
    role and its count among slides of that role ("text:2")."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def key(self, role: str, chart_id: str | None) -> str:
        if chart_id:
            base = f"{CHART_SLIDE}:{chart_id}"
        else:
            base = role
        self.counts[base] = self.counts.get(base, 0) + 1
        count = self.counts[base]
        return base if chart_id and count == 1 else f"{base}:{count}"


def deck_tags(identity: Identity, slides: list[tuple[str, object]]) -> dict[str, str]:
    """The custom properties of a deck: its identity and each (key, slide element)'s fingerprints."""
    properties = {IDENTITY_PROPERTY: identity.to_property()}
    for key, element in slides:
        properties[tag_property(f"slide.{key}")] = slide_fingerprints(element)
    return properties


# Briefings --------------------------------------------------------------------------------

def word_text(element) -> str:
    """The visible text of a Word paragraph or cell: text, tabs and breaks, not deleted text."""
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        parts.append(node.text or "" if node.tag == f"{_W}t" else "\t" if node.tag == f"{_W}tab" else "\n")
    return "".join(parts)


def body_text_paragraphs(body) -> list:
    """The body's own paragraphs with text (not in tables or pictures), in order: the generated blocks."""
    return [paragraph for paragraph in body.iterchildren(f"{_W}p") if word_text(paragraph).strip()]


def briefing_tags(identity: Identity, body) -> dict[str, str]:
    """The custom properties of a briefing: its identity and a fingerprint per text paragraph."""
    properties = {IDENTITY_PROPERTY: identity.to_property()}
    for number, paragraph in enumerate(body_text_paragraphs(body), start=1):
        properties[tag_property(f"p.{number}")] = fingerprint(word_text(paragraph))
    return properties


def bookmark_charts(body, charts, table_captions: dict[str, str], clean) -> None:
    """Hidden bookmarks around each chart picture and in each data table's first cell, named by
    chart id (`chart_bookmark`); pictures are found by their description, tables by their caption."""
    by_description = {clean(chart.alt_text): chart.chart_id for chart in charts}
    next_id = 1 + max((int(start.get(f"{_W}id")) for start in body.iter(f"{_W}bookmarkStart")
                       if str(start.get(f"{_W}id")).isdigit()), default=0)
    previous = None
    for element in body.iterchildren(f"{_W}p", f"{_W}tbl"):
        target, role = None, ""
        if element.tag == f"{_W}p":
            descriptions = [properties.get("descr") for properties in element.iter(f"{_WP}docPr")]
            target, role = (by_description.get(descriptions[0]), "P") if descriptions else (None, "")
            paragraph = element
        else:
            caption = word_text(previous) if previous is not None else ""
            target = next((chart_id for chart_id, text in table_captions.items() if text and caption.endswith(text)),
                          None)
            role = "T"
            paragraph = element.find(f".//{_W}p")
        if target and paragraph is not None:
            _wrap_in_bookmark(paragraph, chart_bookmark(target, role), next_id)
            next_id += 1
        previous = element if element.tag == f"{_W}p" else previous


def _wrap_in_bookmark(paragraph, name: str, bookmark_id: int) -> None:
    start = etree.Element(f"{_W}bookmarkStart", {f"{_W}id": str(bookmark_id), f"{_W}name": name})
    end = etree.Element(f"{_W}bookmarkEnd", {f"{_W}id": str(bookmark_id)})
    properties = paragraph.find(f"{_W}pPr")
    paragraph.insert(1 if properties is not None else 0, start)
    paragraph.append(end)


# Writer hooks -----------------------------------------------------------------------------

def tag_presentation(presentation, report, native_charts: bool, slides: list[tuple[str, object]]) -> None:
    """Tag a deck being written: `slides` holds (key, slide element) for every generated slide."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = presentation.part.package
    identity = Identity(report.survey_id, report.audience, "pptx", "native" if native_charts else "picture",
                        report.date.isoformat())
    attach_properties(package, deck_tags(identity, slides),
                      lambda name, content_type, blob: Part(PackURI(name), content_type, package, blob))


def tag_document(document, report) -> None:
    """Tag a briefing being written: bookmarks on chart pictures and tables, text fingerprints."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from generator.writers.docx.plan import clean_text

    body = document.element.body
    captions = {chart.chart_id: clean_text(chart.table.caption or chart.caption) for chart in report.charts}
    bookmark_charts(body, report.charts, captions, clean_text)
    package = document.part.package
    identity = Identity(report.survey_id, report.audience, "docx", "picture", report.date.isoformat())
    attach_properties(package, briefing_tags(identity, body),
                      lambda name, content_type, blob: Part(PackURI(name), content_type, blob, package))
