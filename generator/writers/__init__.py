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
    location: Path | None = None
    """Where the file will be written; a format that links images (`links_images`) refers to them from there."""


@dataclass(frozen=True)
class Document:
    """A written file's content and what it holds."""

    content: bytes
    pages: int | None
    """Slides for a deck; pages when known for a briefing, else None."""
    charts: int
    notices: tuple[str, ...] = ()
    """What the user should know about the file that does not stop it (a layout stood in for another)."""


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


@dataclass(frozen=True)
class WriterInfo:
    """What a format needs and can do, declared where it is registered so build and the template set
    read it instead of knowing formats by name."""

    target: str
    """"module:class" of the writer; the module is imported only when the format is used."""
    extension: str
    template_names: tuple[str, ...] = ()
    """Files in a template set this format writes into, first found wins; empty: it needs none."""
    template_part: str = ""
    """What that file is called in messages and `TemplateSet.require`: "deck", "briefing"."""
    settings_section: str | None = None
    """The section of template.yaml the writer reads, if any."""
    image_formats: tuple[str, ...] = ("png",)
    """Formats of chart images the writer places; the build renders each chart once per format."""
    converts_to_pdf: bool = False
    """Whether `--format pdf` can convert this format's files (with LibreOffice)."""
    links_images: bool = False
    """The file refers to the chart images instead of embedding them (they must stay next to it)."""


WRITERS: dict[str, WriterInfo] = {
    "pptx": WriterInfo("generator.writers.pptx.writer:PptxWriter", "pptx", ("deck.pptx", "deck.potx"), "deck",
                       "deck", converts_to_pdf=True),
    "docx": WriterInfo("generator.writers.docx.writer:DocxWriter", "docx", ("briefing.docx", "briefing.dotx"),
                       "briefing", "briefing", converts_to_pdf=True),
    "md": WriterInfo("generator.writers.markdown:MarkdownWriter", "md", links_images=True),
}
"""Format name -> its declaration."""


def writer_names() -> tuple[str, ...]:
    return tuple(WRITERS)


def writer_info(name: str) -> WriterInfo:
    """The declaration of format `name`; an unknown name fails listing the known ones."""
    try:
        return WRITERS[name]
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise KeyError(f"unknown output format {name!r}; known formats: {known}") from None


def get_writer(name: str) -> Writer:
    """The writer registered as `name`."""
    module_name, class_name = writer_info(name).target.split(":")
    return getattr(importlib.import_module(module_name), class_name)()
