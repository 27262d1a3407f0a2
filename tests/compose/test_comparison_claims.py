"""Comparisons in text: differences in procentpunt, direction words only for significant differences,
no claim without bases, for an opt-in panel or for grades without sd, and small bases suppressed everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.number_audit import traceable_differences, traceable_numbers, traceable_percentages, untraceable
from generator.readers import read_survey
from generator.writers.markdown import report_to_text
from composed import report_for_audience
from office_checks import DEFAULT_TEMPLATE, REPO_ROOT

DIRECTION = re.compile(r"\b(hoger|lager|gestegen|gedaald|meer dan|minder dan|significant verschil)\b")
AUDIENCES = """\
respondents: {singular: inwoner, plural: inwoners}
opt_in_panel: PANEL
audiences:
  raad: {name: gemeenteraad, document: raadsinformatiebrief, register: formeel, detail: volledig}
  inwoners: {name: inwoners, document: samenvatting, register: b1, detail: volledig}
"""


def _survey(tmp_path: Path, focus: float, other: float, bases: str, kind: str = "single", sd: str = "",
            benchmark: bool = False) -> Path:
    second = ('{id: nederland, label: Nederland, kind: benchmark}' if benchmark
              else '{id: "2023", label: "2023", kind: wave}')
    other_id = "nederland" if benchmark else '"2023"'
    text = f"""\
survey:
  id: peiling
  title: Peiling
  publisher: Gemeente Voorbeeld
  series:
    - {{id: "2025", label: "2025", kind: wave}}
    - {second}
themes:
  - id: buurt
    title: Buurt
    findings:
      - id: onveilig
        question: Voelt u zich wel eens onveilig in uw buurt?
        kind: {kind}
        {"" if kind == "grade" else "reading: share"}
        {bases}
        items:
          - label: Wel eens onveilig
            phrase: {"hun buurt" if kind == "grade" else "ze zich wel eens onveilig voelen"}
            value: {focus}
            compare: {{{other_id}: {other}}}
            {sd}
"""
    path = tmp_path / "peiling.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _texts(tmp_path: Path, data: Path, panel: bool = False) -> dict[str, str]:
    audiences = tmp_path / "audiences.yaml"
    audiences.write_text(AUDIENCES.replace("PANEL", "true" if panel else "false"), encoding="utf-8")
    return {audience: report_to_text(report_for_audience(data, DEFAULT_TEMPLATE, audiences, audience))
            for audience in ("raad", "inwoners")}


def _finding_text(report_text: str) -> str:
    """The finding's own text: the line after its title."""
    lines = report_text.splitlines()
    return lines[next(index for index, line in enumerate(lines) if line.startswith("### ")) + 1]


def test_a_significant_rise_is_called_a_rise_in_procentpunt(tmp_path):
    texts = _texts(tmp_path, _survey(tmp_path, 64, 50, 'base: {"2025": 800, "2023": 800}'))
    text = _finding_text(texts["raad"])
    assert "is sinds 2023 gestegen van 50\u00a0procent naar 64\u00a0procent (14\u00a0procentpunt)" in text
    assert not re.search(r"14\s+procent\b", texts["raad"])
    assert ("Meer inwoners dan in 2023 zeggen dat ze zich wel eens onveilig voelen: bijna twee derde, "
            "tegen de helft in 2023.") in texts["inwoners"]


def test_a_difference_within_the_margin_gets_no_direction(tmp_path):
    texts = _texts(tmp_path, _survey(tmp_path, 52, 50, 'base: {"2025": 200, "2023": 200}'))
    text = _finding_text(texts["raad"])
    assert "het verschil van 2\u00a0procentpunt is statistisch niet significant" in text
    assert not DIRECTION.search(text)
    assert not DIRECTION.search(_finding_text(texts["inwoners"]))


def test_a_benchmark_gap_that_is_significant_reads_as_the_national_average(tmp_path):
    texts = _texts(tmp_path, _survey(tmp_path, 64, 50, 'base: {"2025": 800, nederland: 9000}', benchmark=True))
    assert ("ligt 14\u00a0procentpunt hoger dan het landelijk gemiddelde: 64\u00a0procent tegen 50\u00a0procent"
            in texts["raad"])
    assert "omvatten ook de deelnemers van deze peiling: de groepen overlappen" in texts["raad"]


@pytest.mark.parametrize("bases, panel", [
    ('base: 800', False),
    ('base: {"2025": 800, "2023": 800}', True),
], ids=["without-bases", "opt-in-panel"])
def test_without_bases_or_for_a_panel_differences_are_descriptive(tmp_path, bases, panel):
    texts = _texts(tmp_path, _survey(tmp_path, 64, 50, bases), panel=panel)
    text = _finding_text(texts["raad"])
    assert "een verschil van 14\u00a0procentpunt; of dat verschil toeval is, kunnen wij niet toetsen" in text
    assert not DIRECTION.search(text)
    assert "niet significant" not in text
    method = texts["raad"].split("## Over het onderzoek", 1)[1].split("\n## ", 1)[0]
    expected = "zonder ze significant te noemen"
    assert method.count(expected) == 1, method
    assert "*" not in texts["raad"].split("## Buurt", 1)[1]


def test_a_grade_without_standard_deviations_gets_no_claim(tmp_path):
    data = _survey(tmp_path, 7.6, 6.1, 'base: {"2025": 800, "2023": 800}', kind="grade")
    texts = _texts(tmp_path, data)
    text = _finding_text(texts["raad"])
    assert "een verschil van 1,5\u00a0punt; of dat verschil toeval is, kunnen wij niet toetsen" in text
    assert not DIRECTION.search(text)
    assert "zonder standaardafwijking is geen toets mogelijk" in texts["raad"]


def test_a_grade_with_standard_deviations_is_tested_with_welch(tmp_path):
    data = _survey(tmp_path, 7.6, 7.1, 'base: {"2025": 800, "2023": 800}', kind="grade",
                   sd='sd: {"2025": 1.4, "2023": 1.5}')
    text = _finding_text(_texts(tmp_path, data)["raad"])
    assert "is sinds 2023 gestegen van 7,1 naar 7,6 (0,5\u00a0punt)" in text


def test_a_value_on_a_small_base_appears_nowhere(tmp_path):
    data = _survey(tmp_path, 64, 37, 'base: {"2025": 800, "2023": 20}')
    for text in _texts(tmp_path, data).values():
        assert "37" not in text
        assert "n = 20" not in text and "(2023): 20" not in text
        assert "te weinig waarnemingen (n < 30)" in text


def test_a_focus_on_a_small_base_shows_no_figure(tmp_path):
    data = _survey(tmp_path, 64, 37, 'base: {"2025": 12, "2023": 800}')
    for text in _texts(tmp_path, data).values():
        assert "64" not in text and "n = 12" not in text
        assert "te weinig waarnemingen (n < 30)" in text


def test_the_number_audit_traces_derived_differences(tmp_path):
    survey, _ = read_survey(_survey(tmp_path, 64, 61, 'base: {"2025": 800, "2023": 800}'))
    numbers, percentages, differences = (traceable_numbers(survey), traceable_percentages(survey),
                                         traceable_differences(survey))
    assert untraceable("Een stijging van +3 procentpunt.", numbers, frozenset(), (), percentages, differences) == []
    assert untraceable("Een stijging van +4 procentpunt.", numbers, frozenset(), (), percentages, differences) == [
        "the difference 4 is not in the data"]
    assert untraceable("Een stijging van 64 procentpunt.", numbers, frozenset(), (), percentages, differences)


def test_an_untraceable_difference_in_a_template_stops_the_build(tmp_path):
    data = _survey(tmp_path, 64, 61, 'base: {"2025": 800, "2023": 800}')
    template = tmp_path / "template"
    import shutil

    shutil.copytree(DEFAULT_TEMPLATE, template)
    (template / "narrative").mkdir(exist_ok=True)
    (template / "narrative" / "finding_title.j2").write_text("Een stijging van 4 procentpunt\n", encoding="utf-8")
    audiences = tmp_path / "audiences.yaml"
    audiences.write_text(AUDIENCES.replace("PANEL", "false"), encoding="utf-8")
    with pytest.raises(InputError, match="the difference 4 is not in the data"):
        report_for_audience(data, template, audiences, "raad")


def _two_answers(tmp_path: Path) -> Path:
    path = tmp_path / "voorzieningen.yaml"
    path.write_text("""\
survey:
  id: peiling
  title: Peiling
  publisher: Gemeente Voorbeeld
  series:
    - {id: "2025", label: "2025", kind: wave}
    - {id: "2023", label: "2023", kind: wave}
themes:
  - id: buurt
    title: Buurt
    findings:
      - id: gemist
        question: Welke voorzieningen mist u in uw buurt?
        kind: multi
        answer: {singular: gemiste voorziening, plural: gemiste voorzieningen}
        base: {"2025": 200, "2023": 200}
        items:
          - {label: Huisarts, value: 52, compare: {"2023": 50}}
          - {label: Pinautomaat, value: 41, compare: {"2023": 28}}
          - {label: Supermarkt, value: 33, compare: {"2023": 35}}
""", encoding="utf-8")
    return path


def test_a_plain_comparison_names_its_own_answer_and_both_values(tmp_path):
    texts = _texts(tmp_path, _two_answers(tmp_path))
    assert ("Meer inwoners dan in 2023 noemen ‘Pinautomaat’ als gemiste voorziening: vier op de tien, "
            "tegen bijna drie op de tien in 2023.") in texts["inwoners"]
    assert "Dat is nu" not in texts["inwoners"] and "was dat voor" not in texts["inwoners"]


def test_significant_differences_come_before_the_others(tmp_path):
    text = _finding_text(_texts(tmp_path, _two_answers(tmp_path))["raad"])
    rise = text.index("‘Pinautomaat’ noemt als gemiste voorziening, is sinds 2023 gestegen")
    assert rise < text.index("is statistisch niet significant")


def test_a_tiny_significant_gap_comes_with_its_size_in_plain_language(tmp_path):
    data = _survey(tmp_path, 7.6, 7.5, 'base: {"2025": 812, nederland: 15400}', kind="grade",
                   sd='sd: {"2025": 1.4, nederland: 1.4}', benchmark=True)
    texts = _texts(tmp_path, data)
    assert "In heel Nederland geven inwoners hun buurt een 7,5. Hier is dat een 7,6: 0,1\u00a0punt hoger." in texts[
        "inwoners"]


def test_a_title_states_the_significant_change(tmp_path):
    texts = _texts(tmp_path, _survey(tmp_path, 64, 50, 'base: {"2025": 800, "2023": 800}'))
    assert "### Meer inwoners dan in 2023 zeggen dat ze zich wel eens onveilig voelen: 64% tegen 50%" in texts["raad"]


def test_the_example_names_the_findings_a_method_caveat_applies_to():
    example = REPO_ROOT / "data"
    texts = {audience: report_to_text(report_for_audience(
        example / "voorbeeld-vergelijking.yaml", DEFAULT_TEMPLATE, example / "voorbeeld-vergelijking.audiences.yaml",
        audience)) for audience in ("raad", "college", "inwoners")}
    assert ("Bij de vraag ‘Voelt u zich wel eens onveilig in uw eigen buurt?’ is voor Nederland niet bekend op "
            "hoeveel waarnemingen het cijfer rust") in texts["raad"]
    assert "Voor Nederland is niet bekend" not in texts["raad"]
    assert "Bij het rapportcijfer voor ‘Buurt’ is geen standaardafwijking bekend" in texts["raad"]
    assert "zonder zo’n woord? Dan weten we niet zeker of er echt verschil is." in texts["inwoners"]
    backings = re.findall(r"Onderbouwing: (.*)", texts["college"])
    assert backings
    for backing in backings:
        assert backing[:1].isupper() and backing.endswith(".") and re.search(r"\d", backing), backing
