"""The build under faults: foreign files in --out, a second build at once, a killed build's
workers, an output folder that cannot be written, a full disk, a bug, too many --jobs."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from conftest import DEFAULT_TEMPLATE, REPO_ROOT
from processes import alive, children, exit_handles, wait_for_exits

BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"
DATA = BAD_INPUTS / "valid.yaml"
DECK = Path("alle") / "woonpeiling-alle.pptx"
BRIEFING = Path("alle") / "woonpeiling-alle.docx"


def build(out: Path, *arguments: str, audiences: Path = BAD_INPUTS / "audiences.yaml",
          template: Path = DEFAULT_TEMPLATE):
    return CliRunner().invoke(main, ["build", "--data", str(DATA), "--audiences", str(audiences), "--template",
                                     str(template), "--out", str(out), "--jobs", "1", *arguments])


def listed(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {entry["path"]: entry["sha256"] for entry in manifest["outputs"]}


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def finished_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_only_barometers_own_stale_temporaries_are_removed(tmp_path):
    out = tmp_path / "out"
    assert build(out).exit_code == 0
    foreign = [out / ".notes.tmp", out / "alle" / ".notes.tmp", out / "alle" / ".woonpeiling-alle.pptx.1234.tmp"]
    for path in foreign:
        path.write_text("van een ander programma", encoding="utf-8")
    stale = out / "alle" / f".woonpeiling-alle.pptx.barometer-{finished_pid()}-0123abcd.tmp"
    stale.write_bytes(b"half")
    result = build(out)
    assert result.exit_code == 0, result.output
    assert all(path.read_text(encoding="utf-8") == "van een ander programma" for path in foreign)
    assert not stale.exists()


def test_a_temporary_of_a_killed_worker_not_yet_reaped_is_removed(tmp_path):
    from generator.files import remove_stale_temporaries

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    wait_for_exits(exit_handles({process.pid}), timeout=60)  # ended, but not reaped: a zombie
    try:
        stale = tmp_path / f".grafiek.png.barometer-{process.pid}-0123abcd.tmp"
        stale.write_bytes(b"half")
        remove_stale_temporaries(tmp_path)
        assert not stale.exists()
    finally:
        process.wait()


def test_a_second_build_into_a_locked_folder_stops_with_a_clear_message(tmp_path):
    out = tmp_path / "out"
    lock = out / ".cache" / "build.lock"
    lock.parent.mkdir(parents=True)
    with open(lock, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = build(out)
    assert result.exit_code == 2, result.output
    assert "another barometer build is writing to this folder" in result.output
    assert [path for path in out.rglob("*") if path.is_file()] == [lock]
    assert build(out).exit_code == 0


def test_the_manifest_never_lists_a_file_that_changed(tmp_path):
    audiences = tmp_path / "audiences.yaml"
    text = (BAD_INPUTS / "audiences.yaml").read_text(encoding="utf-8")
    audiences.write_text(text + text.split("audiences:\n", 1)[1].replace("  alle:", "  kort:"), encoding="utf-8")
    out = tmp_path / "out"
    assert build(out, audiences=audiences).exit_code == 0
    other = out / "kort" / "woonpeiling-kort.docx"
    other.write_bytes((out / BRIEFING).read_bytes() + b"\0")
    assert build(out, "--audience", "alle", audiences=audiences).exit_code == 0
    for path, digest in listed(out).items():
        assert sha256(out / path) == digest, path
    result = build(out, audiences=audiences)
    assert result.exit_code == 0 and "1 built, 3 up to date" in result.output, result.output
    assert listed(out)["kort/woonpeiling-kort.docx"] == sha256(other)


def test_workers_exit_when_the_build_is_killed(tmp_path):
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--out", str(out), "--jobs", "2",
                                "--force", "--quiet"], cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while not workers and process.poll() is None and time.monotonic() < deadline:
            workers = children(process.pid)
        assert workers, "the build ended before it started worker processes"
        exits = exit_handles(workers)
        process.kill()
        process.wait()
        wait_for_exits(exits, timeout=60)
        assert not alive(workers), f"workers {sorted(alive(workers))} outlived their killed parent"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in alive(workers):
            os.kill(pid, signal.SIGKILL)


def _read_only_under(monkeypatch, folder: Path) -> None:
    """Make writes under `folder` fail as on a read-only file system, even for root."""
    original_open, original_mkdir = os.open, os.mkdir

    def refuse(path) -> None:
        if str(path).startswith(str(folder)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def opening(path, flags, *arguments, **keywords):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return original_open(path, flags, *arguments, **keywords)

    def making(path, *arguments, **keywords):
        refuse(path)
        return original_mkdir(path, *arguments, **keywords)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "mkdir", making)


@pytest.mark.parametrize("up_to_date", [False, True], ids=["fresh", "up-to-date"])
def test_a_read_only_output_folder_is_a_clear_error(tmp_path, monkeypatch, up_to_date):
    out = tmp_path / "out"
    out.mkdir()
    if up_to_date:
        assert build(out).exit_code == 0
    before = sorted(out.rglob("*"))
    _read_only_under(monkeypatch, out)
    result = build(out)
    assert result.exit_code == 2, result.output
    assert "cannot write to the output folder: Read-only file system" in result.output
    assert not isinstance(result.exception, OSError)
    assert sorted(out.rglob("*")) == before


def test_an_output_folder_whose_cache_is_a_file_is_a_clear_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").write_text("geen map", encoding="utf-8")
    result = build(out)
    assert result.exit_code == 2, result.output
    assert "out: cannot write to the output folder" in result.output


def test_a_full_disk_while_caching_charts_is_a_clear_error(tmp_path, monkeypatch):
    from generator.charts import cache

    def full(path, content):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(cache, "write_atomically", full)
    result = build(tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert ".cache/charts/" in result.output and "cannot write to the chart cache: No space left on device" \
        in result.output
    assert not (tmp_path / "out" / DECK).exists()


def test_an_unexpected_exception_is_one_internal_error_naming_the_input(tmp_path, monkeypatch):
    from generator import compose

    def broken(*arguments):
        raise ZeroDivisionError("kapot")

    monkeypatch.setattr(compose, "compose_report", broken)
    result = build(tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.count("internal error") == 1
    assert "internal error while processing" in result.output and "valid.yaml for audience 'alle'" in result.output
    assert "ZeroDivisionError: kapot" in result.output and "BAROMETER_DEBUG=1" in result.output
    assert isinstance(result.exception, SystemExit)
    monkeypatch.setenv("BAROMETER_DEBUG", "1")
    assert isinstance(build(tmp_path / "out").exception, ZeroDivisionError)


def test_jobs_above_the_work_start_only_as_many_workers_as_outputs(tmp_path, monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    from generator import worker_pool

    started = []

    def recording(max_workers, **keywords):
        started.append(max_workers)
        return ProcessPoolExecutor(max_workers=max_workers, **keywords)

    monkeypatch.setattr(worker_pool, "ProcessPoolExecutor", recording)
    result = CliRunner().invoke(main, ["build", "--data", str(DATA), "--audiences", str(BAD_INPUTS / "audiences.yaml"),
                                       "--template", str(DEFAULT_TEMPLATE), "--out", str(tmp_path / "out"),
                                       "--jobs", "400"])
    assert result.exit_code == 0, result.output
    assert started == [2]
    assert "--jobs 400 is more than the" in result.output


def test_only_the_template_files_a_build_uses_are_read(tmp_path):
    import shutil

    template = tmp_path / "template"
    shutil.copytree(DEFAULT_TEMPLATE, template)
    (template / "presentatie.mp4").write_bytes(b"\0" * 1024)
    os.mkfifo(template / "wachtrij")
    out = tmp_path / "out"
    result = build(out, template=template)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["inputs"]["template"]) == ["briefing.docx", "deck.pptx", "template.yaml"]
