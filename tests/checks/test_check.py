"""`barometer check`: finds each accessibility problem in a broken deck, briefing and PDF, passes clean ones.

The files are made here with python-pptx, python-docx and pikepdf, not by barometer, because the
command must work on any Office file or PDF.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from generator.checks import check_file
from generator.cli import main

LOW_CONTRAST = "AAAAAA"
"""#AAAAAA on white: 2.32:1, below 4.5:1."""
DECORATIVE = ('<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
              '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
              '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
              '</a:ext></a:extLst>')


def run_check(*args: str):
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def picture(tmp_path) -> Path:
    from PIL import Image

    path = tmp_path / "chart.png"
    Image.new("RGB", (40, 30), "#1F4E79").save(path)
    return path


def make_deck(path: Path, picture: Path, *, broken: bool) -> Path:
    """A three-slide deck; the broken one repeats a title, omits alt text and has low-contrast text."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.core_properties.title = "Testdeck"
    titles = ["Inleiding", "Resultaten", "Resultaten" if broken else "Conclusies"]
    for title in titles:
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        slide.shapes.title.text = title
    shapes = deck.slides[1].shapes
    image = shapes.add_picture(str(picture), Inches(1), Inches(2), Inches(4), Inches(3))
    image._element.nvPicPr.cNvPr.set("descr", "" if broken else "Staafdiagram: 64% noemt de burgertop")
    box = shapes.add_textbox(Inches(5.5), Inches(2), Inches(3), Inches(1))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "Toelichting bij de grafiek"
    run.font.size = Pt(14)
    run.font.color.rgb = RGBColor.from_string(LOW_CONTRAST if broken else "1F1F1F")
    deck.save(path)
    return path


def make_briefing(path: Path, picture: Path, *, broken: bool) -> Path:
    """A short briefing; the broken one skips a heading level, omits alt text and has low-contrast text."""
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    document.core_properties.title = "Testbrief"
    for level in (2, 3):
        document.styles[f"Heading {level}"].font.color.rgb = RGBColor.from_string("1F3A5F")
    document.add_heading("Kernboodschap", level=1)
    document.add_paragraph("Twee derde van de ambtenaren noemt de burgertop.")
    document.add_heading("Resultaten", level=3 if broken else 2)
    document.add_picture(str(picture))
    if not broken:
        document.inline_shapes[0]._inline.docPr.set("descr", "Staafdiagram: 64% noemt de burgertop")
    run = document.add_paragraph().add_run("Bron: testpeiling")
    run.font.size = Pt(11)
    run.font.color.rgb = RGBColor.from_string(LOW_CONTRAST if broken else "333333")
    document.save(path)
    return path


def make_untagged_pdf(path: Path) -> Path:
    import pikepdf

    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path)
    return path


def test_broken_deck_reports_each_problem_on_its_own_line(tmp_path, picture, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_deck(tmp_path / "deck.pptx", picture, broken=True)
    result = run_check("deck.pptx")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "deck.pptx: slide 2: picture 'Picture 2' has no alt text (and is not marked decorative)" in lines
    assert "deck.pptx: slide 3: title 'Resultaten' is also the title of slide 2" in lines
    contrast = [line for line in lines if line.startswith("deck.pptx: slide 2: text 'Toelichting")]
    assert len(contrast) == 1 and "#AAAAAA on #FFFFFF" in contrast[0] and "needs 4.5:1" in contrast[0]


def test_broken_briefing_reports_each_problem_on_its_own_line(tmp_path, picture, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_briefing(tmp_path / "brief.docx", picture, broken=True)
    result = run_check("brief.docx")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("brief.docx: paragraph 3: heading 'Resultaten' is level 3 after heading level 1")
               for line in lines), result.output
    assert any(line.startswith("brief.docx: document.xml: picture 1: picture ") and "has no alt text" in line
               for line in lines), result.output
    assert any(line.startswith("brief.docx: paragraph 5: text 'Bron: testpeiling' in #AAAAAA") for line in lines)


def test_untagged_pdf_fails_every_structure_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_untagged_pdf(tmp_path / "plain.pdf")
    result = run_check("plain.pdf")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for message in ("PDF is not tagged (no /MarkInfo /Marked true)", "PDF has no structure tree (/StructTreeRoot)",
                    "PDF has no document language (/Lang in the catalog)",
                    "PDF has no title (Info /Title or XMP dc:title)"):
        assert f"plain.pdf: {message}" in lines


def test_clean_files_pass_with_a_summary_per_file(tmp_path, picture, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_deck(tmp_path / "deck.pptx", picture, broken=False)
    make_briefing(tmp_path / "brief.docx", picture, broken=False)
    result = run_check("deck.pptx", "brief.docx")
    assert result.exit_code == 0, result.output
    assert "deck.pptx (pptx): passed" in result.output
    assert "brief.docx (docx): passed" in result.output
    assert "2 files checked, 0 with problems." in result.output


def test_json_lists_checks_and_problems(tmp_path, picture, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_deck(tmp_path / "deck.pptx", picture, broken=True)
    make_briefing(tmp_path / "brief.docx", picture, broken=False)
    result = run_check("--json", "deck.pptx", "brief.docx")
    assert result.exit_code == 1
    report = json.loads(result.output)
    deck, brief = report["files"]
    assert report["passed"] is False and brief["passed"] is True
    assert deck["checks"]["slide-titles"] == {"passed": False, "problems": 1}
    assert deck["checks"]["title"]["passed"] is True
    assert {problem["check"] for problem in deck["problems"]} == {"alt-text", "slide-titles", "contrast"}


def test_decorative_picture_needs_no_alt_text(tmp_path, picture):
    path = make_deck(tmp_path / "deck.pptx", picture, broken=False)
    _edit_part(path, "ppt/slides/slide2.xml",
               lambda root: _mark_decorative(root.find(".//{*}pic/{*}nvPicPr/{*}cNvPr")))
    assert check_file(path) == []


def test_typed_bullets_and_blank_spacing_are_found(tmp_path, picture):
    import docx

    document = docx.Document()
    document.core_properties.title = "Lijstjes"
    document.add_paragraph("• eerste punt")
    document.add_paragraph("")
    document.add_paragraph("")
    document.add_paragraph("Slot.")
    path = tmp_path / "lijst.docx"
    document.save(path)
    checks = {problem.check: problem.message for problem in check_file(path)}
    assert "list item typed by hand" in checks["lists"]
    assert checks["empty-paragraphs"].startswith("2 empty paragraphs used as spacing")


def test_table_without_header_row_and_merged_cells(tmp_path, monkeypatch):
    import docx

    document = docx.Document()
    document.core_properties.title = "Tabel"
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 0).merge(table.cell(1, 1))
    path = tmp_path / "tabel.docx"
    document.save(path)
    monkeypatch.chdir(tmp_path)
    messages = [str(problem) for problem in check_file(path) if problem.check == "tables"]
    assert messages == ["tabel.docx: table 1: table has no header row marked (Repeat as header row, w:tblHeader)",
                        "tabel.docx: table 1: table has merged cells"]


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", b"hallo", "cannot check this kind of file"),
    ("deck.pptx", b"not a zip at all", "not an Office file (it is not a zip package)"),
    ("brief.docx", None, "not the expected kind of Office file (no word/document.xml)"),
    ("report.pdf", b"%PDF-1.7\n garbage", "damaged PDF"),
    ("nothing.pdf", b"plain text", "not a PDF"),
    ("bomb.docx", "bomb", "document"),
], ids=["unknown-kind", "pptx-not-zip", "docx-without-document", "pdf-damaged", "pdf-not-pdf", "zip-bomb"])
def test_unreadable_files_exit_2_naming_the_file(tmp_path, monkeypatch, name, content, message):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    if content is None or content == "bomb":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            if content == "bomb":
                archive.writestr("word/document.xml", bytes(64 * 2**20))
    else:
        path.write_bytes(content)
    result = run_check(name)
    assert result.exit_code == 2
    assert f"{name}: " in result.output and message in result.output


def test_damaged_xml_part_exits_2(tmp_path, picture, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = make_deck(tmp_path / "deck.pptx", picture, broken=False)
    _replace_part(path, "ppt/slides/slide1.xml", b"<p:sld><unclosed>")
    result = run_check("deck.pptx")
    assert result.exit_code == 2
    assert "deck.pptx: damaged Office file" in result.output


def _mark_decorative(properties) -> None:
    properties.append(etree.fromstring(DECORATIVE))


def _edit_part(path: Path, name: str, edit) -> None:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(name))
    edit(root)
    _replace_part(path, name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _replace_part(path: Path, name: str, content: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            copy.writestr(info, content if info.filename == name else original.read(info.filename))
    path.write_bytes(buffer.getvalue())


def test_theme_colour_text_is_resolved_for_contrast(tmp_path, picture):
    """White theme text (bg1, lightened further) on the white slide is found through the theme."""
    from pptx import Presentation
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.core_properties.title = "Thema"
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Kleuren"
    run = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1)).text_frame.paragraphs[0].add_run()
    run.text = "Onzichtbaar"
    run.font.size = Pt(12)
    run.font.color.theme_color = MSO_THEME_COLOR.BACKGROUND_1
    path = tmp_path / "thema.pptx"
    deck.save(path)
    problems = [problem for problem in check_file(path) if problem.check == "contrast"]
    assert len(problems) == 1 and "#FFFFFF on #FFFFFF has contrast 1.00:1" in problems[0].message
