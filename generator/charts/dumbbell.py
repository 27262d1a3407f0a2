"""Dot plots for two series with many answers: a dot per series on one line per answer.

The focus is a large square in the main colour, the other series a narrow upright bar in the
second colour, so the two differ in shape as well as colour; both values are printed in
columns headed by the series' names.
"""

from __future__ import annotations

import math

from generator.charts.contrast import mix
from generator.charts.drawing import Align, Drawing, Typesetter, chart_width, padding, place_notes, place_title
from generator.charts.grouped_bar import series_colors
from generator.charts.style import ChartStyle
from generator.report import ChartSpec

LABEL_SHARE = 0.32


def draw_dumbbell(spec: ChartSpec, style: ChartStyle) -> Drawing:
    """One row per category: label, a track with a marker per series, and the values in columns."""
    if len(spec.series) != 2:
        raise ValueError(f"chart kind 'dumbbell' shows two series, got {len(spec.series)}")
    setter = Typesetter(style)
    size = style.font_size
    width = chart_width(style)
    pad = padding(style)
    top = place_title(setter, spec.title, width)
    colors = series_colors(style, 2)
    column_width = max(setter.width(text, size, setter.bold) for series in spec.series
                       for text in (series.name, *(label or "–" for label in series.labels))) + size
    natural = max((setter.width(category, size) for category in spec.categories), default=0.0)
    label_width = min(natural, width * LABEL_SHARE)
    track_x = pad + label_width + size * 0.75
    track_width = width - pad - 2 * column_width - size - track_x
    low, high = spec.scale
    scale_max = max([high, *(value for series in spec.series for value in series.values if value is not None)])
    columns = [track_x + track_width + size + (index + 0.5) * column_width for index in range(2)]

    marker = size * 0.8
    legend_top = top
    for index, series in enumerate(spec.series):
        setter.text(columns[index], legend_top, series.name, size, font=setter.bold, align=Align.CENTER)
    top += setter.block_height(1, size) + size * 0.4

    def position(value: float) -> float:
        return track_x + (max(value, low) - low) / ((scale_max - low) or 1.0) * track_width

    for row, category in enumerate(spec.categories):
        lines = setter.wrap(category, label_width, size)
        row_height = max(setter.block_height(len(lines), size), size * 1.6)
        setter.paragraph(pad, top + (row_height - setter.block_height(len(lines), size)) / 2, lines, size)
        middle = top + row_height / 2
        setter.box(track_x, middle - 1, track_width, 2, mix(style.text_color, style.background, 0.8), meaningful=False)
        for index, series in enumerate(spec.series):
            value = series.values[row]
            if value is not None:
                _marker(setter, index, position(value), middle, marker, colors[index])
            label = series.labels[row]
            setter.text(columns[index], middle - setter.block_height(1, size) / 2, label or "–", size,
                        font=setter.bold if value is not None else setter.body, align=Align.CENTER,
                        color=style.text_color if value is not None else style.muted_color)
        top += row_height + size * 0.3
    swatch_x = track_x
    for index, series in enumerate(spec.series):
        _marker(setter, index, swatch_x, legend_top + setter.block_height(1, size) / 2, marker, colors[index])
        label = setter.text(swatch_x + marker, legend_top, series.name, size)
        swatch_x = label.x + label.width + size
    bottom = place_notes(setter, spec.notes, width, top)
    return setter.drawing(width, math.ceil(bottom))


def _marker(setter: Typesetter, index: int, center_x: float, center_y: float, size: float, color: str) -> None:
    """The focus as a square, the other series as a narrow upright bar: shape tells them apart."""
    marker_width = size if index == 0 else size * 0.35
    marker_height = size if index == 0 else size * 1.3
    setter.box(center_x - marker_width / 2, center_y - marker_height / 2, marker_width, marker_height, color)
