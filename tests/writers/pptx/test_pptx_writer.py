"""Decks as a user gets them: in the default and in other house styles, pictures or native charts."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from generator.report import ChartSpec, Series
from generator.template_set import load_template_set
from generator.writers import WriterOptions, get_writer
from generator.writers.pptx.plan import DeckMapping, plan_deck
from pptx_checks import NS, dangling_relationships, duplicate_shape_ids, notes_text, parts, slide_names
from pptx_fixtures import LONG_TITLE, REPORT_DATE, SOURCE, render_images, sample_report, short_report

REPO = Path(__file__).resolve().parents[3]
TEMPLATES = {
    "default": REPO / "templates" / "default",
    "gemeente43": REPO / "tests" / "fixtures" / "decks" / "gemeente43",
    "potx": REPO / "tests" / "fixtures" / "decks" / "sjabloon",
}
CASES = [(template, native) for template in TEMPLATES for native in (False, True)]
CASE_IDS = [f"{template}-{'native' if native else 'picture'}" for template, native in CASES]


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    return render_images(sample_report(), tmp_path_factory.mktemp("charts"))


@pytest.fixture(scope="module")
def decks(images):
    """Every template x chart mode, written once for the whole module."""
    report = sample_report()
    written = {}
    for template, native in CASES:
        document = get_writer("pptx").write(report, images, load_template_set(TEMPLATES[template]),
                                            WriterOptions(native_charts=native))
        written[(template, native)] = document
    return written


@pytest.fixture(params=CASES, ids=CASE_IDS)
def deck(request, decks):
    return decks[request.param]


def reopen(content: bytes):
    return Presentation(io.BytesIO(content))


def title_of(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def test_python_pptx_reopens_the_deck_with_every_slide(deck):
    presentation = reopen(deck.content)
    assert len(presentation.slides) == deck.pages
    assert deck.charts == 9


def test_every_slide_has_a_unique_title_in_its_title_placeholder_read_first(deck):
    titles = []
    for slide in reopen(deck.content).slides:
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip()
        first = slide.shapes[0]
        assert first.shape_id == title.shape_id, "the title must come first in reading order"
        titles.append(title.text_frame.text)
    assert len(titles) == len(set(titles))


def test_every_chart_has_its_alt_text_as_description(deck):
    report = sample_report()
    expected = {chart.alt_text for chart in report.charts}
    package = parts(deck.content)
    found = []
    for name in slide_names(deck.content):
        root = etree.fromstring(package[name])
        for frame in list(root.iterfind(".//p:pic", NS)) + list(root.iterfind(".//p:graphicFrame", NS)):
            if frame.find(".//a:tbl", NS) is not None:
                continue  # a chart's data table, described by its caption
            description = frame.find(".//p:cNvPr", NS).get("descr")
            assert description, f"{name}: picture or chart without description"
            found.append(description)
    assert set(found) == expected


@pytest.mark.parametrize("native", [False, True], ids=["picture", "native"])
def test_the_whole_source_line_is_in_the_default_templates_footer(decks, native):
    presentation = reopen(decks[("default", native)].content)
    for slide in list(presentation.slides)[1:]:
        footers = [shape for shape in slide.placeholders if "FOOTER" in str(shape.placeholder_format.type)]
        if title_of(slide) != "Vragen? Neem contact op":
            assert [shape.text_frame.text for shape in footers] == [SOURCE]


def test_figure_slides_have_the_action_title_and_notes_with_the_numbers(deck):
    report = sample_report()
    presentation = reopen(deck.content)
    titles = [title_of(slide) for slide in presentation.slides]
    names = slide_names(deck.content)
    for figure in report.figures:
        index = titles.index(figure.title)
        notes = notes_text(deck.content, names[index])
        assert notes == figure.notes
        for label in figure.chart.spec.series[0].labels:
            assert label in notes


def test_footer_source_line_and_slide_number_on_every_slide_but_the_title(deck):
    presentation = reopen(deck.content)
    for number, slide in enumerate(presentation.slides, start=1):
        kinds = {shape.placeholder_format.type: shape for shape in slide.placeholders}
        footer = [shape for kind, shape in kinds.items() if "FOOTER" in str(kind)]
        numbers = [shape for kind, shape in kinds.items() if "SLIDE_NUMBER" in str(kind)]
        if number == 1 or title_of(slide) == "Vragen? Neem contact op":
            assert not footer and not numbers
            continue
        if footer:  # a source line too long for a small footer box at 10 pt is shortened or left out
            assert footer[0].text_frame.text in (SOURCE, SOURCE.split(", ")[0])
        assert numbers and numbers[0].text_frame.text == str(number)


def test_no_duplicate_shape_ids_and_no_dangling_relationships(deck):
    assert duplicate_shape_ids(deck.content) == []
    assert dangling_relationships(deck.content) == []


def test_text_is_marked_dutch(deck):
    package = parts(deck.content)
    for name in slide_names(deck.content):
        root = etree.fromstring(package[name])
        runs = list(root.iterfind(".//a:rPr", NS)) + list(root.iterfind(".//a:endParaRPr", NS))
        assert runs and all(run.get("lang") == "nl-NL" for run in runs), name
    presentation = etree.fromstring(package["ppt/presentation.xml"])
    assert presentation.find(".//p:defaultTextStyle/a:lvl1pPr/a:defRPr", NS).get("lang") == "nl-NL"


def test_core_properties_come_from_the_report(deck):
    report = sample_report()
    properties = reopen(deck.content).core_properties
    assert properties.title == report.title
    assert properties.subject == report.subtitle
    assert properties.author == report.author
    assert properties.language == "nl-NL"
    assert properties.created.date() == REPORT_DATE == properties.modified.date()


def test_shapes_stay_on_the_slide_and_pictures_keep_their_aspect_ratio(deck, images):
    presentation = reopen(deck.content)
    width, height = presentation.slide_width, presentation.slide_height
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.width is None:
                continue
            assert shape.left >= 0 and shape.top >= 0, shape.name
            assert shape.left + shape.width <= width and shape.top + shape.height <= height, shape.name
            if shape.shape_type == 13:  # picture
                pixels = shape.image.size
                assert shape.width / shape.height == pytest.approx(pixels[0] / pixels[1], rel=0.01)


def test_the_same_input_gives_the_same_bytes(images):
    report = sample_report()
    template = load_template_set(TEMPLATES["default"])
    for native in (False, True):
        first = get_writer("pptx").write(report, images, template, WriterOptions(native_charts=native))
        second = get_writer("pptx").write(report, images, template, WriterOptions(native_charts=native))
        assert first.content == second.content


def test_a_very_long_title_is_set_smaller_and_wraps(decks):
    presentation = reopen(decks[("default", False)].content)
    slide = next(slide for slide in presentation.slides if title_of(slide) == LONG_TITLE)
    title = slide.shapes.title
    sizes = [run.font.size for paragraph in title.text_frame.paragraphs for run in paragraph.runs]
    assert sizes and all(size is not None and size.pt < 28 for size in sizes)
    assert title.text_frame.word_wrap is True


@pytest.mark.parametrize("template", ["default", "gemeente43"], ids=["default", "gemeente43"])
def test_native_charts_hold_the_data_and_dutch_labels(decks, template):
    report = sample_report()
    presentation = reopen(decks[(template, True)].content)
    charts = [shape.chart for slide in presentation.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == len(report.charts)
    for chart, source in zip(charts, report.charts):
        plot = chart.plots[0]
        assert tuple(plot.categories) == source.spec.categories
        for series, spec_series in zip(plot.series, source.spec.series):
            assert tuple(series.values) == spec_series.values
            labels = [series.points[index].data_label.text_frame.text for index in range(len(spec_series.values))]
            assert tuple(labels) == spec_series.labels
        assert chart.font.size.pt == 12
    labels = [run for chart in charts for run in chart._chartSpace.iter("{%s}rPr" % NS["a"]) if run.get("sz")]
    assert labels and all(12 <= int(run.get("sz")) / 100 <= 14 for run in labels)


def test_native_chart_labels_that_look_like_formulas_are_stored_as_text(tmp_path):
    report = sample_report()
    section = report.sections[0]
    figure = section.figures[0]
    tricky = ("=SOM(A1:A3)", "+31 20 123 4567", "-geen antwoord-", "@gemeente")
    spec = ChartSpec(kind="bar", title="Lastige labels", categories=tricky,
                     series=(Series("Percentage", (10.0, 20.0, 30.0, 40.0), ("10%", "20%", "30%", "40%")),))
    chart = replace(figure.chart, spec=spec, alt_text="Staafdiagram met lastige labels.")
    section = replace(section, blocks=(replace(figure, title="Lastige labels", chart=chart),))
    report = replace(report, sections=(section,), key_figures=None)
    document = get_writer("pptx").write(report, {}, load_template_set(TEMPLATES["default"]),
                                        WriterOptions(native_charts=True))
    package = parts(document.content)
    workbooks = [data for name, data in package.items() if name.endswith(".xlsx")]
    assert len(workbooks) == 1
    sheet = openpyxl.load_workbook(io.BytesIO(workbooks[0])).active
    cells = [sheet.cell(row=row, column=1) for row in range(2, 6)]
    assert [cell.value for cell in cells] == list(tricky)
    assert all(cell.data_type == "s" for cell in cells)


def test_template_slides_are_removed_with_their_parts(decks):
    content = decks[("potx", False)].content
    package = parts(content)
    assert not any(b"Neem contact op" in data for name, data in package.items() if name.endswith(".xml"))
    assert len([name for name in package if name.startswith("ppt/slides/slide")]) == len(slide_names(content))


def test_template_slides_can_be_kept_after_the_deck(decks):
    content = decks[("gemeente43", False)].content
    presentation = reopen(content)
    assert title_of(presentation.slides[-1]) == "Vragen? Neem contact op"
    assert title_of(presentation.slides[0]) == sample_report().title


@pytest.mark.parametrize("template", list(TEMPLATES), ids=list(TEMPLATES))
def test_the_deck_takes_the_template_slide_size(decks, template):
    deck_path = next(TEMPLATES[template].glob("deck.*"))
    with zipfile.ZipFile(deck_path) as archive:
        size = etree.fromstring(archive.read("ppt/presentation.xml")).find("p:sldSz", NS)
    presentation = reopen(decks[(template, False)].content)
    assert (presentation.slide_width, presentation.slide_height) == (Emu(int(size.get("cx"))), Emu(int(size.get("cy"))))


def test_short_deck_without_sections_dividers(images):
    document = get_writer("pptx").write(short_report(), images, load_template_set(TEMPLATES["default"]),
                                        WriterOptions())
    titles = [title_of(slide) for slide in reopen(document.content).slides]
    assert "Agenda" not in titles
    assert len(titles) == len(plan_deck(short_report(), _default_mapping()))


def _default_mapping() -> DeckMapping:
    from generator.writers.pptx.package import open_presentation
    from generator.writers.pptx.settings import read_deck_settings
    from generator.writers.pptx.template import resolve_mapping

    template = load_template_set(TEMPLATES["default"])
    settings = read_deck_settings(template.section("deck"), template.settings_path)
    return resolve_mapping(open_presentation(template.deck), settings, template.settings_path, "deck.pptx").mapping
