"""Chart text in any script: drawn from a fallback font, or one clear warning naming the label; never silent boxes."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from click.testing import CliRunner
from PIL import Image, ImageFont

from generator.charts import glyphs
from generator.charts.cache import ChartCache
from generator.charts.render import chart_notices, render_chart
from generator.charts.style import ChartStyle
from generator.cli import main
from generator.report import Chart, ChartSpec, DataTable, Series
from generator.writers.pptx import text as slide_text

CHINESE, ARABIC, EMOJI = "满意度", "رضا", "Tevreden 😀"
BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"
TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "default"
SERIF = ChartStyle(font_family="DejaVu Serif", heading_font_family="DejaVu Serif")
"""A theme font without Arabic letters or emoji, so those must come from the fallback fonts."""


def font_covering(character: str) -> str | None:
    """An installed font file that has `character`, found without the code under test."""
    for entry in font_manager.fontManager.ttflist:
        if "LastResort" in entry.fname:
            continue
        face = FT2Font(entry.fname, face_index=entry.index) if entry.index else FT2Font(entry.fname)
        if face.get_char_index(ord(character)):
            return entry.fname
    return None


def chart_with(labels: tuple[str, ...], chart_id: str = "tevredenheid.algemeen") -> Chart:
    spec = ChartSpec(kind="bar", title="Hoe tevreden bent u?", categories=labels,
                     series=(Series("Percentage", tuple(float(10 + 10 * index) for index in range(len(labels))),
                                    tuple(f"{10 + 10 * index}%" for index in range(len(labels)))),))
    return Chart(chart_id=chart_id, spec=spec, alt_text="", table=DataTable("", (), ()), caption="")


def ink(text: str, path: str) -> np.ndarray:
    """The outline points of `text` as drawn in the font at `path`, with its fallbacks."""
    return glyphs.outline(text, path, 18)[0]


@pytest.mark.parametrize("label", [ARABIC, "😀"], ids=["arabic", "emoji"])
def test_characters_the_theme_font_lacks_come_from_a_fallback_font(label):
    serif = glyphs.font_file("DejaVu Serif")
    assert not FT2Font(serif).get_char_index(ord(label[0]))
    assert glyphs.missing_characters(label, serif) == ()
    drawn = ink(label, serif)
    assert len(drawn) and np.ptp(drawn[:, 0]) > 5 and np.ptp(drawn[:, 1]) > 5
    assert np.allclose(drawn, ink(label, glyphs.font_file("DejaVu Sans")))


def test_arabic_letters_are_joined_where_matplotlib_shapes_text():
    if not hasattr(FT2Font, "_layout"):
        pytest.skip("this matplotlib lays text out without libraqm, so Arabic is not shaped")
    path = glyphs.font_file("DejaVu Sans")
    isolated = sum(glyphs.text_width(letter, path, 18) for letter in ARABIC)
    assert glyphs.text_width(ARABIC, path, 18) != pytest.approx(isolated, abs=0.01)


def test_a_label_no_installed_font_can_show_gives_one_notice_naming_chart_and_label():
    if font_covering(CHINESE[0]):
        pytest.skip("a font for Chinese is installed; the fallback test below covers this machine")
    charts = [chart_with((CHINESE, ARABIC, EMOJI)), chart_with((CHINESE, "Ontevreden"), "wonen.tevredenheid")]
    notices = list(chart_notices(charts, SERIF))
    assert notices == [f'chart "tevredenheid.algemeen": label "{CHINESE}" has characters no installed font can show '
                       f"(U+6EE1, U+610F, U+5EA6); they show as placeholder boxes (install a font that has them)"]


def test_a_label_in_chinese_is_drawn_when_a_font_for_it_is_installed():
    covering = font_covering(CHINESE[0])
    if not covering:
        pytest.skip("no installed font has Chinese characters (CI installs only DejaVu)")
    body = glyphs.font_file(SERIF.font_family)
    assert glyphs.missing_characters(CHINESE, body) == ()
    assert not list(chart_notices([chart_with((CHINESE,))], SERIF))
    assert np.ptp(ink(CHINESE, body)[:, 0]) > 20


def test_text_every_installed_font_has_gives_no_notice():
    assert not list(chart_notices([chart_with(("Zeer tevreden", ARABIC, EMOJI, "n = 1.234", "−0,2"))], SERIF))


def test_a_chart_with_labels_in_several_scripts_renders_without_matplotlib_warnings():
    image = Image.open(io.BytesIO(render_chart(chart_with((CHINESE, ARABIC, EMOJI)).spec, SERIF, "png")))
    image.load()
    assert image.width == SERIF.width_inches * SERIF.dpi


def test_a_character_no_font_has_is_drawn_as_a_visible_placeholder_and_named():
    """Unassigned U+0378: matplotlib's Last Resort font draws a box for it, never nothing at all."""
    path = glyphs.font_file("DejaVu Sans")
    assert glyphs.missing_characters("a\u0378b", path) == ("\u0378",)
    assert len(ink("\u0378", path)) > 0


def test_the_cache_names_the_label_again_when_it_reuses_the_chart(tmp_path, capsys):
    if font_covering(CHINESE[0]):
        pytest.skip("a font for Chinese is installed")
    chart = chart_with((CHINESE, "Ontevreden"))
    first, second = ChartCache(tmp_path), ChartCache(tmp_path)
    first.image_for(chart.spec, SERIF, "png", chart.chart_id)
    second.image_for(chart.spec, SERIF, "png", chart.chart_id)
    assert second.reused == 1 and list(second.notices) == list(first.notices) and len(first.notices) == 1
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("text", ["Hoe tevreden bent u over de gemeente?", "AVAVA Wat", "64%", "Burgerparticipatie",
                                  "6,7", "n = 1.234"])
@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_slides_and_charts_measure_text_alike_and_as_before(text, bold):
    """One measurer for slide and chart text; widths equal what slides were fitted with before (Pillow)."""
    path = glyphs.font_file(glyphs.FALLBACK_FAMILY, bold)
    assert slide_text.text_width(text, 18, bold) == glyphs.text_width(text, path, 18)
    assert glyphs.text_width(text, path, 100) == pytest.approx(ImageFont.truetype(path, size=100).getlength(text),
                                                             abs=1e-6)


def test_pngs_are_byte_identical_when_rendered_twice():
    spec = chart_with(("Zeer tevreden", ARABIC, EMOJI)).spec
    style = dataclasses.replace(SERIF, transparent=True)
    assert render_chart(spec, style, "png") == render_chart(spec, style, "png")


def test_a_build_says_once_which_label_no_font_can_show_and_nothing_about_the_others(tmp_path):
    findings = (BAD_INPUTS / "valid.yaml").read_text(encoding="utf-8")
    for plain, shown in (("Misschien", CHINESE), ("Speelplek", CHINESE), ("Huisarts", EMOJI), ("Zeker wel", ARABIC)):
        findings = findings.replace(f"label: {plain}", f'label: "{shown}"')
    data = tmp_path / "findings.yaml"
    data.write_text(findings, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--audiences", str(BAD_INPUTS / "audiences.yaml"),
                                       "--template", str(TEMPLATE), "--out", str(tmp_path / "out"), "--jobs", "1",
                                       "--format", "pptx"])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "no installed font can show" in line]
    if font_covering(CHINESE[0]):
        assert warned == []
    else:
        assert len(warned) == 1 and f'label "{CHINESE}"' in warned[0]
