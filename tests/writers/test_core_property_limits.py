"""Core properties stay within the 255 characters python-pptx and python-docx accept.

A survey with 13 ordinary themes passes `validate`, but its theme titles joined as keywords
are longer than 255 characters; every deck and briefing must still build, with keywords
made of whole titles only.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

from office_checks import DEFAULT_TEMPLATE, run_cli

THEMES = [f"Voorzieningen en dienstverlening in de wijk {number:02d}" for number in range(1, 14)]
LONG_TITLE = "Woonpeiling " + " ".join(["in beeld"] * 40)
CORE = "docProps/core.xml"
NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/"}


def _survey() -> str:
    lines = ["survey: {id: peiling, title: Peiling, publisher: Gemeente Voorbeeld, year: 2025}", "themes:"]
    for number, title in enumerate(THEMES, start=1):
        lines += [f"  - id: thema{number}", f"    title: {title}", "    findings:",
                  f"      - id: vraag{number}", "        question: Hoe tevreden bent u?", "        kind: grade",
                  "        items:", f"          - {{label: Eigen wijk, value: 7.{number % 10}}}"]
    return "\n".join(lines) + "\n"


def _audiences() -> str:
    return ("audiences:\n  alle:\n    name: lezers\n"
            f"    title: {LONG_TITLE}\n    document: rapportage\n    detail: volledig\n")


def _core(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(CORE))


def test_thirteen_themes_and_a_long_title_build_with_fitting_core_properties(tmp_path):
    (tmp_path / "peiling.yaml").write_text(_survey(), encoding="utf-8")
    (tmp_path / "audiences.yaml").write_text(_audiences(), encoding="utf-8")
    shutil.copytree(DEFAULT_TEMPLATE, tmp_path / "template")
    assert len(", ".join(THEMES)) > 255
    validated = run_cli(["validate", "peiling.yaml"], cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr
    built = run_cli(["build", "--data", "peiling.yaml", "--audiences", "audiences.yaml", "--template", "template",
                     "--out", "out", "--jobs", "1", "--format", "pptx", "--format", "docx"], cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    documents = sorted((tmp_path / "out").rglob("*.pptx")) + sorted((tmp_path / "out").rglob("*.docx"))
    assert len(documents) == 2
    for document in documents:
        core = _core(document)
        keywords = core.findtext("cp:keywords", namespaces=NS)
        title = core.findtext("dc:title", namespaces=NS)
        assert 0 < len(keywords) <= 255 and len(title) <= 255, document.name
        assert set(keywords.split(", ")) <= set(THEMES), document.name
        assert keywords.split(", ") == THEMES[: len(keywords.split(", "))]
        assert title.startswith("Woonpeiling in beeld") and title.endswith("…")
