"""Dutch number, date and list formatting: the one place numbers become text.

Rounding rule: half away from zero ("0,5 naar boven"), as Dutch readers expect and as the
source publications round; Babel's own default is half-to-even (12,5 -> 12), which would
make our text disagree with the source. Values are rounded here with `Decimal`, then Babel's
nl_NL locale supplies the decimal comma and the thousands point.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as babel_format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from generator.findings import Qualifier, Value

LOCALE = "nl_NL"

QUALIFIER_MARKS = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "~",
    Qualifier.MORE_THAN: ">",
    Qualifier.LESS_THAN: "<",
}
"""Marks for approximate values in charts and tables: "~33%", ">50%"."""


def round_half_up(number: float, decimals: int = 0) -> Decimal:
    """`number` rounded half away from zero to `decimals` places."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(number)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(number: float, decimals: int = 0) -> str:
    """1234.5 -> "1.234,5" (with decimals=1); trailing decimals are kept: 6 -> "6,0"."""
    rounded = round_half_up(number, decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale=LOCALE)


def format_percent(number: float, decimals: int = 0) -> str:
    """64 -> "64%": the chart and table style, no space before the sign."""
    return f"{format_number(number, decimals)}%"


def format_percent_words(number: float, decimals: int = 0) -> str:
    """64 -> "64 procent": the running-text style of memos and briefings."""
    return f"{format_number(number, decimals)} procent"


def format_grade(number: float) -> str:
    """6.7 -> "6,7": grades always show one decimal."""
    return format_number(number, 1)


def format_count(number: int) -> str:
    """1234 -> "1.234"."""
    return format_number(number, 0)


def format_base(number: int) -> str:
    """The base of a percentage as charts and tables print it: "n = 1.234"."""
    return f"n = {format_count(number)}"


def format_value(value: Value, unit: str = "percent", decimals: int = 0) -> str:
    """A value as charts and tables show it, approximate ones marked: "64%", "~33%", "6,7"."""
    text = format_grade(value.amount) if unit == "grade" else format_percent(value.amount, decimals)
    return QUALIFIER_MARKS[value.qualifier] + text


def join_list(words: list[str] | tuple[str, ...]) -> str:
    """["a", "b", "c"] -> "a, b en c"."""
    words = [word for word in words if word]
    if not words:
        return ""
    return format_list(list(words), style="standard", locale=LOCALE)


def format_date(date: dt.date) -> str:
    """2026-11-28 -> "28 november 2026"."""
    return babel_format_date(date, format="long", locale=LOCALE)
