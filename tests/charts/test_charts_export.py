"""`barometer charts`: every chart as PNG and SVG under a readable, stable name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from generator.charts.content import survey_charts
from generator.charts.export import export_charts
from generator.charts.style import ChartStyle, chart_style_for
from generator.cli import main
from generator.errors import InputError
from generator.readers import load_survey
from generator.template_set import load_template_set
from test_charts_data import sample_survey
from test_charts_style import make_template

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "barometer-burgerparticipatie.yaml"


def test_export_writes_png_and_svg_named_after_theme_and_finding(tmp_path):
    survey = sample_survey()
    written, _ = export_charts(survey, ChartStyle(), tmp_path)
    expected = {f"{chart.chart_id}.{suffix}" for chart in survey_charts(survey) for suffix in ("png", "svg")}
    assert {path.name for path in written} == expected == {path.name for path in tmp_path.iterdir()}
    assert "doelen.doelstellingen.png" in expected


def test_export_is_byte_identical_when_run_twice(tmp_path):
    first = {path.name: path.read_bytes() for path in export_charts(sample_survey(), ChartStyle(), tmp_path / "a")[0]}
    second = {path.name: path.read_bytes() for path in export_charts(sample_survey(), ChartStyle(), tmp_path / "b")[0]}
    assert first == second


@pytest.mark.parametrize("chart_id", ["../elders", ".verborgen", "map/grafiek"])
def test_export_refuses_a_chart_id_that_is_not_a_plain_file_name(tmp_path, chart_id):
    from generator.charts import export

    with pytest.raises(InputError, match="safe file name"):
        export._output_path(tmp_path, chart_id, "png")


def test_charts_command_writes_every_seed_chart(tmp_path):
    result = CliRunner().invoke(main, ["charts", "--data", str(SEED), "--template", str(REPO / "templates" / "default"),
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    findings = len(load_survey(SEED).findings)
    assert f"{2 * findings} chart files written" in result.output
    assert len(list(tmp_path.glob("*.png"))) == findings


def test_exported_charts_take_the_colour_of_another_template(tmp_path):
    template = make_template(tmp_path / "huisstijl", accents=("#7A1F5C",))
    written, _ = export_charts(load_survey(SEED), chart_style_for(load_template_set(template)), tmp_path / "out")
    bar_chart = next(path for path in written if path.name == "doelstellingen.doelen.png")
    pixels = np.asarray(Image.open(bar_chart).convert("RGB")).reshape(-1, 3)
    assert ((pixels == (0x7A, 0x1F, 0x5C)).all(axis=1)).sum() > 1000


def test_charts_command_reports_bad_chart_settings_with_exit_code_2(tmp_path):
    template = tmp_path / "template"
    template.mkdir()
    (template / "template.yaml").write_text("charts:\n  font_size: tiny\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["charts", "--data", str(SEED), "--template", str(template),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "template.yaml:2: charts.font_size: must be a number" in result.output
    assert not (tmp_path / "out").exists()
