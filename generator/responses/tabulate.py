"""Findings that name variables, tabulated from the respondents into ordinary items, values and bases.

The result is the findings mapping a hand-written file would have, so validation, composing and
writing see no difference: `barometer tabulate` prints exactly this mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from generator.dutch import join_list
from generator.errors import Problem, ProblemCollector, problem_at
from generator.responses.codebook import Variable
from generator.responses.data import ResponseData
from generator.responses.settings import FINDING_KEYS, FindingSettings
from generator.responses.statistics import Estimate, mean, share, shares
from generator.yaml_source import LocatedDict, LocatedList

MAX_CATEGORIES = 50
"""Codes a single-answer variable may have; more is a numeric variable, not a question with answers."""
DECIMALS = 6
"""Tabulated values keep six decimals: a file that reads well and rounds in documents as the raw figure."""


@dataclass(frozen=True)
class Tabulated:
    """One finding tabulated over a selection: the findings node, and the estimate its base comes from."""

    node: LocatedDict
    estimate: Estimate | None = None
    """None when the finding got no items (a problem, or nobody in the selection answered)."""
    deviations: tuple[float | None, ...] = ()
    """Grades only: the standard deviation per item, for Welch's test between series."""


class Tabulator:
    """Turns the findings of one mapping into items, over all respondents or one group of them."""

    def __init__(self, table: ResponseData, weights: np.ndarray, problems: ProblemCollector,
                 data_problems: list[Problem], notices: list[Problem]) -> None:
        self.table = table
        self.weights = weights
        self.problems = problems
        self.data_problems = data_problems
        self.notices = notices
        self.warned: set[str] = set()

    def finding(self, node: LocatedDict, where: str, settings: FindingSettings, selection: np.ndarray) -> LocatedDict:
        """`node` with its variables replaced by items, base, question and note."""
        return self.tabulated(node, where, settings, selection).node

    def tabulated(self, node: LocatedDict, where: str, settings: FindingSettings, selection: np.ndarray,
                  required: bool = True) -> Tabulated:
        """`finding` with the estimate its base comes from; with `required` False, a selection in which
        nobody answered gives no items rather than a problem."""
        result = LocatedDict({key: value for key, value in node.items() if key not in FINDING_KEYS}, line=node.line)
        result.key_lines.update({key: line for key, line in node.key_lines.items() if key not in FINDING_KEYS})
        kind, names, line = node.get("kind"), settings.names, node.line_of(settings.key)
        include = settings.missing == "include"
        if any(self.variable(name, where, line) is None for name in names):
            return Tabulated(result)
        deviations = ()
        if kind == "single" and len(names) == 1:
            items, estimate, note = self.single(settings, names[0], selection, include, where, line)
        elif kind == "multi":
            items, estimate, note = self.multi(settings, names, selection, include, where, line)
        elif kind == "grade":
            items, estimate, note, deviations = self.grade(node, settings, selection, where, line)
        else:
            self.problems.add(f"a {kind} finding cannot take its numbers from variables; use kind single "
                              "(one variable), multi (a set) or grade", node.line_of("kind"), f"{where}.kind")
            return Tabulated(result)
        if items is None:
            return Tabulated(result)
        if estimate.base == 0:
            if required:
                self.problems.add(f"no respondent answered {join_list(list(names))}", line, f"{where}.{settings.key}")
            return Tabulated(result)
        put(result, "items", items, line)
        put(result, "base", estimate.base, line)
        if "question" not in node:
            label = self.table.variables[names[0]].label
            if label and (len(names) == 1 or all(self.table.variables[n].label == label for n in names)):
                put(result, "question", label, line)
        if note:
            put(result, "note", f"{node['note']} {note}" if isinstance(node.get("note"), str) else note, line)
        return Tabulated(_ordered(result), estimate, deviations)

    def variable(self, name: str, where: str, line: int | None) -> Variable | None:
        variable = self.table.variables.get(name)
        if variable is None:
            return None
        if variable.text or self.table.frame[name].dtype != float:
            self.problems.add(f"variable {name!r} holds text, not codes; barometer tabulates numeric codes and never "
                              "puts free-text answers in a document", line, where)
            return None
        return variable

    def single(self, settings, name, selection, include_missing, where, line):
        variable = self.table.variables[name]
        codes = self.table.frame[name].to_numpy()
        user_missing = variable.missing_mask(codes)
        valid = ~np.isnan(codes) if include_missing else ~np.isnan(codes) & ~user_missing
        answered = selection & ~np.isnan(codes)
        base = selection & valid
        labelled = [code for code, _ in variable.value_labels if include_missing or not variable.is_missing_code(code)]
        categories = tuple(sorted(set(labelled) | set(np.unique(codes[valid]).tolist())))
        if len(categories) > MAX_CATEGORIES:
            self.problems.add(f"variable {name!r} has {len(categories)} different codes; a single-answer finding "
                              f"shows at most {MAX_CATEGORIES} answers (is it a grade?)", line, f"{where}.variable")
            return None, None, None
        self.warn_unlabelled(variable, line, where)
        renamed = self.renames(settings, where, {code_text(code): code for code in categories})
        estimates = shares(codes, categories, base, self.weights)
        items = LocatedList(line=line)
        for code, estimate in zip(categories, estimates):
            label = renamed.get(code) or variable.label_of(code) or code_text(code)
            items.append(_item(label, estimate.value, line))
            items.item_lines.append(line)
        return items, estimates[0] if estimates else Estimate(0.0, 0, 0.0), \
            self.missing_note(variable, codes, answered & user_missing, include_missing)

    def multi(self, settings, names, selection, include_missing, where, line):
        variables = [self.table.variables[name] for name in names]
        columns = [self.table.frame[name].to_numpy() for name in names]
        if not self.same_coding(variables, columns, where, line):
            return None, None, None
        counted = np.asarray(settings.counted, dtype=float)
        answered = np.zeros(self.table.rows, dtype=bool)
        user_missing = np.zeros(self.table.rows, dtype=bool)
        for variable, codes in zip(variables, columns):
            valid = ~np.isnan(codes)
            missing = variable.missing_mask(codes)
            answered |= valid if include_missing else valid & ~missing
            user_missing |= missing
        base = selection & answered
        renamed = self.renames(settings, where, {name: name for name in names})
        items = LocatedList(line=line)
        estimate = Estimate(0.0, 0, 0.0)
        for variable, codes in zip(variables, columns):
            estimate = share(np.isin(codes, counted), base, self.weights)
            items.append(_item(renamed.get(variable.name) or variable.label or variable.name, estimate.value, line))
            items.item_lines.append(line)
        skipped = selection & user_missing & ~answered
        return items, estimate, self.missing_note(variables[0], columns[0], skipped, include_missing)

    def grade(self, node, settings, selection, where, line):
        scale = node.get("scale", [1, 10])
        low, high = (scale if isinstance(scale, list) and len(scale) == 2 and
                     all(isinstance(x, (int, float)) for x in scale) else (1, 10))
        items = LocatedList(line=line)
        renamed = self.renames(settings, where, {name: name for name in settings.names})
        estimate, note, deviations = Estimate(0.0, 0, 0.0), None, []
        for name in settings.names:
            variable = self.table.variables[name]
            values = self.table.frame[name].to_numpy()
            user_missing = variable.missing_mask(values)
            base = selection & ~np.isnan(values) & ~user_missing
            note = note or self.missing_note(variable, values, selection & user_missing, False)
            outside = np.flatnonzero(base & ((values < low) | (values > high)))
            if len(outside):
                self.data_problems.append(self.table.location(
                    name, outside, f"{len(outside)} answers lie outside the scale {low:g}-{high:g} and are not "
                                   "marked as missing; declare them missing or set 'scale'"))
                return None, None, None, ()
            estimate = mean(values, base, self.weights)
            deviations.append(estimate.sd)
            label = renamed.get(name) or settings.label or variable.label or name
            items.append(_item(str(label), estimate.value, line))
            items.item_lines.append(line)
        return items, estimate, note, tuple(deviations)

    def same_coding(self, variables: list[Variable], columns: list[np.ndarray], where: str, line) -> bool:
        first = variables[0]
        for variable, codes in zip(variables[1:], columns[1:]):
            labels_differ = first.value_labels and variable.value_labels and first.value_labels != variable.value_labels
            observed = [set(np.unique(column[~np.isnan(column)]).tolist()) for column in (columns[0], codes)]
            codes_differ = all(len(seen) >= 2 for seen in observed) and observed[0] != observed[1]
            if labels_differ or codes_differ:
                self.problems.add(f"the variables of a multiple-response set must share one coding, but "
                                  f"{first.name!r} and {variable.name!r} are coded differently", line,
                                  f"{where}.variables")
                return False
        return True

    def renames(self, settings: FindingSettings, where: str, known: dict[str, Any]) -> dict[Any, str]:
        """The `labels:` renames of a finding's items, keyed as `known` maps their written form."""
        renamed = {}
        for key, (label, line) in settings.labels.items():
            written = code_text(key) if isinstance(key, (int, float)) else str(key)
            if written not in known:
                self.problems.add(f"{key!r} is not one of this finding's answers ({', '.join(known)})", line,
                                  f"{where}.labels")
            else:
                renamed[known[written]] = label
        return renamed

    def warn_unlabelled(self, variable: Variable, line, where: str) -> None:
        if not variable.value_labels and variable.name not in self.warned:
            self.warned.add(variable.name)
            self.notices.append(problem_at(self.problems.path, f"variable {variable.name!r} has no value labels in "
                                           f"{self.table.path.name}; its codes are shown as labels (rename them "
                                           "with 'labels:' or a codebook)", line, f"{where}.variable"))

    def missing_note(self, variable: Variable, codes: np.ndarray, skipped: np.ndarray, included: bool) -> str | None:
        """The sentence saying how "weet niet/geen antwoord" answers were handled, when there were any."""
        present = sorted(set(np.unique(codes[skipped]).tolist())) if not included else \
            [code for code, _ in variable.value_labels if variable.is_missing_code(code)]
        if not len(present):
            return None
        labels = list(dict.fromkeys(f"'{variable.label_of(code) or 'geen antwoord'}'" for code in present))
        if included:
            return f"Inclusief de antwoorden {join_list(labels)}."
        return f"Zonder de antwoorden {join_list(labels)}."


def rounded(value: float) -> float:
    """A tabulated value as it is written; -0.0 becomes 0."""
    return round(value, DECIMALS) + 0.0


def _ordered(node: LocatedDict) -> LocatedDict:
    """`node` with id, question and kind first, as a hand-written finding has them."""
    ordered = LocatedDict(line=node.line)
    for key in sorted(node, key=lambda key: ("id", "question", "kind").index(key)
                      if key in ("id", "question", "kind") else 3):
        put(ordered, key, node[key], node.line_of(key))
    return ordered


def _item(label: str, value: float, line) -> LocatedDict:
    node = LocatedDict(line=line)
    put(node, "label", label, line)
    put(node, "value", rounded(value), line)
    return node


def put(node: LocatedDict, key: Any, value: Any, line) -> None:
    """`node[key] = value`, remembering the line it stands for in messages."""
    node[key] = value
    node.key_lines[key] = line


def code_text(code: float) -> str:
    """A code as written: 3, not 3.0."""
    return str(int(code)) if float(code).is_integer() else str(code)
