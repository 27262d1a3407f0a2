"""`barometer check`: accessibility checks for any .pptx, .docx or .pdf, one module per file type.

`check_file` is what the build calls on every file it writes; `inspect_file` adds the summary
the command prints.
"""

from __future__ import annotations

from pathlib import Path

from generator.checks.model import CheckProblem, FileCheck
from generator.errors import InputError, problem_at

SUPPORTED = (".pptx", ".docx", ".pdf")


def inspect_file(path: Path) -> FileCheck:
    """Every check that applies to `path`; `InputError` (exit 2) for a file that is none of the kinds."""
    from generator.checks.docx_file import check_document
    from generator.checks.pdf_file import check_pdf
    from generator.checks.pptx_file import check_presentation

    checkers = {".pptx": check_presentation, ".docx": check_document, ".pdf": check_pdf}
    path = Path(path)
    if not path.is_file():
        raise InputError(problem_at(path, "file not found" if not path.exists() else "not a regular file"))
    checker = checkers.get(path.suffix.lower())
    if checker is None:
        raise InputError(problem_at(path, f"cannot check this kind of file; barometer check reads "
                                          f"{', '.join(SUPPORTED)}"))
    return checker(path)


def check_file(path: Path) -> list[CheckProblem]:
    """The accessibility problems of `path` (empty when every check passes)."""
    return list(inspect_file(path).problems)


def inspect_files(paths: list[Path]) -> tuple[list[FileCheck], list]:
    """The results of the files that could be read, and the input problems of those that could not."""
    results, unreadable = [], []
    for path in paths:
        try:
            results.append(inspect_file(path))
        except InputError as error:
            unreadable += error.problems
    return results, unreadable
