"""Exceptions that know their exit code and how to show themselves.

Every problem with user input is a `Problem` with a location, printed as
``PATH:LINE: field: message`` so editors and terminals can jump to it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import click

EXIT_OK = 0
EXIT_PARTIAL_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 1
DEBUG_VARIABLE = "BAROMETER_DEBUG"
"""Set to 1 to see the traceback of an internal error instead of the one-line report."""


@dataclass(frozen=True)
class Problem:
    """One located problem in a user-supplied file."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        location = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = f"{self.field}: " if self.field else ""
        return f"{location}: {prefix}{self.message}"


class InputError(click.ClickException):
    """Bad input (data, configuration, template): exit code 2, every problem listed."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, problems: list[Problem] | tuple[Problem, ...] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __reduce__(self):
        """Survive the trip back from a worker process with its problems intact."""
        return (type(self), (list(self.problems),))

    def show(self, file=None) -> None:  # noqa: D102 - click's hook
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        click.echo(self.format_message(), err=True)
        click.echo(f"{count} {noun} found; nothing was written.", err=True)


class OutputError(click.ClickException):
    """A file could not be made after every input was valid: written, converted to PDF, rendered, or given
    the chart images it shows. Exit code 2, shown as ``FILE: cause``; in a batch build one failing output
    is reported as failed and the others are still built."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, cause: str | Problem, path: Path | str | None = None) -> None:
        if isinstance(cause, Problem):
            cause, path = cause.message, cause.path
        self.cause = cause
        self.path = display_path(path) if isinstance(path, Path) else path
        super().__init__(f"{self.path}: {cause}" if self.path else cause)

    def __reduce__(self):
        """Survive the trip back from a worker process with its file and cause."""
        return (type(self), (self.cause, self.path))

    def show(self, file=None) -> None:  # noqa: D102 - click's hook
        click.echo(self.format_message(), err=True)
        click.echo("The build stopped; files already in the output folder are complete.", err=True)


class InternalError(click.ClickException):
    """An exception nothing expected (a bug): exit code 1, one message naming the input being processed."""

    exit_code = EXIT_INTERNAL_ERROR

    def __init__(self, error: BaseException, source: str) -> None:
        self.error = error
        self.source = source
        super().__init__(f"internal error while processing {source}: {type(error).__name__}: {error}")

    def show(self, file=None) -> None:  # noqa: D102 - click's hook
        click.echo(self.format_message(), err=True)
        click.echo(f"This is a bug in barometer; please report it with that input. "
                   f"Run with {DEBUG_VARIABLE}=1 to see the traceback.", err=True)


def debugging() -> bool:
    """Whether developers asked for tracebacks instead of internal-error reports."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


INPUT_ATTRIBUTE = "barometer_input"
"""Set on an unexpected exception by `processing`: the input it was raised for."""


@contextmanager
def processing(source: Path | str) -> Iterator[None]:
    """Name `source` on any unexpected exception raised inside, for the internal-error report;
    the innermost `processing` wins."""
    try:
        yield
    except click.ClickException:
        raise
    except Exception as error:
        if not hasattr(error, INPUT_ATTRIBUTE):
            try:
                setattr(error, INPUT_ATTRIBUTE, display_path(source) if isinstance(source, Path) else source)
            except (AttributeError, TypeError):
                pass
        raise


def problem_at(path: Path | str, message: str, line: int | None = None, field: str | None = None) -> Problem:
    """A `Problem` for `path`, shown relative to the working directory when possible."""
    return Problem(path=display_path(path), message=message, line=line, field=field)


def display_path(path: Path | str) -> str:
    """`path` as the user would type it: relative to the working directory if inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class ProblemCollector:
    """Gathers problems across a whole input so they can be reported all at once."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, message: str, line: int | None = None, field: str | None = None) -> None:
        self.problems.append(problem_at(self.path, message, line, field))

    def raise_if_any(self) -> None:
        """Raise one `InputError` with every problem, in file order."""
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda problem: problem.line or 0))
