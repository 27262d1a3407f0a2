"""The Markdown writer: every audience's whole text, tables as tables, charts linked, no label turned into markup."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from composed import report_for_audience
from conftest import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, SEED_DATA
from generator.report import DataTable
from generator.template_set import load_template_set
from generator.writers import WriterOptions, get_writer, writer_info
from office_checks import SOURCE_DATE_EPOCH, read_manifest, run_cli

AUDIENCES = ("raad", "college", "ambtenaren", "inwoners")
IMAGE = re.compile(r"!\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def unescaped(markdown: str) -> str:
    """What a reader sees of `markdown`'s text: backslash escapes resolved."""
    return ESCAPE.sub(r"\1", markdown)


def table_rows(markdown: str) -> list[tuple[str, ...]]:
    """Every row of every Markdown table, its cells unescaped; delimiter rows left out."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| ") and not re.fullmatch(r"\|( ---:? \|)+", line):
            cells = UNESCAPED_PIPE.split(line)[1:-1]
            rows.append(tuple(unescaped(cell.strip()) for cell in cells))
    return rows


def chart_images(report, folder: Path) -> dict[str, Path]:
    """A small PNG per chart, where the build's chart cache would keep it."""
    folder.mkdir(parents=True, exist_ok=True)
    images = {}
    for chart in report.charts:
        images[chart.chart_id] = folder / f"{chart.chart_id}.png"
        Image.new("RGB", (4, 4), "white").save(images[chart.chart_id])
    return images


def write_markdown(report, images, location: Path | None) -> str:
    document = get_writer("md").write(report, images, load_template_set(DEFAULT_TEMPLATE), WriterOptions(location=location))
    assert document.charts == len(report.charts) and document.pages is None
    return document.content.decode("utf-8")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Audience -> (report, path of its Markdown file, the file's text), charts in a shared cache folder."""
    root = tmp_path_factory.mktemp("md")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        reports = {audience: report_for_audience(SEED_DATA, DEFAULT_TEMPLATE, DEFAULT_AUDIENCES, audience)
                   for audience in AUDIENCES}
    result = {}
    for audience, report in reports.items():
        location = root / "out" / audience / f"{audience}.md"
        location.parent.mkdir(parents=True)
        text = write_markdown(report, chart_images(report, root / "out" / ".cache" / "charts"), location)
        location.write_text(text, encoding="utf-8")
        result[audience] = (report, location, text)
    return result


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_key_message_figure_title_and_heading_is_in_the_file(written, audience):
    report, _, text = written[audience]
    shown = unescaped(text)
    assert all(message in shown for message in report.key_messages)
    headings = {unescaped(line.lstrip("#").strip()) for line in text.splitlines() if line.startswith("#")}
    assert {figure.title for figure in report.figures} <= headings
    assert {section.title for section in report.sections} <= headings
    assert {report.title, report.headings.key_messages, report.headings.method} <= headings


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_table_holds_the_reports_cells_as_composed(written, audience):
    report, _, text = written[audience]
    rows = table_rows(text)
    for chart in report.charts:
        if chart.table.rows:
            assert chart.table.header in rows and all(row in rows for row in chart.table.rows), chart.chart_id
    appendix_heading = {"appendix_figures": report.headings.appendix_figures,
                        "appendix_tables": report.headings.appendix_tables}
    for part, heading in appendix_heading.items():
        if part in report.outline and (report.tables_in_appendix or part == "appendix_figures"):
            appendix = text.split(f"\n## {heading}\n", 1)
            assert len(appendix) == 2 and table_rows(appendix[0]) == [], "tables stand in the appendix only"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_chart_is_an_image_with_its_alt_text_that_resolves_to_the_cached_file(written, audience):
    report, location, text = written[audience]
    found = IMAGE.findall(text)
    assert [unescaped(alt) for alt, _ in found] == [chart.alt_text for chart in report.charts]
    for (_, link), chart in zip(found, report.charts):
        assert not Path(unquote(link)).is_absolute()
        target = (location.parent / unquote(link)).resolve()
        assert target.is_file() and target.name == f"{chart.chart_id}.png"


def test_without_a_location_images_are_linked_by_absolute_path(written, tmp_path):
    report = written["ambtenaren"][0]
    images = chart_images(report, tmp_path / "grafieken met spatie")
    links = [unquote(link) for _, link in IMAGE.findall(write_markdown(report, images, None))]
    assert links == [str(images[chart.chart_id].resolve()) for chart in report.charts]


def test_numbers_and_non_breaking_spaces_stay_as_composed(written):
    report, _, text = written["ambtenaren"]
    composed = [figure.text for figure in report.figures if "\u00a0" in figure.text]
    assert composed and all(unescaped(figure_text) in unescaped(text) for figure_text in composed)


def test_the_same_report_gives_the_same_bytes(written):
    report, location, text = written["raad"]
    images = {chart.chart_id: location.parent.parent / ".cache" / "charts" / f"{chart.chart_id}.png"
              for chart in report.charts}
    assert write_markdown(report, images, location) == text


TRICKY = ("<script>alert(1)</script>", "| pipe |", "*emph* en _ook_", "# geen kop", "1. geen lijst",
          "R&amp;D", "[link](https://example.org)", "`code`", "~33%", "- geen opsomming", "> geen citaat")


def test_markdown_characters_in_texts_stay_literal(written, tmp_path):
    report = written["ambtenaren"][0]
    section = report.sections[0]
    figure = section.figures[0]
    chart = dataclasses.replace(figure.chart, alt_text=" ".join(TRICKY),
                                table=DataTable(" ".join(TRICKY), ("Antwoord", "Aandeel"),
                                                tuple((label, "64%") for label in TRICKY)))
    section = dataclasses.replace(section, title=TRICKY[0], blocks=(dataclasses.replace(figure, title=TRICKY[3],
                                                                                        chart=chart),))
    report = dataclasses.replace(report, title=TRICKY[2], key_messages=TRICKY, sections=(section,),
                                 tables_in_appendix=False)
    text = write_markdown(report, chart_images(report, tmp_path), tmp_path / "x.md")
    assert "<script>" not in text and not re.search(r"(?<!\\)\]\(https", text)
    lines = text.splitlines()
    bullets = [line for line in lines if line.startswith("- ")]
    tricky_lines = "\n".join(line for line in lines
                             if line.startswith(("- ", "| ", "#")) and not line.startswith("- **"))
    assert not re.search(r"(?<!\\)(&amp;|[*_`~<>\[\]])", tricky_lines)
    assert [unescaped(line[2:]) for line in bullets[:len(TRICKY)]] == list(TRICKY)
    assert not any(re.match(r"(#|>|\d+\.|[-+] )", line[2:]) for line in bullets)
    assert f"## {TRICKY[0]}" not in text and unescaped(text).count(f"## {TRICKY[0]}") == 1
    assert ("Antwoord", "Aandeel") in table_rows(text)
    assert [row for row in table_rows(text) if row[1] == "64%"] == [(label, "64%") for label in TRICKY]
    assert [unescaped(alt) for alt, _ in IMAGE.findall(text)] == [" ".join(TRICKY)]


def test_markdown_is_registered_as_a_format_without_a_template_file():
    info = writer_info("md")
    assert (info.extension, info.template_names, info.links_images, info.converts_to_pdf) == ("md", (), True, False)
    assert get_writer("md").check_template(load_template_set(DEFAULT_TEMPLATE)) is None


def test_build_writes_a_markdown_file_per_audience_whose_images_resolve(tmp_path):
    result = run_cli(["build", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES), "--template",
                      str(DEFAULT_TEMPLATE), "--format", "md", "--out", "out", "--jobs", "1", "--quiet"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    outputs = [output for output in read_manifest(tmp_path / "out") if output.format == "md"]
    assert sorted(output.audience for output in outputs) == sorted(AUDIENCES)
    for output in outputs:
        links = [unquote(link) for _, link in IMAGE.findall(output.path.read_text(encoding="utf-8"))]
        assert links and all((output.path.parent / link).is_file() for link in links)
