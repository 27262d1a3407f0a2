"""Building from respondent data through the real CLI: tabulate, --each per district, privacy."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
import yaml

from generated_inputs.responses import DISTRICTS, SECRET, findings_text, respondents, write_sav
from office_checks import DEFAULT_TEMPLATE, run_cli

AUDIENCES = Path(__file__).resolve().parents[1] / "bad_inputs" / "audiences.yaml"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project whose findings come from a 10-district SPSS file; district 'Dijk' has 12 respondents."""
    frame = respondents(700, seed=11)
    frame.loc[frame["wijk"] == 10, "wijk"] = 9.0
    frame.loc[frame.index[:12], "wijk"] = 10.0
    write_sav(frame, tmp_path / "peiling.sav")
    frame.to_pickle(tmp_path / "frame.pkl")
    (tmp_path / "findings.yaml").write_text(findings_text("peiling.sav"), encoding="utf-8")
    shutil.copy(AUDIENCES, tmp_path / "audiences.yaml")
    shutil.copytree(DEFAULT_TEMPLATE, tmp_path / "template")
    return tmp_path


def _build(project: Path, data: str, out: str, *extra: str):
    result = run_cli(["build", "--data", data, "--audiences", "audiences.yaml", "--template", "template",
                      "--out", out, "--jobs", "2", "--format", "pptx", "--format", "docx", *extra], cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _documents(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.suffix in (".pptx", ".docx")}


def test_building_from_tabulated_findings_gives_the_same_documents(project):
    tabulated = run_cli(["tabulate", "--data", "findings.yaml", "--out", "tabulated.yaml"], cwd=project)
    assert tabulated.returncode == 0, tabulated.stderr
    printed = run_cli(["tabulate", "--data", "findings.yaml"], cwd=project)
    assert printed.stdout == (project / "tabulated.yaml").read_text(encoding="utf-8")
    mapping = yaml.safe_load(printed.stdout)
    assert "responses" not in mapping["survey"] and "codebook" not in mapping
    assert all("items" in finding and "base" in finding
               for theme in mapping["themes"] for finding in theme["findings"])
    _build(project, "findings.yaml", "from-responses")
    _build(project, "tabulated.yaml", "from-tabulated")
    original, copy = _documents(project / "from-responses"), _documents(project / "from-tabulated")
    assert len(original) == 2
    assert original == copy


def test_each_district_gets_its_own_documents_with_its_own_numbers(project):
    result = _build(project, "findings.yaml", "out", "--each", "wijk")
    out = project / "out"
    folders = sorted(path.parent.name for path in out.rglob("*.docx"))
    assert folders == sorted(name.lower() for name in DISTRICTS if name != "Dijk")
    assert "'Dijk': 12 respondents, fewer than the minimum base of 30" in result.stdout
    outputs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert sorted(Path(entry["path"]).suffix for entry in outputs) == [".docx"] * 9 + [".pptx"] * 9
    frame = __import__("pandas").read_pickle(project / "frame.pkl")
    for code, district in enumerate(DISTRICTS[:9], start=1):
        rows = frame[frame["wijk"] == code]
        graded = rows[rows["v12"].notna() & (rows["v12"] != 99)]
        grade = np.average(graded["v12"], weights=graded["gewicht"])
        shown = f"{grade:.1f}".replace(".", ",")
        with zipfile.ZipFile(out / "alle" / district.lower() / "burgerpeiling-2025-alle.docx") as briefing:
            text = briefing.read("word/document.xml").decode("utf-8")
        assert shown in text, (district, shown)
        assert district in text


def test_no_respondent_level_value_reaches_any_output(project):
    (project / "findings.yaml").write_text(findings_text("peiling.sav").replace(
        "variable: v13", "variable: v13\n        note: Alleen bewoners."), encoding="utf-8")
    _build(project, "findings.yaml", "out", "--each", "wijk")
    for path in (project / "out").rglob("*"):
        if not path.is_file():
            continue
        contents = [path.read_bytes()]
        if path.suffix in (".pptx", ".docx"):
            with zipfile.ZipFile(path) as package:
                contents = [package.read(name) for name in package.namelist()]
        for content in contents:
            assert SECRET.encode() not in content, path
            assert b"100001" not in content and b"respnr" not in content, path
