"""`barometer charts`: every chart of a survey as PNG and SVG files with readable names.

Files are named `<theme id>.<finding id>.png` / `.svg` (the chart id), so a communications
advisor can find a chart by its place in the findings file and drop it into any document. Ids
cannot contain the ".", so two findings never share a file.
"""

from __future__ import annotations

from pathlib import Path

from generator.files import write_atomically
from generator.charts.render import IMAGE_FORMATS, render_chart
from generator.charts.style import ChartStyle, chart_style_for
from generator.errors import InputError, problem_at
from generator.findings import Survey
from generator.template_set import load_template_set


def export_charts(data: Path, template: Path, out_dir: Path) -> list[Path]:
    """Render every chart of the survey in `data` in the style of `template` into `out_dir`."""
    from generator.readers import load_survey

    survey = load_survey(Path(data))
    style = chart_style_for(load_template_set(Path(template)))
    return export_survey_charts(survey, style, Path(out_dir))


def export_survey_charts(survey: Survey, style: ChartStyle, out_dir: Path) -> list[Path]:
    """Write `<chart id>.png` and `.svg` for every chart of `survey`; returns the files in survey order."""
    from generator.charts.content import survey_charts

    charts = survey_charts(survey)
    rendered = [
        (_output_path(out_dir, chart.chart_id, image_format), render_chart(chart.spec, style, image_format))
        for chart in charts
        for image_format in IMAGE_FORMATS
    ]
    written = []
    for path, content in rendered:
        write_atomically(path, content)
        written.append(path)
    return written


def _output_path(out_dir: Path, chart_id: str, image_format: str) -> Path:
    """`out_dir/<chart id>.<format>`, refusing any id that would land outside `out_dir`."""
    root = out_dir.resolve()
    path = (root / f"{chart_id}.{image_format}").resolve()
    if path.parent != root or chart_id.startswith("."):
        raise InputError(problem_at(out_dir, f"chart id {chart_id!r} is not a safe file name"))
    return path
