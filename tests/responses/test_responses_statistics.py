"""Findings tabulated from respondent data match an independent computation on the same rows.

Synthetic SPSS files (pyreadstat) and CSV tables (pandas) with known distributions and weights
are tabulated by barometer; every share, mean and base is recomputed here with plain numpy.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from generated_inputs.responses import V14_LABELS, findings_text, respondents, write_csv, write_sav
from generator.errors import InputError
from generator.readers import read_survey
from generator.responses.statistics import effective_base

TOLERANCE = 1e-6
"""Tabulated values keep six decimals, far finer than the one decimal documents show."""


def _expected(frame, weighted: bool = True):
    weights = frame["gewicht"].to_numpy() if weighted else np.ones(len(frame))
    v12, v13 = frame["v12"].to_numpy(), frame["v13"].to_numpy()
    graded = ~np.isnan(v12) & (v12 != 99)
    chosen = ~np.isnan(v13) & (v13 != 9)
    answered = np.zeros(len(frame), dtype=bool)
    for name in V14_LABELS:
        answered |= ~np.isnan(frame[name].to_numpy())
    return {
        "tevredenheid": ([np.average(v12[graded], weights=weights[graded])], int(graded.sum())),
        "verhuizen": ([100 * weights[chosen & (v13 == code)].sum() / weights[chosen].sum() for code in (1, 2, 3)],
                      int(chosen.sum())),
        "gemist": ([100 * weights[answered & (frame[name].to_numpy() == 1)].sum() / weights[answered].sum()
                    for name in V14_LABELS], int(answered.sum())),
    }


def _tabulated(tmp_path: Path, frame, suffix: str, weighted: bool = True, edit=lambda text: text):
    name = f"peiling{suffix}"
    if suffix == ".sav":
        write_sav(frame, tmp_path / name)
    else:
        write_csv(frame, tmp_path / name, delimiter=";" if suffix == ".csv" else ",")
    findings = tmp_path / "findings.yaml"
    findings.write_text(edit(findings_text(name, weight=weighted, codebook=suffix != ".sav")), encoding="utf-8")
    return read_survey(findings)


@pytest.mark.parametrize("suffix", [".sav", ".csv"])
@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "unweighted"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_value_and_base_matches_plain_numpy(tmp_path, suffix, weighted, seed):
    frame = respondents(800, seed=seed)
    survey, _ = _tabulated(tmp_path, frame, suffix, weighted)
    expected = _expected(frame, weighted)
    for finding in survey.findings:
        values, base = expected[finding.id]
        assert finding.base == base
        assert [item.value.amount for item in finding.items] == pytest.approx(values, abs=TOLERANCE)
    assert survey.base == len(frame)


def test_labels_come_from_the_file_and_the_question_from_the_variable_label(tmp_path):
    survey, notices = _tabulated(tmp_path, respondents(300), ".sav")
    verhuizen = {finding.id: finding for finding in survey.findings}["verhuizen"]
    assert verhuizen.question == "Bent u van plan binnen twee jaar te verhuizen?"
    assert [item.label for item in verhuizen.items] == ["Zeker wel", "Misschien", "Zeker niet"]
    assert "Weet niet" in verhuizen.note
    gemist = {finding.id: finding for finding in survey.findings}["gemist"]
    assert [item.label for item in gemist.items] == list(V14_LABELS.values())
    assert notices == ()


def test_weet_niet_can_be_included_as_an_answer(tmp_path):
    frame = respondents(500, seed=4)
    survey, _ = _tabulated(tmp_path, frame, ".sav", edit=lambda text: text.replace(
        "variable: v13", "variable: v13\n        missing: include\n        labels: {1: Zeker}"))
    verhuizen = {finding.id: finding for finding in survey.findings}["verhuizen"]
    weights, v13 = frame["gewicht"].to_numpy(), frame["v13"].to_numpy()
    assert [item.label for item in verhuizen.items] == ["Zeker", "Misschien", "Zeker niet", "Weet niet"]
    assert verhuizen.base == len(frame)
    assert verhuizen.items[3].value.amount == pytest.approx(100 * weights[v13 == 9].sum() / weights.sum(), abs=TOLERANCE)
    assert "Inclusief" in verhuizen.note


def test_a_file_without_value_labels_uses_the_codes_and_warns(tmp_path):
    frame = respondents(300)
    write_sav(frame, tmp_path / "peiling.sav", value_labels=False)
    findings = tmp_path / "findings.yaml"
    findings.write_text(findings_text("peiling.sav"), encoding="utf-8")
    survey, notices = read_survey(findings)
    verhuizen = {finding.id: finding for finding in survey.findings}["verhuizen"]
    assert [item.label for item in verhuizen.items] == ["1", "2", "3"]
    assert any("'v13' has no value labels" in str(notice) for notice in notices)


def test_kish_effective_base():
    weights = np.array([1.0, 1.0, 2.0, 4.0])
    assert effective_base(weights) == pytest.approx(8.0 ** 2 / 22.0)
    assert effective_base(np.ones(37)) == pytest.approx(37)


def test_no_message_shows_a_respondent_value(tmp_path):
    frame = respondents(200)
    frame.loc[3, "v12"] = 47.0
    with pytest.raises(InputError) as raised:
        _tabulated(tmp_path, frame, ".csv")
    message = str(raised.value)
    assert "row 4" in message and "47" not in message and "100004" not in message
