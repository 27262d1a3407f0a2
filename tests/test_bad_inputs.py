"""The bad-input suite: hostile or sloppy input is refused cleanly by the real CLI.

Every case in tests/bad_inputs/cases.yaml runs `barometer validate` and/or `barometer build`
in its own process. A refused input must end with exit 2, a message naming the file and the
problem, no traceback, and nothing under --out. An acceptable input (emoji) must build.
Large, binary and bomb files are made here at run time rather than committed.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from generated_inputs import GENERATORS
from office_checks import DEFAULT_TEMPLATE, run_cli

CASES_DIR = Path(__file__).resolve().parent / "bad_inputs"
CASE_FILES = sorted(CASES_DIR.glob("cases*.yaml"))
"""cases.yaml plus one cases-<area>.yaml per area, so each area's cases stay together."""
CASES = [case for path in CASE_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
VALID_DATA = CASES_DIR / "valid.yaml"
AUDIENCES = CASES_DIR / "audiences.yaml"
EMOJI = "Huisarts \U0001F3E5"
EXTERNAL_LINK = (b'<Relationship Id="rIdExternal1" '
                 b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                 b'Target="http://example.invalid/payload" TargetMode="External"/></Relationships>')


def _valid_text(**replacements: str) -> str:
    text = VALID_DATA.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _copy_package(source: Path, target: Path, extra: dict[str, bytes] | None = None,
                  rels_with_link: str | None = None) -> None:
    """A copy of an Office package with extra parts, or one relationships part given an external link."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == rels_with_link:
                data = data.replace(b"</Relationships>", EXTERNAL_LINK)
            copy.writestr(info, data)
        for name, data in (extra or {}).items():
            copy.writestr(name, data)


def _zip_bomb(target: Path) -> None:
    """A small .pptx-named zip whose one part unpacks to 64 MB of zeros."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("ppt/presentation.xml", '<?xml version="1.0"?><presentation/>')
        archive.writestr("ppt/media/image1.png", bytes(64 * 1024 * 1024))


def _deck_without_our_layouts(target: Path) -> None:
    """python-pptx's own default deck: none of the layouts template.yaml names exist in it."""
    from pptx import Presentation

    buffer = io.BytesIO()
    Presentation().save(buffer)
    target.write_bytes(buffer.getvalue())


def _generate(case_id: str, work: Path) -> Path:
    """The input file of a generated case, written in `work`; returns its path."""
    deck, briefing = work / "template" / "deck.pptx", work / "template" / "briefing.docx"
    if case_id == "control-character-raw":
        path = work / "findings.yaml"
        path.write_text(_valid_text(Huisarts="Huis\x07arts"), encoding="utf-8")
    elif case_id == "emoji-label":
        path = work / "findings.yaml"
        path.write_text(_valid_text(Huisarts=EMOJI), encoding="utf-8")
    elif case_id == "label-10000-characters":
        path = work / "findings.yaml"
        path.write_text(_valid_text(Huisarts="x" * 10_000), encoding="utf-8")
    elif case_id == "empty-file":
        path = work / "findings.yaml"
        path.write_bytes(b"")
    elif case_id == "binary-file":
        path = work / "findings.yaml"
        path.write_bytes(bytes(range(256)) * 64)
    elif case_id == "non-utf8-csv":
        path = work / "findings.csv"
        path.write_bytes("theme,finding,kind,question,item,value\n"
                         "wonen,gemist,multi,Welke voorzieningen mist u?,Caf\u00e9,31\n".encode("cp1252"))
        (work / "findings.survey.yaml").write_text("survey: {id: s, title: S, publisher: P}\n", encoding="utf-8")
    elif case_id == "template-not-a-zip":
        path = deck
        path.write_text("Dit is geen presentatie.\n", encoding="utf-8")
    elif case_id == "template-zip-bomb":
        path = deck
        _zip_bomb(path)
    elif case_id == "template-missing-layouts":
        path = deck
        _deck_without_our_layouts(path)
    elif case_id == "template-external-link":
        path = deck
        _copy_package(DEFAULT_TEMPLATE / "deck.pptx", path, rels_with_link="ppt/slideLayouts/_rels/slideLayout1.xml.rels")
    elif case_id == "template-macros":
        path = deck
        _copy_package(DEFAULT_TEMPLATE / "deck.pptx", path, extra={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    elif case_id == "briefing-external-link":
        path = briefing
        _copy_package(DEFAULT_TEMPLATE / "briefing.docx", path, rels_with_link="word/_rels/document.xml.rels")
    elif case_id == "briefing-macros":
        path = briefing
        _copy_package(DEFAULT_TEMPLATE / "briefing.docx", path, extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    elif case_id in GENERATORS:
        path = GENERATORS[case_id](work)
    else:
        raise KeyError(f"no generator for case {case_id!r}")
    return path


def _project(case: dict, work: Path) -> tuple[Path, Path, Path]:
    """(data, audiences, template) of a valid project in `work`, with the case's input in its place."""
    shutil.copytree(DEFAULT_TEMPLATE, work / "template")
    data, audiences = work / VALID_DATA.name, work / AUDIENCES.name
    shutil.copy(VALID_DATA, data)
    shutil.copy(AUDIENCES, audiences)
    if case["input"] == "generated":
        path = _generate(case["id"], work)
    else:
        path = work / case["input"]
        shutil.copy(CASES_DIR / case["input"], path)
        sidecar = CASES_DIR / (Path(case["input"]).stem + ".survey.yaml")
        if sidecar.is_file():
            shutil.copy(sidecar, work / sidecar.name)
    if case["role"] == "data":
        data = path
    elif case["role"] == "audiences":
        audiences = path
    return data, audiences, work / "template"


def _command_line(command: str, data: Path, audiences: Path, template: Path, out: Path,
                  extra: tuple[str, ...] = ()) -> list[str]:
    if command == "validate":
        return ["validate", data.name]
    return ["build", "--data", data.name, "--audiences", audiences.name, "--template", template.name,
            "--out", out.name, "--jobs", "1", *extra]


RUNS = [(case, command) for case in CASES for command in case["commands"]]


@pytest.mark.parametrize(("case", "command"), RUNS, ids=[f"{case['id']}-{command}" for case, command in RUNS])
def test_bad_input_is_handled_cleanly(case, command, tmp_path):
    data, audiences, template = _project(case, tmp_path)
    out = tmp_path / "out"
    result = run_cli(_command_line(command, data, audiences, template, out, tuple(case.get("args", ()))), cwd=tmp_path)
    shown = result.stdout + result.stderr
    assert "Traceback" not in shown, shown[-3000:]
    assert result.returncode == case["exit"], shown[-3000:]
    if case["exit"] == 2:
        name = case.get("file") or Path(data if case["role"] == "data" else
                                          audiences if case["role"] == "audiences" else case["input"]).name
        naming = [line for line in result.stderr.splitlines() if name in line and case["message"] in line]
        assert naming, f"no line names {name!r} and says {case['message']!r}:\n{result.stderr[-3000:]}"
        written = [path for path in out.rglob("*") if path.is_file()] if out.exists() else []
        assert written == [], f"files written despite exit 2: {written}"
    elif command == "build":
        manifest = out / "manifest.json"
        assert manifest.is_file(), shown[-3000:]
        outputs = [path for path in out.rglob("*.docx")]
        assert outputs, "no briefing written"
        with zipfile.ZipFile(outputs[0]) as briefing:
            assert EMOJI in briefing.read("word/document.xml").decode("utf-8")


def test_every_case_file_in_the_folder_is_used():
    """A fixture file nobody runs is a case that silently stopped being tested."""
    used = {case["input"] for case in CASES} | {VALID_DATA.name, AUDIENCES.name} | {path.name for path in CASE_FILES}
    used |= {Path(name).stem + ".survey.yaml" for name in used if name.endswith(".csv")}
    present = {path.name for path in CASES_DIR.iterdir() if path.is_file()}
    assert present - used == set()
