"""ChartSpec -> PNG or SVG bytes: the one place that owns matplotlib, its settings and figures.

Only the Agg canvas is used, no pyplot and no axes: a chart kind lays out a `Drawing` in
points, and here it becomes one filled path per colour. Output is byte-identical across
runs: the PNG as `savefig` writes it without its Software field, the SVG without date or
creator and with a fixed hash salt for its element ids. Figures are made without pyplot, so none is registered
globally and each is freed with its last reference; nothing needs closing. Labels with
characters no installed font has are returned as notices (`chart_notices`), never printed here.
"""

from __future__ import annotations

import io
from typing import Iterable, Literal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D

from generator.charts import chart_layout, glyphs
from generator.charts.drawing import Box, Drawing
from generator.charts.style import ChartStyle
from generator.notices import Notices
from generator.report import Chart, ChartSpec

RENDERER_VERSION = "2"
"""Part of every cache key: bump it when a change alters how charts look."""

ImageFormat = Literal["png", "svg"]
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg")

RC_PARAMS = {
    "svg.hashsalt": "barometer",
    "svg.fonttype": "path",
    "svg.image_inline": True,
    "hatch.linewidth": 2.0,
    "path.simplify": False,
    "path.snap": True,
}
"""Every matplotlib setting the output depends on, fixed so a user's matplotlibrc changes nothing."""

PNG_OPTIONS = {"compress_level": 2}
"""Pillow's PNG settings: charts are flat colour, so higher zlib levels add time for a few percent of size."""


def render_chart(spec: ChartSpec, style: ChartStyle, image_format: ImageFormat = "png") -> bytes:
    """The chart image of `spec` in `style`, as PNG or SVG bytes."""
    if image_format not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {image_format!r}; known formats: {', '.join(IMAGE_FORMATS)}")
    drawing = chart_layout(spec.kind)(spec, style)
    return render_drawing(drawing, style.dpi, image_format, transparent=style.transparent)


def render_drawing(drawing: Drawing, dpi: int, image_format: ImageFormat, transparent: bool = False) -> bytes:
    """A laid-out drawing as PNG or SVG bytes; `transparent` leaves the background unpainted."""
    facecolor = "none" if transparent else drawing.background
    with matplotlib.rc_context(RC_PARAMS):
        figure = Figure(figsize=(drawing.width / 72, drawing.height / 72), dpi=dpi, facecolor=facecolor)
        FigureCanvasAgg(figure)
        _add_artists(figure, drawing)
        buffer = io.BytesIO()
        if image_format == "png":
            figure.savefig(buffer, format="png", dpi=dpi, facecolor=facecolor, metadata={"Software": None},
                           pil_kwargs=PNG_OPTIONS)
        else:
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, facecolor=facecolor)
        return buffer.getvalue()


def _add_artists(figure: Figure, drawing: Drawing) -> None:
    """Boxes grouped by look, then text grouped by colour, each group one path.

    Groups are drawn in the order their first box was laid out, so a chart kind places what
    lies underneath (a scale track) before what lies on top (the filled part).
    """
    to_inches = Affine2D().scale(1 / 72, -1 / 72).translate(0, drawing.height / 72)
    transform = to_inches + figure.dpi_scale_trans
    box_groups: dict[tuple[str, str | None], list[Box]] = {}
    for box in drawing.boxes:
        box_groups.setdefault((box.fill, box.hatch_color), []).append(box)
    for (fill, hatch_color), boxes in box_groups.items():
        patch = PathPatch(_rectangles(boxes), facecolor=fill, linewidth=0, transform=transform,
                          antialiased=True)
        if hatch_color:
            patch.set_hatch("//")
            patch.set_edgecolor(hatch_color)  # matplotlib draws hatches in the edge colour
        figure.add_artist(patch)
    for stroke in drawing.strokes:
        figure.add_artist(PathPatch(MplPath(stroke.points), facecolor="none", edgecolor=stroke.color,
                                    linewidth=stroke.width, linestyle="--" if stroke.dashed else "-",
                                    transform=transform, antialiased=True, capstyle="round", joinstyle="round"))
    text_groups: dict[str, list] = {}
    for line in drawing.lines:
        if not line.text.strip():
            continue
        vertices, codes = glyphs.outline(line.text, line.font_file, line.size)
        if not len(codes):
            continue
        vertices = vertices * (1.0, -1.0) + (line.x, line.baseline)
        text_groups.setdefault(line.color, []).append((vertices, codes))
    for color, parts in text_groups.items():
        figure.add_artist(PathPatch(glyphs.compound_path(parts), facecolor=color, linewidth=0,
                                    transform=transform, antialiased=True))


def _rectangles(boxes: list[Box]) -> MplPath:
    parts = []
    for box in boxes:
        x0, y0, x1, y1 = box.x, box.y, box.x + box.width, box.y + box.height
        parts.append(MplPath([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], closed=True))
    return MplPath.make_compound_path(*parts)


def chart_notices(charts: Iterable[Chart], style: ChartStyle) -> Notices:
    """One notice per label with characters no installed font has, naming the first chart that shows it."""
    return text_notices(((chart.chart_id, chart.spec) for chart in charts), style)


def text_notices(named_specs: Iterable[tuple[str, ChartSpec]], style: ChartStyle,
                 named: set[str] | None = None) -> Notices:
    """`chart_notices` for (name, spec) pairs: what a chart's reader would see as boxes instead of letters.
    `named` holds the labels already warned about (by earlier calls); it is updated."""
    fonts = (glyphs.font_file(style.font_family), glyphs.font_file(style.font_family, bold=True))
    heading = glyphs.font_file(style.heading_font_family, bold=True)
    notices = Notices()
    named = set() if named is None else named
    for name, spec in named_specs:
        texts = [(text, fonts) for text in _shown_texts(spec)]
        if style.show_title:
            texts.append((spec.title, (heading,)))
        for text, paths in texts:
            missing = dict.fromkeys(character for path in paths for character in glyphs.missing_characters(text, path))
            if missing and text not in named:
                named.add(text)
                codes = ", ".join(f"U+{ord(character):04X}" for character in missing)
                notices.add(f'chart "{name}": label "{text}" has characters no installed font can show ({codes}); '
                            "they show as placeholder boxes (install a font that has them)")
    return notices


def _shown_texts(spec: ChartSpec) -> tuple[str, ...]:
    """Every text a chart of `spec` may print besides its title: answers, legend, values and notes."""
    labels = (label for series in spec.series for label in series.labels if label)
    return tuple(dict.fromkeys((*spec.categories, *(series.name for series in spec.series), *labels, *spec.notes)))
