"""`barometer build` checks what it writes: accessibility problems of a new file are reported."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches

from generator.build import Job, Outcome, accessibility_problems
from generator.build_jobs import file_problems


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


def test_problems_of_a_written_file_name_the_file_and_the_problem(tmp_path):
    _deck_with_undescribed_picture(tmp_path / "deck.pptx")
    problems = "\n".join(file_problems(tmp_path / "deck.pptx"))
    assert "deck.pptx" in problems and "alt text" in problems


def test_a_build_reports_the_problems_of_the_files_it_wrote_only(tmp_path):
    job = Job("raad", "pptx", Path("deck.pptx"), "key")
    written = Outcome(job, "built", accessibility=("deck.pptx: picture without alt text",))
    left_alone = Outcome(job, "up to date", accessibility=("deck.pptx: picture without alt text",))
    assert accessibility_problems([written, left_alone]) == ("deck.pptx: picture without alt text",)


def test_files_the_checks_cannot_read_are_not_checked(tmp_path):
    (tmp_path / "verslag.md").write_text("# Verslag\n", encoding="utf-8")
    assert file_problems(tmp_path / "verslag.md") == ()
