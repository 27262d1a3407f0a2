"""Respondents split by a variable (a district): one survey per group, for `barometer build --each VAR`.

Each group's survey has the group as its focus and the whole municipality as a benchmark that
contains it, so every document compares the district with the total and says they overlap.

A group is the row numbers of its respondents in the one table, never a copy of the table, so
memory stays that of the file however many groups there are. Groups with fewer respondents
than the minimum base get no documents of their own (statistical disclosure control).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.errors import InputError, Problem, ProblemCollector, problem_at
from generator.findings import DEFAULT_MIN_BASE, Survey
from generator.responses.data import ResponseData
from generator.responses.tabulate import code_text
from generator.yaml_source import load_yaml

MAX_GROUPS = 500
"""Distinct values a breakdown variable may have; more is an id or a free-text column."""
_NOT_IN_NAME = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True, eq=False)
class Group:
    """The respondents with one value of a breakdown variable."""

    key: str
    """The group's folder name: its label in lowercase letters, digits, '-' and '_'."""
    label: str
    rows: np.ndarray
    """Positions of its respondents in the table."""


@dataclass(frozen=True)
class GroupSurvey:
    """One group's findings, tabulated over its respondents only."""

    key: str
    label: str
    survey: Survey


@dataclass(frozen=True)
class SkippedGroup:
    """A group too small for documents of its own; its respondents still count in the total."""

    label: str
    respondents: int
    min_base: int


def groups_of(table: ResponseData, name: str, source: Problem) -> tuple[Group, ...]:
    """The groups of variable `name` in code order; `source` locates the request in messages."""
    values = table.frame[name].to_numpy()
    variable = table.variables[name]
    if values.dtype == float:
        valid = ~np.isnan(values) & ~variable.missing_mask(values)
    else:
        valid = np.array([value is not None for value in values], dtype=bool)
    distinct = np.unique(values[valid])
    if len(distinct) > MAX_GROUPS:
        raise InputError(Problem(source.path, f"variable {name!r} has {len(distinct):,} different values; a breakdown "
                                              f"takes at most {MAX_GROUPS} (is it an id or a free-text answer?)",
                                 source.line, source.field))
    groups, keys = [], set()
    for value in distinct:
        label = (variable.label_of(value) or code_text(value)) if values.dtype == float else str(value)
        key = _NOT_IN_NAME.sub("-", label.lower()).strip("-")[:60] or "groep"
        if key in keys:
            key = f"{key}-{code_text(value) if values.dtype == float else len(groups) + 1}"
        keys.add(key)
        groups.append(Group(key, label, np.flatnonzero(valid & (values == value))))
    return tuple(groups)


def group_surveys(findings_path: Path, name: str) -> tuple[tuple[GroupSurvey, ...], tuple[SkippedGroup, ...]]:
    """One validated survey per group of variable `name` with at least the minimum base, and the groups left out."""
    from generator.responses.breakdown import each_columns
    from generator.responses.settings import uses_responses
    from generator.responses.source import open_responses
    from generator.findings_schema import survey_from_mapping

    path = Path(findings_path)
    data = load_yaml(path) if path.suffix.lower() in (".yaml", ".yml") else None
    if not uses_responses(data):
        raise InputError(problem_at("--each", f"{path.name} takes no numbers from respondent data; --each needs a "
                                              "findings file whose survey names 'responses:'"))
    responses = open_responses(data, path, also=(name,))
    meta = data["survey"]
    if "series" in meta:
        raise InputError(problem_at(path, "--each compares each group with the total as its own series; remove "
                                          "survey.series to build per group", meta.line_of("series"), "survey.series"))
    min_base = meta.get("min_base", DEFAULT_MIN_BASE)
    built, skipped = [], []
    for group in groups_of(responses.table, name, problem_at("--each", "", None, None)):
        if len(group.rows) < min_base:
            skipped.append(SkippedGroup(group.label, len(group.rows), min_base))
            continue
        mapping = responses.mapping([], each_columns(meta, group), title=f"{meta.get('title')}: {group.label}")
        problems = ProblemCollector(path)
        survey = survey_from_mapping(mapping, problems, [])
        if problems.problems:
            raise InputError([Problem(p.path, f"in group {group.label!r}: {p.message}", p.line, p.field)
                              for p in problems.problems])
        built.append(GroupSurvey(group.key, group.label, survey))
    return tuple(built), tuple(skipped)
