"""Horizontal bar charts: one bar per answer, value printed at the bar's end, no axes.

"bar" sorts answers by value (multiple-response findings: the ranking is the message);
"ordered-bar" keeps the source's order (ordered scales such as "5 of minder" ... "16 of meer").
"""

from __future__ import annotations

import math

from generator.charts.drawing import (
    Drawing, Typesetter, chart_width, padding, place_notes, place_title,
)
from generator.charts.contrast import mix
from generator.charts.style import ChartStyle
from generator.report import ChartSpec

LABEL_SHARE = 0.42
"""The label column takes at most this share of the width; longer labels wrap."""
MANY_ITEMS = 8
"""Above this many bars the chart gets compact: a wider label column (fewer wrapped lines) and
thinner rows, so a 15-answer chart still fits a slide without shrinking text below ~12 pt."""
# Bars run on the full 0-100% scale, not up to the largest value: a lone 33% bar must not
# fill the width, and bars on different slides stay comparable.


def draw_sorted_bars(spec: ChartSpec, style: ChartStyle) -> Drawing:
    """Bars sorted from highest to lowest value."""
    return draw_bars(spec, style, sort=True)


def draw_ordered_bars(spec: ChartSpec, style: ChartStyle) -> Drawing:
    """Bars in the order the categories are given."""
    return draw_bars(spec, style, sort=False)


def draw_bars(spec: ChartSpec, style: ChartStyle, sort: bool) -> Drawing:
    if len(spec.series) != 1:
        raise ValueError(f"chart kind {spec.kind!r} shows one series, got {len(spec.series)}; use 'matrix'")
    series = spec.series[0]
    approximate = series.approximate or (False,) * len(series.values)
    rows = list(zip(spec.categories, series.values, series.labels, approximate))
    if sort:
        rows.sort(key=lambda row: -(row[1] or 0.0))

    setter = Typesetter(style)
    size = style.font_size
    width = chart_width(style)
    pad = padding(style)
    top = place_title(setter, spec.title, width)

    value_width = max((setter.width(label or "–", size, setter.bold) for _, _, label, _ in rows), default=0.0)
    natural = max((setter.width(category, size) for category, *_ in rows), default=0.0)
    longest_word = max((setter.width(word, size) for category, *_ in rows for word in category.split()), default=0.0)
    compact = len(rows) > MANY_ITEMS
    label_width = max(min(natural, width * (0.55 if compact else LABEL_SHARE)), min(longest_word, width * 0.5))
    gap = size * 0.75
    bar_x = pad + label_width + gap
    bar_room = width - pad - value_width - gap * 0.5 - bar_x
    scale_max = max([spec.scale[1], *(value for _, value, _, _ in rows if value is not None)])
    bar_height = size * (1.3 if compact else 1.5)
    row_gap = size * (0.4 if compact else 0.55)

    first_row = top
    for category, value, label, is_approximate in rows:
        lines = setter.wrap(category, label_width, size)
        text_height = setter.block_height(len(lines), size)
        row_height = max(text_height, bar_height)
        setter.paragraph(pad, top + (row_height - text_height) / 2, lines, size)
        length = 0.0
        if value is not None and value > 0:
            length = max(value / scale_max * bar_room, 1.0)
            setter.box(bar_x, top + (row_height - bar_height) / 2, length, bar_height, style.accent,
                       hatch_color=style.background if is_approximate else None)
        value_top = top + (row_height - setter.block_height(1, size)) / 2
        setter.text(bar_x + length + gap * 0.5, value_top, label or "–", size, font=setter.bold,
                    color=style.text_color if label else style.muted_color)
        top += row_height + row_gap
    top -= row_gap
    setter.box(bar_x - 1.0, first_row, 1.0, top - first_row, mix(style.text_color, style.background, 0.55),
               meaningful=False)

    bottom = place_notes(setter, spec.notes, width, top)
    return setter.drawing(width, math.ceil(bottom))
