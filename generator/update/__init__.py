"""`barometer update`: new figures into a deck or briefing someone has already edited.

The edited file's tags (generator/writers/tags.py) say which survey, audience and date it was
made for; the same document is built again from the current data, and its figures are moved
into the edited file wherever the generated part is still as generated. The edited file is
never changed unless asked, and then only by an atomic replace of a complete, re-read file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, problem_at, processing
from generator.files import write_atomically
from generator.update.changes import ChangeReport, report_to_json, report_to_text


@dataclass(frozen=True)
class UpdateRequest:
    edited: Path
    out: Path
    data: Path
    audiences: Path
    template: Path
    as_json: bool = False
    add_new: bool = False
    in_place: bool = False


@dataclass(frozen=True)
class UpdateResult:
    report: ChangeReport
    text: str
    """The change report as printed and written next to the output."""
    report_path: Path
    changed: bool
    notices: tuple[str, ...] = ()
    """Warnings about the inputs and the fresh document (the command line shows them)."""


def run_update(request: UpdateRequest) -> UpdateResult:
    """Update `request.edited` into `request.out` and write the change report beside it."""
    from generator.update.source import build_fresh, read_edited

    _check_paths(request)
    edited = read_edited(request.edited)
    fresh = build_fresh(edited, request.data, request.audiences, request.template)
    with processing(request.edited):
        if edited.identity.format == "pptx":
            from generator.update.deck import update_deck

            content, changes = update_deck(edited, fresh, request.add_new)
        else:
            from generator.update.briefing import update_briefing

            content, changes = update_briefing(edited, fresh)
            if request.add_new:
                changes.append(_no_adding())
    _reopen(content, edited.identity.format)
    report = ChangeReport(str(request.edited), str(request.out), tuple(changes))
    text = report_to_json(report) if request.as_json else report_to_text(report)
    report_path = changes_path(request.out, request.as_json)
    write_atomically(request.out, content)
    write_atomically(report_path, text.encode("utf-8"))
    return UpdateResult(report, text, report_path, content != edited.content, tuple(fresh.notices))


def changes_path(out: Path, as_json: bool) -> Path:
    """UPDATED.pptx -> UPDATED.changes.txt (or .changes.json)."""
    return out.with_name(f"{out.stem}.changes.{'json' if as_json else 'txt'}")


def _check_paths(request: UpdateRequest) -> None:
    edited, out = request.edited, request.out
    if out.suffix.lower() != edited.suffix.lower():
        raise InputError(problem_at(out, f"--out must end in {edited.suffix} like the file being updated"))
    try:
        same = out.exists() and out.resolve() == edited.resolve()
    except OSError:
        same = False
    if same and not request.in_place:
        raise InputError(problem_at(out, "--out is the file being updated; give another name, or --in-place"))
    if out.is_dir():
        raise InputError(problem_at(out, "--out is a folder; give a file name"))


def _reopen(content: bytes, fmt: str) -> None:
    """Read the result back before it is written: an update never leaves a file Office cannot open."""
    if fmt == "pptx":
        from pptx import Presentation

        Presentation(io.BytesIO(content))
    else:
        from docx import Document

        Document(io.BytesIO(content))


def _no_adding():
    from generator.update.changes import Change, ChangeKind

    return Change("document", ChangeKind.UNMATCHED, "--add-new",
                  "briefings do not take new findings yet; build a new briefing for them")
