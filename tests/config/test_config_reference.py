"""The configuration reference: generated from the declared options, complete, and committed up to date."""

from __future__ import annotations

import pytest

from conftest import REPO_ROOT
from generator.config.reference import files, reference_markdown, rows
from generator.template_set import settings_sections

DOCUMENT = REPO_ROOT / "docs" / "configuration.md"
DECLARED = [(title, path, option) for title, _, sections in files() for path, section in sections
            for path, option in rows(section, path)]


def test_the_committed_reference_is_what_the_declarations_give():
    """docs/configuration.md cannot drift: after changing an option, run `python -m generator.config.reference`."""
    assert DOCUMENT.read_text(encoding="utf-8") == reference_markdown()


@pytest.mark.parametrize(("title", "path", "option"), DECLARED, ids=[f"{title}:{path}" for title, path, _ in DECLARED])
def test_every_option_says_what_it_does(title, path, option):
    assert option.doc.strip(), f"{title}: {path} has no doc"


def test_every_section_of_template_yaml_is_in_the_reference():
    (template_yaml,) = [sections for title, _, sections in files() if title == "template.yaml"]
    assert sorted(path for path, _ in template_yaml) == sorted(settings_sections())


def test_a_setting_is_listed_with_its_type_default_and_doc():
    text = reference_markdown()
    assert "| `audiences.<id>.key_messages` | whole number from 1 to 5 | 4 | How many key messages" in text
    assert "| `deck.template_slides` | one of: remove, keep | remove |" in text
    assert "| `audiences.<id>.closing[].findings` | list of id |" in text


def _first_problem(read) -> str:
    from generator.errors import InputError

    with pytest.raises(InputError) as caught:
        read()
    return caught.value.problems[0].message


def test_one_mistake_reads_the_same_in_every_file(write_file):
    """A misspelt field gets the same message in template.yaml, the audiences file and barometer.yaml."""
    from generator.audiences import load_audiences
    from generator.charts.style import _validated_settings
    from generator.project import load_project
    from generator.template_set import load_template_set
    from generator.writers.docx.settings import load_briefing_settings
    from generator.writers.pptx.settings import read_deck_settings
    from narrative_fixtures import small_survey

    audiences = write_file("audiences.yaml", "audiences:\n  raad:\n    titel: Raad\n")
    write_file("barometer.yaml", "templat: huis\n")
    template = load_template_set(write_file("huis/template.yaml", "deck:\n  footr: false\nbriefing:\n  lables: {}\n"
                                                                  "charts:\n  colours: ['#000000']\n").parent)
    messages = [
        _first_problem(lambda: load_audiences(audiences, small_survey())),
        _first_problem(lambda: load_project(audiences.parent)),
        _first_problem(lambda: read_deck_settings(template.section("deck"), template.settings_path)),
        _first_problem(lambda: load_briefing_settings(template.section("briefing"), template.settings_path)),
        _first_problem(lambda: _validated_settings(template)),
    ]
    assert messages == ["unknown field; did you mean 'title'?", "unknown field; did you mean 'template'?",
                        "unknown field; did you mean 'footer'?", "unknown field; did you mean 'labels'?",
                        "unknown field; did you mean 'colors'?"]
