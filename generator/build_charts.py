"""The build's chart stage: each distinct chart of the reports rendered once per image format, in parallel,
through the on-disk cache (generator.charts.cache), and the images each document places.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from generator.build_jobs import Outcome
from generator.files import sha256_of
from generator.notices import Notices
from generator.report import Chart, ChartSpec, Report
from generator.writers import WRITERS, writer_info

if TYPE_CHECKING:
    from generator.template_set import TemplateSet


def chart_images(reports: dict[str, Report], formats: tuple[str, ...], template: TemplateSet, cache_dir: Path,
                 pool: ProcessPoolExecutor | None,
                 workers: int) -> tuple[dict[tuple[str, str], dict[str, Path]], int, int, Notices]:
    """(report key, format) -> chart id -> image, each distinct chart rendered once per image format the
    formats place; with the charts rendered and reused, and what the user should know about them."""
    charts = distinct_charts(reports)
    by_format, rendered, reused, notices = {}, 0, 0, Notices()
    for image_format in dict.fromkeys(kind for fmt in formats for kind in writer_info(fmt).image_formats):
        result = render_charts(charts, template, cache_dir, pool, workers, image_format)
        by_format[image_format] = result.images
        rendered, reused = rendered + result.rendered, reused + result.reused
        notices.extend(result.notices)
    images = {(report_key, fmt): {chart.chart_id: by_format[writer_info(fmt).image_formats[0]][chart.spec]
                                  for chart in report.charts}
              for report_key, report in reports.items() for fmt in formats}
    return images, rendered, reused, notices


def distinct_charts(reports: dict[str, Report]) -> tuple[Chart, ...]:
    """One chart per distinct spec across `reports` (an audience may see a finding's chart with other
    notes). Images are found per report by chart id, so one id standing for two charts in one report
    would show one finding's picture for another's: that stops the build."""
    charts: dict[ChartSpec, Chart] = {}
    for report in reports.values():
        specs: dict[str, ChartSpec] = {}
        for chart in report.charts:
            if specs.setdefault(chart.chart_id, chart.spec) != chart.spec:
                raise RuntimeError(f"chart id {chart.chart_id!r} stands for two different charts")
            charts.setdefault(chart.spec, chart)
    return tuple(charts.values())


class RenderedCharts(NamedTuple):
    images: dict[ChartSpec, Path]
    """Each chart's image file in the cache, by spec."""
    rendered: int
    reused: int
    notices: Notices
    """The style's (a font not installed, a colour darkened) and the labels' (characters no font has)."""


def render_charts(charts, template, cache_dir: Path, pool: ProcessPoolExecutor | None, workers: int = 1,
                  image_format: str = "png") -> RenderedCharts:
    """Each distinct chart's image, rendered once (in parallel) or reused from the cache in `cache_dir`."""
    from generator.charts.style import chart_style_and_notices

    style, notices = chart_style_and_notices(template)
    if pool is None or len(charts) < 4:
        results = [_render_chunk(cache_dir, style, charts, image_format)]
    else:
        chunks = [charts[index::workers] for index in range(workers)]
        results = list(pool.map(_render_chunk, [cache_dir] * len(chunks), [style] * len(chunks), chunks,
                                [image_format] * len(chunks)))
    from generator.charts.render import chart_notices

    notices.extend(chart_notices(charts, style))  # once here: chunks would each name a shared label
    return RenderedCharts({spec: path for result in results for spec, path in result.images.items()},
                          sum(result.rendered for result in results), sum(result.reused for result in results),
                          notices)


def _render_chunk(cache_dir: Path, style, charts, image_format: str = "png") -> RenderedCharts:
    from generator.charts.cache import ChartCache

    cache = ChartCache(cache_dir)
    images = {chart.spec: cache.image_for(chart.spec, style, image_format, chart.chart_id) for chart in charts}
    return RenderedCharts(images, cache.rendered, cache.reused, cache.notices)


def linked_images(out: Path, outcomes: list[Outcome], images) -> dict[str, str]:
    """The chart images that written files of image-linking formats refer to (relative to `out`), with their
    checksums: a later build is up to date only while they are still there."""
    linked = {}
    for outcome in outcomes:
        job = outcome.job
        if outcome.status != "failed" and job.format in WRITERS and writer_info(job.format).links_images:
            for path in images.get((job.audience, job.format), {}).values():
                linked[str(path.relative_to(out))] = sha256_of(path)
    return dict(sorted(linked.items()))
