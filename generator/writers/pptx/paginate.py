"""Text that cannot fit its placeholder even at the smallest size goes on more slides; so do long tables.

The plan decides what a deck says; this step checks it against the template's boxes. A text
slide that overflows is split into "Titel (1/2)", "Titel (2/2)"; a chart-and-text slide whose
text overflows becomes a chart slide with the text kept in the speaker notes. Charts are laid
out for their frame (charts.frame); one that cannot be readable beside its text also gets the
full-width chart layout.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from generator.charts.frame import fit_chart
from generator.writers.pptx.plan import (
    DeckMapping, LineKind, SlidePlan, SlideRole, TextLine, lines_to_notes, unique_titles,
)
from generator.writers.pptx.slides import chart_box
from generator.writers.pptx.tables import table_pages
from generator.writers.pptx.text import BODY_SMALLEST, EMU_PER_POINT, fit_size, insets_of, lines_fit

if TYPE_CHECKING:
    from generator.charts.style import ChartStyle
    from generator.writers.pptx.lookups import DeckLookups

COMFORTABLE_SHARE = 0.75
"""Text split over several slides is set at no less than this share of the template's size."""
SPLITTABLE = (SlideRole.TEXT, SlideRole.AGENDA, SlideRole.KEY_FIGURES, SlideRole.CLOSING, SlideRole.SECTION)


def paginate(plans: tuple[SlidePlan, ...], presentation, mapping: DeckMapping, deck: DeckLookups,
             chart_style: ChartStyle | None = None) -> tuple[SlidePlan, ...]:
    """`plans` with every slide's text fitting its box at no less than the smallest body size,
    and, given the charts' `chart_style`, every chart laid out for its frame."""
    layouts = list(presentation.slide_layouts)
    result: list[SlidePlan] = []
    if chart_style is not None:
        plans = tuple(fit_chart_frame(plan, layouts, mapping, chart_style, deck) for plan in plans)
    for plan in plans:
        box = deck.placeholder(layouts[plan.layout.layout_index], plan.layout.body)
        if plan.table is not None and box is not None:
            pages = table_pages(plan.table, box, deck)
            for number, page in enumerate(pages, start=1):
                title = plan.title if len(pages) == 1 else f"{plan.title} ({number}/{len(pages)})"
                result.append(replace(plan, title=title, table=page))
        elif box is None or not plan.body or lines_fit(plan.body, box, BODY_SMALLEST, deck):
            result.append(plan)
        elif plan.role is SlideRole.CHART_TEXT:
            moved = _without_text(plan, mapping)
            result.append(fit_chart_frame(moved, layouts, mapping, chart_style, deck) if chart_style else moved)
        elif plan.role in SPLITTABLE:
            comfortable = max(BODY_SMALLEST, COMFORTABLE_SHARE * deck.inherited_size(box))
            pieces = _split(plan.body, box, comfortable, deck)
            largest = deck.inherited_size(box)
            shared = min(fit_size(piece, *deck.extent(box), largest, BODY_SMALLEST, insets_of(box)) for piece in pieces)
            for number, piece in enumerate(pieces, start=1):
                title = plan.title if len(pieces) == 1 else f"{plan.title} ({number}/{len(pieces)})"
                notes = plan.notes if len(pieces) == 1 else lines_to_notes(piece)
                result.append(replace(plan, title=title, body=piece, notes=notes, text_size=shared))
        else:
            result.append(plan)
    return unique_titles(result)


def fit_chart_frame(plan: SlidePlan, layouts: list, mapping: DeckMapping, style: ChartStyle,
                    deck: DeckLookups) -> SlidePlan:
    """`plan` with its chart sized for the frame; a chart too big beside its text gets the full-width layout."""
    if plan.chart is None:
        return plan
    fit = _fit(plan, layouts, style, deck)
    if fit is None and plan.role is SlideRole.CHART_TEXT:
        plan = _without_text(plan, mapping)
        fit = _fit(plan, layouts, style, deck)
    if fit is None:
        return plan
    return replace(plan, chart_style=fit.style)


def _fit(plan: SlidePlan, layouts: list, style: ChartStyle, deck: DeckLookups):
    area = deck.placeholder(layouts[plan.layout.layout_index], plan.layout.area)
    if area is None:
        return None
    box = chart_box(area, deck, shared=bool(plan.body) and plan.layout.area == plan.layout.body)
    return fit_chart(plan.chart.spec, style, box[2] / EMU_PER_POINT, box[3] / EMU_PER_POINT)


def _without_text(plan: SlidePlan, mapping: DeckMapping) -> SlidePlan:
    """A chart-and-text slide as a full-width chart slide; the text moves to the speaker notes."""
    text = "\n".join(line.text for line in plan.body)
    notes = plan.notes if text in plan.notes else f"{text}\n{plan.notes}".strip()
    return replace(plan, role=SlideRole.CHART, layout=mapping.layout_for(SlideRole.CHART), body=(), notes=notes)


def _split(lines: tuple[TextLine, ...], box, size: float, deck: DeckLookups) -> list[tuple[TextLine, ...]]:
    """Consecutive runs of lines that each fit at `size`; a heading never ends a slide."""
    pieces: list[list[TextLine]] = [[]]
    for line in lines:
        candidate = pieces[-1] + [line]
        if pieces[-1] and not lines_fit(tuple(candidate), box, size, deck):
            carried = [pieces[-1].pop()] if pieces[-1][-1].kind is LineKind.HEADING and len(pieces[-1]) > 1 else []
            pieces.append(carried + [line])
        else:
            pieces[-1] = candidate
    return [tuple(piece) for piece in pieces if piece]
