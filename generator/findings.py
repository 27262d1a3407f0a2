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


class Reading(Enum):
    """How a finding is to be read, which decides the claims its text may make."""

    RANKING = "ranking"
    """A choice among several answers on a complete list: "het vaakst genoemd" is allowed."""
    SHARE = "share"
    """The share that gives one answer is the message; other answers are context."""
    DISTRIBUTION = "distribution"
    """How answers spread (background questions, partial lists): values only, no ranking words."""
    FEW = "few"
    """The point is how few give the answers ("slechts 48 procent"); no value above half."""


@dataclass(frozen=True)
class Noun:
    """A noun with its plural, so sentences agree with their count: 1 ambtenaar, 2 ambtenaren."""

    singular: str
    plural: str

    def for_count(self, count: int) -> str:
        return self.singular if count == 1 else self.plural


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


class SeriesKind(Enum):
    """What a comparison column is: an earlier measurement, a part of the population, or a reference."""

    WAVE = "wave"
    """A measurement of the same survey at another time; other waves are read as earlier ones."""
    GROUP = "group"
    """A part of the population, e.g. a district or an age group."""
    BENCHMARK = "benchmark"
    """A reference population, e.g. the province or the whole country."""


@dataclass(frozen=True)
class DataSeries:
    """One column a survey's findings can report: a wave, a group or a benchmark."""

    id: str
    label: str
    kind: SeriesKind
    overlaps: bool = False
    """The focus sample is part of this series (a municipality inside its benchmark): the method text says so."""
    line: int | None = field(default=None, compare=False)


DEFAULT_MIN_BASE = 30
"""Values on fewer observations than this are suppressed (statistical disclosure control, too uncertain)."""


@dataclass(frozen=True)
class SeriesSet:
    """The series a survey declares, in display order, and the one its text is about (the focus)."""

    series: tuple[DataSeries, ...]
    focus: str
    min_base: int = DEFAULT_MIN_BASE

    @property
    def focus_series(self) -> DataSeries:
        return self.get(self.focus)

    @property
    def others(self) -> tuple[DataSeries, ...]:
        """Every series but the focus, in display order."""
        return tuple(series for series in self.series if series.id != self.focus)

    def get(self, series_id: str) -> DataSeries:
        for series in self.series:
            if series.id == series_id:
                return series
        raise KeyError(series_id)


@dataclass(frozen=True)
class Item:
    """One answer category of a finding: a label and its value (or, for a matrix, its cells)."""

    label: str
    value: Value | None = None
    cells: tuple[tuple[str, Value], ...] = ()
    """Matrix only: (column label, value) pairs; columns without a reported value are absent."""
    note: str | None = None
    phrase: str | None = None
    """How the answer reads after "zegt dat", verb last: "trajecten worden teruggekoppeld aan de deelnemers"."""
    name: str | None = None
    """How the answer reads as a noun inside a sentence, instead of the quoted label: "de burgertop"."""
    compare: tuple[tuple[str, Value], ...] = ()
    """(series id, value) for the series other than the focus, in display order; absent series have no value."""
    sd: tuple[tuple[str, float], ...] = ()
    """Grades only: (series id, standard deviation) where the source gives one; the focus series included."""
    line: int | None = field(default=None, compare=False)

    def value_in(self, series_id: str, focus: str) -> Value | None:
        """The value of this answer in series `series_id`; the focus series is `value`."""
        return self.value if series_id == focus else dict(self.compare).get(series_id)

    def sd_in(self, series_id: str) -> float | None:
        return dict(self.sd).get(series_id)

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
    respondents: Noun | None = None
    """Who answered this question, when not the survey's respondents."""
    answer: Noun | None = None
    """What each answer is, as a noun for text: "doel", "grootste struikelblok"."""
    reading: Reading | None = None
    """How to read the finding as declared; `reading_of` gives the safe default when None."""
    complete: bool = True
    """False when the source lists only some of the answers: then nothing is called "het vaakst"."""
    emphasis: str | None = None
    """The source's own qualifying words, used verbatim: "met kop en schouders", "opvallend weinig"."""
    bases: tuple[tuple[str, int], ...] = ()
    """(series id, base) per series where the source gives one; the focus base is also `base`."""
    effective_bases: tuple[tuple[str, float], ...] = ()
    """(series id, Kish effective base) per series of weighted data; significance tests use it in place of the base."""
    series: SeriesSet | None = None
    """The survey's series when it declares any, so charts and text can compare without the survey."""
    line: int | None = field(default=None, compare=False)

    @property
    def is_approximate(self) -> bool:
        return any(value.is_approximate for value in self.values())

    @property
    def is_comparison(self) -> bool:
        """Whether any answer reports a value in a series other than the focus."""
        return self.series is not None and any(item.compare for item in self.items)

    def base_in(self, series_id: str) -> int | None:
        """The base of series `series_id`, or None when the source does not give it."""
        if self.series is not None and series_id == self.series.focus and self.base is not None:
            return self.base
        return dict(self.bases).get(series_id)

    def effective_base_in(self, series_id: str) -> float | None:
        """The base a significance test uses: the effective base under weights, else the base itself."""
        return dict(self.effective_bases).get(series_id, self.base_in(series_id))

    def is_suppressed(self, series_id: str) -> bool:
        """Whether values of `series_id` rest on fewer observations than the survey's minimum base."""
        base = self.base_in(series_id)
        return self.series is not None and base is not None and base < self.series.min_base

    @property
    def effective_reading(self) -> Reading:
        """The declared reading, or the safe default for the finding's kind, size and completeness.

        A base below `DEFAULT_MIN_BASE` never licenses a ranking, declared or not."""
        if self.reading is Reading.RANKING and self.base is not None and self.base < DEFAULT_MIN_BASE:
            return Reading.DISTRIBUTION
        return self.reading or default_reading(self)

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
    key_statements: tuple[str, ...] = ()
    """The statements marked as key messages, in order; each is also in `statements`."""
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
    respondents: Noun | None = None
    """Who answered, for the text: {singular: ambtenaar, plural: ambtenaren}."""
    scope: str | None = None
    """Where the respondents come from: "landelijk", "regionaal" or "gemeente"; stated in the method text."""
    terms: tuple[tuple[str, str], ...] = ()
    """Words that plain-language texts explain once, with their meaning: ("burgerparticipatie", "...")."""
    series: SeriesSet | None = None
    """The columns findings can report (waves, groups, benchmarks); None: one value per answer, as before."""

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


RANKING_MIN_ITEMS = 3
"""A ranking ("het vaakst genoemd") needs at least this many answers to choose from."""


def default_reading(finding: Finding) -> Reading:
    """The safe reading when none is declared: a ranking only for a complete list of three or more,
    answered by at least `DEFAULT_MIN_BASE` respondents when the base is known."""
    if finding.base is not None and finding.base < DEFAULT_MIN_BASE and len(finding.items) > 1:
        return Reading.DISTRIBUTION
    return default_reading_for(finding.kind, len(finding.items), finding.complete)


def default_reading_for(kind: FindingKind, item_count: int, complete: bool) -> Reading:
    """`default_reading` from the parts validation knows before the finding exists."""
    if kind is FindingKind.MULTI and complete and item_count >= RANKING_MIN_ITEMS:
        return Reading.RANKING
    return Reading.SHARE if item_count == 1 else Reading.DISTRIBUTION
