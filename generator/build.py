"""The batch build: every audience in every format, validated first, then written in parallel.

Stages: load and validate every input, compose and audit every report, check the templates
(nothing is written until all of that passed) -> render each distinct chart once through the
on-disk cache -> write documents in worker processes -> convert to PDF -> write the manifest.
Files are replaced atomically; an output whose inputs did not change is left alone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from contextlib import nullcontext
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import click
from slugify import slugify

from generator import __version__
from generator.errors import EXIT_OK, EXIT_PARTIAL_FAILURE, InputError, problem_at
from generator.files import sha256_of, write_atomically
from generator.report import Report, report_to_json

MANIFEST = "manifest.json"
CACHE_FOLDER = ".cache"
PDF = "pdf"


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


def run_build(request: BuildRequest) -> int:
    """Build what `request` asks for; the exit code (0, or 1 when some outputs failed).

    Bad input raises `InputError` (exit 2) before any file is written. One pool of worker
    processes serves every stage, so workers are started once.
    """
    workers = max(1, request.jobs or os.cpu_count() or 1)
    with (ProcessPoolExecutor(max_workers=workers) if workers > 1 else nullcontext()) as pool:
        return _run_build(request, pool)


def _run_build(request: BuildRequest, pool: ProcessPoolExecutor | None) -> int:
    from generator.writers import writer_names

    survey, template, reports, formats_by_audience = prepare(request, pool)
    out = Path(request.out)
    remove_stale_temporaries(out)
    previous = read_manifest(out)
    template_hashes = {str(path.relative_to(template.directory)): sha256_of(path)
                       for path in sorted(template.directory.rglob("*")) if path.is_file()}

    charts = {chart.chart_id: chart for report in reports.values() for chart in report.charts}
    images, rendered, reused = render_charts(tuple(charts.values()), template, out, pool, request.jobs or os.cpu_count() or 1)

    jobs: list[Job] = []
    for audience_id, report in reports.items():
        report_hash = _hash(report_to_json(report), template_hashes, request.native_charts, __version__,
                            {chart.chart_id: images[chart.chart_id].name for chart in report.charts})
        wanted = formats_by_audience[audience_id]
        document_formats = [fmt for fmt in writer_names() if fmt in wanted]
        if PDF in wanted and not document_formats:
            document_formats = list(writer_names())
        for fmt in document_formats:
            source = output_path(out, survey.id, audience_id, fmt)
            jobs.append(Job(audience_id, fmt, source, _hash(report_hash, fmt)))
            if PDF in wanted:
                jobs.append(Job(audience_id, PDF, source.with_name(f"{source.stem}-{fmt}.pdf"),
                                _hash(report_hash, fmt, PDF), source=source))

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
    inputs = {"data": _input_entry(request.data), "audiences": _input_entry(request.audiences),
              "template": {name: digest for name, digest in template_hashes.items()}}
    write_manifest(out, previous, outcomes, inputs, reports)
    return report_outcomes(outcomes, rendered, reused, request.quiet)


def prepare(request: BuildRequest, pool: ProcessPoolExecutor | None = None):
    """Load, validate, compose and audit everything; raise `InputError` before any writing."""
    from generator.audiences import load_audiences
    from generator.compose import compose_report, report_date
    from generator.readers import load_survey
    from generator.template_set import load_template_set
    from generator.writers import get_writer, writer_names

    survey = load_survey(request.data)
    template = load_template_set(request.template)
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
    chosen = [audience for audience in audiences if not request.audience_ids or audience.id in request.audience_ids]
    formats_by_audience = {
        audience.id: tuple(fmt for fmt in (request.formats or audience.formats) if fmt in known_formats)
        for audience in chosen
    }
    for audience in chosen:
        output_path(Path(request.out), survey.id, audience.id, "pptx")
    date = report_date()
    if pool is None or len(chosen) < 2:
        composed = [compose_report(survey, audience, template, date) for audience in chosen]
    else:
        count = len(chosen)
        composed = list(pool.map(compose_report, [survey] * count, chosen, [template] * count, [date] * count))
    reports = {report.audience: report for report in composed}
    needed = {fmt for formats in formats_by_audience.values() for fmt in formats}
    for name in writer_names():
        if name in needed or PDF in needed:
            get_writer(name).check_template(template)
    return survey, template, reports, formats_by_audience


def remove_stale_temporaries(out: Path) -> None:
    """Delete temporary files left by a build that was killed mid-write."""
    if out.is_dir():
        for path in out.rglob(".*.tmp"):
            path.unlink(missing_ok=True)


def output_path(out: Path, survey_id: str, audience_id: str, fmt: str) -> Path:
    """`<audience>/<survey>-<audience>.<ext>`, relative to `out`; never outside it."""
    folder = slugify(audience_id) or "publiek"
    name = f"{slugify(survey_id) or 'barometer'}-{folder}.{fmt}"
    relative = Path(folder) / name
    resolved = (out / relative).resolve()
    if not resolved.is_relative_to(out.resolve()):
        raise InputError(problem_at("--out", f"output name for audience {audience_id!r} leaves the output folder"))
    return relative


def render_charts(charts, template, out: Path, pool: ProcessPoolExecutor | None, workers: int = 1):
    """Each distinct chart's PNG, rendered once (in parallel) or reused from the cache."""
    from generator.charts.style import chart_style_for

    style = chart_style_for(template)
    cache_dir = out / CACHE_FOLDER / "charts"
    if pool is None or len(charts) < 4:
        results = [_render_chunk(cache_dir, style, charts)]
    else:
        chunks = [charts[index::workers] for index in range(workers)]
        results = list(pool.map(_render_chunk, [cache_dir] * len(chunks), [style] * len(chunks), chunks))
    images = {chart_id: path for result in results for chart_id, path in result[0].items()}
    return images, sum(result[1] for result in results), sum(result[2] for result in results)


def _render_chunk(cache_dir: Path, style, charts):
    from generator.charts.cache import ChartCache

    cache = ChartCache(cache_dir)
    images = {chart.chart_id: cache.image_for(chart.spec, style, "png") for chart in charts}
    return images, cache.rendered, cache.reused


def run_jobs(jobs, reports, images, template_dir, out, previous, request, pool, progress) -> list[Outcome]:
    """Run `jobs` (skipping up-to-date ones) in worker processes; failures are outcomes, not crashes."""
    outcomes: list[Outcome] = []
    pending: list[Job] = []
    for job in jobs:
        entry = previous.get(str(job.path))
        target = out / job.path
        if (not request.force and entry and entry.get("key") == job.key and target.is_file()
                and sha256_of(target) == entry.get("sha256")):
            outcomes.append(Outcome(job, "up to date", entry["sha256"], entry.get("pages"), entry.get("charts", 0)))
            progress.update(1)
        else:
            pending.append(job)
    pending.sort(key=lambda job: -len(reports[job.audience].charts))
    arguments = [(job, reports[job.audience], images, template_dir, out, request.native_charts) for job in pending]
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


def build_one(job: Job, report: Report, images, template_dir: Path, out: Path, native_charts: bool) -> Outcome:
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
        document = writer.write(report, {chart.chart_id: images[chart.chart_id] for chart in report.charts},
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


def read_manifest(out: Path) -> dict[str, dict]:
    """The previous build's outputs by relative path; empty when there is no usable manifest."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {entry["path"]: entry for entry in data.get("outputs", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_manifest(out: Path, previous: dict[str, dict], outcomes: list[Outcome], inputs: dict, reports) -> None:
    """manifest.json: inputs' hashes and every output file that exists with its checksum."""
    entries = {path: entry for path, entry in previous.items() if (out / path).is_file()}
    for outcome in outcomes:
        if outcome.status == "failed":
            continue
        entries[str(outcome.job.path)] = {
            "audience": outcome.job.audience, "format": outcome.job.format, "path": str(outcome.job.path),
            "sha256": outcome.sha256, "pages": outcome.pages, "charts": outcome.charts, "key": outcome.job.key,
        }
    dates = sorted({report.date.isoformat() for report in reports.values()})
    manifest = {"generator": f"barometer {__version__}", "report_date": dates[-1] if dates else None,
                "inputs": inputs, "outputs": [entries[path] for path in sorted(entries)]}
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomically(out / MANIFEST, text.encode("utf-8"))


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
