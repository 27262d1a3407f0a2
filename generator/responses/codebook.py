"""What a variable's codes mean: its label, value labels and missing codes, from the file or a codebook.

SPSS files carry this metadata; a CSV or XLSX export does not, so the findings file may hold a
`codebook:` section, which also overrides the metadata of an SPSS file:

    codebook:
      v13:
        label: Bent u van plan te verhuizen?
        values: {1: Zeker wel, 2: Misschien, 3: Zeker niet, 9: Weet niet}
        missing: [9]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from generator.errors import ProblemCollector
from generator.yaml_source import LocatedDict, LocatedList, unknown_keys

CODEBOOK_FIELDS = {"label", "values", "missing"}


@dataclass(frozen=True)
class Variable:
    """One variable's metadata: label, value labels in code order, and which codes mean "no answer"."""

    name: str
    label: str | None = None
    value_labels: tuple[tuple[float, str], ...] = ()
    missing_values: tuple[float, ...] = ()
    missing_ranges: tuple[tuple[float, float], ...] = ()
    """SPSS user-missing ranges, both ends included."""
    measure: str = "unknown"
    text: bool = False
    """Stored as text in the file: free text or string codes, never tabulated."""

    def label_of(self, code: float) -> str | None:
        return dict(self.value_labels).get(code)

    def missing_mask(self, codes: np.ndarray) -> np.ndarray:
        """Which of `codes` are user-missing ("weet niet", "geen antwoord"); NaN is not user-missing."""
        mask = np.isin(codes, np.asarray(self.missing_values, dtype=float)) if self.missing_values else \
            np.zeros(len(codes), dtype=bool)
        for low, high in self.missing_ranges:
            mask |= (codes >= low) & (codes <= high)
        return mask

    def is_missing_code(self, code: float) -> bool:
        return bool(self.missing_mask(np.asarray([code], dtype=float))[0])


def read_codebook(node: Any, problems: ProblemCollector) -> dict[str, Variable]:
    """The variables the `codebook:` section describes; problems are added, located by line."""
    if node is None:
        return {}
    if not isinstance(node, LocatedDict):
        problems.add("must be a mapping of variable name to its label, values and missing codes", None, "codebook")
        return {}
    variables = {}
    for name, entry in node.items():
        where = f"codebook.{name}"
        if not isinstance(entry, LocatedDict):
            problems.add("must be a mapping with label, values and/or missing", node.line_of(name), where)
            continue
        for key, line, hint in unknown_keys(entry, CODEBOOK_FIELDS):
            problems.add(f"unknown field; {hint}", line, f"{where}.{key}")
        label = entry.get("label")
        if label is not None and not isinstance(label, str):
            problems.add("must be text", entry.line_of("label"), f"{where}.label")
            label = None
        values = _value_labels(entry, problems, where)
        missing = _codes(entry.get("missing"), entry, problems, f"{where}.missing")
        variables[str(name)] = Variable(name=str(name), label=label, value_labels=values, missing_values=missing)
    return variables


def merged(file_variable: Variable | None, codebook: Variable | None, name: str) -> Variable:
    """The file's metadata with what the codebook says in its place."""
    base = file_variable or Variable(name=name)
    if codebook is None:
        return base
    return dataclasses.replace(
        base, label=codebook.label or base.label, value_labels=codebook.value_labels or base.value_labels,
        missing_values=codebook.missing_values or base.missing_values,
        missing_ranges=() if codebook.missing_values else base.missing_ranges)


def _value_labels(entry: LocatedDict, problems: ProblemCollector, where: str) -> tuple[tuple[float, str], ...]:
    values = entry.get("values")
    if values is None:
        return ()
    if not isinstance(values, LocatedDict):
        problems.add("must be a mapping of code to label, e.g. {1: Ja, 2: Nee}", entry.line_of("values"),
                     f"{where}.values")
        return ()
    labels = []
    for code, label in values.items():
        number = _code(code)
        if number is None or not isinstance(label, (str, int, float)) or isinstance(label, bool):
            problems.add(f"code {code!r} must be a number with a text label", values.line_of(code),
                         f"{where}.values")
            continue
        labels.append((number, str(label)))
    return tuple(sorted(labels))


def _codes(node: Any, parent: LocatedDict, problems: ProblemCollector, where: str) -> tuple[float, ...]:
    if node is None:
        return ()
    items = node if isinstance(node, LocatedList) else [node]
    codes = tuple(_code(item) for item in items)
    if any(code is None for code in codes):
        problems.add("must be a list of numeric codes, e.g. [9, 99]", parent.line_of(where.rsplit(".", 1)[-1]), where)
        return ()
    return codes


def _code(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None
