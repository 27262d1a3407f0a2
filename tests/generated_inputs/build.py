"""Inputs of the build area: special files where a regular file is expected, and an unusable --out.

A named pipe or a device given as an input would block the build forever or feed it endless
zeros, so each must be refused before anything reads it.
"""

from __future__ import annotations

import os
from pathlib import Path


def _fifo_instead_of(path: Path) -> Path:
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def _device_instead_of(path: Path) -> Path:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")
    return path


def _out_is_a_file(work: Path) -> Path:
    path = work / "out"
    path.write_text("Dit is een bestand, geen map.\n", encoding="utf-8")
    return work / "valid.yaml"


def _out_inside_a_file(work: Path) -> Path:
    (work / "rapporten").write_text("Dit is een bestand, geen map.\n", encoding="utf-8")
    return work / "valid.yaml"


GENERATORS = {
    "data-file-is-a-fifo": lambda work: _fifo_instead_of(work / "findings.yaml"),
    "data-file-is-a-device": lambda work: _device_instead_of(work / "findings.yaml"),
    "audiences-file-is-a-fifo": lambda work: _fifo_instead_of(work / "audiences.yaml"),
    "deck-is-a-fifo": lambda work: _fifo_instead_of(work / "template" / "deck.pptx"),
    "briefing-is-a-device": lambda work: _device_instead_of(work / "template" / "briefing.docx"),
    "template-settings-is-a-fifo": lambda work: _fifo_instead_of(work / "template" / "template.yaml"),
    "out-is-a-file": _out_is_a_file,
    "out-inside-a-file": _out_inside_a_file,
}
