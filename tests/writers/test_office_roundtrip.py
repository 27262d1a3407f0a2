"""Office round trip: every built deck and briefing opens in LibreOffice and its PDF shows what the report says.

The seed is built once with the real CLI (all audiences; pptx, docx and pdf). Each deck and
briefing is converted to PDF; the page count must match manifest.json, and `pdftotext` must
find every action title, figure text, key message, key figure and (in briefings) every number
of the data tables that compose put in the report. A deliberately broken file must fail
the same checks.
"""

from __future__ import annotations

import zipfile

import pytest

from office_checks import (
    expected_texts,
    log_line,
    pdf_pages,
    pdf_text,
    missing_texts,
    require_office_tools,
    roundtrip_problems,
    seed_build,
    seed_documents,
    seed_report,
    slide_titles,
)

pytestmark = pytest.mark.office

DOCUMENTS = seed_documents()


@pytest.fixture(scope="session")
def built(tmp_path_factory, pytestconfig):
    require_office_tools()
    build = seed_build(tmp_path_factory)
    log_line(pytestconfig, f"barometer build: {len(build.outputs)} outputs in {build.out}")
    return build


@pytest.fixture
def pdf_dir(tmp_path):
    return tmp_path / "pdf"


@pytest.mark.parametrize(("audience", "format_name"), DOCUMENTS, ids=[f"{a}-{f}" for a, f in DOCUMENTS])
def test_document_converts_and_shows_every_title_and_number(built, audience, format_name, pdf_dir, request):
    output = built.output(audience, format_name)
    assert output.path.is_file(), f"manifest lists {output.path}, which does not exist"
    expected_pages = output.pages
    if format_name == "pptx":
        assert output.pages == len(slide_titles(output.path)), "manifest pages differ from the deck's slides"
    problems = roundtrip_problems(output.path, pdf_dir, expected_pages,
                                  expected_texts(seed_report(audience), format_name), request.config)
    assert problems == []


def test_every_audience_gets_a_pdf_that_matches_the_manifest(built):
    pdfs = [output for output in built.outputs if output.format == "pdf"]
    assert {output.audience for output in pdfs} == {audience for audience, _ in DOCUMENTS}
    for output in pdfs:
        assert output.path.is_file()
        assert pdf_pages(output.path) == output.pages, f"{output.path.name}: page count differs from manifest.json"
        titles = [figure.title for figure in seed_report(output.audience).figures]
        assert missing_texts(titles, pdf_text(output.path)) == [], output.path.name


def test_manifest_lists_every_document_with_its_checksum(built):
    import hashlib

    listed = {(output.audience, output.format) for output in built.outputs}
    assert set(DOCUMENTS) <= listed
    for output in built.outputs:
        assert output.sha256 == hashlib.sha256(output.path.read_bytes()).hexdigest(), output.path.name


# The checker itself: a broken document must not pass ----------------------------------------


def _truncated(path, target):
    data = path.read_bytes()
    target.write_bytes(data[: len(data) // 2])


def _without_last_slide(path, target):
    """A deck whose last slide is dropped from the slide list: one page short of the manifest."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "ppt/presentation.xml":
                start = data.rindex(b"<p:sldId ")
                end = data.index(b"/>", start) + 2
                data = data[:start] + data[end:]
            copy.writestr(info, data)


def _title_replaced(path, target, title):
    """A deck in which one action title was replaced by other text."""
    old = title.replace("&", "&amp;").replace("<", "&lt;").encode()
    replaced = False
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("ppt/slides/slide") and old in data:
                data = data.replace(old, b"Lorem ipsum")
                replaced = True
            copy.writestr(info, data)
    assert replaced, f"title {title!r} not found as one run in the deck"


BROKEN = ["truncated", "slide-missing", "title-replaced"]


@pytest.mark.parametrize("damage", BROKEN, ids=BROKEN)
def test_checker_rejects_a_broken_deck(built, damage, tmp_path):
    output = built.output(DOCUMENTS[0][0], "pptx")
    report = seed_report(output.audience)
    broken = tmp_path / f"broken-{damage}.pptx"
    if damage == "truncated":
        _truncated(output.path, broken)
    elif damage == "slide-missing":
        _without_last_slide(output.path, broken)
    else:
        _title_replaced(output.path, broken, report.figures[0].title)
    problems = roundtrip_problems(broken, tmp_path / "pdf", output.pages, expected_texts(report, "pptx"))
    assert problems, f"a {damage} deck passed the round-trip check"


def test_checker_rejects_a_truncated_briefing(built, tmp_path):
    output = built.output(DOCUMENTS[0][0], "docx")
    broken = tmp_path / "broken.docx"
    _truncated(output.path, broken)
    problems = roundtrip_problems(broken, tmp_path / "pdf", output.pages,
                                  expected_texts(seed_report(output.audience), "docx"))
    assert problems
