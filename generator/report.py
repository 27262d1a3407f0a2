"""The format-neutral report: what one audience gets to read, before any file format.

`compose` builds a `Report` from a survey and an audience; the writers (pptx, docx, md) read
only this. It holds finished Dutch text, formatted numbers and the heading of every fixed
part, and no layout: no EMUs, placeholder indices, style names or file formats.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from dataclasses import dataclass
from typing import Iterator, Union


@dataclass(frozen=True)
class Series:
    """One row of values in a chart, with labels already formatted the Dutch way."""

    name: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...]
    """Value labels to print, e.g. "64%", "~33%", ">50%"; "" where a value is absent."""
    approximate: tuple[bool, ...] = ()


@dataclass(frozen=True)
class ChartSpec:
    """Everything needed to draw one chart, in any technology; the cache key of a chart."""

    kind: str
    """A registered chart kind, e.g. "bar", "column-ordered", "grade", "matrix"."""
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "percent"
    scale: tuple[float, float] = (0.0, 100.0)
    notes: tuple[str, ...] = ()
    """Lines printed under the chart, e.g. "Meerdere antwoorden mogelijk", "n = 1.234"."""
    multiple_response: bool = False


@dataclass(frozen=True)
class DataTable:
    """A chart's data as a table; cells are finished text, the first row is the header."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """A chart to show: its spec, stable id, accessible description and data."""

    chart_id: str
    """Stable, file-name safe id, unique in a survey: "<theme id>.<finding id>"."""
    spec: ChartSpec
    alt_text: str
    table: DataTable
    caption: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class KeyFigure:
    """A headline number with what it means: "64%" / "noemt kwaliteit van beleid als doel"."""

    value: str
    label: str


@dataclass(frozen=True)
class KeyFigures:
    figures: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class Figure:
    """One finding as shown: its action title, chart, explaining text and presenter notes."""

    finding_id: str
    title: str
    chart: Chart
    text: str = ""
    notes: str = ""
    """Speaker notes: the narrative and the exact figures."""


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class SourceLine:
    text: str


Block = Union[Heading, Paragraph, BulletList, KeyFigures, Figure, Note, Quote, SourceLine]


@dataclass(frozen=True)
class Section:
    """A titled part of a report, usually one theme."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    summary: str = ""
    """A short summary of the section, for a chart-plus-text slide or a lead paragraph."""

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Figure))


@dataclass(frozen=True)
class Headings:
    """The words above a report's fixed parts, the same in every format; compose chooses them per document kind."""

    key_messages: str
    key_figures: str
    """Above the key figures where they stand on their own (a slide, the Markdown file)."""
    introduction: str
    results: str
    """Above the themes' summaries in a letter or memo."""
    method: str
    closing: str
    """Above the closing part when it brings no heading of its own."""
    contents: str
    """Above a table of contents."""
    appendix_figures: str
    """Above an appendix holding the charts with their tables."""
    appendix_tables: str
    """Above an appendix holding only the data tables."""


class DocumentKind(enum.Enum):
    """The shape of a written briefing; decks ignore it."""

    RAADSINFORMATIEBRIEF = "raadsinformatiebrief"
    MEMO = "memo"
    RAPPORTAGE = "rapportage"
    SAMENVATTING = "samenvatting"


@dataclass(frozen=True)
class Report:
    """One audience's report on one survey."""

    audience: str
    title: str
    subtitle: str
    date: dt.date
    date_text: str
    """The date as printed, e.g. "28 november 2026"."""
    source: str
    """The source line, e.g. "Bron: Barometer Burgerparticipatie, Ambtenarenpanel"."""
    author: str
    language: str
    document_kind: DocumentKind
    key_messages: tuple[str, ...]
    sections: tuple[Section, ...]
    headings: Headings
    """The heading of each fixed part (key messages, introduction, method, ...)."""
    outline: tuple[str, ...] = ()
    """The document's parts in reading order (`generator.headings.PARTS`), decided by the document kind."""
    introduction: tuple[Block, ...] = ()
    method: tuple[Block, ...] = ()
    """How the data was gathered: population, base, period; shown up front."""
    closing: tuple[Block, ...] = ()
    """Next steps ("Vervolg") and closing words."""
    header_fields: tuple[tuple[str, str], ...] = ()
    """Memo header lines in order, e.g. ("Aan", "De gemeenteraad")."""
    key_figures: KeyFigures | None = None
    tables_in_appendix: bool = False
    detailed: bool = True
    """True for a full report, False when only key findings are included."""
    keywords: tuple[str, ...] = ()
    survey_id: str = ""
    """The survey's id, tagged into every written file so `barometer update` can check it."""

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(figure for section in self.sections for figure in section.figures)

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(figure.chart for figure in self.figures)


def report_to_dict(report: Report) -> dict:
    """The report as plain JSON-ready data, each block tagged with its type."""

    def convert(value):
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            data = {"type": type(value).__name__}
            for item in dataclasses.fields(value):
                data[item.name] = convert(getattr(value, item.name))
            return data
        if isinstance(value, (tuple, list)):
            return [convert(item) for item in value]
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return convert(report)


def report_to_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)


def report_texts(report: Report) -> Iterator[str]:
    """Every text of the report a reader can meet, in document order; for searches over the whole report."""
    yield from (report.title, report.subtitle, report.date_text, report.source)
    for label, value in report.header_fields:
        yield from (label, value)
    yield from report.key_messages
    if report.key_figures:
        yield from block_texts(report.key_figures)
    for block in (*report.introduction, *report.method):
        yield from block_texts(block)
    for section in report.sections:
        yield from (section.title, section.summary)
        for block in section.blocks:
            yield from block_texts(block)
    for block in report.closing:
        yield from block_texts(block)


def block_texts(block: Block) -> Iterator[str]:
    """The texts of one block; a figure's are its title, text, caption, alt text, table, chart notes and notes."""
    if isinstance(block, BulletList):
        yield from block.items
    elif isinstance(block, KeyFigures):
        for figure in block.figures:
            yield from (figure.value, figure.label)
    elif isinstance(block, Figure):
        chart = block.chart
        yield from (block.title, block.text, chart.caption, chart.alt_text, chart.table.caption)
        for row in (chart.table.header, *chart.table.rows):
            yield from row
        yield from (*chart.spec.notes, block.notes)
    else:
        yield block.text
