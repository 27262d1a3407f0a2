"""The build reads what a writer declares: a format registered with no template file, whose file
refers to its chart images instead of embedding them, builds without any other change; the images
it refers to are where the file points, stay in the output folder's chart cache, and count in the
up-to-date check."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.writers import WRITERS, Document, WriterInfo

BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"
FILE = Path("alle") / "woonpeiling-alle.txt"
REFERENCE = re.compile(r"^(?P<chart>\S+) -> (?P<path>\S+)$", re.MULTILINE)


class LinkingWriter:
    """A plain-text list of the report's charts, each with the relative path of its image."""

    name = "txt"
    extension = "txt"

    def check_template(self, template) -> None:
        pass

    def write(self, report, images, template, options) -> Document:
        lines = [f"{chart_id} -> {os.path.relpath(path, options.location.parent)}"
                 for chart_id, path in sorted(images.items())]
        return Document(("\n".join([report.title, *lines]) + "\n").encode("utf-8"), None, len(images))


@pytest.fixture
def linking_format(monkeypatch):
    monkeypatch.setitem(WRITERS, "txt", WriterInfo(f"{__name__}:LinkingWriter", "txt", image_formats=("svg",),
                                                   links_images=True))


@pytest.fixture
def empty_template(tmp_path) -> Path:
    """A template set with neither deck nor briefing: the linking format needs no template file."""
    folder = tmp_path / "template"
    folder.mkdir()
    return folder


def build(out: Path, template: Path, *arguments: str):
    return CliRunner().invoke(main, ["build", "--data", str(BAD_INPUTS / "valid.yaml"), "--audiences",
                                     str(BAD_INPUTS / "audiences.yaml"), "--template", str(template), "--out",
                                     str(out), "--jobs", "1", "--format", "txt", *arguments])


def references(out: Path) -> dict[str, Path]:
    text = (out / FILE).read_text(encoding="utf-8")
    return {match["chart"]: (out / FILE).parent / match["path"] for match in REFERENCE.finditer(text)}


def test_a_linking_format_without_a_template_file_builds(tmp_path, linking_format, empty_template):
    out = tmp_path / "out"
    result = build(out, empty_template)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"wrote {FILE}"
    linked = references(out)
    assert linked and all(path.is_file() for path in linked.values())
    assert all(path.suffix == ".svg" for path in linked.values())
    assert {path.resolve().parent for path in linked.values()} == {(out / ".cache" / "charts").resolve()}
    assert not list(out.rglob("*.pdf"))


def test_a_linking_format_is_not_converted_to_pdf(tmp_path, linking_format, empty_template):
    result = build(tmp_path / "out", empty_template, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert "1 built, 0 up to date, 0 failed" in result.output


def test_a_build_is_up_to_date_only_while_the_linked_images_are_there(tmp_path, linking_format, empty_template):
    out = tmp_path / "out"
    assert build(out, empty_template).exit_code == 0
    again = build(out, empty_template)
    assert "Everything is up to date." in again.output and "charts: 0 rendered" in again.output
    image = next(iter(references(out).values()))
    image.unlink()
    result = build(out, empty_template)
    assert result.exit_code == 0, result.output
    assert "charts: 1 rendered" in result.output
    assert image.is_file()
    assert "charts: 0 rendered" in build(out, empty_template).output


def test_the_known_formats_come_from_the_registry(tmp_path, linking_format, empty_template):
    result = build(tmp_path / "out", empty_template, "--format", "odt")
    assert result.exit_code == 2
    assert re.search(r"unknown format 'odt'; known formats: pptx, docx, .*\btxt, pdf$", result.output, re.MULTILINE)
