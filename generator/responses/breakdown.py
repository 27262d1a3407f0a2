"""Comparison series from respondent data: each group of a breakdown against the total, or one group
(`--each`) against the whole municipality as its benchmark.

A series is a selection of rows of the one table. Every finding is tabulated once per series and
the results merged into the comparisons model's fields: the focus series' items and note, the
other series' values as `compare`, a `base` and, under weights, an `effective_base` per series,
and for grades the standard deviations Welch's test needs. Small groups keep their values here;
the comparisons model leaves them out of every document (`min_base`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from generator.findings import SeriesKind
from generator.responses.tabulate import Tabulated, put, rounded
from generator.yaml_source import LocatedDict, LocatedList

TOTAL_ID = "totaal"
TOTAL_LABEL = "Totaal"
MAX_LABEL = 80
"""Series labels head table columns; longer value labels are cut."""
MAX_GROUP_SERIES = 11
"""Groups a breakdown shows next to the total: the comparisons model takes at most 12 series."""
BASE_DECIMALS = 2
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True, eq=False)
class Column:
    """One series of a tabulated survey: its declaration and the respondents it counts."""

    id: str
    label: str
    kind: SeriesKind
    rows: np.ndarray | None
    """Positions of its respondents in the table; None: every respondent."""
    overlaps: bool = False

    def selection(self, size: int) -> np.ndarray:
        if self.rows is None:
            return np.ones(size, dtype=bool)
        mask = np.zeros(size, dtype=bool)
        mask[self.rows] = True
        return mask


def total_column(meta: LocatedDict, taken: set[str], overlaps: bool) -> Column:
    """Everyone, labelled with the municipality when it publishes the survey ("Gemeente Voorbeeld")."""
    publisher = meta.get("publisher")
    label = publisher.strip()[:MAX_LABEL] if isinstance(publisher, str) and \
        publisher.strip().lower().startswith("gemeente ") else TOTAL_LABEL
    if label.lower() in {name.lower() for name in taken}:
        label = f"{label} (totaal)"
    return Column(TOTAL_ID, label, SeriesKind.BENCHMARK, None, overlaps)


def group_columns(groups) -> tuple[Column, ...]:
    """A `group` series per group of a breakdown, in code order, with an id distinct from the total's."""
    columns, ids = [], {TOTAL_ID}
    for index, group in enumerate(groups, start=1):
        series_id = group.key if _ID.match(group.key) and group.key not in ids else f"groep-{index}"
        ids.add(series_id)
        columns.append(Column(series_id, group.label[:MAX_LABEL], SeriesKind.GROUP, group.rows))
    return tuple(columns)


def breakdown_columns(meta: LocatedDict, groups) -> tuple[Column, ...]:
    """The total as focus, then each group."""
    groups = group_columns(groups)
    return (total_column(meta, {column.label for column in groups}, overlaps=False), *groups)


def each_columns(meta: LocatedDict, group) -> tuple[Column, Column]:
    """One group as focus against the whole municipality, a benchmark that contains it."""
    (column,) = group_columns((group,))
    return column, total_column(meta, {column.label}, overlaps=True)


def declare_series(meta: LocatedDict, columns: tuple[Column, ...]) -> None:
    """`survey.series` and `focus` for `columns`, the first being the focus."""
    line = meta.line_of("breakdown") or meta.line
    declarations = LocatedList(line=line)
    for column in columns:
        declaration = LocatedDict(line=line)
        for key, value in (("id", column.id), ("label", column.label), ("kind", column.kind.value)):
            put(declaration, key, value, line)
        if column.overlaps or column.kind is SeriesKind.BENCHMARK:
            put(declaration, "overlaps", column.overlaps, line)
        declarations.append(declaration)
        declarations.item_lines.append(line)
    put(meta, "series", declarations, line)
    put(meta, "focus", columns[0].id, line)


def merged_finding(results: list[tuple[Column, Tabulated]], weighted: bool) -> LocatedDict:
    """The focus series' finding with every other series' values, bases and standard deviations added."""
    node = results[0][1].node
    if results[0][1].estimate is None:
        return node
    reported = [(column, result) for column, result in results if result.estimate is not None]
    line = node.line_of("base")
    bases = _mapping({column.id: result.estimate.base for column, result in reported}, line)
    effective = _mapping({column.id: round(result.estimate.effective_base, BASE_DECIMALS)
                          for column, result in reported}, line)
    merged = LocatedDict(line=node.line)
    for key, value in node.items():
        put(merged, key, bases if key == "base" else value, node.line_of(key))
        if key == "base" and weighted:
            put(merged, "effective_base", effective, line)
    for index, item in enumerate(merged["items"]):
        compare = {column.id: result.node["items"][index]["value"] for column, result in reported[1:]}
        if compare:
            put(item, "compare", _mapping(compare, item.line), item.line)
        deviations = {column.id: rounded(result.deviations[index]) for column, result in reported
                      if result.deviations and result.deviations[index]}
        if deviations:
            put(item, "sd", _mapping(deviations, item.line), item.line)
    return merged


def _mapping(values: dict, line) -> LocatedDict:
    node = LocatedDict(line=line)
    for key, value in values.items():
        put(node, key, value, line)
    return node
