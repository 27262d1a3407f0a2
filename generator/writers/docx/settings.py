"""The `briefing:` section of template.yaml: style names per role, headings, captions.

Every option has a Dutch default, so an empty section gives a complete briefing; a bad
value is reported with its template.yaml line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from generator.errors import InputError, Problem, problem_at
from generator.report import DocumentKind
from generator.yaml_source import LocatedDict

STYLE_ROLES = (
    "title", "subtitle", "body", "heading_1", "heading_2", "heading_3", "heading_4",
    "caption", "source", "table_text", "list_bullet", "list_number", "quote", "note", "header_field",
    "toc_heading", "toc_1", "toc_2", "toc_3", "footer", "table", "strong",
)
"""Roles a briefing needs a style for; template.yaml `briefing.styles` maps them to names."""

DEFAULT_HEADINGS: dict[DocumentKind, dict[str, str]] = {
    DocumentKind.RAADSINFORMATIEBRIEF: {
        "key_messages": "Kernboodschap",
        "introduction": "Aanleiding",
        "results": "Resultaten",
        "method": "Over het onderzoek",
        "closing": "Vervolg",
        "appendix_figures": "Bijlage: grafieken en tabellen",
        "appendix_tables": "Bijlage: tabellen",
    },
    DocumentKind.MEMO: {
        "key_messages": "Kernboodschap",
        "introduction": "Aanleiding",
        "results": "Toelichting",
        "method": "Over het onderzoek",
        "closing": "Beslispunten",
        "appendix_figures": "Bijlage: grafieken en tabellen",
        "appendix_tables": "Bijlage: tabellen",
    },
    DocumentKind.RAPPORTAGE: {
        "key_messages": "Samenvatting",
        "introduction": "Inleiding",
        "method": "Onderzoeksopzet",
        "closing": "Vervolg",
        "contents": "Inhoud",
        "appendix_tables": "Bijlage: tabellen",
    },
    DocumentKind.SAMENVATTING: {
        "key_messages": "In het kort",
        "introduction": "Waarom dit onderzoek?",
        "method": "Over het onderzoek",
        "closing": "Hoe gaat het verder?",
        "appendix_tables": "Bijlage: tabellen",
    },
}
"""Section headings per document kind; `briefing.headings.<kind>.<key>` overrides one."""

DEFAULT_LABELS = {
    "figure": "Figuur",
    "table": "Tabel",
    "page": "Pagina",
    "date": "Datum",
    "key_figures": "In cijfers:",
    "table_in_appendix": "De cijfers staan in tabel {number} in de bijlage.",
}
"""Words the writer prints itself; `briefing.labels.<key>` overrides one."""

DEFAULT_PICTURE_HEIGHT = {
    DocumentKind.RAADSINFORMATIEBRIEF: 0.35,
    DocumentKind.MEMO: 0.3,
    DocumentKind.RAPPORTAGE: 0.45,
    DocumentKind.SAMENVATTING: 0.35,
}
"""Largest picture height as a share of the text height; shrinking further makes chart text unreadable."""

_TOP_LEVEL_KEYS = ("styles", "headings", "labels", "max_picture_height")


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


def load_briefing_settings(section: LocatedDict, settings_path: Path | None) -> BriefingSettings:
    """The briefing settings from template.yaml's `briefing:` section, every problem reported at once."""
    path = settings_path or Path("template.yaml")
    problems: list[Problem] = []

    def fail(message: str, mapping: Any, key: Any, field_name: str) -> None:
        line = mapping.line_of(key) if isinstance(mapping, LocatedDict) else None
        problems.append(problem_at(path, message, line, field_name))

    for key in section:
        if key not in _TOP_LEVEL_KEYS:
            fail(f"unknown setting; expected one of {', '.join(_TOP_LEVEL_KEYS)}", section, key, f"briefing.{key}")

    styles: dict[str, StyleMapping] = {}
    raw_styles = section.get("styles") or {}
    if not isinstance(raw_styles, dict):
        fail("must be a mapping of role: style name", section, "styles", "briefing.styles")
        raw_styles = {}
    for role, name in raw_styles.items():
        field_name = f"briefing.styles.{role}"
        if role not in STYLE_ROLES:
            fail(f"unknown style role; expected one of {', '.join(STYLE_ROLES)}", raw_styles, role, field_name)
        elif not isinstance(name, str) or not name.strip():
            fail("must be the name of a style in the briefing template", raw_styles, role, field_name)
        else:
            line = raw_styles.line_of(role) if isinstance(raw_styles, LocatedDict) else None
            styles[role] = StyleMapping(name.strip(), line)

    headings = {kind: dict(defaults) for kind, defaults in DEFAULT_HEADINGS.items()}
    raw_headings = section.get("headings") or {}
    if not isinstance(raw_headings, dict):
        fail("must be a mapping of document kind: headings", section, "headings", "briefing.headings")
        raw_headings = {}
    kinds = {kind.value: kind for kind in DocumentKind}
    for kind_name, overrides in raw_headings.items():
        field_name = f"briefing.headings.{kind_name}"
        if kind_name not in kinds:
            fail(f"unknown document kind; expected one of {', '.join(kinds)}", raw_headings, kind_name, field_name)
            continue
        if not isinstance(overrides, dict):
            fail("must be a mapping of part: heading text", raw_headings, kind_name, field_name)
            continue
        known = headings[kinds[kind_name]]
        for key, text in overrides.items():
            if key not in known:
                fail(f"unknown part; expected one of {', '.join(known)}", overrides, key, f"{field_name}.{key}")
            elif not isinstance(text, str) or not text.strip():
                fail("must be a non-empty heading text", overrides, key, f"{field_name}.{key}")
            else:
                known[key] = text.strip()

    labels = dict(DEFAULT_LABELS)
    raw_labels = section.get("labels") or {}
    if not isinstance(raw_labels, dict):
        fail("must be a mapping of label: text", section, "labels", "briefing.labels")
        raw_labels = {}
    for key, text in raw_labels.items():
        if key not in labels:
            fail(f"unknown label; expected one of {', '.join(labels)}", raw_labels, key, f"briefing.labels.{key}")
        elif not isinstance(text, str) or not text.strip():
            fail("must be a non-empty text", raw_labels, key, f"briefing.labels.{key}")
        elif key == "table_in_appendix" and "{number}" not in text:
            fail("must contain {number}, the table's number", raw_labels, key, f"briefing.labels.{key}")
        else:
            labels[key] = text.strip()

    picture_height = dict(DEFAULT_PICTURE_HEIGHT)
    raw_height = section.get("max_picture_height")
    if isinstance(raw_height, dict):
        for kind_name, share in raw_height.items():
            field_name = f"briefing.max_picture_height.{kind_name}"
            if kind_name not in kinds:
                fail(f"unknown document kind; expected one of {', '.join(kinds)}", raw_height, kind_name, field_name)
            elif not _is_share(share):
                fail(_SHARE_MESSAGE, raw_height, kind_name, field_name)
            else:
                picture_height[kinds[kind_name]] = float(share)
    elif raw_height is not None:
        if _is_share(raw_height):
            picture_height = {kind: float(raw_height) for kind in DocumentKind}
        else:
            fail(_SHARE_MESSAGE, section, "max_picture_height", "briefing.max_picture_height")

    if problems:
        raise InputError(problems)
    return BriefingSettings(settings_path, styles, headings, labels, picture_height)


_SHARE_MESSAGE = "must be a number between 0.1 and 1 (share of the text height), or one per document kind"


def _is_share(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0.1 <= value <= 1
