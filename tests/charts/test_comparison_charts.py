"""Comparison chart kinds: registered, every value printed, colours at 3:1, colour never the only carrier."""

from __future__ import annotations

import pytest

from generator.charts import chart_kinds, chart_layout
from generator.charts.content import finding_to_chart
from generator.charts.contrast import GRAPHICS_CONTRAST, contrast_ratio
from generator.charts.render import render_chart
from generator.charts.style import ChartStyle
from generator.findings import (DataSeries, Finding, FindingKind, Item, SeriesKind, SeriesSet, Theme, Value)

WAVES = SeriesSet((DataSeries("2025", "2025", SeriesKind.WAVE), DataSeries("2023", "2023", SeriesKind.WAVE),
                   DataSeries("2021", "2021", SeriesKind.WAVE)), focus="2025")
WITH_BENCHMARK = SeriesSet((DataSeries("2025", "2025", SeriesKind.WAVE), DataSeries("2023", "2023", SeriesKind.WAVE),
                            DataSeries("nl", "Nederland", SeriesKind.BENCHMARK, overlaps=True)), focus="2025")
THEME = Theme("t", "Thema", ())


def _finding(kind: FindingKind, series: SeriesSet, items: int, others: tuple[str, ...]) -> Finding:
    rows = tuple(Item(f"Antwoord {index}", Value(40.0 + index if kind is not FindingKind.GRADE else 7.0),
                      compare=tuple((other, Value(30.0 + index + offset if kind is not FindingKind.GRADE else 6.5))
                                    for offset, other in enumerate(others)))
                 for index in range(items))
    return Finding("f", "Hoe vaak?", kind, rows, unit="grade" if kind is FindingKind.GRADE else "percent",
                   series=series, bases=tuple((series_id, 500) for series_id in ("2025", *others)))


CASES = {
    "grouped-bar": _finding(FindingKind.MULTI, WITH_BENCHMARK, 2, ("2023", "nl")),
    "dumbbell": _finding(FindingKind.MULTI, WITH_BENCHMARK, 7, ("2023",)),
    "line": _finding(FindingKind.SINGLE, WAVES, 2, ("2023", "2021")),
    "grade-comparison": _finding(FindingKind.GRADE, WITH_BENCHMARK, 2, ("2023", "nl")),
}


@pytest.mark.parametrize("kind", CASES)
def test_each_comparison_finding_gets_its_registered_kind(kind):
    spec = finding_to_chart(THEME, CASES[kind]).spec
    assert kind in chart_kinds()
    assert spec.kind == kind
    assert spec.series[0].name == "2025"


@pytest.mark.parametrize("kind", CASES)
def test_every_value_is_printed_and_every_mark_reaches_3_to_1(kind):
    style = ChartStyle()
    spec = finding_to_chart(THEME, CASES[kind]).spec
    drawing = chart_layout(spec.kind)(spec, style)
    printed = " ".join(drawing.texts)
    for series in spec.series:
        for label in series.labels:
            assert label in printed
    for box in drawing.boxes:
        if box.meaningful:
            assert contrast_ratio(box.fill, style.background) >= GRAPHICS_CONTRAST
    for stroke in drawing.strokes:
        assert contrast_ratio(stroke.color, style.background) >= GRAPHICS_CONTRAST
    assert render_chart(spec, style).startswith(b"\x89PNG")


def test_series_are_named_on_the_chart_not_only_coloured():
    spec = finding_to_chart(THEME, CASES["grouped-bar"]).spec
    drawing = chart_layout(spec.kind)(spec, ChartStyle())
    assert {"2025", "2023", "Nederland"} <= set(drawing.texts)


def test_the_line_runs_from_the_oldest_wave_and_differs_in_dash_pattern():
    spec = finding_to_chart(THEME, CASES["line"]).spec
    drawing = chart_layout(spec.kind)(spec, ChartStyle())
    wave_labels = sorted((line for line in drawing.lines if line.text in {"2021", "2023", "2025"}), key=lambda line: line.x)
    assert [line.text for line in wave_labels] == ["2021", "2023", "2025"]
    assert {stroke.dashed for stroke in drawing.strokes} == {True, False}


def test_the_dumbbell_tells_its_two_series_apart_by_shape():
    spec = finding_to_chart(THEME, CASES["dumbbell"]).spec
    drawing = chart_layout(spec.kind)(spec, ChartStyle())
    shapes = {(round(box.width, 1), round(box.height, 1)) for box in drawing.boxes if box.meaningful}
    assert len(shapes) == 2


def test_the_table_has_one_column_per_series_and_a_difference_column():
    chart = finding_to_chart(THEME, CASES["grouped-bar"])
    assert chart.table.header == ("Antwoord", "2025", "2023", "Nederland", "Verschil met 2023 (procentpunt)",
                                  "Verschil met Nederland (procentpunt)")
    assert chart.table.rows[0][-2:] == ("+10", "+9")
    assert "Antwoord 1: 41% in 2025" in chart.alt_text


def test_a_grade_table_heads_its_rows_onderdeel_and_the_alt_text_states_each_difference():
    chart = finding_to_chart(THEME, CASES["grade-comparison"])
    assert chart.table.header[0] == "Onderdeel"
    assert "(verschil 0,5 punt, niet getoetst)" in chart.alt_text
    single = finding_to_chart(THEME, Finding("g", "Welk cijfer?", FindingKind.GRADE, (Item("Woning", Value(7.0)),),
                                             unit="grade"))
    assert single.table.header[0] == "Onderdeel"


def test_a_significant_difference_is_stated_in_the_alt_text_and_a_small_base_is_said_once():
    finding = Finding("f", "Wat mist u?", FindingKind.MULTI,
                      tuple(Item(f"Antwoord {index}", Value(41.0 - index), compare=(("2023", Value(28.0)),))
                            for index in range(3)),
                      series=WITH_BENCHMARK, bases=(("2025", 800), ("2023", 800)))
    alt = finding_to_chart(THEME, finding).alt_text
    assert "28% in 2023 (significant verschil: 13 procentpunt hoger in 2025)" in alt
    assert "Aantal respondenten: 800 in 2025 en 800 in 2023." in alt
    small = finding_to_chart(THEME, Finding("f", "Wat mist u?", FindingKind.MULTI, finding.items,
                                            series=WITH_BENCHMARK, bases=(("2025", 20), ("2023", 800)))).alt_text
    assert small.count("te weinig waarnemingen") == 1, small
    assert "Voor 2025 te weinig waarnemingen (n < 30)." in small
