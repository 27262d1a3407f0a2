"""Chart kinds: one record per kind, looked up by name in one registry.

A record says everything the rest of the program needs to know about a kind: the function
`(ChartSpec, ChartStyle) -> Drawing` that lays it out (`render` turns the drawing into PNG
or SVG), how alt texts name it, how many series it draws, and which editable PowerPoint
chart stands in for it. A new kind is one module plus one record here. Modules are imported
only when a kind is drawn, so reading specs stays free of matplotlib.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from generator.charts.drawing import Drawing
    from generator.charts.style import ChartStyle
    from generator.report import ChartSpec


class SeriesRule(Enum):
    """How many series a chart kind draws."""

    ONE = "one value per answer"
    COLUMNS = "one series per column of a matrix finding"
    COMPARISON = "one series per compared wave or group"


class NativeChart(Enum):
    """The editable PowerPoint chart that stands in for a chart kind (`--charts native`)."""

    BARS = "horizontal bars, series side by side"
    SHARE_BARS = "horizontal bars, stacked when the series are shares adding up to 100% per answer"


@dataclass(frozen=True)
class ChartKind:
    """One chart kind: its name in findings files, its layout and how others treat it."""

    name: str
    layout: str
    """"module:function" in this package that lays the chart out."""
    alt_noun: str
    """How an alt text names the chart: "Staafdiagram bij de vraag ..."."""
    series_rule: SeriesRule
    native_type: NativeChart = NativeChart.BARS

    def layout_function(self) -> "Callable[[ChartSpec, ChartStyle], Drawing]":
        module_name, function_name = self.layout.split(":")
        return getattr(importlib.import_module(f"{__name__}.{module_name}"), function_name)

    def series_problem(self, series_count: int) -> str | None:
        """Why this kind cannot draw `series_count` series, or None when it can."""
        if self.series_rule is SeriesRule.ONE and series_count != 1:
            return f"chart kind {self.name!r} shows one value per answer; a matrix finding needs 'matrix'"
        return None


def _registry(*kinds: ChartKind) -> dict[str, ChartKind]:
    registry: dict[str, ChartKind] = {}
    for kind in kinds:
        if kind.name in registry:
            raise ValueError(f"chart kind {kind.name!r} is registered twice")
        registry[kind.name] = kind
    return registry


CHART_KINDS: dict[str, ChartKind] = _registry(
    ChartKind("bar", "bar:draw_sorted_bars", "Staafdiagram", SeriesRule.ONE),
    ChartKind("ordered-bar", "bar:draw_ordered_bars", "Staafdiagram", SeriesRule.ONE),
    ChartKind("grade", "grade:draw_grade", "Schaalbalk", SeriesRule.ONE),
    ChartKind("matrix", "matrix:draw_heat_table", "Tabeldiagram", SeriesRule.COLUMNS, NativeChart.SHARE_BARS),
    ChartKind("grouped-bar", "grouped_bar:draw_grouped_bars", "Staafdiagram", SeriesRule.COMPARISON),
    ChartKind("dumbbell", "dumbbell:draw_dumbbell", "Stippendiagram", SeriesRule.COMPARISON),
    ChartKind("line", "trend:draw_trend", "Lijndiagram", SeriesRule.COMPARISON),
    ChartKind("grade-comparison", "grade_comparison:draw_grade_comparison", "Schaalbalken", SeriesRule.COMPARISON),
)
"""Every chart kind by name."""

UNKNOWN_ALT_NOUN = "Grafiek"
"""How an alt text names a chart of a kind not registered here."""


class UnknownChartKind(ValueError):
    """A chart kind no module draws; the message lists the known kinds."""


def chart_kinds() -> tuple[str, ...]:
    """Every registered chart kind, for validating a finding's `chart:` override."""
    return tuple(CHART_KINDS)


def comparison_kinds() -> frozenset[str]:
    """The kinds that draw a comparison: one series per wave or group."""
    return frozenset(name for name, kind in CHART_KINDS.items() if kind.series_rule is SeriesRule.COMPARISON)


def chart_kind(name: str) -> ChartKind:
    """The record of chart kind `name`; an unknown kind fails listing the known ones."""
    try:
        return CHART_KINDS[name]
    except KeyError:
        raise UnknownChartKind(_unknown(name)) from None


def chart_layout(kind: str) -> "Callable[[ChartSpec, ChartStyle], Drawing]":
    """The layout function of chart kind `kind`; an unknown kind fails listing the known ones."""
    return chart_kind(kind).layout_function()


def alt_noun(kind: str) -> str:
    """How an alt text names a chart of kind `kind`."""
    found = CHART_KINDS.get(kind)
    return found.alt_noun if found else UNKNOWN_ALT_NOUN


def chart_kind_problem(kind: str, series_count: int) -> str | None:
    """Why chart kind `kind` cannot draw `series_count` series, or None when it can.

    For validating a finding's `chart:` override where the line is still known, so the
    user sees "PATH:LINE: chart: ..." instead of a failure at render time.
    """
    if kind not in CHART_KINDS:
        return _unknown(kind)
    return CHART_KINDS[kind].series_problem(series_count)


def _unknown(kind: str) -> str:
    return f"unknown chart kind {kind!r}; known chart kinds: {', '.join(sorted(CHART_KINDS))}"
