"""Chart images: every value printed, nothing overlapping or cut off, readable, reproducible."""

from __future__ import annotations

import dataclasses
import io
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from generator.charts import UnknownChartKind, chart_kind_problem, chart_kinds, chart_layout
from generator.charts.content import survey_charts
from generator.charts.contrast import GRAPHICS_CONTRAST, TEXT_CONTRAST, contrast_ratio, relative_luminance
from generator.charts.render import render_chart
from generator.charts.style import ChartStyle
from generator.readers import load_survey
from generator.report import ChartSpec, Series
from test_charts_data import long_label_survey, sample_survey

STYLE = ChartStyle()
SEED_DATA = Path(__file__).resolve().parents[2] / "data" / "barometer-burgerparticipatie.yaml"
CHARTS = {chart.chart_id: chart for survey in (sample_survey(), long_label_survey()) for chart in survey_charts(survey)}
CHARTS.update({f"seed-{chart.chart_id}": chart for chart in survey_charts(load_survey(SEED_DATA))})
MIN_POINT_SIZE = 12


def drawing_of(chart, style=STYLE):
    return chart_layout(chart.spec.kind)(chart.spec, style)


def overlaps(a, b) -> bool:
    return a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01


def text_box(line):
    return (line.x, line.top, line.x + line.width, line.top + line.height)


@pytest.fixture(params=sorted(CHARTS), ids=sorted(CHARTS))
def chart(request):
    return CHARTS[request.param]


def test_every_value_label_is_printed(chart):
    texts = drawing_of(chart).texts
    for series in chart.spec.series:
        for label in series.labels:
            if label:
                assert label in texts


def test_no_text_is_cut_off(chart):
    drawing = drawing_of(chart)
    for line in drawing.lines:
        left, top, right, bottom = text_box(line)
        assert left >= 0 and top >= 0 and right <= drawing.width and bottom <= drawing.height, line.text


def test_no_two_texts_overlap(chart):
    lines = drawing_of(chart).lines
    for index, first in enumerate(lines):
        for second in lines[index + 1:]:
            assert not overlaps(text_box(first), text_box(second)), (first.text, second.text)


def test_text_on_the_background_never_touches_a_bar(chart):
    drawing = drawing_of(chart)
    bars = [(box.x, box.y, box.x + box.width, box.y + box.height) for box in drawing.boxes if box.meaningful]
    for line in drawing.lines:
        if line.behind == drawing.background:
            assert not any(overlaps(text_box(line), bar) for bar in bars), line.text


def test_every_text_has_enough_contrast_with_what_is_behind_it(chart):
    for line in drawing_of(chart).lines:
        assert contrast_ratio(line.color, line.behind) >= TEXT_CONTRAST, line.text


def test_every_bar_colour_has_enough_contrast_with_the_background(chart):
    drawing = drawing_of(chart)
    for box in drawing.boxes:
        if box.meaningful:
            assert contrast_ratio(box.fill, drawing.background) >= GRAPHICS_CONTRAST


def test_text_is_readable_when_projected(chart):
    assert min(line.size for line in drawing_of(chart).lines) >= MIN_POINT_SIZE


APPROXIMATE_BARS = sorted(chart_id for chart_id, chart in CHARTS.items()
                          if chart.spec.kind != "matrix" and any(any(s.approximate) for s in chart.spec.series))


@pytest.mark.parametrize("chart_id", APPROXIMATE_BARS)
def test_approximate_values_are_hatched_and_marked(chart_id):
    chart = CHARTS[chart_id]
    drawing = drawing_of(chart)
    approximate_labels = [label for series in chart.spec.series
                          for label, approx in zip(series.labels, series.approximate) if approx]
    assert all(label[0] in "~<>" for label in approximate_labels)
    assert sum(1 for box in drawing.boxes if box.hatch_color) == len(approximate_labels)
    assert any("bij benadering" in note for note in chart.spec.notes)


def test_matrix_shows_unreported_cells_as_a_dash_not_zero():
    chart = CHARTS["opbrengsten.participatieniveau"]
    texts = drawing_of(chart).texts
    missing = sum(value is None for series in chart.spec.series for value in series.values)
    assert texts.count("–") == missing and "0%" not in texts


def test_grade_prints_the_mean_with_a_decimal_comma():
    texts = drawing_of(CHARTS["uitvoering.rapportcijfer"]).texts
    assert "6,7" in texts and "1" in texts and "10" in texts


def test_multiple_response_chart_says_so():
    assert "Meerdere antwoorden mogelijk" in drawing_of(CHARTS["doelen.doelstellingen"]).texts


def test_bars_are_sorted_for_multi_and_kept_in_order_for_single():
    sorted_drawing = drawing_of(CHARTS["doelen.kernwaarden"])
    values = [line.text for line in sorted_drawing.lines if line.text.endswith("%")]
    assert values == sorted(values, key=lambda text: -int(text.rstrip("%")))
    ordered = drawing_of(CHARTS["uitvoering.aantal-trajecten"]).texts
    assert ordered.index("5 of minder") < ordered.index("16 of meer")


def test_height_grows_with_the_number_of_items():
    small, large = drawing_of(CHARTS["doelen.doelstellingen"]), drawing_of(CHARTS["organisatie.nodig"])
    assert small.width == large.width and large.height > small.height


def png_chunks(data: bytes) -> list[bytes]:
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunks.append(kind)
        position += 12 + length
    return chunks


def test_png_is_a_valid_image_at_the_documented_size(chart):
    data = render_chart(chart.spec, STYLE, "png")
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.width == STYLE.width_inches * STYLE.dpi
    assert round(image.info["dpi"][0]) == STYLE.dpi


def test_png_has_no_time_or_software_metadata():
    data = render_chart(CHARTS["doelen.doelstellingen"].spec, STYLE, "png")
    assert set(png_chunks(data)) == {b"IHDR", b"pHYs", b"IDAT", b"IEND"}


def test_svg_has_no_date_or_creator():
    data = render_chart(CHARTS["doelen.doelstellingen"].spec, STYLE, "svg").decode("utf-8")
    assert data.startswith("<?xml") and "<dc:date>" not in data and "Matplotlib v" not in data


RENDER_IN_CHILD = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from test_charts_data import sample_survey
from generator.charts.content import survey_charts
from generator.charts.render import render_chart
from generator.charts.style import ChartStyle
digest = hashlib.sha256()
for chart in survey_charts(sample_survey()):
    for image_format in ("png", "svg"):
        digest.update(render_chart(chart.spec, ChartStyle(), image_format))
print(digest.hexdigest())
"""


def test_images_are_byte_identical_across_processes():
    tests = str(Path(__file__).resolve().parent)
    runs = {subprocess.run([sys.executable, "-c", RENDER_IN_CHILD, tests], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1 and len(runs.pop().strip()) == 64


def test_bars_use_the_style_colour():
    style = dataclasses.replace(STYLE, palette=("#7A1F5C",))
    image = np.asarray(Image.open(io.BytesIO(render_chart(CHARTS["doelen.doelstellingen"].spec, style, "png"))))
    colors = {tuple(pixel) for pixel in image.reshape(-1, 4)[:, :3].tolist()}
    assert (0x7A, 0x1F, 0x5C) in colors and (0x00, 0x72, 0xB2) not in colors


def test_unknown_chart_kind_lists_the_known_kinds():
    spec = ChartSpec(kind="taart", title="T", categories=("a",), series=(Series("s", (1.0,), ("1%",)),))
    with pytest.raises(UnknownChartKind) as caught:
        render_chart(spec, STYLE, "png")
    assert all(kind in str(caught.value) for kind in chart_kinds())


def test_unknown_image_format_is_refused():
    with pytest.raises(ValueError, match="png, svg"):
        render_chart(CHARTS["doelen.doelstellingen"].spec, STYLE, "gif")


@pytest.mark.parametrize(("kind", "series_count", "fragment"), [
    ("taart", 1, "known chart kinds: bar, dumbbell, grade, grade-comparison, grouped-bar, line, matrix, ordered-bar"),
    ("bar", 3, "needs 'matrix'"),
    ("matrix", 1, None),
    ("ordered-bar", 1, None),
], ids=["unknown", "bar-for-matrix", "matrix-for-single", "ordered"])
def test_chart_kind_override_is_checked_before_rendering(kind, series_count, fragment):
    problem = chart_kind_problem(kind, series_count)
    assert problem is None if fragment is None else fragment in problem


BAR_CHARTS = sorted(chart_id for chart_id, chart in CHARTS.items() if chart.spec.kind in ("bar", "ordered-bar"))


@pytest.mark.parametrize("chart_id", BAR_CHARTS)
def test_bar_lengths_are_proportional_to_the_values(chart_id):
    chart = CHARTS[chart_id]
    drawing = drawing_of(chart)
    bars = sorted((box for box in drawing.boxes if box.meaningful), key=lambda box: box.y)
    values = [value for value in chart.spec.series[0].values if value]
    if chart.spec.kind == "bar":
        values.sort(reverse=True)
    assert len(bars) == len(values)
    per_point = [bar.width / value for bar, value in zip(bars, values)]
    assert max(per_point) == pytest.approx(min(per_point), rel=1e-6)


def test_grade_bar_ends_at_the_mean_on_its_scale():
    chart = CHARTS["uitvoering.rapportcijfer"]
    drawing = drawing_of(chart)
    track = next(box for box in drawing.boxes if not box.meaningful)
    filled = next(box for box in drawing.boxes if box.meaningful)
    low, high = chart.spec.scale
    assert filled.width / track.width == pytest.approx((6.7 - low) / (high - low))


def test_matrix_cells_get_darker_as_values_rise():
    chart = CHARTS["organisatie.matrix-lang"]
    drawing = drawing_of(chart)
    cells = {(round(box.x), round(box.y)): box.fill for box in drawing.boxes}
    shade = {}
    for line in drawing.lines:
        if line.behind != drawing.background and line.text != "–":
            shade[float(line.text.rstrip("%").replace(",", "."))] = relative_luminance(line.behind)
    ordered = [shade[value] for value in sorted(shade)]
    assert ordered == sorted(ordered, reverse=True) and len(cells) > len(shade)
