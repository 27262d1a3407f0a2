"""The `briefing:` section of template.yaml: style names per role, headings, captions.

Every option has a Dutch default, so an empty section gives a complete briefing; a bad
value is reported with its template.yaml line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Mapping

from generator.config import MappingOf, Number, Place, Section, Text, read_config
from generator.config.options import Choice
from generator.config.walker import Located
from generator.headings import DEFAULT_HEADINGS, HEADING_OPTIONS
from generator.report import DocumentKind
from generator.yaml_source import LocatedDict

STYLE_ROLES = (
    "title", "subtitle", "body", "heading_1", "heading_2", "heading_3", "heading_4",
    "caption", "source", "table_text", "list_bullet", "list_number", "quote", "note", "header_field",
    "toc_heading", "toc_1", "toc_2", "toc_3", "footer", "table", "strong",
)
"""Roles a briefing needs a style for; template.yaml `briefing.styles` maps them to names."""

def _label(default: str, doc: str) -> Text:
    return Text(default=default, allow_empty=False, max_length=500, doc=doc)


def _table_label_has_number(values: dict, place: Place) -> None:
    if values["table_in_appendix"] is not None and "{number}" not in values["table_in_appendix"]:
        place.at("table_in_appendix").problem("must contain {number}, the table's number")


class BriefingLabelOptions(Section):
    """Words the writer prints itself."""

    figure = _label("Figuur", "Before a figure's number in its caption.")
    table = _label("Tabel", "Before a table's number in its caption.")
    page = _label("Pagina", 'Footer "Pagina 3", added when the footer has no page number.')
    date = _label("Datum", "The header line filled with the report date.")
    key_figures = _label("In cijfers:", "Above the key figures of a theme.")
    table_in_appendix = _label("De cijfers staan in tabel {number} in de bijlage.",
                               "Under a chart whose table is in the appendix; must contain {number}.")
    rules = (_table_label_has_number,)


DEFAULT_LABELS = {name: option.default for name, option in BriefingLabelOptions.fields().items()}
"""Words the writer prints itself; `briefing.labels.<key>` overrides one."""

DEFAULT_PICTURE_HEIGHT = {
    DocumentKind.RAADSINFORMATIEBRIEF: 0.35,
    DocumentKind.MEMO: 0.3,
    DocumentKind.RAPPORTAGE: 0.45,
    DocumentKind.SAMENVATTING: 0.35,
}
"""Largest picture height as a share of the text height; shrinking further makes chart text unreadable."""

@dataclass(frozen=True)
class StyleMapping:
    """A style name the user mapped to a role, with the template.yaml line it came from."""

    name: str
    line: int | None


@dataclass(frozen=True)
class BriefingSettings:
    """The validated `briefing:` section."""

    settings_path: Path | None = None
    styles: Mapping[str, StyleMapping] = field(default_factory=dict)
    headings: Mapping[DocumentKind, Mapping[str, str]] = field(default_factory=lambda: DEFAULT_HEADINGS)
    labels: Mapping[str, str] = field(default_factory=lambda: DEFAULT_LABELS)
    max_picture_height: Mapping[DocumentKind, float] = field(default_factory=lambda: DEFAULT_PICTURE_HEIGHT)
    """Largest picture height per document kind, as a share of the text area's height."""

    def headings_for(self, kind: DocumentKind) -> Mapping[str, str]:
        return self.headings[kind]


class PictureHeights(MappingOf):
    """One share of the text height for every document kind, or a mapping with one per kind."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Choice(DocumentKind), Number(minimum=0.1, maximum=1), default=DEFAULT_PICTURE_HEIGHT,
                         **kwargs)

    def parse(self, value: Any, place: Place) -> Any:
        if isinstance(value, dict):
            given = super().parse(value, place)
            return {**DEFAULT_PICTURE_HEIGHT, **{kind: float(share) for kind, share in given.items()}}
        share = self.value.parse(value, place)
        return {kind: float(share) for kind in DocumentKind}

    def describe(self) -> str:
        return f"{self.value.describe()}, or {super().describe()}"


class BriefingOptions(Section):
    """`briefing:` in template.yaml: how the briefing uses the styles of briefing.docx. Every option has a
    Dutch default, so an empty section gives a complete briefing."""

    styles = MappingOf(Choice(STYLE_ROLES), Located(Text(required=True, max_length=200)),
                       doc="Role -> style name in briefing.docx. Unmapped roles are found by Word's built-in "
                           'identity ("heading 1", "Kop 1", "Titel"); title, body, heading_1, heading_2, caption '
                           "and list_bullet must be found, the others fall back.")
    headings = HEADING_OPTIONS
    labels = BriefingLabelOptions(dict, doc="Words the writer prints itself.")
    max_picture_height = PictureHeights(doc="Largest picture height as a share of the text height; smaller "
                                            "makes chart text unreadable.")


def load_briefing_settings(section: LocatedDict, settings_path: Path | None) -> BriefingSettings:
    """The briefing settings from template.yaml's `briefing:` section, every problem reported at once."""
    return read_config(BriefingOptions(partial(_briefing_settings, settings_path)), section,
                       settings_path or Path("template.yaml"), "briefing")


def _briefing_settings(settings_path: Path | None, styles: dict, headings: dict, labels: dict,
                       max_picture_height: dict) -> BriefingSettings:
    return BriefingSettings(
        settings_path=settings_path,
        styles={role: StyleMapping(name, line) for role, (name, line) in styles.items()},
        headings={kind: {**defaults, **headings.get(kind, {})} for kind, defaults in DEFAULT_HEADINGS.items()},
        labels=labels,
        max_picture_height=dict(max_picture_height),
    )
