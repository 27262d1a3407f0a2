"""Charts laid out for the frame they are placed in, so their text is readable as placed.

A chart drawn 10 inches wide and shrunk into a 4.4-inch frame on a 4:3 slide shows its
labels at 7-8 pt (issue 17). Here a chart is laid out at the frame's own width, with the
largest label size at which it also fits the frame's height; the image is then placed 1:1.
When no size down to `SMALLEST` fits, the frame is too small and the caller must choose a
bigger one (the full-width chart layout).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.charts import chart_layout
from generator.charts.drawing import Drawing
from generator.charts.style import ChartStyle
from generator.report import ChartSpec

COMFORTABLE = 12.0
"""Labels are laid out at least this large when the frame has the room."""
SMALLEST = 10.0
"""Labels are never laid out smaller than this; the requirement is 9 pt as placed."""
STEP = 0.5


@dataclass(frozen=True)
class ChartFit:
    """A chart laid out for one frame: the style to render it with and the drawing it gives."""

    style: ChartStyle
    drawing: Drawing

    @property
    def smallest_text(self) -> float:
        """The smallest text size in the drawing, in points at the drawing's own width."""
        return min((line.size for line in self.drawing.lines), default=self.style.font_size)

    def placed_text(self, placed_width_points: float) -> float:
        """The smallest text size as seen when the drawing is shown `placed_width_points` wide."""
        return self.smallest_text * placed_width_points / self.drawing.width


def fit_chart(spec: ChartSpec, style: ChartStyle, width: float, height: float,
              smallest: float = SMALLEST) -> ChartFit | None:
    """`spec` laid out `width` points wide with the largest label size that fits `height`; None if none does."""
    width_inches = width / 72
    wanted = style.font_size * width_inches / style.width_inches
    size = min(style.font_size, max(COMFORTABLE, wanted))
    layout = chart_layout(spec.kind)
    while size >= smallest:
        sized = replace(style, width_inches=round(width_inches, 3), font_size=size)
        drawing = layout(spec, sized)
        fit = ChartFit(sized, drawing)
        if drawing.height <= height and fit.smallest_text >= smallest:
            return fit
        size -= STEP
    return None
