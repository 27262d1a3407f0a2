"""A findings file whose survey names `responses:`: the data file read once, tabulated on demand.

The survey section says where the respondents are and how to weigh them:

    survey:
      responses: burgerpeiling-2025.sav   # relative to the findings file
      weight: gewicht                     # optional
      max_responses_mb: 500               # optional: refuse larger files
      breakdown: wijk                     # optional: each district as a comparison series against the total
      min_base: 30                        # optional: smaller groups are suppressed and get no `--each` documents
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from generator.errors import InputError, Problem, ProblemCollector, problem_at
from generator.responses.breakdown import MAX_GROUP_SERIES, Column, breakdown_columns, declare_series, merged_finding
from generator.responses.codebook import merged
from generator.responses.data import ResponseData, file_variables, read_responses, unknown_variable
from generator.responses.groups import Group, groups_of
from generator.responses.settings import CODEBOOK, SURVEY_KEYS, FindingSettings, ResponseSettings, read_settings
from generator.responses.tabulate import Tabulator, put
from generator.yaml_source import LocatedDict, LocatedList

WEIGHTING_NOTE = "De percentages en gemiddelden zijn gewogen; de aantallen (n) zijn ongewogen."


@dataclass(frozen=True, eq=False)
class Responses:
    """The responses file of a findings mapping, its weights, and its settings with the finding nodes that use it."""

    data: LocatedDict
    findings_path: Path
    table: ResponseData
    weights: np.ndarray
    settings: ResponseSettings
    breakdown: tuple[Group, ...] = ()
    """The groups of the file's `breakdown:` variable; empty without one."""

    def mapping(self, notices: list[Problem], columns: tuple[Column, ...] = (), title: str | None = None) -> LocatedDict:
        """The ordinary findings mapping over every respondent, with the file's breakdown as comparison series;
        with `columns`, every finding is tabulated per column instead, the first being the focus."""
        meta = self.data["survey"]
        explicit = bool(columns)
        columns = columns or (breakdown_columns(meta, self.breakdown) if self.breakdown else ())
        focus = columns[0] if columns else None
        selections = {column.id: column.selection(self.table.rows) for column in columns}
        everyone = np.ones(self.table.rows, dtype=bool)
        problems = ProblemCollector(self.findings_path)
        data_problems: list[Problem] = []
        tabulator = Tabulator(self.table, self.weights, problems, data_problems, notices)
        tabulated = {}
        for node, where, settings in self.settings.findings:
            first = tabulator.tabulated(node, where, settings, selections[focus.id] if focus else everyone)
            if focus is None or first.estimate is None or not (explicit or self.breakdown_of(settings)):
                tabulated[id(node)] = first.node
                continue
            results = [(focus, first), *((column, tabulator.tabulated(node, where, settings, selections[column.id],
                                                                       False)) for column in columns[1:])]
            tabulated[id(node)] = merged_finding(results, self.weighted)
        if data_problems or problems.problems:
            raise InputError(data_problems + sorted(problems.problems, key=lambda problem: problem.line or 0))
        result = _copy(self.data, lambda node: tabulated.get(id(node)), top=True)
        meta = result["survey"]
        if columns:
            declare_series(meta, columns)
        for key in SURVEY_KEYS:
            meta.pop(key, None)
        if not columns:
            meta.pop("min_base", None)
        if "base" not in meta:
            put(meta, "base", len(focus.rows) if focus is not None and focus.rows is not None else self.table.rows,
                 meta.line)
        if title:
            put(meta, "title", title, meta.line_of("title"))
        if self.weighted:
            notes = meta.get("notes")
            notes = LocatedList([notes] if isinstance(notes, str) else list(notes or ()), line=meta.line_of("notes"))
            notes.append(WEIGHTING_NOTE)
            put(meta, "notes", notes, meta.line_of("notes"))
        return result

    @property
    def weighted(self) -> bool:
        return self.settings.survey.weight is not None

    def breakdown_of(self, settings: FindingSettings) -> bool:
        """Whether a finding is tabulated per group: the survey's breakdown applies to all, a finding's to itself."""
        return bool(self.settings.survey.breakdown or settings.breakdown)


def open_responses(data: LocatedDict, findings_path: Path, also: tuple[str, ...] = ()) -> Responses:
    """The responses file `data` names, with every variable it needs read and checked; `InputError` otherwise.
    `also` names further variables to read (the `--each` variable)."""
    settings = read_settings(data, findings_path)
    survey = settings.survey
    path = Path(findings_path).parent / survey.responses
    names, file_meta = file_variables(path, survey.max_responses_mb)
    problems = ProblemCollector(findings_path)
    wanted: dict[str, None] = {}
    for name in also:
        if name not in names:
            problems.problems.append(problem_at("--each", unknown_variable(path, name, names)))
        wanted[name] = None
    for name, line, where in _named_variables(data["survey"], settings):
        if name not in names:
            problems.add(unknown_variable(path, name, names), line, where)
        else:
            wanted[name] = None
    problems.raise_if_any()
    variables = {name: merged(file_meta.get(name), settings.codebook.get(name), name) for name in wanted}
    table = read_responses(path, tuple(wanted), variables)
    if table.rows == 0:
        raise InputError(problem_at(path, "holds no respondents"))
    weights = _weights(table, survey.weight)
    return Responses(data, Path(findings_path), table, weights, settings,
                     _breakdown(table, data["survey"], settings, findings_path))


def _weights(table: ResponseData, name: str | None) -> np.ndarray:
    """The weight of each respondent (1 without a weight variable); refuses missing, negative or zero-sum weights."""
    if name is None:
        return np.ones(table.rows)
    column = table.frame[name]
    if column.dtype != float:
        raise InputError(problem_at(table.path, "the weight holds text, not numbers", None, name))
    values = column.to_numpy(dtype=float)
    problems = []
    for mask, message in ((np.isnan(values), "weight is missing"),
                          (~np.isfinite(values) & ~np.isnan(values), "weight is not a finite number"),
                          (values < 0, "weight is negative")):
        rows = np.flatnonzero(mask)
        if len(rows):
            problems.append(table.location(name, rows, message))
    if problems:
        raise InputError(problems)
    if not values.sum() > 0:
        raise InputError(problem_at(table.path, "the weights add up to zero; every respondent would count for nothing",
                                    None, name))
    return values


def _named_variables(meta: LocatedDict, settings: ResponseSettings) -> Iterator[tuple[str, int | None, str]]:
    """(name, line, field) of every variable the settings name."""
    for key in ("weight", "breakdown"):
        name = getattr(settings.survey, key)
        if name is not None:
            yield name, meta.line_of(key), f"survey.{key}"
    for node, where, finding in settings.findings:
        for name in finding.names:
            yield name, node.line_of(finding.key), f"{where}.{finding.key}"
        if finding.breakdown is not None:
            yield finding.breakdown, node.line_of("breakdown"), f"{where}.breakdown"


def _breakdown(table: ResponseData, meta: LocatedDict, settings: ResponseSettings,
               findings_path: Path) -> tuple[Group, ...]:
    """The groups of the one variable the survey or its findings break down by; `InputError` when they name
    several, when the survey also declares its own series, or when there are too many groups to compare."""
    problems = ProblemCollector(findings_path)
    named = [(settings.survey.breakdown, meta, "survey.breakdown")]
    named += [(finding.breakdown, node, f"{where}.breakdown") for node, where, finding in settings.findings]
    chosen = None
    for name, node, where in named:
        if name is None:
            continue
        if chosen is None:
            chosen = (name, node, where)
        elif name != chosen[0]:
            problems.add(f"breaks down by {name!r}, but {chosen[2]} breaks down by {chosen[0]!r}; a findings file "
                         "breaks down by one variable (use --each for documents per group)", node.line_of("breakdown"),
                         where)
    if chosen is not None and "series" in meta:
        problems.add("a breakdown declares the comparison series itself (the total and each group); remove "
                     "survey.series or the breakdown", meta.line_of("series"), "survey.series")
    problems.raise_if_any()
    if chosen is None:
        return ()
    name, node, where = chosen
    source = problem_at(findings_path, "", node.line_of("breakdown"), where)
    groups = groups_of(table, name, source)
    if len(groups) > MAX_GROUP_SERIES:
        raise InputError(problem_at(findings_path, f"variable {name!r} has {len(groups)} groups; a breakdown compares "
                                                   f"at most {MAX_GROUP_SERIES} with the total in one chart (use "
                                                   "--each for documents per group)", source.line, where))
    return groups


def _copy(node: Any, replacement, top: bool = False) -> Any:
    """A deep copy of a located mapping with tabulated findings in place and no responses fields."""
    swapped = replacement(node)
    if swapped is not None:
        return swapped
    if isinstance(node, LocatedDict):
        skip = {CODEBOOK} if top else set()
        copy = LocatedDict(line=node.line)
        for key, value in node.items():
            if key not in skip:
                put(copy, key, _copy(value, replacement), node.line_of(key))
        return copy
    if isinstance(node, LocatedList):
        copy = LocatedList((_copy(value, replacement) for value in node), line=node.line)
        copy.item_lines = list(node.item_lines)
        return copy
    return node
