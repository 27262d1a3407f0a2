"""`barometer update` refuses what it cannot update safely: a clear message, exit 2, nothing written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from office_checks import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, SEED_DATA, run_cli

BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"
STEM = "barometer-burgerparticipatie-raad"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("update-faults")
    result = run_cli(["build", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES), "--template",
                      str(DEFAULT_TEMPLATE), "--audience", "raad", "--format", "pptx", "--out", "out", "--jobs", "1",
                      "--quiet"], cwd=work)
    assert result.returncode == 0, result.stderr
    return work / "out" / "raad" / f"{STEM}.pptx"


def _with_properties(source: Path, target: Path, change) -> Path:
    """A copy of `source` whose custom properties part is `change(text)`."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "docProps/custom.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            copy.writestr(info, data)
    return target


def _not_a_zip(built: Path, work: Path) -> Path:
    path = work / "presentatie.pptx"
    path.write_text("Dit is geen presentatie.\n", encoding="utf-8")
    return path


def _encrypted(built: Path, work: Path) -> Path:
    path = work / "beveiligd.pptx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    return path


def _not_ours(built: Path, work: Path) -> Path:
    path = work / "eigen.pptx"
    buffer = io.BytesIO()
    Presentation().save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _other_survey(built: Path, work: Path) -> Path:
    return _with_properties(built, work / "ander.pptx",
                            lambda text: text.replace("survey=barometer-burgerparticipatie", "survey=woonpeiling-2025"))


def _damaged_identity(built: Path, work: Path) -> Path:
    return _with_properties(built, work / "beschadigd.pptx", lambda text: text.replace("version=1;", "versie=?;"))


def _damaged_fingerprint(built: Path, work: Path) -> Path:
    def damage(text: str) -> str:
        start = text.index('name="barometer.slide.')
        value = text.index("<vt:lpwstr>", start) + len("<vt:lpwstr>")
        return text[:value] + "not-a-fingerprint" + text[value + 12:]
    return _with_properties(built, work / "vingerafdruk.pptx", damage)


def _wrong_extension(built: Path, work: Path) -> Path:
    path = work / "presentatie.odp"
    path.write_bytes(built.read_bytes())
    return path


CASES = [
    ("not-an-office-file", _not_a_zip, None, "not an Office file"),
    ("password-protected", _encrypted, None, "password-protected"),
    ("not-made-by-barometer", _not_ours, None, "was not made by barometer"),
    ("other-survey", _other_survey, None, "was made for survey 'woonpeiling-2025'"),
    ("damaged-identity", _damaged_identity, None, "the barometer tags are damaged"),
    ("damaged-fingerprint", _damaged_fingerprint, None, "the barometer tags are damaged"),
    ("wrong-extension", _wrong_extension, None, "can only update a .pptx deck or a .docx briefing"),
    ("data-fails-validation", lambda built, work: built, BAD_INPUTS / "percentage-above-100.yaml",
     "percentage 140 is outside 0-100"),
]


@pytest.mark.parametrize(("make", "data", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_update_refuses_bad_input_cleanly(built, tmp_path, make, data, message):
    edited = make(built, tmp_path)
    before = edited.read_bytes()
    out = tmp_path / "uit" / f"bijgewerkt{edited.suffix}"
    result = run_cli(["update", str(edited), "--out", str(out), "--data", str(data or SEED_DATA),
                      "--audiences", str(DEFAULT_AUDIENCES), "--template", str(DEFAULT_TEMPLATE)], cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 2, result.stderr
    named = (data or edited).name
    assert any(named in line and message in line for line in result.stderr.splitlines()), result.stderr
    assert not (tmp_path / "uit").exists()
    assert edited.read_bytes() == before


@pytest.mark.parametrize("options", [[], ["--out", "SAME"], ["--in-place", "--out", "other.pptx"]],
                         ids=["neither-out-nor-in-place", "out-is-the-edited-file", "out-and-in-place"])
def test_update_needs_exactly_one_of_out_and_in_place(built, tmp_path, options):
    edited = tmp_path / "edited.pptx"
    edited.write_bytes(built.read_bytes())
    options = [str(edited) if option == "SAME" else option for option in options]
    result = run_cli(["update", str(edited), *options, "--data", str(SEED_DATA), "--audiences",
                      str(DEFAULT_AUDIENCES), "--template", str(DEFAULT_TEMPLATE)], cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 2, result.stderr
    assert "--out" in result.stderr and "--in-place" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["edited.pptx"]


def test_in_place_replaces_the_file_atomically(built, tmp_path):
    edited = tmp_path / "edited.pptx"
    deck = Presentation(built)
    deck.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].text = "Eigen titel"
    deck.save(edited)
    result = run_cli(["update", str(edited), "--in-place", "--data", str(SEED_DATA), "--audiences",
                      str(DEFAULT_AUDIENCES), "--template", str(DEFAULT_TEMPLATE)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Presentation(edited).slides[0].shapes.title.text == "Eigen titel"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["edited.changes.txt", "edited.pptx"]
