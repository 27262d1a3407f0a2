"""A finding: one question's result, its answers and what it means.

A finding's kind decides what its items hold (a percentage, a grade within the scale, a value
per column), so `kind`, `scale` and `columns` are read first and every item is checked against
them; checks over all items (unique labels, sums of a single-answer finding, the reading) wait
until each item reads without a problem.
"""

from __future__ import annotations

from typing import Any

from generator.charts import chart_kind_problem
from generator.config import Flag, Identifier, Invalid, ListOf, Option, Place, Text
from generator.findings import Finding, FindingKind, Item, Reading
from generator.findings_schema.entries import Entries, Entry, Keyword, repeated
from generator.findings_schema.meaning import MAX_NOUN, MAX_PHRASE, AnswerNoun, NounOptions, Words, check_meaning
from generator.findings_schema.series import (Bases, ComparedValues, Deviations, EffectiveBases, check_series_sums,
                                              effective_bases_within_bases, in_series_order, series_scale)
from generator.findings_schema.values import (DEFAULT_SCALE, MAX_LABEL, Amount, CellValue, ValueFields, scale_pair,
                                              value_of, wording_needs_approximation)

MAX_QUESTION = 500
UNITS = {FindingKind.MULTI: "percent", FindingKind.SINGLE: "percent", FindingKind.MATRIX: "percent",
         FindingKind.GRADE: "grade"}
SINGLE_SUM_TOLERANCE = 1.0
"""Whole percentages may each be rounded by up to half a point, so a `single` finding may
add up to 101; beyond that the data is wrong."""
NEEDS_CELLS = "a matrix item needs 'values': a mapping of column label to value"


class ItemAmount(Amount):
    """An answer's value; a matrix row has a value per column instead."""

    def parse(self, value: Any, place: Place) -> Any:
        if place.context.get("kind") is FindingKind.MATRIX:
            raise Invalid("matrix items give 'values' per column, not one 'value'")
        return super().parse(value, place)


class Cells(Option):
    """A matrix row's values per column: `values: {Wekelijks: 10, Maandelijks: 22}`; in column order."""

    type_name = "mapping of column label to value"

    def parse(self, value: Any, place: Place) -> Any:
        kind = place.context.get("kind")
        if kind is not None and kind is not FindingKind.MATRIX:
            raise Invalid(f"only matrix items have 'values'; a {kind.value} item has one 'value'")
        if not isinstance(value, dict) or not value:
            raise Invalid(NEEDS_CELLS)
        columns = place.context.get("columns")
        cells = []
        for column, raw in value.items():
            where = place.child(value, column)
            if columns is not None and str(column) not in columns:
                where.problem(f"unknown column {column!r}; the finding's columns are {', '.join(columns)}")
                continue
            cell = where.read(CellValue(), raw, required=True)
            if cell is not None:
                cells.append((str(column), cell))
        order = {column: index for index, column in enumerate(columns or ())}
        return tuple(sorted(cells, key=lambda cell: order.get(cell[0], len(order))))


def value_or_values(values: dict, place: Place) -> None:
    """A matrix row gives `values` per column; any other answer one `value`."""
    kind, written = place.context.get("kind"), place.container
    if kind is FindingKind.MATRIX and written.get("values") is None and "value" not in written:
        place.at("values").problem(NEEDS_CELLS)
    elif kind not in (None, FindingKind.MATRIX) and written.get("value") is None and "values" not in written:
        place.at("value").problem("missing; this field is required")


class ItemOptions(Entry):
    """One answer of a finding: its label and value, or for a matrix row its values per column."""

    shape = "each item must be a mapping with label and value"
    label = Text(required=True, max_length=MAX_LABEL, doc="The answer as charts and tables show it.")
    value = ItemAmount(doc="The answer's value: a percentage from 0 to 100, or a grade within the finding's scale; "
                           "a matrix row has `values` instead.")
    approximate = ValueFields.approximate
    qualifier = ValueFields.qualifier
    wording = ValueFields.wording
    values = Cells(doc="A matrix row's value per column; a cell the source does not report is left out.")
    note = Text(doc="A note on this answer.")
    phrase = Words(max_length=MAX_PHRASE,
                   doc='The answer as it reads after "zegt dat", verb last, for a label that does not read inside '
                       'a sentence; for a grade, what is graded.')
    name = Words(max_length=MAX_PHRASE,
                 doc="The answer as a noun inside a sentence (\"de burgertop\"), used instead of the quoted label.")
    compare = ComparedValues(doc="The answer's values in the other declared series.")
    sd = Deviations(doc="A grade's standard deviation per series, where the source gives one.")
    rules = (value_or_values, wording_needs_approximation)

    def build(self, values: dict, place: Place) -> Item:
        return Item(label=values["label"], value=None if values["value"] is None else value_of(values),
                    cells=values["values"] or (), note=values["note"], phrase=values["phrase"], name=values["name"],
                    compare=values["compare"] or (), sd=values["sd"] or (), line=place.line)


class Scale(Option):
    """A grade finding's scale, `[1, 10]`, the same in every series; other kinds have none."""

    type_name = "[lowest, highest]"

    def parse(self, value: Any, place: Place) -> Any:
        if place.context.get("kind") is not FindingKind.GRADE:
            return DEFAULT_SCALE
        if isinstance(value, dict):
            return series_scale(value, place)
        return scale_pair(value)

    def shown_default(self) -> str:
        return "[1, 10]"


class Columns(ListOf):
    """A matrix finding's column labels, in order, each once."""

    def parse(self, value: Any, place: Place) -> Any:
        if place.context.get("kind") is not FindingKind.MATRIX:
            raise Invalid("only matrix findings have columns")
        columns = super().parse(value, place)
        if not columns:
            raise Invalid("a matrix finding needs a list of columns")
        if len(set(columns)) != len(columns):
            raise Invalid("column labels must be unique")
        return columns


def complete_items(values: dict, place: Place) -> tuple[Item, ...] | None:
    """The finding's items when every one reads without a problem and their labels are unique; checks over
    all items wait until then."""
    items, written = values["items"], place.container.get("items")
    if not items or not isinstance(written, list) or len(items) != len(written):
        return None
    return items if len({item.label for item in items}) == len(items) else None


def unit_fits_kind(values: dict, place: Place) -> None:
    """A declared unit agrees with the kind: percentages, or grades."""
    kind, unit = values["kind"], values["unit"]
    if kind and unit and unit != UNITS[kind]:
        place.at("unit").problem(f"a {kind.value} finding is in {UNITS[kind]!r}, not {unit!r}")


def matrix_needs_columns(values: dict, place: Place) -> None:
    """A matrix finding lists its columns."""
    if values["kind"] is FindingKind.MATRIX and place.container.get("columns") is None:
        place.at("columns").problem("a matrix finding needs a list of columns")


def unique_labels(values: dict, place: Place) -> None:
    """Each answer of a finding has its own label."""
    for where, label, first in repeated(place.container.get("items"), "label", ItemOptions.label, place.at("items")):
        where.problem(f"duplicate label {label!r} (first on line {first})")


def sums_fit(values: dict, place: Place) -> None:
    """The shares of a single-answer finding add up to at most 100 (101 for rounding), in every series."""
    items, series = complete_items(values, place), place.context.get("series")
    if values["kind"] is not FindingKind.SINGLE or items is None:
        return
    total = sum(item.value.amount for item in items)
    if total > 100 + SINGLE_SUM_TOLERANCE:
        place.at("items").problem(f"a single-answer finding cannot add up to more than 100%, these items add up to "
                                  f"{total:g}% (use kind 'multi' when respondents could give several answers)")
    elif series is not None:
        check_series_sums(items, series, place)


def chart_fits_kind(values: dict, place: Place) -> None:
    """A chart kind given for the finding can draw it."""
    kind, chart = values["kind"], values["chart"]
    if chart and kind:
        problem = chart_kind_problem(chart, len(values["columns"] or ()) if kind is FindingKind.MATRIX else 1)
        if problem:
            place.at("chart").problem(problem)


def meaning_fits_data(values: dict, place: Place) -> None:
    """What the finding is declared to mean agrees with its kind and its answers."""
    items = complete_items(values, place)
    if values["kind"] is not None and items is not None:
        check_meaning(values, place, items)


class FindingOptions(Entry):
    """One question's result: its kind, its answers with their values and, optionally, what it means."""

    shape = "each finding must be a mapping with id, question, kind and items"
    named_as = "findings"
    context_fields = ("kind", "scale", "columns")
    id = Identifier(required=True, doc="The finding's id, unique in the whole file; audiences name findings by it.")
    question = Text(required=True, max_length=MAX_QUESTION, doc="The question as the respondents were asked it.")
    kind = Keyword(FindingKind, "kind", required=True,
                   doc="multi (several answers possible), single (one answer per respondent), grade (a mean on a "
                       "scale) or matrix (rows by columns of percentages).")
    unit = Text(max_length=20, doc="percent, or grade for a grade finding; it follows from the kind.")
    scale = Scale(default=DEFAULT_SCALE, doc="A grade finding's lowest and highest possible grade.")
    columns = Columns(Text(required=True), doc="A matrix finding's column labels, in the order they are shown.")
    items = Entries(ItemOptions(), "missing or empty: a finding needs a list of items", min_items=1, required=True,
                    doc="The answers with their values; a single-answer finding keeps this order.")
    base = Bases(doc="The number of respondents to this question; with series, a mapping of series id to base.")
    effective_base = EffectiveBases(doc="The Kish effective base per series of weighted data; significance tests "
                                        "use it instead of the base.")
    key = Flag(default=False, doc="true for a key finding, shown to audiences that get only the essentials.")
    chart = Text(max_length=40, doc="Another chart kind than the kind's default.")
    title = Text(max_length=MAX_QUESTION, doc="Your own slide and heading title, used instead of the generated one.")
    text = Text(doc="Your own summary text, used instead of the generated one.")
    note = Text(doc="A note printed under the chart.")
    respondents = NounOptions(default=None, doc="Who answered this question, when not the survey's respondents.")
    answer = AnswerNoun(default=None, doc='What each answer is, as a noun for the text ("gemiste voorziening"); '
                                          "not on grade findings.")
    complete = Flag(default=True, doc="false when the source lists only some of the answers: then none is called "
                                      "the most frequent.")
    emphasis = Words(max_length=MAX_NOUN, doc='The source\'s own qualifying words ("opvallend weinig"), used '
                                              "verbatim; with a ranking or few reading only.")
    reading = Keyword(Reading, "reading",
                      doc="How to read the finding: ranking, share, distribution or few; by default a ranking for a "
                          "complete multi finding of three or more answers.")
    rules = (unit_fits_kind, matrix_needs_columns, unique_labels, sums_fit, effective_bases_within_bases,
             chart_fits_kind, meaning_fits_data)

    def build(self, values: dict, place: Place) -> Finding:
        kind, series = values["kind"], place.context.get("series")
        base, bases = values["base"] or (None, ())
        meaning = {name: values[name] for name in ("respondents", "answer", "complete", "emphasis", "reading")}
        return Finding(**meaning, id=values["id"], question=values["question"], kind=kind, items=values["items"],
                       unit=UNITS[kind], base=base, columns=values["columns"] or (),
                       scale=values["scale"] or DEFAULT_SCALE, key=values["key"], chart=values["chart"],
                       title=values["title"], text=values["text"], note=values["note"], bases=bases,
                       effective_bases=in_series_order(values["effective_base"] or {}, series) if series else (),
                       series=series, line=place.line)
