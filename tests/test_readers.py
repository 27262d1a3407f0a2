"""Findings files load into the same model from YAML, CSV and XLSX, and bad ones fail located."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from generator.errors import InputError
from generator.findings import FindingKind, Qualifier
from generator.readers import load_survey

from conftest import FIXTURES

TWIN = FIXTURES / "findings" / "twin.yaml"

VALID_HEAD = """\
survey:
  id: test
  title: Test
  publisher: Gemeente Test
themes:
  - id: t
    title: Thema
    findings:
"""


def problems_of(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_survey(path)
    return [str(problem) for problem in caught.value.problems]


def test_yaml_and_csv_twin_load_equal():
    assert load_survey(TWIN) == load_survey(TWIN.with_suffix(".csv"))


def test_yaml_and_xlsx_twin_load_equal(tmp_path):
    rows = pd.read_csv(TWIN.with_suffix(".csv"), dtype=str, keep_default_na=False)
    meta = pd.DataFrame({"key": ["id", "title", "publisher", "year", "base", "population"],
                         "value": ["woonpeiling-2025", "Woonpeiling 2025", "Gemeente Voorbeeld", "2025", "1234",
                                   "Inwoners van 18 jaar en ouder"]})
    workbook = tmp_path / "twin.xlsx"
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        meta.to_excel(writer, sheet_name="survey", index=False)
        rows.to_excel(writer, sheet_name="findings", index=False)
    assert load_survey(workbook) == load_survey(TWIN)


def test_twin_keeps_kinds_values_and_precision():
    survey = load_survey(TWIN)
    kinds = {finding.id: finding.kind for finding in survey.findings}
    assert kinds == {"tevredenheid": FindingKind.GRADE, "verhuisplannen": FindingKind.SINGLE,
                     "gemist": FindingKind.MULTI, "gebruik": FindingKind.MATRIX}
    _, missed = survey.finding("gemist")
    speelplek = missed.items[2].value
    assert (speelplek.amount, speelplek.qualifier, speelplek.wording) == (25, Qualifier.ABOUT, "ongeveer een kwart")
    assert missed.items[0].value.amount == 31.5
    _, use = survey.finding("gebruik")
    assert use.columns == ("Wekelijks", "Maandelijks")
    assert use.items[1].cell("Maandelijks") is None
    assert survey.base == 1234 and survey.finding("verhuisplannen")[1].base == 1200


def finding_yaml(body: str) -> str:
    return VALID_HEAD + textwrap.indent(textwrap.dedent(body), "      ")


@pytest.mark.parametrize(
    "body, line, expected",
    [
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: A, value: 101}
            """, 13, "percentage 101 is outside 0-100", id="percentage-above-100"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: A, value: -3}
            """, 13, "percentage -3 is outside 0-100", id="negative-percentage"),
        pytest.param("""\
            - id: f
              question: Q
              kind: single
              items:
                - {label: A, value: 60}
                - {label: B, value: 50}
            """, 12, "add up to 110%", id="single-sums-above-100"),
        pytest.param("""\
            - id: f
              question: Q
              kind: grade
              items:
                - {label: A, value: 11}
            """, 13, "outside the scale 1-10", id="grade-outside-scale"),
        pytest.param("""\
            - id: f
              question: Q
              kind: pie
              items:
                - {label: A, value: 1}
            """, 11, "unknown kind 'pie'; expected one of multi, single, grade, matrix", id="unknown-kind"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: A, value: NO}
            """, 13, "must be a number, not text 'NO'", id="yaml11-no-is-not-false"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: A, value: 1:20}
            """, 13, "must be a number, not text '1:20'", id="yaml11-sexagesimal-is-not-80"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: "", value: 5}
            """, 13, "must not be empty", id="empty-label"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: "Bel\\x07", value: 5}
            """, 13, "control character U+0007", id="control-character"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: "=HYPERLINK(1)", value: 5}
            """, 13, "spreadsheet formula", id="formula-label"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: A, value: 5}
            - id: f
              question: Q2
              kind: multi
              items:
                - {label: A, value: 5}
            """, 14, "duplicate finding id 'f' (first used on line 9)", id="duplicate-finding-id"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: A, vaule: 5}
            """, 13, "unknown field; did you mean 'value'?", id="misspelt-field"),
        pytest.param("""\
            - id: ../etc
              question: Q
              kind: multi
              items:
                - {label: A, value: 5}
            """, 9, "is not a valid id", id="path-in-id"),
        pytest.param("""\
            - id: f
              question: Q
              kind: matrix
              columns: [X]
              items:
                - {label: A, values: {Y: 5}}
            """, 14, "unknown column 'Y'", id="matrix-unknown-column"),
    ],
)
def test_bad_finding_is_reported_with_line_and_field(write_file, body, line, expected):
    path = write_file("findings.yaml", finding_yaml(body))
    messages = problems_of(path)
    assert any(message.startswith(f"findings.yaml:{line}: ") and expected in message for message in messages), messages


def test_every_problem_is_reported_at_once(write_file):
    path = write_file("findings.yaml", finding_yaml("""\
        - id: f
          question: Q
          kind: multi
          items:
            - {label: A, value: 120}
            - {label: B, value: -1}
            - {label: "", value: 3}
        """))
    assert len(problems_of(path)) == 3


@pytest.mark.parametrize(
    "content, expected",
    [
        pytest.param(b"", "file is empty", id="empty"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "binary file", id="binary"),
        pytest.param("survey: caf\xe9".encode("latin-1"), "not valid UTF-8", id="latin-1"),
        pytest.param(b"survey: [unclosed\n", "YAML syntax error", id="syntax"),
        pytest.param(b"- just\n- a list\n", "expected a mapping", id="not-a-mapping"),
        pytest.param(b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n".encode() for i in range(7)),
            "alias bomb", id="alias-bomb"),
    ],
)
def test_unreadable_files_fail_cleanly(write_file, content, expected):
    path = write_file("findings.yaml", content)
    messages = problems_of(path)
    assert any(message.startswith("findings.yaml") and expected in message for message in messages), messages


def test_csv_problems_point_at_the_row(write_file):
    write_file("data.survey.yaml", "survey: {id: s, title: S, publisher: P}\n")
    path = write_file("data.csv", "theme,finding,kind,question,item,value\n"
                                  "t,f,multi,Q,A,12\n"
                                  "t,f,multi,Q,B,veel\n")
    assert problems_of(path) == ["data.csv:3: findings.f.items[2].value: must be a number, not text 'veel'"]


def test_csv_in_another_encoding_is_refused(write_file):
    write_file("data.survey.yaml", "survey: {id: s, title: S, publisher: P}\n")
    path = write_file("data.csv", "theme,finding,kind,question,item,value\nt,f,multi,Q,Caf\xe9,12\n".encode("cp1252"))
    assert problems_of(path) == ["data.csv:2: is not valid UTF-8 text; save it as UTF-8"]


def test_csv_without_survey_details_says_where_to_put_them(write_file):
    path = write_file("data.csv", "theme,finding,kind,question,item,value\nt,f,multi,Q,A,12\n")
    assert "data.survey.yaml" in problems_of(path)[0]


def test_unknown_chart_override_is_reported_at_its_line(write_file):
    path = write_file("findings.yaml", finding_yaml("""\
        - id: f
          question: Q
          kind: multi
          chart: taart
          items:
            - {label: A, value: 5}
        """))
    assert any(message.startswith("findings.yaml:12: findings.f.chart: unknown chart kind 'taart'")
               for message in problems_of(path))
