"""The chart cache: each distinct chart is drawn once, across documents, runs and workers."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

from PIL import Image

from generator.charts.cache import ChartCache
from generator.charts.content import survey_charts
from generator.charts.style import ChartStyle
from generator.findings import Value
from test_charts_data import sample_survey

STYLE = ChartStyle()


def specs(survey=None):
    return [chart.spec for chart in survey_charts(survey or sample_survey())]


def build(directory: Path, chart_specs, style=STYLE) -> ChartCache:
    """What a build does: every audience and format asks for its charts' images."""
    cache = ChartCache(directory)
    for _document in range(4):
        for spec in chart_specs:
            cache.image_for(spec, style, "png")
    return cache


def test_first_build_renders_each_distinct_chart_once(tmp_path):
    cache = build(tmp_path, specs())
    assert cache.rendered == len(specs())
    assert cache.reused == 3 * len(specs())


def test_second_build_renders_nothing(tmp_path):
    build(tmp_path, specs())
    second = build(tmp_path, specs())
    assert second.rendered == 0


def with_one_number_changed():
    survey = sample_survey()
    theme = survey.themes[0]
    finding = theme.findings[0]
    item = dataclasses.replace(finding.items[2], value=Value(51))
    finding = dataclasses.replace(finding, items=(finding.items[:2] + (item,) + finding.items[3:]))
    theme = dataclasses.replace(theme, findings=(finding,) + theme.findings[1:])
    return dataclasses.replace(survey, themes=(theme,) + survey.themes[1:])


def test_changing_one_number_renders_exactly_one_chart(tmp_path):
    build(tmp_path, specs())
    cache = build(tmp_path, specs(with_one_number_changed()))
    assert cache.rendered == 1


def test_changing_the_style_renders_every_chart_again(tmp_path):
    build(tmp_path, specs())
    cache = build(tmp_path, specs(), dataclasses.replace(STYLE, palette=("#7A1F5C",)))
    assert cache.rendered == len(specs())


def test_png_and_svg_are_cached_separately(tmp_path):
    cache = ChartCache(tmp_path)
    spec = specs()[0]
    png, svg = cache.image_for(spec, STYLE, "png"), cache.image_for(spec, STYLE, "svg")
    assert (png.suffix, svg.suffix, cache.rendered) == (".png", ".svg", 2)


def _render_in_worker(directory: str) -> tuple[int, int]:
    cache = build(Path(directory), specs())
    return cache.rendered, cache.reused


def test_parallel_workers_share_one_cache_folder_safely(tmp_path):
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        results = pool.map(_render_in_worker, [str(tmp_path)] * 3)
    files = sorted(tmp_path.iterdir())
    assert len(files) == len(specs())
    assert not [path for path in files if path.name.startswith(".")]
    for path in files:
        with Image.open(path) as image:
            image.verify()
    assert sum(reused for _, reused in results) >= 3 * 3 * len(specs())
