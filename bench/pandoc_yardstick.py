"""The yardstick: pandoc assembling comparable documents from ready chart PNGs.

For every default audience the report is written as Markdown (title, key messages, sections,
paragraphs, lists, one picture and one pipe table per chart, with the chart PNGs barometer
renders), then `pandoc` turns each into a .docx and a .pptx, once with the default template
set's briefing and deck as reference documents (the same 8 files, minus everything barometer
decides) and once in pandoc's own style. Only the pandoc runs are timed. `python bench/pandoc_yardstick.py` prints the time; bench_build.py uses it.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEED = REPO / "data" / "barometer-burgerparticipatie.yaml"
AUDIENCES = REPO / "data" / "audiences.yaml"
TEMPLATE = REPO / "templates" / "default"


def pandoc_version() -> str | None:
    """pandoc's version line, or None when pandoc is not installed."""
    if shutil.which("pandoc") is None:
        return None
    result = subprocess.run(["pandoc", "--version"], capture_output=True, text=True)
    return result.stdout.splitlines()[0] if result.returncode == 0 else None


def report_to_markdown(report, images: dict) -> str:
    """The report as Markdown pandoc can assemble: headings, text, lists, pictures and tables."""
    from generator.report import BulletList, Figure, Heading, KeyFigures, Note, Paragraph, Quote, SourceLine

    lines = [f"---\ntitle: \"{report.title}\"\nsubtitle: \"{report.subtitle}\"\nlang: nl-NL\n---", ""]
    if report.key_messages:
        lines += ["# Kernboodschappen", "", *(f"- {message}" for message in report.key_messages), ""]

    def block_lines(block) -> list[str]:
        if isinstance(block, Heading):
            return [f"{'#' * min(block.level + 1, 6)} {block.text}", ""]
        if isinstance(block, (Paragraph, Note, SourceLine)):
            return [block.text, ""]
        if isinstance(block, Quote):
            return [f"> {block.text}", ""]
        if isinstance(block, BulletList):
            return [*(f"{'1.' if block.numbered else '-'} {item}" for item in block.items), ""]
        if isinstance(block, KeyFigures):
            return [*(f"- **{figure.value}** {figure.label}" for figure in block.figures), ""]
        if isinstance(block, Figure):
            table = block.chart.table
            rows = [f"| {' | '.join(table.header)} |", f"|{'---|' * len(table.header)}",
                    *(f"| {' | '.join(row)} |" for row in table.rows)]
            return [f"## {block.title}", "", f"![{block.chart.alt_text}]({images[block.chart.chart_id]})", "",
                    block.text, "", *rows, "", f": {table.caption}", ""]
        return []

    for part in (report.introduction, report.method):
        for block in part:
            lines += block_lines(block)
    for section in report.sections:
        lines += [f"# {section.title}", "", section.summary, ""]
        for block in section.blocks:
            lines += block_lines(block)
    for block in report.closing:
        lines += block_lines(block)
    return "\n".join(lines) + "\n"


def prepare(folder: Path) -> list[Path]:
    """The Markdown of every default audience, with the chart PNGs beside it (not timed)."""
    from generator.audiences import load_audiences
    from generator.build_charts import distinct_charts, render_charts
    from generator.compose import compose_report, report_date
    from generator.readers import load_survey
    from generator.template_set import load_template_set

    survey = load_survey(SEED)
    template = load_template_set(TEMPLATE)
    reports = {audience.id: compose_report(survey, audience, template, report_date())
               for audience in load_audiences(AUDIENCES, survey)}
    by_spec = render_charts(distinct_charts(reports), template, folder / "charts", None).images
    sources = []
    for audience_id, report in reports.items():
        images = {chart.chart_id: by_spec[chart.spec] for chart in report.charts}
        source = folder / f"{audience_id}.md"
        source.write_text(report_to_markdown(report, images), encoding="utf-8")
        sources.append(source)
    return sources


def assemble(sources: list[Path], out: Path, house_style: bool = True) -> tuple[float, float]:
    """Wall and CPU seconds of pandoc writing a .docx and a .pptx of every source, one after another;
    with `house_style`, the default template set's briefing and deck are the reference documents."""
    out.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for source in sources:
        for fmt, reference in (("docx", TEMPLATE / "briefing.docx"), ("pptx", TEMPLATE / "deck.pptx")):
            command = ["pandoc", str(source), "-o", str(out / f"{source.stem}.{fmt}")]
            subprocess.run(command + ([f"--reference-doc={reference}"] if house_style else []), check=True,
                           capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def pandoc_times(folder: Path, repeat: int = 3) -> dict[str, tuple[float, float]] | None:
    """The fastest of `repeat` assemblies (wall, cpu) with and without the house style, or None without pandoc."""
    if pandoc_version() is None:
        return None
    sources = prepare(folder)
    return {variant: min(assemble(sources, folder / f"pandoc-{variant}-{run}", variant == "house style")
                         for run in range(repeat))
            for variant in ("house style", "pandoc's own style")}


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795824000")
    version = pandoc_version()
    if version is None:
        print("pandoc is not installed: no yardstick (apt-get install pandoc)")
        return
    with tempfile.TemporaryDirectory(prefix="barometer-pandoc-") as folder:
        times = pandoc_times(Path(folder))
    for variant, (wall, cpu) in times.items():
        print(f"{version}, {variant}: 8 files from ready PNGs in {wall:.2f} s wall, {cpu:.2f} s cpu")


if __name__ == "__main__":
    main()
