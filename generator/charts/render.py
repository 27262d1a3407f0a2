"""ChartSpec -> PNG or SVG bytes: the one place that owns matplotlib, its settings and figures.

Only the Agg canvas is used, no pyplot and no axes: a chart kind lays out a `Drawing` in
points, and here it becomes one filled path per colour. Output is byte-identical across
runs: the PNG is encoded here without time or software fields, the SVG without date or
creator and with a fixed hash salt for its element ids. Figures are made without pyplot, so
none is registered globally and each is freed with its last reference; nothing needs closing.
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import Literal

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D

from generator.charts import chart_layout, glyphs
from generator.charts.drawing import Box, Drawing
from generator.charts.style import ChartStyle
from generator.report import ChartSpec

RENDERER_VERSION = "1"
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

_PNG_COMPRESSION = 2
"""zlib level: charts are flat colour, so level 2 is within ~10% of level 9's size at a quarter of the time."""


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
        canvas = FigureCanvasAgg(figure)
        _add_artists(figure, drawing)
        if image_format == "png":
            canvas.draw()
            width, height = canvas.get_width_height(physical=True)
            return encode_png(canvas.buffer_rgba(), width, height, dpi)
        buffer = io.BytesIO()
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


def encode_png(rgba, width: int, height: int, dpi: int) -> bytes:
    """RGBA pixels as a PNG with only the chunks an image needs, plus its resolution (pHYs)."""
    raw = np.empty((height, width * 4 + 1), np.uint8)
    raw[:, 0] = 0
    raw[:, 1:] = np.asarray(rgba, np.uint8).reshape(height, width * 4)
    pixels_per_metre = round(dpi / 0.0254)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
        _png_chunk(b"pHYs", struct.pack(">IIB", pixels_per_metre, pixels_per_metre, 1)),
        _png_chunk(b"IDAT", zlib.compress(raw, _PNG_COMPRESSION)),
        _png_chunk(b"IEND", b""),
    ))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
