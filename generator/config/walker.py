"""One walker over located YAML: every option read through it, every problem collected with its line.

A `Place` is where a value sits (the mapping or list holding it, its key, the dotted field
name the user sees) and the one way options, sections and rules report problems, so the same
mistake reads the same everywhere: ``template.yaml:12: briefing.styles.titel: unknown name;
did you mean 'title'?``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.config.options import MISSING, Invalid, Option, Section
from generator.errors import Problem, ProblemCollector, problem_at
from generator.yaml_source import LocatedDict, LocatedList


class Place:
    """Where a value is in its file, and where its problems go."""

    def __init__(self, problems: ProblemCollector, container: Any, key: Any, field: str,
                 notices: list[Problem] | None = None, context: dict[str, Any] | None = None) -> None:
        self.problems = problems
        self.container = container
        self.key = key
        self.field = field
        self.notices = notices if notices is not None else []
        self.context: dict[str, Any] = context if context is not None else {}
        """What enclosing sections read that options below them depend on (a finding's kind, for its items)."""

    @property
    def line(self) -> int | None:
        if self.key is None or not isinstance(self.container, (LocatedDict, LocatedList)):
            return getattr(self.container, "line", None)
        return self.container.line_of(self.key)

    def child(self, mapping: Any, key: Any) -> "Place":
        """The place of `mapping[key]`."""
        field = f"{self.field}.{key}" if self.field else str(key)
        return Place(self.problems, mapping, key, field, self.notices, self.context)

    def item(self, sequence: Any, index: int) -> "Place":
        """The place of `sequence[index]`, shown 1-based: "themes[3]"."""
        return Place(self.problems, sequence, index, f"{self.field}[{index + 1}]", self.notices, self.context)

    def within(self, mapping: Any) -> "Place":
        """This place as the holder of `mapping`'s fields (for cross-field rules)."""
        return Place(self.problems, mapping, None, self.field, self.notices, self.context)

    def with_context(self, **values: Any) -> "Place":
        """This place, with `values` known to every option read at or below it."""
        return Place(self.problems, self.container, self.key, self.field, self.notices, {**self.context, **values})

    def named(self, field: str) -> "Place":
        """This place with problems at and below it named from `field`: a finding is "findings.gemist" once its
        id is known, wherever it stands in the file."""
        return Place(self.problems, self.container, self.key, field, self.notices, self.context)

    def at(self, key: Any) -> "Place":
        """The place of field `key` of the mapping this place holds (see `within`)."""
        return self.child(self.container, key)

    def problem(self, message: str) -> None:
        self.problems.add(message, self.line, self.field or None)

    def notice(self, message: str) -> None:
        """Input that is valid but probably not what was meant: shown as a warning, builds go on."""
        self.notices.append(problem_at(self.problems.path, message, self.line, self.field or None))

    def problem_count(self) -> int:
        return len(self.problems.problems)

    def read(self, option: Option, value: Any, *, present: bool = True, required: bool = False) -> Any:
        """`value` read by `option`; a problem here and None when it cannot be."""
        if present and value is None and getattr(option, "null_problem", ""):
            self.problem(option.null_problem)
            return None
        if not present or value is None:
            if option.required or required:
                self.problem("missing; this field is required")
                return None
            if isinstance(option, Section) and option.default is MISSING:
                return option.parse(LocatedDict(line=self.line), self)
            return option.absent()
        try:
            return option.parse(value, self)
        except Invalid as invalid:
            self.problem(str(invalid))
            return None


def read_config(option: Option, value: Any, path: Path | str, field: str = "",
                notices: list[Problem] | None = None) -> Any:
    """`value` (a located YAML mapping, or None for an absent section) read by `option`.

    Every problem is collected; one `InputError` lists them all, in file order. An absent
    section reads as an empty one, so its defaults apply.
    """
    problems = ProblemCollector(path)
    place = Place(problems, None, None, field, notices)
    if value is None and isinstance(option, Section):
        value = LocatedDict()
    result = place.read(option, value)
    problems.raise_if_any()
    return result


class Located(Option):
    """Another option's value with the line it was read from, `(value, line)`, for checks made later.

    A layout named in template.yaml is looked up in the deck only when the deck is opened; the
    line lets that later message point at the setting.
    """

    def __init__(self, option: Option, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.option = option

    def parse(self, value: Any, place: Place) -> Any:
        parsed = self.option.parse(value, place)
        return None if parsed is None else (parsed, place.line)

    def describe(self) -> str:
        return self.option.describe()
