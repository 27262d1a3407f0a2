"""Which reports a build can take from the previous one unchanged, before composing anything.

A report depends on the survey's details, the findings its audience sees (its themes' own fields,
the findings selected for it and those its closing points cite), the counts the number audit
allows, the audience, every template file, the options, the report date and barometer's own code
and libraries. Their hash, the report's *composition key*, is stored with each output in the
manifest. When a later build finds the same key for every output of a report, and each file still
has its listed checksum, that report is neither composed nor audited nor written again: changing
one number recomposes only the audiences that show it. Anything else composes as before.

Formats whose files link chart images instead of embedding them are always rebuilt, so the
images they point at are checked every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from generator.output_folder import file_matches

if TYPE_CHECKING:
    from generator.audiences import Audience
    from generator.build import BuildInputs, BuildRequest
    from generator.build_jobs import Job, Outcome
    from generator.findings import Survey

INPUT_FIELD = "input"
"""The manifest field holding an output's composition key."""


def shown_survey(survey: Survey, audience: Audience) -> tuple[Survey, tuple]:
    """The part of `survey` a report for `audience` can depend on: the survey without the themes and
    findings the audience does not see, and the findings its closing points cite."""
    from generator.compose import selected_findings

    themes = tuple(dataclasses.replace(theme, findings=findings) for theme, findings in selected_findings(survey,
                                                                                                          audience))
    cited = tuple(survey.finding(finding_id)[1] for point in audience.closing_support for finding_id in point)
    counts = (len(survey.themes), len(survey.findings))
    return dataclasses.replace(survey, themes=themes), (cited, counts)


def composition_key(request: BuildRequest, survey: Survey, audience: Audience, template_hashes: Mapping[str, str]) -> str:
    """The hash of everything the report of `audience` on `survey` depends on (see the module docstring)."""
    from generator import __version__
    from generator.up_to_date import _options, _report_date, code_digest, environment_digest

    shown, extra = shown_survey(survey, audience)
    parts = (repr(shown), repr(extra), repr(audience), sorted(template_hashes.items()), repr(_options(request)),
             _report_date(), __version__, code_digest(), environment_digest())
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def reports_to_take(request: BuildRequest, inputs: BuildInputs, out: Path,
                    keys: dict[str, str] | None = None) -> tuple[dict[str, str], dict[str, list[dict]]]:
    """Each report's composition key (`keys`, when known already), and the reports the previous build wrote
    from the same key (none with `--force` or `--each`), with their manifest entries."""
    from generator.build import planned_outputs, report_targets
    from generator.files import sha256_of
    from generator.output_folder import read_manifest
    from generator.writers import writer_info, writer_names

    if keys is None:
        template_hashes = {str(path.relative_to(inputs.template.directory)): sha256_of(path)
                           for path in inputs.template.used_files()}
        keys = {key: composition_key(request, survey, audience, template_hashes)
                for key, survey, audience, _ in report_targets(inputs)}
    if request.force or request.each:
        return keys, {}
    linking = [name for name in writer_names() if writer_info(name).links_images]
    return keys, reusable_reports(planned_outputs(inputs), keys, read_manifest(out), out, linking)


def reusable_reports(jobs: Iterable[Job], keys: Mapping[str, str], previous: Mapping[str, dict], out: Path,
                     linking_formats: Iterable[str]) -> dict[str, list[dict]]:
    """Report key -> the previous manifest entries of its outputs, for each report whose every output was
    written from the same composition key and is still on disk as listed."""
    from generator.up_to_date import _complete

    linking = set(linking_formats)
    by_report: dict[str, list[Job]] = {}
    for job in jobs:
        by_report.setdefault(job.audience, []).append(job)
    reusable = {}
    for report_key, report_jobs in by_report.items():
        entries = [previous.get(str(job.path)) for job in report_jobs]
        if all(_complete(entry) and entry.get(INPUT_FIELD) == keys[report_key] and job.format not in linking
               and entry["format"] == job.format and entry["audience"] == report_key and entry["path"] == str(job.path)
               and file_matches(out / job.path, entry) for job, entry in zip(report_jobs, entries)):
            reusable[report_key] = entries
    return reusable


def reused_outcomes(reusable: Mapping[str, list[dict]]) -> list[Outcome]:
    """The outputs of reused reports as up-to-date outcomes, exactly as the previous build recorded them."""
    from generator.build_jobs import Job, Outcome

    return [Outcome(Job(entry["audience"], entry["format"], Path(entry["path"]), entry["key"],
                        input=entry[INPUT_FIELD]), "up to date", entry["sha256"], entry.get("pages"),
                    entry.get("charts", 0))
            for entries in reusable.values() for entry in entries]
