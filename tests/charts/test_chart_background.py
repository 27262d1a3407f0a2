"""Charts take the background of the slide layout they are placed on, not a white box.

Fixture decks (tests/fixtures/decks/make_fixture_decks.py): `getint` has content layouts with
a tinted solid fill, `foto` with a picture. A solid fill is painted behind the chart; a
picture shows through a transparent chart. Colours keep their WCAG contrast against the
real background either way.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.charts.cache import chart_key
from generator.charts.contrast import GRAPHICS_CONTRAST, TEXT_CONTRAST, contrast_ratio, ensure_contrast
from generator.charts.render import render_chart
from generator.charts.style import chart_style_for
from generator.charts.theme import read_deck_theme
from generator.report import ChartSpec
from generator.template_set import load_template_set

DECKS = Path(__file__).resolve().parents[1] / "fixtures" / "decks"
DEFAULT = Path(__file__).resolve().parents[2] / "templates" / "default"
TINT = (0xEA, 0xF2, 0xEC)


def _spec() -> ChartSpec:
    from generator.charts.content import survey_charts
    from generator.readers import load_survey

    return survey_charts(load_survey(Path(__file__).resolve().parents[1] / "bad_inputs" / "valid.yaml"))[0].spec


def _corner(png: bytes) -> tuple[int, int, int, int]:
    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGBA").getpixel((0, 0))


def test_chart_on_a_tinted_layout_is_painted_in_that_tint():
    style = chart_style_for(load_template_set(DECKS / "getint"))
    assert (style.background, style.transparent) == ("#EAF2EC", False)
    assert _corner(render_chart(_spec(), style)) == (*TINT, 255)


def test_chart_on_a_picture_layout_is_transparent():
    style = chart_style_for(load_template_set(DECKS / "foto"))
    assert style.transparent
    assert _corner(render_chart(_spec(), style))[3] == 0


@pytest.mark.parametrize("deck", ["getint", "foto"])
def test_chart_colours_keep_their_contrast_against_the_real_background(deck):
    template = load_template_set(DECKS / deck)
    background = read_deck_theme(template.deck, ("ppt/slideLayouts/slideLayout2.xml",)).chart_background
    style = chart_style_for(template)
    assert background is not None and background.colors
    for color in background.colors:
        assert contrast_ratio(style.text_color, color) >= TEXT_CONTRAST
        assert all(contrast_ratio(bar, color) >= GRAPHICS_CONTRAST for bar in style.palette)


def test_picture_background_is_judged_by_its_colours():
    """The picture fades from pale to mid blue: its average colour, not white, is what text sits on."""
    template = load_template_set(DECKS / "foto")
    background = read_deck_theme(template.deck, ("ppt/slideLayouts/slideLayout2.xml",)).chart_background
    (average,) = background.colors
    assert contrast_ratio(average, "#FFFFFF") > 1.4


def test_the_background_is_part_of_the_chart_cache_key():
    spec = _spec()
    keys = {chart_key(spec, chart_style_for(load_template_set(path)), "png")
            for path in (DECKS / "gemeente43", DECKS / "getint", DECKS / "foto")}
    assert len(keys) == 3


def test_a_colour_is_darkened_until_it_passes_on_every_background():
    stops = ("#FFFFFF", "#B9CEE5")
    shade = ensure_contrast("#7FB2E5", stops, GRAPHICS_CONTRAST)
    assert all(contrast_ratio(shade, stop) >= GRAPHICS_CONTRAST for stop in stops)
    assert contrast_ratio(ensure_contrast("#7FB2E5", "#FFFFFF", GRAPHICS_CONTRAST), "#B9CEE5") < GRAPHICS_CONTRAST


def test_default_deck_charts_stay_on_white():
    style = chart_style_for(load_template_set(DEFAULT))
    assert (style.background, style.transparent) == ("#FFFFFF", False)
    assert _corner(render_chart(_spec(), style)) == (255, 255, 255, 255)
