"""The look of every chart: colours, fonts and size, taken from the template's house style.

Colours and fonts come from the deck's theme, so charts match the slides they sit on; the
`charts:` section of template.yaml can override them. Whatever the source, every colour is
checked against the background (WCAG 2.1 AA) and darkened when it falls short.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.charts.contrast import (
    GRAPHICS_CONTRAST, TEXT_CONTRAST, ensure_contrast, lowest_contrast, mix, to_hex, to_rgb,
)
from generator.charts.glyphs import FALLBACK_FAMILY, installed_family
from generator.charts.theme import DeckTheme
from generator.config import Colour, Flag, ListOf, Number, Section, Text, read_config
from generator.config.options import QUOTE_HINT
from generator.notices import Notices
from generator.template_set import TemplateSet

DEFAULT_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
"""Okabe-Ito colours that reach 3:1 against white (its orange, sky blue and yellow do not)."""
DEFAULT_TEXT_COLOR = "#1A1A1A"
DEFAULT_BACKGROUND = "#FFFFFF"
DEFAULT_FONT_SIZE = 18.0
"""Labels at 18 pt in a 10-inch image stay about 13.5 pt when a deck shows the chart 7.5 inches
wide beside its text, and about 11 pt in a briefing 16 cm wide: readable projected and printed."""
DEFAULT_WIDTH_INCHES = 10.0
DEFAULT_DPI = 144
MIN_FONT_SIZE = 14.0
"""Smallest label size template.yaml may set; below it, text shrinks under ~11 pt on a slide."""

METRIC_SUBSTITUTES = {
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "calibri": "Carlito",
    "calibri light": "Carlito",
    "cambria": "Caladea",
    "times new roman": "Liberation Serif",
    "verdana": "DejaVu Sans",
}
"""Free fonts with the same letter widths as common Office fonts, used when those are missing."""
_UNUSABLE_CONTRAST = 1.3
"""Theme colours this close to the background (white or near-white accents) are skipped, not darkened."""


@dataclass(frozen=True)
class ChartStyle:
    """Resolved, accessible chart look; part of every chart's cache key."""

    palette: tuple[str, ...] = DEFAULT_PALETTE
    """Bar colours as "#RRGGBB", each at least 3:1 against the background; the first is the main one."""
    text_color: str = DEFAULT_TEXT_COLOR
    """Labels and values; at least 4.5:1 against the background."""
    muted_color: str = "#595959"
    """Notes and scale ticks; also at least 4.5:1."""
    background: str = DEFAULT_BACKGROUND
    """The colour behind the chart: the slide layout's fill, or the average of its gradient or picture."""
    transparent: bool = False
    """Drawn on no background, so the slide's picture or gradient shows through; colours still
    reach their contrast against every colour of that background."""
    font_family: str = FALLBACK_FAMILY
    """Body font (the theme's minor font), installed on this machine."""
    heading_font_family: str = FALLBACK_FAMILY
    """Font for big numbers and titles (the theme's major font), installed on this machine."""
    font_size: float = DEFAULT_FONT_SIZE
    """Label size in points at the image's own width."""
    width_inches: float = DEFAULT_WIDTH_INCHES
    dpi: int = DEFAULT_DPI
    """144 dpi: a 10-inch chart is 1440 px wide, 1:1 with a 1920 px projector showing it across
    three quarters of a 13.33-inch 16:9 slide, and about 230 ppi when printed 16 cm wide on A4,
    above the ~200 ppi at which print looks sharp. One point is exactly two pixels, so thin
    lines stay crisp."""
    show_title: bool = False
    """Print the question above the chart; off because slides and briefings carry their own title."""

    @property
    def accent(self) -> str:
        return self.palette[0]


def chart_style_for(template: TemplateSet) -> ChartStyle:
    """The chart style of a template set, for callers that tell the user nothing (checks, tests);
    the others use `chart_style_and_notices`."""
    return chart_style_and_notices(template)[0]


def chart_style_and_notices(template: TemplateSet) -> tuple[ChartStyle, Notices]:
    """The chart style of a template set (theme colours and fonts, then template.yaml overrides), and
    what the user should know about it: fonts not installed, colours darkened for contrast."""
    notices = Notices()
    settings = _validated_settings(template)
    theme = template.theme or DeckTheme()
    backgrounds, transparent = _backgrounds(settings, theme)
    background = _average(backgrounds)
    wanted_text = settings.get("text_color") or theme.dark or DEFAULT_TEXT_COLOR
    text_color = ensure_contrast(wanted_text, backgrounds, TEXT_CONTRAST)
    muted = ensure_contrast(mix(text_color, background, 0.3), backgrounds, TEXT_CONTRAST + 0.5)
    palette = _accessible_palette(settings.get("colors") or theme.accents, backgrounds)
    if "colors" in settings:
        notices.extend(_adjusted_color_notices(settings["colors"], palette, backgrounds))
    body = settings.get("font") or theme.minor_font
    heading = settings.get("heading_font") or theme.major_font or body
    return ChartStyle(
        palette=palette,
        text_color=text_color,
        muted_color=muted,
        background=background,
        transparent=transparent,
        font_family=resolve_font(body, notices),
        heading_font_family=resolve_font(heading, notices),
        font_size=float(settings.get("font_size", DEFAULT_FONT_SIZE)),
        width_inches=float(settings.get("width", DEFAULT_WIDTH_INCHES)),
        dpi=int(settings.get("dpi", DEFAULT_DPI)),
        show_title=bool(settings.get("show_title", False)),
    ), notices


def _backgrounds(settings: dict[str, Any], theme: DeckTheme) -> tuple[tuple[str, ...], bool]:
    """The colours charts sit on and whether to draw them on no background.

    A colour set in template.yaml wins; else the background of the deck's chart layouts (a
    solid fill is painted, a picture or gradient left to show through); else the theme's light 1.
    """
    if settings.get("background"):
        return (settings["background"],), False
    found = theme.chart_background
    if found is not None and found.colors:
        return found.colors, found.transparent
    fallback = (theme.light or DEFAULT_BACKGROUND,)
    return fallback, found is not None and found.transparent


def _average(colors: tuple[str, ...]) -> str:
    """The mean of `colors`, for tints mixed towards the background."""
    channels = [to_rgb(color) for color in colors]
    return to_hex(tuple(sum(values) / len(values) for values in zip(*channels)))


def resolve_font(requested: str | None, notices: Notices | None = None) -> str:
    """An installed family for `requested`: itself, a metric twin, or DejaVu Sans (said in `notices`)."""
    if not requested:
        return FALLBACK_FAMILY
    found = installed_family(requested)
    if found:
        return found
    substitute = installed_family(METRIC_SUBSTITUTES.get(requested.strip().lower(), "")) or FALLBACK_FAMILY
    if notices is not None:
        notices.add(f"warning: font {requested!r} from the template is not installed; charts use "
                    f"{substitute!r} instead. Install {requested!r} for charts that match the deck.")
    return substitute


def _accessible_palette(colors: tuple[str, ...] | list[str], background: tuple[str, ...]) -> tuple[str, ...]:
    """`colors` darkened where needed to reach 3:1, near-background ones skipped; defaults if none remain."""
    usable = []
    for color in colors:
        if lowest_contrast(color, background) < _UNUSABLE_CONTRAST:
            continue
        shade = ensure_contrast(color, background, GRAPHICS_CONTRAST)
        if shade not in usable:
            usable.append(shade)
    if usable:
        return tuple(usable)
    return tuple(ensure_contrast(color, background, GRAPHICS_CONTRAST) for color in DEFAULT_PALETTE)


def _adjusted_color_notices(wanted: tuple[str, ...], used: tuple[str, ...], background: tuple[str, ...]) -> list[str]:
    """Which colours set in template.yaml charts could not use as given, and why."""
    return [f"warning: chart colour {color} has contrast {lowest_contrast(color, background):.1f}:1 against the "
            f"background {' / '.join(background)}; "
            f"bars need 3:1 (WCAG 1.4.11), so charts use a darker shade or skip it."
            for color in dict.fromkeys(wanted) if color not in used]


_NO_COLOUR = "no colour given " + QUOTE_HINT
"""What an empty colour field usually means: an unquoted "#1F4E79" read as a YAML comment."""


class ChartOptions(Section):
    """`charts:` in template.yaml: the look of every chart. Colours and fonts default to those of deck.pptx's
    theme; colours that miss WCAG contrast against the background are darkened automatically."""

    colors = ListOf(Colour(null_problem=_NO_COLOUR), min_items=1, default=None, null_problem=_NO_COLOUR,
                    doc='Bar colours, the first one main, e.g. ["#1F4E79", "#C00000"] (default: the theme\'s accents).')
    text_color = Colour(null_problem=_NO_COLOUR, doc="Labels and values (default: the theme's dark 1 colour).")
    background = Colour(null_problem=_NO_COLOUR,
                        doc="Chart background (default: the background of the deck's chart layouts; transparent "
                            "on a picture or gradient).")
    font = Text(allow_empty=False, max_length=200, doc="Font for labels (default: the theme's body font).")
    heading_font = Text(allow_empty=False, max_length=200,
                        doc="Font for big numbers and titles (default: the theme's heading font).")
    font_size = Number(minimum=MIN_FONT_SIZE, maximum=32, unit=" pt",
                       doc=f"Label size in points at the chart's own width (default {DEFAULT_FONT_SIZE:g}).")
    width = Number(minimum=4, maximum=20, unit=" inches",
                   doc=f"Chart width in inches (default {DEFAULT_WIDTH_INCHES:g}); slides and pages scale it to fit.")
    dpi = Number(minimum=72, maximum=600, doc=f"PNG resolution in dots per inch (default {DEFAULT_DPI}).")
    show_title = Flag(doc="Print the question above the chart (default false: slides and briefings carry their "
                          "own title).")


def _validated_settings(template: TemplateSet) -> dict[str, Any]:
    """The settings given in the `charts:` section of template.yaml, checked; every problem reported with its line."""
    return read_config(ChartOptions(_given_settings), template.section("charts"),
                       template.settings_path or template.directory, "charts")


def _given_settings(**values: Any) -> dict[str, Any]:
    """The settings template.yaml gives, colours as "#RRGGBB"; absent ones are left out, so the theme's apply."""
    settings = {key: value for key, value in values.items() if value is not None}
    for key in ("text_color", "background"):
        if key in settings:
            settings[key] = f"#{settings[key]}"
    if "colors" in settings:
        settings["colors"] = tuple(f"#{color}" for color in settings["colors"])
    return settings
