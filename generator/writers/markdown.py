"""`--format md`: a report's whole text as Markdown, its charts linked from where the build rendered them.

Every part the report holds is written in reading order: the header, key messages and key
figures, introduction, method, each theme with its figures (chart, caption, table, chart
notes), notes and quotes, the closing part and, for audiences that want them there, an
appendix of tables; each under the heading the report carries. Text is the report's own,
Dutch as composed and numbers as formatted; Markdown's special characters are escaped, so a
label such as "<b>" or "*" reads as typed and never becomes markup.

`report_to_text` is the plain review text `barometer report` prints and the golden tests hold.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Mapping
from urllib.parse import quote

from generator.report import (
    Block, BulletList, Chart, DocumentKind, Figure, Heading, KeyFigures, Note, Paragraph, Quote, Report, Section,
)
from generator.writers import Document, WriterOptions

_SPACES = re.compile(r"[ \t\r\n]+")
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LIST_MARK = re.compile(r"^([-+=])")
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])")


class MarkdownWriter:
    """Writes a report as one Markdown file; needs no template file and embeds no image."""

    name = "md"
    extension = "md"

    def check_template(self, template) -> None:
        """Nothing to check: the Markdown file takes nothing from the template set."""

    def write(self, report: Report, images: Mapping[str, Path], template, options: WriterOptions) -> Document:
        """The file's UTF-8 bytes; `images` are linked relative to `options.location`, absolute without one."""
        missing = [chart.chart_id for chart in report.charts if chart.chart_id not in images]
        if missing:
            raise KeyError(f"no rendered image for chart(s): {', '.join(missing)}")
        links = {chart_id: image_link(Path(path), options.location) for chart_id, path in images.items()}
        text = report_to_markdown(report, links)
        return Document(content=text.encode("utf-8"), pages=None, charts=len(report.charts))


def image_link(image: Path, location: Path | None) -> str:
    """`image` as a link target: relative to the folder of `location`, else absolute; percent-encoded."""
    target = Path(os.path.relpath(image.resolve(), location.resolve().parent)) if location else image.resolve()
    return quote(target.as_posix())


def escaped(text: str) -> str:
    """One line of `text` that Markdown shows as typed: special characters and line-start marks escaped."""
    line = _SPACES.sub(" ", str(text or "")).strip()
    line = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", line))
    return _ORDERED_MARK.sub(r"\1\\\2", _LIST_MARK.sub(r"\\\1", line))


def report_to_markdown(report: Report, links: Mapping[str, str]) -> str:
    """The whole report as Markdown, part by part in the order of its outline; `links` maps chart ids to
    image link targets."""
    writer = _MarkdownBuilder(report, links)
    for part in report.outline:
        getattr(writer, f"part_{part}")()
    return "\n\n".join(writer.parts) + "\n"


class _MarkdownBuilder:
    """Collects Markdown blocks (a heading, a paragraph, a list, a table) in reading order."""

    def __init__(self, report: Report, links: Mapping[str, str]) -> None:
        self.report = report
        self.links = links
        self.parts: list[str] = []
        self.appendix_tables: list[Chart] = []

    # The parts of an outline (generator.headings.PARTS)

    def part_title(self) -> None:
        report = self.report
        self.heading(report.title, 1)
        self.paragraph(report.subtitle)
        self.paragraph(" · ".join(text for text in (report.date_text, report.source) if text))

    def part_title_page(self) -> None:
        self.part_title()
        self.paragraph(self.report.author)

    def part_letter_head(self) -> None:
        """Title and subtitle, then the header lines; the date is one of them, the source ends the letter."""
        report = self.report
        self.heading(report.title, 1)
        self.paragraph(report.subtitle)
        fields = [(escaped(label), escaped(value)) for label, value in report.header_fields]
        self.parts += [f"**{label}:** {value}" for label, value in fields if label and value]
        if not any(value == escaped(report.date_text) for _, value in fields):
            self.paragraph(report.date_text)

    def part_contents(self) -> None:
        """Markdown readers build their own contents from the headings."""

    def part_key_messages(self) -> None:
        self.list_chapter(self.report.headings.key_messages, self.report.key_messages)
        if self.report.key_figures and self.report.key_figures.figures:
            self.chapter(self.report.headings.key_figures, (self.report.key_figures,))

    def part_introduction(self) -> None:
        self.chapter(self.report.headings.introduction, self.report.introduction)

    def part_method(self, level: int = 2) -> None:
        self.chapter(self.report.headings.method, self.report.method, level)

    def part_closing(self) -> None:
        self.chapter(self.report.headings.closing, self.report.closing)

    def part_results(self) -> None:
        summaries = [section for section in self.report.sections if escaped(section.summary)]
        if summaries:
            self.heading(self.report.headings.results, 2)
            for section in summaries:
                self.heading(section.title, 3)
                self.paragraph(section.summary)

    def part_sections(self) -> None:
        for section in self.report.sections:
            self.section(section)

    def part_source(self) -> None:
        if not self.parts or self.parts[-1] != escaped(self.report.source):
            self.paragraph(self.report.source)

    def part_appendix_figures(self) -> None:
        """A letter's appendix: each theme's charts with their tables, then the method."""
        report = self.report
        if not report.figures and not report.method:
            return
        self.heading(report.headings.appendix_figures, 2)
        for section in report.sections:
            if section.figures:
                self.heading(section.title, 3)
                for figure in section.figures:
                    self.figure(figure, 4, tables_here=True)
        self.part_method(level=3)

    def part_appendix_tables(self) -> None:
        self.appendix()

    # Building blocks

    def chapter(self, title: str, blocks: tuple[Block, ...], level: int = 2) -> None:
        """A fixed part under `title`; a leading Heading block is the part's own heading."""
        if not blocks:
            return
        if isinstance(blocks[0], Heading) and escaped(blocks[0].text):
            title, blocks = blocks[0].text, blocks[1:]
        self.heading(title, level)
        self.blocks(blocks, level)

    def list_chapter(self, title: str, items: tuple[str, ...]) -> None:
        if any(escaped(item) for item in items):
            self.heading(title, 2)
            self.bullets(items)

    def section(self, section: Section) -> None:
        self.heading(section.title, 2)
        leading = next((index for index, block in enumerate(section.blocks) if not isinstance(block, Paragraph)),
                       len(section.blocks))
        self.blocks(section.blocks[:leading], 2)
        self.paragraph(section.summary)
        self.blocks(section.blocks[leading:], 2)

    def blocks(self, blocks: tuple[Block, ...], level: int) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block.text, level + max(1, block.level))
            elif isinstance(block, BulletList):
                self.bullets(block.items, block.numbered)
            elif isinstance(block, KeyFigures):
                self.key_figures(block)
            elif isinstance(block, Figure):
                self.figure(block, level + 1)
            elif isinstance(block, Quote):
                self.parts += [f"> {escaped(line)}" for line in block.text.splitlines() if escaped(line)]
            else:
                self.paragraph(block.text)

    def figure(self, figure: Figure, level: int, tables_here: bool = False) -> None:
        chart = figure.chart
        self.heading(figure.title or chart.caption, level)
        self.paragraph(figure.text)
        alt = escaped(chart.alt_text or figure.title)
        self.parts.append(f"![{alt}]({self.links[chart.chart_id]})")
        if escaped(chart.caption):
            self.parts.append(f"*{escaped(chart.caption)}*")
        self.paragraph(" · ".join(chart.spec.notes))
        if not chart.table.rows:
            return
        if self.report.tables_in_appendix and not tables_here:
            self.appendix_tables.append(chart)
        else:
            self.table(chart)

    def appendix(self) -> None:
        if self.appendix_tables:
            self.heading(self.report.headings.appendix_tables, 2)
            for chart in self.appendix_tables:
                self.heading(chart.table.caption or chart.caption, 3)
                self.table(chart)

    def table(self, chart: Chart) -> None:
        table = chart.table
        width = max(len(table.header), *(len(row) for row in table.rows))
        rows = [tuple(table.header) + ("",) * (width - len(table.header))]
        rows += [tuple(row) + ("",) * (width - len(row)) for row in table.rows]
        lines = ["| " + " | ".join(escaped(cell) for cell in row) + " |" for row in rows]
        lines.insert(1, "| " + " | ".join(["---"] + ["---:"] * (width - 1)) + " |")
        self.parts.append("\n".join(lines))

    def key_figures(self, block: KeyFigures) -> None:
        shown = [(escaped(figure.value), escaped(figure.label)) for figure in block.figures]
        lines = [f"- **{value}** {label}".rstrip() if value else f"- {label}" for value, label in shown if value or label]
        if lines:
            self.parts.append("\n".join(lines))

    def bullets(self, items: tuple[str, ...], numbered: bool = False) -> None:
        shown = [escaped(item) for item in items if escaped(item)]
        if shown:
            self.parts.append("\n".join(f"{f'{index}.' if numbered else '-'} {item}"
                                        for index, item in enumerate(shown, start=1)))

    def heading(self, text: str, level: int) -> None:
        if escaped(text):
            self.parts.append(f"{'#' * min(level, 6)} {escaped(text)}")

    def paragraph(self, text: str) -> None:
        """One paragraph per line of `text`, as the briefing shows it."""
        self.parts += [escaped(line) for line in (text or "").splitlines() if escaped(line)]


def report_to_text(report: Report) -> str:
    """The report's full text in document order, for review and golden tests.

    Every title, paragraph, key figure, caption, alt text, table row, chart note and speaker
    note appears once, so a wording change shows as a readable diff.
    """
    headings = report.headings
    lines = [f"# {report.title}", report.subtitle, f"{report.date_text} · {report.source}", ""]
    if report.header_fields:
        lines += [f"{label}: {value}" for label, value in report.header_fields] + [""]
    closing = [_block_to_text(block) for block in report.closing]
    if closing and report.document_kind is DocumentKind.MEMO:
        lines += closing + [""]
        closing = []
    lines += [f"## {headings.key_messages}"] + [f"- {message}" for message in report.key_messages] + [""]
    if report.key_figures:
        lines += [f"## {headings.key_figures}", _block_to_text(report.key_figures), ""]
    for title, blocks in ((headings.introduction, report.introduction), (headings.method, report.method)):
        if blocks:
            lines += [f"## {title}"] + [_block_to_text(block) for block in blocks] + [""]
    for section in report.sections:
        lines.append(f"## {section.title}")
        leading = 0
        while leading < len(section.blocks) and isinstance(section.blocks[leading], Paragraph):
            leading += 1
        lines += [_block_to_text(block) for block in section.blocks[:leading]]
        if section.summary:
            lines.append(f"Samenvatting: {section.summary}")
        lines += [_block_to_text(block) for block in section.blocks[leading:]] + [""]
    if closing:
        lines += closing
    return "\n".join(lines).rstrip() + "\n"


def _block_to_text(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 2) + " " + block.text
    if isinstance(block, BulletList):
        return "\n".join(f"{f'{index}.' if block.numbered else '-'} {item}"
                         for index, item in enumerate(block.items, start=1))
    if isinstance(block, KeyFigures):
        return "\n".join(f"[{figure.value}] {figure.label}" for figure in block.figures)
    if isinstance(block, Figure):
        return _figure_to_text(block)
    if isinstance(block, Quote):
        return f"> {block.text}"
    if isinstance(block, Note):
        return f"Noot: {block.text}"
    return block.text


def _figure_to_text(figure: Figure) -> str:
    chart = figure.chart
    lines = [f"### {figure.title}"]
    if figure.text:
        lines.append(figure.text)
    lines += [f"[{chart.caption}]", f"Alt-tekst: {chart.alt_text}"]
    lines += ["    " + " | ".join(row) for row in chart.table.rows]
    lines += [f"Grafieknoot: {note}" for note in chart.spec.notes]
    notes = figure.notes
    if figure.text and notes.startswith(figure.text):
        notes = "(tekst hierboven)" + notes[len(figure.text):]
    if notes:
        lines += ["Notities:"] + [f"    {line}" if line else "" for line in notes.splitlines()]
    return "\n".join(lines)
