"""The findings model: what a survey found, theme by theme, with no I/O and no formatting.

Readers build it, validation guards it, and `compose` turns it into reports. Values keep
how exactly the source stated them: "ongeveer een derde" stays approximate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class FindingKind(Enum):
    """The closed set of finding kinds; the kind decides validation and the default chart."""

    MULTI = "multi"
    """Multiple-response percentages: each item is a share of respondents, totals exceed 100."""
    SINGLE = "single"
    """One answer per respondent, ordered categories; the shares sum to at most 100."""
    GRADE = "grade"
    """A mean score on a numeric scale, 1-10 unless stated otherwise."""
    MATRIX = "matrix"
    """Rows by columns of percentages, e.g. participation level per policy phase."""


class Qualifier(Enum):
    """How exactly the source states a value."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"


@dataclass(frozen=True)
class Value:
    """A number as the source gives it, with its precision and, if approximate, its wording."""

    amount: float
    qualifier: Qualifier = Qualifier.EXACT
    wording: str | None = None
    """The source's own phrase for an approximate value, e.g. "ongeveer een derde"."""

    @property
    def is_approximate(self) -> bool:
        return self.qualifier is not Qualifier.EXACT


@dataclass(frozen=True)
class Item:
    """One answer category of a finding: a label and its value (or, for a matrix, its cells)."""

    label: str
    value: Value | None = None
    cells: tuple[tuple[str, Value], ...] = ()
    """Matrix only: (column label, value) pairs; columns without a reported value are absent."""
    note: str | None = None
    line: int | None = field(default=None, compare=False)

    def cell(self, column: str) -> Value | None:
        """The value in `column` of a matrix row, or None when the source reports none."""
        return dict(self.cells).get(column)


@dataclass(frozen=True)
class Finding:
    """One question's result."""

    id: str
    question: str
    kind: FindingKind
    items: tuple[Item, ...]
    unit: str = "percent"
    """"percent" for multi, single and matrix; "grade" for grade findings."""
    base: int | None = None
    """Number of respondents the percentages are based on, when the source gives it."""
    columns: tuple[str, ...] = ()
    """Matrix only: column labels in their intended order."""
    scale: tuple[float, float] = (1.0, 10.0)
    """Grade only: the lowest and highest possible score."""
    key: bool = False
    """A key finding: shown to audiences that only get the essentials."""
    chart: str | None = None
    """A chart kind overriding the default for this finding's kind."""
    title: str | None = None
    """A hand-written action title; wins over the generated one."""
    text: str | None = None
    """A hand-written summary text; wins over the generated one."""
    note: str | None = None
    line: int | None = field(default=None, compare=False)

    @property
    def is_approximate(self) -> bool:
        return any(value.is_approximate for value in self.values())

    def values(self) -> tuple[Value, ...]:
        """Every value of the finding, in item order (matrix cells row by row)."""
        values: list[Value] = []
        for item in self.items:
            if item.value is not None:
                values.append(item.value)
            values.extend(value for _, value in item.cells)
        return tuple(values)


@dataclass(frozen=True)
class Theme:
    """A group of findings with a title, e.g. "Doelstellingen"."""

    id: str
    title: str
    findings: tuple[Finding, ...]
    intro: str | None = None
    text: str | None = None
    """A hand-written theme summary; wins over the generated one."""
    statements: tuple[str, ...] = ()
    """Qualitative findings from the source that carry no number."""
    quotes: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Survey:
    """A whole survey: metadata and themes."""

    id: str
    title: str
    publisher: str
    themes: tuple[Theme, ...]
    source: str | None = None
    """How to cite the source; defaults to "title, publisher"."""
    period: str | None = None
    """Fieldwork period as the source states it, e.g. "maart 2024"."""
    year: int | None = None
    published: dt.date | None = None
    population: str | None = None
    base: int | None = None
    language: str = "nl-NL"
    url: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(finding for theme in self.themes for finding in theme.findings)

    @property
    def citation(self) -> str:
        """The source as a reader should see it: "Barometer Burgerparticipatie, Ambtenarenpanel"."""
        return self.source or f"{self.title}, {self.publisher}"

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def finding(self, finding_id: str) -> tuple[Theme, Finding]:
        """The theme and finding with id `finding_id`; finding ids are unique per survey."""
        for theme in self.themes:
            for finding in theme.findings:
                if finding.id == finding_id:
                    return theme, finding
        raise KeyError(finding_id)
