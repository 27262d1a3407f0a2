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
        pytest.param("""\
            - id: f
              question: Q
              kind: matrix
              columns: [X]
              items:
                - {label: A, value: 5}
            """, 14, "items[1].value: matrix items give 'values' per column, not one 'value'",
            id="matrix-item-with-one-value"),
        pytest.param("""\
            - id: f
              question: Q
              items:
                - {label: A, value: 5}
            """, 9, "findings.f.kind: missing; this field is required", id="missing-kind"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                -
                - {label: A, value: 5}
            """, 13, "items[1]: each item must be a mapping with label and value", id="empty-list-entry"),
        pytest.param("""\
            - id: f
              question: Q
              kind: multi
              items:
                - {label: A, value: 5}
                - {label: A, value: 6}
            """, 14, "items[2].label: duplicate label 'A' (first on line 13)", id="duplicate-label"),
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
    assert problems_of(path) == ["data.csv:2: is not valid UTF-8 text (byte 0xE9 in column 16); save it as UTF-8: "
                                 "in Excel choose Save As > 'CSV UTF-8 (comma delimited) (*.csv)'"]


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


# Tables as Excel shows them -----------------------------------------------------------------


def _workbook(path, rows, number_format=None, sheets=("findings",), hidden=()):
    """An .xlsx with a 'survey' sheet and `sheets` holding `rows`; value cells get `number_format`."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in (("key", "value"), ("id", "s"), ("title", "S"), ("publisher", "P")):
        survey.append(row)
    for name in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
                cell.number_format = number_format
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


HEADER = ("theme", "finding", "kind", "question", "item", "value")


@pytest.mark.parametrize("number_format, expected", [
    pytest.param("0%", [31.0, 25.5], id="percent"),
    pytest.param("0.0%;[Red]-0.0%", [31.0, 25.5], id="percent-with-sections"),
    pytest.param('0"%"', [0.31, 0.255], id="quoted-percent-sign-is-only-text"),
])
def test_percent_formatted_cells_read_as_shown(tmp_path, number_format, expected):
    path = _workbook(tmp_path / "data.xlsx", [HEADER, ("t", "f", "multi", "Q", "A", 0.31),
                                              ("t", "f", "multi", "Q", "B", 0.255)], number_format)
    _, finding = load_survey(path).finding("f")
    assert [item.value.amount for item in finding.items] == expected


def test_workbook_without_findings_sheet_reads_the_only_visible_one(tmp_path):
    from openpyxl import load_workbook

    path = _workbook(tmp_path / "data.xlsx", [HEADER, ("t", "f", "multi", "Q", "A", 31)], sheets=("oud", "Blad1"),
                     hidden=("oud",))
    book = load_workbook(path)
    book["oud"]["F2"] = 12
    book.save(path)
    assert [item.value.amount for item in load_survey(path).finding("f")[1].items] == [31.0]


@pytest.mark.parametrize("sheets, hidden, expected", [
    pytest.param(("Blad1", "Blad2"), (), "several sheets (Blad1, Blad2); name the one with the findings 'findings'",
                 id="several-visible"),
    pytest.param(("findings",), ("findings",), "sheet 'findings' is hidden; unhide it", id="named-but-hidden"),
])
def test_workbook_sheet_choice_is_never_a_guess(write_file, sheets, hidden, expected):
    path = _workbook(write_file("data.xlsx", b"").parent / "data.xlsx", [HEADER, ("t", "f", "multi", "Q", "A", 31)],
                     sheets=sheets, hidden=hidden)
    assert any(message.startswith("data.xlsx: ") and expected in message for message in problems_of(path))


def test_workbook_dates_and_counts_read_as_typed(tmp_path):
    import datetime as dt

    from openpyxl import load_workbook

    path = _workbook(tmp_path / "data.xlsx", [HEADER, ("t", "f", "multi", "Q", "A", 31)])
    book = load_workbook(path)
    book["survey"].append(("published", dt.datetime(2025, 5, 1)))
    book["survey"].append(("year", 2025))
    book.save(path)
    survey = load_survey(path)
    assert (survey.published, survey.year) == (dt.date(2025, 5, 1), 2025)


def test_semicolon_csv_as_dutch_excel_saves_it_loads_like_the_yaml(tmp_path):
    import csv

    rows = list(csv.reader(TWIN.with_suffix(".csv").read_text(encoding="utf-8").splitlines()))
    target = tmp_path / "twin.csv"
    with target.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, delimiter=";").writerows(rows)
    (tmp_path / "twin.survey.yaml").write_text(TWIN.with_suffix(".survey.yaml").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    assert load_survey(target) == load_survey(TWIN)


def test_csv_decimal_comma_that_splits_a_row_is_explained(write_file):
    write_file("data.survey.yaml", "survey: {id: s, title: S, publisher: P}\n")
    path = write_file("data.csv", "theme,finding,kind,question,item,value\nt,f,multi,Q,A,31,5\n")
    assert problems_of(path) == ["data.csv:2: row has a value in column 7, which has no name in the header; a decimal "
                                 "comma in an unquoted number splits it in two: quote it (\"31,5\") or use a point"]


def test_csv_lone_surrogate_bytes_are_located(write_file):
    write_file("data.survey.yaml", "survey: {id: s, title: S, publisher: P}\n")
    path = write_file("data.csv", b"theme,finding,kind,question,item,value\nt,f,multi,Q,A\xed\xa0\x80,12\n")
    assert problems_of(path)[0].startswith("data.csv:2: is not valid UTF-8 text (byte 0xED in column 14)")


# Values that used to pass silently ------------------------------------------------------------


def test_escaped_surrogate_pair_is_the_character_it_encodes(write_file):
    path = write_file("findings.yaml", finding_yaml("""\
        - id: f
          question: Q
          kind: multi
          items:
            - {label: "Huisarts \\ud83c\\udfe5", value: 5}
        """))
    assert load_survey(path).finding("f")[1].items[0].label == "Huisarts \U0001F3E5"


@pytest.mark.parametrize("written, expected", [
    pytest.param("NL-nl", "nl-NL", id="canonical-case"),
    pytest.param("nl_NL", "nl-NL", id="underscore"),
    pytest.param("fy-NL", "fy-NL", id="frisian"),
    pytest.param("pap-CW", "pap-CW", id="papiamentu"),
    pytest.param("sr-Latn-RS", "sr-Latn-RS", id="script"),
])
def test_language_is_a_canonical_bcp47_tag(write_file, written, expected):
    path = write_file("findings.yaml", VALID_HEAD.replace("  publisher: Gemeente Test\n",
                                                          f"  publisher: Gemeente Test\n  language: {written}\n")
                      + "      - {id: f, question: Q, kind: multi, items: [{label: A, value: 5}]}\n")
    assert load_survey(path).language == expected


@pytest.mark.parametrize("field, written, expected", [
    pytest.param("base", "1_000", "must be a whole number, not text '1_000'", id="underscore-count"),
    pytest.param("base", "10000000000000", "must be at most 1,000,000,000", id="huge-count"),
    pytest.param("year", "99999", "must be at most 2999", id="huge-year"),
])
def test_counts_are_plain_and_bounded(write_file, field, written, expected):
    path = write_file("findings.yaml", VALID_HEAD.replace("  publisher: Gemeente Test\n",
                                                          f"  publisher: Gemeente Test\n  {field}: {written}\n")
                      + "      - {id: f, question: Q, kind: multi, items: [{label: A, value: 5}]}\n")
    assert any(f"findings.yaml:5: survey.{field}: {expected}" in message for message in problems_of(path))


def test_workbook_rows_beyond_a_wrong_stored_dimension_are_read(tmp_path):
    import zipfile

    path = _workbook(tmp_path / "data.xlsx", [HEADER, ("t", "f", "multi", "Q", "A", 31), ("t", "f", "multi", "Q", "B", 25)])
    shrunk = tmp_path / "shrunk.xlsx"
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(shrunk, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b'<dimension ref="A1:F3"/>', b'<dimension ref="A1:B2"/>')
                assert b'ref="A1:B2"' in data
            copy.writestr(info, data)
    assert [item.label for item in load_survey(shrunk).finding("f")[1].items] == ["A", "B"]
