"""Values as a source states them: a number within its finding's range, how exactly it is meant, its wording.

A value is written `64`, `6.7`, or in a spreadsheet `"6,7"` and `"64%"`; an approximate one adds
`approximate: true` or a `qualifier` and the source's own `wording`. Where a value stands
alone (a matrix cell, another series' value) a bare number is short for `{value: 64}`.
"""

from __future__ import annotations

import math
from typing import Any

from generator.config import Flag, Invalid, Option, Place, Text
from generator.config.options import kind_of
from generator.config.options import parse_number as parse_plain_number
from generator.findings import FindingKind, Qualifier, Value
from generator.findings_schema.entries import Entry, Keyword
from generator.yaml_source import LocatedDict

MAX_LABEL = 200
DEFAULT_SCALE = (1.0, 10.0)


def parse_number(text: str) -> float | None:
    """A number typed as text, the Dutch way too ("6,7", "64", "64%" as a spreadsheet shows it), or None;
    "1_000", "inf" and other digits than 0-9 are not numbers here, though Python's `float` would take them."""
    return parse_plain_number(text.strip().removesuffix("%"))


def finite_number(value: Any) -> float:
    """`value` as a finite float, numbers typed as text included; `Invalid` says why it is none."""
    number = parse_number(value) if isinstance(value, str) else value
    if number is None or isinstance(number, bool) or not isinstance(number, (int, float)):
        hint = "; write numbers without '_'" if isinstance(value, str) and "_" in value else ""
        raise Invalid(f"must be a number, not {kind_of(value)} {value!r}{hint}")
    try:
        number = float(number)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise Invalid(f"must be a finite number, not {value!r}")
    return number


class FiniteNumber(Option):
    """A finite number, typed as a number or, in a spreadsheet, as text ("6,7", "64%")."""

    type_name = "number"

    def parse(self, value: Any, place: Place) -> Any:
        return finite_number(value)


class Amount(FiniteNumber):
    """A finding's value: a percentage from 0 to 100, or a grade within the finding's scale."""

    type_name = "number (a percentage 0-100; a grade within the scale)"

    def parse(self, value: Any, place: Place) -> Any:
        amount = finite_number(value)
        kind = place.context.get("kind")
        if kind is FindingKind.GRADE:
            low, high = place.context.get("scale") or DEFAULT_SCALE
            if not low <= amount <= high:
                raise Invalid(f"grade {amount:g} is outside the scale {low:g}-{high:g}")
        elif kind is not None and not 0 <= amount <= 100:
            raise Invalid(f"percentage {amount:g} is outside 0-100")
        return amount


def wording_needs_approximation(values: dict, place: Place) -> None:
    """A source's wording ("ongeveer een derde") belongs to an approximate value only."""
    raw = place.container
    if not values["wording"] or "value" not in raw or ("qualifier" in raw and values["qualifier"] is None):
        return
    if qualifier_of(values) is Qualifier.EXACT:
        place.at("wording").problem("wording is for approximate values; add 'approximate: true' or a qualifier")


def qualifier_of(values: dict) -> Qualifier:
    """How exactly a value is meant: its qualifier, else "about" when marked approximate, else exact."""
    qualifier = values["qualifier"] or Qualifier.EXACT
    return Qualifier.ABOUT if values["approximate"] and qualifier is Qualifier.EXACT else qualifier


def value_of(values: dict) -> Value:
    """The model value of a value's fields, as read."""
    return Value(amount=values["value"], qualifier=qualifier_of(values), wording=values["wording"])


class ValueFields(Entry):
    """A value with how exactly the source states it; an item holds these fields itself."""

    value = Amount(required=True, doc="The number: a percentage from 0 to 100, or for a grade finding the mean grade.")
    approximate = Flag(default=False, doc="true when the source gives the value approximately (\"about a third\").")
    qualifier = Keyword(Qualifier, "qualifier",
                        doc="How exactly the source states the value: exact, about, more_than or less_than.")
    wording = Text(max_length=MAX_LABEL,
                   doc="The source's own words for an approximate value, used in the text instead of the number.")
    rules = (wording_needs_approximation,)

    def build(self, values: dict, place: Place) -> Value:
        return value_of(values)


class CellValue(Option):
    """A value standing alone: a number, or a mapping with `value` and how exactly it is meant."""

    type_name = "number, or {value, approximate, qualifier, wording}"
    declared = ValueFields()

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, dict):
            holder = LocatedDict({"value": value}, line=place.line)
            holder.key_lines["value"] = place.line
            value = holder
        return self.declared.parse(value, place)


def scale_pair(value: Any) -> tuple[float, float]:
    """A grade scale written [lowest, highest]; `Invalid` says why `value` is none."""
    if isinstance(value, list) and any(isinstance(bound, (int, float)) and not _is_finite(bound) for bound in value):
        raise Invalid("must be [lowest, highest] in finite numbers, e.g. [1, 10]; a bound overflows to infinity")
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(bound, (int, float)) and not isinstance(bound, bool) for bound in value)
            or value[0] >= value[1]):
        raise Invalid("must be [lowest, highest], e.g. [1, 10]")
    return (float(value[0]), float(value[1]))


def _is_finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
