"""What a build has to say comes back with its result and is shown once: warnings about the inputs
and templates however many audiences, formats and workers ran into them, and a failing output as
one line naming the file and the cause."""

from __future__ import annotations

import errno
import os
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, FIXTURES, SEED_DATA
from generator.cli import main
from generator.errors import EXIT_BAD_INPUT, OutputError

LAYOUT_NOTICE = 'layout "Agenda" for agenda slides not found'
BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"


@pytest.fixture(scope="module")
def foreign_template(tmp_path_factory) -> Path:
    """A 4:3 deck without an "Agenda" layout: every deck written with it stands another layout in."""
    folder = tmp_path_factory.mktemp("template") / "gemeente43"
    shutil.copytree(FIXTURES / "decks" / "gemeente43", folder)
    shutil.copy(DEFAULT_TEMPLATE / "briefing.docx", folder / "briefing.docx")
    return folder


def build(out: Path, template: Path, *arguments: str, data: Path = SEED_DATA, audiences: Path = DEFAULT_AUDIENCES):
    return CliRunner().invoke(main, ["build", "--data", str(data), "--template", str(template), "--audiences",
                                     str(audiences), "--out", str(out), *arguments])


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["one-process", "workers"])
def test_a_layout_notice_of_four_decks_is_shown_once(tmp_path, foreign_template, jobs):
    result = build(tmp_path / "out", foreign_template, "--jobs", jobs, "--format", "pptx")
    assert result.exit_code == 0, result.output
    assert "4 built" in result.output
    assert result.output.count(LAYOUT_NOTICE) == 1
    assert result.output.count("no layout for key_figures slides") == 1


def test_the_build_stage_prints_nothing_and_returns_its_notices(tmp_path, foreign_template, capsys):
    from generator.build import BuildRequest, run_build

    result = run_build(BuildRequest(data=SEED_DATA, template=foreign_template, audiences=DEFAULT_AUDIENCES,
                                    out=tmp_path / "out", formats=("pptx",), jobs=1))
    assert capsys.readouterr() == ("", "")
    assert result.exit_code == 0
    assert [notice for notice in result.notices if LAYOUT_NOTICE in notice] != []
    assert {outcome.status for outcome in result.outcomes} == {"built"}


def test_a_warning_about_the_findings_is_shown_once_per_build(tmp_path):
    data = tmp_path / "findings.yaml"
    data.write_text((BAD_INPUTS / "valid.yaml").read_text(encoding="utf-8")
                    + "  - id: later\n    title: Later\n    statements: [Volgt in de tweede meting.]\n    findings: []\n",
                    encoding="utf-8")
    result = build(tmp_path / "out", DEFAULT_TEMPLATE, "--jobs", "1", data=data,
                   audiences=BAD_INPUTS / "audiences.yaml")
    assert result.exit_code == 0, result.output
    assert result.output.count("the theme has no findings") == 1


def test_an_output_error_names_the_file_and_the_cause_and_survives_a_worker():
    error = OutputError("cannot write the file: No space left on device", Path("out") / "raad" / "deck.pptx")
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == "out/raad/deck.pptx: cannot write the file: No space left on device"
    assert (again.path, again.cause, again.exit_code) == ("out/raad/deck.pptx", error.cause, EXIT_BAD_INPUT)


def test_a_pdf_that_cannot_be_made_is_one_failed_output(tmp_path, monkeypatch):
    from generator import pdf

    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    result = build(tmp_path / "out", DEFAULT_TEMPLATE, "--jobs", "1", "--format", "pptx", "--format", "pdf",
                   "--audience", "raad")
    assert result.exit_code == 1, result.output
    failed = [line for line in result.output.splitlines() if line.startswith("FAILED")]
    assert failed == ["FAILED raad/barometer-burgerparticipatie-raad-pptx.pdf: LibreOffice is not installed: the "
                      "program 'soffice' was not found on PATH (Debian: apt-get install libreoffice-impress "
                      "libreoffice-writer)"]
    assert "1 built, 0 up to date, 1 failed" in result.output


def test_a_document_that_cannot_be_written_is_one_failed_output(tmp_path, monkeypatch):
    from generator import build_jobs

    original = build_jobs.write_atomically

    def full_for_briefings(path, content):
        if path.suffix == ".docx":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return original(path, content)

    monkeypatch.setattr(build_jobs, "write_atomically", full_for_briefings)
    result = build(tmp_path / "out", DEFAULT_TEMPLATE, "--jobs", "1", "--audience", "raad")
    assert result.exit_code == 1, result.output
    assert ("FAILED raad/barometer-burgerparticipatie-raad.docx: cannot write the file: No space left on device"
            in result.output)
    assert "1 built, 0 up to date, 1 failed" in result.output
