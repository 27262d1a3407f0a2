"""The bundled data holds every figure of the published Barometer text, under the right theme,
and nothing the text does not say."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.findings import FindingKind, Qualifier

from conftest import SEED_TEXT

SECTION_HEADINGS = ("Randvoorwaarden", "Uitvoering", "Opbrengsten", "Terugkoppeling", "Ambities")
THEMES_PER_SECTION = {
    "intro": ("oordeel", "doelstellingen", "kernwaarden"),
    "Randvoorwaarden": ("randvoorwaarden",),
    "Uitvoering": ("uitvoering",),
    "Opbrengsten": ("opbrengsten",),
    "Terugkoppeling": ("terugkoppeling",),
    "Ambities": ("ambities",),
}
SHARED_FIGURES = {"Ambities": [43, 43]}
"""'intern draagvlak, kennisdeling en toegewijd participatieteam, elk met 43 procent': one
figure in the text, three items in the data."""


def seed_sections() -> dict[str, str]:
    text = SEED_TEXT.read_text(encoding="utf-8")
    pattern = r"^\s*(" + "|".join(SECTION_HEADINGS) + r")\s*$"
    parts = re.split(pattern, text, flags=re.MULTILINE)
    sections = {"intro": parts[0]}
    sections.update(dict(zip(parts[1::2], parts[2::2])))
    return sections


def exact_percentages(survey, theme_ids) -> Counter:
    values = Counter()
    for theme_id in theme_ids:
        for finding in survey.theme(theme_id).findings:
            if finding.unit == "percent":
                values.update(int(value.amount) for value in finding.values() if not value.is_approximate)
    return values


@pytest.mark.parametrize("section", list(THEMES_PER_SECTION))
def test_every_percentage_of_a_section_is_in_its_themes_and_no_other(seed_survey, section):
    text = seed_sections()[section]
    pairs = re.findall(r"(\d+)(?:\s+en\s+(\d+))?\s+procent", text)
    in_text = Counter(int(number) for pair in pairs for number in pair if number)
    in_text.update(SHARED_FIGURES.get(section, []))
    assert exact_percentages(seed_survey, THEMES_PER_SECTION[section]) == in_text


def test_the_overall_grade_is_six_point_seven(seed_survey):
    _, grade = seed_survey.finding("rapportcijfer")
    assert grade.kind is FindingKind.GRADE
    assert [item.value.amount for item in grade.items] == [6.7]
    assert "gemiddeld een 6,7" in SEED_TEXT.read_text(encoding="utf-8")


def test_approximate_statements_stay_approximate_in_the_source_wording(seed_survey):
    text = " ".join(SEED_TEXT.read_text(encoding="utf-8").split())
    approximate = [value for finding in seed_survey.findings for value in finding.values() if value.is_approximate]
    wordings = sorted(value.wording for value in approximate)
    assert wordings == sorted(["de helft", "een op de vijf", "meer dan de helft", "ongeveer een derde",
                               "ongeveer zes op de tien", "ongeveer de helft"])
    for value in approximate:
        assert value.wording.lower() in text.lower()
    more_than = [value for value in approximate if value.qualifier is Qualifier.MORE_THAN]
    assert [value.wording for value in more_than] == ["meer dan de helft"]


def test_trajectory_counts_keep_their_order_and_labels(seed_survey):
    _, trajectories = seed_survey.finding("aantal-trajecten")
    assert trajectories.kind is FindingKind.SINGLE
    assert [(item.label, item.value.amount) for item in trajectories.items] == [
        ("5 of minder", 16), ("6 tot en met 10", 26), ("11 tot en met 15", 26), ("16 of meer", 21)]


def test_participation_level_per_phase_is_a_matrix(seed_survey):
    _, levels = seed_survey.finding("participatieniveau")
    cells = {(item.label, column): value.amount for item in levels.items for column, value in item.cells}
    assert cells == {("Agendavorming", "Meeweten"): 54, ("Beleidsvoorbereiding", "Meedenken"): 74,
                     ("Uitvoering", "Meedenken"): 65, ("Besluitvorming", "Meedenken"): 50}


def test_no_base_or_year_is_invented(seed_survey):
    assert seed_survey.base is None and seed_survey.year is None and seed_survey.period is None
    assert all(finding.base is None for finding in seed_survey.findings)


def test_every_theme_of_the_text_is_present(seed_survey):
    assert [theme.id for theme in seed_survey.themes] == [
        "oordeel", "doelstellingen", "kernwaarden", "randvoorwaarden", "uitvoering", "opbrengsten",
        "terugkoppeling", "ambities"]
