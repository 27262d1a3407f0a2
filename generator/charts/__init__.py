"""Chart kinds, looked up by name in one registry.

A chart kind is a function `(ChartSpec, ChartStyle) -> Drawing` that lays the chart out;
`render` turns the drawing into PNG or SVG. A new kind is one module plus one entry here.
Modules are imported only when a kind is drawn, so reading specs stays free of matplotlib.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from generator.charts.drawing import Drawing
    from generator.charts.style import ChartStyle
    from generator.report import ChartSpec

CHART_KINDS: dict[str, str] = {
    "bar": "generator.charts.bar:draw_sorted_bars",
    "ordered-bar": "generator.charts.bar:draw_ordered_bars",
    "grade": "generator.charts.grade:draw_grade",
    "matrix": "generator.charts.matrix:draw_heat_table",
    "grouped-bar": "generator.charts.grouped_bar:draw_grouped_bars",
    "dumbbell": "generator.charts.dumbbell:draw_dumbbell",
    "line": "generator.charts.trend:draw_trend",
    "grade-comparison": "generator.charts.grade_comparison:draw_grade_comparison",
}
"""Chart kind -> "module:function" that lays it out."""


ONE_SERIES_KINDS = frozenset({"bar", "ordered-bar", "grade"})
"""Kinds that draw one value per category; a matrix finding (several columns) needs "matrix"."""


class UnknownChartKind(ValueError):
    """A chart kind no module draws; the message lists the known kinds."""


def chart_kinds() -> tuple[str, ...]:
    """Every registered chart kind, for validating a finding's `chart:` override."""
    return tuple(CHART_KINDS)


def chart_layout(kind: str) -> "Callable[[ChartSpec, ChartStyle], Drawing]":
    """The layout function of chart kind `kind`; an unknown kind fails listing the known ones."""
    try:
        target = CHART_KINDS[kind]
    except KeyError:
        known = ", ".join(sorted(CHART_KINDS))
        raise UnknownChartKind(f"unknown chart kind {kind!r}; known chart kinds: {known}") from None
    module_name, function_name = target.split(":")
    return getattr(importlib.import_module(module_name), function_name)


def chart_kind_problem(kind: str, series_count: int) -> str | None:
    """Why chart kind `kind` cannot draw `series_count` series, or None when it can.

    For validating a finding's `chart:` override where the line is still known, so the
    user sees "PATH:LINE: chart: ..." instead of a failure at render time.
    """
    if kind not in CHART_KINDS:
        return f"unknown chart kind {kind!r}; known chart kinds: {', '.join(sorted(CHART_KINDS))}"
    if kind in ONE_SERIES_KINDS and series_count != 1:
        return f"chart kind {kind!r} shows one value per answer; a matrix finding needs 'matrix'"
    return None
