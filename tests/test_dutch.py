"""Numbers read the Dutch way, rounded half up as the source publications do."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import dutch
from generator.findings import Qualifier, Value


@pytest.mark.parametrize(
    "call, expected",
    [
        pytest.param(lambda: dutch.format_percent(64), "64%", id="percent"),
        pytest.param(lambda: dutch.format_percent(12.5), "13%", id="half-rounds-up-not-to-even"),
        pytest.param(lambda: dutch.format_percent(0.5), "1%", id="half-rounds-up-small"),
        pytest.param(lambda: dutch.format_percent(31.45, 1), "31,5%", id="one-decimal"),
        pytest.param(lambda: dutch.format_percent_words(64), "64 procent", id="percent-in-words"),
        pytest.param(lambda: dutch.format_grade(6.7), "6,7", id="grade-comma"),
        pytest.param(lambda: dutch.format_grade(7), "7,0", id="grade-keeps-one-decimal"),
        pytest.param(lambda: dutch.format_number(1234.5, 1), "1.234,5", id="thousands-point"),
        pytest.param(lambda: dutch.format_base(1234), "n = 1.234", id="base"),
        pytest.param(lambda: dutch.format_value(Value(33.3, Qualifier.ABOUT)), "~33%", id="about"),
        pytest.param(lambda: dutch.format_value(Value(50, Qualifier.MORE_THAN)), ">50%", id="more-than"),
        pytest.param(lambda: dutch.format_value(Value(6.7), unit="grade"), "6,7", id="grade-value"),
        pytest.param(lambda: dutch.join_list(["a", "b", "c"]), "a, b en c", id="list-of-three"),
        pytest.param(lambda: dutch.join_list(["a", "b"]), "a en b", id="list-of-two"),
        pytest.param(lambda: dutch.format_date(dt.date(2026, 11, 28)), "28 november 2026", id="long-date"),
    ],
)
def test_dutch_formatting(call, expected):
    assert call() == expected
