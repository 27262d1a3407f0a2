"""Color arithmetic for accessible charts: WCAG 2.1 contrast, mixing and darkening.

Charts must meet WCAG 1.4.3 (text 4.5:1) and 1.4.11 (graphics 3:1) against the color
behind them, so every color a chart uses passes through here.
"""

from __future__ import annotations

import re

TEXT_CONTRAST = 4.5
"""WCAG 2.1 AA minimum for normal-size text (1.4.3)."""
GRAPHICS_CONTRAST = 3.0
"""WCAG 2.1 AA minimum for bars, markers and other meaningful graphics (1.4.11)."""

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def parse_hex(text: str) -> str | None:
    """"1f4e79" or "#1F4E79" -> "#1F4E79"; None when `text` is not a 6-digit hex color."""
    match = _HEX.match(text.strip()) if isinstance(text, str) else None
    return f"#{match.group(1).upper()}" if match else None


def to_rgb(color: str) -> tuple[int, int, int]:
    """"#1F4E79" -> (31, 78, 121)."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(channel))):02X}" for channel in rgb)


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB color, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in to_rgb(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio between two colors, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(color: str, other: str, share_of_other: float) -> str:
    """`color` blended with `share_of_other` (0-1) of `other`, e.g. a tint towards white."""
    return to_hex(tuple(a + (b - a) * share_of_other for a, b in zip(to_rgb(color), to_rgb(other))))


def lowest_contrast(color: str, backgrounds: str | tuple[str, ...]) -> float:
    """The contrast of `color` against the least contrasting of `backgrounds` (one colour or several)."""
    backgrounds = (backgrounds,) if isinstance(backgrounds, str) else backgrounds
    return min(contrast_ratio(color, background) for background in backgrounds)


def ensure_contrast(color: str, background: str | tuple[str, ...], minimum: float) -> str:
    """`color` itself if it reaches `minimum` against `background`, else the nearest shade that does.

    The shade keeps the hue and moves towards black on a light background (towards white on
    a dark one), so a too-light brand color becomes a darker tone of the same color. With
    several backgrounds (a gradient's stops) the shade must pass against each; when none
    can, the shade that comes closest is used.
    """
    backgrounds = (background,) if isinstance(background, str) else tuple(background)
    if lowest_contrast(color, backgrounds) >= minimum:
        return color
    luminance = sum(relative_luminance(item) for item in backgrounds) / len(backgrounds)
    target = "#000000" if luminance > 0.18 else "#FFFFFF"
    shades = [mix(color, target, step / 100) for step in range(1, 101)]
    for shade in shades:
        if lowest_contrast(shade, backgrounds) >= minimum:
            return shade
    return max(shades, key=lambda shade: lowest_contrast(shade, backgrounds))


def readable_on(fill: str, candidates: tuple[str, ...]) -> str:
    """The candidate text color with the highest contrast against `fill`."""
    return max(candidates, key=lambda candidate: contrast_ratio(candidate, fill))
