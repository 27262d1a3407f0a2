"""Template pictures without a description are marked decorative; described ones stay informative."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from lxml import etree

from generator.checks.package import NS
from generator.checks.pptx_file import is_decorative
from generator.template_set import load_template_set
from generator.writers import WriterOptions, get_writer
from generator.writers.decorative import mark_undescribed_pictures
from pptx_fixtures import render_images, short_report

REPO = Path(__file__).resolve().parents[2]
LOCALIZED = REPO / "tests" / "fixtures" / "briefings" / "localized"
PICTURE_XML = (
    '<p:spTree xmlns:p="{p}" xmlns:a="{a}" xmlns:wp="{wp}">'
    '<p:pic><p:nvPicPr><p:cNvPr id="2" name="Logo"/></p:nvPicPr></p:pic>'
    '<p:pic><p:nvPicPr><p:cNvPr id="3" name="Kaart" descr="Kaart van de wijken"/></p:nvPicPr></p:pic>'
    '<p:sp><p:nvSpPr><p:cNvPr id="4" name="Tekst"/></p:nvSpPr></p:sp>'
    '</p:spTree>'
).format(p=NS["p"], a=NS["a"], wp=NS["wp"])


def test_only_undescribed_pictures_are_marked_and_only_once():
    root = etree.fromstring(PICTURE_XML)
    assert mark_undescribed_pictures(root) == 1
    mark_undescribed_pictures(root)
    logo, described, text = root.iter(f"{{{NS['p']}}}cNvPr")
    assert is_decorative(logo)
    assert len(logo.findall("a:extLst/a:ext", NS)) == 1
    assert not is_decorative(described) and not is_decorative(text)


def test_a_logo_without_description_in_a_briefing_header_is_marked_decorative(tmp_path):
    folder = tmp_path / "huisstijl"
    shutil.copytree(LOCALIZED, folder)
    shutil.copy(REPO / "templates" / "default" / "deck.pptx", folder)
    briefing = folder / "briefing.docx"
    with zipfile.ZipFile(LOCALIZED / "briefing.docx") as source, zipfile.ZipFile(briefing, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/header1.xml":
                data = data.replace(b' descr="Logo van de gemeente Voorbeeldstad"', b"")
            target.writestr(item, data)
    report = short_report()
    content = get_writer("docx").write(report, render_images(report, tmp_path / "charts"),
                                       load_template_set(folder), WriterOptions()).content
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        header = etree.fromstring(package.read("word/header1.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    logos = list(header.iter(f"{{{NS['wp']}}}docPr"))
    assert logos and all(is_decorative(properties) for properties in logos)
    charts = list(body.iter(f"{{{NS['wp']}}}docPr"))
    assert charts and not any(is_decorative(properties) for properties in charts)
