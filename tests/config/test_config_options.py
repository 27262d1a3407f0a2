"""Declared options read located YAML: what each type accepts, and what a user is told, with line and field."""

from __future__ import annotations

import datetime as dt
import enum

import pytest

from generator.config import (Choice, Colour, Date, Flag, Identifier, Invalid, ListOf, MappingOf, Number, Option,
                              Place, Section, Text, read_config)
from generator.errors import InputError
from generator.yaml_source import load_yaml


class Kind(enum.Enum):
    MULTI = "multi"
    GRADE = "grade"


def _section(option: Option) -> Section:
    """A section with the one field `value`."""
    return type("One", (Section,), {"value": option})()


def _read(write_file, option: Option, text: str, field: str = "") -> object:
    path = write_file("settings.yaml", text)
    return read_config(option, load_yaml(path), path, field)


def _problems(write_file, option: Option, text: str, field: str = "") -> list[str]:
    with pytest.raises(InputError) as caught:
        _read(write_file, option, text, field)
    return [str(problem) for problem in caught.value.problems]


ACCEPTED = [
    pytest.param(Text(), "' Wonen '", "Wonen", id="text-stripped"),
    pytest.param(Text(), "2025", "2025", id="text-number-as-text"),
    pytest.param(Text(), "''", None, id="text-empty-is-absent"),
    pytest.param(Identifier(), "wonen-2025", "wonen-2025", id="identifier"),
    pytest.param(Choice(("cm", "inch")), "cm", "cm", id="choice"),
    pytest.param(Choice(Kind), "grade", Kind.GRADE, id="choice-of-enum"),
    pytest.param(Flag(), "true", True, id="flag"),
    pytest.param(Flag(), "nee", False, id="flag-dutch-word"),
    pytest.param(Number(minimum=0, maximum=10), "7.5", 7.5, id="number"),
    pytest.param(Number(), "'3,5'", 3.5, id="number-typed-as-text"),
    pytest.param(Number(whole=True, minimum=1), "812", 812, id="whole-number"),
    pytest.param(Colour(), "'#1f4e79'", "1F4E79", id="colour"),
    pytest.param(Date(), "2025-05-01", dt.date(2025, 5, 1), id="date"),
    pytest.param(ListOf(Text()), "[a, b]", ("a", "b"), id="list"),
    pytest.param(ListOf(Text()), "a", ("a",), id="one-text-is-a-list-of-one"),
    pytest.param(MappingOf(Choice(("text", "accent")), Colour()), "{accent: '#FF0000'}", {"accent": "FF0000"},
                 id="mapping"),
]


@pytest.mark.parametrize(("option", "written", "expected"), ACCEPTED)
def test_each_option_reads_what_it_accepts(write_file, option, written, expected):
    assert _read(write_file, _section(option), f"value: {written}\n") == {"value": expected}


REFUSED = [
    pytest.param(Text(), "[a]", "must be text, not a list", id="text-not-text"),
    pytest.param(Text(required=True), "''", "must not be empty", id="text-required-empty"),
    pytest.param(Text(max_length=5), "Woningen", "is 8 characters long; at most 5 allowed", id="text-too-long"),
    pytest.param(Text(), "'=SOM(A1)'", "starts with '=' and would be read as a spreadsheet formula; rephrase it",
                 id="text-formula"),
    pytest.param(Text(), '"Bel\\x07"', "contains control character U+0007", id="text-control-character"),
    pytest.param(Text(), '"\\u200b"', "must not be empty: it holds only invisible characters (U+200B)",
                 id="text-invisible"),
    pytest.param(Identifier(), "'../etc'", "'../etc' is not a valid id: use lowercase letters", id="identifier"),
    pytest.param(Choice(Kind), "mulit", "must be one of multi, grade, not 'mulit'; did you mean 'multi'?",
                 id="choice-near-miss"),
    pytest.param(Choice(Kind), "taart", "must be one of multi, grade, not 'taart'", id="choice"),
    pytest.param(Flag(), "misschien", "must be true or false, not 'misschien'", id="flag"),
    pytest.param(Number(maximum=10), "11", "must be at most 10", id="number-above-maximum"),
    pytest.param(Number(minimum=1), "0", "must be at least 1", id="number-below-minimum"),
    pytest.param(Number(), "veel", "must be a number, not text 'veel'", id="number-not-a-number"),
    pytest.param(Number(), "'3_1'", "must be a number, not text '3_1'; write numbers without '_'",
                 id="number-with-underscore"),
    pytest.param(Number(), "1.0e999", "must be a finite number, not inf", id="number-infinite"),
    pytest.param(Number(whole=True), "12.5", "must be a whole number, not a number 12.5", id="whole-number"),
    pytest.param(Number(whole=True, maximum=1_000_000_000), "1" + "0" * 400, "must be at most 1,000,000,000",
                 id="whole-number-beyond-any-float"),
    pytest.param(Colour(), "blauw", "'blauw' is not a colour like \"#1F4E79\" (put colours in quotes",
                 id="colour"),
    pytest.param(Date(), "1 mei", "must be a date written as YYYY-MM-DD", id="date"),
    pytest.param(ListOf(Text()), "{a: 1}", "must be a list of text values, not a mapping", id="list-not-a-list"),
    pytest.param(MappingOf(Choice(("text", "accent")), Colour()), "[x]", "must be a mapping of one of: text, "
                 "accent: colour", id="mapping-not-a-mapping"),
]


@pytest.mark.parametrize(("option", "written", "expected"), REFUSED)
def test_each_option_says_what_is_wrong_with_a_bad_value(write_file, option, written, expected):
    (problem,) = _problems(write_file, _section(option), f"value: {written}\n")
    assert problem.startswith("settings.yaml:1: value: ") and expected in problem, problem


class Margins(Section):
    """Margins of a page."""

    top = Number(minimum=0, maximum=10, default=1.0, doc="The top margin in centimetres.")
    unit = Choice(("cm", "inch"), default="cm", doc="The unit of the margins.")


def _title_is_no_tag(values: dict, place: Place) -> None:
    if values["title"] and values["title"].lower() in values["tags"]:
        place.at("title").problem("is also a tag; give the page a title of its own")


class Page(Section):
    """A page, with sections, lists and mappings inside."""

    title = Text(required=True, max_length=20, doc="The page title.")
    margins = Margins(doc="The page's margins.")
    tags = ListOf(Identifier(), doc="Tags of the page.")
    colours = MappingOf(Choice(("text", "accent")), Colour(), doc="Colours by role.")
    rules = (_title_is_no_tag,)


def test_absent_fields_take_their_defaults(write_file):
    assert _read(write_file, Page(), "title: Welkom\n") == {
        "title": "Welkom", "margins": {"top": 1.0, "unit": "cm"}, "tags": (), "colours": {}}


def test_a_misspelt_field_gets_a_hint_and_a_far_one_the_list(write_file):
    assert _problems(write_file, Page(), "title: Welkom\nmargins:\n  topp: 2\n  zijkant: 1\n", "page") == [
        "settings.yaml:3: page.margins.topp: unknown field; did you mean 'top'?",
        "settings.yaml:4: page.margins.zijkant: unknown field; expected one of top, unit",
    ]


def test_every_problem_is_reported_at_once_with_its_line_and_nested_field(write_file):
    text = ("margins:\n"
            "  top: 12\n"
            "tags:\n"
            "  - wonen\n"
            "  - Zorg en Welzijn\n"
            "colours:\n"
            "  achtergrond: '#FFFFFF'\n"
            "  accent: rood\n")
    assert _problems(write_file, Page(), text, "page") == [
        "settings.yaml:1: page.title: missing; this field is required",
        "settings.yaml:2: page.margins.top: must be at most 10",
        "settings.yaml:5: page.tags[2]: 'Zorg en Welzijn' is not a valid id: use lowercase letters, digits, '-' "
        "and '_' (no spaces, dots or slashes)",
        "settings.yaml:7: page.colours.achtergrond: unknown name; expected one of text, accent, not 'achtergrond'",
        "settings.yaml:8: page.colours.accent: 'rood' is not a colour like \"#1F4E79\" (put colours in quotes: an "
        "unquoted # starts a comment in YAML)",
    ]


def test_a_section_that_is_not_a_mapping_is_told_so(write_file):
    assert _problems(write_file, Page(), "title: Welkom\nmargins: 2\n") == [
        "settings.yaml:2: margins: must be a mapping (key: value lines), not a number"]


def test_a_rule_reports_at_the_field_it_is_about(write_file):
    assert _problems(write_file, Page(), "tags: [welkom]\ntitle: Welkom\n", "page") == [
        "settings.yaml:2: page.title: is also a tag; give the page a title of its own"]


def test_a_result_is_built_only_from_values_without_problems(write_file):
    built = []
    section = Margins(result=lambda **values: built.append(values) or values)
    assert _read(write_file, section, "top: 2\n") == {"top": 2, "unit": "cm"}
    _problems(write_file, section, "top: -1\n")
    assert built == [{"top": 2, "unit": "cm"}]


class _Percentage(Option):
    """A share whose range depends on a field of the section around it."""

    def parse(self, value, place):
        if value > place.context["maximum"]:
            raise Invalid(f"must be at most {place.context['maximum']}")
        return value


def test_options_below_a_place_see_its_context_and_problems_keep_their_lines(write_file):
    path = write_file("settings.yaml", "shares:\n  - 40\n  - 120\n")
    from generator.errors import ProblemCollector

    problems = ProblemCollector(path)
    place = Place(problems, None, None, "").with_context(maximum=100).named("chart")
    values = place.read(type("Chart", (Section,), {"shares": ListOf(_Percentage())})(), load_yaml(path))
    assert values == {"shares": (40,)}
    assert [str(problem) for problem in problems.problems] == ["settings.yaml:3: chart.shares[2]: must be at most 100"]
