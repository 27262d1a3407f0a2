"""Output and chart identities cannot collide: every picture is its own finding's chart and every
audience gets its own files, whatever the ids look like once joined or slugged."""

from __future__ import annotations

import io
import json
import posixpath
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from generator.cli import main

from conftest import DEFAULT_TEMPLATE

BAD_INPUTS = Path(__file__).resolve().parents[1] / "bad_inputs"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TWIN_SURVEY = """\
survey: {id: woonpeiling, title: Woonpeiling, publisher: Gemeente Voorbeeld, year: 2025, base: 1234}
themes:
  - id: wonen-buurt
    title: Woning
    findings:
      - id: tevredenheid
        question: Welk rapportcijfer geeft u uw woning?
        kind: grade
        key: true
        items:
          - {label: Eigen woning, value: 7.4}
  - id: wonen
    title: Buurt
    findings:
      - id: buurt-tevredenheid
        question: Welk rapportcijfer geeft u uw buurt?
        kind: grade
        key: true
        items:
          - {label: Eigen buurt, value: 5.2}
"""


def _build(tmp_path: Path, data: Path, audiences: Path, *arguments: str):
    return CliRunner().invoke(main, ["build", "--data", str(data), "--audiences", str(audiences), "--template",
                                     str(DEFAULT_TEMPLATE), "--out", str(tmp_path / "out"), "--jobs", "1",
                                     *arguments])


def pictures(document: bytes) -> list[tuple[str, bytes]]:
    """(description, image bytes) of every picture in a .pptx or .docx, read from the package."""
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        package = {name: archive.read(name) for name in archive.namelist()}
    found = []
    for name, content in sorted(package.items()):
        if not name.endswith(".xml") or not (name.startswith("ppt/slides/") or name == "word/document.xml"):
            continue
        folder, base = posixpath.split(name)
        rels = etree.fromstring(package[posixpath.join(folder, "_rels", base + ".rels")])
        targets = {rel.get("Id"): posixpath.normpath(posixpath.join(folder, rel.get("Target"))) for rel in rels}
        for blip in etree.fromstring(content).iter(f"{{{A_NS}}}blip"):
            holder = next(ancestor for ancestor in blip.iterancestors()
                          if ancestor.xpath(".//*[@descr != '']"))
            description = holder.xpath(".//*[@descr != '']")[0].get("descr")
            found.append((description, package[targets[blip.get(f"{{{R_NS}}}embed")]]))
    return found


@pytest.fixture
def twin_survey(tmp_path) -> Path:
    path = tmp_path / "twin.yaml"
    path.write_text(TWIN_SURVEY, encoding="utf-8")
    return path


def test_findings_whose_joined_ids_look_alike_keep_their_own_chart(tmp_path, twin_survey):
    """Briefings show the chart as rendered for the finding; decks render it for the slide's frame, so there
    each finding's pictures must at least differ from the other finding's."""
    from generator.charts.content import survey_charts
    from generator.charts.render import render_chart
    from generator.charts.style import chart_style_for
    from generator.readers import load_survey
    from generator.template_set import load_template_set

    result = _build(tmp_path, twin_survey, BAD_INPUTS / "audiences.yaml")
    assert result.exit_code == 0, result.output
    style = chart_style_for(load_template_set(DEFAULT_TEMPLATE))
    expected = {chart.spec.title: render_chart(chart.spec, style, "png")
                for chart in survey_charts(load_survey(twin_survey))}
    assert len(set(expected.values())) == 2
    for document in sorted((tmp_path / "out").rglob("*.*x")):
        shown = pictures(document.read_bytes())
        assert shown, document
        per_question = {}
        for question, image in expected.items():
            own = [blob for description, blob in shown if question in description]
            assert own, f"{document.name}: no picture described as {question!r}"
            per_question[question] = set(own)
            if document.suffix == ".docx":
                assert all(blob == image for blob in own), f"{document.name}: {question!r} shows another chart"
        first, second = per_question.values()
        assert not first & second, f"{document.name}: two findings show the same picture"


def test_barometer_charts_writes_one_file_per_finding(tmp_path, twin_survey):
    result = CliRunner().invoke(main, ["charts", "--data", str(twin_survey), "--template", str(DEFAULT_TEMPLATE),
                                       "--out", str(tmp_path / "charts")])
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in (tmp_path / "charts").iterdir())
    assert written == ["wonen-buurt.tevredenheid.png", "wonen-buurt.tevredenheid.svg",
                       "wonen.buurt-tevredenheid.png", "wonen.buurt-tevredenheid.svg"]
    pngs = [(tmp_path / "charts" / name).read_bytes() for name in written if name.endswith(".png")]
    assert pngs[0] != pngs[1]


def test_audiences_whose_slugs_match_get_their_own_files(tmp_path):
    audiences = tmp_path / "audiences.yaml"
    text = (BAD_INPUTS / "audiences.yaml").read_text(encoding="utf-8")
    body = text.split("  alle:\n", 1)[1]
    audiences.write_text("audiences:\n  raad_1:\n" + body + "  raad-1:\n" + body.replace("Alle uitkomsten", "Kort"),
                         encoding="utf-8")
    result = _build(tmp_path, BAD_INPUTS / "valid.yaml", audiences)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    for audience in ("raad_1", "raad-1"):
        for fmt in ("pptx", "docx"):
            assert zipfile.is_zipfile(out / audience / f"woonpeiling-{audience}.{fmt}"), (audience, fmt)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(entry["audience"] for entry in manifest["outputs"]) == ["raad-1", "raad-1", "raad_1", "raad_1"]


def test_outputs_that_differ_only_in_case_are_refused(tmp_path):
    from generator.errors import InputError
    from generator.output_folder import check_distinct_outputs

    audiences = tmp_path / "audiences.yaml"
    with pytest.raises(InputError) as caught:
        check_distinct_outputs((Path("Raad/s-Raad.pptx"), Path("raad/s-raad.pptx")), audiences)
    assert "would be the same file" in str(caught.value) and "audiences.yaml" in str(caught.value)
