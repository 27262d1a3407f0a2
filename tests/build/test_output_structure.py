"""Structure of every built deck and briefing: what makes PowerPoint and Word open it without repair.

python-pptx/python-docx reopen it; shape ids are unique per slide (pptx) and drawing ids per
document (docx); every internal relationship resolves; every picture has a description; every
slide a unique, filled title; the language is nl-NL; the core title is set; and the Open XML
SDK validator reports no error. Each checker is also shown a damaged file and must object.
"""

from __future__ import annotations

import re
import zipfile

import pytest

from office_checks import (
    all_structure_problems,
    core_title,
    native_chart_decks,
    ooxml_errors,
    require_tool,
    seed_build,
    seed_documents,
    seed_report,
)

DOCUMENTS = seed_documents()
IDS = [f"{audience}-{name}" for audience, name in DOCUMENTS]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    return seed_build(tmp_path_factory)


@pytest.mark.parametrize(("audience", "format_name"), DOCUMENTS, ids=IDS)
def test_document_is_structurally_sound(built, audience, format_name):
    output = built.output(audience, format_name)
    assert all_structure_problems(output.path) == []
    assert core_title(output.path) == seed_report(audience).title


@pytest.mark.office
@pytest.mark.parametrize(("audience", "format_name"), DOCUMENTS, ids=IDS)
def test_open_xml_validator_finds_no_error(built, audience, format_name):
    require_tool("ooxml-validate", "the Open XML validator (npm install -g @ooxml-tools/validate)")
    assert ooxml_errors(built.output(audience, format_name).path) == []


AUDIENCE_IDS = sorted({audience for audience, _ in DOCUMENTS})


@pytest.mark.office
@pytest.mark.parametrize("audience", AUDIENCE_IDS, ids=AUDIENCE_IDS)
def test_deck_with_native_charts_is_sound_and_valid(tmp_path_factory, audience):
    require_tool("ooxml-validate", "the Open XML validator (npm install -g @ooxml-tools/validate)")
    deck = native_chart_decks(tmp_path_factory)[audience]
    assert all_structure_problems(deck) == []
    assert ooxml_errors(deck) == []


# Each checker must object to a damaged file ------------------------------------------------


def _rewrite(source, target, part_pattern, change):
    """Copy a package, passing the XML of parts matching `part_pattern` through `change` (first match only)."""
    done = False
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if not done and re.fullmatch(part_pattern, info.filename):
                changed = change(data)
                done = changed != data
                data = changed
            copy.writestr(info, data)
    assert done, f"no part matching {part_pattern} could be damaged"


SLIDES = r"ppt/slides/slide\d+\.xml"
DAMAGES = {
    "pptx-duplicate-shape-id": ("pptx", SLIDES, lambda xml: re.sub(rb'(<p:cNvPr id=")\d+"', rb'\g<1>2"', xml)),
    "pptx-picture-without-description": ("pptx", SLIDES,
                                         lambda xml: re.sub(rb'(<p:pic>.*?<p:cNvPr [^>]*?)descr="[^"]*"', rb"\1",
                                                            xml, count=1, flags=re.S)),
    "pptx-dangling-relationship": ("pptx", r"ppt/slides/_rels/slide\d+\.xml\.rels",
                                   lambda xml: xml.replace(b'Target="../', b'Target="../missing/', 1)),
    "pptx-empty-title": ("pptx", SLIDES,
                         lambda xml: re.sub(rb'(<p:ph type="(?:ctr)?[tT]itle"/>.*?<a:t>)[^<]*', rb"\1", xml,
                                            count=1, flags=re.S)),
    "pptx-english-text": ("pptx", SLIDES, lambda xml: xml.replace(b'lang="nl-NL"', b'lang="en-US"', 1)),
    "docx-duplicate-drawing-id": ("docx", r"word/document\.xml",
                                  lambda xml: re.sub(rb'(<wp:docPr id=")\d+"', rb'\g<1>1"', xml)),
    "docx-picture-without-description": ("docx", r"word/document\.xml",
                                         lambda xml: re.sub(rb'(<wp:docPr [^>]*?)descr="[^"]*"', rb"\1", xml, count=1)),
    "docx-no-language": ("docx", r"word/styles\.xml", lambda xml: xml.replace(b'w:val="nl-NL"', b'w:val="en-US"')),
    "docx-no-title": ("docx", r"docProps/core\.xml", lambda xml: re.sub(rb"<dc:title>[^<]*</dc:title>", b"", xml)),
}


@pytest.mark.parametrize("damage", list(DAMAGES), ids=list(DAMAGES))
def test_structure_check_rejects_a_damaged_file(built, damage, tmp_path):
    format_name, part, change = DAMAGES[damage]
    source = built.output(DOCUMENTS[0][0], format_name).path
    damaged = tmp_path / f"damaged.{format_name}"
    _rewrite(source, damaged, part, change)
    problems = all_structure_problems(damaged)
    assert problems, f"{damage}: the structure check passed a damaged file"


@pytest.mark.office
def test_open_xml_validator_rejects_an_invalid_element(built, tmp_path):
    require_tool("ooxml-validate", "the Open XML validator (npm install -g @ooxml-tools/validate)")
    damaged = tmp_path / "invalid.pptx"
    _rewrite(built.output(DOCUMENTS[0][0], "pptx").path, damaged, SLIDES,
             lambda xml: xml.replace(b"<p:cSld>", b"<p:cSld><p:bogus/>", 1))
    errors = ooxml_errors(damaged)
    assert errors and "bogus" in errors[0]


@pytest.mark.office
def test_open_xml_validator_rejects_a_truncated_file(built, tmp_path):
    require_tool("ooxml-validate", "the Open XML validator (npm install -g @ooxml-tools/validate)")
    source = built.output(DOCUMENTS[0][0], "docx").path
    damaged = tmp_path / "truncated.docx"
    damaged.write_bytes(source.read_bytes()[:-2000])
    assert ooxml_errors(damaged)


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)],
                         ids=["ci-fails", "local-skips"])
def test_a_missing_office_tool_fails_in_ci_and_skips_locally(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="no-such-office-tool"):
        require_tool("no-such-office-tool", "nothing")
