"""The house style stored in a PowerPoint template: its theme's accent colors and fonts.

A .pptx keeps the color scheme and the heading ("major") and body ("minor") fonts in the
theme part of its first slide master, usually `ppt/theme/theme1.xml`. Reading them lets
charts match the deck without anyone copying color codes by hand.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.charts.contrast import parse_hex
from generator.errors import InputError, problem_at
from generator.office_safety import check_office_file

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_DEFAULT_THEME_PART = "ppt/theme/theme1.xml"
_MAX_THEME_BYTES = 5 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


@dataclass(frozen=True)
class DeckTheme:
    """What a deck's theme says about colors and fonts; None where it says nothing usable."""

    accents: tuple[str, ...] = ()
    """accent1..accent6 as "#RRGGBB", in theme order."""
    dark: str | None = None
    """dk1: the theme's main text color."""
    light: str | None = None
    """lt1: the theme's main background color."""
    major_font: str | None = None
    minor_font: str | None = None


def read_deck_theme(deck: Path) -> DeckTheme:
    """The theme of `deck` (.pptx/.potx), checked for safety before it is opened."""
    check_office_file(deck, "ppt/presentation.xml")
    try:
        with zipfile.ZipFile(deck) as archive:
            names = set(archive.namelist())
            part = _theme_part(archive, names)
            if part is None:
                return DeckTheme()
            if archive.getinfo(part).file_size > _MAX_THEME_BYTES:
                raise InputError(problem_at(deck, f"theme part {part} is too large"))
            root = etree.fromstring(archive.read(part), _PARSER)
    except etree.XMLSyntaxError as error:
        raise InputError(problem_at(deck, f"damaged theme in template: {error}")) from None
    return theme_from_xml(root)


def theme_from_xml(root: etree._Element) -> DeckTheme:
    """A `DeckTheme` from a parsed `a:theme` element."""
    scheme = root.find("a:themeElements/a:clrScheme", _NS)
    accents: list[str] = []
    dark = light = None
    if scheme is not None:
        accents = [color for color in (_scheme_color(scheme, f"accent{index}") for index in range(1, 7)) if color]
        dark = _scheme_color(scheme, "dk1")
        light = _scheme_color(scheme, "lt1")
    fonts = root.find("a:themeElements/a:fontScheme", _NS)
    return DeckTheme(
        accents=tuple(accents),
        dark=dark,
        light=light,
        major_font=_latin_typeface(fonts, "majorFont"),
        minor_font=_latin_typeface(fonts, "minorFont"),
    )


def _theme_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """The theme part of the first slide master, found through the relationships."""
    master = _related_part(archive, names, "ppt/presentation.xml", "/slideMaster")
    theme = _related_part(archive, names, master, "/theme") if master else None
    if theme:
        return theme
    return _DEFAULT_THEME_PART if _DEFAULT_THEME_PART in names else None


def _related_part(archive: zipfile.ZipFile, names: set[str], source: str, type_suffix: str) -> str | None:
    folder, file_name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", file_name + ".rels")
    if rels not in names:
        return None
    try:
        root = etree.fromstring(archive.read(rels), _PARSER)
    except etree.XMLSyntaxError:
        return None
    for relationship in root.findall("r:Relationship", _NS):
        if relationship.get("Type", "").endswith(type_suffix):
            target = relationship.get("Target", "")
            part = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            return part if part in names else None
    return None


def _scheme_color(scheme: etree._Element, name: str) -> str | None:
    element = scheme.find(f"a:{name}", _NS)
    if element is None:
        return None
    srgb = element.find("a:srgbClr", _NS)
    if srgb is not None:
        return parse_hex(srgb.get("val", ""))
    system = element.find("a:sysClr", _NS)
    if system is not None:
        return parse_hex(system.get("lastClr", ""))
    return None


def _latin_typeface(fonts: etree._Element | None, which: str) -> str | None:
    if fonts is None:
        return None
    latin = fonts.find(f"a:{which}/a:latin", _NS)
    typeface = (latin.get("typeface") or "").strip() if latin is not None else ""
    return typeface or None
