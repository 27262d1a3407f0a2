"""The deck as a plan: which slides, in which role and layout, holding which text and chart.

Pure: a `Report` and a `DeckMapping` (roles -> layouts, decided from the template) in, a
tuple of `SlidePlan` out. No python-pptx here, so the order, titles and notes of a deck can
be tested without writing a file.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from generator.dutch import join_list
from generator.report import (
    BulletList, Chart, DataTable, DocumentKind, Figure, Heading, KeyFigures, Note, Paragraph, Quote, Report, Section, SourceLine,
)

if TYPE_CHECKING:
    from generator.charts.style import ChartStyle


class SlideRole(enum.Enum):
    """What a slide is for; template.yaml maps each role to a layout."""

    TITLE = "title"
    AGENDA = "agenda"
    SECTION = "section"
    TEXT = "text"
    CHART = "chart"
    CHART_TEXT = "chart_text"
    KEY_FIGURES = "key_figures"
    CLOSING = "closing"


REQUIRED_ROLES = (SlideRole.TITLE, SlideRole.TEXT, SlideRole.CHART)
FALLBACK_ROLES = {
    SlideRole.AGENDA: SlideRole.TEXT,
    SlideRole.SECTION: SlideRole.TITLE,
    SlideRole.KEY_FIGURES: SlideRole.TEXT,
    SlideRole.CLOSING: SlideRole.TEXT,
    SlideRole.CHART_TEXT: SlideRole.CHART,
}
"""The role whose layout stands in when a template lacks an optional one."""


SHORT_LEAD = 300
"""A section's lead text up to this many characters gets a section-title slide, not a text slide."""


class LineKind(enum.Enum):
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    NUMBERED = "numbered"
    HEADING = "heading"
    KEY_FIGURE = "key_figure"


@dataclass(frozen=True)
class TextLine:
    """One paragraph of slide text; a key figure also carries its value ("64%")."""

    text: str
    kind: LineKind = LineKind.PARAGRAPH
    value: str = ""


@dataclass(frozen=True)
class RoleLayout:
    """Where a role's content goes: a layout and the idx of each placeholder it uses."""

    role: SlideRole
    layout_name: str
    layout_index: int
    title: int | None
    body: int | None = None
    """Text placeholder: subtitle on a title slide, the text on text slides."""
    area: int | None = None
    """The placeholder whose box a chart fills."""
    stands_in_for: SlideRole | None = None


@dataclass(frozen=True)
class DeckLabels:
    """Fixed Dutch words of the deck's own slides; overridable under `deck: labels:`.

    The headings of the report's parts (key messages, method, ...) are the report's own."""

    agenda: str = "Agenda"
    closing: str = "Tot slot"
    section_part: str = "Deel {number} van {total}"
    table: str = "Tabel"
    appendix_tables_text: str = "De cijfers achter elke grafiek in deze presentatie, als tabel."


@dataclass(frozen=True)
class DeckMapping:
    """Roles -> layouts for one template, plus what the deck should show around the content."""

    roles: dict = field(default_factory=dict)
    """SlideRole -> RoleLayout; every role is present (optional ones may stand in)."""
    footer: bool = True
    slide_numbers: bool = True
    labels: DeckLabels = DeckLabels()

    def layout_for(self, role: SlideRole) -> RoleLayout:
        return self.roles[role]


@dataclass(frozen=True)
class SlidePlan:
    """One slide to write: role, layout choice, title, text, chart and speaker notes."""

    role: SlideRole
    layout: RoleLayout
    title: str
    body: tuple[TextLine, ...] = ()
    chart: Chart | None = None
    notes: str = ""
    footer: str = ""
    numbered: bool = True
    text_size: float | None = None
    """Largest body size in points, when several slides share one text; None: the template's."""
    table: DataTable | None = None
    """A chart's data, set as a table in the body's box; pagination splits long ones."""
    table_id: str = ""
    """The chart id the table belongs to, for the table shape's name."""
    chart_style: ChartStyle | None = None
    """The chart's style sized for its frame on this slide; None: the image as rendered."""


LETTER_KINDS = (DocumentKind.RAADSINFORMATIEBRIEF, DocumentKind.MEMO)
"""Audiences whose introduction is letter text ("Met deze brief ..."), which a slide must not show."""


def plan_deck(report: Report, mapping: DeckMapping) -> tuple[SlidePlan, ...]:
    """The slides of `report` in order: title, key messages and method up front, then the detail."""
    headings = report.headings
    slides: list[SlidePlan] = [_title_slide(report, mapping)]
    if report.key_messages:
        lines = tuple(TextLine(message, LineKind.BULLET) for message in report.key_messages)
        slides.append(_text_slide(mapping, SlideRole.TEXT, headings.key_messages, lines))
    if report.method:
        slides.append(_text_slide(mapping, SlideRole.TEXT, headings.method, _blocks_to_lines(report.method)))
    if report.introduction and report.document_kind not in LETTER_KINDS:
        lines = _blocks_to_lines(report.introduction)
        if lines:
            slides.append(_text_slide(mapping, SlideRole.TEXT, _first_heading(report.introduction) or headings.introduction,
                                      tuple(line for line in lines if line.text != _first_heading(report.introduction))))
    if report.key_figures and report.key_figures.figures:
        slides.append(_key_figures_slide(report.key_figures, headings.key_figures, mapping))
    if len(report.sections) > 1:
        items = tuple(TextLine(section.title, LineKind.NUMBERED) for section in report.sections)
        notes = f"In deze presentatie: {join_list([section.title for section in report.sections])}."
        slides.append(_text_slide(mapping, SlideRole.AGENDA, mapping.labels.agenda, items, notes))
    for number, section in enumerate(report.sections, start=1):
        slides += _section_slides(report, section, number, mapping)
    if report.closing:
        slides.append(_closing_slide(report, mapping))
    if not report.detailed and report.charts:
        slides += _appendix_slides(report, mapping)
    footer = report.source if mapping.footer else ""
    slides = [replace(slide, footer=footer if slide.role is not SlideRole.TITLE else "") for slide in slides]
    return unique_titles(slides)


def _title_slide(report: Report, mapping: DeckMapping) -> SlidePlan:
    lines = tuple(TextLine(text) for text in (report.subtitle, report.date_text, report.source) if text)
    notes = " ".join(part for part in (f"{report.title}.", report.subtitle and f"{report.subtitle}.",
                                       f"Stand van {report.date_text}.", f"{report.source}.") if part)
    return SlidePlan(SlideRole.TITLE, mapping.layout_for(SlideRole.TITLE), report.title or "Presentatie",
                     lines, notes=_tidy(notes), numbered=False)


def _text_slide(mapping: DeckMapping, role: SlideRole, title: str, lines: tuple[TextLine, ...],
                notes: str = "") -> SlidePlan:
    return SlidePlan(role, mapping.layout_for(role), title, lines, notes=notes or lines_to_notes(lines))


def _key_figures_slide(key_figures: KeyFigures, title: str, mapping: DeckMapping) -> SlidePlan:
    lines = tuple(TextLine(figure.label, LineKind.KEY_FIGURE, figure.value) for figure in key_figures.figures)
    notes = "\n".join(f"{figure.value} {figure.label}" for figure in key_figures.figures)
    return SlidePlan(SlideRole.KEY_FIGURES, mapping.layout_for(SlideRole.KEY_FIGURES), title, lines, notes=notes)


def _section_slides(report: Report, section: Section, number: int, mapping: DeckMapping) -> list[SlidePlan]:
    slides: list[SlidePlan] = []
    text_blocks = tuple(block for block in section.blocks if not isinstance(block, (Figure, KeyFigures)))
    text_lines = _blocks_to_lines(text_blocks)
    if report.detailed:
        part = mapping.labels.section_part.format(number=number, total=len(report.sections))
        lines = text_lines or (TextLine(part),)
        notes = _tidy(f"{part}: {section.title}. " + lines_to_notes(lines))
        slides.append(SlidePlan(SlideRole.SECTION, mapping.layout_for(SlideRole.SECTION), section.title,
                                lines, notes=notes))
    elif text_lines:
        short = sum(len(line.text) for line in text_lines) <= SHORT_LEAD
        section_layout = mapping.layout_for(SlideRole.SECTION)
        role = SlideRole.SECTION if short and section_layout.stands_in_for is None else SlideRole.TEXT
        slides.append(_text_slide(mapping, role, section.title, text_lines))
    for block in section.blocks:
        if isinstance(block, KeyFigures) and block.figures:
            slides.append(_key_figures_slide(block, section.title, mapping))
        elif isinstance(block, Figure):
            slides.append(_figure_slide(block, block.text, mapping))
            if report.detailed:
                slides.append(table_slide(block.chart, mapping))
    return slides


def table_slide(chart: Chart, mapping: DeckMapping) -> SlidePlan:
    """A chart's data as a table on a text-layout slide, titled "Tabel: <question>"."""
    table = chart.table
    notes = "\n".join(": ".join(row) for row in (table.header, *table.rows))
    return SlidePlan(SlideRole.TEXT, mapping.layout_for(SlideRole.TEXT), f"{mapping.labels.table}: {table.caption}",
                     notes=notes, table=table, table_id=chart.chart_id)


def _appendix_slides(report: Report, mapping: DeckMapping) -> list[SlidePlan]:
    """Key-findings decks keep the data tables out of the story: a divider, then one table per chart."""
    lines = (TextLine(mapping.labels.appendix_tables_text),)
    divider = SlidePlan(SlideRole.SECTION, mapping.layout_for(SlideRole.SECTION), report.headings.appendix_tables,
                        lines, notes=lines_to_notes(lines))
    return [divider, *(table_slide(chart, mapping) for chart in report.charts)]


def _figure_slide(figure: Figure, text: str, mapping: DeckMapping) -> SlidePlan:
    chart_text = mapping.layout_for(SlideRole.CHART_TEXT)
    role = SlideRole.CHART_TEXT if text and chart_text.body is not None else SlideRole.CHART
    notes = figure.notes or "\n".join(filter(None, (figure.text, figure.chart.alt_text)))
    if text and role is SlideRole.CHART and text not in notes:
        notes = f"{text}\n{notes}"
    body = paragraphs(text) if role is SlideRole.CHART_TEXT else ()
    return SlidePlan(role, mapping.layout_for(role), figure.title or figure.chart.caption or figure.chart.spec.title,
                     body, chart=figure.chart, notes=notes)


def _closing_slide(report: Report, mapping: DeckMapping) -> SlidePlan:
    lines: list[TextLine] = []
    closing = _blocks_to_lines(report.closing)
    if closing:
        if closing[0].kind is not LineKind.HEADING:
            lines.append(TextLine(report.headings.closing, LineKind.HEADING))
        lines += closing
    return _text_slide(mapping, SlideRole.CLOSING, mapping.labels.closing, tuple(lines))


def _blocks_to_lines(blocks) -> tuple[TextLine, ...]:
    """Text blocks as slide paragraphs; figures and key figures get slides of their own."""
    lines: list[TextLine] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines.append(TextLine(block.text, LineKind.HEADING))
        elif isinstance(block, BulletList):
            kind = LineKind.NUMBERED if block.numbered else LineKind.BULLET
            lines += [TextLine(item, kind) for item in block.items]
        elif isinstance(block, Quote):
            lines.append(TextLine(f"“{block.text}”"))
        elif isinstance(block, (Paragraph, Note, SourceLine)):
            lines += paragraphs(block.text)
    return tuple(line for line in lines if line.text.strip())


def paragraphs(text: str, kind: LineKind = LineKind.PARAGRAPH) -> tuple[TextLine, ...]:
    """One slide paragraph per line of `text`; blank lines dropped (slides space paragraphs themselves)."""
    return tuple(TextLine(line.strip(), kind) for line in (text or "").splitlines() if line.strip())


def _first_heading(blocks) -> str:
    return next((block.text for block in blocks if isinstance(block, Heading)), "")


def lines_to_notes(lines: tuple[TextLine, ...]) -> str:
    return "\n".join(f"{line.value} {line.text}" if line.value else line.text for line in lines)


def _tidy(text: str) -> str:
    return " ".join(text.replace("..", ".").split())


def unique_titles(slides: list[SlidePlan]) -> tuple[SlidePlan, ...]:
    """Titles made unique with " (1/2)" suffixes, as screen readers and the outline need."""
    counts = Counter(slide.title.strip() for slide in slides)
    seen: Counter = Counter()
    result = []
    for slide in slides:
        title = slide.title.strip() or "Dia"
        if counts[slide.title.strip()] > 1:
            seen[title] += 1
            title = f"{title} ({seen[title]}/{counts[slide.title.strip()]})"
        result.append(replace(slide, title=title))
    return tuple(result)
