"""Validation of comparison series: the waves, groups and benchmarks a survey's findings report.

A survey declares its series once (`survey.series`, `focus`, `min_base`); findings then give a
base per series and, per answer, the values of the other series (`compare`) and, for grades,
standard deviations (`sd`). Every id must be declared, and anything that would make a
comparison meaningless (two scales, a share above 100 in one wave) is a located error.
"""

from __future__ import annotations

from typing import Any

from generator.findings import DEFAULT_MIN_BASE, DataSeries, FindingKind, Item, SeriesKind, SeriesSet, Value
from generator.yaml_source import LocatedDict, LocatedList

SERIES_FIELDS = {"series", "focus", "min_base"}
"""Survey fields read here."""
ITEM_SERIES_FIELDS = {"compare", "sd"}
"""Item fields read here."""
FINDING_SERIES_FIELDS = {"effective_base"}
"""Finding fields read here (besides `base`, which also applies without series)."""
DECLARATION_FIELDS = {"id", "label", "kind", "overlaps"}
MAX_SERIES = 12
MAX_BASE = 1_000_000_000
SUM_LIMIT = 101.0
"""Rounded shares of a single-answer question add up to at most 101 in every series."""


def read_series_set(reader: Any, meta: Any) -> SeriesSet | None:
    """The survey's declared series, focus and minimum base; None when it declares no series."""
    if not isinstance(meta, LocatedDict):
        return None
    node = meta.get("series")
    reader.series_declared = node is not None
    if node is None:
        for key in ("focus", "min_base"):
            if key in meta:
                reader.error(meta, key, "applies to comparison series; declare them under survey.series first",
                             f"survey.{key}")
        return None
    if not isinstance(node, LocatedList) or not node:
        reader.error(meta, "series", "must be a list of series, e.g. - {id: \"2025\", label: \"2025\", kind: wave}",
                     "survey.series")
        return None
    if len(node) > MAX_SERIES:
        reader.error(meta, "series", f"declares {len(node)} series; at most {MAX_SERIES} fit a chart", "survey.series")
        return None
    declared: list[DataSeries] = []
    ids: dict[str, int | None] = {}
    labels: dict[str, int | None] = {}
    for index, entry in enumerate(node):
        where = f"survey.series[{index + 1}]"
        series = _declaration(reader, entry, node.line_of(index), where)
        if series is None:
            continue
        if series.id in ids:
            reader.error(entry, "id", f"series {series.id!r} is declared twice (first on line {ids[series.id]}); "
                                      "each series is declared once", f"{where}.id")
            continue
        if series.label in labels:
            reader.error(entry, "label", f"label {series.label!r} is already used by the series on line "
                                         f"{labels[series.label]}; labels head table columns and must be unique",
                         f"{where}.label")
            continue
        ids[series.id] = entry.line_of("id")
        labels[series.label] = entry.line_of("label")
        declared.append(series)
    focus = reader.text(meta, "focus", "survey.focus", limit=64)
    if focus is None and declared:
        focus = declared[0].id
    elif focus is not None and focus not in ids:
        reader.error(meta, "focus", f"{focus!r} is not a declared series; declared: {_known(declared)}", "survey.focus")
        return None
    minimum = reader.integer(meta, "min_base", "survey.min_base", minimum=1, maximum=MAX_BASE)
    if not declared or len(declared) != len(node):
        return None
    return SeriesSet(series=tuple(declared), focus=focus,
                     min_base=DEFAULT_MIN_BASE if minimum is None else minimum)


def _declaration(reader: Any, entry: Any, line: int | None, where: str) -> DataSeries | None:
    if not isinstance(entry, LocatedDict):
        reader.problems.add("each series must be a mapping with id, label and kind", line, where)
        return None
    reader.check_fields(entry, DECLARATION_FIELDS, where)
    series_id = reader.identifier(entry, f"{where}.id")
    label = reader.text(entry, "label", f"{where}.label", required=True, limit=80)
    raw = entry.get("kind")
    kind = None
    try:
        kind = SeriesKind(raw)
    except ValueError:
        known = ", ".join(kind.value for kind in SeriesKind)
        reader.error(entry, "kind", ("missing" if raw is None else f"unknown series kind {raw!r}")
                     + f"; expected one of {known}", f"{where}.kind")
    if series_id is None or label is None or kind is None:
        return None
    overlaps = (reader.flag(entry, "overlaps", f"{where}.overlaps") if "overlaps" in entry
                else kind is SeriesKind.BENCHMARK)
    return DataSeries(id=series_id, label=label, kind=kind, overlaps=overlaps, line=line)


def read_bases(reader: Any, node: LocatedDict, where: str) -> tuple[int | None, tuple[tuple[str, int], ...]]:
    """The finding's focus base and its base per series: `base: 812` or `base: {"2025": 812, "2023": 790}`."""
    value = node.get("base")
    if not isinstance(value, LocatedDict):
        return reader.integer(node, "base", f"{where}.base", minimum=1, maximum=MAX_BASE), ()
    series_set = _series_for(reader, node, "base", where)
    if series_set is None:
        return None, ()
    found: dict[str, int] = {}
    for key in value:
        field = f"{where}.base.{key}"
        if not _is_declared(reader, value, key, series_set, field):
            continue
        number = value[key]
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_BASE:
            reader.error(value, key, f"a base is a positive whole number of respondents, not {number!r}", field)
            continue
        found[str(key)] = number
    ordered = tuple((series.id, found[series.id]) for series in series_set.series if series.id in found)
    return found.get(series_set.focus), ordered


def read_effective_bases(reader: Any, node: LocatedDict, where: str, focus_base: int | None,
                         bases: tuple[tuple[str, int], ...]) -> tuple[tuple[str, float], ...]:
    """The Kish effective base per series of weighted data: `effective_base: {totaal: 512.3, centrum: 48.9}`.

    Each lies between 0 and the series' own base, since weighting never adds information."""
    value = node.get("effective_base")
    if value is None:
        return ()
    series_set = _series_for(reader, node, "effective_base", where)
    if series_set is None:
        return ()
    if not isinstance(value, LocatedDict):
        reader.error(node, "effective_base", "must be a mapping of series id to effective base, e.g. "
                                             "{totaal: 512.3, centrum: 48.9}", f"{where}.effective_base")
        return ()
    known = {**dict(bases), **({series_set.focus: focus_base} if focus_base is not None else {})}
    found: dict[str, float] = {}
    for key in value:
        field = f"{where}.effective_base.{key}"
        if not _is_declared(reader, value, key, series_set, field):
            continue
        number = reader.number(value, key, field)
        base = known.get(str(key))
        if number is None:
            continue
        if base is None:
            reader.error(value, key, f"series {str(key)!r} has no base; an effective base needs the base it comes "
                                     "from", field)
        elif not 0 < number <= base:
            reader.error(value, key, f"an effective base lies above 0 and at most the base ({base}), not {number:g}",
                         field)
        else:
            found[str(key)] = number
    return tuple((series.id, found[series.id]) for series in series_set.series if series.id in found)


def read_item_series(reader: Any, node: LocatedDict, where: str, kind: FindingKind,
                     scale) -> tuple[tuple[tuple[str, Value], ...], tuple[tuple[str, float], ...]]:
    """An item's values in the other series (`compare`) and, for grades, its standard deviations (`sd`)."""
    if not any(key in node for key in ITEM_SERIES_FIELDS):
        return (), ()
    if kind is FindingKind.MATRIX:
        key = next(key for key in ("compare", "sd") if key in node)
        reader.error(node, key, "a matrix finding cannot be compared across series; compare multi, single or "
                                "grade findings", f"{where}.{key}")
        return (), ()
    compare = _compare(reader, node, where, kind, scale)
    return compare, _deviations(reader, node, where, kind)


def _compare(reader: Any, node: LocatedDict, where: str, kind: FindingKind, scale) -> tuple[tuple[str, Value], ...]:
    value = node.get("compare")
    if value is None:
        return ()
    series_set = _series_for(reader, node, "compare", where)
    if series_set is None:
        return ()
    if not isinstance(value, LocatedDict):
        reader.error(node, "compare", "must be a mapping of series id to value, e.g. {\"2023\": 7.1}",
                     f"{where}.compare")
        return ()
    found: dict[str, Value] = {}
    for key in value:
        field = f"{where}.compare.{key}"
        if not _is_declared(reader, value, key, series_set, field):
            continue
        if str(key) == series_set.focus:
            reader.error(value, key, f"{key!r} is the focus series, whose value is the item's 'value'", field)
            continue
        raw = value[key]
        holder = raw if isinstance(raw, LocatedDict) else _holder(value, key, raw)
        amount = reader.value(holder, field, kind, scale)
        if amount is not None:
            found[str(key)] = amount
    return tuple((series.id, found[series.id]) for series in series_set.series if series.id in found)


def _deviations(reader: Any, node: LocatedDict, where: str, kind: FindingKind) -> tuple[tuple[str, float], ...]:
    value = node.get("sd")
    if value is None:
        return ()
    if kind is not FindingKind.GRADE:
        reader.error(node, "sd", "standard deviations are for grade findings; shares are tested from their bases",
                     f"{where}.sd")
        return ()
    series_set = _series_for(reader, node, "sd", where)
    if series_set is None:
        return ()
    if not isinstance(value, LocatedDict):
        reader.error(node, "sd", "must be a mapping of series id to standard deviation, e.g. {\"2025\": 1.4}",
                     f"{where}.sd")
        return ()
    found: dict[str, float] = {}
    for key in value:
        field = f"{where}.sd.{key}"
        if not _is_declared(reader, value, key, series_set, field):
            continue
        number = reader.number(value, key, field)
        if number is not None and number <= 0:
            reader.error(value, key, f"a standard deviation is above 0, not {number:g}", field)
        elif number is not None:
            found[str(key)] = number
    return tuple((series.id, found[series.id]) for series in series_set.series if series.id in found)


def read_series_scale(reader: Any, node: LocatedDict, where: str) -> tuple[float, float] | None:
    """A grade scale given per series: allowed only when every series uses the same one."""
    value = node["scale"]
    series_set = _series_for(reader, node, "scale", where)
    if series_set is None:
        return None
    scales: dict[str, tuple[float, float]] = {}
    for key in value:
        field = f"{where}.scale.{key}"
        if not _is_declared(reader, value, key, series_set, field):
            return None
        holder = _holder(value, key, value[key], name="scale")
        scale = reader.scale(holder, where)
        if scale is None:
            return None
        scales[str(key)] = scale
    distinct = set(scales.values())
    if len(distinct) > 1:
        shown = "; ".join(f"{key} {low:g}-{high:g}" for key, (low, high) in scales.items())
        reader.error(node, "scale", f"grades on different scales cannot be compared ({shown}); convert them to one "
                                    "scale or report them as separate findings", f"{where}.scale")
        return None
    return distinct.pop() if distinct else (1.0, 10.0)


def check_series_sums(reader: Any, node: LocatedDict, where: str, items: list[Item]) -> bool:
    """Whether every other series of a single-answer finding adds up to at most 101, as the focus must."""
    series_set = reader.series_set
    if series_set is None:
        return True
    ok = True
    for series in series_set.others:
        total = sum(value.amount for item in items for key, value in item.compare if key == series.id)
        if total > SUM_LIMIT:
            reader.error(node, "items", f"a single-answer finding cannot add up to more than 100%; in series "
                                        f"{series.id!r} these items add up to {total:g}%",
                         f"{where}.items")
            ok = False
    return ok


def _series_for(reader: Any, node: LocatedDict, key: str, where: str) -> SeriesSet | None:
    if reader.series_set is None and not getattr(reader, "series_declared", False):
        reader.error(node, key, "names series, but the survey declares none; declare them under survey.series",
                     f"{where}.{key}")
    return reader.series_set


def _is_declared(reader: Any, mapping: LocatedDict, key: Any, series_set: SeriesSet, field: str) -> bool:
    if any(series.id == str(key) for series in series_set.series):
        return True
    reader.error(mapping, key, f"unknown series {str(key)!r}; the survey declares {_known(series_set.series)}", field)
    return False


def _known(series) -> str:
    return ", ".join(repr(item.id) for item in series) or "none"


def _holder(parent: LocatedDict, key: Any, raw: Any, name: str = "value") -> LocatedDict:
    holder = LocatedDict({name: raw}, line=parent.line_of(key))
    holder.key_lines[name] = parent.line_of(key)
    return holder
