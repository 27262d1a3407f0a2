"""The `barometer` command line: parses options, then hands off to one stage module.

Stage modules are imported inside each command so `barometer --help` stays instant.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator import __version__

CONTEXT = {"help_option_names": ["-h", "--help"]}


class GuardedCommand(click.Command):
    """A command whose unexpected exceptions are reported once as an internal error (exit 1) naming
    the input being processed, instead of a traceback; BAROMETER_DEBUG=1 shows the traceback."""

    def invoke(self, ctx: click.Context):
        from generator.errors import INPUT_ATTRIBUTE, InternalError, debugging, display_path

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if debugging():
                raise
            paths = [display_path(value) for value in ctx.params.values() if isinstance(value, Path)]
            source = getattr(error, INPUT_ATTRIBUTE, None) or ", ".join(paths) or "the project in the working folder"
            raise InternalError(error, source) from None


class Barometer(click.Group):
    command_class = GuardedCommand


def _path(**kwargs) -> click.Path:
    return click.Path(path_type=Path, **kwargs)


@click.group(cls=Barometer, context_settings=CONTEXT)
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
@click.option("--each", metavar="VARIABLE", help="One document set per value of this respondent-data variable.")
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
        each=options["each"],
    )
    raise SystemExit(run_build(request))


@main.command()
@click.option("--data", type=_path(), help="Findings file (YAML) whose survey names 'responses:'.")
@click.option("--out", "out_file", type=_path(dir_okay=False), help="Write to this YAML file instead of standard output.")
def tabulate(data: Path | None, out_file: Path | None) -> None:
    """Compute findings from respondent data and print them as an ordinary findings file."""
    from generator.project import load_project
    from generator.responses.dump import tabulated_findings, write_tabulated

    path = data or load_project().data
    if out_file is None:
        click.echo(tabulated_findings(path), nl=False)
    else:
        write_tabulated(path, out_file)
        click.echo(f"{out_file}: tabulated findings written", err=True)


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
    from generator.writers.pptx.inspect import describe_template

    click.echo(describe_template(template))


@main.command()
@click.argument("directory", type=_path(file_okay=False))
def init(directory: Path) -> None:
    """Create a new project in DIRECTORY: template set, audiences and an example findings file."""
    from generator.project import init_project

    init_project(directory)
    click.echo(f"Project created in {directory}. Next: cd {directory} && barometer build")


@main.command()
@click.argument("edited", type=_path())
@click.option("--out", "out_path", type=_path(), help="The updated file (required unless --in-place).")
@click.option("--data", type=_path(), help="Findings file (YAML, CSV or XLSX).")
@click.option("--audiences", "audiences_path", type=_path(), help="Audiences file (YAML).")
@click.option("--template", "template_dir", type=_path(), help="Template set folder.")
@click.option("--json", "as_json", is_flag=True, help="Write and print the change report as JSON.")
@click.option("--add-new", is_flag=True, help="Add slides for findings that are new in the data.")
@click.option("--in-place", is_flag=True, help="Replace EDITED itself, atomically, once the update is complete.")
def update(edited: Path, out_path, data, audiences_path, template_dir, as_json: bool, add_new: bool,
           in_place: bool) -> None:
    """Put new figures into a deck or briefing that was edited after `barometer build`."""
    from generator.project import load_project
    from generator.update import UpdateRequest, run_update

    if (out_path is None) != in_place:
        raise click.UsageError("give --out UPDATED (a new file) or --in-place, not both or neither")
    project = load_project()
    result = run_update(UpdateRequest(
        edited=edited, out=out_path or edited, data=data or project.data,
        audiences=audiences_path or project.audiences, template=template_dir or project.template,
        as_json=as_json, add_new=add_new, in_place=in_place,
    ))
    click.echo(result.text, nl=False)
    if not as_json:
        click.echo(f"Change report written to {result.report_path}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=_path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of readable text.")
def check(files: tuple[Path, ...], as_json: bool) -> None:
    """Check .pptx, .docx and .pdf files for accessibility; exit 1 when any check fails."""
    from generator.checks import inspect_files
    from generator.checks.summary import results_to_json, results_to_text
    from generator.errors import InputError

    results, unreadable = inspect_files(list(files))
    if results:
        click.echo(results_to_json(results) if as_json else results_to_text(results), nl=False)
    if unreadable:
        raise InputError(unreadable)
    raise SystemExit(0 if all(result.passed for result in results) else 1)
