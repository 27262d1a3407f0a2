"""A template set: a folder with the house-style deck, briefing and their settings.

    templates/default/
        template.yaml    roles -> layouts/styles, text conventions, chart options
        deck.pptx        the PowerPoint house style (.pptx or .potx)
        briefing.docx    the Word house style (.docx or .dotx)
        narrative/       optional Jinja2 text templates overriding the built-in ones

Each writer validates its own section of template.yaml; this module only finds the parts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from generator.errors import InputError, problem_at
from generator.files import check_readable_file
from generator.yaml_source import LocatedDict, load_yaml_mapping

SETTINGS_FILE = "template.yaml"
DECK_NAMES = ("deck.pptx", "deck.potx")
BRIEFING_NAMES = ("briefing.docx", "briefing.dotx")
SECTIONS = ("deck", "briefing", "text", "charts")


@dataclass(frozen=True)
class TemplateSet:
    """Paths and raw settings of one template set."""

    directory: Path
    deck: Path | None
    briefing: Path | None
    settings_path: Path | None
    settings: Mapping[str, Any] = field(default_factory=dict)
    """template.yaml as loaded: one `LocatedDict` per section (deck, briefing, text, charts),
    so each writer can report the line of a bad setting."""

    def section(self, name: str) -> LocatedDict:
        """One section of template.yaml, empty when absent."""
        return self.settings.get(name) or LocatedDict()

    @property
    def narrative_dir(self) -> Path | None:
        folder = self.directory / "narrative"
        return folder if folder.is_dir() else None

    def used_files(self) -> tuple[Path, ...]:
        """Every file of the set a build reads (deck, briefing, template.yaml, narrative folder), sorted;
        other files in the folder (a video, a backup) are not part of the build and are never read."""
        files = [path for path in (self.deck, self.briefing, self.settings_path) if path is not None]
        if self.narrative_dir is not None:
            files += [path for path in self.narrative_dir.rglob("*") if path.is_file()]
        return tuple(sorted(files))

    def require(self, part: str) -> Path:
        """The deck or briefing file; a clear error when the set has none."""
        path = {"deck": self.deck, "briefing": self.briefing}[part]
        if path is None:
            names = DECK_NAMES if part == "deck" else BRIEFING_NAMES
            raise InputError(problem_at(self.directory, f"template set has no {part}: expected {' or '.join(names)}"))
        return path


def load_template_set(directory: Path) -> TemplateSet:
    """The template set in `directory`; fails with a located message when unusable."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(problem_at(directory, "template folder not found"))
    settings_path = directory / SETTINGS_FILE
    settings: LocatedDict = LocatedDict()
    if _exists(settings_path):
        settings = load_yaml_mapping(settings_path)
        unknown = [key for key in settings if key not in SECTIONS]
        if unknown:
            raise InputError([
                problem_at(settings_path, f"unknown section; expected one of {', '.join(SECTIONS)}",
                           settings.line_of(key), key)
                for key in unknown
            ])
        bad = [key for key in SECTIONS if key in settings and not isinstance(settings[key] or {}, dict)]
        if bad:
            raise InputError([problem_at(settings_path, "must be a mapping", settings.line_of(key), key) for key in bad])
    return TemplateSet(
        directory=directory,
        deck=_first_existing(directory, DECK_NAMES),
        briefing=_first_existing(directory, BRIEFING_NAMES),
        settings_path=settings_path if _exists(settings_path) else None,
        settings=settings,
    )


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
