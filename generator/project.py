"""The project file `barometer.yaml`: where a project's data, audiences, template and output live.

Paths in it are relative to the file's folder. Without a project file the conventional
layout is assumed, so `barometer build` works in a fresh `barometer init` folder or a checkout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, problem_at
from generator.yaml_source import load_yaml_mapping

PROJECT_FILE = "barometer.yaml"


@dataclass(frozen=True)
class Project:
    """Default paths for every command; command-line options override them."""

    data: Path
    """The findings file."""
    audiences: Path
    """The audiences file."""
    template: Path
    """The template set folder."""
    out: Path
    """The output folder."""


DEFAULTS = {
    "data": "data/findings.yaml",
    "audiences": "data/audiences.yaml",
    "template": "templates/default",
    "out": "output",
}


def load_project(directory: Path | None = None) -> Project:
    """The project in `directory` (default: the working directory)."""
    directory = Path(directory or Path.cwd())
    path = directory / PROJECT_FILE
    values = dict(DEFAULTS)
    if path.is_file():
        settings = load_yaml_mapping(path)
        problems = []
        for key, value in settings.items():
            if key not in DEFAULTS:
                problems.append(problem_at(path, f"unknown setting; expected one of {', '.join(DEFAULTS)}",
                                           settings.line_of(key), str(key)))
            elif not isinstance(value, str) or not value.strip():
                problems.append(problem_at(path, "must be a path", settings.line_of(key), key))
            else:
                values[key] = value
        if problems:
            raise InputError(problems)
    base = path.parent
    return Project(**{key: _relative_to(base, value) for key, value in values.items()})


def _relative_to(base: Path, value: str) -> Path:
    path = Path(value)
    if path.is_absolute():
        return path
    try:
        return (base / path).relative_to(Path.cwd())
    except ValueError:
        return base / path


def init_project(directory: Path) -> None:
    """Scaffold a working project in `directory` (implemented with batch builds)."""
    raise NotImplementedError
