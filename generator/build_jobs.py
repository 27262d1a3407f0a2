"""The build's jobs: one output file each, written in worker processes, failures kept as outcomes.

A job whose key and file match the previous manifest is left alone. Every other job writes its
file atomically; what goes wrong becomes a failed outcome naming the file and the cause, so one
output failing does not stop the others. Notices a writer returns travel back with the outcome.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Protocol

from generator.errors import InputError, OutputError, display_path
from generator.files import write_atomically
from generator.output_folder import PDF, file_matches

if TYPE_CHECKING:
    from generator.report import Report
    from generator.template_set import TemplateSet

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
    input: str = ""
    """The composition key of its report (`generator.recompose`): equal keys, equal report."""


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str
    """"built", "up to date" or "failed"."""
    sha256: str = ""
    pages: int | None = None
    charts: int = 0
    error: str = ""
    """Why a failed job failed: the cause, shown after the file's name."""
    notices: tuple[str, ...] = ()
    """What the writer wants the user to know about the file (printed once per build)."""
    accessibility: tuple[str, ...] = ()
    """What `barometer check` finds in the file just written."""


@dataclass(frozen=True)
class JobInputs:
    """What every job of one build writes from: the reports, chart images and template set."""

    reports: Mapping[str, Report]
    images: Mapping[tuple[str, str], Mapping[str, Path]]
    """(report key, format) -> chart id -> image file in the chart cache."""
    template: TemplateSet
    out: Path
    native_charts: bool = False


class Progress(Protocol):
    """Where a build reports each finished job (the command line's progress bar)."""

    def update(self, steps: int) -> None: ...

    def close(self) -> None: ...


class NoProgress:
    def update(self, steps: int) -> None:
        pass

    def close(self) -> None:
        pass


def run_jobs(jobs, work: JobInputs, previous: dict[str, dict], pool: ProcessPoolExecutor | None,
             progress: Progress, force: bool = False, fail_fast: bool = False) -> list[Outcome]:
    """Run `jobs` (skipping up-to-date ones) in worker processes; failures are outcomes, not crashes."""
    outcomes: list[Outcome] = []
    pending: list[Job] = []
    for job in jobs:
        entry = previous.get(str(job.path))
        if not force and entry and entry.get("key") == job.key and file_matches(work.out / job.path, entry):
            outcomes.append(Outcome(job, "up to date", entry["sha256"], entry.get("pages"), entry.get("charts", 0)))
            progress.update(1)
        else:
            pending.append(job)
    pending.sort(key=lambda job: -len(work.reports[job.audience].charts))
    arguments = [(job, work.reports[job.audience], work.images.get((job.audience, job.format), {}), work.template,
                  work.out, work.native_charts) for job in pending]
    if pool is None or len(pending) < 2:
        for argument in arguments:
            outcomes.append(build_one(*argument))
            progress.update(1)
            if fail_fast and outcomes[-1].status == "failed":
                break
        return outcomes
    futures: set[Future] = {pool.submit(build_one, *argument) for argument in arguments}
    while futures:
        done, futures = wait(futures, return_when=FIRST_COMPLETED)
        for future in done:
            outcomes.append(future.result())
            progress.update(1)
            if fail_fast and outcomes[-1].status == "failed":
                for other in futures:
                    other.cancel()
                futures = set()
    return outcomes


def build_one(job: Job, report: Report, images: Mapping[str, Path], template: TemplateSet, out: Path,
              native_charts: bool) -> Outcome:
    """Write one output file atomically; any error becomes a failed outcome with a one-line cause."""
    try:
        return _write(job, report, images, template, out, native_charts)
    except InputError as error:
        return Outcome(job, "failed", error=" ".join(str(problem) for problem in error.problems))
    except OutputError as error:
        own = {display_path(out / path) for path in (job.path, job.source) if path is not None}
        return Outcome(job, "failed", error=error.cause if error.path in (None, *own) else str(error))
    except Exception as error:  # one output failing must not stop the others
        return Outcome(job, "failed", error=f"{type(error).__name__}: {error}")


def _write(job: Job, report: Report, images: Mapping[str, Path], template: TemplateSet, out: Path,
           native_charts: bool) -> Outcome:
    from generator.writers import WriterOptions, get_writer

    target = out / job.path
    if job.format == PDF:
        from generator.pdf import convert_to_pdf, pdf_page_count

        content = convert_to_pdf(out / job.source)
        _save(target, content)
        return Outcome(job, "built", hashlib.sha256(content).hexdigest(), pdf_page_count(content), len(report.charts),
                       accessibility=file_problems(target))
    document = get_writer(job.format).write(report, images, template,
                                            WriterOptions(native_charts=native_charts, location=target))
    _save(target, document.content)
    return Outcome(job, "built", hashlib.sha256(document.content).hexdigest(), document.pages, document.charts,
                   notices=tuple(document.notices), accessibility=file_problems(target))


def file_problems(path: Path) -> tuple[str, ...]:
    """What `barometer check` finds in `path`, a file just written; nothing for kinds it does not read."""
    from generator.checks import SUPPORTED, check_file

    if path.suffix.lower() not in SUPPORTED:
        return ()
    return tuple(str(problem) for problem in check_file(path))


def _save(target: Path, content: bytes) -> None:
    try:
        write_atomically(target, content)
    except OSError as error:
        raise OutputError(f"cannot write the file: {error.strerror or error}", target) from None


def with_pdf_pages(outcomes: list[Outcome]) -> list[Outcome]:
    """Documents without a page count of their own (briefings) take it from their PDF."""
    pdf_pages = {outcome.job.source: outcome.pages for outcome in outcomes
                 if outcome.job.format == PDF and outcome.status != "failed"}
    return [dataclasses.replace(outcome, pages=pdf_pages[outcome.job.path])
            if outcome.pages is None and outcome.job.path in pdf_pages else outcome for outcome in outcomes]


def job_key(report_key: str, job: Job) -> str:
    """A job's key: its report's key and the format(s) it is written in (a PDF: its document's too)."""
    if job.source is None:
        return content_hash(report_key, job.format)
    return content_hash(report_key, job.source.suffix.lstrip("."), PDF)


def content_hash(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()
