"""The seed survey through every default audience: true numbers, different depth and register."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from composed import report_for_audience
from conftest import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, SEED_DATA
from generator.cli import main
from generator.dutch import round_half_up
from generator.findings import FindingKind
from generator.report import Paragraph

AUDIENCES = ("raad", "college", "ambtenaren", "inwoners")
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[^\W\d_][\w'’/-]*")


@pytest.fixture(scope="module")
def reports():
    return {audience: report_for_audience(SEED_DATA, DEFAULT_TEMPLATE, DEFAULT_AUDIENCES, audience)
            for audience in AUDIENCES}


def running_text(report) -> list[str]:
    """The generated running text a reader reads: key messages, summaries, figure texts, method."""
    texts = [*report.key_messages, *(block.text for block in report.method if isinstance(block, Paragraph))]
    for section in report.sections:
        texts += [section.summary, *(figure.text for figure in section.figures)]
    return [text for text in texts if text]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_percentage_in_a_figure_text_is_a_value_of_that_finding(seed_survey, reports, audience):
    for figure in reports[audience].figures:
        _, finding = seed_survey.finding(figure.finding_id)
        amounts = [value.amount for value in finding.values()]
        allowed = {round_half_up(amount) for amount in amounts}
        if finding.kind is FindingKind.SINGLE:
            allowed.add(round_half_up(100 - sum(amounts)))
        for number in re.findall(r"(\d+)\s+procent", figure.text) + re.findall(r"\((?:elk )?(\d+)%\)", figure.title):
            assert int(number) in allowed, (figure.finding_id, number, figure.text)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_same_finding_same_number_in_every_version(reports, audience):
    """Charts are built once per finding: every audience shows the same numbers for it (the residents'
    caption may say whom the question was put to)."""
    reference = {figure.finding_id: figure.chart.table for figure in reports["ambtenaren"].figures}
    for figure in reports[audience].figures:
        table = figure.chart.table
        assert (table.header, table.rows) == (reference[figure.finding_id].header, reference[figure.finding_id].rows)
        assert figure.chart.spec.series == next(
            other.chart.spec.series for other in reports["ambtenaren"].figures if other.finding_id == figure.finding_id)


def test_audiences_differ_in_depth(reports):
    counts = {audience: len(report.figures) for audience, report in reports.items()}
    assert counts["ambtenaren"] == 20
    assert counts["ambtenaren"] > counts["raad"] > counts["inwoners"]
    assert counts["college"] < counts["raad"], "the board memo is the shortest formal version"
    assert reports["ambtenaren"].detailed and not reports["raad"].detailed
    assert reports["raad"].tables_in_appendix and not reports["inwoners"].tables_in_appendix
    for report in reports.values():
        assert 3 <= len(report.key_messages) <= 5


def test_document_kinds_and_headers(reports):
    raad, college = reports["raad"], reports["college"]
    assert dict(raad.header_fields)["Aan"] == "De gemeenteraad"
    assert dict(raad.header_fields)["Datum"] == raad.date_text
    assert dict(college.header_fields)["Datum"] == college.date_text
    assert reports["ambtenaren"].header_fields == () and reports["inwoners"].header_fields == ()


def test_formal_audiences_write_procent_and_residents_read_share_phrases(reports):
    formal = " ".join(running_text(reports["raad"]))
    plain = " ".join(running_text(reports["inwoners"]))
    assert "64\u00a0procent" in formal
    assert "procent" not in plain and "%" not in plain
    assert "Bijna twee derde van de ambtenaren noemt betere kwaliteit van beleid als doel." in plain


def test_residents_summary_reads_as_plain_language(reports):
    """B1: about 10-12 words per sentence; the formal versions are allowed to be longer."""
    def words_per_sentence(report):
        sentences = [sentence for text in running_text(report) for sentence in SENTENCE.split(text) if sentence]
        return sum(len(WORD.findall(sentence)) for sentence in sentences) / len(sentences)

    assert words_per_sentence(reports["inwoners"]) <= 12
    assert words_per_sentence(reports["inwoners"]) < words_per_sentence(reports["raad"])


def test_residents_summary_is_easier_to_read_than_the_council_version(reports):
    """Flesch-Douma (textstat, Dutch): a low score is a warning, but the B1 text must score higher."""
    textstat = pytest.importorskip("textstat")
    textstat.set_lang("nl")
    plain = textstat.flesch_reading_ease("\n".join(running_text(reports["inwoners"])))
    formal = textstat.flesch_reading_ease("\n".join(running_text(reports["raad"])))
    assert plain > formal + 10


def test_approximate_source_wording_survives(reports):
    texts = " ".join(f"{figure.title}. {figure.text}" for figure in reports["ambtenaren"].figures)
    for wording in ("een op de vijf", "meer dan de helft", "ongeveer een derde", "ongeveer zes op de tien"):
        assert wording in texts.lower()
    assert not re.search(r"33\s+procent van de ambtenaren noemt burgervisitaties", texts)


def test_fifth_audience_is_a_yaml_edit_only(tmp_path, seed_survey):
    audiences = tmp_path / "audiences.yaml"
    shutil.copy(DEFAULT_AUDIENCES, audiences)
    with audiences.open("a", encoding="utf-8") as file:
        file.write("\n  wijkraad:\n    name: wijkraad\n    title: Burgerparticipatie in de wijk\n"
                   "    document: memo\n    detail: kern\n    themes: [terugkoppeling, uitvoering]\n"
                   "    findings: [kanalen, aantal-trajecten]\n")
    report = report_for_audience(SEED_DATA, DEFAULT_TEMPLATE, audiences, "wijkraad")
    assert report.title == "Burgerparticipatie in de wijk"
    assert [section.id for section in report.sections] == ["terugkoppeling", "uitvoering"]
    assert [figure.finding_id for figure in report.figures] == ["kanalen", "terugkoppelen-evalueren",
                                                                "aantal-trajecten"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_cli_prints_the_report_as_text_and_json(audience, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    runner = CliRunner()
    options = ["--data", str(SEED_DATA), "--template", str(DEFAULT_TEMPLATE), "--audiences", str(DEFAULT_AUDIENCES)]
    text = runner.invoke(main, ["report", *options, "--audience", audience])
    assert text.exit_code == 0, text.output
    assert "18 november 2026" in text.output
    data = json.loads(runner.invoke(main, ["report", *options, "--audience", audience, "--json"]).output)
    assert data["audience"] == audience and data["sections"]


def test_cli_unknown_audience_exits_2():
    result = CliRunner().invoke(main, ["report", "--data", str(SEED_DATA), "--template", str(DEFAULT_TEMPLATE),
                                       "--audiences", str(DEFAULT_AUDIENCES), "--audience", "rad"])
    assert result.exit_code == 2
    assert "no audience 'rad'; did you mean 'raad'?" in result.output
    assert "Traceback" not in result.output
