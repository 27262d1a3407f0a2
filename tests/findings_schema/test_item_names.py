"""An item's `name` is how text names the answer; charts and tables keep the label."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

FINDINGS = """\
survey: {id: peiling, title: Peiling, publisher: Gemeente Voorbeeld, respondents: {singular: inwoner, plural: inwoners}}
themes:
  - id: participatie
    title: Participatie
    findings:
      - id: middelen
        question: Welke middelen leveren veel input op?
        kind: multi
        key: true
        answer: {singular: middel dat veel input oplevert, plural: middelen die veel input opleveren}
        items:
          - {label: Burgertop, name: de burgertop, value: 68}
          - {label: Enquête, name: de enquête, value: 50}
          - {label: Werkbezoek, value: 41}
"""
AUDIENCES = "audiences:\n  raad: {name: gemeenteraad, document: raadsinformatiebrief, detail: kern}\n"


def _report(tmp_path: Path, findings: str) -> str:
    (tmp_path / "f.yaml").write_text(findings, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(AUDIENCES, encoding="utf-8")
    result = CliRunner().invoke(main, ["report", "--data", str(tmp_path / "f.yaml"), "--audiences",
                                       str(tmp_path / "a.yaml"), "--audience", "raad"])
    assert result.exit_code == 0, result.output
    return result.output


def test_text_names_the_answer_by_its_name_and_tables_keep_the_label(tmp_path):
    text = _report(tmp_path, FINDINGS)
    assert "Inwoners noemen de burgertop (68\u00a0procent) het vaakst als middel dat veel input oplevert." in text
    assert "Daarna volgen de enquête (50\u00a0procent) en ‘Werkbezoek’ (41\u00a0procent)." in text
    assert "‘Burgertop’" not in text
    assert "Burgertop | 68%" in text


def test_a_name_with_a_number_is_refused(tmp_path):
    (tmp_path / "f.yaml").write_text(FINDINGS.replace("name: de enquête", "name: de enquête van 2024"),
                                     encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "f.yaml")])
    assert result.exit_code == 2
    assert "name" in result.output and "holds a number" in result.output
