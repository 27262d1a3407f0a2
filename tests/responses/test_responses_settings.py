"""The respondent-data settings are declared options: every mistake in their shape is found at once, located,
before the responses file is opened, and the reference lists each of them."""

from __future__ import annotations

import pytest

from generated_inputs.responses import findings_text
from generator.config.reference import reference_markdown
from generator.errors import InputError
from generator.readers import read_survey


def _problems(tmp_path, edits: dict[str, str]) -> list[str]:
    text = findings_text("bestaat-niet.csv", codebook=True)
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    findings = tmp_path / "findings.yaml"
    findings.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_survey(findings)
    return [f"{problem.line}: {problem.field}: {problem.message}" for problem in raised.value.problems]


def test_every_mistake_in_the_settings_is_reported_at_once_before_the_file_is_read(tmp_path):
    problems = _problems(tmp_path, {
        "  weight: gewicht": "  weight: gewicht\n  max_responses_mb: veel",
        "    missing: [9]": "    missing: [weet niet]",
        "    label: Eigen woning": "    label: Eigen woning\n        missing: include",
        "        counted: [1]": "        counted: []\n        labels: [Huisarts]",
    })
    assert problems == [
        "7: survey.max_responses_mb: must be a number, not text 'veel'",
        "18: findings.tevredenheid.missing: a mean cannot include 'weet niet' answers; leave out 'missing'",
        "31: findings.gemist.counted: must be a list of the codes that count as chosen, e.g. [1]",
        "32: findings.gemist.labels: must be a mapping of code (single) or variable (multi, grade) to label",
        "40: codebook.v13.missing: must be a list of numeric codes, e.g. [9, 99]",
    ]


def test_a_misspelt_codebook_field_gets_a_did_you_mean(tmp_path):
    problems = _problems(tmp_path, {"  v14_1: {label: Huisarts}": "  v14_1: {lable: Huisarts}"})
    assert problems == ["38: codebook.v14_1.lable: unknown field; did you mean 'label'?"]


def test_the_reference_lists_every_respondent_data_setting():
    text = reference_markdown()
    for field in ("survey.responses", "survey.weight", "survey.breakdown", "survey.max_responses_mb",
                  "survey.min_base", "codebook.<variable>.label", "codebook.<variable>.values",
                  "codebook.<variable>.missing", "themes[].findings[].variable", "themes[].findings[].variables",
                  "themes[].findings[].missing", "themes[].findings[].counted", "themes[].findings[].labels"):
        assert f"| `{field}` |" in text, field
