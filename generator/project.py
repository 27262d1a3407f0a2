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


def skeleton_root() -> Path:
    """Where the default template set and data live: inside an installed wheel
    (`generator/skeleton/`) or, in a checkout, the repository itself."""
    package = Path(__file__).resolve().parent
    installed = package / "skeleton"
    return installed if installed.is_dir() else package.parent


def init_project(directory: Path) -> None:
    """Scaffold a working project in `directory`: template set, audiences, example findings
    (the Barometer Burgerparticipatie) and a `barometer.yaml`; refuses a non-empty folder."""
    import shutil

    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InputError(problem_at(directory, "folder exists and is not empty; choose a new or empty folder"))
    root = skeleton_root()
    sources = {
        root / "templates" / "default": directory / "templates" / "default",
        root / "data" / "audiences.yaml": directory / "data" / "audiences.yaml",
        root / "data" / "barometer-burgerparticipatie.yaml": directory / "data" / "findings.yaml",
    }
    missing = [str(source) for source in sources if not source.exists()]
    if missing:
        raise InputError(problem_at(root, f"installation is incomplete, missing: {', '.join(missing)}"))
    directory.mkdir(parents=True, exist_ok=True)
    for source, target in sources.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copyfile(source, target)
    (directory / PROJECT_FILE).write_text(
        "# Where this project's inputs and outputs live; paths are relative to this file.\n"
        + "".join(f"{key}: {value}\n" for key, value in DEFAULTS.items()),
        encoding="utf-8",
    )
