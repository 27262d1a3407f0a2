"""Output formats, looked up by name in one registry.

A writer turns a `Report` plus rendered chart images and a template set into the bytes of
one file. It never reads findings. A new format is a new module plus one registry entry.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Protocol

if TYPE_CHECKING:
    from generator.report import Report
    from generator.template_set import TemplateSet


@dataclass(frozen=True)
class WriterOptions:
    """Choices that are the user's, not the template's."""

    native_charts: bool = False
    """pptx only: editable PowerPoint charts instead of pictures."""


@dataclass(frozen=True)
class Document:
    """A written file's content and what it holds."""

    content: bytes
    pages: int | None
    """Slides for a deck; pages when known for a briefing, else None."""
    charts: int


class Writer(Protocol):
    """What every output format provides."""

    name: str
    extension: str

    def check_template(self, template: "TemplateSet") -> None:
        """Raise `InputError` when the template set cannot serve this format; writes nothing."""

    def write(
        self,
        report: "Report",
        images: Mapping[str, Path],
        template: "TemplateSet",
        options: WriterOptions,
    ) -> Document:
        """The file for `report`; `images` maps chart ids to rendered PNG files."""


WRITERS: dict[str, str] = {
    "pptx": "generator.writers.pptx_writer:PptxWriter",
    "docx": "generator.writers.docx_writer:DocxWriter",
}
"""Format name -> "module:class"; modules are imported only when that format is used."""


def writer_names() -> tuple[str, ...]:
    return tuple(WRITERS)


def get_writer(name: str) -> Writer:
    """The writer registered as `name`; an unknown name fails listing the known ones."""
    try:
        target = WRITERS[name]
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise KeyError(f"unknown output format {name!r}; known formats: {known}") from None
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)()
