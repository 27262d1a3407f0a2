"""Finding the house style's styles and reading the `briefing:` settings, with clear errors."""

from __future__ import annotations

import io
import shutil
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from docx_fixtures import make_report
from docx_helpers import TEMPLATES
from generator.errors import InputError
from generator.report import DocumentKind
from generator.template_set import load_template_set
from generator.writers.docx.package import open_template
from generator.writers.docx.settings import load_briefing_settings
from generator.writers.docx.styles import resolve_styles

DEFAULT_DOCX = TEMPLATES["default"] / "briefing.docx"
LOCALIZED_DOCX = TEMPLATES["localized"] / "briefing.docx"


def _resolve(template_dir):
    template = load_template_set(template_dir)
    settings = load_briefing_settings(template.section("briefing"), template.settings_path)
    path = template.require("briefing")
    return resolve_styles(open_template(path), settings, path)


def _template_without(style_ids: set[str], tmp_path, rename: dict[str, str] | None = None):
    document = docx.Document(str(DEFAULT_DOCX))
    for style in list(document.styles.element.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) in style_ids:
            document.styles.element.remove(style)
        elif rename and style.get(qn("w:styleId")) in rename:
            style.find(qn("w:name")).set(qn("w:val"), rename[style.get(qn("w:styleId"))])
            style.set(qn("w:styleId"), rename[style.get(qn("w:styleId"))].replace(" ", ""))
    folder = tmp_path / "huisstijl"
    folder.mkdir(exist_ok=True)
    document.save(str(folder / "briefing.docx"))
    return folder


def test_dutch_style_names_are_found_without_any_mapping(tmp_path):
    folder = tmp_path / "nl"
    folder.mkdir()
    shutil.copy(LOCALIZED_DOCX, folder / "briefing.docx")
    styles = _resolve(folder)
    found = {role: styles[role].name for role in ("title", "heading_1", "heading_2", "caption", "list_bullet",
                                                  "body", "strong", "footer")}
    assert found == {"title": "Titel", "heading_1": "Kop 1", "heading_2": "Kop 2", "caption": "Bijschrift",
                     "list_bullet": "Lijstopsommingsteken", "body": "Standaard", "strong": "Zwaar",
                     "footer": "Voettekst"}
    assert styles["source"].name == "Bijschrift", "an unmapped house source style falls back to the caption"


def test_a_heading_style_with_an_unknown_name_is_found_by_its_outline_level(tmp_path):
    folder = _template_without(set(), tmp_path, rename={"Heading2": "Tussenkop"})
    assert _resolve(folder)["heading_2"].name == "Tussenkop"


def test_the_deepest_heading_level_follows_the_template(tmp_path):
    folder = _template_without({"Heading3", "Heading4"}, tmp_path)
    assert _resolve(folder).max_heading_level == 2


@pytest.mark.parametrize(("style_id", "role"), [("Caption", "caption"), ("Title", "title")], ids=["caption", "title"])
def test_a_missing_required_style_is_named_in_the_error(tmp_path, style_id, role):
    folder = _template_without({style_id}, tmp_path)
    with pytest.raises(InputError) as raised:
        _resolve(folder)
    message = str(raised.value)
    assert "briefing.docx" in message and f"briefing.styles.{role}" in message and "not found" in message


def test_a_template_without_a_list_style_writes_lists_in_the_body_style(tmp_path):
    """The writer then numbers the paragraphs itself (tests/test_house_styles.py), never unbulleted text."""
    styles = _resolve(_template_without({"ListBullet", "ListNumber"}, tmp_path))
    assert styles["list_bullet"] is styles["body"] is styles["list_number"]


def test_a_mapped_style_that_does_not_exist_points_at_its_template_yaml_line(write_file):
    folder = write_file("huisstijl/template.yaml", "briefing:\n  styles:\n    body: Normal\n    caption: Onderschrift\n").parent
    shutil.copy(DEFAULT_DOCX, folder / "briefing.docx")
    with pytest.raises(InputError) as raised:
        _resolve(folder)
    (problem,) = raised.value.problems
    assert (problem.line, problem.field) == (4, "briefing.styles.caption")
    assert "'Onderschrift'" in problem.message and "Caption" in problem.message


def test_every_bad_briefing_setting_is_reported_at_once_with_its_line(write_file):
    path = write_file("template.yaml", "\n".join([
        "briefing:",
        "  styles:",
        "    kop: Heading 1",
        "  headings:",
        "    nieuwsbrief: {}",
        "    memo:",
        "      kernboodschap: Kern",
        "  labels:",
        "    table_in_appendix: Zie de bijlage",
        "  max_picture_height: 3",
        "  kleur: rood",
    ]) + "\n")
    template = load_template_set(path.parent)
    with pytest.raises(InputError) as raised:
        load_briefing_settings(template.section("briefing"), template.settings_path)
    located = {(problem.field, problem.line) for problem in raised.value.problems}
    assert located == {("briefing.styles.kop", 3), ("briefing.headings.nieuwsbrief", 5),
                       ("briefing.headings.memo.kernboodschap", 7), ("briefing.labels.table_in_appendix", 9),
                       ("briefing.max_picture_height", 10), ("briefing.kleur", 11)}


def test_heading_texts_and_labels_are_configurable(write_file, tmp_path):
    folder = write_file("huis/template.yaml", "\n".join([
        "briefing:",
        "  headings:",
        "    memo:",
        "      key_messages: Waar het om gaat",
        "  labels:",
        "    figure: Afbeelding",
    ]) + "\n").parent
    shutil.copy(DEFAULT_DOCX, folder / "briefing.docx")
    from docx_fixtures import render_images

    from generator.headings import template_headings
    from generator.writers import WriterOptions, get_writer

    template = load_template_set(folder)
    report = make_report(DocumentKind.MEMO, headings=template_headings(template, DocumentKind.MEMO))
    images = render_images([report], tmp_path)
    content = get_writer("docx").write(report, images, template, WriterOptions()).content
    text = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert "Waar het om gaat" in text
    assert any(line.startswith("Afbeelding 1. ") for line in text)


def _with_entry(source, name: str, content: bytes, target) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == name:
                data = content
            copy.writestr(info, data)


def test_a_template_with_external_links_is_refused_before_opening(tmp_path):
    folder = tmp_path / "extern"
    folder.mkdir()
    rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="word/document.xml"/>'
            b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'image" Target="http://example.invalid/x.png" TargetMode="External"/></Relationships>')
    _with_entry(DEFAULT_DOCX, "_rels/.rels", rels, folder / "briefing.docx")
    with pytest.raises(InputError, match="external"):
        _resolve(folder)


def test_a_file_that_is_not_a_word_document_is_an_input_error(tmp_path):
    folder = tmp_path / "kapot"
    folder.mkdir()
    (folder / "briefing.docx").write_text("geen zip", encoding="utf-8")
    with pytest.raises(InputError, match="not an Office file"):
        _resolve(folder)


def test_mapping_a_built_in_english_name_still_finds_the_dutch_style(write_file):
    folder = write_file("nl/template.yaml", "briefing:\n  styles:\n    heading_1: Heading 1\n    caption: Caption\n").parent
    shutil.copy(LOCALIZED_DOCX, folder / "briefing.docx")
    styles = _resolve(folder)
    assert (styles["heading_1"].name, styles["caption"].name) == ("Kop 1", "Bijschrift")
