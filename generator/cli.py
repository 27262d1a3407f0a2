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
    from generator.readers import read_survey

    project = load_project()
    path = path or project.data
    survey, notices = read_survey(path)
    _show_notices(notices)
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
    result = run_build(request, progress=None if request.quiet else _ProgressBar)
    _show_build(result, request.quiet)
    raise SystemExit(result.exit_code)


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
    from generator.charts.style import chart_style_and_notices
    from generator.inputs import load_inputs
    from generator.project import load_project

    project = load_project()
    inputs = load_inputs(data or project.data, template_dir or project.template)
    style, style_notices = chart_style_and_notices(inputs.template)
    written, chart_notices = export_charts(inputs.survey, style, out_dir or project.out / "charts")
    _show_notices([*inputs.notices, *style_notices, *chart_notices])
    click.echo(f"{len(written)} chart files written")


@main.command()
@click.option("--data", type=_path(), help="Findings file (YAML, CSV or XLSX).")
@click.option("--template", "template_dir", type=_path(), help="Template set folder.")
@click.option("--audiences", "audiences_path", type=_path(), help="Audiences file (YAML).")
@click.option("--audience", "audience_id", required=True, help="The audience whose report to print.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of readable text.")
def report(data, template_dir, audiences_path, audience_id: str, as_json: bool) -> None:
    """Print one audience's format-neutral report, for review and debugging."""
    from generator.audiences import find_audience
    from generator.compose import compose_report, report_date
    from generator.inputs import load_inputs
    from generator.project import load_project
    from generator.report import report_to_json
    from generator.writers.markdown import report_to_text

    project = load_project()
    audiences_path = audiences_path or project.audiences
    inputs = load_inputs(data or project.data, template_dir or project.template, audiences_path)
    _show_notices(inputs.notices)
    audience = find_audience(inputs.audiences, audience_id, audiences_path)
    result = compose_report(inputs.survey, audience, inputs.template, report_date())
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
    _show_notices(result.notices)
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


def _show_notices(notices) -> None:
    """Each warning once, on stderr, as "warning: ..."."""
    for notice in dict.fromkeys(str(notice) for notice in notices):
        click.echo(notice if notice.startswith("warning: ") else f"warning: {notice}", err=True)


def _show_build(result, quiet: bool) -> None:
    """What a build did: warnings, accessibility problems, the files written and failed, the totals."""
    _show_notices(result.notices)
    for problem in result.accessibility:
        click.echo(f"accessibility: {problem}", err=True)
    if result.accessibility:
        click.echo(f"accessibility: {len(result.accessibility)} problems; run `barometer check` on the files for "
                   "details", err=True)
    counts = {status: [outcome for outcome in result.outcomes if outcome.status == status]
              for status in ("built", "up to date", "failed")}
    if not quiet:
        for outcome in sorted(counts["built"], key=lambda outcome: str(outcome.job.path)):
            click.echo(f"wrote {outcome.job.path}")
    for outcome in counts["failed"]:
        click.echo(f"FAILED {outcome.job.path}: {outcome.error}", err=True)
    if not counts["built"] and not counts["failed"]:
        click.echo("Everything is up to date.")
    click.echo(f"{len(counts['built'])} built, {len(counts['up to date'])} up to date, {len(counts['failed'])} "
               f"failed; charts: {result.rendered} rendered, {result.reused} reused.")
    for line in result.skipped:
        click.echo(line)


class _ProgressBar:
    """click's progress bar on stderr, shown only on a terminal."""

    def __init__(self, length: int) -> None:
        import sys

        self.bar = None
        if sys.stdout.isatty() and length:
            self.bar = click.progressbar(length=length, label="Bouwen", file=sys.stderr)
            self.bar.__enter__()

    def update(self, steps: int) -> None:
        if self.bar is not None:
            self.bar.update(steps)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

