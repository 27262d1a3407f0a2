"""Layout holds for any labels and values: nothing cut off, nothing overlapping, every value shown."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.charts import chart_layout
from generator.charts.style import ChartStyle
from generator.dutch import format_grade, format_percent
from generator.report import ChartSpec, Series

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzëéï'()/-ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=45)
LABEL = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
STYLE = ChartStyle()


def box(line):
    return (line.x, line.top, line.x + line.width, line.top + line.height)


def assert_clean(drawing, labels):
    for line in drawing.lines:
        left, top, right, bottom = box(line)
        assert left >= -0.01 and top >= -0.01 and right <= drawing.width + 0.01 and bottom <= drawing.height + 0.01
    boxes = [box(line) for line in drawing.lines]
    for index, first in enumerate(boxes):
        for second in boxes[index + 1:]:
            assert not (first[0] < second[2] - 0.01 and second[0] < first[2] - 0.01
                        and first[1] < second[3] - 0.01 and second[1] < first[3] - 0.01)
    for label in labels:
        assert label in drawing.texts
    bars = [(item.x, item.y, item.x + item.width, item.y + item.height) for item in drawing.boxes if item.meaningful]
    for line in drawing.lines:
        if line.behind == drawing.background:
            left, top, right, bottom = box(line)
            assert not any(left < bar[2] - 0.01 and bar[0] < right - 0.01 and top < bar[3] - 0.01
                           and bar[1] < bottom - 0.01 for bar in bars), line.text
        else:
            middle_x, middle_y = line.x + line.width / 2, line.top + line.height / 2
            cell = next(item for item in drawing.boxes
                        if item.x <= middle_x <= item.x + item.width and item.y <= middle_y <= item.y + item.height)
            assert cell.fill == line.behind
            assert cell.x <= line.x and line.x + line.width <= cell.x + cell.width, line.text


def series_of(values, unit="percent"):
    labels = tuple("" if value is None else (format_grade(value) if unit == "grade" else format_percent(value))
                   for value in values)
    return Series("Percentage", tuple(values), labels, tuple(False for _ in values))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LABEL, st.floats(0, 100)), min_size=1, max_size=15), st.sampled_from(["bar", "ordered-bar"]))
def test_bar_layout_is_clean_for_any_labels(rows, kind):
    series = series_of([value for _, value in rows])
    spec = ChartSpec(kind=kind, title="Vraag", categories=tuple(label for label, _ in rows), series=(series,),
                     notes=("Meerdere antwoorden mogelijk",))
    assert_clean(chart_layout(kind)(spec, STYLE), series.labels)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LABEL, min_size=1, max_size=8), st.lists(WORD, min_size=1, max_size=6), st.data())
def test_matrix_layout_is_clean_for_any_labels(rows, columns, data):
    series = tuple(
        series_of(data.draw(st.lists(st.one_of(st.none(), st.floats(0, 100)), min_size=len(rows), max_size=len(rows))))
        for _ in columns)
    series = tuple(Series(name, item.values, item.labels, item.approximate) for name, item in zip(columns, series))
    spec = ChartSpec(kind="matrix", title="Vraag", categories=tuple(rows), series=series)
    assert_clean(chart_layout("matrix")(spec, STYLE), [label for item in series for label in item.labels if label])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LABEL, st.floats(1, 10)), min_size=1, max_size=6))
def test_grade_layout_is_clean_for_any_labels(rows):
    series = series_of([value for _, value in rows], unit="grade")
    spec = ChartSpec(kind="grade", title="Cijfer", categories=tuple(label for label, _ in rows), series=(series,),
                     unit="grade", scale=(1.0, 10.0))
    assert_clean(chart_layout("grade")(spec, STYLE), series.labels)
