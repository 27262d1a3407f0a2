"""The output folder: where each output goes, the lock a build holds on it, and its manifest.

Ids are validated to lowercase letters, digits, '-' and '_', so every audience id is a folder of
its own and no two outputs can share a file. The manifest is written last and atomically, and a
file counts as up to date only while it still has the checksum the manifest lists.
"""

from __future__ import annotations

import json
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from generator import __version__
from generator.errors import InputError, OutputError, display_path, problem_at
from generator.files import FolderLocked, lock_exclusively, sha256_of, write_atomically

if TYPE_CHECKING:
    from generator.build import Outcome

MANIFEST = "manifest.json"
CACHE_FOLDER = ".cache"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
LOCK_FILE = "build.lock"
"""Inside the cache folder: held (flock) by the build writing to the output folder."""
PDF = "pdf"
"""The format of a PDF converted from a document another writer wrote."""


def check_distinct_outputs(paths: tuple[Path, ...], audiences_path: Path) -> None:
    """Refuse two outputs that would be one file, also on a file system that ignores case."""
    seen: dict[str, Path] = {}
    problems = []
    for path in paths:
        other = seen.setdefault(str(path).casefold(), path)
        if other is not path:
            problems.append(problem_at(audiences_path, f"outputs {other} and {path} would be the same file; "
                                                       "give the audiences ids that differ in more than case"))
    if problems:
        raise InputError(problems)


def check_output_folder(out: Path) -> None:
    """Refuse an output folder that is a file or cannot be written, before anything is composed."""
    if out.exists() and not out.is_dir():
        raise InputError(problem_at(out, "is a file, not a folder; choose a folder for --out"))
    existing = next((folder for folder in (out, *out.parents) if folder.exists()), None)
    if existing is not None and not existing.is_dir():
        raise InputError(problem_at(out, f"cannot make the output folder: {display_path(existing)} is a file"))
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(problem_at(out, f"cannot write to the output folder: {display_path(existing)} "
                                         "is read-only; choose another --out"))


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the output folder's lock while writing: a second build into the same folder stops at once."""
    lock = out / CACHE_FOLDER / LOCK_FILE
    try:
        handle = lock_exclusively(lock)
    except FolderLocked:
        raise InputError(problem_at(out, f"another barometer build is writing to this folder (it holds "
                                         f"{display_path(lock)}); wait for it to finish or choose another --out")
                         ) from None
    except OSError as error:
        raise InputError(problem_at(out, f"cannot write to the output folder: {error.strerror or error}")) from None
    try:
        yield
    finally:
        os.close(handle)


def output_formats() -> tuple[str, ...]:
    """Every format a build can write: each writer's, and "pdf" when some writer's files convert to PDF."""
    from generator.writers import WRITERS

    convertible = any(info.converts_to_pdf for info in WRITERS.values())
    return (*WRITERS, PDF) if convertible else tuple(WRITERS)


def output_path(out: Path, survey_id: str, audience_id: str, extension: str) -> Path:
    """`<audience>/<survey>-<audience>.<extension>`, relative to `out`; never outside it.

    Ids are validated to lowercase letters, digits, '-' and '_', so each audience id is its own
    folder and no two audiences share a file (a slug would turn `raad_1` and `raad-1` into one)."""
    relative = Path(audience_id) / f"{survey_id}-{audience_id}.{extension}"
    resolved = (out / relative).resolve()
    if not resolved.is_relative_to(out.resolve()) or len(relative.parts) != 2:
        raise InputError(problem_at("--out", f"output name for audience {audience_id!r} leaves the output folder"))
    return relative


def pdf_path(source: Path, fmt: str) -> Path:
    """The PDF of the document `source` in format `fmt`: `<stem>-<fmt>.pdf` beside it."""
    return source.with_name(f"{source.stem}-{fmt}.pdf")


def read_manifest(out: Path) -> dict[str, dict]:
    """The previous build's outputs by relative path; empty when there is no usable manifest."""
    try:
        return {entry["path"]: entry for entry in _manifest_data(out).get("outputs", []) if isinstance(entry, dict)}
    except (KeyError, TypeError, AttributeError):
        return {}


def read_build_records(out: Path) -> dict[str, dict]:
    """The records of earlier successful builds by their options' key (see `generator.up_to_date`)."""
    try:
        return {key: record for key, record in _manifest_data(out).get("builds", {}).items() if isinstance(record, dict)}
    except (TypeError, AttributeError):
        return {}


def _manifest_data(out: Path) -> dict:
    """manifest.json as loaded; empty when it is missing, damaged, too large or not a regular file
    (a named pipe would block the build forever)."""
    path = out / MANIFEST
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_MANIFEST_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_manifest(out: Path, previous: dict[str, dict], outcomes: list[Outcome], inputs: dict, reports,
                   builds: dict[str, dict] | None = None) -> None:
    """manifest.json, written last and atomically: inputs' hashes and every output file with its checksum.

    Entries of earlier builds are kept only while their file still has the listed checksum; `builds`
    holds what each successful build read, for the next build's up-to-date check."""
    entries = {path: entry for path, entry in previous.items() if file_matches(out / path, entry)}
    for outcome in outcomes:
        if outcome.status == "failed":
            continue
        entries[str(outcome.job.path)] = {
            "audience": outcome.job.audience, "format": outcome.job.format, "path": str(outcome.job.path),
            "sha256": outcome.sha256, "pages": outcome.pages, "charts": outcome.charts, "key": outcome.job.key,
            "input": outcome.job.input,
        }
    dates = sorted({report.date.isoformat() for report in reports.values()})
    manifest = {"generator": f"barometer {__version__}", "report_date": dates[-1] if dates else None,
                "inputs": inputs, "outputs": [entries[path] for path in sorted(entries)], "builds": builds or {}}
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        write_atomically(out / MANIFEST, text.encode("utf-8"))
    except OSError as error:
        raise OutputError(problem_at(out / MANIFEST, f"cannot write the manifest: {error.strerror or error}")) from None


def file_matches(path: Path, entry: dict) -> bool:
    """Whether the file at `path` exists and has the checksum its manifest entry lists."""
    try:
        return path.is_file() and sha256_of(path) == entry.get("sha256")
    except OSError:
        return False
