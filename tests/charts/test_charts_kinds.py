"""Chart kinds as records: one per kind says its layout, alt-text noun, series rule and editable chart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pptx.enum.chart import XL_CHART_TYPE

from generator.charts import (CHART_KINDS, ChartKind, NativeChart, SeriesRule, _registry, chart_kind,
                              chart_kind_problem, comparison_kinds)
from generator.charts.content import describe_chart
from generator.report import ChartSpec, Series
from generator.writers.pptx.native import native_chart_type

REPO = Path(__file__).resolve().parents[2]


def spec_of(kind: str, rows: list[list[float]], unit: str = "percent") -> ChartSpec:
    """A spec with one category per row and one series per column of `rows`."""
    columns = list(zip(*rows))
    series = tuple(Series(f"Kolom {index}", tuple(values), tuple(f"{value:g}" for value in values))
                   for index, values in enumerate(columns))
    return ChartSpec(kind=kind, title="Hoe vaak doet u mee?", categories=tuple(f"Rij {row}" for row in range(len(rows))),
                     series=series, unit=unit, scale=(1.0, 10.0) if unit == "grade" else (0.0, 100.0))


@pytest.mark.parametrize("name", sorted(CHART_KINDS))
def test_every_kind_has_a_layout_a_noun_and_a_series_rule(name):
    kind = chart_kind(name)
    assert kind.name == name and callable(kind.layout_function())
    assert kind.alt_noun[:1].isupper() and isinstance(kind.series_rule, SeriesRule)
    assert isinstance(kind.native_type, NativeChart)


def test_a_kind_registered_twice_is_refused():
    record = ChartKind("taart", "bar:draw_sorted_bars", "Taartdiagram", SeriesRule.ONE)
    with pytest.raises(ValueError, match="'taart' is registered twice"):
        _registry(record, record)


@pytest.mark.parametrize("name", sorted(CHART_KINDS))
def test_the_alt_text_names_the_chart_with_the_noun_of_its_record(name):
    spec = spec_of(name, [[40.0]] if chart_kind(name).series_rule is SeriesRule.ONE else [[40.0, 60.0]])
    assert describe_chart(spec).startswith(f"{chart_kind(name).alt_noun} bij de vraag")


def test_comparison_kinds_are_the_kinds_whose_series_are_waves_or_groups():
    assert comparison_kinds() == {"grouped-bar", "dumbbell", "line", "grade-comparison"}


@pytest.mark.parametrize(("name", "count", "problem"), [
    ("bar", 1, False), ("bar", 2, True), ("grade", 3, True), ("matrix", 1, False), ("matrix", 4, False),
    ("dumbbell", 2, False), ("line", 3, False),
], ids=lambda value: str(value))
def test_the_series_rule_decides_which_series_counts_a_kind_draws(name, count, problem):
    assert (chart_kind_problem(name, count) is not None) is problem


@pytest.mark.parametrize(("name", "rows", "unit", "expected"), [
    ("matrix", [[60.0, 40.0], [30.0, 70.0]], "percent", XL_CHART_TYPE.BAR_STACKED),
    ("matrix", [[60.0, 20.0], [30.0, 70.0]], "percent", XL_CHART_TYPE.BAR_CLUSTERED),
    ("matrix", [[6.0, 4.0], [3.0, 7.0]], "grade", XL_CHART_TYPE.BAR_CLUSTERED),
    ("grouped-bar", [[60.0, 40.0], [30.0, 70.0]], "percent", XL_CHART_TYPE.BAR_CLUSTERED),
    ("line", [[50.0, 30.0, 20.0]], "percent", XL_CHART_TYPE.BAR_CLUSTERED),
    ("bar", [[60.0], [40.0]], "percent", XL_CHART_TYPE.BAR_CLUSTERED),
], ids=["likert-matrix", "matrix-not-shares", "grade-matrix", "waves-adding-to-100", "line", "bar"])
def test_the_editable_chart_follows_the_record(name, rows, unit, expected):
    assert native_chart_type(spec_of(name, rows, unit)) == expected


def test_reading_chart_kinds_imports_no_drawing_library():
    code = ("import sys; import generator.charts, generator.charts.content; "
            "generator.charts.chart_kind_problem('matrix', 3); print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "False"
