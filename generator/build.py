"""The batch build: every audience in every format, validated first, then written in parallel.

Stages: load and validate every input, compose and audit every report, check the templates
(nothing is written until all of that passed) -> lock the output folder -> render each distinct
chart once through the on-disk cache -> write documents in worker processes -> convert to PDF
-> write the manifest. Files are replaced atomically; an output whose inputs did not change and
whose file still matches the manifest is left alone. A second build into a folder that is being
written to stops at once with exit 2.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import __version__
from generator.errors import EXIT_OK, EXIT_PARTIAL_FAILURE, InputError, display_path, problem_at, processing
from generator.files import recording_reads, remove_stale_temporaries, sha256_of, write_atomically
from generator.findings import Survey
from generator.output_folder import (CACHE_FOLDER, check_distinct_outputs, check_output_folder, file_matches,
                                     output_lock, output_path, pdf_path, read_manifest, write_manifest)
from generator.report import Chart, ChartSpec, Report, report_to_json
from generator.worker_pool import worker_count, worker_pool

if TYPE_CHECKING:
    from generator.audiences import Audience
    from generator.responses.groups import GroupSurvey, SkippedGroup
    from generator.template_set import TemplateSet

PDF = "pdf"
WORKER_MODULES = ("generator.compose", "generator.charts.cache", "generator.writers.pptx.writer",
                  "generator.writers.docx.writer")
"""What workers run, imported before they are forked so each starts with it instead of importing it again."""


@dataclass(frozen=True)
class BuildRequest:
    """What the user asked for on the command line."""

    data: Path
    template: Path
    audiences: Path
    out: Path
    audience_ids: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    native_charts: bool = False
    jobs: int | None = None
    force: bool = False
    fail_fast: bool = False
    quiet: bool = False
    each: str | None = None
    """A variable of the respondent data: one document set per value (`--each wijk`)."""


@dataclass(frozen=True)
class Job:
    """One output file: an audience's report in one format."""

    audience: str
    format: str
    path: Path
    """Relative to the output folder."""
    key: str
    """Hash of everything the file depends on; unchanged key and file means up to date."""
    source: Path | None = None
    """For a PDF: the document it is converted from (relative to the output folder)."""


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str
    """"built", "up to date" or "failed"."""
    sha256: str = ""
    pages: int | None = None
    charts: int = 0
    error: str = ""


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, loaded and validated; nothing written yet."""

    survey: Survey
    template: TemplateSet
    audiences: tuple[Audience, ...]
    """The audiences to build, in file order."""
    formats: dict[str, tuple[str, ...]]
    """Formats to build per audience id."""
    groups: tuple[GroupSurvey, ...] = ()
    """With `--each`: one survey per group; each audience's reports are written per group."""
    skipped_groups: tuple[SkippedGroup, ...] = ()


def run_build(request: BuildRequest) -> int:
    """Build what `request` asks for; the exit code (0, or 1 when some outputs failed).

    Bad input raises `InputError` (exit 2) before any file is written. One pool of worker
    processes serves every stage, so workers are started once; the output folder is locked
    while the build writes to it.
    """
    from generator.up_to_date import current_entries

    current = None if request.force or request.each else current_entries(request)
    if current is not None:
        worker_count(request.jobs, 1)
        entries, charts = current
        return report_outcomes([Outcome(Job(entry["audience"], entry["format"], Path(entry["path"]), entry["key"]),
                                        "up to date", entry["sha256"], entry.get("pages"), entry.get("charts", 0))
                                for entry in entries], 0, charts, request.quiet)
    with recording_reads() as read:
        inputs = load_inputs(request)
    out = Path(request.out)
    check_output_folder(out)
    workers = worker_count(request.jobs, len(planned_outputs(inputs)))
    if workers > 1:
        for module in WORKER_MODULES:
            importlib.import_module(module)
    with worker_pool(workers) as pool:
        reports = compose_reports(request, inputs, pool)
        with output_lock(out):
            code = write_outputs(request, inputs, reports, pool, workers, tuple(read))
    for group in inputs.skipped_groups:
        click.echo(f"no documents for {request.each} {group.label!r}: {group.respondents} respondents, "
                   f"fewer than the minimum base of {group.min_base}")
    return code


def write_outputs(request: BuildRequest, inputs: Inputs, reports: dict[str, Report], pool, workers: int,
                  read: tuple[Path, ...] = ()) -> int:
    """Render charts, write documents and PDFs, then the manifest; the exit code. `read`: the files
    loading read, recorded with this build for the next one's up-to-date check."""
    from generator.up_to_date import updated_records

    out, template = Path(request.out), inputs.template
    cache_dir = out / CACHE_FOLDER / "charts"
    planned = planned_outputs(inputs)
    for folder in {out, cache_dir, *((out / job.path).parent for job in planned)}:
        remove_stale_temporaries(folder)
    previous = read_manifest(out)
    template_hashes = {str(path.relative_to(template.directory)): sha256_of(path) for path in template.used_files()}

    with processing(f"the charts of {display_path(request.data)} in the style of {display_path(request.template)}"):
        by_spec, rendered, reused = render_charts(distinct_charts(reports), template, cache_dir, pool, workers)
    images = {audience_id: {chart.chart_id: by_spec[chart.spec] for chart in report.charts}
              for audience_id, report in reports.items()}

    keys = {audience_id: _hash(report_to_json(report), template_hashes, request.native_charts, __version__,
                               {chart_id: path.name for chart_id, path in images[audience_id].items()})
            for audience_id, report in reports.items()}
    jobs = [dataclasses.replace(job, key=_job_key(keys[job.audience], job)) for job in planned]
    documents = [job for job in jobs if job.format != PDF]
    conversions = [job for job in jobs if job.format == PDF]
    progress = _progress(len(jobs), request.quiet)
    outcomes = run_jobs(documents, reports, images, template.directory, out, previous, request, pool, progress)
    failed_sources = {outcome.job.path for outcome in outcomes if outcome.status == "failed"}
    if not (request.fail_fast and failed_sources):
        outcomes += run_jobs([job for job in conversions if job.source not in failed_sources], reports, images,
                             template.directory, out, previous, request, pool, progress)
    progress.close()

    outcomes = _with_pdf_pages(outcomes)
    manifest_inputs = {"data": _input_entry(request.data), "audiences": _input_entry(request.audiences),
                       "template": template_hashes}
    succeeded = len(outcomes) == len(jobs) and all(outcome.status != "failed" for outcome in outcomes)
    records = updated_records(request, succeeded, (*read, *template.used_files()),
                              {str(outcome.job.path): outcome.sha256 for outcome in outcomes}, rendered + reused)
    write_manifest(out, previous, outcomes, manifest_inputs, reports, records)
    report_accessibility(out, outcomes)
    return report_outcomes(outcomes, rendered, reused, request.quiet)


def report_accessibility(out: Path, outcomes: list[Outcome]) -> None:
    """Run `barometer check` on every file this build wrote and report each problem on stderr."""
    from generator.checks import check_file

    problems = [problem for outcome in outcomes if outcome.status == "built"
                for problem in check_file(out / outcome.job.path)]
    for problem in problems:
        click.echo(f"accessibility: {problem}", err=True)
    if problems:
        click.echo(f"accessibility: {len(problems)} problems; run `barometer check` on the files for details",
                   err=True)


def load_inputs(request: BuildRequest) -> Inputs:
    """Load and validate the findings, template set, audiences and the request; `InputError` on any problem."""
    from generator.audiences import load_audiences
    from generator.readers import load_survey
    from generator.template_set import load_template_set
    from generator.writers import writer_names

    with processing(request.data):
        survey = load_survey(request.data)
    with processing(request.template):
        template = load_template_set(request.template)
    with processing(request.audiences):
        audiences = load_audiences(request.audiences, survey)
    known_formats = (*writer_names(), PDF)
    problems = []
    for fmt in request.formats:
        if fmt not in known_formats:
            problems.append(problem_at("--format", f"unknown format {fmt!r}; known formats: {', '.join(known_formats)}"))
    known_ids = [audience.id for audience in audiences]
    for audience_id in request.audience_ids:
        if audience_id not in known_ids:
            problems.append(problem_at("--audience", f"unknown audience {audience_id!r}; audiences in "
                                       f"{request.audiences}: {', '.join(known_ids)}"))
    if problems:
        raise InputError(problems)
    chosen = tuple(audience for audience in audiences
                   if not request.audience_ids or audience.id in request.audience_ids)
    formats = {audience.id: tuple(fmt for fmt in (request.formats or audience.formats) if fmt in known_formats)
               for audience in chosen}
    inputs = Inputs(survey, template, chosen, formats)
    if request.each:
        from generator.responses.groups import group_surveys

        with processing(request.data):
            groups, skipped = group_surveys(request.data, request.each)
        inputs = dataclasses.replace(inputs, groups=groups, skipped_groups=skipped)
    check_distinct_outputs(tuple(job.path for job in planned_outputs(inputs)), request.audiences)
    return inputs


def compose_reports(request: BuildRequest, inputs: Inputs, pool: ProcessPoolExecutor | None) -> dict[str, Report]:
    """Every chosen audience's report, audited, and the templates checked; `InputError` before any writing."""
    from generator.compose import compose_report, report_date
    from generator.writers import get_writer, writer_names

    template, targets = inputs.template, report_targets(inputs)
    date = report_date()
    if pool is None or len(targets) < 2:
        def compose(key, survey, audience):
            return compose_report(survey, audience, template, date)
    else:
        futures = {key: pool.submit(compose_report, survey, audience, template, date)
                   for key, survey, audience, _ in targets}

        def compose(key, survey, audience):
            return futures[key].result()
    reports = {}
    for key, survey, audience, _ in targets:
        with processing(f"{display_path(request.data)} for audience {audience.id!r} "
                        f"of {display_path(request.audiences)}"):
            reports[key] = compose(key, survey, audience)
    needed = {fmt for formats in inputs.formats.values() for fmt in formats}
    for name in writer_names():
        if name in needed or PDF in needed:
            with processing(request.template):
                get_writer(name).check_template(template)
    return reports


def planned_outputs(inputs: Inputs) -> tuple[Job, ...]:
    """Every file the build writes, relative to the output folder; keys are set once charts are known."""
    from generator.writers import writer_names

    jobs = []
    for key, _, audience, group in report_targets(inputs):
        wanted = inputs.formats[audience.id]
        documents = [fmt for fmt in writer_names() if fmt in wanted] or (list(writer_names()) if PDF in wanted else [])
        for fmt in documents:
            source = output_path(Path("."), inputs.survey.id, audience.id, fmt)
            source = source.parent / group / source.name if group else source
            jobs.append(Job(key, fmt, source, ""))
            if PDF in wanted:
                jobs.append(Job(key, PDF, pdf_path(source, fmt), "", source=source))
    return tuple(jobs)


def report_targets(inputs: Inputs) -> tuple[tuple[str, Survey, Audience, str | None], ...]:
    """(report key, survey, audience, group folder) of every report: one per audience, or with `--each`
    one per audience and group, written to `<audience>/<group>/`."""
    if not inputs.groups:
        return tuple((audience.id, inputs.survey, audience, None) for audience in inputs.audiences)
    return tuple((f"{audience.id}/{group.key}", group.survey, audience, group.key)
                 for audience in inputs.audiences for group in inputs.groups)


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


def render_charts(charts, template, cache_dir: Path, pool: ProcessPoolExecutor | None, workers: int = 1):
    """Each distinct chart's PNG by spec, rendered once (in parallel) or reused from the cache in `cache_dir`."""
    from generator.charts.style import chart_style_for

    style = chart_style_for(template)
    if pool is None or len(charts) < 4:
        results = [_render_chunk(cache_dir, style, charts)]
    else:
        chunks = [charts[index::workers] for index in range(workers)]
        results = list(pool.map(_render_chunk, [cache_dir] * len(chunks), [style] * len(chunks), chunks))
    images = {spec: path for result in results for spec, path in result[0].items()}
    return images, sum(result[1] for result in results), sum(result[2] for result in results)


def _render_chunk(cache_dir: Path, style, charts):
    from generator.charts.cache import ChartCache

    cache = ChartCache(cache_dir)
    images = {chart.spec: cache.image_for(chart.spec, style, "png") for chart in charts}
    return images, cache.rendered, cache.reused


def run_jobs(jobs, reports, images, template_dir, out, previous, request, pool, progress) -> list[Outcome]:
    """Run `jobs` (skipping up-to-date ones) in worker processes; failures are outcomes, not crashes."""
    outcomes: list[Outcome] = []
    pending: list[Job] = []
    for job in jobs:
        entry = previous.get(str(job.path))
        target = out / job.path
        if not request.force and entry and entry.get("key") == job.key and file_matches(target, entry):
            outcomes.append(Outcome(job, "up to date", entry["sha256"], entry.get("pages"), entry.get("charts", 0)))
            progress.update(1)
        else:
            pending.append(job)
    pending.sort(key=lambda job: -len(reports[job.audience].charts))
    arguments = [(job, reports[job.audience], images[job.audience], template_dir, out, request.native_charts)
                 for job in pending]
    if pool is None or len(pending) < 2:
        for argument in arguments:
            outcome = build_one(*argument)
            outcomes.append(outcome)
            progress.update(1)
            if request.fail_fast and outcome.status == "failed":
                break
        return outcomes
    futures: set[Future] = {pool.submit(build_one, *argument) for argument in arguments}
    while futures:
        done, futures = wait(futures, return_when=FIRST_COMPLETED)
        for future in done:
            outcome = future.result()
            outcomes.append(outcome)
            progress.update(1)
            if request.fail_fast and outcome.status == "failed":
                for other in futures:
                    other.cancel()
                futures = set()
    return outcomes


def build_one(job: Job, report: Report, images: dict[str, Path], template_dir: Path, out: Path,
              native_charts: bool) -> Outcome:
    """Write one output file atomically; any error becomes a failed outcome with a one-line reason."""
    from generator.pdf import convert_to_pdf, pdf_page_count
    from generator.template_set import load_template_set
    from generator.writers import WriterOptions, get_writer

    try:
        target = out / job.path
        if job.format == PDF:
            content = convert_to_pdf(out / job.source)
            write_atomically(target, content)
            return Outcome(job, "built", hashlib.sha256(content).hexdigest(), pdf_page_count(content),
                           len(report.charts))
        writer = get_writer(job.format)
        document = writer.write(report, images,
                                load_template_set(template_dir), WriterOptions(native_charts=native_charts))
        write_atomically(target, document.content)
        return Outcome(job, "built", hashlib.sha256(document.content).hexdigest(), document.pages, document.charts)
    except InputError as error:
        return Outcome(job, "failed", error=" ".join(str(problem) for problem in error.problems))
    except Exception as error:  # one output failing must not stop the others
        return Outcome(job, "failed", error=f"{type(error).__name__}: {error}")


def _with_pdf_pages(outcomes: list[Outcome]) -> list[Outcome]:
    """Documents without a page count of their own (briefings) take it from their PDF."""
    pdf_pages = {outcome.job.source: outcome.pages for outcome in outcomes
                 if outcome.job.format == PDF and outcome.status != "failed"}
    return [dataclasses.replace(outcome, pages=pdf_pages[outcome.job.path])
            if outcome.pages is None and outcome.job.path in pdf_pages else outcome for outcome in outcomes]


def report_outcomes(outcomes: list[Outcome], rendered: int, reused: int, quiet: bool) -> int:
    built = [outcome for outcome in outcomes if outcome.status == "built"]
    current = [outcome for outcome in outcomes if outcome.status == "up to date"]
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    if not quiet:
        for outcome in sorted(built, key=lambda outcome: str(outcome.job.path)):
            click.echo(f"wrote {outcome.job.path}")
    for outcome in failed:
        click.echo(f"FAILED {outcome.job.path}: {outcome.error}", err=True)
    if not built and not failed:
        click.echo("Everything is up to date.")
    click.echo(f"{len(built)} built, {len(current)} up to date, {len(failed)} failed; "
               f"charts: {rendered} rendered, {reused} reused.")
    return EXIT_PARTIAL_FAILURE if failed else EXIT_OK


def _input_entry(path: Path) -> dict:
    return {"path": str(path), "sha256": sha256_of(path)}


def _job_key(report_key: str, job: Job) -> str:
    """A job's key: its report's key and the format(s) it is written in (a PDF: its document's too)."""
    if job.source is None:
        return _hash(report_key, job.format)
    return _hash(report_key, job.source.suffix.lstrip("."), PDF)


def _hash(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


class _NoProgress:
    def update(self, steps: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(length: int, quiet: bool):
    if quiet or not sys.stdout.isatty() or length == 0:
        return _NoProgress()
    bar = click.progressbar(length=length, label="Bouwen", file=sys.stderr)
    bar.__enter__()
    return _ClosingBar(bar)


class _ClosingBar:
    def __init__(self, bar) -> None:
        self.bar = bar

    def update(self, steps: int) -> None:
        self.bar.update(steps)

    def close(self) -> None:
        self.bar.__exit__(None, None, None)
