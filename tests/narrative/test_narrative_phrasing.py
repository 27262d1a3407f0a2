"""Dutch share phrases, percentages in text, grades, agreement: the words that carry numbers."""

from __future__ import annotations

import pytest

from generator.findings import Qualifier, Value
from generator.narrative.facts import finding_facts
from generator.narrative.phrasing import (
    Noun,
    grade_verdict,
    lower_first,
    of_group,
    percent_text,
    share_phrase,
    value_share,
    value_text,
)
from narrative_fixtures import multi, single, value


@pytest.mark.parametrize("percent, expected", [
    (50, "de helft"),
    (49.6, "de helft"),
    (45, "bijna de helft"),
    (54, "ruim de helft"),
    (61, "zes op de tien"),
    (57, "bijna zes op de tien"),
    (64, "bijna twee derde"),
    (20, "een op de vijf"),
    (21, "een op de vijf"),
    (25, "een kwart"),
    (33, "een derde"),
    (74, "drie kwart"),
    (98, "bijna iedereen"),
    (100, "iedereen"),
    (2, "bijna niemand"),
    (0, "niemand"),
], ids=lambda value: str(value))
def test_share_phrase(percent, expected):
    assert share_phrase(percent) == expected


@pytest.mark.parametrize("percent", range(4, 97))
def test_share_phrase_never_claims_more_than_the_number(percent):
    """"Bijna" only below its anchor, "ruim" only above it, and a plain phrase only within 1.5 points."""
    anchors = {"de helft": 50, "zes op de tien": 60, "twee derde": 200 / 3, "een derde": 100 / 3, "een kwart": 25,
               "drie kwart": 75, "een op de vijf": 20, "een op de tien": 10, "een op de twintig": 5,
               "drie op de tien": 30, "vier op de tien": 40, "zeven op de tien": 70, "acht op de tien": 80,
               "negen op de tien": 90}
    phrase = share_phrase(percent)
    qualifier, _, rest = phrase.partition(" ")
    if qualifier == "bijna":
        assert percent < anchors[rest]
    elif qualifier == "ruim":
        assert percent > anchors[rest]
    else:
        assert abs(percent - anchors[phrase]) < 1.5


def test_majority_only_above_half():
    facts = finding_facts(multi("m", ("Precies de helft", 50), ("Meer dan de helft", 51), ("Weinig", 3)))
    majority = {item.label: item.majority for item in facts.items}
    assert majority == {"Precies de helft": False, "Meer dan de helft": True, "Weinig": False}


@pytest.mark.parametrize("val, expected", [
    (Value(33, Qualifier.ABOUT, "ongeveer een derde"), "ongeveer een derde"),
    (Value(50, Qualifier.MORE_THAN, None), "meer dan 50\u00a0procent"),
    (Value(64), "64\u00a0procent"),
], ids=["source-wording", "no-wording", "exact"])
def test_value_text_keeps_approximate_values_approximate(val, expected):
    assert value_text(val) == expected


def test_value_share_uses_source_wording():
    assert value_share(Value(60, Qualifier.ABOUT, "ongeveer zes op de tien")) == "ongeveer zes op de tien"
    assert value_share(Value(33, Qualifier.ABOUT)) == "ongeveer een derde"


@pytest.mark.parametrize("style, expected", [("procent", "64\u00a0procent"), ("symbol", "64%")])
def test_percent_style(style, expected):
    assert percent_text(64, style) == expected


def test_number_and_unit_never_split_over_two_lines():
    assert percent_text(64) == "64\u00a0procent"


def test_percent_text_rounds_half_up_with_decimal_comma():
    assert percent_text(12.5) == "13\u00a0procent"
    assert percent_text(12.25, decimals=1) == "12,3\u00a0procent"


@pytest.mark.parametrize("grade, expected", [(5.4, "een onvoldoende"), (6.0, "een voldoende"),
                                             (6.7, "een ruime voldoende"), (7.9, "een goed")])
def test_grade_verdict(grade, expected):
    assert grade_verdict(grade) == expected


def test_grade_verdict_only_for_school_scale():
    assert grade_verdict(4.2, (1.0, 5.0)) is None


@pytest.mark.parametrize("phrase, expected", [
    ("zes op de tien", "zes op de tien ambtenaren"),
    ("de helft", "de helft van de ambtenaren"),
    ("64 procent", "64 procent van de ambtenaren"),
    ("niemand", "geen enkele ambtenaar"),
])
def test_of_group(phrase, expected):
    assert of_group(phrase, Noun("ambtenaar", "ambtenaren")) == expected


@pytest.mark.parametrize("label, expected", [
    ("Kwaliteit van beleid", "kwaliteit van beleid"),
    ("AVG-verzoeken", "AVG-verzoeken"),
    ("(Enigszins) behoefte", "(enigszins) behoefte"),
    ("5 of minder", "5 of minder"),
])
def test_lower_first(label, expected):
    assert lower_first(label) == expected


def test_ties_are_all_top_and_no_item_is_top_when_an_approximate_value_could_be_higher():
    tie = finding_facts(multi("t", ("A", 43), ("B", 43), ("C", 10)))
    assert [item.label for item in tie.top] == ["A", "B"]
    close = finding_facts(multi("c", ("A", 52), ("B", value(50, Qualifier.MORE_THAN, "meer dan de helft"))))
    assert close.top == ()


def test_single_finding_remainder_is_the_unanswered_share():
    facts = finding_facts(single("s", ("Ja", 61)))
    assert facts.remainder == "39\u00a0procent"


@pytest.mark.parametrize("amount, qualifier, expected", [
    pytest.param(83, Qualifier.MORE_THAN, "meer dan acht op de tien", id="more-than-above-anchor"),
    pytest.param(78, Qualifier.MORE_THAN, "ongeveer acht op de tien", id="more-than-below-anchor-never-overclaims"),
    pytest.param(78, Qualifier.LESS_THAN, "minder dan acht op de tien", id="less-than-below-anchor"),
    pytest.param(50, Qualifier.MORE_THAN, "meer dan de helft", id="exact-anchor"),
])
def test_an_approximate_share_has_one_hedge(amount, qualifier, expected):
    assert value_share(Value(amount, qualifier)) == expected
