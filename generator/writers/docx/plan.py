"""The briefing plan: a report laid out as a flat list of styled parts, before any XML.

`report_to_plan` lays the report out in the order of its outline, under the headings the report
carries (both decided by compose); it places tables, numbers figures and tables and cleans every
text, so the renderer only turns each part into paragraphs, pictures and tables.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

from generator.report import (
    Block, BulletList, Chart, DataTable, Figure, Heading, KeyFigures, Note, Paragraph,
    Quote, Report, Section, SourceLine,
)
from generator.writers.docx.settings import BriefingSettings
from generator.writers.ooxml import xml_safe

CONTENTS_DEPTH = 2
"""Heading levels listed in the long report's table of contents."""


def clean_text(text: str) -> str:
    """`text` without characters XML 1.0 forbids (python-docx raises ValueError on them), trimmed."""
    return xml_safe(text).strip()


@dataclass(frozen=True)
class TitlePart:
    text: str


@dataclass(frozen=True)
class HeadingPart:
    text: str
    level: int
    bookmark: str
    """Hidden bookmark name (`_Toc...`) the contents list points at."""
    new_page: bool = False


@dataclass(frozen=True)
class ParagraphPart:
    text: str
    role: str = "body"
    """Style role: body, subtitle, quote, note, source or caption."""
    keep_with_next: bool = False


@dataclass(frozen=True)
class HeaderFieldPart:
    label: str
    value: str


@dataclass(frozen=True)
class ListPart:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class KeyFiguresPart:
    figures: tuple[tuple[str, str], ...]
    """(value, label) pairs, e.g. ("64%", "noemt kwaliteit van beleid als doel")."""


@dataclass(frozen=True)
class PicturePart:
    chart_id: str
    alt_text: str
    name: str
    """The picture's name in the file, e.g. "Figuur 3"."""


@dataclass(frozen=True)
class TablePart:
    caption: str
    """The full caption, e.g. "Tabel 3. Doelen van burgerparticipatie"."""
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ContentsEntry:
    text: str
    level: int
    bookmark: str


@dataclass(frozen=True)
class ContentsPart:
    heading: str
    entries: tuple[ContentsEntry, ...]


Part = Union[TitlePart, HeadingPart, ParagraphPart, HeaderFieldPart, ListPart, KeyFiguresPart, PicturePart,
             TablePart, ContentsPart]


@dataclass(frozen=True)
class BriefingPlan:
    parts: tuple[Part, ...]
    figure_count: int
    table_count: int


def report_to_plan(report: Report, settings: BriefingSettings, max_heading_level: int = 3) -> BriefingPlan:
    """The parts of `report`'s briefing in the order of its outline."""
    builder = _PlanBuilder(report, settings, max_heading_level)
    for part in report.outline:
        getattr(builder, f"part_{part}")()
    return builder.finish()


class _PlanBuilder:
    """Accumulates parts, numbers figures and tables, and keeps heading levels gap-free."""

    def __init__(self, report: Report, settings: BriefingSettings, max_heading_level: int) -> None:
        self.report = report
        self.headings = report.headings
        self.labels = settings.labels
        self.max_level = max(2, max_heading_level)
        self.parts: list[Part] = []
        self.previous_level = 0
        self.figure_count = 0
        self.table_count = 0
        self.bookmark_count = 0
        self.appendix: list[TablePart] = []
        self.next_heading_on_new_page = False

    # The parts of an outline (generator.headings.PARTS) -------------------------------

    def part_letter_head(self) -> None:
        report = self.report
        self.title_block(with_date=False)
        fields = [(clean_text(label), clean_text(value)) for label, value in report.header_fields]
        if not any(label.lower() in {"datum", self.labels["date"].lower()} for label, _ in fields):
            fields.append((self.labels["date"], clean_text(report.date_text)))
        self.parts += [HeaderFieldPart(label, value) for label, value in fields if label and value]

    def part_title_page(self) -> None:
        self.title_block(with_date=True)
        if self.report.author:
            self.paragraph(self.report.author, "subtitle")

    def part_title(self) -> None:
        self.title_block(with_date=True)

    def part_contents(self) -> None:
        """A placeholder the finished plan fills with the headings after it."""
        self.parts.append(ContentsPart(clean_text(self.headings.contents), ()))
        self.next_heading_on_new_page = True

    def part_key_messages(self) -> None:
        self.key_messages()

    def part_introduction(self) -> None:
        self.chapter("introduction", self.report.introduction)

    def part_method(self) -> None:
        self.chapter("method", self.report.method)

    def part_closing(self) -> None:
        self.chapter("closing", self.report.closing)

    def part_results(self) -> None:
        if self.report.sections:
            self.heading(self.headings.results, 1)
            for section in self.report.sections:
                self.heading(section.title, 2)
                self.paragraph(section.summary)

    def part_sections(self) -> None:
        for section in self.report.sections:
            self.section(section, 1)

    def part_source(self) -> None:
        self.source_at_end()

    def part_appendix_figures(self) -> None:
        self.letter_appendix()

    def part_appendix_tables(self) -> None:
        self.appendix_tables()

    def letter_appendix(self) -> None:
        """A letter's appendix: the charts with their text and tables, then the method, so the letter stays short."""
        report = self.report
        if not report.figures and not report.method:
            return
        self.heading(self.headings.appendix_figures, 1, new_page=True)
        for section in report.sections:
            if section.figures:
                self.heading(section.title, 2)
                for figure in section.figures:
                    self.figure(figure, 3, tables_here=True, with_text=False)
        self.chapter("method", report.method, level=2)

    # Building blocks ------------------------------------------------------------------

    def title_block(self, with_date: bool) -> None:
        title = clean_text(self.report.title)
        if title:
            self.parts.append(TitlePart(title))
        self.paragraph(self.report.subtitle, "subtitle")
        if with_date:
            self.paragraph(self.report.date_text, "subtitle")

    def key_messages(self) -> None:
        messages = tuple(clean_text(message) for message in self.report.key_messages)
        messages = tuple(message for message in messages if message)
        key_figures = self.report.key_figures.figures if self.report.key_figures else ()
        if not messages and not key_figures:
            return
        self.heading(self.headings.key_messages, 1)
        if messages:
            self.parts.append(ListPart(messages))
        if key_figures:
            if messages:
                self.paragraph(self.labels["key_figures"], keep_with_next=True)
            self.key_figures(KeyFigures(key_figures))

    def chapter(self, key: str, blocks: tuple[Block, ...], level: int = 1) -> None:
        """A fixed part under the report's heading for `key`; a leading Heading block replaces that heading."""
        if not blocks:
            return
        title = getattr(self.headings, key)
        if isinstance(blocks[0], Heading) and clean_text(blocks[0].text):
            title, blocks = blocks[0].text, blocks[1:]
        self.heading(title, level)
        self.blocks(blocks, level)

    def section(self, section: Section, level: int) -> None:
        self.heading(section.title, level)
        self.blocks(section.blocks, level)

    def blocks(self, blocks: tuple[Block, ...], level: int) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block.text, level + max(1, block.level))
            elif isinstance(block, Paragraph):
                self.paragraph(block.text)
            elif isinstance(block, BulletList):
                items = tuple(item for item in (clean_text(text) for text in block.items) if item)
                if items:
                    self.parts.append(ListPart(items, block.numbered))
            elif isinstance(block, KeyFigures):
                self.key_figures(block)
            elif isinstance(block, Figure):
                self.figure(block, level + 1)
            elif isinstance(block, Note):
                self.paragraph(block.text, "note")
            elif isinstance(block, Quote):
                self.paragraph(block.text, "quote")
            elif isinstance(block, SourceLine):
                self.paragraph(block.text, "source")
            else:
                raise TypeError(f"the docx writer cannot show a {type(block).__name__} block")

    def key_figures(self, block: KeyFigures) -> None:
        figures = tuple((clean_text(figure.value), clean_text(figure.label)) for figure in block.figures)
        figures = tuple((value, label) for value, label in figures if value or label)
        if figures:
            self.parts.append(KeyFiguresPart(figures))

    def figure(self, figure: Figure, level: int, tables_here: bool = False, with_text: bool = True) -> None:
        chart = figure.chart
        self.figure_count += 1
        number = self.figure_count
        self.heading(figure.title or chart.caption, level)
        if with_text:
            self.paragraph(figure.text, keep_with_next=True)
        label = f"{self.labels['figure']} {number}"
        self.parts.append(PicturePart(chart.chart_id, clean_text(chart.alt_text) or clean_text(figure.title), label))
        caption = clean_text(chart.caption or chart.spec.title or figure.title)
        self.paragraph(f"{label}. {caption}", "caption", keep_with_next=True)
        table = self.table(chart)
        in_appendix = self.report.tables_in_appendix and not tables_here
        notes = [self.report.source, *chart.spec.notes]
        if table is not None and in_appendix:
            notes.append(self.labels["table_in_appendix"].format(number=self.table_count))
        self.paragraph(" · ".join(clean_text(note) for note in notes if clean_text(note)), "source")
        if table is not None:
            (self.appendix if in_appendix else self.parts).append(table)

    def table(self, chart: Chart) -> TablePart | None:
        data: DataTable = chart.table
        if not data.rows:
            return None
        self.table_count += 1
        width = max(len(data.header), *(len(row) for row in data.rows))
        header = _padded(tuple(clean_text(cell) for cell in data.header), width)
        rows = tuple(_padded(tuple(clean_text(cell) for cell in row), width) for row in data.rows)
        caption = clean_text(data.caption or chart.caption)
        return TablePart(f"{self.labels['table']} {self.table_count}. {caption}", header, rows)

    def appendix_tables(self) -> None:
        if not self.appendix:
            return
        self.heading(self.headings.appendix_tables, 1, new_page=True)
        self.parts += self.appendix

    def source_at_end(self) -> None:
        """The source once more at the very end, unless the document already ends with it."""
        source = clean_text(self.report.source)
        last = self.parts[-1] if self.parts else None
        if not (isinstance(last, ParagraphPart) and last.text == source):
            self.paragraph(source, "source")

    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        text = clean_text(text)
        if not text:
            return
        level = max(1, min(level, self.previous_level + 1, self.max_level))
        self.previous_level = level
        self.bookmark_count += 1
        new_page = new_page or self.next_heading_on_new_page
        self.next_heading_on_new_page = False
        self.parts.append(HeadingPart(text, level, f"_Toc{self.bookmark_count:08d}", new_page))

    def paragraph(self, text: str, role: str = "body", keep_with_next: bool = False) -> None:
        """One paragraph per line of `text`: Word would turn a newline into a manual line break."""
        for line in clean_text(text).splitlines():
            if line.strip():
                self.parts.append(ParagraphPart(line.strip(), role, keep_with_next))

    def finish(self) -> BriefingPlan:
        """The plan, with a table of contents listing the headings after it (left out when there are none)."""
        parts = list(self.parts)
        for index, part in enumerate(parts):
            if isinstance(part, ContentsPart):
                entries = tuple(ContentsEntry(later.text, later.level, later.bookmark) for later in parts[index + 1:]
                                if isinstance(later, HeadingPart) and later.level <= CONTENTS_DEPTH)
                parts[index] = replace(part, entries=entries) if entries else None
        return BriefingPlan(tuple(part for part in parts if part is not None), self.figure_count, self.table_count)


def _padded(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    """Rows of equal length: a ragged row would leave a cell without content or merge cells."""
    return cells + ("",) * (width - len(cells))
