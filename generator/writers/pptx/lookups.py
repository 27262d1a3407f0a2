"""What writing one deck asks of its layouts again and again, answered once per deck.

python-pptx finds a placeholder's inherited size and text style by walking every shape of its
layout and master on each access, and a deck asks the same questions of the same few layouts
for every slide. Answers are kept for one deck only: its layouts and master never change while
it is written. A slide placeholder's answer is taken from its layout's only while the slide
gives it no size or text style of its own.
"""

from __future__ import annotations

from pptx.oxml.ns import qn

from generator.writers.pptx import text
from generator.writers.pptx.notes import NotesPages


class DeckLookups:
    """Placeholders, sizes and text styles of one deck's layouts, and its notes pages."""

    def __init__(self) -> None:
        self.notes = NotesPages()
        self._placeholders: dict = {}
        self._answers: dict = {}

    def placeholder(self, layout, idx: int | None):
        """The first placeholder of `layout` with index `idx`, or None."""
        if idx is None:
            return None
        return self._placeholders_of(layout)[0].get(idx)

    def placeholder_of_kind(self, layout, kind):
        """The first placeholder of `layout` of type `kind` (PP_PLACEHOLDER), or None."""
        return self._placeholders_of(layout)[1].get(kind)

    def extent(self, shape) -> tuple[int, int]:
        """What `text.extent(shape)` gives, remembered."""
        element = shape._element
        if _is_slide_shape(shape) and (element.cx is not None or element.cy is not None):
            return text.extent(shape)
        return self.remember(("extent", *self._source(shape)), lambda: text.extent(shape))

    def inherited_level(self, shape, level: int = 1):
        """What `text.inherited_level(shape, level)` gives, remembered."""
        if _is_slide_shape(shape):
            own = text.sized_level(shape, qn(f"a:lvl{level}pPr"))
            if own is not None:
                return own
        return self.remember(("level", level, *self._source(shape)), lambda: text.inherited_level(shape, level))

    def inherited_size(self, shape, fallback: float = 18.0) -> float:
        """What `text.inherited_size(shape, fallback)` gives, remembered."""
        return text.level_size(self.inherited_level(shape), fallback)

    def inherits_bullets(self, shape) -> bool:
        """What `text.inherits_bullets(shape)` gives, remembered."""
        return text.level_bullets(self.inherited_level(shape))

    def _placeholders_of(self, layout) -> tuple[dict, dict]:
        key = layout._element
        if key not in self._placeholders:
            by_idx, by_kind = {}, {}
            for shape in layout.placeholders:
                by_idx.setdefault(shape.placeholder_format.idx, shape)
                by_kind.setdefault(shape.placeholder_format.type, shape)
            self._placeholders[key] = (by_idx, by_kind, layout)
        return self._placeholders[key][:2]

    def _source(self, shape) -> tuple:
        """What decides an answer about `shape`: its layout, index and type (a slide's), else its own element."""
        if _is_slide_shape(shape):
            return shape.part.slide_layout._element, shape._element.ph_idx, shape._element.ph_type
        return (shape._element,)

    def remember(self, key: tuple, compute):
        """The answer for `key` (which must hold everything it depends on), computed the first time."""
        if key not in self._answers:
            self._answers[key] = compute()
        return self._answers[key]


def _is_slide_shape(shape) -> bool:
    return hasattr(shape.part, "slide_layout")
