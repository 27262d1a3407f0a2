"""One vocabulary of section headings per document kind, for the deck, the briefing and the Markdown file.

Compose puts the headings of the audience's document kind into the report; writers print them
from there and name no section themselves. A template set changes a word under
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
