"""Up-to-date rebuilds: a build with nothing changed stops before loading anything, and a change to
any input (findings, respondent data, audiences, every template file, narrative templates, options,
the report date, barometer's version and code) makes the build run again and rewrite exactly the
outputs it affects."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator
import generator.build
import generator.compose
import generator.output_folder
import generator.readers
import generator.up_to_date
from generator.cli import main

from conftest import DEFAULT_TEMPLATE

BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"
BUILT_IN_NARRATIVE = Path(generator.__file__).parent / "narrative" / "templates"
EPOCH = "1795824000"
AUDIENCES = """audiences:
  wonen:
    name: lezers
    title: Wonen in beeld
    subtitle: Alle uitkomsten over wonen
    document: rapportage
    detail: volledig
    themes: [wonen]
  buurt:
    name: lezers
    title: De buurt in beeld
    subtitle: Alle uitkomsten over de buurt
    document: rapportage
    detail: volledig
    themes: [buurt]
"""
WONEN = {"wonen/woonpeiling-wonen.pptx", "wonen/woonpeiling-wonen.docx"}
BUURT = {"buurt/woonpeiling-buurt.pptx", "buurt/woonpeiling-buurt.docx"}
EVERYTHING = WONEN | BUURT


@dataclass(frozen=True)
class Project:
    data: Path
    audiences: Path
    template: Path
    out: Path

    def build(self, *arguments: str):
        return CliRunner().invoke(main, ["build", "--data", str(self.data), "--audiences", str(self.audiences),
                                         "--template", str(self.template), "--out", str(self.out), "--jobs", "1",
                                         *arguments])


def written(result) -> set[str]:
    return {line.removeprefix("wrote ") for line in result.output.splitlines() if line.startswith("wrote ")}


def _project(folder: Path, data_text: str | None = None) -> Project:
    data = folder / "findings.yaml"
    data.write_text(data_text or (BAD_INPUTS / "valid.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    audiences = folder / "audiences.yaml"
    audiences.write_text(AUDIENCES, encoding="utf-8")
    template = folder / "template"
    shutil.copytree(DEFAULT_TEMPLATE, template)
    (template / "narrative").mkdir()
    shutil.copy(BUILT_IN_NARRATIVE / "finding_title.j2", template / "narrative" / "finding_title.j2")
    return Project(data, audiences, template, folder / "out")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = _project(tmp_path)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert written(result) == EVERYTHING
    return project


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _comment_zip(path: Path) -> None:
    """One more byte in the zip's comment: the same parts, another file."""
    with zipfile.ZipFile(path, "a") as archive:
        archive.comment = b"x"


def test_unchanged_build_reports_up_to_date_without_loading(project, monkeypatch):
    def no_loading(path):
        raise AssertionError(f"{path} was loaded")

    monkeypatch.setattr(generator.readers, "read_survey", no_loading)
    before = {path: path.stat().st_mtime_ns for path in project.out.rglob("*") if path.is_file()}
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "Everything is up to date." in result.output
    assert "0 built, 4 up to date, 0 failed; charts: 0 rendered" in result.output
    assert {path: path.stat().st_mtime_ns for path in project.out.rglob("*") if path.is_file()} == before


def test_force_rebuilds_everything(project):
    result = project.build("--force")
    assert result.exit_code == 0, result.output
    assert written(result) == EVERYTHING


CHANGES = {
    "findings-number": (lambda p: _replace(p.data, "value: 12}", "value: 13}"), WONEN),
    "audiences-title": (lambda p: _replace(p.audiences, "De buurt in beeld", "De wijk in beeld"), BUURT),
    "template-deck": (lambda p: _comment_zip(p.template / "deck.pptx"), EVERYTHING),
    "template-briefing": (lambda p: _comment_zip(p.template / "briefing.docx"), EVERYTHING),
    "template-settings": (lambda p: p.template.joinpath("template.yaml").write_text(
        p.template.joinpath("template.yaml").read_text(encoding="utf-8") + "# x\n", encoding="utf-8"), EVERYTHING),
    "narrative-template-changed": (lambda p: p.template.joinpath("narrative", "finding_title.j2").write_text(
        p.template.joinpath("narrative", "finding_title.j2").read_text(encoding="utf-8") + "\n",
        encoding="utf-8"), EVERYTHING),
    "narrative-template-added": (lambda p: shutil.copy(BUILT_IN_NARRATIVE / "finding_notes.j2",
                                                       p.template / "narrative" / "finding_notes.j2"), EVERYTHING),
}


@pytest.fixture
def composed(monkeypatch) -> list[str]:
    """The audiences whose reports the builds in the test compose, in order."""
    calls: list[str] = []
    original = generator.compose.compose_report

    def counting(survey, audience, *arguments):
        calls.append(audience.id)
        return original(survey, audience, *arguments)

    monkeypatch.setattr(generator.compose, "compose_report", counting)
    return calls


@pytest.mark.parametrize("change, rebuilt", CHANGES.values(), ids=CHANGES.keys())
def test_a_changed_input_recomposes_and_rebuilds_only_the_outputs_it_affects(project, composed, change, rebuilt):
    change(project)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert written(result) == rebuilt
    assert sorted(composed) == sorted({path.split("/")[0] for path in rebuilt})
    assert project.build().output.count("wrote ") == 0


def test_outputs_taken_from_the_previous_build_equal_a_fresh_build(project, composed, tmp_path):
    untouched = {path: path.stat().st_ino for path in project.out.glob("buurt/*")}
    _replace(project.data, "value: 12}", "value: 13}")
    assert project.build().exit_code == 0
    assert composed == ["wonen"]
    assert {path: path.stat().st_ino for path in project.out.glob("buurt/*")} == untouched
    fresh = dataclasses.replace(project, out=tmp_path / "fresh")
    assert fresh.build().exit_code == 0
    for name in EVERYTHING:
        assert (project.out / name).read_bytes() == (fresh.out / name).read_bytes(), name


def test_a_changed_file_of_an_unaffected_audience_is_rebuilt(project, composed):
    _comment_zip(project.out / "buurt" / "woonpeiling-buurt.docx")
    _replace(project.data, "value: 12}", "value: 13}")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert written(result) == WONEN | {"buurt/woonpeiling-buurt.docx"}
    assert sorted(composed) == ["buurt", "wonen"]


def test_force_recomposes_every_audience(project, composed):
    assert project.build("--force").exit_code == 0
    assert sorted(composed) == ["buurt", "wonen"]


def test_a_changed_option_rebuilds(project):
    result = project.build("--charts", "native")
    assert result.exit_code == 0, result.output
    assert {path for path in written(result) if path.endswith(".pptx")} == {"wonen/woonpeiling-wonen.pptx",
                                                                            "buurt/woonpeiling-buurt.pptx"}


def test_another_report_date_rebuilds(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 40 * 86400))
    assert written(project.build()) == EVERYTHING


def test_another_barometer_version_rebuilds(project, monkeypatch):
    for module in (generator, generator.build, generator.output_folder, generator.up_to_date):
        monkeypatch.setattr(module, "__version__", "99.0.0")
    assert written(project.build()) == EVERYTHING


def test_changed_barometer_code_loads_and_checks_again(project, monkeypatch):
    loaded = []
    original = generator.readers.read_survey
    monkeypatch.setattr(generator.readers, "read_survey", lambda path: loaded.append(path) or original(path))
    monkeypatch.setattr(generator.up_to_date, "code_digest", lambda: "another program")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert loaded == [project.data]


def test_changed_respondent_data_rebuilds(tmp_path, monkeypatch):
    from generated_inputs.responses import findings_text, respondents, write_csv

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_csv(respondents(600, seed=7), tmp_path / "peiling.csv")
    project = _project(tmp_path, findings_text("peiling.csv", codebook=True).replace(
        "burgerpeiling-2025", "woonpeiling"))
    first = project.build()
    assert first.exit_code == 0, first.output
    assert written(project.build()) == set()
    write_csv(respondents(600, seed=8), tmp_path / "peiling.csv")
    assert written(project.build()) == EVERYTHING


def test_a_failed_output_is_built_by_the_next_build(project, monkeypatch):
    from generator.writers.docx import writer as docx_writer

    _replace(project.data, "value: 12}", "value: 13}")
    original = docx_writer.DocxWriter.write

    def failing(self, report, *arguments):
        raise RuntimeError("stijl kapot")

    monkeypatch.setattr(docx_writer.DocxWriter, "write", failing)
    assert project.build().exit_code == 1
    monkeypatch.setattr(docx_writer.DocxWriter, "write", original)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert written(result) == {"wonen/woonpeiling-wonen.docx"}


def test_a_deleted_output_is_built_again(project):
    (project.out / "buurt" / "woonpeiling-buurt.docx").unlink()
    assert written(project.build()) == {"buurt/woonpeiling-buurt.docx"}


@pytest.mark.parametrize("builds", [[], {"x": 5}, {"x": {"fingerprint": 1, "files": 2, "outputs": 3}}, "kapot"],
                         ids=["list", "number", "wrong-types", "text"])
def test_a_damaged_build_record_means_a_full_check(project, builds):
    manifest_path = project.out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["builds"] = builds
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "0 built, 4 up to date" in result.output and "Traceback" not in result.output


def test_a_damaged_output_entry_means_a_full_check(project):
    manifest_path = project.out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["outputs"]:
        del entry["audience"]
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_a_manifest_that_is_not_a_file_is_no_manifest(project):
    from office_checks import run_cli

    manifest = project.out / "manifest.json"
    manifest.unlink()
    os.mkfifo(manifest)  # reading it would wait for a writer forever
    result = run_cli(["build", "--data", str(project.data), "--audiences", str(project.audiences), "--template",
                      str(project.template), "--out", str(project.out), "--jobs", "1"], project.out.parent, timeout=60)
    assert result.returncode == 0, result.stderr
    assert manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8"))["outputs"]


def test_findings_replaced_by_a_named_pipe_are_refused_not_waited_for(project):
    from office_checks import run_cli

    project.data.unlink()
    os.mkfifo(project.data)
    result = run_cli(["build", "--data", str(project.data), "--audiences", str(project.audiences), "--template",
                      str(project.template), "--out", str(project.out), "--jobs", "1"], project.out.parent, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "named pipe" in result.stderr and "Traceback" not in result.stderr


def test_a_narrow_build_after_others_rewrote_its_files_builds_them_again(project):
    assert written(project.build("--audience", "wonen")) == set()
    original = project.data.read_text(encoding="utf-8")
    _replace(project.data, "value: 12}", "value: 13}")
    assert written(project.build()) == WONEN
    project.data.write_text(original, encoding="utf-8")
    assert written(project.build("--audience", "wonen")) == WONEN
