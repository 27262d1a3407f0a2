"""Grade charts: a mean score as a large number ("6,7") beside a bar on its scale (1-10).

A report grade is read as a number first; the scale bar shows where it sits between the
lowest and highest possible score without inviting a comparison with percentages.
"""

from __future__ import annotations

import math

from generator.charts.contrast import mix
from generator.charts.drawing import (
    Align, Drawing, Typesetter, chart_width, note_size, padding, place_notes, place_title,
)
from generator.charts.style import ChartStyle
from generator.dutch import format_number
from generator.report import ChartSpec


def draw_grade(spec: ChartSpec, style: ChartStyle) -> Drawing:
    """One row per category: label, the grade in large type, and a filled scale bar."""
    if len(spec.series) != 1:
        raise ValueError(f"chart kind 'grade' shows one series, got {len(spec.series)}")
    series = spec.series[0]
    approximate = series.approximate or (False,) * len(series.values)
    low, high = spec.scale
    setter = Typesetter(style)
    size = style.font_size
    width = chart_width(style)
    pad = padding(style)
    top = place_title(setter, spec.title, width)
    single = len(spec.categories) == 1
    number_size = size * (3.5 if single else 2.25)
    number_width = max(setter.width(label or "–", number_size, setter.heading) for label in series.labels)
    tick_size = note_size(style)
    track_height = size * (1.1 if single else 0.9)
    gap = size

    if single:
        label_width = 0.0
        number_x = pad
    else:
        natural = max(setter.width(category, size) for category in spec.categories)
        label_width = min(natural, width * 0.38)
        number_x = pad + label_width + gap
    track_x = number_x + number_width + gap
    tick_half = setter.width(format_number(high), tick_size) / 2
    track_width = width - pad - tick_half - track_x

    def position(value: float) -> float:
        share = (min(max(value, low), high) - low) / ((high - low) or 1.0)
        return track_x + share * track_width

    for index, (category, value, label, is_approximate) in enumerate(
            zip(spec.categories, series.values, series.labels, approximate)):
        if single:
            lines = setter.wrap(category, width - 2 * pad, size)
            top = setter.paragraph(pad, top, lines, size) + size * 0.4
            row_height = setter.block_height(1, number_size)
        else:
            lines = setter.wrap(category, label_width, size)
            row_height = max(setter.block_height(len(lines), size), setter.block_height(1, number_size))
            setter.paragraph(pad, top + (row_height - setter.block_height(len(lines), size)) / 2, lines, size)
        setter.text(number_x + number_width, top, label or "–", number_size, font=setter.heading,
                    align=Align.RIGHT, color=style.text_color if label else style.muted_color)
        track_top = top + (row_height - track_height) / 2
        setter.box(track_x, track_top, track_width, track_height, mix(style.accent, style.background, 0.82),
                   meaningful=False)
        if value is not None:
            setter.box(track_x, track_top, position(value) - track_x, track_height, style.accent,
                       hatch_color=style.background if is_approximate else None)
        top += row_height
        if single or index == len(spec.categories) - 1:
            top = _scale_ticks(setter, low, high, position, top + size * 0.2, tick_size)
        top += size * 0.5
    bottom = place_notes(setter, spec.notes, width, top - size * 0.5)
    return setter.drawing(width, math.ceil(bottom))


def _scale_ticks(setter: Typesetter, low: float, high: float, position, top: float, size: float) -> float:
    """Whole-number scale labels under the bar (1 ... 10); returns the bottom."""
    step = 1 if high - low <= 10 else math.ceil((high - low) / 10)
    value = math.ceil(low)
    while value <= high:
        setter.text(position(value), top, format_number(value), size, align=Align.CENTER,
                    color=setter.style.muted_color)
        value += step
    return top + setter.block_height(1, size)
