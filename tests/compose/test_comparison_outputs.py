"""The bundled comparison example builds every audience and format; charts, tables and alt texts compare."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from office_checks import DEFAULT_TEMPLATE, REPO_ROOT, read_manifest, require_office_tools, run_cli

EXAMPLE = REPO_ROOT / "data" / "voorbeeld-vergelijking.yaml"
EXAMPLE_AUDIENCES = REPO_ROOT / "data" / "voorbeeld-vergelijking.audiences.yaml"
AUDIENCES = ("raad", "college", "medewerkers", "inwoners")
SUPPRESSED_VALUE = "31"
"""The 2023 value of 'jongeren', on a base of 20: it must not appear in any output."""


def _build(out: Path, *options: str) -> list:
    result = run_cli(["build", "--data", str(EXAMPLE), "--audiences", str(EXAMPLE_AUDIENCES),
                      "--template", str(DEFAULT_TEMPLATE), "--out", str(out), "--jobs", "2", "-q", *options],
                     cwd=out.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    return read_manifest(out)


def _parts(path: Path, pattern: str) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name).decode("utf-8") for name in package.namelist() if re.search(pattern, name)}


@pytest.fixture(scope="module")
def native_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("native") / "out"
    return _build(out, "--charts", "native", "--format", "pptx", "--format", "docx")


def test_every_audience_is_built_in_both_formats(native_build):
    built = {(output.audience, output.format) for output in native_build}
    assert built == {(audience, kind) for audience in AUDIENCES for kind in ("pptx", "docx")}


def test_native_charts_hold_one_series_per_reported_series(native_build):
    deck = next(output.path for output in native_build if output.audience == "medewerkers" and output.format == "pptx")
    charts = _parts(deck, r"^ppt/charts/chart\d+\.xml$")
    names = [re.findall(r"<c:ser>.*?<c:tx>.*?<c:v>([^<]*)</c:v>", xml, re.S) for xml in charts.values()]
    assert ["2025", "2023", "Nederland"] in names
    assert ["2025", "2023"] in names
    assert all(series[0] == "2025" for series in names)


def test_tables_hold_a_difference_column_under_a_marked_header(native_build):
    briefing = next(output.path for output in native_build
                    if output.audience == "medewerkers" and output.format == "docx")
    document = _parts(briefing, r"^word/document\.xml$")["word/document.xml"]
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", document, re.S)
    compared = [table for table in tables if "Verschil met 2023 (procentpunt)" in table]
    assert compared
    assert all("<w:tblHeader" in table for table in compared)
    assert any(">+14<" in table for table in compared)


def test_alt_texts_state_the_comparison(native_build):
    deck = next(output.path for output in native_build if output.audience == "medewerkers" and output.format == "pptx")
    slides = "".join(_parts(deck, r"^ppt/slides/slide\d+\.xml$").values())
    assert "Woning: 7,6 in 2025, 7,1 in 2023" in slides


def test_a_value_on_too_small_a_base_appears_in_no_output(native_build):
    for output in native_build:
        for name, xml in _parts(output.path, r"\.xml$").items():
            assert f">{SUPPRESSED_VALUE}%" not in xml and f"{SUPPRESSED_VALUE}\u00a0procent" not in xml, (output, name)
            assert f"<c:v>{SUPPRESSED_VALUE}</c:v>" not in xml, (output, name)
        if output.audience == "medewerkers":
            assert any("te weinig waarnemingen (n &lt; 30)" in xml for xml in _parts(output.path, r"\.xml$").values())


@pytest.mark.office
def test_every_audience_builds_as_pdf_too(tmp_path):
    require_office_tools()
    outputs = _build(tmp_path / "out", "--format", "pdf")
    assert {output.audience for output in outputs if output.format == "pdf"} == set(AUDIENCES)
