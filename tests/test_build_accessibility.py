"""`barometer build` checks what it writes: accessibility problems of a new file are reported."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches

from generator.build import Job, Outcome, report_accessibility


def _deck_with_undescribed_picture(path: Path) -> None:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(image, format="PNG")
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Grafiek"
    slide.shapes.add_picture(io.BytesIO(image.getvalue()), Inches(1), Inches(2))
    deck.core_properties.title = "Deck"
    deck.save(path)


def test_problems_of_built_files_are_reported(tmp_path, capsys):
    _deck_with_undescribed_picture(tmp_path / "deck.pptx")
    job = Job("raad", "pptx", Path("deck.pptx"), "key")
    report_accessibility(tmp_path, [Outcome(job, "built")])
    errors = capsys.readouterr().err
    assert "accessibility:" in errors and "deck.pptx" in errors and "alt text" in errors


def test_files_left_alone_are_not_checked_again(tmp_path, capsys):
    _deck_with_undescribed_picture(tmp_path / "deck.pptx")
    job = Job("raad", "pptx", Path("deck.pptx"), "key")
    report_accessibility(tmp_path, [Outcome(job, "up to date")])
    assert capsys.readouterr().err == ""
