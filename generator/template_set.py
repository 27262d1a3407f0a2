"""A template set: a folder with the house-style files each format writes into and their settings.

    templates/default/
        template.yaml    roles -> layouts/styles, text conventions, chart options
        deck.pptx        the PowerPoint house style (.pptx or .potx)
        briefing.docx    the Word house style (.docx or .dotx)
        narrative/       optional Jinja2 text templates overriding the built-in ones

Which files a set may hold and which section of template.yaml belongs to whom come from the
writer declarations (`generator.writers.WRITERS`); each writer validates its own section. The
deck's theme (colours, fonts, the background charts sit on) is read once here, so charts get
it as data.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from generator.config import Option, Section, read_config
from generator.config.options import Invalid, kind_of
from generator.errors import InputError, problem_at
from generator.files import check_readable_file
from generator.writers import WRITERS
from generator.yaml_source import LocatedDict, load_yaml_mapping

if TYPE_CHECKING:
    from generator.charts.theme import DeckTheme

SETTINGS_FILE = "template.yaml"
SHARED_SECTIONS = ("text", "charts")
"""Sections of template.yaml read by compose and the charts, whatever formats are built."""
THEME_PART = "deck"
"""The template part whose theme gives charts their colours and fonts."""


@dataclass(frozen=True)
class TemplateSet:
    """The files and raw settings of one template set, and its deck's theme."""

    directory: Path
    settings_path: Path | None
    settings: Mapping[str, Any] = field(default_factory=dict)
    """template.yaml as loaded: one `LocatedDict` per section (deck, briefing, text, charts),
    so each writer can report the line of a bad setting."""
    files: Mapping[str, Path] = field(default_factory=dict)
    """Template part ("deck", "briefing") -> the file of the set that serves it."""
    theme: DeckTheme | None = None
    """The deck's theme colours, fonts and chart background; None when the set has no deck."""

    @property
    def deck(self) -> Path | None:
        return self.files.get("deck")

    @property
    def briefing(self) -> Path | None:
        return self.files.get("briefing")

    def section(self, name: str) -> LocatedDict:
        """One section of template.yaml, empty when absent."""
        return self.settings.get(name) or LocatedDict()

    @property
    def narrative_dir(self) -> Path | None:
        folder = self.directory / "narrative"
        return folder if folder.is_dir() else None

    def used_files(self) -> tuple[Path, ...]:
        """Every file of the set a build reads (template files, template.yaml, narrative folder), sorted;
        other files in the folder (a video, a backup) are not part of the build and are never read."""
        files = [*self.files.values(), *([self.settings_path] if self.settings_path else [])]
        if self.narrative_dir is not None:
            files += [path for path in self.narrative_dir.rglob("*") if path.is_file()]
        return tuple(sorted(files))

    def require(self, part: str) -> Path:
        """The file serving template part `part` ("deck", "briefing"); a clear error when the set has none."""
        path = self.files.get(part)
        if path is None:
            names = [name for info in WRITERS.values() if info.template_part == part for name in info.template_names]
            raise InputError(problem_at(self.directory, f"template set has no {part}: expected {' or '.join(names)}"))
        return path


class Unread(Option):
    """A section another stage reads itself (a writer's own settings): here only checked to be a mapping."""

    type_name = "mapping"

    def parse(self, value: Any, place) -> Any:
        if not isinstance(value, dict):
            raise Invalid(f"must be a mapping (key: value lines), not {kind_of(value)}")
        return value


def settings_sections() -> tuple[str, ...]:
    """The sections template.yaml may hold: each writer's own, then the shared ones."""
    own = [info.settings_section for info in WRITERS.values() if info.settings_section]
    return tuple(dict.fromkeys([*own, *SHARED_SECTIONS]))


def settings_options() -> Section:
    """template.yaml's top level, declared from the writers registered now (a test may add one)."""
    fields = {name: Unread(doc=f"settings of the {name} stage") for name in settings_sections()}
    return type("TemplateSettings", (Section,), {"__doc__": "template.yaml", **fields})()


def load_template_set(directory: Path) -> TemplateSet:
    """The template set in `directory` with its deck's theme; fails with a located message when unusable."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(problem_at(directory, "template folder not found"))
    settings_path = directory / SETTINGS_FILE
    settings: dict[str, Any] = {}
    if _exists(settings_path):
        sections = read_config(settings_options(), load_yaml_mapping(settings_path), settings_path)
        settings = {name: value for name, value in sections.items() if value is not None}
    files = {}
    for info in WRITERS.values():
        found = _first_existing(directory, info.template_names)
        if info.template_part and found is not None:
            files.setdefault(info.template_part, found)
    template = TemplateSet(directory=directory, settings_path=settings_path if _exists(settings_path) else None,
                           settings=settings, files=files)
    if THEME_PART not in files:
        return template
    from generator.charts.theme import template_theme

    return dataclasses.replace(template, theme=template_theme(template))


def _first_existing(directory: Path, names: tuple[str, ...]) -> Path | None:
    for name in names:
        if _exists(directory / name):
            return directory / name
    return None


def _exists(path: Path) -> bool:
    """Whether a part is present; one that is not a regular file (a FIFO, a device) is refused."""
    if not os.path.lexists(path):
        return False
    check_readable_file(path)
    return True
