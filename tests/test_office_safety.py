"""Office packages from users are judged by what their parts are, with limits enforced while inflating."""

from __future__ import annotations

import io
import shutil
import tracemalloc
import zipfile

import pytest

from generated_inputs.security import LAYOUT_RELS, _relationship, _rewrite, understate_member
from generator.errors import InputError
from generator.office_safety import check_office_file, check_workbook
from office_checks import DEFAULT_TEMPLATE

MAIN = "ppt/presentation.xml"


@pytest.fixture
def deck(tmp_path):
    path = tmp_path / "deck.pptx"
    shutil.copy(DEFAULT_TEMPLATE / "deck.pptx", path)
    return path


def refusal(path) -> str:
    with pytest.raises(InputError) as caught:
        check_office_file(path, MAIN)
    return str(caught.value)


def test_understated_member_is_refused_with_bounded_memory(deck):
    understate_member(deck, "ppt/media/padding.bin")
    tracemalloc.start()
    try:
        message = refusal(deck)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "'ppt/media/padding.bin' inflates to more than its declared size (possible zip bomb)" in message
    assert peak < 10 * 2**20


def test_duplicate_part_names_differing_only_in_case_are_refused(deck):
    _rewrite(deck, extra={"PPT/Presentation.xml": b"<p:presentation/>"})
    assert "package part 'PPT/Presentation.xml' occurs twice" in refusal(deck)


def test_encrypted_member_is_refused(deck):
    data = bytearray(deck.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(MAIN)
        central = data.rfind(b"PK\x01\x02" + bytes(data[info.header_offset + 4:info.header_offset + 6]))
    while data[central + 46:central + 46 + len(MAIN)] != MAIN.encode():
        central = data.rfind(b"PK\x01\x02", 0, central)
    data[central + 8] |= 0x1
    data[info.header_offset + 6] |= 0x1
    deck.write_bytes(bytes(data))
    assert f"package part '{MAIN}' is encrypted" in refusal(deck)


def test_dtd_in_any_xml_part_is_refused(deck):
    with zipfile.ZipFile(deck) as archive:
        slide = archive.read("ppt/slideLayouts/slideLayout1.xml")
    laughs = b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    declaration, _, rest = slide.partition(b"?>")
    _rewrite(deck, changes={"ppt/slideLayouts/slideLayout1.xml": declaration + b"?>" + laughs + rest})
    assert "declares a DTD or entities" in refusal(deck)


@pytest.mark.parametrize("relationship", [
    _relationship("image", "file:///etc/passwd", mode="Internal"),
    _relationship("image", "//server.invalid/share/logo.png", mode="Internal"),
    _relationship("image", "http://example.invalid/logo.png", mode=" External "),
    _relationship("frame", "http://example.invalid/page.html", mode="external"),
], ids=["scheme-without-mode", "network-path", "padded-mode", "lower-case-mode"])
def test_targets_outside_the_package_are_external_however_written(deck, relationship):
    _rewrite(deck, relationships={LAYOUT_RELS: relationship})
    assert "links to external content" in refusal(deck)


def test_external_hyperlink_is_kept(deck):
    _rewrite(deck, relationships={LAYOUT_RELS: _relationship("hyperlink", "https://www.example.nl/")})
    check_office_file(deck, MAIN)


def test_macro_enabled_main_part_is_refused(deck):
    with zipfile.ZipFile(deck) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                          b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    _rewrite(deck, changes={"[Content_Types].xml": types})
    assert "template contains macros (part ppt/presentation.xml" in refusal(deck)


def test_relationships_part_with_another_root_is_refused(deck):
    _rewrite(deck, changes={LAYOUT_RELS: b'<?xml version="1.0"?><Relationships xmlns="urn:other">'
                                         + _relationship("image", "http://example.invalid/x.png").encode()
                                         + b"</Relationships>"})
    assert f"package part '{LAYOUT_RELS}' is not a valid slideLayout1.xml.rels part" in refusal(deck)


def test_deck_with_a_native_chart_is_accepted(tmp_path):
    """A chart's data is an embedded workbook (relationship type "package"); that is not an embedded object."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    presentation = Presentation(str(DEFAULT_TEMPLATE / "deck.pptx"))
    slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    data = CategoryChartData()
    data.categories = ["Huisarts", "Speelplek"]
    data.add_series("Aandeel", (31, 25))
    slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(1), Inches(1), Inches(4), Inches(3), data)
    path = tmp_path / "deck.pptx"
    presentation.save(str(path))
    check_office_file(path, MAIN)


def test_ordinary_workbook_is_accepted(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["theme", "finding", "kind", "question", "item", "value"])
    path = tmp_path / "findings.xlsx"
    workbook.save(path)
    check_workbook(path)
