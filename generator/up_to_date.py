"""Whether a build can stop before loading anything: what it read and asked for, as the manifest recorded it.

A successful build records, per set of options, the files it read (findings and what they name,
audiences, every template file used) and a fingerprint of their contents, its options, the report
date, barometer's own code and the installed libraries. When a later build with the same options
finds the same fingerprint and every output still has its listed checksum, nothing can have
changed: it reports the outputs up to date without loading, composing or auditing. Anything else
(and `--force`) takes the full build, which still rewrites only outputs whose content changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

import generator
from generator import __version__

if TYPE_CHECKING:
    from generator.build import BuildRequest

NOT_OUTPUT_OPTIONS = ("out", "jobs", "force", "fail_fast", "quiet")
"""Request fields that do not change what the outputs contain."""
OUTPUT_FIELDS = ("audience", "format", "path", "key", "sha256")


@dataclasses.dataclass(frozen=True)
class BuildRecord:
    """What one successful build read and wrote, keyed in the manifest by its options."""

    fingerprint: str
    files: tuple[str, ...]
    """Absolute paths of every input file the build read."""
    outputs: Mapping[str, str]
    """Each output's path relative to the output folder, with the checksum that build gave it."""
    charts: int
    """Distinct charts of those outputs (reported as reused)."""
    linked: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Chart images outputs refer to instead of embedding them (relative to the output folder), with checksums."""

    def to_json(self) -> dict:
        data = {"fingerprint": self.fingerprint, "files": list(self.files), "outputs": dict(self.outputs),
                "charts": self.charts}
        return {**data, "linked": dict(self.linked)} if self.linked else data


def current_entries(request: BuildRequest) -> tuple[list[dict], int] | None:
    """The manifest entries of every output and the chart count when the last build with these options
    read exactly what this one would and its outputs are unchanged; None when anything may differ."""
    from generator.files import remove_stale_temporaries
    from generator.output_folder import CACHE_FOLDER, file_matches, output_lock, read_build_records, read_manifest

    out = Path(request.out)
    record = record_from_json(read_build_records(out).get(options_key(request)))
    if record is None:
        return None
    with output_lock(out):
        if not is_current(record, request):
            return None
        previous = read_manifest(out)
        entries = [previous.get(path) for path in record.outputs]
        if not all(_complete(entry) and entry["path"] == path and entry["sha256"] == sha256 and _inside(path)
                   and file_matches(out / path, entry) for (path, sha256), entry in zip(record.outputs.items(), entries)):
            return None
        if not all(_inside(path) and file_matches(out / path, {"sha256": sha256})
                   for path, sha256 in record.linked.items()):
            return None
        for folder in {out, out / CACHE_FOLDER / "charts", *((out / path).parent for path in record.outputs)}:
            remove_stale_temporaries(folder)
    return entries, record.charts


def updated_records(request: BuildRequest, succeeded: bool, read: Iterable[Path], outputs: Mapping[str, str],
                    charts: int, linked: Mapping[str, str] | None = None) -> dict[str, dict]:
    """The manifest's build records with this build's: kept only when every planned output was written.
    `linked`: the chart images outputs refer to, which must stay as they are for the outputs to be current."""
    from generator.output_folder import read_build_records

    records = read_build_records(Path(request.out))
    key = options_key(request)
    records.pop(key, None)
    if succeeded:
        record = build_record(request, read, outputs, charts)
        records[key] = dataclasses.replace(record, linked=dict(linked or {})).to_json()
    return records


def options_key(request: BuildRequest) -> str:
    """The hash of the request's options that shape the outputs (paths made absolute)."""
    return _digest(_options(request))


def build_record(request: BuildRequest, read: Iterable[Path], outputs: Mapping[str, str], charts: int) -> BuildRecord:
    """The record of a successful build of `request` that read the files `read` and wrote `outputs`
    (path -> checksum): a later build with other options may rewrite them, which ends this record."""
    files = tuple(sorted({os.path.abspath(path) for path in (request.data, request.audiences, *read)}))
    return BuildRecord(fingerprint(request, files), files, dict(sorted(outputs.items())), charts)


def record_from_json(data: object) -> BuildRecord | None:
    """A record as the manifest stores it; None when it is not one."""
    try:
        outputs = {str(path): str(sha256) for path, sha256 in data["outputs"].items()}
        linked = {str(path): str(sha256) for path, sha256 in data.get("linked", {}).items()}
        return BuildRecord(str(data["fingerprint"]), tuple(map(str, data["files"])), outputs, int(data["charts"]),
                           linked)
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def is_current(record: BuildRecord, request: BuildRequest) -> bool:
    """Whether `request` would read exactly what `record`'s build read, with the same contents."""
    return fingerprint(request, record.files) == record.fingerprint


def fingerprint(request: BuildRequest, files: tuple[str, ...]) -> str:
    """A hash of everything the outputs of `request` depend on, given the files it reads."""
    template = os.path.abspath(request.template)
    return _digest({
        "options": _options(request),
        "report_date": _report_date(),
        "barometer": [__version__, code_digest()],
        "environment": environment_digest(),
        "template_listing": _listing(template),
        "files": {path: _sha256_or_none(path) for path in files},
    })


@functools.cache
def code_digest() -> str:
    """A hash of barometer's own files (code and built-in narrative templates): a changed program is a new build."""
    root = Path(generator.__file__).parent
    digest = hashlib.sha256()
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if not name.endswith((".pyc", ".pyo")):
                path = Path(folder) / name
                digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def environment_digest() -> str:
    """Python's version and every installed distribution with its version (from the dist-info names)."""
    installed = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        installed.update(name for name in names if name.endswith((".dist-info", ".egg-info")))
    return _digest([sys.version, sorted(installed)])


def _complete(entry: dict | None) -> bool:
    """Whether a manifest entry has every field an up-to-date outcome needs."""
    return entry is not None and all(isinstance(entry.get(name), str) for name in OUTPUT_FIELDS)


def _inside(path: str) -> bool:
    """Whether a relative output path stays inside the output folder."""
    return not os.path.isabs(path) and ".." not in Path(path).parts


def _options(request: BuildRequest) -> dict:
    options = {name: value for name, value in dataclasses.asdict(request).items() if name not in NOT_OUTPUT_OPTIONS}
    return {name: os.path.abspath(value) if isinstance(value, Path) else value for name, value in options.items()}


def _report_date() -> str:
    """SOURCE_DATE_EPOCH as given, else today: the report's date (compose.report_date) follows from it."""
    return os.environ.get("SOURCE_DATE_EPOCH") or f"today {dt.date.today().isoformat()}"


def _listing(folder: str) -> list[str]:
    """Every name in the template folder: a file added there (a narrative template, deck.pptx beside
    deck.potx) may change what the build reads."""
    names = []
    for current, subfolders, files in os.walk(folder):
        subfolders.sort()
        names += sorted(os.path.relpath(os.path.join(current, name), folder) for name in (*subfolders, *files))
    return names


def _sha256_or_none(path: str) -> str | None:
    """The file's hash; None for a missing path or one that is no regular file (reading a FIFO would block)."""
    from generator.files import sha256_of

    try:
        return sha256_of(Path(path)) if stat.S_ISREG(os.stat(path).st_mode) else None
    except OSError:
        return None


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode("utf-8")).hexdigest()
