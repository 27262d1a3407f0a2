"""Text that cannot fit its placeholder even at the smallest size goes on more slides.

The plan decides what a deck says; this step checks it against the template's boxes. A text
slide that overflows is split into "Titel (1/2)", "Titel (2/2)"; a chart-and-text slide whose
text overflows becomes a chart slide with the text kept in the speaker notes.
"""

from __future__ import annotations

from dataclasses import replace

from generator.writers.pptx_plan import (
    DeckMapping, LineKind, SlidePlan, SlideRole, TextLine, lines_to_notes, unique_titles,
)
from generator.writers.pptx_text import BODY_SMALLEST, extent, fit_size, inherited_size, insets_of, lines_fit

COMFORTABLE_SHARE = 0.75
"""Text split over several slides is set at no less than this share of the template's size."""
SPLITTABLE = (SlideRole.TEXT, SlideRole.AGENDA, SlideRole.KEY_FIGURES, SlideRole.CLOSING, SlideRole.SECTION)


def paginate(plans: tuple[SlidePlan, ...], presentation, mapping: DeckMapping) -> tuple[SlidePlan, ...]:
    """`plans` with every slide's text fitting its box at no less than the smallest body size."""
    layouts = list(presentation.slide_layouts)
    result: list[SlidePlan] = []
    for plan in plans:
        box = _body_shape(layouts[plan.layout.layout_index], plan.layout.body)
        if box is None or not plan.body or lines_fit(plan.body, box, BODY_SMALLEST):
            result.append(plan)
        elif plan.role is SlideRole.CHART_TEXT:
            text = "\n".join(line.text for line in plan.body)
            notes = plan.notes if text in plan.notes else f"{text}\n{plan.notes}".strip()
            result.append(replace(plan, role=SlideRole.CHART, layout=mapping.layout_for(SlideRole.CHART),
                                  body=(), notes=notes))
        elif plan.role in SPLITTABLE:
            comfortable = max(BODY_SMALLEST, COMFORTABLE_SHARE * inherited_size(box))
            pieces = _split(plan.body, box, comfortable)
            largest = inherited_size(box)
            shared = min(fit_size(piece, *extent(box), largest, BODY_SMALLEST, insets_of(box)) for piece in pieces)
            for number, piece in enumerate(pieces, start=1):
                title = plan.title if len(pieces) == 1 else f"{plan.title} ({number}/{len(pieces)})"
                notes = plan.notes if len(pieces) == 1 else lines_to_notes(piece)
                result.append(replace(plan, title=title, body=piece, notes=notes, text_size=shared))
        else:
            result.append(plan)
    return unique_titles(result)


def _body_shape(layout, idx: int | None):
    if idx is None:
        return None
    return next((shape for shape in layout.placeholders if shape.placeholder_format.idx == idx), None)


def _split(lines: tuple[TextLine, ...], box, size: float) -> list[tuple[TextLine, ...]]:
    """Consecutive runs of lines that each fit at `size`; a heading never ends a slide."""
    pieces: list[list[TextLine]] = [[]]
    for line in lines:
        candidate = pieces[-1] + [line]
        if pieces[-1] and not lines_fit(tuple(candidate), box, size):
            carried = [pieces[-1].pop()] if pieces[-1][-1].kind is LineKind.HEADING and len(pieces[-1]) > 1 else []
            pieces.append(carried + [line])
        else:
            pieces[-1] = candidate
    return [tuple(piece) for piece in pieces if piece]
