"""The batch build: every audience in every format, validated first, then written in parallel.

Stages: load and validate every input, compose and audit every report, check the templates
(nothing is written until all of that passed) -> lock the output folder -> render each distinct
chart once through the on-disk cache -> write documents in worker processes (generator.build_jobs)
-> convert to PDF -> write the manifest. Files are replaced atomically; an output whose inputs
did not change and whose file still matches the manifest is left alone. A second build into a
folder that is being written to stops at once with exit 2.

What to know and what went wrong comes back in a `BuildResult`; the command line prints it.
Which formats exist, which template file, images and PDF conversion each needs, all come from
the writer declarations (`generator.writers.WRITERS`).
"""

from __future__ import annotations

import dataclasses
import importlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator import __version__
from generator.build_charts import chart_images, linked_images
from generator.build_jobs import (Job, JobInputs, NoProgress, Outcome, Progress, content_hash, job_key, run_jobs,
                                  with_pdf_pages)
from generator.errors import EXIT_OK, EXIT_PARTIAL_FAILURE, InputError, display_path, problem_at, processing
from generator.files import recording_reads, remove_stale_temporaries, sha256_of
from generator.findings import Survey
from generator.notices import Notices
from generator.output_folder import (CACHE_FOLDER, PDF, check_distinct_outputs, check_output_folder, output_formats,
                                     output_lock, output_path, pdf_path, read_manifest, write_manifest)
from generator.report import Report, report_to_json
from generator.worker_pool import jobs_notice, worker_count, worker_pool
from generator.writers import WRITERS, writer_info, writer_names

if TYPE_CHECKING:
    from generator.audiences import Audience
    from generator.responses.groups import GroupSurvey, SkippedGroup
    from generator.template_set import TemplateSet

WORKER_MODULES = ("generator.compose", "generator.charts.cache")
"""What workers run besides the writers, imported before they are forked so each starts with it."""


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
class BuildResult:
    """What a build did and what the user should know about it."""

    outcomes: tuple[Outcome, ...]
    rendered: int = 0
    """Charts drawn by this build."""
    reused: int = 0
    """Charts taken from the cache."""
    notices: Notices = field(default_factory=Notices)
    """Warnings about the inputs, the templates and the charts, each once."""
    accessibility: tuple[str, ...] = ()
    """Problems `barometer check` finds in the files this build wrote."""
    skipped: tuple[str, ...] = ()
    """With `--each`: the groups too small for documents of their own."""

    @property
    def exit_code(self) -> int:
        """0, or 1 when some outputs failed."""
        return EXIT_PARTIAL_FAILURE if any(outcome.status == "failed" for outcome in self.outcomes) else EXIT_OK


@dataclass(frozen=True)
class BuildInputs:
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
    notices: Notices = field(default_factory=Notices)


@dataclass(frozen=True)
class _Pool:
    """The worker processes every stage shares, and the progress of the jobs."""

    executor: ProcessPoolExecutor | None
    workers: int
    progress: Progress


def run_build(request: BuildRequest, progress: Callable[[int], Progress] | None = None) -> BuildResult:
    """Build what `request` asks for. `progress(jobs)` makes what each finished job is reported to.

    Bad input raises `InputError` (exit 2) before any file is written. One pool of worker
    processes serves every stage; they are forked once this process has checked the templates and
    imported what they run, so each starts with both. The output folder is locked while the build
    writes to it.
    """
    from generator.recompose import reports_to_take
    from generator.up_to_date import current_entries

    notices = Notices(filter(None, [jobs_notice(request.jobs)]))
    current = None if request.force or request.each else current_entries(request)
    if current is not None:
        entries, charts = current
        return BuildResult(tuple(Outcome(Job(entry["audience"], entry["format"], Path(entry["path"]), entry["key"]),
                                         "up to date", entry["sha256"], entry.get("pages"), entry.get("charts", 0))
                                 for entry in entries), 0, charts, notices)
    with recording_reads() as read:
        inputs = load_build_inputs(request)
    notices.extend(inputs.notices)
    out = Path(request.out)
    check_output_folder(out)
    planned = planned_outputs(inputs)
    workers = worker_count(request.jobs, len(planned))
    keys, taken = reports_to_take(request, inputs, out)
    check_templates(request, inputs)
    for module in worker_modules(planned) if workers > 1 else ():
        importlib.import_module(module)
    with worker_pool(workers) as executor:
        reports = compose_reports(request, inputs, executor, skip=set(taken))
        with output_lock(out):
            still = reports_to_take(request, inputs, out, keys)[1]  # another build may have written since
            if set(keys) - set(still) - set(reports):
                reports.update(compose_reports(request, inputs, executor, skip=set(still) | set(reports)))
            pool = _Pool(executor, workers, (progress or (lambda length: NoProgress()))(len(planned)))
            result = write_outputs(request, inputs, reports, pool, tuple(read), keys,
                                   {key: entries for key, entries in still.items() if key not in reports})
    notices.extend(result.notices)
    skipped = tuple(f"no documents for {request.each} {group.label!r}: {group.respondents} respondents, "
                    f"fewer than the minimum base of {group.min_base}" for group in inputs.skipped_groups)
    return dataclasses.replace(result, notices=notices, skipped=skipped)


def load_build_inputs(request: BuildRequest) -> BuildInputs:
    """Load and validate the findings, template set, audiences and the request; `InputError` on any problem."""
    from generator.inputs import load_inputs

    loaded = load_inputs(request.data, request.template, request.audiences)
    known = output_formats()
    problems = [problem_at("--format", f"unknown format {fmt!r}; known formats: {', '.join(known)}")
                for fmt in request.formats if fmt not in known]
    known_ids = [audience.id for audience in loaded.audiences]
    problems += [problem_at("--audience", f"unknown audience {audience_id!r}; audiences in "
                            f"{request.audiences}: {', '.join(known_ids)}")
                 for audience_id in request.audience_ids if audience_id not in known_ids]
    if problems:
        raise InputError(problems)
    chosen = tuple(audience for audience in loaded.audiences
                   if not request.audience_ids or audience.id in request.audience_ids)
    formats = {audience.id: tuple(fmt for fmt in (request.formats or audience.formats) if fmt in known)
               for audience in chosen}
    inputs = BuildInputs(loaded.survey, loaded.template, chosen, formats, notices=loaded.notices)
    if request.each:
        from generator.responses.groups import group_surveys

        with processing(request.data):
            groups, skipped = group_surveys(request.data, request.each)
        inputs = dataclasses.replace(inputs, groups=groups, skipped_groups=skipped)
    check_distinct_outputs(tuple(job.path for job in planned_outputs(inputs)), request.audiences)
    return inputs


def compose_reports(request: BuildRequest, inputs: BuildInputs, pool: ProcessPoolExecutor | None,
                    skip: set[str] = frozenset()) -> dict[str, Report]:
    """Every chosen audience's report but those in `skip`, audited; `InputError` before any writing."""
    from generator.compose import compose_report, report_date

    template, targets = inputs.template, tuple(target for target in report_targets(inputs) if target[0] not in skip)
    date = report_date()
    futures = {} if pool is None or len(targets) < 2 else {
        key: pool.submit(compose_report, survey, audience, template, date) for key, survey, audience, _ in targets}
    reports = {}
    try:
        for key, survey, audience, _ in targets:
            with processing(f"{display_path(request.data)} for audience {audience.id!r} "
                            f"of {display_path(request.audiences)}"):
                reports[key] = futures[key].result() if futures else compose_report(survey, audience, template, date)
    except BaseException:
        for future in futures.values():
            future.cancel()  # a problem is reported now, not after every other report is composed
        raise
    return reports


def worker_modules(planned: tuple[Job, ...]) -> tuple[str, ...]:
    """What workers run for `planned`: composing, charts and the writers of its formats."""
    return (*WORKER_MODULES, *dict.fromkeys(WRITERS[job.format].target.split(":")[0] for job in planned
                                            if job.format in WRITERS))


def check_templates(request: BuildRequest, inputs: BuildInputs) -> None:
    """`InputError` when a template the planned outputs need is unusable. Checked before the workers
    start, so each inherits the checked templates instead of checking them again."""
    from generator.writers import get_writer

    for name in document_formats(planned_outputs(inputs)):
        with processing(request.template):
            get_writer(name).check_template(inputs.template)


def document_formats(jobs: tuple[Job, ...]) -> tuple[str, ...]:
    """The writers `jobs` use, in registry order (PDFs are converted, not written)."""
    used = {job.format for job in jobs}
    return tuple(name for name in writer_names() if name in used)


def planned_outputs(inputs: BuildInputs) -> tuple[Job, ...]:
    """Every file the build writes, relative to the output folder; keys are set once charts are known.
    `--format pdf` alone means every format that converts to PDF, with its PDF."""
    jobs = []
    convertible = [name for name in writer_names() if writer_info(name).converts_to_pdf]
    for key, _, audience, group in report_targets(inputs):
        wanted = inputs.formats[audience.id]
        documents = [name for name in writer_names() if name in wanted] or (convertible if PDF in wanted else [])
        for fmt in documents:
            source = output_path(Path("."), inputs.survey.id, audience.id, writer_info(fmt).extension)
            source = source.parent / group / source.name if group else source
            jobs.append(Job(key, fmt, source, ""))
            if PDF in wanted and fmt in convertible:
                jobs.append(Job(key, PDF, pdf_path(source, fmt), "", source=source))
    return tuple(jobs)


def report_targets(inputs: BuildInputs) -> tuple[tuple[str, Survey, Audience, str | None], ...]:
    """(report key, survey, audience, group folder) of every report: one per audience, or with `--each`
    one per audience and group, written to `<audience>/<group>/`."""
    if not inputs.groups:
        return tuple((audience.id, inputs.survey, audience, None) for audience in inputs.audiences)
    return tuple((f"{audience.id}/{group.key}", group.survey, audience, group.key)
                 for audience in inputs.audiences for group in inputs.groups)


def write_outputs(request: BuildRequest, inputs: BuildInputs, reports: dict[str, Report], pool: _Pool,
                  read: tuple[Path, ...] = (), keys: dict[str, str] | None = None,
                  taken: dict[str, list[dict]] | None = None) -> BuildResult:
    """Render charts, write documents and PDFs, then the manifest. `read`: the files loading read,
    recorded with this build for the next one's up-to-date check; `keys`: each report's composition key;
    `taken`: the reports taken unchanged from the previous build, with their manifest entries."""
    from generator.recompose import reused_outcomes
    from generator.up_to_date import updated_records

    out, template, taken = Path(request.out), inputs.template, taken or {}
    cache_dir = out / CACHE_FOLDER / "charts"
    planned = tuple(dataclasses.replace(job, input=(keys or {}).get(job.audience, ""))
                    for job in planned_outputs(inputs) if job.audience not in taken)
    for folder in {out, cache_dir, *((out / job.path).parent for job in planned)}:
        remove_stale_temporaries(folder)
    previous = read_manifest(out)
    template_hashes = {str(path.relative_to(template.directory)): sha256_of(path) for path in template.used_files()}
    with processing(f"the charts of {display_path(request.data)} in the style of {display_path(request.template)}"):
        images, rendered, reused, chart_notices = chart_images(reports, document_formats(planned), template,
                                                               cache_dir, pool.executor, pool.workers)
    jobs = keyed_jobs(planned, reports, images, template_hashes, request.native_charts)
    outcomes = _run_all(jobs, JobInputs(reports, images, template, out, request.native_charts), previous, request,
                        pool)
    manifest_inputs = {"data": _input_entry(request.data), "audiences": _input_entry(request.audiences),
                       "template": template_hashes}
    succeeded = len(outcomes) == len(jobs) and all(outcome.status != "failed" for outcome in outcomes)
    outcomes += reused_outcomes(taken)
    records = updated_records(request, succeeded, (*read, *template.used_files()),
                              {str(outcome.job.path): outcome.sha256 for outcome in outcomes}, rendered + reused,
                              linked_images(out, outcomes, images))
    write_manifest(out, previous, outcomes, manifest_inputs, reports, records)
    notices = Notices([*chart_notices, *(notice for outcome in outcomes for notice in outcome.notices)])
    return BuildResult(tuple(outcomes), rendered, reused, notices, accessibility_problems(outcomes))


def keyed_jobs(planned: tuple[Job, ...], reports: dict[str, Report], images, template_hashes: dict[str, str],
               native_charts: bool) -> list[Job]:
    """`planned` with their keys: a hash of the report, the template files, the options, barometer's version
    and the chart images the format places (a PDF's: those of the document it is converted from)."""
    document_format = {job.path: job.format for job in planned if job.format != PDF}
    keys = {(report_key, fmt): content_hash(report_to_json(report), template_hashes, native_charts, __version__,
                                            {chart_id: path.name for chart_id, path in images[report_key, fmt].items()})
            for report_key, report in reports.items() for fmt in set(document_format.values())}
    return [dataclasses.replace(job, key=job_key(keys[job.audience, document_format[job.source or job.path]], job))
            for job in planned]


def _run_all(jobs: list[Job], work: JobInputs, previous: dict[str, dict], request: BuildRequest,
             pool: _Pool) -> list[Outcome]:
    """Documents first, then the PDFs of those that were written (unless `--fail-fast` saw a failure)."""
    run = dict(previous=previous, pool=pool.executor, progress=pool.progress, force=request.force,
               fail_fast=request.fail_fast)
    outcomes = run_jobs([job for job in jobs if job.format != PDF], work, **run)
    failed_sources = {outcome.job.path for outcome in outcomes if outcome.status == "failed"}
    if not (request.fail_fast and failed_sources):
        outcomes += run_jobs([job for job in jobs if job.format == PDF and job.source not in failed_sources],
                             work, **run)
    pool.progress.close()
    return with_pdf_pages(outcomes)


def accessibility_problems(outcomes: list[Outcome]) -> tuple[str, ...]:
    """What `barometer check` found in every file this build wrote (each job checks its own file)."""
    return tuple(problem for outcome in outcomes if outcome.status == "built" for problem in outcome.accessibility)


def _input_entry(path: Path) -> dict:
    return {"path": str(path), "sha256": sha256_of(path)}
