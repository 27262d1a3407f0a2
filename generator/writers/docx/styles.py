"""Finds the template's style for each role by built-in identity, not by display name.

python-docx looks styles up by English name and raises KeyError on a Dutch template, where
Word or LibreOffice may store "Kop 1", "Titel" or "Bijschrift" instead of "heading 1",
"Title" or "caption". A role is matched, in order, by the name mapped in template.yaml,
the built-in name or style id, known Dutch and German names, and by what the style is: the
default paragraph style for body text, the outline level for headings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle, StyleFactory

from generator.errors import InputError, problem_at
from generator.writers.docx.settings import BriefingSettings

PARAGRAPH, CHARACTER, TABLE = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE


@dataclass(frozen=True)
class RoleSpec:
    """How to recognise the style for one role, and what to use when a template lacks it."""

    names: tuple[str, ...]
    """Built-in (English) names and ids, then localized and house names, compared case-blind."""
    style_type: WD_STYLE_TYPE = PARAGRAPH
    fallback: str | None = None
    required: bool = False
    outline_level: int | None = None
    default_style: bool = False
    """Also found as the template's default paragraph style (w:default="1"), whatever its name."""


def _heading(level: int, required: bool) -> RoleSpec:
    return RoleSpec((f"heading {level}", f"Heading{level}", f"Kop {level}", f"Kop{level}"),
                    required=required, outline_level=level - 1)


ROLE_SPECS: dict[str, RoleSpec] = {
    "body": RoleSpec(("Normal", "Standaard", "Standard"), required=True, default_style=True),
    "title": RoleSpec(("Title", "Titel"), required=True),
    "subtitle": RoleSpec(("Subtitle", "Ondertitel", "Untertitel"), fallback="body"),
    "heading_1": _heading(1, True),
    "heading_2": _heading(2, True),
    "heading_3": _heading(3, False),
    "heading_4": _heading(4, False),
    "caption": RoleSpec(("caption", "Bijschrift", "Beschriftung"), required=True),
    "source": RoleSpec(("Bron", "Bronvermelding", "Source"), fallback="caption"),
    "table_text": RoleSpec(("Tabeltekst", "Table Text", "TableText"), fallback="body"),
    "list_bullet": RoleSpec(("List Bullet", "ListBullet", "Lijstopsommingsteken", "Aufzählungszeichen"),
                            fallback="body"),
    "list_number": RoleSpec(("List Number", "ListNumber", "Lijstnummering", "Listennummer"), fallback="list_bullet"),
    "quote": RoleSpec(("Quote", "Citaat", "Zitat"), fallback="body"),
    "note": RoleSpec(("Noot", "Note"), fallback="body"),
    "header_field": RoleSpec(("Briefhoofd", "Memo Header", "Message Header", "Berichtkop"), fallback="body"),
    "toc_heading": RoleSpec(("TOC Heading", "TOCHeading", "Kop van inhoudsopgave", "Inhaltsverzeichnisüberschrift"),
                            fallback="heading_1"),
    "toc_1": RoleSpec(("toc 1", "TOC1", "Inhopg 1", "Inhopg1"), fallback="body"),
    "toc_2": RoleSpec(("toc 2", "TOC2", "Inhopg 2", "Inhopg2"), fallback="toc_1"),
    "toc_3": RoleSpec(("toc 3", "TOC3", "Inhopg 3", "Inhopg3"), fallback="toc_2"),
    "footer": RoleSpec(("footer", "Voettekst", "Fußzeile"), fallback="body"),
    "table": RoleSpec(("Barometer tabel", "Table Grid", "TableGrid", "Tabelraster", "Tabellenraster"), style_type=TABLE),
    "strong": RoleSpec(("Strong", "Zwaar", "Fett"), style_type=CHARACTER),
}

_TYPE_NAMES = {PARAGRAPH: "paragraph", CHARACTER: "character", TABLE: "table"}


@dataclass(frozen=True)
class BriefingStyles:
    """The template's style for every role (None where a template lacks an optional one)."""

    by_role: Mapping[str, object]

    def __getitem__(self, role: str):
        return self.by_role[role]

    @property
    def max_heading_level(self) -> int:
        level = 2
        while f"heading_{level + 1}" in self.by_role and self.by_role[f"heading_{level + 1}"] is not None:
            level += 1
        return level

    def heading(self, level: int):
        return self.by_role[f"heading_{min(level, self.max_heading_level)}"]


def resolve_styles(document, settings: BriefingSettings, template_path: Path) -> BriefingStyles:
    """Each role's style in `document`; one InputError naming every required style that is missing."""
    candidates = _style_index(document)
    found: dict[str, object] = {}
    problems = []
    for role, spec in ROLE_SPECS.items():
        mapping = settings.styles.get(role)
        if mapping is not None:
            style = _by_name(candidates, mapping.name, spec.style_type)
            if style is None and mapping.name.lower() in {name.lower() for name in spec.names}:
                style = _by_identity(document, candidates, spec)
            if style is None:
                available = ", ".join(sorted(_names_of_type(document, spec.style_type)))
                problems.append(problem_at(
                    settings.settings_path or template_path,
                    f"style {mapping.name!r} ({_TYPE_NAMES[spec.style_type]} style) not found in "
                    f"{template_path.name}; its {_TYPE_NAMES[spec.style_type]} styles are: {available}",
                    mapping.line, f"briefing.styles.{role}"))
                continue
        else:
            style = _by_identity(document, candidates, spec)
        found[role] = style
    for role, spec in ROLE_SPECS.items():
        if role in found and found[role] is None and spec.required:
            expected = ", ".join(repr(name) for name in spec.names)
            problems.append(problem_at(
                template_path,
                f"required {_TYPE_NAMES[spec.style_type]} style for role {role!r} not found (looked for "
                f"{expected}); add it to the template or map it in template.yaml under briefing.styles.{role}",
                None, f"briefing.styles.{role}"))
    if problems:
        raise InputError(problems)
    for role, spec in ROLE_SPECS.items():
        fallback = spec.fallback
        while found[role] is None and fallback is not None:
            found[role] = found[fallback]
            fallback = ROLE_SPECS[fallback].fallback
    return BriefingStyles(found)


def remember_style_ids(document) -> None:
    """Give `document` a style-id lookup that finds each type's default style once.

    python-docx resolves every `paragraph.style = ...` by scanning all styles for the default one
    (the default style is written as no style id); on a long briefing that scan was most of the
    writing time. Names, None and styles of the wrong type still go through python-docx itself."""
    part = document.part
    lookup = part.get_style_id
    defaults: dict[WD_STYLE_TYPE, object] = {}

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, BaseStyle) or style_or_name.type != style_type:
            return lookup(style_or_name, style_type)
        if style_type not in defaults:
            default = document.styles.default(style_type)
            defaults[style_type] = default.element if default is not None else None
        return None if style_or_name.element is defaults[style_type] else style_or_name.style_id

    part.get_style_id = get_style_id


def _style_index(document) -> list[tuple[frozenset[str], object]]:
    """Every style element with the set of lower-case names it answers to (name, id, aliases).

    Read from the XML directly: python-docx would build a style object, and parse its type, for
    each of the hundreds of styles a house template holds."""
    index = []
    for element in document.styles.element.iterchildren(qn("w:style")):
        name = element.find(qn("w:name"))
        keys = {(name.get(qn("w:val")) or "").lower() if name is not None else "",
                (element.get(qn("w:styleId")) or "").lower()}
        aliases = element.find(qn("w:aliases"))
        if aliases is not None:
            keys |= {alias.strip().lower() for alias in (aliases.get(qn("w:val")) or "").split(",")}
        keys.discard("")
        index.append((frozenset(keys), element))
    return index


def _by_name(index, name: str, style_type) -> object | None:
    wanted = name.lower()
    for keys, element in index:
        if wanted in keys:
            style = StyleFactory(element)
            if style.type == style_type:
                return style
    return None


def _by_identity(document, index, spec: RoleSpec) -> object | None:
    for name in spec.names:
        style = _by_name(index, name, spec.style_type)
        if style is not None:
            return style
    if spec.default_style:
        for style in document.styles:
            if style.type == spec.style_type and style.element.get(qn("w:default")) in ("1", "true", "on"):
                return style
    if spec.outline_level is not None:
        for style in document.styles:
            if style.type == PARAGRAPH and _outline_level(style) == spec.outline_level:
                return style
    return None


def _outline_level(style) -> int | None:
    level = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    return int(level.get(qn("w:val"))) if level is not None else None


def _names_of_type(document, style_type) -> list[str]:
    return [style.name for style in document.styles if style.type == style_type and style.name]
