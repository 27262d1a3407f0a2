"""Matrix charts as a labelled heat table: rows by columns, every cell printing its value.

A heat table needs no legend: the darker the cell, the higher the share, and the number is
in the cell. Cells the source does not report show "–", never an empty bar or a 0.
"""

from __future__ import annotations

import functools
import math

from generator.charts.contrast import TEXT_CONTRAST, contrast_ratio, mix, readable_on
from generator.charts.drawing import (
    Align, Drawing, Typesetter, chart_width, note_size, padding, place_notes, place_title,
)
from generator.charts.style import ChartStyle
from generator.report import ChartSpec

LABEL_SHARE = 0.36
"""The row labels take at least this share of the width when they need it, and more (up to half)
when the columns leave room, so fewer labels wrap."""
MIN_COLUMN_EMS = 4.5
MIN_TINT = 0.12
"""Even a 0% cell is tinted a little, so it reads as a reported value, unlike an empty cell."""
GUTTER = 3.0
MAX_COLUMN_EMS = 10
"""Columns grow no wider than ten times the font size; wider cells only spread the numbers apart."""


def draw_heat_table(spec: ChartSpec, style: ChartStyle) -> Drawing:
    """Categories as rows, series as columns; cell shade and printed label show the value."""
    setter = Typesetter(style)
    size = style.font_size
    width = chart_width(style)
    pad = padding(style)
    top = place_title(setter, spec.title, width)
    columns = spec.series
    natural = max((setter.width(category, size) for category in spec.categories), default=0.0)
    longest_word = max((setter.width(word, size) for category in spec.categories for word in category.split()),
                       default=0.0)
    label_share = max(LABEL_SHARE, min(0.5, 1 - len(columns) * size * MIN_COLUMN_EMS / width))
    label_width = max(min(natural, width * label_share), min(longest_word, width * 0.45))
    table_x = pad + label_width + size * 0.75
    column_width = min((width - pad - table_x) / max(len(columns), 1), size * MAX_COLUMN_EMS)

    room = column_width - 2 * GUTTER
    header_size = _header_size(setter, [series.name for series in columns], room)
    headers = [setter.wrap(series.name, room, header_size, setter.bold) for series in columns]
    header_height = setter.block_height(max((len(lines) for lines in headers), default=1), header_size)
    for index, lines in enumerate(headers):
        center = table_x + (index + 0.5) * column_width
        line_top = top + header_height - setter.block_height(len(lines), header_size)
        setter.paragraph(center, line_top, lines, header_size, font=setter.bold, align=Align.CENTER)
    top += header_height + size * 0.4

    scale_max = max([spec.scale[1], *(value for series in columns for value in series.values if value is not None)])
    empty_fill = mix(style.text_color, style.background, 0.94)
    labels = [label for series in columns for label in series.labels if label]
    cell_size = _fitting_size(setter, labels, room, setter.bold)
    for row, category in enumerate(spec.categories):
        lines = setter.wrap(category, label_width, size)
        row_height = max(setter.block_height(len(lines), size) + size * 0.5, size * 2.2)
        setter.paragraph(pad, top + (row_height - setter.block_height(len(lines), size)) / 2, lines, size)
        for index, series in enumerate(columns):
            value = series.values[row]
            label = series.labels[row] if row < len(series.labels) else ""
            if value is None:
                fill, label = empty_fill, "–"
            else:
                fill = _cell_fill(MIN_TINT + (1 - MIN_TINT) * max(value, 0) / scale_max, style)
            color = readable_on(fill, (style.text_color, style.background))
            setter.box(table_x + index * column_width + GUTTER / 2, top + GUTTER / 2,
                       column_width - GUTTER, row_height - GUTTER, fill, meaningful=False)
            setter.text(table_x + (index + 0.5) * column_width,
                        top + (row_height - setter.block_height(1, cell_size)) / 2,
                        label or "–", cell_size, font=setter.bold, align=Align.CENTER, color=color, behind=fill)
        top += row_height
    bottom = place_notes(setter, spec.notes, width, top)
    return setter.drawing(width, math.ceil(bottom))


def _cell_fill(tint: float, style: ChartStyle) -> str:
    """The cell colour at `tint` (0 = background, 1 = accent), kept out of the mid-tones where
    neither dark nor light text reaches 4.5:1; snapping to the nearer edge keeps the order of shades."""
    darkest_for_dark_text, lightest_for_light_text = _readable_tints(style.background, style.accent, style.text_color)
    if darkest_for_dark_text < tint < lightest_for_light_text:
        middle = (darkest_for_dark_text + lightest_for_light_text) / 2
        tint = darkest_for_dark_text if tint < middle else lightest_for_light_text
    return mix(style.background, style.accent, tint)


@functools.cache
def _readable_tints(background: str, accent: str, text_color: str) -> tuple[float, float]:
    """The highest tint that still carries the text colour and the lowest that carries the background colour."""
    tints = [step / 200 for step in range(201)]
    dark = [tint for tint in tints if contrast_ratio(text_color, mix(background, accent, tint)) >= TEXT_CONTRAST]
    light = [tint for tint in tints if contrast_ratio(background, mix(background, accent, tint)) >= TEXT_CONTRAST]
    return (max(dark) if dark else 0.0), (min(light) if light else 1.01)


def _header_size(setter: Typesetter, names: list[str], room: float) -> float:
    """The label size, stepped down to the note size if that keeps long words whole."""
    return _fitting_size(setter, [word for name in names for word in name.split()], room, setter.bold,
                         note_size(setter.style))


def _fitting_size(setter: Typesetter, texts: list[str], room: float, font: str, smallest: float = 12.0) -> float:
    """The largest size from the label size down to `smallest` at which every text fits `room`."""
    size = setter.style.font_size
    while size > smallest and any(setter.width(text, size, font) > room for text in texts):
        size = max(smallest, size - 0.5)
    return size
