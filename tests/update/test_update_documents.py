"""`barometer update` on a generated raad deck and briefing that a user edited, then saved.

The scripted edit of issue 16: move and resize a chart, restyle and rewrite one title, rewrite one
paragraph, add a slide, delete a slide, swap two slides; then new figures arrive (rapportcijfer
6,7 -> 7,1; "Kwaliteit van beleid vergroten" 64% -> 66%). Every new number must show in charts,
tables and untouched text, every edit must survive, the change report must list both, and the
result must validate and open. The same after a LibreOffice open-and-save of the edited file.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
from pathlib import Path

import pytest
import yaml
from docx import Document
from pptx import Presentation
from pptx.util import Emu

from office_checks import (
    CONVERSION_TIMEOUT, DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, SEED_DATA, OfficeCheckError, convert_to_pdf, ooxml_errors,
    pdf_pages, require_office_tools, require_tool, run_cli,
)

STEM = "barometer-burgerparticipatie-raad"
NEW_TITLE = "Het rapportcijfer volgens de wethouder"
NEW_MESSAGE = "De wethouder vat het samen: er is werk aan de winkel."
NEW_PARAGRAPH = "Het rapportcijfer bespreken we in de commissie."
ADDED_TEXT = "Wij gaan hiermee aan de slag."


def _project_args(data: Path) -> list[str]:
    return ["--data", str(data), "--audiences", str(DEFAULT_AUDIENCES), "--template", str(DEFAULT_TEMPLATE)]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A built raad deck and briefing, and findings with two changed figures."""
    work = tmp_path_factory.mktemp("update")
    result = run_cli(["build", *_project_args(SEED_DATA), "--audience", "raad", "--format", "pptx",
                      "--format", "docx", "--out", "out", "--jobs", "1", "--quiet"], cwd=work)
    assert result.returncode == 0, result.stderr
    survey = yaml.safe_load(SEED_DATA.read_text(encoding="utf-8"))
    for theme in survey["themes"]:
        for finding in theme["findings"]:
            if finding["id"] == "rapportcijfer":
                finding["items"][0]["value"] = 7.1
            if finding["id"] == "doelen":
                next(item for item in finding["items"] if item["label"] == "Kwaliteit van beleid vergroten")["value"] = 66
    changed = work / "changed.yaml"
    changed.write_text(yaml.safe_dump(survey, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return work, work / "out" / "raad", changed


def _slide_with(deck, shape_name: str):
    return next(slide for slide in deck.slides if any(shape.name == shape_name for shape in slide.shapes))


def _shape(slide, name: str):
    return next(shape for shape in slide.shapes if shape.name == name)


def _title(slide) -> str:
    return slide.shapes.title.text if slide.shapes.title is not None else ""


def edit_deck(source: Path, target: Path) -> None:
    """The scripted user edit of the deck."""
    deck = Presentation(source)
    chart = _shape(_slide_with(deck, "Grafiek doelstellingen.doelen"), "Grafiek doelstellingen.doelen")
    chart.left, chart.top = chart.left + 200_000, chart.top + 100_000
    chart.width, chart.height = int(chart.width * 0.8), int(chart.height * 0.8)
    title = _slide_with(deck, "Grafiek oordeel.rapportcijfer").shapes.title.text_frame.paragraphs[0]
    title.runs[0].text, title.runs[0].font.bold = NEW_TITLE, True
    for run in title.runs[1:]:
        run._r.getparent().remove(run._r)
    messages = next(slide for slide in deck.slides if _title(slide) == "Kernboodschap")
    body = next(shape for shape in messages.placeholders if shape != messages.shapes.title)
    first = body.text_frame.paragraphs[0]
    first.runs[0].text = NEW_MESSAGE
    for run in first.runs[1:]:
        run._r.getparent().remove(run._r)
    added = deck.slides.add_slide(deck.slide_layouts[1])
    added.shapes.title.text = "Boodschap van de wethouder"
    added.shapes.add_textbox(Emu(500_000), Emu(1_500_000), Emu(6_000_000), Emu(1_000_000)).text_frame.text = ADDED_TEXT
    ids = deck.slides._sldIdLst
    agenda = next(index for index, slide in enumerate(deck.slides) if _title(slide) == "Agenda")
    deleted = list(ids)[agenda]
    deck.part.drop_rel(deleted.rId)
    ids.remove(deleted)
    method, key_figures = list(ids)[2], list(ids)[3]
    ids.remove(key_figures)
    method.addprevious(key_figures)
    deck.save(target)


def edit_briefing(source: Path, target: Path) -> None:
    """The scripted user edit of the briefing: one paragraph rewritten, one added."""
    document = Document(source)
    paragraph = next(p for p in document.paragraphs if "6,7" in p.text and not p.style.name.lower().startswith(("heading", "kop")))
    paragraph.runs[0].text = NEW_PARAGRAPH
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    document.add_paragraph(ADDED_TEXT)
    document.save(target)


def resave_with_libreoffice(path: Path, out_dir: Path) -> Path:
    """`path` opened and saved again in its own format by LibreOffice, as a user of LibreOffice would."""
    out_dir.mkdir(parents=True, exist_ok=True)
    command = ["soffice", f"-env:UserInstallation=file:///tmp/lo-update-{os.getpid()}", "--headless", "--norestore",
               "--convert-to", path.suffix[1:], "--outdir", str(out_dir), str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                               stdin=subprocess.DEVNULL)
    try:
        process.communicate(timeout=CONVERSION_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise OfficeCheckError(f"{path.name}: LibreOffice did not finish") from None
    target = out_dir / path.name
    if not target.is_file():
        raise OfficeCheckError(f"{path.name}: LibreOffice wrote nothing")
    return target


def _update(work: Path, edited: Path, out: Path, data: Path, *extra: str):
    result = run_cli(["update", str(edited), "--out", str(out), *_project_args(data), *extra], cwd=work)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
    return result


def _deck_text(deck) -> str:
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


def _table_cells(deck, name: str) -> list[str]:
    return [cell.text for slide in deck.slides for shape in slide.shapes if shape.name == name and shape.has_table
            for row in shape.table.rows for cell in row.cells]


def _check_updated_deck(edited_path: Path, updated_path: Path) -> None:
    edited, updated = Presentation(edited_path), Presentation(updated_path)
    assert [_title(slide) for slide in updated.slides] != [] and len(updated.slides) == len(edited.slides)
    assert [_title(slide) for slide in updated.slides][:4] == [_title(slide) for slide in edited.slides][:4]
    assert "Agenda" not in [_title(slide) for slide in updated.slides]
    old_chart = _shape(_slide_with(edited, "Grafiek doelstellingen.doelen"), "Grafiek doelstellingen.doelen")
    new_slide = _slide_with(updated, "Grafiek doelstellingen.doelen")
    new_chart = _shape(new_slide, "Grafiek doelstellingen.doelen")
    assert (new_chart.left, new_chart.top, new_chart.width, new_chart.height) == \
        (old_chart.left, old_chart.top, old_chart.width, old_chart.height)
    assert new_chart.image.blob != old_chart.image.blob
    assert "66%" in new_chart._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]
    assert "66%" in _title(new_slide)
    rapport = _slide_with(updated, "Grafiek oordeel.rapportcijfer")
    assert _title(rapport) == NEW_TITLE and rapport.shapes.title.text_frame.paragraphs[0].runs[0].font.bold
    text = _deck_text(updated)
    assert NEW_MESSAGE in text and ADDED_TEXT in text
    assert "7,1" in text and "6,7" not in text
    assert any("7,1" in cell for cell in _table_cells(updated, "Tabel oordeel.rapportcijfer"))
    assert any("66%" in cell for cell in _table_cells(updated, "Tabel doelstellingen.doelen"))


def _check_report(report: str) -> None:
    assert "6,7 -> 7,1" in report and "64% -> 66%" in report
    assert "kept: " in report or '"kind": "kept"' in report


def test_update_brings_new_figures_into_an_edited_deck_and_keeps_the_edits(project, tmp_path):
    work, built, changed = project
    edited, updated = tmp_path / "edited.pptx", tmp_path / "updated.pptx"
    edit_deck(built / f"{STEM}.pptx", edited)
    before = edited.read_bytes()
    result = _update(work, edited, updated, changed)
    assert edited.read_bytes() == before
    _check_updated_deck(edited, updated)
    report = (tmp_path / "updated.changes.txt").read_text(encoding="utf-8")
    assert report == result.stdout.split("Change report written to")[0]
    _check_report(report)
    assert "kept: title: edited by the user" in report and "'agenda:1': not in the file" in report
    require_tool("ooxml-validate", "@ooxml-tools/validate")
    assert ooxml_errors(updated) == []


def test_update_brings_new_figures_into_an_edited_briefing_and_keeps_the_edits(project, tmp_path):
    work, built, changed = project
    edited, updated = tmp_path / "edited.docx", tmp_path / "updated.docx"
    edit_briefing(built / f"{STEM}.docx", edited)
    _update(work, edited, updated, changed, "--json")
    document = Document(updated)
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert NEW_PARAGRAPH in text and ADDED_TEXT in text
    assert "7,1" in text and "6,7" not in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "7,1" in cells and "66%" in cells and "6,7" not in cells
    descriptions = document.element.body.xpath(".//wp:docPr/@descr")
    assert any("66%" in description for description in descriptions)
    report = (tmp_path / "updated.changes.json").read_text(encoding="utf-8")
    _check_report(report)
    require_tool("ooxml-validate", "@ooxml-tools/validate")
    assert ooxml_errors(updated) == []


@pytest.mark.parametrize("suffix", ["pptx", "docx"])
def test_update_with_unchanged_data_changes_nothing(project, tmp_path, suffix):
    work, built, _ = project
    edited, updated = tmp_path / f"edited.{suffix}", tmp_path / f"updated.{suffix}"
    (edit_deck if suffix == "pptx" else edit_briefing)(built / f"{STEM}.{suffix}", edited)
    result = _update(work, edited, updated, SEED_DATA)
    assert updated.read_bytes() == edited.read_bytes(), result.stdout
    assert "0 updated" in result.stdout


def test_a_deleted_slide_is_listed_and_not_restored(project, tmp_path):
    work, built, _ = project
    edited, updated = tmp_path / "edited.pptx", tmp_path / "updated.pptx"
    deck = Presentation(built / f"{STEM}.pptx")
    slide = _slide_with(deck, "Grafiek doelstellingen.doelen")
    identifier = next(entry for entry in deck.slides._sldIdLst if deck.part.related_slide(entry.rId) is slide)
    deck.part.drop_rel(identifier.rId)
    deck.slides._sldIdLst.remove(identifier)
    deck.save(edited)
    listed = _update(work, edited, updated, SEED_DATA)
    assert "'chart:doelstellingen.doelen': not in the file (deleted by the user); not restored" in listed.stdout
    assert updated.read_bytes() == edited.read_bytes()


def test_a_new_finding_is_listed_and_added_with_add_new(tmp_path):
    survey = yaml.safe_load(SEED_DATA.read_text(encoding="utf-8"))
    theme = next(theme for theme in survey["themes"] if any(f["id"] == "rapportcijfer" for f in theme["findings"]))
    theme["findings"] = [finding for finding in theme["findings"] if finding["id"] != "rapportcijfer"]
    older = tmp_path / "older.yaml"
    older.write_text(yaml.safe_dump(survey, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli(["build", *_project_args(older), "--audience", "raad", "--format", "pptx", "--out", "out",
                      "--jobs", "1", "--quiet"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    edited = tmp_path / "out" / "raad" / f"{STEM}.pptx"
    listed = _update(tmp_path, edited, tmp_path / "listed.pptx", SEED_DATA)
    assert "finding oordeel.rapportcijfer: new in the data, not in the file; --add-new adds it" in listed.stdout
    _update(tmp_path, edited, tmp_path / "added.pptx", SEED_DATA, "--add-new")
    deck = Presentation(tmp_path / "added.pptx")
    assert len(deck.slides) == len(Presentation(edited).slides) + 1
    last = deck.slides[len(deck.slides) - 1]
    assert any(shape.name == "Grafiek oordeel.rapportcijfer" for shape in last.shapes) and "6,7" in _title(last)
    require_tool("ooxml-validate", "@ooxml-tools/validate")
    assert ooxml_errors(tmp_path / "added.pptx") == []


@pytest.mark.office
@pytest.mark.parametrize("suffix", ["pptx", "docx"])
def test_tags_survive_a_libreoffice_round_trip_and_update_still_works(project, tmp_path, suffix):
    require_office_tools()
    work, built, changed = project
    edited = tmp_path / f"edited.{suffix}"
    (edit_deck if suffix == "pptx" else edit_briefing)(built / f"{STEM}.{suffix}", edited)
    resaved = resave_with_libreoffice(edited, tmp_path / "libreoffice")
    updated = tmp_path / f"updated.{suffix}"
    result = _update(work, resaved, updated, changed)
    _check_report(result.stdout)
    if suffix == "pptx":
        deck = Presentation(updated)
        chart = _shape(_slide_with(deck, "Grafiek doelstellingen.doelen"), "Grafiek doelstellingen.doelen")
        assert "66%" in chart._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]
        text = _deck_text(deck)
        assert NEW_TITLE in text and NEW_MESSAGE in text and ADDED_TEXT in text and "6,7" not in text
        expected_pages = len(deck.slides)
    else:
        document = Document(updated)
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        assert NEW_PARAGRAPH in text and ADDED_TEXT in text and "7,1" in text
        expected_pages = None
    pdf = convert_to_pdf(updated, tmp_path / "pdf", profile="update")
    pages = pdf_pages(pdf)
    assert pages == expected_pages if expected_pages else pages >= 1
    require_tool("ooxml-validate", "@ooxml-tools/validate")
    assert len(ooxml_errors(updated)) <= len(ooxml_errors(resaved)), "the update added schema errors"


@pytest.mark.office
def test_updated_deck_opens_in_libreoffice_with_every_slide(project, tmp_path):
    require_office_tools()
    work, built, changed = project
    edited, updated = tmp_path / "edited.pptx", tmp_path / "updated.pptx"
    edit_deck(built / f"{STEM}.pptx", edited)
    _update(work, edited, updated, changed)
    assert pdf_pages(convert_to_pdf(updated, tmp_path / "pdf", profile="update")) == len(Presentation(updated).slides)


def test_new_figures_in_a_native_chart_keep_its_formatting(tmp_path):
    result = run_cli(["build", *_project_args(SEED_DATA), "--audience", "raad", "--format", "pptx", "--charts", "native",
                      "--out", "out", "--jobs", "1", "--quiet"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    survey = yaml.safe_load(SEED_DATA.read_text(encoding="utf-8"))
    for theme in survey["themes"]:
        for finding in theme["findings"]:
            if finding["id"] == "doelen":
                finding["items"][0]["value"] = 66
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(survey, allow_unicode=True, sort_keys=False), encoding="utf-8")
    edited, updated = tmp_path / "edited.pptx", tmp_path / "updated.pptx"
    deck = Presentation(tmp_path / "out" / "raad" / f"{STEM}.pptx")
    chart = _shape(_slide_with(deck, "Grafiek doelstellingen.doelen"), "Grafiek doelstellingen.doelen").chart
    chart.has_title = False  # a formatting choice of the user's
    deck.save(edited)
    _update(tmp_path, edited, updated, changed)
    chart = _shape(_slide_with(Presentation(updated), "Grafiek doelstellingen.doelen"), "Grafiek doelstellingen.doelen").chart
    assert 66 in chart.plots[0].series[0].values and not chart.has_title
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    assert 66 in [cell.value for row in workbook.active.iter_rows() for cell in row]
