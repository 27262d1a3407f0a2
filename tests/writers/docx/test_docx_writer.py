"""The Word briefing: structure per document kind, accessibility, numbers and house style."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from docx.oxml.ns import qn

from docx_fixtures import SOURCE, make_report, render_images, with_extra_heading
from docx_helpers import (
    DOCPR, EXTENT, body_drawings, headings, open_docx, story_roots, table_texts, tables_by_caption,
    with_template_headings, write_briefing,
)
from generator.report import DocumentKind

KINDS = list(DocumentKind)
KIND_IDS = [kind.value for kind in KINDS]
CASES = [(template, kind) for template in ("default", "localized") for kind in KINDS]
CASE_IDS = [f"{template}-{kind.value}" for template, kind in CASES]


@pytest.fixture(scope="session")
def images(tmp_path_factory):
    reports = [make_report(kind) for kind in KINDS]
    return render_images(reports, tmp_path_factory.mktemp("charts"))


@pytest.fixture(scope="session")
def briefings(images):
    """Every document kind written with the default and the localized template."""
    return {(template, kind): write_briefing(with_template_headings(make_report(kind), template), template, images)
            for template, kind in CASES}


@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_python_docx_reopens_every_briefing_with_every_picture(briefings, template, kind):
    document = open_docx(briefings[template, kind])
    assert len(body_drawings(document)) == len(make_report(kind).figures) > 0


@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_every_picture_is_described_by_its_chart_alt_text(briefings, template, kind):
    document = open_docx(briefings[template, kind])
    descriptions = [element.get("descr") for element in body_drawings(document)]
    assert descriptions == [chart.alt_text for chart in make_report(kind).charts]


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_drawing_ids_are_unique_across_body_and_header(briefings, kind):
    roots = story_roots(briefings["localized", kind])
    ids = [element.get("id") for root in roots.values() for element in root.iter(DOCPR)]
    header_drawings = [e for name, root in roots.items() if "header" in name for e in root.iter(DOCPR)]
    assert header_drawings, "the localized template has a logo in its header"
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_headings_are_heading_styles_in_order_without_skipped_levels(briefings, template, kind):
    levels = [level for level, _ in headings(open_docx(briefings[template, kind]))]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:]))


def test_a_heading_block_that_jumps_levels_is_brought_in_line(images):
    report = with_extra_heading(make_report(DocumentKind.RAPPORTAGE))
    found = headings(open_docx(write_briefing(report, "default", images)))
    levels = [level for level, _ in found]
    assert (2, "Toelichting per doel") in found
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:]))


@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_no_empty_headings_or_stray_empty_paragraphs(briefings, template, kind):
    document = open_docx(briefings[template, kind])
    for paragraph in document.paragraphs:
        has_drawing = bool(paragraph._p.findall(".//" + qn("w:drawing")))
        assert paragraph.text.strip() or has_drawing, f"empty paragraph in style {paragraph.style.name}"


@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_each_chart_has_a_data_table_holding_its_numbers(briefings, template, kind):
    document = open_docx(briefings[template, kind])
    tables = tables_by_caption(document)
    for number, chart in enumerate(make_report(kind).charts, start=1):
        table = tables[f"Tabel {number}. {chart.table.caption}"]
        assert table_texts(table) == [chart.table.header, *chart.table.rows]


@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_tables_repeat_a_marked_header_row_and_rows_do_not_split(briefings, template, kind):
    document = open_docx(briefings[template, kind])
    assert document.tables
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge | .//w:hMerge")
        assert all(cell.findall(qn("w:p")) for cell in table._tbl.iter(qn("w:tc")))


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_figures_have_numbered_captions_in_the_caption_style(briefings, kind):
    document = open_docx(briefings["default", kind])
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Figuur")]
    expected = [f"Figuur {n}. {chart.caption}" for n, chart in enumerate(make_report(kind).charts, start=1)]
    assert captions == expected


@pytest.mark.parametrize(("kind", "in_appendix"), [(DocumentKind.RAADSINFORMATIEBRIEF, True),
                                                   (DocumentKind.RAPPORTAGE, False)], ids=["appendix", "inline"])
def test_data_tables_go_to_the_appendix_when_the_report_asks(briefings, kind, in_appendix):
    """A letter keeps its body short: every chart and table goes to one appendix; a full report shows them inline."""
    document = open_docx(briefings["default", kind])
    body = list(document.element.body)
    appendix = [i for i, e in enumerate(body) if e.tag == qn("w:p")
                and "".join(e.xpath(".//w:t/text()")).startswith("Bijlage")]
    first_table = next(i for i, e in enumerate(body) if e.tag == qn("w:tbl"))
    first_picture = min(i for i, e in enumerate(body) if list(e.iter(DOCPR)))
    last_picture = max(i for i, e in enumerate(body) if list(e.iter(DOCPR)))
    assert bool(appendix) == in_appendix
    if in_appendix:
        assert "".join(body[appendix[0]].xpath(".//w:t/text()")) == "Bijlage: grafieken en tabellen"
        assert appendix[0] < first_picture and appendix[0] < first_table
    else:
        assert first_table > first_picture and first_table < last_picture, "tables stay next to their charts"


@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_pictures_are_never_wider_than_the_text_column(briefings, template, kind):
    document = open_docx(briefings[template, kind])
    section = document.sections[-1]
    column = section.page_width - section.left_margin - section.right_margin
    widths = [int(extent.get("cx")) for extent in document.element.body.iter(EXTENT)]
    assert widths and max(widths) <= column


def test_raadsinformatiebrief_has_header_block_and_the_known_structure(briefings):
    document = open_docx(briefings["default", DocumentKind.RAADSINFORMATIEBRIEF])
    text = "\n".join(p.text for p in document.paragraphs)
    for label, value in make_report(DocumentKind.RAADSINFORMATIEBRIEF).header_fields:
        assert f"{label}:\t{value}" in text
    chapters = [title for level, title in headings(document) if level == 1]
    assert chapters == ["Kernboodschap", "Aanleiding", "Resultaten", "Vervolg", "Bijlage: grafieken en tabellen"]


def test_rapportage_has_a_title_page_and_a_contents_list_linked_to_every_chapter(briefings):
    document = open_docx(briefings["default", DocumentKind.RAPPORTAGE])
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    contents = [p for p in paragraphs if re.fullmatch(r"toc \d", p.style.name.lower())]
    listed = [p.text.strip() for p in contents]
    chapters = [title for level, title in headings(document) if level <= 2]
    assert listed == chapters
    bookmarks = {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}
    anchors = [link.get(qn("w:anchor")) for p in contents for link in p._p.iter(qn("w:hyperlink"))]
    assert anchors and set(anchors) <= bookmarks
    assert all("PAGEREF" in "".join(p._p.xpath(".//w:instrText/text()")) for p in contents)


def test_samenvatting_is_short_and_puts_the_method_last(briefings):
    document = open_docx(briefings["default", DocumentKind.SAMENVATTING])
    chapters = [title for level, title in headings(document) if level == 1]
    assert chapters[0] == "In het kort"
    assert chapters[-2:] == ["Over het onderzoek", "Bijlage: tabellen"]
    assert not [p for p in document.paragraphs if p.style.name.lower().startswith("toc ")]


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_key_messages_and_key_figures_keep_their_numbers(briefings, kind):
    text = "\n".join(p.text for p in open_docx(briefings["default", kind]).paragraphs)
    report = make_report(kind)
    for message in report.key_messages:
        assert message in text
    for figure in report.key_figures.figures:
        assert f"{figure.value} {figure.label}" in text
    assert report.date_text in text


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_document_language_is_dutch_on_styles_and_core_properties(briefings, kind):
    document = open_docx(briefings["default", kind])
    default_lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert default_lang.get(qn("w:val")) == "nl-NL"
    properties = document.core_properties
    report = make_report(kind)
    assert (properties.language, properties.title, properties.author) == ("nl-NL", report.title, report.author)
    assert properties.subject == report.subtitle
    assert properties.created.date() == properties.modified.date() == report.date


def test_the_same_report_gives_the_same_bytes(images):
    report = make_report(DocumentKind.RAPPORTAGE)
    assert write_briefing(report, "default", images) == write_briefing(report, "default", images)


@pytest.mark.parametrize(("template", "expected"), [("default", "Pagina"), ("localized", "Blad")],
                         ids=["template-footer", "added-footer"])
def test_every_briefing_has_exactly_one_page_number_in_its_footer(briefings, template, expected):
    roots = story_roots(briefings[template, DocumentKind.MEMO])
    footers = [root for name, root in roots.items() if "footer" in name]
    instructions = [t.text.strip() for root in footers for t in root.iter(qn("w:instrText"))]
    assert instructions.count("PAGE") == 1
    assert any(expected in "".join(root.itertext()) for root in footers)


def test_localized_template_is_used_through_its_own_style_names(briefings):
    document = open_docx(briefings["localized", DocumentKind.RAADSINFORMATIEBRIEF])
    used = {p.style.name for p in document.paragraphs}
    assert {"Titel", "Kop 1", "Kop 2", "Bijschrift", "Bronvermelding gemeente", "Adresregel"} <= used
    assert not used & {"Title", "Heading 1", "Caption"}
    assert [t for level, t in headings(document) if level == 1][0] == "Kern van de zaak"


def test_a_dotx_template_gives_a_word_document(images):
    report = make_report(DocumentKind.MEMO)
    content = write_briefing(report, "dotx", images)
    import io
    import zipfile

    types = zipfile.ZipFile(io.BytesIO(content)).read("[Content_Types].xml")
    assert b"wordprocessingml.document.main+xml" in types and b"template.main" not in types
    assert len(body_drawings(open_docx(content))) == len(report.figures)


def test_control_characters_in_text_are_removed_not_fatal(images):
    report = make_report(DocumentKind.MEMO, title="Barometer\x0b Burgerparticipatie\x01",
                         key_messages=("Zes op de tien\x1f ambtenaren",))
    document = open_docx(write_briefing(report, "default", images))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Barometer Burgerparticipatie" in text and "Zes op de tien ambtenaren" in text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)


def test_a_missing_chart_image_is_reported_by_chart_id(images):
    from generator.writers.docx.render import MissingImageError

    report = make_report(DocumentKind.MEMO)
    missing = report.charts[0].chart_id
    with pytest.raises(MissingImageError, match=missing):
        write_briefing(report, "default", {k: v for k, v in images.items() if k != missing})


def test_core_dates_come_from_the_report_not_the_clock(images):
    report = make_report(DocumentKind.SAMENVATTING, date=dt.date(2025, 3, 4), date_text="4 maart 2025")
    document = open_docx(write_briefing(report, "default", images))
    assert document.core_properties.created.date() == dt.date(2025, 3, 4)
    assert SOURCE in [p.text for p in document.paragraphs]
    assert "4 maart 2025" in "\n".join(p.text for p in document.paragraphs)


def test_every_numbered_list_starts_at_one(images):
    from dataclasses import replace

    from generator.report import BulletList

    report = make_report(DocumentKind.MEMO)
    steps = BulletList(("Eerste stap", "Tweede stap"), numbered=True)
    report = replace(report, introduction=report.introduction + (steps,), closing=(steps,))
    document = open_docx(write_briefing(report, "default", images))
    numbered = [p for p in document.paragraphs if p.text in ("Eerste stap", "Tweede stap")]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] != ids[2] == ids[3]
    numbering = document.part.numbering_part.element
    for num_id in {ids[0], ids[2]}:
        start = numbering.num_having_numId(num_id).find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start.get(qn("w:val")) == "1"


def test_a_table_cell_left_without_a_paragraph_gets_one_before_saving():
    import docx

    from generator.writers.docx.accessibility import ensure_cell_paragraphs

    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 1)._tc
    for paragraph in cell.findall(qn("w:p")):
        cell.remove(paragraph)
    assert ensure_cell_paragraphs(document) == 1
    assert all(tc.findall(qn("w:p")) for tc in document.element.body.iter(qn("w:tc")))


def test_the_template_statistics_are_not_carried_into_the_briefing(briefings):
    import io
    import zipfile

    app = zipfile.ZipFile(io.BytesIO(briefings["default", DocumentKind.MEMO])).read("docProps/app.xml")
    assert b"<Pages>" not in app and b"Microsoft" not in app
    assert not [name for name in zipfile.ZipFile(io.BytesIO(briefings["default", DocumentKind.MEMO])).namelist()
                if "thumbnail" in name]


def test_a_template_edited_between_two_briefings_is_read_again(images, tmp_path):
    import shutil
    import zipfile

    from docx_helpers import TEMPLATES
    from generator.template_set import load_template_set
    from generator.writers import WriterOptions, get_writer

    folder = shutil.copytree(TEMPLATES["default"], tmp_path / "template")
    report = make_report(DocumentKind.MEMO)

    def title_style() -> str:
        content = get_writer("docx").write(report, images, load_template_set(folder), WriterOptions()).content
        return open_docx(content).paragraphs[0].style.name

    before = title_style()
    template = folder / "briefing.docx"
    with zipfile.ZipFile(template) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b'w:name w:val="Title"', b'w:name w:val="Huistitel"')
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert (before, title_style()) == ("Title", "Huistitel")
