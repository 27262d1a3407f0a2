"""A chart as plain geometry: boxes and lines of text in points, before any drawing library.

Each chart kind lays out a `Drawing`; `render` alone turns it into pixels or SVG. Keeping the
layout as data lets tests check what a reader would check: every value printed, nothing
overlapping or cut off, every colour readable against what lies behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.charts import glyphs
from generator.charts.style import ChartStyle

LINE_SPACING = 1.25
"""Line height as a multiple of the font size."""


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Box:
    """A filled rectangle: a bar, a heat-table cell or a scale track. y grows downwards."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    hatch_color: str | None = None
    """Stripes across the box in this colour: the mark of an approximate value."""
    meaningful: bool = True
    """False for backgrounds and tracks, which need no 3:1 contrast."""


@dataclass(frozen=True)
class Stroke:
    """A line through points: a trend line. y grows downwards."""

    points: tuple[tuple[float, float], ...]
    color: str
    width: float
    dashed: bool = False


@dataclass(frozen=True)
class TextLine:
    """One line of text; `x` is its left edge, `top` the top of its line box."""

    x: float
    top: float
    text: str
    size: float
    color: str
    font_file: str
    width: float
    behind: str
    """The colour the text sits on, for the contrast check."""

    @property
    def height(self) -> float:
        return self.size * LINE_SPACING

    @property
    def baseline(self) -> float:
        leading = (self.height - self.size * (glyphs.ascent(self.font_file) + glyphs.descent(self.font_file))) / 2
        return self.top + leading + self.size * glyphs.ascent(self.font_file)


@dataclass(frozen=True)
class Drawing:
    """Everything one chart image shows, in points, origin at the top left."""

    width: float
    height: float
    background: str
    boxes: tuple[Box, ...]
    lines: tuple[TextLine, ...]
    strokes: tuple[Stroke, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.lines)


class Typesetter:
    """Measures, wraps and places text in the chart's fonts; collects lines and boxes."""

    def __init__(self, style: ChartStyle) -> None:
        self.style = style
        self.body = glyphs.font_file(style.font_family)
        self.bold = glyphs.font_file(style.font_family, bold=True)
        self.heading = glyphs.font_file(style.heading_font_family, bold=True)
        self.boxes: list[Box] = []
        self.lines: list[TextLine] = []
        self.strokes: list[Stroke] = []

    def width(self, text: str, size: float, font: str | None = None) -> float:
        return glyphs.text_width(text, font or self.body, size)

    def wrap(self, text: str, width: float, size: float, font: str | None = None) -> tuple[str, ...]:
        return glyphs.wrap(text, width, font or self.body, size)

    def block_height(self, line_count: int, size: float) -> float:
        return line_count * size * LINE_SPACING

    def text(self, x: float, top: float, text: str, size: float, *, color: str | None = None,
             font: str | None = None, align: Align = Align.LEFT, behind: str | None = None) -> TextLine:
        """Place one line; `x` is the left edge, centre or right edge depending on `align`."""
        font = font or self.body
        width = glyphs.text_width(text, font, size)
        left = {Align.LEFT: x, Align.CENTER: x - width / 2, Align.RIGHT: x - width}[align]
        line = TextLine(left, top, text, size, color or self.style.text_color, font, width,
                        behind or self.style.background)
        self.lines.append(line)
        return line

    def paragraph(self, x: float, top: float, lines: tuple[str, ...], size: float, **options) -> float:
        """Place wrapped lines one under the other; returns the bottom."""
        for line in lines:
            self.text(x, top, line, size, **options)
            top += size * LINE_SPACING
        return top

    def box(self, x: float, y: float, width: float, height: float, fill: str, **options) -> Box:
        box = Box(x, y, width, height, fill, **options)
        self.boxes.append(box)
        return box

    def stroke(self, points, color: str, width: float, dashed: bool = False) -> Stroke:
        stroke = Stroke(tuple(points), color, width, dashed)
        self.strokes.append(stroke)
        return stroke

    def drawing(self, width: float, height: float) -> Drawing:
        return Drawing(width, height, self.style.background, tuple(self.boxes), tuple(self.lines),
                       tuple(self.strokes))


def chart_width(style: ChartStyle) -> float:
    """The drawing width in points: fixed, so every chart scales alike on a slide."""
    return style.width_inches * 72


def padding(style: ChartStyle) -> float:
    return style.font_size * 0.5


def note_size(style: ChartStyle) -> float:
    """Notes are a step smaller than labels, never below 12 pt."""
    return max(12.0, style.font_size * 0.875)


def place_title(setter: Typesetter, title: str, width: float) -> float:
    """The question above the chart when the style asks for it; returns where the chart starts."""
    style = setter.style
    top = padding(style)
    if not style.show_title or not title:
        return top
    size = style.font_size * 1.15
    lines = setter.wrap(title, width - 2 * top, size, setter.heading)
    return setter.paragraph(top, top, lines, size, font=setter.heading) + style.font_size * 0.75


def place_notes(setter: Typesetter, notes: tuple[str, ...], width: float, top: float) -> float:
    """Notes under the chart ("Meerdere antwoorden mogelijk", "n = 1.234"); returns the bottom."""
    style = setter.style
    size = note_size(style)
    if notes:
        top += style.font_size * 0.9
    for note in notes:
        lines = setter.wrap(note, width - 2 * padding(style), size)
        top = setter.paragraph(padding(style), top, lines, size, color=style.muted_color)
    return top + padding(style)
