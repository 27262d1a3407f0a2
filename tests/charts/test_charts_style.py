"""Chart house style: theme colours and fonts from the template, accessible by construction."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from generator.charts import style as style_module
from generator.charts.contrast import GRAPHICS_CONTRAST, TEXT_CONTRAST, contrast_ratio, ensure_contrast, to_rgb
from generator.charts.style import DEFAULT_PALETTE, ChartStyle, chart_style_and_notices, resolve_font
from generator.errors import InputError
from generator.notices import Notices
from generator.template_set import load_template_set

OFFICE_ACCENT1 = "#4F81BD"
"""accent1 of the theme python-pptx's own default deck carries; not our default template."""


@pytest.mark.parametrize(("color", "expected"), [
    ("#0072B2", 5.19), ("#D55E00", 3.87), ("#009E73", 3.42), ("#CC79A7", 3.06),
    ("#E69F00", 2.25), ("#56B4E9", 2.31), ("#F0E442", 1.32), ("#000000", 21.0),
], ids=["blue", "vermillion", "green", "purple", "orange", "sky-blue", "yellow", "black"])
def test_contrast_ratio_matches_published_wcag_values(color, expected):
    assert contrast_ratio(color, "#FFFFFF") == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("color", DEFAULT_PALETTE)
def test_default_palette_reaches_graphics_contrast_on_white(color):
    assert contrast_ratio(color, "#FFFFFF") >= GRAPHICS_CONTRAST


@pytest.mark.parametrize(("color", "background"), [("#F0E442", "#FFFFFF"), ("#56B4E9", "#FFFFFF"),
                                                   ("#1F4E79", "#10171F")], ids=["yellow", "sky-blue", "dark-bg"])
def test_ensure_contrast_finds_a_passing_shade_of_the_same_hue(color, background):
    shade = ensure_contrast(color, background, GRAPHICS_CONTRAST)
    assert contrast_ratio(shade, background) >= GRAPHICS_CONTRAST
    original, adjusted = to_rgb(color), to_rgb(shade)
    assert sorted(range(3), key=original.__getitem__)[-1] == sorted(range(3), key=adjusted.__getitem__)[-1]


def make_template(folder: Path, accents=None, fonts=("Arial", "Arial"), charts_yaml: str = "charts: {}\n") -> Path:
    """A template set whose deck has `accents` (accent1..) and (major, minor) fonts in its theme."""
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / "plain.pptx"
    Presentation().save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(folder / "deck.pptx", "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "ppt/theme/theme1.xml":
                text = data.decode("utf-8")
                for index, color in enumerate(accents or (), start=1):
                    start = text.index(f"<a:accent{index}>")
                    end = text.index(f"</a:accent{index}>")
                    text = text[:start] + f'<a:accent{index}><a:srgbClr val="{color.lstrip("#")}"/>' + text[end:]
                for tag, family in (("majorFont", fonts[0]), ("minorFont", fonts[1])):
                    start = text.index('<a:latin typeface="', text.index(f"<a:{tag}>")) + len('<a:latin typeface="')
                    text = text[:start] + family + text[text.index('"', start):]
                data = text.encode("utf-8")
            target.writestr(info, data)
    plain.unlink()
    (folder / "template.yaml").write_text(charts_yaml, encoding="utf-8")
    return folder


def style_for(folder: Path) -> ChartStyle:
    return chart_style_and_notices(load_template_set(folder))[0]


def test_charts_take_the_theme_accent_colours(tmp_path):
    style = style_for(make_template(tmp_path / "office"))
    assert style.accent == OFFICE_ACCENT1


def test_other_theme_colours_give_other_chart_colours(tmp_path):
    first = style_for(make_template(tmp_path / "a", accents=("#7A1F5C", "#1B5E20")))
    second = style_for(make_template(tmp_path / "b", accents=("#1B5E20", "#7A1F5C")))
    assert first.palette[:2] == ("#7A1F5C", "#1B5E20")
    assert second.palette[:2] == ("#1B5E20", "#7A1F5C")


def test_theme_colour_failing_contrast_is_darkened_not_used_as_is(tmp_path):
    style = style_for(make_template(tmp_path / "yellow", accents=("#FFC000",)))
    assert style.accent != "#FFC000"
    assert contrast_ratio(style.accent, style.background) >= GRAPHICS_CONTRAST


def test_white_theme_accent_is_skipped(tmp_path):
    style = style_for(make_template(tmp_path / "white", accents=("#FFFFFF", "#7A1F5C")))
    assert style.accent == "#7A1F5C"


@pytest.mark.parametrize("folder", ["office", "yellow", "default"])
def test_every_style_colour_passes_wcag_against_the_background(tmp_path, folder):
    if folder == "default":
        template = Path(__file__).resolve().parents[2] / "templates" / "default"
    else:
        template = make_template(tmp_path / folder, accents=("#FFC000", "#FFFF00") if folder == "yellow" else None)
    style = style_for(template)
    assert all(contrast_ratio(color, style.background) >= GRAPHICS_CONTRAST for color in style.palette)
    assert contrast_ratio(style.text_color, style.background) >= TEXT_CONTRAST
    assert contrast_ratio(style.muted_color, style.background) >= TEXT_CONTRAST


def test_configured_colour_too_light_is_darkened_with_a_notice(tmp_path, capsys):
    template = load_template_set(make_template(tmp_path / "light", charts_yaml='charts:\n  colors: ["#F0E442"]\n'))
    style, notices = chart_style_and_notices(template)
    assert contrast_ratio(style.accent, style.background) >= GRAPHICS_CONTRAST
    assert len([text for text in notices if "#F0E442 has contrast 1.3:1" in text]) == 1
    assert capsys.readouterr().err == ""


def test_template_yaml_overrides_theme(tmp_path):
    template = make_template(tmp_path / "override", charts_yaml=(
        'charts:\n  colors: ["#8B0000", "#004D40"]\n  font_size: 18\n  show_title: true\n  dpi: 200\n'))
    style = style_for(template)
    assert style.palette == ("#8B0000", "#004D40")
    assert (style.font_size, style.show_title, style.dpi) == (18.0, True, 200)


@pytest.mark.parametrize(("yaml_text", "line", "field", "fragment"), [
    ("charts:\n  colors:\n    - #8B0000\n", 3, "charts.colors[1]", "quotes"),
    ("charts:\n  background: blue\n", 2, "charts.background", "not a colour"),
    ("charts:\n  font_size: 8\n", 2, "charts.font_size", "must be at least 14 pt"),
    ("charts:\n  background: #FFFFFF\n", 2, "charts.background", "quotes"),
    ("charts:\n  colour: '#8B0000'\n", 2, "charts.colour", "unknown field; did you mean 'colors'?"),
    ("charts:\n  show_title: misschien\n", 2, "charts.show_title", "true or false"),
], ids=["unquoted-hash", "named-colour", "font-too-small", "unquoted-background", "unknown-key", "not-boolean"])
def test_bad_chart_settings_are_reported_with_line_and_field(tmp_path, yaml_text, line, field, fragment):
    template = make_template(tmp_path / "bad", charts_yaml=yaml_text)
    with pytest.raises(InputError) as caught:
        style_for(template)
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (line, field)
    assert fragment in problem.message


def test_missing_theme_font_warns_once_and_falls_back():
    notices = Notices()
    assert resolve_font("Gemeente Sans Pro", notices) == "DejaVu Sans"
    assert resolve_font("Gemeente Sans Pro", notices) == "DejaVu Sans"
    assert len(notices) == 1 and "Gemeente Sans Pro" in next(iter(notices))


def test_metric_compatible_font_replaces_arial():
    expected = "Liberation Sans" if style_module.installed_family("Liberation Sans") else "DejaVu Sans"
    assert resolve_font("Arial") == expected


def test_charts_take_the_theme_fonts(tmp_path):
    style = style_for(make_template(tmp_path / "fonts", fonts=("DejaVu Serif", "DejaVu Sans Mono")))
    assert (style.heading_font_family, style.font_family) == ("DejaVu Serif", "DejaVu Sans Mono")


def test_template_without_deck_uses_accessible_defaults(tmp_path):
    folder = tmp_path / "nodeck"
    folder.mkdir()
    style = style_for(folder)
    assert style.palette == DEFAULT_PALETTE
    assert style.font_family == "DejaVu Sans"


def test_unsafe_template_deck_is_refused(tmp_path):
    folder = make_template(tmp_path / "macro")
    deck = folder / "deck.pptx"
    with zipfile.ZipFile(deck) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    parts["ppt/vbaProject.bin"] = b"macro"
    with zipfile.ZipFile(deck, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(InputError, match="macros"):
        style_for(folder)
