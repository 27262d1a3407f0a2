"""Text colours as Office stores them (theme slots, tints, luminance changes) resolved to RGB.

The contrast itself is generator/charts/contrast.py's; this module only finds the two colours.
"""

from __future__ import annotations

import colorsys
import re

from generator.charts.contrast import GRAPHICS_CONTRAST, TEXT_CONTRAST, contrast_ratio, parse_hex, to_hex, to_rgb
from generator.checks.package import NS

WHITE = "#FFFFFF"
LARGE_TEXT_POINTS = 18.0
LARGE_BOLD_TEXT_POINTS = 14.0
DEFAULT_COLOR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_HEX_BYTE = re.compile(r"^[0-9A-Fa-f]{2}$")
WORD_THEME_NAMES = {"text1": "dk1", "text2": "dk2", "background1": "lt1", "background2": "lt2",
                    "dark1": "dk1", "dark2": "dk2", "light1": "lt1", "light2": "lt2",
                    "hyperlink": "hlink", "followedHyperlink": "folHlink"}


def theme_colors(theme) -> dict[str, str]:
    """Theme slot ("dk1", "accent1", ...) -> "#RRGGBB", from a theme part's colour scheme."""
    colors = {}
    scheme = theme.find(".//a:clrScheme", NS) if theme is not None else None
    for slot in scheme if scheme is not None else ():
        if not isinstance(slot.tag, str):
            continue
        value = slot.find("a:srgbClr", NS)
        system = slot.find("a:sysClr", NS)
        color = parse_hex(value.get("val", "")) if value is not None else None
        if color is None and system is not None:
            color = parse_hex(system.get("lastClr", "")) or ("#000000" if system.get("val") == "windowText" else WHITE)
        if color:
            colors[slot.tag.rsplit("}", 1)[-1]] = color
    return colors


def drawing_color(element, theme: dict[str, str], color_map: dict[str, str]) -> str | None:
    """The colour of a DrawingML colour element's first child (srgbClr, schemeClr, sysClr), or None."""
    if element is None:
        return None
    for child in element:
        name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if name == "srgbClr":
            base = parse_hex(child.get("val", ""))
        elif name == "schemeClr":
            slot = child.get("val", "")
            base = theme.get(color_map.get(slot, DEFAULT_COLOR_MAP.get(slot, slot)))
        elif name == "sysClr":
            base = parse_hex(child.get("lastClr", ""))
        else:
            continue
        return _modified(base, child) if base else None
    return None


def _modified(color: str, element) -> str:
    """`color` after the lumMod/lumOff/tint/shade children of `element`."""
    for child in element:
        name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        try:
            amount = int(child.get("val", "100000")) / 100000
        except ValueError:
            continue
        red, green, blue = (channel / 255 for channel in to_rgb(color))
        hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
        if name == "lumMod":
            lightness *= amount
        elif name == "lumOff":
            lightness += amount
        elif name == "tint":
            red, green, blue = (1 - (1 - value) * amount for value in (red, green, blue))
            color = to_hex((red * 255, green * 255, blue * 255))
            continue
        elif name == "shade":
            color = to_hex((red * 255 * amount, green * 255 * amount, blue * 255 * amount))
            continue
        else:
            continue
        red, green, blue = colorsys.hls_to_rgb(hue, min(1.0, max(0.0, lightness)), saturation)
        color = to_hex((red * 255, green * 255, blue * 255))
    return color


def word_color(value: str | None, theme_name: str | None, tint: str | None, shade: str | None,
               theme: dict[str, str]) -> str | None:
    """A WordprocessingML colour (w:color or w:shd attributes) as "#RRGGBB"; None for auto or unknown."""
    color = theme.get(WORD_THEME_NAMES.get(theme_name, theme_name)) if theme_name else None
    color = color or (parse_hex(value) if value and value != "auto" else None)
    if color is None:
        return None
    red, green, blue = to_rgb(color)
    if tint and _HEX_BYTE.match(tint):
        share = int(tint, 16) / 255
        red, green, blue = (255 - (255 - channel) * share for channel in (red, green, blue))
    if shade and _HEX_BYTE.match(shade):
        share = int(shade, 16) / 255
        red, green, blue = (channel * share for channel in (red, green, blue))
    return to_hex((red, green, blue))


def required_contrast(points: float, bold: bool) -> float:
    """WCAG 1.4.3: 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold)."""
    large = points >= LARGE_TEXT_POINTS or (bold and points >= LARGE_BOLD_TEXT_POINTS)
    return GRAPHICS_CONTRAST if large else TEXT_CONTRAST


def contrast_problem(text: str, color: str, background: str, points: float, bold: bool) -> str | None:
    """A message when `color` on `background` misses the contrast `text` needs, else None."""
    minimum = required_contrast(points, bold)
    ratio = contrast_ratio(color, background)
    if ratio + 1e-9 >= minimum:
        return None
    excerpt = text.strip()[:40]
    return (f"text {excerpt!r} in {color} on {background} has contrast {ratio:.2f}:1, "
            f"needs {minimum:g}:1 at {points:g} pt")
