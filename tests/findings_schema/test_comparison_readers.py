"""The series contract in the findings file: YAML and its CSV twin load equal; files without series as before."""

from __future__ import annotations

from pathlib import Path

from generator.findings import SeriesKind
from generator.readers import read_survey

SURVEY = """\
survey:
  id: peiling
  title: Peiling
  publisher: Gemeente Voorbeeld
  series:
    - {id: "2025", label: "2025", kind: wave}
    - {id: "2023", label: "2023", kind: wave}
    - {id: nederland, label: Nederland, kind: benchmark}
  min_base: 50
"""
FINDINGS = """\
themes:
  - id: wonen
    title: Wonen
    findings:
      - id: tevredenheid
        question: Welk rapportcijfer geeft u uw woning?
        kind: grade
        base: {"2025": 812, "2023": 40}
        items:
          - label: Woning
            value: 7.4
            compare: {"2023": 7.1, nederland: {value: 7.5, qualifier: about}}
            sd: {"2025": 1.4, "2023": 1.5}
"""
CSV = """\
theme;finding;kind;question;item;series;value;qualifier;base;sd
wonen;tevredenheid;grade;Welk rapportcijfer geeft u uw woning?;Woning;;7.4;;812;1.4
wonen;tevredenheid;grade;Welk rapportcijfer geeft u uw woning?;Woning;2023;7.1;;40;1.5
wonen;tevredenheid;grade;Welk rapportcijfer geeft u uw woning?;Woning;nederland;7.5;about;;
"""


def test_the_yaml_contract_becomes_the_series_model(tmp_path: Path):
    path = tmp_path / "peiling.yaml"
    path.write_text(SURVEY + FINDINGS, encoding="utf-8")
    survey, _ = read_survey(path)
    finding = survey.findings[0]
    assert [series.kind for series in survey.series.series] == [SeriesKind.WAVE, SeriesKind.WAVE, SeriesKind.BENCHMARK]
    assert survey.series.focus == "2025" and survey.series.min_base == 50
    assert finding.base == 812 and finding.base_in("nederland") is None
    assert finding.is_suppressed("2023") and not finding.is_suppressed("2025")
    item = finding.items[0]
    assert item.value_in("nederland", "2025").is_approximate
    assert item.sd_in("2023") == 1.5
    assert survey.series.get("nederland").overlaps


def test_a_csv_with_a_series_column_loads_equal_to_its_yaml_twin(tmp_path: Path):
    yaml_path = tmp_path / "peiling.yaml"
    yaml_path.write_text(SURVEY + FINDINGS, encoding="utf-8")
    csv_path = tmp_path / "tabel.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    (tmp_path / "tabel.survey.yaml").write_text(SURVEY, encoding="utf-8")
    assert read_survey(csv_path)[0] == read_survey(yaml_path)[0]


def test_a_file_without_series_has_no_series(tmp_path: Path):
    path = tmp_path / "peiling.yaml"
    path.write_text(SURVEY.split("  series:")[0] + FINDINGS.replace('base: {"2025": 812, "2023": 40}', "base: 812")
                    .replace('            compare: {"2023": 7.1, nederland: {value: 7.5, qualifier: about}}\n', "")
                    .replace('            sd: {"2025": 1.4, "2023": 1.5}\n', ""), encoding="utf-8")
    survey, _ = read_survey(path)
    assert survey.series is None and survey.findings[0].series is None and not survey.findings[0].is_comparison
