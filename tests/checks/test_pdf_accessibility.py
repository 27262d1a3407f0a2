"""`--format pdf` makes tagged PDF/UA files in the document's language, the same bytes on every build.

Built with the real CLI on the seed data; read back with pikepdf and `barometer check`.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest

from generator.checks import check_file
from generator.checks.pdf_file import role_map, structure_elements
from generator.pdf import convert_to_pdf, slide_descriptions, soffice_path
from office_checks import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, SEED_DATA, read_manifest, require_office_tools, run_cli

pytestmark = pytest.mark.office
AUDIENCE = "raad"


def _build(work: Path, *options: str) -> list:
    require_office_tools()
    result = run_cli(["build", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES), "--template",
                      str(DEFAULT_TEMPLATE), "--out", "out", "--audience", AUDIENCE, "--format", "pptx",
                      "--format", "docx", "--format", "pdf", "--jobs", "2", *options], cwd=work)
    assert result.returncode == 0, result.stderr[-3000:]
    return read_manifest(work / "out")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The council's deck, briefing and their PDFs, built twice in separate folders."""
    return [_build(tmp_path_factory.mktemp(f"build-{number}")) for number in (1, 2)]


@pytest.fixture(scope="module")
def native_build(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("native"), "--charts", "native")


def _pdfs(outputs) -> dict[str, Path]:
    return {output.path.name: output.path for output in outputs if output.format == "pdf"}


def _kinds(pdf) -> list[str]:
    roles = role_map(pdf)
    return [roles.get(str(element.S), str(element.S)) for element in structure_elements(pdf)]


def test_two_builds_give_byte_identical_pdfs(builds):
    first, second = (_pdfs(outputs) for outputs in builds)
    assert sorted(first) == sorted(second) and len(first) == 2
    for name in first:
        assert first[name].read_bytes() == second[name].read_bytes(), f"{name} differs between builds"


def test_every_output_passes_barometer_check(builds):
    paths = [str(output.path) for output in builds[0]]
    result = run_cli(["check", *paths], cwd=builds[0][0].path.parent)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"{len(paths)} files checked, 0 with problems." in result.stdout


@pytest.mark.parametrize("kind", ["pptx", "docx"])
def test_pdf_is_tagged_pdf_ua_in_dutch(builds, kind):
    path = next(path for name, path in _pdfs(builds[0]).items() if name.endswith(f"-{kind}.pdf"))
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "nl-NL"
        assert bool(pdf.Root.MarkInfo.Marked) and "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        metadata = pdf.open_metadata()
        assert metadata.get("dc:title") == str(pdf.docinfo.Title) != ""
        assert metadata.get("pdfuaid:part") == "1"
        assert str(pdf.docinfo.CreationDate) == "D:20261128120000+00'00'"
        kinds = _kinds(pdf)
    headings = [name for name in kinds if name.startswith("/H")]
    assert headings and "/H" not in headings
    if kind == "pptx":
        assert set(headings) == {"/H1"}, "every slide title is a level-1 heading"
    else:
        assert {"/H1", "/H2"} <= set(headings) and "/TH" in kinds


def test_native_charts_keep_their_alt_text_in_the_pdf(native_build):
    deck = next(output.path for output in native_build if output.format == "pptx")
    path = next(path for name, path in _pdfs(native_build).items() if name.endswith("-pptx.pdf"))
    descriptions = [text for slide in slide_descriptions(deck.read_bytes()) for text in slide]
    with pikepdf.open(path) as pdf:
        figures = [element for element in structure_elements(pdf) if element.S == pikepdf.Name("/Figure")]
        alts = [str(element.get("/Alt", "")) for element in figures]
    assert descriptions and len(figures) == len(descriptions)
    assert alts == descriptions


def test_pdf_language_follows_the_document(builds):
    deck = next(output.path for output in builds[0] if output.format == "pptx")
    with pikepdf.open(io.BytesIO(convert_to_pdf(deck, language="de-DE"))) as pdf:
        assert str(pdf.Root.Lang) == "de-DE"


def test_a_plain_libreoffice_pdf_fails_the_check(builds, tmp_path):
    """What `--convert-to pdf` without options makes: untagged, so `barometer check` must say so."""
    deck = next(output.path for output in builds[0] if output.format == "pptx")
    subprocess.run([soffice_path(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)], capture_output=True, timeout=240,
                   stdin=subprocess.DEVNULL, check=True)
    messages = [problem.message for problem in check_file(tmp_path / (deck.stem + ".pdf"))]
    assert "PDF is not tagged (no /MarkInfo /Marked true)" in messages
