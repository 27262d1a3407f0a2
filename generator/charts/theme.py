"""The house style stored in a PowerPoint template: theme colors, fonts and slide backgrounds.

A .pptx keeps the color scheme and the heading ("major") and body ("minor") fonts in the
theme part of its first slide master, usually `ppt/theme/theme1.xml`, and each layout's
background in its `p:bg` (or its master's). Reading them lets charts match the slides they
sit on without anyone copying color codes by hand. A template set reads its deck's theme once,
when it is loaded (`template_theme`); charts get it from there as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from generator.charts.contrast import mix, parse_hex, to_hex, to_rgb
from generator.writers.ooxml import NAMESPACES as _NS
from generator.writers.ooxml import OfficePackage, read_package

if TYPE_CHECKING:
    from generator.template_set import TemplateSet

MAIN_PART = "ppt/presentation.xml"
_FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
_COLOR_MAP_DEFAULT = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_PRESET_COLORS = {"white": "#FFFFFF", "black": "#000000"}


@dataclass(frozen=True)
class Background:
    """What a slide shows behind its content, as far as charts need to know."""

    colors: tuple[str, ...]
    """The colours charts must contrast with: the fill, a gradient's stops, a picture's average."""
    transparent: bool = False
    """A picture, gradient or pattern: charts are drawn on no background so it shows through."""


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
    chart_background: Background | None = None
    """What the slides that carry charts show behind them; None when the deck does not say."""


def template_theme(template: TemplateSet) -> DeckTheme:
    """The theme of a template set's deck, with the background of the layouts its charts are placed on."""
    from generator.writers.pptx.template import chart_layout_parts

    if template.deck is None:
        return DeckTheme()
    return read_deck_theme(template.deck, chart_layout_parts(template))


def read_deck_theme(deck: Path, chart_layouts: tuple[str, ...] = ()) -> DeckTheme:
    """The theme of `deck` (.pptx/.potx), checked part by part before it is read.

    `chart_layouts` names the layout parts charts are placed on; their background (or their
    master's) becomes `chart_background`.
    """
    package = read_package(deck, MAIN_PART)
    masters = package.related(MAIN_PART, "/slideMaster")
    themes = package.related(masters[0], "/theme") if masters else ()
    if not themes:
        return DeckTheme()
    theme = theme_from_xml(package.xml[themes[0]])
    backgrounds = [background_of(package, layout) for layout in chart_layouts if layout in package.xml]
    if not chart_layouts and masters:
        backgrounds = [background_of(package, masters[0])]
    known = [background for background in backgrounds if background is not None]
    return DeckTheme(theme.accents, theme.dark, theme.light, theme.major_font, theme.minor_font,
                     _combined(known) if known else None)


def _combined(backgrounds: list[Background]) -> Background:
    """One background for charts shown on several layouts: transparent unless all are the same solid colour."""
    if len(set(backgrounds)) == 1:
        return backgrounds[0]
    colors = tuple(dict.fromkeys(color for background in backgrounds for color in background.colors))
    return Background(colors=colors, transparent=True)


def background_of(package: OfficePackage, part: str) -> Background | None:
    """The background of a layout (or master) part, falling back to its master's; None if unknown."""
    element = package.xml[part].find("p:cSld/p:bg", _NS)
    masters = package.related(part, "/slideMaster")
    master = masters[0] if masters else part
    if element is None:
        return background_of(package, master) if master != part else None
    themes = package.related(master, "/theme")
    theme = package.xml[themes[0]] if themes else None
    colors = _Colors(theme, package.xml[master].find("p:clrMap", _NS))
    properties = element.find("p:bgPr", _NS)
    if properties is not None:
        return _fill_background(package, part, _first_fill(properties), colors, None)
    reference = element.find("p:bgRef", _NS)
    if reference is None or theme is None:
        return None
    index = int(reference.get("idx", "0") or 0) if (reference.get("idx") or "").isdigit() else 0
    styles = theme.find("a:themeElements/a:fmtScheme/a:bgFillStyleLst", _NS)
    fills = [child for child in styles if etree.QName(child).localname in _FILLS] if styles is not None else []
    if not 1001 <= index < 1001 + len(fills):
        return None
    return _fill_background(package, themes[0], fills[index - 1001], colors, colors.of(reference))


class _Colors:
    """Resolves DrawingML colour elements against a theme's colour scheme and a master's colour map."""

    def __init__(self, theme: etree._Element | None, color_map: etree._Element | None) -> None:
        self.scheme = theme.find("a:themeElements/a:clrScheme", _NS) if theme is not None else None
        self.map = dict(_COLOR_MAP_DEFAULT)
        if color_map is not None:
            self.map.update({key: value for key, value in color_map.attrib.items() if key in self.map})

    def of(self, holder: etree._Element | None, placeholder: str | None = None) -> str | None:
        """The colour of the first colour element inside `holder`, with its tint/shade/lum changes."""
        if holder is None:
            return None
        for child in holder:
            kind = etree.QName(child).localname
            base = None
            if kind == "srgbClr":
                base = parse_hex(child.get("val", ""))
            elif kind == "sysClr":
                base = parse_hex(child.get("lastClr", ""))
            elif kind == "prstClr":
                base = _PRESET_COLORS.get(child.get("val", ""))
            elif kind == "schemeClr":
                name = child.get("val", "")
                if name == "phClr":
                    base = placeholder
                elif self.scheme is not None:
                    base = _scheme_color(self.scheme, self.map.get(name, name))
            else:
                continue
            return _transformed(base, child) if base else None
        return None


def _first_fill(properties: etree._Element) -> etree._Element | None:
    return next((child for child in properties if etree.QName(child).localname in _FILLS), None)


def _fill_background(package: OfficePackage, part: str, fill: etree._Element | None, colors: _Colors,
                     placeholder: str | None) -> Background | None:
    kind = etree.QName(fill).localname if fill is not None else "noFill"
    if kind == "solidFill":
        color = colors.of(fill, placeholder)
        return Background((color,)) if color else None
    if kind == "gradFill":
        stops = tuple(color for color in (colors.of(stop, placeholder) for stop in fill.findall("a:gsLst/a:gs", _NS))
                      if color)
        return Background(stops or (), transparent=True)
    if kind == "pattFill":
        pattern = tuple(color for color in (colors.of(fill.find(f"a:{which}", _NS), placeholder)
                                            for which in ("fgClr", "bgClr")) if color)
        return Background(pattern, transparent=True)
    if kind == "blipFill":
        average = _picture_average(package, part, fill.find("a:blip", _NS))
        return Background((average,) if average else (), transparent=True)
    return None


def _picture_average(package: OfficePackage, part: str, blip: etree._Element | None) -> str | None:
    """The mean colour of a background picture, what chart text will mostly sit on."""
    if blip is None:
        return None
    target = package.target(part, blip.get(f"{{{_NS['r']}}}embed", ""))
    if target is None:
        return None
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(package.parts[target])) as image:
            image.draft("RGB", (64, 64))
            pixel = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    return to_hex(pixel)


def _transformed(color: str, element: etree._Element) -> str:
    """`color` after DrawingML's lumMod/lumOff (in HSL), tint (towards white) and shade (towards black)."""
    import colorsys

    for change in element:
        kind = etree.QName(change).localname
        try:
            amount = int(change.get("val", "100000")) / 100000
        except ValueError:
            continue
        if kind in ("lumMod", "lumOff"):
            red, green, blue = (channel / 255 for channel in to_rgb(color))
            hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
            lightness = lightness * amount if kind == "lumMod" else lightness + amount
            rgb = colorsys.hls_to_rgb(hue, max(0.0, min(1.0, lightness)), saturation)
            color = to_hex(tuple(channel * 255 for channel in rgb))
        elif kind == "tint":
            color = mix(color, "#FFFFFF", 1 - amount)
        elif kind == "shade":
            color = mix(color, "#000000", 1 - amount)
    return color


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
