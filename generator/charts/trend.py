"""Line charts for three or more waves: one line per answer through the waves, oldest on the left.

Each line ends in its answer's name and latest value, so no legend is needed; lines also differ
in dash pattern, and every point is marked, so colour is never the only carrier.
"""

from __future__ import annotations

import math

from generator.charts.contrast import mix
from generator.charts.drawing import Align, Drawing, Typesetter, chart_width, note_size, padding, place_notes, place_title
from generator.charts.grouped_bar import series_colors
from generator.charts.style import ChartStyle
from generator.report import ChartSpec

PLOT_HEIGHT_EMS = 14
END_LABEL_SHARE = 0.34
MAX_POINT_LABELS = 3
"""With at most this many lines every point prints its value; with more, only the line ends do."""


def wave_order(names: list[str]) -> list[int]:
    """Indices of the waves from oldest to newest: by year when every name is one, else as given."""
    if all(name.strip().isdigit() for name in names):
        return sorted(range(len(names)), key=lambda index: int(names[index]))
    return list(range(len(names)))


def draw_trend(spec: ChartSpec, style: ChartStyle) -> Drawing:
    """Waves along the x axis, one marked line per category, each labelled at its end."""
    setter = Typesetter(style)
    size = style.font_size
    small = note_size(style)
    width = chart_width(style)
    pad = padding(style)
    top = place_title(setter, spec.title, width) + size * 0.5
    order = wave_order([series.name for series in spec.series])
    waves = [spec.series[index] for index in order]
    colors = series_colors(style, len(spec.categories))
    end_width = width * END_LABEL_SHARE
    plot_x = pad + size * 1.5
    plot_width = width - pad - end_width - plot_x
    plot_height = size * PLOT_HEIGHT_EMS
    low, high = spec.scale
    step = plot_width / max(len(waves) - 1, 1)

    def point(wave: int, value: float) -> tuple[float, float]:
        share = (min(max(value, low), high) - low) / ((high - low) or 1.0)
        return plot_x + wave * step, top + plot_height * (1 - share)

    setter.box(plot_x, top + plot_height, plot_width, 1.0, mix(style.text_color, style.background, 0.55),
               meaningful=False)
    for wave, series in enumerate(waves):
        setter.text(plot_x + wave * step, top + plot_height + size * 0.3, series.name, size, align=Align.CENTER)
    point_labels = len(spec.categories) <= MAX_POINT_LABELS
    pending: dict[int, list[list]] = {}
    ends = []
    for row, category in enumerate(spec.categories):
        color = colors[row]
        points = [point(wave, series.values[row]) for wave, series in enumerate(waves)
                  if series.values[row] is not None]
        if len(points) > 1:
            setter.stroke(points, color, 2.5, dashed=row % 2 == 1)
        marker = size * 0.5
        for wave, series in enumerate(waves):
            value = series.values[row]
            if value is None:
                continue
            x, y = point(wave, value)
            setter.box(x - marker / 2, y - marker / 2, marker, marker, color)
            if point_labels and wave < len(waves) - 1:
                pending.setdefault(wave, []).append([y - marker - setter.block_height(1, small), x,
                                                     series.labels[row]])
        latest = next(((wave, series) for wave, series in reversed(list(enumerate(waves)))
                       if series.values[row] is not None), None)
        if latest is not None:
            ends.append([point(*((latest[0], latest[1].values[row])))[1], f"{category} {latest[1].labels[row]}"])
    _place_point_labels(setter, pending, small)
    ends.sort()
    line_height = setter.block_height(1, size)
    for index in range(1, len(ends)):
        ends[index][0] = max(ends[index][0], ends[index - 1][0] + line_height)
    for y, text in ends:
        lines = setter.wrap(text, end_width - size, size)
        setter.paragraph(plot_x + plot_width + size * 0.75, y - line_height / 2, lines[:1], size, font=setter.bold)
    bottom_of_plot = max([top + plot_height + size * 0.3 + line_height, *(y + line_height for y, _ in ends)])
    bottom = place_notes(setter, spec.notes, width, bottom_of_plot)
    return setter.drawing(width, math.ceil(bottom))


def _place_point_labels(setter: Typesetter, pending: dict[int, list[list]], size: float) -> None:
    """Each wave's value labels (top, x, text) above their points, pushed down where they would overlap."""
    for labels in pending.values():
        labels.sort()
        for index in range(1, len(labels)):
            labels[index][0] = max(labels[index][0], labels[index - 1][0] + setter.block_height(1, size))
        for top_of_label, x, text in labels:
            setter.text(x, top_of_label, text, size, align=Align.CENTER)
