"""`barometer charts`: every chart of a survey as PNG and SVG files with readable names.

Files are named `<theme id>.<finding id>.png` / `.svg` (the chart id), so a communications
advisor can find a chart by its place in the findings file and drop it into any document. Ids
cannot contain the ".", so two findings never share a file.
"""

from __future__ import annotations

from pathlib import Path

from generator.charts.render import IMAGE_FORMATS, render_chart
from generator.charts.style import ChartStyle
from generator.errors import InputError, OutputError, problem_at
from generator.files import write_atomically
from generator.findings import Survey
from generator.notices import Notices


def export_charts(survey: Survey, style: ChartStyle, out_dir: Path) -> tuple[list[Path], Notices]:
    """Write `<chart id>.png` and `.svg` for every chart of `survey` into `out_dir`: the files in survey
    order, and the labels whose characters no installed font can show."""
    from generator.charts.content import survey_charts
    from generator.charts.render import chart_notices

    charts = survey_charts(survey)
    rendered = [
        (_output_path(out_dir, chart.chart_id, image_format), render_chart(chart.spec, style, image_format))
        for chart in charts
        for image_format in IMAGE_FORMATS
    ]
    written = []
    for path, content in rendered:
        try:
            write_atomically(path, content)
        except OSError as error:
            raise OutputError(f"cannot write the chart: {error.strerror or error}", path) from None
        written.append(path)
    return written, chart_notices(charts, style)


def _output_path(out_dir: Path, chart_id: str, image_format: str) -> Path:
    """`out_dir/<chart id>.<format>`, refusing any id that would land outside `out_dir`."""
    root = out_dir.resolve()
    path = (root / f"{chart_id}.{image_format}").resolve()
    if path.parent != root or chart_id.startswith("."):
        raise InputError(problem_at(out_dir, f"chart id {chart_id!r} is not a safe file name"))
    return path
