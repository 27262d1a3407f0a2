"""Real house-style Word templates a new user would try build every audience.

pandoc's reference.docx has an empty w:sectPr (no page size), no "List Bullet" style and an
external hyperlink relationship; the German variant has the same with German style names and
ids ("Standard", "Titel", "Überschrift 1", "Beschriftung"). Both must give A4 briefings whose
lists are real Word lists (w:numPr with a visible bullet), not unbulleted text.
Fixtures: tests/fixtures/briefings/make_fixtures.py.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import DEFAULT_AUDIENCES, FIXTURES, SEED_DATA
from office_checks import package_problems, read_manifest, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A4_TWIPS = ("11906", "16838")
AUDIENCES = ("ambtenaren", "college", "inwoners", "raad")


@pytest.fixture(scope="module", params=["pandoc", "german"])
def briefings(request, tmp_path_factory) -> dict[str, Path]:
    """Every audience's briefing, built by the CLI with only that Word template in the template set."""
    work = tmp_path_factory.mktemp(request.param)
    (work / "template").mkdir()
    shutil.copy(FIXTURES / "briefings" / request.param / "briefing.docx", work / "template" / "briefing.docx")
    result = run_cli(["build", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES), "--template",
                      "template", "--out", "out", "--format", "docx", "--jobs", "2"], cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    return {output.audience: output.path for output in read_manifest(work / "out")}


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def _list_formats(numbering: etree._Element) -> dict[str, tuple[str, str]]:
    """numId -> (number format, text) of its first level, through the abstract definition."""
    abstracts = {item.get(f"{W}abstractNumId"): item for item in numbering.iter(f"{W}abstractNum")}
    formats = {}
    for instance in numbering.iter(f"{W}num"):
        level = abstracts[instance.find(f"{W}abstractNumId").get(f"{W}val")].find(f"{W}lvl")
        formats[instance.get(f"{W}numId")] = (level.find(f"{W}numFmt").get(f"{W}val"),
                                              level.find(f"{W}lvlText").get(f"{W}val"))
    return formats


def test_every_audience_is_built(briefings):
    assert sorted(briefings) == sorted(AUDIENCES)
    for path in briefings.values():
        assert package_problems(path) == []


def test_every_page_is_a4(briefings):
    for audience, path in briefings.items():
        sizes = [(size.get(f"{W}w"), size.get(f"{W}h")) for size in _part(path, "word/document.xml").iter(f"{W}pgSz")]
        assert sizes and set(sizes) == {A4_TWIPS}, audience


def test_bullets_are_real_list_paragraphs_with_a_visible_bullet(briefings):
    for audience, path in briefings.items():
        body = _part(path, "word/document.xml")
        formats = _list_formats(_part(path, "word/numbering.xml"))
        items = [paragraph for paragraph in body.iter(f"{W}p") if paragraph.find(f"{W}pPr/{W}numPr") is not None]
        assert len(items) >= 3, audience
        for paragraph in items:
            number_id = paragraph.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
            number_format, text = formats[number_id]
            assert number_format != "bullet" or text.strip(), f"{audience}: blank bullet"
        bullets = [formats[item.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")][0] for item in items]
        assert "bullet" in bullets, audience
