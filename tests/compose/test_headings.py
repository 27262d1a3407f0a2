"""One heading vocabulary: compose words each fixed part per document kind, every format prints that word."""

from __future__ import annotations

import dataclasses
import io
import shutil
import zipfile

import docx
import pytest
from pptx import Presentation

from conftest import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, SEED_DATA
from generator.headings import DEFAULT_HEADINGS, KindHeadingOptions, headings_for
from generator.report import DocumentKind, Headings
from office_checks import read_manifest, run_cli

PARTS = {part.name for part in dataclasses.fields(Headings)}


@pytest.mark.parametrize("kind", list(DocumentKind), ids=[kind.value for kind in DocumentKind])
def test_every_document_kind_words_every_part_and_every_part_can_be_set(kind):
    assert set(DEFAULT_HEADINGS[kind]) == PARTS == set(KindHeadingOptions.fields())
    assert all(text.strip() for text in dataclasses.asdict(headings_for(kind)).values())


def test_an_override_changes_only_its_own_part():
    headings = headings_for(DocumentKind.MEMO, {"method": "Zo is gemeten"})
    assert headings.method == "Zo is gemeten"
    assert dataclasses.replace(headings, method=DEFAULT_HEADINGS[DocumentKind.MEMO]["method"]) == \
        headings_for(DocumentKind.MEMO)


@pytest.fixture(scope="module")
def house_style(tmp_path_factory):
    """The default template set with the full report's key messages and method worded by the house."""
    work = tmp_path_factory.mktemp("headings")
    shutil.copytree(DEFAULT_TEMPLATE, work / "template")
    (work / "template" / "template.yaml").write_text(
        "briefing:\n  headings:\n    rapportage:\n      key_messages: De kern\n      method: Zo hebben we gemeten\n",
        encoding="utf-8")
    return work


def test_a_heading_set_in_the_template_set_reaches_every_format(house_style):
    result = run_cli(["build", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES), "--template",
                      "template", "--audience", "ambtenaren", "--format", "pptx", "--format", "docx", "--format", "md",
                      "--out", "out", "--jobs", "1", "--quiet"], cwd=house_style)
    assert result.returncode == 0, result.stderr
    paths = {output.format: output.path for output in read_manifest(house_style / "out")}
    deck = Presentation(io.BytesIO(paths["pptx"].read_bytes()))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides if slide.shapes.title is not None]
    briefing = [paragraph.text for paragraph in docx.Document(paths["docx"]).paragraphs
                if paragraph.style.name.startswith("Heading")]
    markdown = [line.lstrip("#").strip() for line in paths["md"].read_text(encoding="utf-8").splitlines()
                if line.startswith("## ")]
    for shown in (titles, briefing, markdown):
        assert "De kern" in shown and "Zo hebben we gemeten" in shown
        assert "Samenvatting" not in shown and "Onderzoeksopzet" not in shown
    with zipfile.ZipFile(paths["pptx"]) as archive:
        assert not any(b"Over dit onderzoek" in archive.read(name) for name in archive.namelist())


def test_a_misspelt_part_is_reported_with_its_line(tmp_path):
    shutil.copytree(DEFAULT_TEMPLATE, tmp_path / "template")
    (tmp_path / "template" / "template.yaml").write_text(
        "briefing:\n  headings:\n    memo:\n      kernboodschap: Waar het om gaat\n", encoding="utf-8")
    result = run_cli(["report", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES), "--template",
                      "template", "--audience", "college"], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "template.yaml:4: briefing.headings.memo.kernboodschap:" in result.stderr
    assert "key_messages" in result.stderr and "Traceback" not in result.stderr
