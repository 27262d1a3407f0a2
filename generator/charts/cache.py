"""A disk cache of rendered charts, keyed by content, shared by every audience, format and run.

The key hashes the spec, the style and the renderer version, so a chart is drawn once for
all documents that show it, a rebuild with unchanged inputs draws nothing, and changing one
number redraws exactly that chart. Files appear atomically (temporary file, then
`os.replace`), so parallel workers can share one cache folder without reading half a file.
Labels that no installed font can show are collected in `notices` whether the chart was drawn
or reused, so a rebuild from the cache warns as the first build did.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import matplotlib

from generator.charts import glyphs
from generator.charts.render import IMAGE_FORMATS, RENDERER_VERSION, ImageFormat, render_chart, text_notices
from generator.charts.style import ChartStyle
from generator.errors import OutputError, problem_at
from generator.files import write_atomically
from generator.notices import Notices
from generator.report import ChartSpec


class ChartCache:
    """Rendered chart files in `directory`, found by content hash; counts what it drew and reused, and
    collects in `notices` what the caller should tell the user about them."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.rendered = 0
        self.reused = 0
        self.notices = Notices()
        self._named: set[str] = set()

    def image_for(self, spec: ChartSpec, style: ChartStyle, image_format: ImageFormat = "png",
                  chart_id: str | None = None) -> Path:
        """The path of the chart image, rendering it only when no identical chart was rendered before.
        `chart_id` names the chart in notices (else its title does)."""
        if image_format not in IMAGE_FORMATS:
            raise ValueError(f"unknown image format {image_format!r}; known formats: {', '.join(IMAGE_FORMATS)}")
        self.notices.extend(text_notices(((chart_id or spec.title, spec),), style, self._named))
        path = self.directory / f"{chart_key(spec, style, image_format)}.{image_format}"
        if path.is_file():
            self.reused += 1
            return path
        content = render_chart(spec, style, image_format)
        try:
            write_atomically(path, content)
        except OSError as error:
            raise OutputError(problem_at(path, f"cannot write to the chart cache: {error.strerror or error}")) from None
        self.rendered += 1
        return path


def chart_key(spec: ChartSpec, style: ChartStyle, image_format: str) -> str:
    """A hex digest of everything the image depends on."""
    content = {
        "renderer": RENDERER_VERSION,
        "matplotlib": matplotlib.__version__,
        "fonts": glyphs.script_fallback_families(),
        "format": image_format,
        "spec": dataclasses.asdict(spec),
        "style": dataclasses.asdict(style),
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
