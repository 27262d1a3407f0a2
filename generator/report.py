"""The format-neutral report: what one audience gets to read, before any file format.

`compose` builds a `Report` from a survey and an audience; the pptx and docx writers read
only this. It holds finished Dutch text and formatted numbers, and no layout: no EMUs,
placeholder indices, style names or file formats.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from dataclasses import dataclass
from typing import Union


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


def report_to_text(report: Report) -> str:
    """The report's full text in document order, for review and golden tests.

    Every title, paragraph, key figure, caption, alt text, table row, chart note and speaker
    note appears once, so a wording change shows as a readable diff.
    """
    lines = [f"# {report.title}", report.subtitle, f"{report.date_text} · {report.source}", ""]
    if report.header_fields:
        lines += [f"{label}: {value}" for label, value in report.header_fields] + [""]
    closing = [_block_to_text(block) for block in report.closing]
    if closing and report.document_kind is DocumentKind.MEMO:
        lines += closing + [""]
        closing = []
    lines += ["## Kernboodschappen"] + [f"- {message}" for message in report.key_messages] + [""]
    if report.key_figures:
        lines += ["## Kerncijfers", _block_to_text(report.key_figures), ""]
    for title, blocks in (("Inleiding", report.introduction), ("Methode", report.method)):
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
