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
from generator.responses.codebook import merged, read_codebook
from generator.responses.data import DEFAULT_MAX_MB, ResponseData, file_variables, read_responses, unknown_variable
from generator.responses.groups import Group, groups_of
from generator.responses.tabulate import Tabulator, put
from generator.yaml_source import LocatedDict, LocatedList

SURVEY_KEYS = ("responses", "weight", "breakdown", "max_responses_mb")
"""Survey fields about the responses file; the tabulated mapping has none of them."""
CODEBOOK = "codebook"
WEIGHTING_NOTE = "De percentages en gemiddelden zijn gewogen; de aantallen (n) zijn ongewogen."


@dataclass(frozen=True, eq=False)
class Responses:
    """The responses file of a findings mapping, its weights and the finding nodes that use it."""

    data: LocatedDict
    findings_path: Path
    table: ResponseData
    weights: np.ndarray
    findings: tuple[tuple[LocatedDict, str], ...]
    """Each finding node that names variables, with its field path for messages."""
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
        weighted = bool(meta.get("weight"))
        tabulated = {}
        for node, where in self.findings:
            first = tabulator.tabulated(node, where, selections[focus.id] if focus else everyone)
            if focus is None or first.estimate is None or not (explicit or _broken_down(meta, node)):
                tabulated[id(node)] = first.node
                continue
            results = [(focus, first), *((column, tabulator.tabulated(node, where, selections[column.id], False))
                                         for column in columns[1:])]
            tabulated[id(node)] = merged_finding(results, weighted)
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
        if self.data["survey"].get("weight"):
            notes = meta.get("notes")
            notes = LocatedList([notes] if isinstance(notes, str) else list(notes or ()), line=meta.line_of("notes"))
            notes.append(WEIGHTING_NOTE)
            put(meta, "notes", notes, meta.line_of("notes"))
        return result


def uses_responses(data: Any) -> bool:
    """Whether a findings mapping takes (some of) its numbers from respondent data."""
    if not isinstance(data, LocatedDict):
        return False
    meta = data.get("survey")
    return (isinstance(meta, LocatedDict) and "responses" in meta) or CODEBOOK in data or any(True for _ in _findings(data))


def open_responses(data: LocatedDict, findings_path: Path, also: tuple[str, ...] = ()) -> Responses:
    """The responses file `data` names, with every variable it needs read and checked; `InputError` otherwise.
    `also` names further variables to read (the `--each` variable)."""
    problems = ProblemCollector(findings_path)
    meta = data.get("survey")
    findings = tuple(_findings(data))
    if not isinstance(meta, LocatedDict) or not isinstance(meta.get("responses"), str) or not meta["responses"].strip():
        where = meta.line if isinstance(meta, LocatedDict) else None
        what = f"finding {findings[0][1]!r} names variables" if findings else "a codebook is given"
        raise InputError(problem_at(findings_path, f"{what}, but the survey names no responses file; add "
                                                   "'responses: FILE' (.sav, .zsav, .por, .dta, .csv or .xlsx)",
                                    where, "survey.responses"))
    path = (Path(findings_path).parent / meta["responses"].strip())
    max_mb = meta.get("max_responses_mb", DEFAULT_MAX_MB)
    if isinstance(max_mb, bool) or not isinstance(max_mb, (int, float)) or max_mb <= 0:
        raise InputError(problem_at(findings_path, "must be a positive number of megabytes",
                                    meta.line_of("max_responses_mb"), "survey.max_responses_mb"))
    _check_min_base(meta, findings_path)
    names, file_meta = file_variables(path, max_mb)
    codebook = read_codebook(data.get(CODEBOOK), problems)
    wanted: dict[str, None] = {}
    for name in also:
        if name not in names:
            problems.problems.append(problem_at("--each", unknown_variable(path, name, names)))
        wanted[name] = None
    for node, key, where in _named_variables(meta, findings):
        value = node.get(key)
        for name in (value if isinstance(value, list) else [value]):
            if not isinstance(name, str):
                continue
            if name not in names:
                problems.add(unknown_variable(path, name, names), node.line_of(key), where)
            else:
                wanted[name] = None
    problems.raise_if_any()
    variables = {name: merged(file_meta.get(name), codebook.get(name), name) for name in wanted}
    table = read_responses(path, tuple(wanted), variables)
    if table.rows == 0:
        raise InputError(problem_at(path, "holds no respondents"))
    weights = _weights(table, meta.get("weight"))
    return Responses(data, Path(findings_path), table, weights, findings, _breakdown(table, meta, findings,
                                                                                    findings_path))


def _weights(table: ResponseData, name: Any) -> np.ndarray:
    """The weight of each respondent (1 without a weight variable); refuses missing, negative or zero-sum weights."""
    if not isinstance(name, str):
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


def _findings(data: LocatedDict) -> Iterator[tuple[LocatedDict, str]]:
    themes = data.get("themes")
    for theme in themes if isinstance(themes, list) else ():
        findings = theme.get("findings") if isinstance(theme, LocatedDict) else None
        for index, finding in enumerate(findings if isinstance(findings, list) else ()):
            if isinstance(finding, LocatedDict) and ("variable" in finding or "variables" in finding):
                yield finding, f"findings.{finding.get('id', index + 1)}"


def _named_variables(meta: LocatedDict, findings) -> Iterator[tuple[LocatedDict, str, str]]:
    for key in ("weight", "breakdown"):
        if key in meta:
            yield meta, key, f"survey.{key}"
    for node, where in findings:
        key = "variables" if "variables" in node else "variable"
        yield node, key, f"{where}.{key}"
        if "breakdown" in node:
            yield node, "breakdown", f"{where}.breakdown"


def _broken_down(meta: LocatedDict, node: LocatedDict) -> bool:
    """Whether a finding is tabulated per group: the survey's breakdown applies to all, a finding's to itself."""
    return isinstance(meta.get("breakdown"), str) or isinstance(node.get("breakdown"), str)


def _breakdown(table: ResponseData, meta: LocatedDict, findings, findings_path: Path) -> tuple[Group, ...]:
    """The groups of the one variable the survey or its findings break down by; `InputError` when they name
    several, when the survey also declares its own series, or when there are too many groups to compare."""
    problems = ProblemCollector(findings_path)
    named = [(meta, "survey.breakdown")] if "breakdown" in meta else []
    named += [(node, f"{where}.breakdown") for node, where in findings if "breakdown" in node]
    chosen = None
    for node, where in named:
        name = node["breakdown"]
        if not isinstance(name, str) or not name.strip():
            problems.add("must be the name of a variable in the responses file", node.line_of("breakdown"), where)
        elif chosen is None:
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


def _check_min_base(meta: LocatedDict, findings_path: Path) -> None:
    """`min_base` also decides which groups of `--each` get documents, so it is checked with or without series."""
    value = meta.get("min_base")
    if "min_base" in meta and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InputError(problem_at(findings_path, f"must be a whole number of respondents, at least 1, not {value!r}",
                                    meta.line_of("min_base"), "survey.min_base"))


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
