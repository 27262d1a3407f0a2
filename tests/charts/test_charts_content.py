"""Chart descriptions (alt text): what a screen-reader user hears instead of the picture."""

from __future__ import annotations

import pytest

from generator.charts.content import survey_charts
from test_charts_data import sample_survey

CHARTS = {chart.chart_id: chart for chart in survey_charts(sample_survey())}


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_alt_text_names_the_question_and_every_value(chart_id):
    chart = CHARTS[chart_id]
    text = chart.alt_text
    assert chart.spec.title.rstrip("?") in text
    for series in chart.spec.series:
        for label in series.labels:
            if label:
                assert label.lstrip("~<>") in text


@pytest.mark.parametrize(("chart_id", "spoken"), [
    ("opbrengsten.input", "Burgervisitaties en referenda: ongeveer 33%"),
    ("uitvoering.rapportcijfers", "Inzet van digitale middelen: ongeveer 6,2"),
    ("opbrengsten.participatieniveau", "Uitvoering ongeveer 33%"),
], ids=["bar", "grade", "matrix"])
def test_alt_text_spells_out_approximate_values(chart_id, spoken):
    """Labels keep the case they were typed in, in alt text too (issue 13)."""
    text = CHARTS[chart_id].alt_text
    assert spoken in text and "~" not in text


def test_alt_text_states_the_base_in_words():
    assert "Aantal respondenten: 1.234" in CHARTS["doelen.doelstellingen"].alt_text


def test_alt_text_says_multiple_answers_were_possible():
    assert "Meerdere antwoorden mogelijk" in CHARTS["doelen.doelstellingen"].alt_text
