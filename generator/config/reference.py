"""The configuration reference, generated from the declared options, so the documentation cannot drift.

    python -m generator.config.reference [PATH]    # writes docs/configuration.md (or PATH)

Every field of every declared section is one table row: its path in the file, its type, its
default and its `doc`. Nested sections, lists of sections and mappings of sections are listed
under their parent ("audiences.<id>.title", "closing[].findings").
"""

from __future__ import annotations

import enum
import inspect
import sys
from pathlib import Path
from typing import Iterator

from generator.config.options import Identifier, ListOf, MappingOf, Option, Section

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
INTRODUCTION = """\
# Configuration reference

Every setting barometer reads from its YAML files, generated from the declarations in the code
by `python -m generator.config.reference`; do not edit by hand. Every setting is optional unless
marked *required*. A mistake is reported with its file, line and field, all at once, e.g.
`template.yaml:12: deck.footer: must be true or false, not 'misschien'`.
"""


def files() -> list[tuple[str, str, list[tuple[str, Option]]]]:
    """Each configuration file: its title, what it is, and its declared sections with their paths.

    The single list of declarations the reference covers; a newly declared file or section is added here.
    """
    from generator.audiences import AudiencesFile
    from generator.charts.style import ChartOptions
    from generator.findings_schema.survey import FindingsFile
    from generator.narrative.settings import TextOptions
    from generator.project import ProjectOptions
    from generator.responses.settings import FindingResponseOptions, SurveyResponseOptions, VariableOptions
    from generator.writers.docx.settings import BriefingOptions
    from generator.writers.pptx.settings import DeckOptions

    return [
        ("The findings file", "The survey's details and findings as YAML (`data/findings.yaml` in a new project); "
         "the README describes the same data as a CSV or XLSX table.",
         [("", FindingsFile())]),
        ("Respondent data", "Fields of the findings file that take its numbers from one row per respondent (see the "
         "README's \"Respondent data\"); they are read, and taken out, before the findings above are checked.",
         [("survey", SurveyResponseOptions()), ("codebook.<variable>", VariableOptions()),
          ("themes[].findings[]", FindingResponseOptions())]),
        ("The audiences file", "`data/audiences.yaml` unless `barometer.yaml` or `--audiences` names another.",
         [("", AudiencesFile())]),
        ("template.yaml", "The settings of a template set, beside its deck and briefing; four sections, each optional.",
         [("deck", DeckOptions()), ("briefing", BriefingOptions()), ("text", TextOptions()),
          ("charts", ChartOptions())]),
        ("barometer.yaml", "In the folder commands run in; without it, the defaults below apply.",
         [("", ProjectOptions())]),
    ]


def reference_markdown() -> str:
    """The whole reference as Markdown."""
    parts = [INTRODUCTION]
    for title, about, sections in files():
        parts.append(f"## {title}\n\n{about}\n")
        for path, section in sections:
            if path:
                parts.append(f"### `{path}`\n")
            parts.append(f"{_doc_of(section)}\n")
            parts.append(_table(section, path))
    return "\n".join(parts)


def _table(section: Section, path: str) -> str:
    lines = ["| field | type | default | description |", "| --- | --- | --- | --- |"]
    for field, option in rows(section, path):
        kind = option.describe() + (" (*required*)" if option.required else "")
        lines.append(f"| `{field}` | {_cell(kind)} | {_cell(_default(option))} | {_cell(option.doc)} |")
    return "\n".join(lines) + "\n"


def rows(section: Section, path: str = "") -> Iterator[tuple[str, Option]]:
    """(field path, option) of every field of `section` and of the sections inside it, in declaration order."""
    for name, option in section.fields().items():
        field = f"{path}.{name}" if path else name
        yield field, option
        yield from _inner(option, field)


def _inner(option: Option, field: str) -> Iterator[tuple[str, Option]]:
    if isinstance(option, Section):
        yield from rows(option, field)
    elif isinstance(option, ListOf):
        yield from _inner(option.item, f"{field}[]")
    elif isinstance(option, MappingOf):
        yield from _inner(option.value, f"{field}.<{'id' if isinstance(option.key, Identifier) else 'key'}>")


def _default(option: Option) -> str:
    default = option.default
    if isinstance(default, (dict, list, tuple)) and not default:
        return ""
    if isinstance(default, dict):
        return "; ".join(f"{_shown(key)}: {_shown(value)}" for key, value in default.items())
    return option.shown_default()


def _shown(value: object) -> str:
    return str(value.value) if isinstance(value, enum.Enum) else str(value)


def _doc_of(section: Section) -> str:
    return " ".join(inspect.cleandoc(type(section).__doc__ or "").split())


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def main(argv: list[str]) -> None:
    """Write the reference to `argv[0]`, or to docs/configuration.md of this checkout."""
    target = Path(argv[0]) if argv else DOCUMENT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(reference_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
