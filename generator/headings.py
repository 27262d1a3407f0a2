"""The structure of each document kind: its parts in reading order, and one vocabulary of headings.

Compose puts the outline and the headings of the audience's document kind into the report;
writers lay the parts out in that order, under those headings, and decide neither themselves. A template set changes a word under
`briefing.headings.<kind>.<part>` in template.yaml, and the change reaches every format.
"""

from __future__ import annotations

from typing import Any, Mapping

from generator.config import Choice, MappingOf, Section, Text, read_config
from generator.report import DocumentKind, Headings
from generator.template_set import TemplateSet

_SHARED = {
    "key_figures": "Kerncijfers",
    "contents": "Inhoud",
    "appendix_figures": "Bijlage: grafieken en tabellen",
    "appendix_tables": "Bijlage: tabellen",
}

DEFAULT_HEADINGS: dict[DocumentKind, dict[str, str]] = {
    DocumentKind.RAADSINFORMATIEBRIEF: {
        "key_messages": "Kernboodschap",
        "introduction": "Aanleiding",
        "results": "Resultaten",
        "method": "Over het onderzoek",
        "closing": "Vervolg",
        **_SHARED,
    },
    DocumentKind.MEMO: {
        "key_messages": "Kernboodschap",
        "introduction": "Aanleiding",
        "results": "Toelichting",
        "method": "Over het onderzoek",
        "closing": "Beslispunten",
        **_SHARED,
    },
    DocumentKind.RAPPORTAGE: {
        "key_messages": "Samenvatting",
        "introduction": "Inleiding",
        "results": "Resultaten",
        "method": "Onderzoeksopzet",
        "closing": "Vervolg",
        **_SHARED,
    },
    DocumentKind.SAMENVATTING: {
        "key_messages": "In het kort",
        "introduction": "Waarom dit onderzoek?",
        "results": "Resultaten",
        "method": "Over het onderzoek",
        "closing": "Hoe gaat het verder?",
        **_SHARED,
    },
}
"""Document kind -> part -> heading; every kind names every part of `Headings`."""


PARTS = {
    "letter_head": "title and subtitle, then the header lines (Aan, Van, Datum, ...)",
    "title_page": "title, subtitle, date and author, as a title page",
    "title": "title, subtitle and date",
    "contents": "a table of contents of the headings that follow",
    "key_messages": "the key messages, with the key figures",
    "introduction": "the audience's introduction",
    "method": "how the data was gathered",
    "results": "one short summary per theme, under the results heading",
    "sections": "every theme in full: text, figures, tables, notes and quotes",
    "closing": "the closing part: next steps or, in a memo, the points to decide",
    "source": "the source line, once more at the end",
    "appendix_figures": "an appendix with each theme's charts and tables, then the method",
    "appendix_tables": "an appendix with the data tables, when the audience wants them there",
}
"""Every part a document can have, with what it holds."""

OUTLINES: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.RAADSINFORMATIEBRIEF: ("letter_head", "key_messages", "introduction", "results", "closing", "source",
                                        "appendix_figures"),
    DocumentKind.MEMO: ("letter_head", "closing", "key_messages", "introduction", "results", "source",
                        "appendix_figures"),
    DocumentKind.RAPPORTAGE: ("title_page", "contents", "key_messages", "introduction", "method", "sections", "closing",
                              "appendix_tables", "source"),
    DocumentKind.SAMENVATTING: ("title", "key_messages", "introduction", "sections", "closing", "method",
                                "appendix_tables", "source"),
}
"""The parts of each document kind in reading order: a letter stays short and sends figures and method to
its appendix; a memo puts the decisions first; a B1 summary ends with the method."""


def outline_for(kind: DocumentKind) -> tuple[str, ...]:
    return OUTLINES[kind]


def headings_for(kind: DocumentKind, overrides: Mapping[str, str] | None = None) -> Headings:
    """The headings of `kind`, with the parts in `overrides` worded as given."""
    return Headings(**{**DEFAULT_HEADINGS[kind], **(overrides or {})})


def _heading(doc: str) -> Text:
    return Text(allow_empty=False, max_length=200, doc=doc)


class KindHeadingOptions(Section):
    """The headings of one document kind; a part left out keeps its default."""

    key_messages = _heading("Above the key messages.")
    key_figures = _heading("Above the key figures where they stand on their own (a slide, the Markdown file).")
    introduction = _heading("Above the audience's introduction.")
    results = _heading("Above the themes' summaries in a letter or memo.")
    method = _heading("Above how the data was gathered.")
    closing = _heading("Above the closing part when the audience gives it no `closing_title`.")
    contents = _heading("Above a full report's table of contents.")
    appendix_figures = _heading("Above a letter's appendix with the charts and their tables.")
    appendix_tables = _heading("Above the appendix with the data tables.")


def _given(**parts: Any) -> dict[str, str]:
    return {part: text for part, text in parts.items() if text is not None}


HEADING_OPTIONS = MappingOf(
    Choice(DocumentKind), KindHeadingOptions(_given),
    doc="Section headings per document kind (raadsinformatiebrief, memo, rapportage, samenvatting), "
        "the same in the deck, the briefing and the Markdown file.")
"""`briefing.headings` in template.yaml: document kind -> part -> heading text."""


def template_headings(template: TemplateSet, kind: DocumentKind) -> Headings:
    """The headings of `kind` as the template set words them; a bad override is reported with its line."""
    overrides = read_config(HEADING_OPTIONS, template.section("briefing").get("headings"),
                            template.settings_path or template.directory, "briefing.headings")
    return headings_for(kind, overrides.get(kind))
