"""Comparison series: the waves, groups and benchmarks a survey's findings report.

A survey declares its series once (`survey.series`, `focus`, `min_base`); findings then give a
base per series and, per answer, the values of the other series (`compare`) and, for grades,
standard deviations (`sd`). Every id must be declared, and anything that would make a
comparison meaningless (two scales, a share above 100 in one wave) is a located problem.
"""

from __future__ import annotations

from typing import Any, Callable

from generator.config import Flag, Identifier, Invalid, Number, Option, Place, Text
from generator.findings import DEFAULT_MIN_BASE, DataSeries, FindingKind, Item, SeriesKind, SeriesSet
from generator.findings_schema.entries import Entries, Entry, Keyword, repeated
from generator.findings_schema.values import DEFAULT_SCALE, CellValue, FiniteNumber, scale_pair

MAX_SERIES = 12
MAX_BASE = 1_000_000_000
SUM_LIMIT = 101.0
"""Rounded shares of a single-answer question add up to at most 101 in every series."""
NOT_FOR_MATRIX = "a matrix finding cannot be compared across series; compare multi, single or grade findings"
COUNT = Number(whole=True, minimum=1, maximum=MAX_BASE)


class SeriesDeclaration(Entry):
    """One series of `survey.series`: `- {id: "2025", label: "2025", kind: wave}`."""

    shape = "each series must be a mapping with id, label and kind"
    id = Identifier(required=True, doc="The series' id, as findings name it in `base`, `compare` and `sd`.")
    label = Text(required=True, max_length=80, doc="The series' heading in charts and tables.")
    kind = Keyword(SeriesKind, "series kind", required=True,
                   doc="wave (the same survey at another time), group (a part of the population) or benchmark "
                       "(a reference population, such as the whole country).")
    overlaps = Flag(doc="Whether the survey's own respondents are part of this series, as the method text then "
                        "says; default true for a benchmark, false otherwise.")

    def build(self, values: dict, place: Place) -> DataSeries:
        overlaps = values["overlaps"]
        return DataSeries(id=values["id"], label=values["label"], kind=values["kind"],
                          overlaps=values["kind"] is SeriesKind.BENCHMARK if overlaps is None else overlaps,
                          line=place.line)


class SeriesList(Entries):
    """The survey's series in display order, at most as many as fit a chart."""

    def parse(self, value: Any, place: Place) -> Any:
        if isinstance(value, list) and len(value) > MAX_SERIES:
            raise Invalid(f"declares {len(value)} series; at most {MAX_SERIES} fit a chart")
        return super().parse(value, place)


def series_need_declaring(values: dict, place: Place) -> None:
    """`focus` and `min_base` mean something only beside declared series."""
    if place.container.get("series") is None:
        for key in ("focus", "min_base"):
            if key in place.container:
                place.at(key).problem("applies to comparison series; declare them under survey.series first")


def unique_series(values: dict, place: Place) -> None:
    """Each series is declared once, and its label, which heads a table column, is its own."""
    declared = place.container.get("series")
    for where, series_id, first in repeated(declared, "id", SeriesDeclaration.id, place.at("series")):
        where.problem(f"series {series_id!r} is declared twice (first on line {first}); each series is declared once")
    for where, label, first in repeated(declared, "label", SeriesDeclaration.label, place.at("series")):
        where.problem(f"label {label!r} is already used by the series on line {first}; labels head table columns "
                      "and must be unique")


def focus_is_declared(values: dict, place: Place) -> None:
    """The focus, the series the text is about, is one of the declared series."""
    declared, focus = values["series"], values["focus"]
    if declared is None or focus is None or place.container.get("series") is None:
        return
    if focus not in {series.id for series in declared}:
        place.at("focus").problem(f"{focus!r} is not a declared series; declared: {_known(declared)}")


def series_set(values: dict) -> SeriesSet | None:
    """The model of the series fields, read without a problem; None when the survey declares no series."""
    declared = values["series"]
    if not declared:
        return None
    return SeriesSet(series=declared, focus=values["focus"] or declared[0].id,
                     min_base=DEFAULT_MIN_BASE if values["min_base"] is None else values["min_base"])


class SeriesOptions(Entry):
    """The series fields of `survey:`; read before the findings, which are checked against them."""

    open_fields = True
    series = SeriesList(SeriesDeclaration(), 'must be a list of series, e.g. - {id: "2025", label: "2025", '
                                             'kind: wave}', min_items=1,
                        doc="The comparison columns the findings report, in display order: earlier waves, groups "
                            "(districts) and benchmarks (the country).")
    focus = Text(max_length=64, doc="The id of the series the text is about; default the first series.")
    min_base = Number(whole=True, minimum=1, maximum=MAX_BASE,
                      doc="Values on fewer respondents than this are left out of every document (default 30).")
    rules = (series_need_declaring, unique_series, focus_is_declared)

    def build(self, values: dict, place: Place) -> SeriesSet | None:
        return series_set(values)


# Fields of findings and items that name series ------------------------------------------------


def survey_series(place: Place) -> SeriesSet | None:
    """The survey's series, for a field that names them; `Invalid` when the survey declares none, and None,
    without a problem here, when its declaration has problems of its own."""
    series = place.context.get("series")
    if series is None and not place.context.get("series_declared"):
        raise Invalid("names series, but the survey declares none; declare them under survey.series")
    return series


def per_series(value: dict, place: Place, series: SeriesSet,
               read: Callable[[Any, Place, Any], Any]) -> dict[Any, Any]:
    """`value`'s entries read by `read(raw, place, key)`, keyed as written; undeclared series are problems."""
    found = {}
    for key, raw in value.items():
        where = place.child(value, key)
        if not any(declared.id == str(key) for declared in series.series):
            where.problem(f"unknown series {str(key)!r}; the survey declares {_known(series.series)}")
            continue
        result = read(raw, where, key)
        if result is not None:
            found[key] = result
    return found


def in_series_order(found: dict[Any, Any], series: SeriesSet) -> tuple[tuple[str, Any], ...]:
    """(series id, value) pairs of `found` in the survey's display order."""
    by_id = {str(key): value for key, value in found.items()}
    return tuple((declared.id, by_id[declared.id]) for declared in series.series if declared.id in by_id)


class Bases(Option):
    """A finding's base: `base: 812` for the focus series, or per series `base: {"2025": 812, "2023": 790}`."""

    type_name = "whole number, or a mapping of series id to whole number"

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, dict):
            return COUNT.parse(value, place), ()
        series = survey_series(place)
        if series is None:
            return None, ()
        found = per_series(value, place, series, _base)
        return {str(key): base for key, base in found.items()}.get(series.focus), in_series_order(found, series)


def _base(raw: Any, place: Place, key: Any) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= MAX_BASE:
        place.problem(f"a base is a positive whole number of respondents, not {raw!r}")
        return None
    return raw


class EffectiveBases(Option):
    """The Kish effective base per series of weighted data: `effective_base: {totaal: 512.3, centrum: 48.9}`."""

    type_name = "mapping of series id to number"

    def parse(self, value: Any, place: Place) -> Any:
        series = survey_series(place)
        if series is None:
            return {}
        if not isinstance(value, dict):
            raise Invalid("must be a mapping of series id to effective base, e.g. {totaal: 512.3, centrum: 48.9}")
        return per_series(value, place, series, lambda raw, where, key: where.read(FiniteNumber(), raw, required=True))


def effective_bases_within_bases(values: dict, place: Place) -> None:
    """Each effective base lies between 0 and its series' own base, since weighting never adds information."""
    found, series = values["effective_base"], place.context.get("series")
    if not found or series is None:
        return
    base, bases = values["base"] or (None, ())
    known = {**dict(bases), **({series.focus: base} if base is not None else {})}
    written = place.container["effective_base"]
    for key, number in found.items():
        where, base = place.at("effective_base").child(written, key), known.get(str(key))
        if base is None:
            where.problem(f"series {str(key)!r} has no base; an effective base needs the base it comes from")
        elif not 0 < number <= base:
            where.problem(f"an effective base lies above 0 and at most the base ({base}), not {number:g}")


class ComparedValues(Option):
    """An answer's values in the series other than the focus: `compare: {"2023": 7.1}`."""

    type_name = "mapping of series id to value"

    def parse(self, value: Any, place: Place) -> Any:
        if place.context.get("kind") is FindingKind.MATRIX:
            raise Invalid(NOT_FOR_MATRIX)
        series = survey_series(place)
        if series is None:
            return ()
        if not isinstance(value, dict):
            raise Invalid('must be a mapping of series id to value, e.g. {"2023": 7.1}')

        def compared(raw: Any, where: Place, key: Any) -> Any:
            if str(key) == series.focus:
                where.problem(f"{key!r} is the focus series, whose value is the item's 'value'")
                return None
            return where.read(CellValue(), raw, required=True)

        return in_series_order(per_series(value, place, series, compared), series)


class Deviations(Option):
    """A grade's standard deviation per series, where the source gives one: `sd: {"2025": 1.4}`."""

    type_name = "mapping of series id to number"

    def parse(self, value: Any, place: Place) -> Any:
        kind = place.context.get("kind")
        if kind is FindingKind.MATRIX:
            raise Invalid(NOT_FOR_MATRIX)
        if kind is not None and kind is not FindingKind.GRADE:
            raise Invalid("standard deviations are for grade findings; shares are tested from their bases")
        series = survey_series(place)
        if series is None:
            return ()
        if not isinstance(value, dict):
            raise Invalid('must be a mapping of series id to standard deviation, e.g. {"2025": 1.4}')
        return in_series_order(per_series(value, place, series, _deviation), series)


def _deviation(raw: Any, place: Place, key: Any) -> float | None:
    number = place.read(FiniteNumber(), raw, required=True)
    if number is not None and number <= 0:
        place.problem(f"a standard deviation is above 0, not {number:g}")
        return None
    return number


def series_scale(value: dict, place: Place) -> tuple[float, float] | None:
    """A grade scale given per series, allowed only when every series uses the same one; None when it cannot
    be known."""
    series = survey_series(place)
    if series is None:
        return None
    scales = per_series(value, place, series, _scale)
    if len(scales) != len(value):
        return None
    distinct = set(scales.values())
    if len(distinct) > 1:
        shown = "; ".join(f"{key} {low:g}-{high:g}" for key, (low, high) in scales.items())
        raise Invalid(f"grades on different scales cannot be compared ({shown}); convert them to one scale or "
                      "report them as separate findings")
    return distinct.pop() if distinct else DEFAULT_SCALE


def _scale(raw: Any, place: Place, key: Any) -> tuple[float, float] | None:
    try:
        return scale_pair(raw)
    except Invalid as invalid:
        place.problem(str(invalid))
        return None


def check_series_sums(items: tuple[Item, ...], series: SeriesSet, place: Place) -> None:
    """Every other series of a single-answer finding adds up to at most 101, as the focus must."""
    for other in series.others:
        total = sum(value.amount for item in items for key, value in item.compare if key == other.id)
        if total > SUM_LIMIT:
            place.at("items").problem(f"a single-answer finding cannot add up to more than 100%; in series "
                                      f"{other.id!r} these items add up to {total:g}%")


def _known(series) -> str:
    return ", ".join(dict.fromkeys(repr(item.id) for item in series)) or "none"
