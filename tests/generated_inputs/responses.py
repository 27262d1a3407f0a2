"""Respondent-level inputs: synthetic SPSS files and response tables with known distributions.

`respondents` makes the rows, `write_sav` / `write_csv` write them with pyreadstat and pandas,
and `findings_text` is a findings file that tabulates them. The bad-input cases of the
responses area are built from these in GENERATORS.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

DISTRICTS = ("Centrum", "Noord", "Oost", "Zuid", "West", "Haven", "Dorp", "Park", "Veld", "Dijk")
V13_LABELS = {1: "Zeker wel", 2: "Misschien", 3: "Zeker niet", 9: "Weet niet"}
V14_LABELS = {"v14_1": "Huisarts", "v14_2": "Speelplek", "v14_3": "Supermarkt"}
SECRET = "Jansen woont op Dorpsstraat 1"
"""A free-text answer that must never reach any output or message."""


def respondents(count: int = 600, seed: int = 7, districts: int = 10) -> pd.DataFrame:
    """`count` synthetic respondents: id, district, weight, a grade, a single and a multi set."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "respnr": np.arange(100001, 100001 + count, dtype=float),
        "wijk": rng.integers(1, districts + 1, count).astype(float),
        "gewicht": rng.uniform(0.4, 2.2, count).round(4),
        "v12": rng.integers(3, 11, count).astype(float),
        "v13": rng.choice([1.0, 2.0, 3.0, 9.0], count, p=[0.2, 0.3, 0.4, 0.1]),
    })
    frame.loc[rng.random(count) < 0.05, "v12"] = 99.0
    frame.loc[rng.random(count) < 0.03, "v12"] = np.nan
    skipped = rng.random(count) < 0.1
    for index, name in enumerate(V14_LABELS):
        column = (rng.random(count) < 0.2 + 0.15 * index).astype(float)
        column[skipped] = np.nan
        frame[name] = column
    frame["opmerking"] = [SECRET if row % 50 == 0 else "" for row in range(count)]
    return frame


def write_sav(frame: pd.DataFrame, path: Path, value_labels: bool = True) -> Path:
    """`frame` as an SPSS file with variable labels, value labels and user-missing codes."""
    import pyreadstat

    labels = {"wijk": dict(enumerate(DISTRICTS, start=1)), "v13": V13_LABELS,
              **{name: {0: "Niet genoemd", 1: "Genoemd"} for name in V14_LABELS}} if value_labels else None
    pyreadstat.write_sav(
        frame, path,
        column_labels={"wijk": "Wijk", "gewicht": "Weegfactor", "v12": "Welk rapportcijfer geeft u uw woning?",
                       "v13": "Bent u van plan binnen twee jaar te verhuizen?", **V14_LABELS},
        variable_value_labels=labels,
        missing_ranges={"v12": [99], "v13": [9]},
        variable_measure={"v12": "scale", "v13": "ordinal", "wijk": "nominal"})
    return path


def write_csv(frame: pd.DataFrame, path: Path, delimiter: str = ",") -> Path:
    frame.to_csv(path, index=False, sep=delimiter)
    return path


def findings_text(responses: str, weight: bool = True, extra_survey: str = "", codebook: bool = False) -> str:
    """A findings file taking its numbers from `responses`; a codebook section for tables without metadata."""
    text = f"""survey:
  id: burgerpeiling-2025
  title: Burgerpeiling 2025
  publisher: Gemeente Voorbeeld
  responses: {responses}
{"  weight: gewicht" if weight else ""}
{extra_survey}
themes:
  - id: wonen
    title: Wonen
    findings:
      - id: tevredenheid
        kind: grade
        key: true
        variable: v12
        label: Eigen woning
      - id: verhuizen
        kind: single
        key: true
        variable: v13
  - id: buurt
    title: Buurt
    findings:
      - id: gemist
        question: Welke voorzieningen mist u in uw buurt?
        kind: multi
        key: true
        variables: [v14_1, v14_2, v14_3]
        counted: [1]
"""
    if codebook:
        text += """codebook:
  v12:
    label: Welk rapportcijfer geeft u uw woning?
    missing: [99]
  v13:
    label: Bent u van plan binnen twee jaar te verhuizen?
    values: {1: Zeker wel, 2: Misschien, 3: Zeker niet, 9: Weet niet}
    missing: [9]
  v14_1: {label: Huisarts}
  v14_2: {label: Speelplek}
  v14_3: {label: Supermarkt}
"""
    return text


def _project(work: Path, frame: pd.DataFrame, text: str | None = None, name: str = "peiling.sav",
             value_labels: bool = True) -> Path:
    if name.endswith(".sav"):
        write_sav(frame, work / name, value_labels)
    else:
        write_csv(frame, work / name)
    path = work / "findings.yaml"
    path.write_text(text or findings_text(name, codebook=not name.endswith(".sav")), encoding="utf-8")
    return path


def _with_weights(values) -> callable:
    def make(work: Path) -> Path:
        frame = respondents(200)
        frame["gewicht"] = values(frame["gewicht"].to_numpy().copy())
        return _project(work, frame)
    return make


def _negative(weights):
    weights[[4, 17]] = -1.0
    return weights


def _missing(weights):
    weights[9] = np.nan
    return weights


def _grade_outside(work: Path) -> Path:
    frame = respondents(200)
    frame.loc[12, "v12"] = 12.0
    return _project(work, frame)


def _grade_text(work: Path) -> Path:
    frame = respondents(200)
    frame["v12"] = frame["v12"].astype(object)
    frame.loc[5, "v12"] = "goed"
    return _project(work, frame, name="peiling.csv")


def _different_coding(work: Path) -> Path:
    frame = respondents(200)
    frame["v14_2"] = frame["v14_2"] + 1
    frame.loc[0, "v14_2"] = 1.0
    return _project(work, frame, name="peiling.csv")


def _many_districts(work: Path) -> Path:
    frame = respondents(1200)
    frame["wijk"] = np.arange(len(frame), dtype=float)
    return _project(work, frame, findings_text("peiling.sav", extra_survey="  breakdown: wijk"))


def _unknown_variable(work: Path) -> Path:
    return _project(work, respondents(200), findings_text("peiling.sav").replace("variable: v13", "variable: v31"))


def _missing_file(work: Path) -> Path:
    path = work / "findings.yaml"
    path.write_text(findings_text("bestaat-niet.sav"), encoding="utf-8")
    return path


def _damaged_file(work: Path) -> Path:
    (work / "peiling.sav").write_bytes(b"$FL2" + bytes(range(256)) * 8)
    path = work / "findings.yaml"
    path.write_text(findings_text("peiling.sav"), encoding="utf-8")
    return path


def _too_large(work: Path) -> Path:
    return _project(work, respondents(3000), findings_text("peiling.sav", extra_survey="  max_responses_mb: 0.01"))


def _breakdown_text(survey: str = "  breakdown: wijk", finding: str = "") -> str:
    """The findings text with a breakdown on the survey and/or on the grade finding."""
    text = findings_text("peiling.sav", extra_survey=survey)
    return text.replace("variable: v12", f"variable: v12\n        breakdown: {finding}") if finding else text


def _twelve_districts(work: Path) -> Path:
    frame = respondents(600, districts=12)
    return _project(work, frame, _breakdown_text())


GENERATORS = {
    "responses-missing-file": _missing_file,
    "responses-damaged-sav": _damaged_file,
    "responses-unknown-variable": _unknown_variable,
    "responses-each-unknown-variable": lambda work: _project(work, respondents(200)),
    "responses-negative-weight": _with_weights(_negative),
    "responses-missing-weight": _with_weights(_missing),
    "responses-zero-weights": _with_weights(lambda weights: weights * 0),
    "responses-grade-outside-scale": _grade_outside,
    "responses-grade-not-numeric": _grade_text,
    "responses-multi-different-coding": _different_coding,
    "responses-breakdown-too-many-values": _many_districts,
    "responses-file-too-large": _too_large,
    "responses-breakdown-too-many-groups": _twelve_districts,
    "responses-breakdown-two-variables": lambda work: _project(work, respondents(200),
                                                               _breakdown_text(finding="v13")),
    "responses-breakdown-unknown-variable": lambda work: _project(work, respondents(200),
                                                                  _breakdown_text("", finding="wijken")),
    "responses-breakdown-with-series": lambda work: _project(work, respondents(200), _breakdown_text(
        "  breakdown: wijk\n  series:\n    - {id: a, label: A, kind: group}")),
    "responses-min-base-not-a-number": lambda work: _project(work, respondents(200), findings_text(
        "peiling.sav", extra_survey="  min_base: veel")),
}
