"""Grouped horizontal bars: per answer one bar per series, the focus first and in the main colour.

Colour is never the only carrier: each bar prints its value and its series' name ("64% 2025"),
and the series keep the same position in every group.
"""

from __future__ import annotations

import math

from generator.charts.contrast import mix
from generator.charts.drawing import Drawing, Typesetter, chart_width, note_size, padding, place_notes, place_title
from generator.charts.style import ChartStyle
from generator.report import ChartSpec

LABEL_SHARE = 0.34


def series_colors(style: ChartStyle, count: int) -> tuple[str, ...]:
    """One colour per series, the focus in the main colour; every palette colour reaches 3:1."""
    return tuple(style.palette[index % len(style.palette)] for index in range(count))


def draw_grouped_bars(spec: ChartSpec, style: ChartStyle) -> Drawing:
    """Categories as groups, series as bars within each group, values and series names at the bar ends."""
    setter = Typesetter(style)
    size = style.font_size
    small = note_size(style)
    width = chart_width(style)
    pad = padding(style)
    top = place_title(setter, spec.title, width)
    colors = series_colors(style, len(spec.series))
    ends = [f"{label or '–'}" for series in spec.series for label in series.labels]
    value_width = max((setter.width(text, size, setter.bold) for text in ends if "waarnemingen" not in text),
                      default=0.0)
    name_width = max((setter.width(series.name, small) for series in spec.series), default=0.0)
    natural = max((setter.width(category, size) for category in spec.categories), default=0.0)
    label_width = min(natural, width * LABEL_SHARE)
    gap = size * 0.6
    bar_x = pad + label_width + gap
    bar_room = width - pad - value_width - name_width - gap * 1.5 - bar_x
    scale_max = max([spec.scale[1], *(value for series in spec.series for value in series.values if value is not None)])
    bar_height = size * 1.2
    first_row = top
    for row, category in enumerate(spec.categories):
        lines = setter.wrap(category, label_width, size)
        group_height = max(setter.block_height(len(lines), size), len(spec.series) * (bar_height + 2) - 2)
        setter.paragraph(pad, top, lines, size)
        bar_top = top
        for index, series in enumerate(spec.series):
            value = series.values[row]
            label = series.labels[row]
            approximate = bool(series.approximate and series.approximate[row])
            length = 0.0
            if value is not None and value > 0:
                length = max(value / scale_max * bar_room, 1.0)
                setter.box(bar_x, bar_top, length, bar_height, colors[index],
                           hatch_color=style.background if approximate else None)
            text_top = bar_top + (bar_height - setter.block_height(1, size)) / 2
            shown = setter.text(bar_x + length + gap * 0.5, text_top, label or "–", size,
                                font=setter.bold if value is not None else setter.body,
                                color=style.text_color if value is not None else style.muted_color)
            setter.text(shown.x + shown.width + gap * 0.5, bar_top + (bar_height - setter.block_height(1, small)) / 2,
                        series.name, small, color=style.muted_color)
            bar_top += bar_height + 2
        top += group_height + size * 0.8
    top -= size * 0.8
    setter.box(bar_x - 1.0, first_row, 1.0, top - first_row, mix(style.text_color, style.background, 0.55),
               meaningful=False)
    bottom = place_notes(setter, spec.notes, width, top)
    return setter.drawing(width, math.ceil(bottom))
