"""Breakdowns of respondent data: each district against the total, recomputed here with plain pandas.

`breakdown: wijk` makes every district a comparison series next to the total; `--each wijk` gives
every district its own survey against the whole municipality as an overlapping benchmark. Under
weights, significance tests use the Kish effective base, not the number of respondents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from generated_inputs.responses import DISTRICTS, V13_LABELS, V14_LABELS, findings_text, respondents, write_csv, write_sav
from generator.comparison import item_comparisons
from generator.errors import InputError
from generator.findings import SeriesKind
from generator.readers import read_survey
from generator.responses.groups import group_surveys
from office_checks import DEFAULT_TEMPLATE, run_cli

TOLERANCE = 1e-6
AUDIENCES = Path(__file__).resolve().parents[1] / "bad_inputs" / "audiences.yaml"


def _kish(weights: pd.Series) -> float:
    return weights.sum() ** 2 / (weights ** 2).sum()


def _expected(rows: pd.DataFrame) -> dict[str, tuple[list[float], int, float]]:
    """(values, base, effective base) per finding, from the rows with plain pandas."""
    graded = rows[rows["v12"].notna() & (rows["v12"] != 99)]
    chosen = rows[rows["v13"].notna() & (rows["v13"] != 9)]
    answered = rows[rows[list(V14_LABELS)].notna().any(axis=1)]
    return {
        "tevredenheid": ([np.average(graded["v12"], weights=graded["gewicht"])], len(graded), _kish(graded["gewicht"])),
        "verhuizen": ([100 * chosen.loc[chosen["v13"] == code, "gewicht"].sum() / chosen["gewicht"].sum()
                       for code in (1, 2, 3)], len(chosen), _kish(chosen["gewicht"])),
        "gemist": ([100 * answered.loc[answered[name] == 1, "gewicht"].sum() / answered["gewicht"].sum()
                    for name in V14_LABELS], len(answered), _kish(answered["gewicht"])),
    }


def _weighted_sd(rows: pd.DataFrame) -> float:
    graded = rows[rows["v12"].notna() & (rows["v12"] != 99)]
    mean = np.average(graded["v12"], weights=graded["gewicht"])
    variance = np.average((graded["v12"] - mean) ** 2, weights=graded["gewicht"])
    return float(np.sqrt(variance * len(graded) / (len(graded) - 1)))


def _write(tmp_path: Path, frame: pd.DataFrame, suffix: str = ".sav", survey: str = "  breakdown: wijk",
           weight: bool = True) -> Path:
    name = f"peiling{suffix}"
    if suffix == ".sav":
        write_sav(frame, tmp_path / name)
        text = findings_text(name, weight=weight, extra_survey=survey)
    else:
        write_csv(frame, tmp_path / name)
        text = findings_text(name, weight=weight, extra_survey=survey, codebook=True)
        text += "  wijk:\n    values: {" + ", ".join(f"{code}: {label}" for code, label in
                                             enumerate(DISTRICTS, start=1)) + "}\n"
    path = tmp_path / "findings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".sav", ".csv"])
def test_a_breakdown_compares_every_district_with_the_total(tmp_path, suffix):
    frame = respondents(900, seed=21)
    survey, _ = read_survey(_write(tmp_path, frame, suffix))
    series = survey.series
    assert series.focus == "totaal" and series.focus_series.label == "Gemeente Voorbeeld"
    assert [(item.label, item.kind) for item in series.others] == [(name, SeriesKind.GROUP) for name in DISTRICTS]
    ids = ["totaal", *(item.id for item in series.others)]
    groups = [frame, *(frame[frame["wijk"] == code] for code in range(1, len(DISTRICTS) + 1))]
    for finding in survey.findings:
        for series_id, rows in zip(ids, groups):
            values, base, effective = _expected(rows)[finding.id]
            assert finding.base_in(series_id) == base, (finding.id, series_id)
            assert finding.effective_base_in(series_id) == pytest.approx(effective, abs=0.005)
            assert [item.value_in(series_id, "totaal").amount for item in finding.items] == \
                pytest.approx(values, abs=TOLERANCE), (finding.id, series_id)
    grade = survey.finding("tevredenheid")[1].items[0]
    for series_id, rows in zip(ids, groups):
        assert grade.sd_in(series_id) == pytest.approx(_weighted_sd(rows), abs=TOLERANCE)


def test_a_breakdown_on_one_finding_leaves_the_others_alone(tmp_path):
    frame = respondents(600, seed=3)
    path = _write(tmp_path, frame, survey="")
    path.write_text(path.read_text(encoding="utf-8").replace("variable: v13", "variable: v13\n        breakdown: wijk"),
                    encoding="utf-8")
    survey, _ = read_survey(path)
    compared = {finding.id for finding in survey.findings if finding.is_comparison}
    assert compared == {"verhuizen"}
    assert survey.finding("tevredenheid")[1].base == _expected(frame)["tevredenheid"][1]


def test_unweighted_breakdown_bases_are_the_counts_and_tested_as_such(tmp_path):
    frame = respondents(600, seed=5)
    survey, _ = read_survey(_write(tmp_path, frame, weight=False))
    finding = survey.finding("verhuizen")[1]
    assert finding.effective_bases == ()
    centrum = frame[(frame["wijk"] == 1) & frame["v13"].notna() & (frame["v13"] != 9)]
    assert finding.effective_base_in("centrum") == finding.base_in("centrum") == len(centrum)


def _clustered_weights(tmp_path: Path, weight: bool) -> Path:
    """Centrum 60% 'Zeker wel' of 400, Noord 50% of 1,600; in every cell 5% of respondents weigh 20, the rest 1,
    so weighting leaves each share as it is but shrinks the effective base to about a fifth."""
    frame = respondents(2000, seed=9)
    frame["wijk"] = [1.0] * 400 + [2.0] * 1600
    frame["v13"] = [1.0] * 240 + [3.0] * 160 + [1.0] * 800 + [3.0] * 800
    weights = np.ones(len(frame))
    for start, size in ((0, 240), (240, 160), (400, 800), (1200, 800)):
        weights[start:start + size // 20] = 20.0
    frame["gewicht"] = weights
    return _write(tmp_path, frame, weight=weight)


@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_weighted_significance_uses_the_effective_base(tmp_path, weighted):
    survey, _ = read_survey(_clustered_weights(tmp_path, weighted))
    finding = survey.finding("verhuizen")[1]
    item = finding.items[0]
    assert item.label == V13_LABELS[1]
    assert item.value.amount == pytest.approx(52.0) and item.value_in("centrum", "totaal").amount == pytest.approx(60.0)
    centrum = next(comparison for comparison in item_comparisons(finding, item) if comparison.series.id == "centrum")
    assert centrum.tested
    assert centrum.significant is not weighted
    if weighted:
        assert finding.effective_base_in("centrum") == pytest.approx(780 ** 2 / 8380, abs=0.005)


def test_a_hand_written_effective_base_decides_the_test(write_file):
    text = """survey:
  id: s
  title: Peiling
  publisher: Gemeente Voorbeeld
  series:
    - {id: totaal, label: Totaal, kind: benchmark, overlaps: false}
    - {id: centrum, label: Centrum, kind: group}
themes:
  - id: t
    title: Thema
    findings:
      - id: f
        question: Verhuist u?
        kind: single
        base: {totaal: 2000, centrum: 400}
        EFFECTIVE
        items:
          - {label: Ja, value: 52, compare: {centrum: 60}}
"""
    def significant(effective: str) -> bool:
        survey, _ = read_survey(write_file("f.yaml", text.replace("EFFECTIVE", effective)))
        finding = survey.findings[0]
        return item_comparisons(finding, finding.items[0])[0].significant

    assert significant("note: Ongewogen.")
    assert not significant("effective_base: {totaal: 363, centrum: 72.6}")
    with pytest.raises(InputError) as raised:
        significant("effective_base: {totaal: 363, centrum: 450}")
    assert "f.yaml:16: findings.f.effective_base.centrum: an effective base lies above 0 and at most the base (400)" \
        in str(raised.value)


def test_each_district_is_the_focus_against_the_whole_municipality(tmp_path):
    frame = respondents(900, seed=13)
    frame.loc[frame["wijk"] == 10, "wijk"] = 9.0
    frame.loc[frame.index[:20], "wijk"] = 10.0
    path = _write(tmp_path, frame, survey="  min_base: 40")
    built, skipped = group_surveys(path, "wijk")
    assert [(group.label, group.respondents, group.min_base) for group in skipped] == [("Dijk", 20, 40)]
    assert [group.label for group in built] == list(DISTRICTS[:9])
    total = _expected(frame)
    for code, group in enumerate(built, start=1):
        series = group.survey.series
        assert series.focus == group.key and series.focus_series.kind is SeriesKind.GROUP
        (benchmark,) = series.others
        assert (benchmark.id, benchmark.kind, benchmark.overlaps) == ("totaal", SeriesKind.BENCHMARK, True)
        own = _expected(frame[frame["wijk"] == code])
        for finding in group.survey.findings:
            values, base, _ = own[finding.id]
            assert finding.base == base
            assert [item.value.amount for item in finding.items] == pytest.approx(values, abs=TOLERANCE)
            total_values, total_base, total_effective = total[finding.id]
            assert finding.base_in("totaal") == total_base
            assert finding.effective_base_in("totaal") == pytest.approx(total_effective, abs=0.005)
            assert [item.value_in("totaal", group.key).amount for item in finding.items] == \
                pytest.approx(total_values, abs=TOLERANCE)


# Through the real CLI ------------------------------------------------------------------------


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A 10-district SPSS project with a breakdown; 'Dijk' has 12 respondents, under a min_base of 40."""
    frame = respondents(800, seed=17)
    frame.loc[frame["wijk"] == 10, "wijk"] = 9.0
    frame.loc[frame.index[:12], "wijk"] = 10.0
    _write(tmp_path, frame, survey="  breakdown: wijk\n  min_base: 40")
    frame.to_pickle(tmp_path / "frame.pkl")
    shutil.copy(AUDIENCES, tmp_path / "audiences.yaml")
    shutil.copytree(DEFAULT_TEMPLATE, tmp_path / "template")
    return tmp_path


def _build(project: Path, data: str, out: str, *extra: str):
    result = run_cli(["build", "--data", data, "--audiences", "audiences.yaml", "--template", "template",
                      "--out", out, "--jobs", "2", "--format", "docx", *extra], cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _briefing_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_tabulate_then_build_gives_the_same_documents_with_a_breakdown(project):
    tabulated = run_cli(["tabulate", "--data", "findings.yaml", "--out", "tabulated.yaml"], cwd=project)
    assert tabulated.returncode == 0, tabulated.stderr
    text = (project / "tabulated.yaml").read_text(encoding="utf-8")
    assert "breakdown" not in text and "effective_base:" in text and "focus: totaal" in text
    _build(project, "findings.yaml", "from-responses")
    _build(project, "tabulated.yaml", "from-tabulated")
    original = (project / "from-responses" / "alle" / "burgerpeiling-2025-alle.docx").read_bytes()
    assert original == (project / "from-tabulated" / "alle" / "burgerpeiling-2025-alle.docx").read_bytes()
    shown = _briefing_text(project / "from-responses" / "alle" / "burgerpeiling-2025-alle.docx")
    assert "Centrum" in shown and "te weinig waarnemingen (n < 40)" in shown


def test_each_builds_every_district_against_the_total_and_lists_the_small_ones(project):
    result = _build(project, "findings.yaml", "out", "--each", "wijk")
    assert "no documents for wijk 'Dijk': 12 respondents, fewer than the minimum base of 40" in result.stdout
    out = project / "out" / "alle"
    assert sorted(path.name for path in out.iterdir()) == sorted(name.lower() for name in DISTRICTS[:9])
    frame = pd.read_pickle(project / "frame.pkl")
    total = f"{_expected(frame)['tevredenheid'][0][0]:.1f}".replace(".", ",")
    for code, district in enumerate(DISTRICTS[:9], start=1):
        own = f"{_expected(frame[frame['wijk'] == code])['tevredenheid'][0][0]:.1f}".replace(".", ",")
        text = _briefing_text(out / district.lower() / "burgerpeiling-2025-alle.docx")
        assert f"Eigen woning\n{own}\n{total}\n" in text, district
        assert "De cijfers voor Gemeente Voorbeeld omvatten ook de deelnemers van deze peiling" in text
