"""Every chart's data as a real table in the deck: after its chart, or in an appendix, paged when long."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from generator.report import DataTable
from generator.template_set import load_template_set
from generator.writers import WriterOptions, get_writer
from pptx_fixtures import render_images, sample_report, short_report

REPO = Path(__file__).resolve().parents[3]
TEMPLATES = {"default": REPO / "templates" / "default",
             "gemeente43": REPO / "tests" / "fixtures" / "decks" / "gemeente43"}
A_NAMESPACE = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def write_deck(report, template: str, folder: Path):
    images = render_images(report, folder)
    content = get_writer("pptx").write(report, images, load_template_set(TEMPLATES[template]), WriterOptions()).content
    return Presentation(io.BytesIO(content))


def tables_of(slide):
    return [shape for shape in slide.shapes if shape.has_table]


def cells(table_shape) -> list[tuple[str, ...]]:
    return [tuple(cell.text_frame.text for cell in row.cells) for row in table_shape.table.rows]


def title(slide) -> str:
    return slide.shapes.title.text_frame.text


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_a_detailed_deck_shows_each_charts_table_on_the_next_slide(template, tmp_path):
    report = sample_report()
    slides = list(write_deck(report, template, tmp_path).slides)
    charts = {chart.chart_id: chart for chart in report.charts}
    pictured = [(index, shape.name.removeprefix("Grafiek ")) for index, slide in enumerate(slides)
                for shape in slide.shapes if shape.name.startswith("Grafiek ")]
    assert len(pictured) == len(charts)
    for index, chart_id in pictured:
        following = slides[index + 1]
        assert title(following).startswith(f"Tabel: {charts[chart_id].table.caption}")
        shapes = tables_of(following)
        assert len(shapes) == 1
        assert cells(shapes[0]) == [charts[chart_id].table.header, *charts[chart_id].table.rows]


def test_a_key_findings_deck_puts_the_tables_in_an_appendix_at_the_end(tmp_path):
    report = short_report()
    slides = list(write_deck(report, "default", tmp_path).slides)
    titles = [title(slide) for slide in slides]
    start = titles.index("Bijlage: tabellen")
    assert not any(tables_of(slide) for slide in slides[:start])
    appendix = slides[start + 1:]
    assert [cells(tables_of(slide)[0])[1:] for slide in appendix] == [list(chart.table.rows)
                                                                       for chart in report.charts]


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_table_header_is_marked_and_no_cell_is_merged(template, tmp_path):
    for slide in write_deck(sample_report(), template, tmp_path).slides:
        for shape in tables_of(slide):
            table = shape._element.find(f".//{A_NAMESPACE}tbl")
            assert table.find(f"{A_NAMESPACE}tblPr").get("firstRow") == "1"
            for cell in table.iter(f"{A_NAMESPACE}tc"):
                assert not {"gridSpan", "rowSpan", "hMerge", "vMerge"} & set(cell.attrib)


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_a_long_table_is_paged_with_its_header_repeated_and_stays_inside_its_box(template, tmp_path):
    report = sample_report()
    first = report.sections[0]
    figure = first.figures[0]
    rows = tuple((f"Antwoord nummer {number} met een wat langere omschrijving", f"{number}%") for number in range(40))
    long_table = DataTable(figure.chart.table.caption, figure.chart.table.header, rows)
    chart = replace(figure.chart, table=long_table)
    blocks = tuple(replace(block, chart=chart) if block is figure else block for block in first.blocks)
    report = replace(report, sections=(replace(first, blocks=blocks),) + report.sections[1:])
    deck = write_deck(report, template, tmp_path)
    pages = [slide for slide in deck.slides if title(slide).startswith(f"Tabel: {long_table.caption}")]
    assert len(pages) >= 2
    assert [title(slide) for slide in pages] == [f"Tabel: {long_table.caption} ({number}/{len(pages)})"
                                                 for number in range(1, len(pages) + 1)]
    shown = []
    for slide in pages:
        shape = tables_of(slide)[0]
        rows_shown = cells(shape)
        assert rows_shown[0] == long_table.header
        shown += rows_shown[1:]
        assert shape.top + sum(row.height for row in shape.table.rows) <= deck.slide_height
        furniture_top = min((placeholder.top for placeholder in slide.placeholders
                             if placeholder.placeholder_format.type is not None
                             and "FOOTER" in str(placeholder.placeholder_format.type)), default=deck.slide_height)
        assert shape.top + sum(row.height for row in shape.table.rows) <= furniture_top
    assert shown == list(rows)


def test_slide_titles_stay_unique_with_the_tables(tmp_path):
    titles = [title(slide) for slide in write_deck(sample_report(), "default", tmp_path).slides]
    assert len(titles) == len(set(titles))
