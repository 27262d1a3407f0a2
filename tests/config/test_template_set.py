"""A template set is found from the writer declarations, its template.yaml sections are checked
where it is loaded, and its deck's theme is read once there, so charts take it as data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DEFAULT_TEMPLATE, FIXTURES
from generator.errors import InputError
from generator.template_set import load_template_set
from generator.writers import WRITERS, WriterInfo


def test_the_default_set_has_its_deck_and_briefing():
    template = load_template_set(DEFAULT_TEMPLATE)
    assert (template.deck.name, template.briefing.name) == ("deck.pptx", "briefing.docx")
    assert template.require("deck") == template.deck
    assert [path.name for path in template.used_files()] == ["briefing.docx", "deck.pptx", "template.yaml"]


def test_a_set_without_a_briefing_says_which_files_would_do(tmp_path):
    shutil.copy(DEFAULT_TEMPLATE / "deck.pptx", tmp_path / "deck.pptx")
    with pytest.raises(InputError, match="template set has no briefing: expected briefing.docx or briefing.dotx"):
        load_template_set(tmp_path).require("briefing")


def test_a_registered_format_brings_its_own_template_file(tmp_path, monkeypatch):
    monkeypatch.setitem(WRITERS, "odt", WriterInfo("generator.writers.odt:OdtWriter", "odt", ("notitie.odt",),
                                                   "notitie", "notitie"))
    (tmp_path / "notitie.odt").write_bytes(b"odt")
    (tmp_path / "template.yaml").write_text("notitie:\n  stijl: huis\n", encoding="utf-8")
    template = load_template_set(tmp_path)
    assert template.require("notitie") == tmp_path / "notitie.odt"
    assert template.section("notitie") == {"stijl": "huis"}
    assert tmp_path / "notitie.odt" in template.used_files()


@pytest.mark.parametrize(("yaml_text", "expected"), [
    ("dek:\n  layouts: {}\n", "template.yaml:1: dek: unknown field; did you mean 'deck'?"),
    ("briefing: 3\n", "template.yaml:1: briefing: must be a mapping (key: value lines), not a number"),
    ("text:\n  - procent\n", "template.yaml:1: text: must be a mapping (key: value lines), not a list"),
], ids=["unknown-section", "number", "list"])
def test_a_bad_top_level_of_template_yaml_is_located(tmp_path, monkeypatch, yaml_text, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "template.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_template_set(Path("."))
    assert str(caught.value.problems[0]) == expected


def test_an_empty_section_reads_as_absent(tmp_path):
    (tmp_path / "template.yaml").write_text("deck:\ncharts:\n", encoding="utf-8")
    template = load_template_set(tmp_path)
    assert template.section("deck") == {} and template.section("charts") == {}


def test_the_deck_theme_is_read_when_the_set_is_loaded():
    template = load_template_set(FIXTURES / "decks" / "getint")
    assert template.theme.chart_background.colors == ("#EAF2EC",)
    assert template.theme.minor_font == "Liberation Sans"
    assert load_template_set(FIXTURES / "briefings" / "localized").theme is None


def test_charts_take_the_theme_without_opening_the_deck(monkeypatch):
    from generator.charts import theme
    from generator.charts.style import chart_style_for

    template = load_template_set(FIXTURES / "decks" / "getint")

    def no_reading(*arguments):
        raise AssertionError("the deck was opened again")

    monkeypatch.setattr(theme, "read_deck_theme", no_reading)
    monkeypatch.setattr(theme, "read_package", no_reading)
    style = chart_style_for(template)
    assert (style.background, style.transparent) == ("#EAF2EC", False)
