"""`barometer build` as a user runs it: all audiences x formats, exit codes, atomic and
reproducible files, up-to-date rebuilds, a manifest that matches the files."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from conftest import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, REPO_ROOT, SEED_DATA
from folder_events import FolderEvents
from processes import children, exit_handles, wait_for_exits

AUDIENCES = ("ambtenaren", "college", "inwoners", "raad")


def build(out: Path, *arguments: str):
    return CliRunner().invoke(main, ["build", "--data", str(SEED_DATA), "--template", str(DEFAULT_TEMPLATE),
                                     "--audiences", str(DEFAULT_AUDIENCES), "--out", str(out), "--jobs", "1",
                                     *arguments])


def files_under(out: Path) -> dict[str, str]:
    return {str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.rglob("*")) if path.is_file() and ".cache" not in path.parts}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "output"
    result = build(out)
    return out, result


def test_build_writes_every_audience_in_both_formats(first_build):
    out, result = first_build
    assert result.exit_code == 0, result.output
    for audience in AUDIENCES:
        for fmt in ("pptx", "docx"):
            path = out / audience / f"barometer-burgerparticipatie-{audience}.{fmt}"
            assert zipfile.is_zipfile(path), path
    assert "8 built, 0 up to date, 0 failed" in result.output


def test_manifest_lists_every_file_with_its_checksum(first_build):
    out, _ = first_build
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["outputs"]}
    on_disk = {path: digest for path, digest in files_under(out).items() if path != "manifest.json"}
    assert {path: entry["sha256"] for path, entry in listed.items()} == on_disk
    deck = listed["raad/barometer-burgerparticipatie-raad.pptx"]
    assert deck["audience"] == "raad" and deck["format"] == "pptx" and deck["pages"] > 5 and deck["charts"] > 0
    assert manifest["inputs"]["data"]["sha256"] == hashlib.sha256(SEED_DATA.read_bytes()).hexdigest()


def test_second_build_is_up_to_date_and_rewrites_nothing(first_build):
    out, _ = first_build
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*.pptx")}
    result = build(out)
    assert result.exit_code == 0, result.output
    assert "0 built, 8 up to date" in result.output and "charts: 0 rendered" in result.output
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*.pptx")} == before


def test_force_rebuilds_identical_bytes(first_build):
    out, _ = first_build
    before = files_under(out)
    result = build(out, "--force")
    assert result.exit_code == 0 and "8 built" in result.output
    assert files_under(out) == before


def test_two_clean_builds_are_byte_identical(first_build, tmp_path):
    out, _ = first_build
    again = tmp_path / "again"
    assert build(again).exit_code == 0
    assert files_under(again) == files_under(out)


def test_changing_one_number_rerenders_one_chart(first_build, tmp_path):
    out, _ = first_build
    data = tmp_path / "data.yaml"
    data.write_text(SEED_DATA.read_text(encoding="utf-8").replace("value: 98", "value: 97"), encoding="utf-8")
    copy = tmp_path / "out"
    import shutil
    shutil.copytree(out, copy)
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--template", str(DEFAULT_TEMPLATE),
                                       "--audiences", str(DEFAULT_AUDIENCES), "--out", str(copy), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "charts: 1 rendered" in result.output


def test_narrowed_build(tmp_path):
    result = build(tmp_path / "out", "--audience", "raad", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert [path for path in files_under(tmp_path / "out") if path != "manifest.json"] == [
        "raad/barometer-burgerparticipatie-raad.docx"]


@pytest.mark.parametrize("arguments, message", [
    pytest.param(("--audience", "burgemeester"), "unknown audience 'burgemeester'", id="unknown-audience"),
    pytest.param(("--format", "odp"), "unknown format 'odp'", id="unknown-format"),
])
def test_bad_request_exits_2_and_writes_nothing(tmp_path, arguments, message):
    result = build(tmp_path / "out", *arguments)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_bad_data_exits_2_and_writes_nothing(tmp_path):
    data = tmp_path / "data.yaml"
    data.write_text(SEED_DATA.read_text(encoding="utf-8").replace("value: 64", "value: 164", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--template", str(DEFAULT_TEMPLATE),
                                       "--audiences", str(DEFAULT_AUDIENCES), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "percentage 164 is outside 0-100" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_failing_output_does_not_stop_the_others(tmp_path, monkeypatch):
    from generator.writers.pptx import writer as pptx_writer

    original = pptx_writer.PptxWriter.write

    def failing_for_college(self, report, *arguments):
        if report.audience == "college":
            raise RuntimeError("layout kapot")
        return original(self, report, *arguments)

    monkeypatch.setattr(pptx_writer.PptxWriter, "write", failing_for_college)
    result = build(tmp_path / "out")
    assert result.exit_code == 1
    assert "FAILED college/barometer-burgerparticipatie-college.pptx: RuntimeError: layout kapot" in result.output
    assert "7 built, 0 up to date, 1 failed" in result.output
    assert not (tmp_path / "out" / "college" / "barometer-burgerparticipatie-college.pptx").exists()


def test_killed_build_leaves_only_complete_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "generator", "build", "--out", str(out), "--jobs", "2", "--force"]

    def documents() -> dict[Path, int]:
        return {path: path.stat().st_ino for path in out.rglob("*") if path.suffix in (".pptx", ".docx")}

    for finished in (1, 3):  # killed once that many outputs were put in place, while others are being written
        before = documents()

        def replaced() -> bool:
            return sum(before.get(path) != inode for path, inode in documents().items()) >= finished

        with FolderEvents(out) as events:
            process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                assert events.wait_until(lambda: replaced() or process.poll() is not None, 300)
            finally:
                exits = exit_handles(children(process.pid))
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                wait_for_exits(exits, timeout=60)  # the workers too: a dying one could still hold its temporary
        for path in documents():
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None, path
    result = build(out)
    assert result.exit_code == 0, result.output
    assert not [path for path in out.rglob("*") if path.name.endswith(".tmp")]


def test_init_creates_a_project_that_builds(tmp_path, monkeypatch):
    project = tmp_path / "nieuw"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (project / "output" / "manifest.json").is_file()
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 2
