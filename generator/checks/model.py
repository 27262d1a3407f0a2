"""What an accessibility check reports: problems tied to a check, and one summary per file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.errors import Problem, display_path

CHECK_TITLES = {
    "title": "document title",
    "language": "document language",
    "slide-titles": "slide titles present, unique, first",
    "alt-text": "alt text on pictures, charts, frames",
    "tables": "table header rows, no merged cells",
    "headings": "headings in order, no skipped level",
    "lists": "real list styles",
    "contrast": "text contrast (4.5:1, large 3:1)",
    "text-size": "smallest text size",
    "empty-paragraphs": "no empty paragraphs as spacing",
    "tagged": "tagged PDF with structure tree",
    "fonts": "fonts embedded",
}
"""Every check by id, with the name shown in the summary table."""


@dataclass(frozen=True)
class CheckProblem(Problem):
    """A `Problem` found by one accessibility check; prints as ``FILE: slide 4: message``."""

    check: str = ""


@dataclass(frozen=True)
class FileCheck:
    """The outcome of checking one file: which checks ran and what each found."""

    path: str
    kind: str
    """"pptx", "docx" or "pdf"."""
    checks: tuple[str, ...]
    problems: tuple[CheckProblem, ...]
    smallest_text: float | None = None
    """The smallest text size found, in points (Office files)."""

    @property
    def passed(self) -> bool:
        return not self.problems

    def problems_of(self, check: str) -> tuple[CheckProblem, ...]:
        return tuple(problem for problem in self.problems if problem.check == check)


class ProblemLog:
    """Collects the problems of one file, each under the check that found it."""

    def __init__(self, path) -> None:
        self.path = display_path(path)
        self.problems: list[CheckProblem] = []

    def add(self, check: str, message: str, where: str | None = None) -> None:
        """One problem; `where` is a location such as "slide 4" or "paragraph 12"."""
        self.problems.append(CheckProblem(path=self.path, message=message, field=where, check=check))

    def in_order(self) -> tuple[CheckProblem, ...]:
        """The problems ordered by location (file-wide first, then slide, page or paragraph number)."""
        def key(problem: CheckProblem):
            numbers = [int(number) for number in re.findall(r"\d+", problem.field or "")]
            return (problem.field is not None, numbers)

        return tuple(sorted(self.problems, key=key))
