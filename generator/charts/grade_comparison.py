"""Grade comparisons: per answer one row per series, each with its grade and a bar on the scale.

Each row names its series ("2025", "Nederland") and prints its grade, the focus row first and
in the main colour, so the comparison reads without colour.
"""

from __future__ import annotations

import math

from generator.charts.contrast import mix
from generator.charts.drawing import Align, Drawing, Typesetter, chart_width, note_size, padding, place_notes, place_title
from generator.charts.grade import _scale_ticks
from generator.charts.grouped_bar import series_colors
from generator.charts.style import ChartStyle
from generator.report import ChartSpec


def draw_grade_comparison(spec: ChartSpec, style: ChartStyle) -> Drawing:
    """Answers as blocks, series as rows: name, grade, scale bar."""
    setter = Typesetter(style)
    size = style.font_size
    width = chart_width(style)
    pad = padding(style)
    top = place_title(setter, spec.title, width)
    low, high = spec.scale
    colors = series_colors(style, len(spec.series))
    number_size = size * 1.4
    labels = [label or "–" for series in spec.series for label in series.labels]
    number_width = max((setter.width(label, number_size, setter.heading) for label in labels
                        if "waarnemingen" not in label), default=0.0)
    name_width = max(setter.width(series.name, size) for series in spec.series)
    number_x = pad + name_width + size
    track_x = number_x + number_width + size
    tick_size = note_size(style)
    track_width = width - pad - setter.width(str(int(high)), tick_size) / 2 - track_x
    track_height = size * 0.8
    track = mix(style.text_color, style.background, 0.9)

    def position(value: float) -> float:
        return track_x + (min(max(value, low), high) - low) / ((high - low) or 1.0) * track_width

    for row, category in enumerate(spec.categories):
        lines = setter.wrap(category, width - 2 * pad, size, setter.bold)
        top = setter.paragraph(pad, top, lines, size, font=setter.bold) + size * 0.2
        for index, series in enumerate(spec.series):
            value, label = series.values[row], series.labels[row]
            row_height = setter.block_height(1, number_size)
            setter.text(pad, top + (row_height - setter.block_height(1, size)) / 2, series.name, size)
            track_top = top + (row_height - track_height) / 2
            if value is None:
                setter.text(number_x, top + (row_height - setter.block_height(1, size)) / 2, label or "–", size,
                            color=style.muted_color)
            else:
                setter.text(number_x + number_width, top, label, number_size, font=setter.heading, align=Align.RIGHT)
                setter.box(track_x, track_top, track_width, track_height, track, meaningful=False)
                approximate = bool(series.approximate and series.approximate[row])
                setter.box(track_x, track_top, position(value) - track_x, track_height, colors[index],
                           hatch_color=style.background if approximate else None)
            top += row_height
        top += size * 0.5
    top = _scale_ticks(setter, low, high, position, top, tick_size)
    bottom = place_notes(setter, spec.notes, width, top)
    return setter.drawing(width, math.ceil(bottom))
