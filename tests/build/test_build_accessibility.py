"""`barometer build` checks what it writes: accessibility problems of a new file are reported."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches

from generator.build import Job, Outcome, accessibility_problems


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


def test_problems_of_built_files_are_reported(tmp_path):
    _deck_with_undescribed_picture(tmp_path / "deck.pptx")
    job = Job("raad", "pptx", Path("deck.pptx"), "key")
    problems = "\n".join(accessibility_problems(tmp_path, [Outcome(job, "built")]))
    assert "deck.pptx" in problems and "alt text" in problems


def test_files_left_alone_are_not_checked_again(tmp_path):
    _deck_with_undescribed_picture(tmp_path / "deck.pptx")
    job = Job("raad", "pptx", Path("deck.pptx"), "key")
    assert accessibility_problems(tmp_path, [Outcome(job, "up to date")]) == ()


def test_files_the_checks_cannot_read_are_not_checked(tmp_path):
    (tmp_path / "verslag.md").write_text("# Verslag\n", encoding="utf-8")
    job = Job("raad", "md", Path("verslag.md"), "key")
    assert accessibility_problems(tmp_path, [Outcome(job, "built")]) == ()
