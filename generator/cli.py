"""The `barometer` command line: parses options, then hands off to one stage module.

Stage modules are imported inside each command so `barometer --help` stays instant.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator import __version__

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _path(**kwargs) -> click.Path:
    return click.Path(path_type=Path, **kwargs)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="barometer")
def main() -> None:
    """Turn survey findings into Dutch council decks and briefings."""


@main.command()
@click.argument("path", type=_path(), required=False)
def validate(path: Path | None) -> None:
    """Check a findings file (YAML, CSV or XLSX) and report every problem with its line."""
    from generator.project import load_project
    from generator.readers import load_survey

    project = load_project()
    path = path or project.data
    survey = load_survey(path)
    count = len(survey.findings)
    click.echo(f"{path}: OK: {len(survey.themes)} themes, {count} findings")


@main.command()
@click.option("--data", type=_path(), help="Findings file (YAML, CSV or XLSX).")
@click.option("--template", "template_dir", type=_path(), help="Template set folder.")
@click.option("--audiences", "audiences_path", type=_path(), help="Audiences file (YAML).")
@click.option("--out", "out_dir", type=_path(), help="Output folder.")
@click.option("--audience", "audience_ids", multiple=True, help="Build only this audience (repeatable).")
@click.option("--format", "formats", multiple=True, help="Build only this format: pptx, docx or pdf (repeatable).")
@click.option("--charts", "chart_mode", type=click.Choice(["picture", "native"]), default="picture",
              show_default=True, help="Deck charts as pictures or as editable PowerPoint charts.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Parallel worker processes (default: CPUs).")
@click.option("--force", is_flag=True, help="Rebuild everything, even files that are up to date.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failing output.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def build(**options) -> None:
    """Build every audience in every format (decks, briefings, PDFs) into the output folder."""
    from generator.build import BuildRequest, run_build
    from generator.project import load_project

    project = load_project()
    request = BuildRequest(
        data=options["data"] or project.data,
        template=options["template_dir"] or project.template,
        audiences=options["audiences_path"] or project.audiences,
        out=options["out_dir"] or project.out,
        audience_ids=tuple(options["audience_ids"]),
        formats=tuple(options["formats"]),
        native_charts=options["chart_mode"] == "native",
        jobs=options["jobs"],
        force=options["force"],
        fail_fast=options["fail_fast"],
        quiet=options["quiet"],
    )
    raise SystemExit(run_build(request))


@main.command()
@click.option("--data", type=_path(), help="Findings file (YAML, CSV or XLSX).")
@click.option("--template", "template_dir", type=_path(), help="Template set folder.")
@click.option("--out", "out_dir", type=_path(), help="Folder for the chart files (default: OUT/charts).")
def charts(data: Path | None, template_dir: Path | None, out_dir: Path | None) -> None:
    """Render every chart as PNG and SVG with readable file names."""
    from generator.charts.export import export_charts
    from generator.project import load_project

    project = load_project()
    written = export_charts(
        data=data or project.data,
        template=template_dir or project.template,
        out_dir=out_dir or project.out / "charts",
    )
    click.echo(f"{len(written)} chart files written")


@main.command()
@click.option("--data", type=_path(), help="Findings file (YAML, CSV or XLSX).")
@click.option("--template", "template_dir", type=_path(), help="Template set folder.")
@click.option("--audiences", "audiences_path", type=_path(), help="Audiences file (YAML).")
@click.option("--audience", "audience_id", required=True, help="The audience whose report to print.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of readable text.")
def report(data, template_dir, audiences_path, audience_id: str, as_json: bool) -> None:
    """Print one audience's format-neutral report, for review and debugging."""
    from generator.compose import report_for_audience
    from generator.project import load_project
    from generator.report import report_to_json, report_to_text

    project = load_project()
    result = report_for_audience(
        data=data or project.data,
        template=template_dir or project.template,
        audiences=audiences_path or project.audiences,
        audience_id=audience_id,
    )
    click.echo(report_to_json(result) if as_json else report_to_text(result), nl=False)


@main.command()
@click.argument("template", type=_path())
def inspect(template: Path) -> None:
    """List a .pptx template's layouts, placeholders and theme, and how roles would map."""
    from generator.writers.pptx_inspect import describe_template

    click.echo(describe_template(template))


@main.command()
@click.argument("directory", type=_path(file_okay=False))
def init(directory: Path) -> None:
    """Create a new project in DIRECTORY: template set, audiences and an example findings file."""
    from generator.project import init_project

    init_project(directory)
    click.echo(f"Project created in {directory}. Next: cd {directory} && barometer build")
