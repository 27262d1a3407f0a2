"""The project file `barometer.yaml`: where a project's data, audiences, template and output live.

Paths in it are relative to the file's folder. Without a project file the conventional
layout is assumed, so `barometer build` works in a fresh `barometer init` folder or a checkout.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.config import Section, Text, read_config
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


def _path(default: str, doc: str) -> Text:
    return Text(default=default, allow_empty=False, max_length=1000, spreadsheet_safe=False, doc=doc,
                null_problem=f"no path given; leave the line out for the default, {default}")


class ProjectOptions(Section):
    """The project file `barometer.yaml`: where a project's inputs and outputs live, relative to the file.
    Options given on the command line win."""

    data = _path("data/findings.yaml", "The findings file (YAML, CSV or XLSX).")
    audiences = _path("data/audiences.yaml", "The audiences file.")
    template = _path("templates/default", "The template set folder.")
    out = _path("output", "The output folder.")


DEFAULTS = {name: option.default for name, option in ProjectOptions.fields().items()}
"""Every path of a project without a project file; `barometer init` writes them out."""


def load_project(directory: Path | None = None) -> Project:
    """The project in `directory` (default: the working directory)."""
    directory = Path(directory or Path.cwd())
    path = directory / PROJECT_FILE
    settings = load_yaml_mapping(path) if path.is_file() else None
    return read_config(ProjectOptions(partial(_project, path.parent)), settings, path)


def _project(base: Path, **paths: str) -> Project:
    return Project(**{key: _relative_to(base, value) for key, value in paths.items()})


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
