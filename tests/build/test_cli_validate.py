"""`barometer validate` as a user meets it: short located messages, exit 2, no traceback."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from generator.cli import main

from conftest import REPO_ROOT, SEED_DATA


def test_validate_accepts_the_seed_data():
    result = CliRunner().invoke(main, ["validate", str(SEED_DATA)])
    assert result.exit_code == 0, result.output
    assert "8 themes, 20 findings" in result.output


def test_validate_uses_the_project_file_by_default(monkeypatch):
    monkeypatch.chdir(REPO_ROOT)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "barometer-burgerparticipatie.yaml: OK" in result.output


def test_validate_reports_every_problem_and_exits_2(write_file):
    path = write_file("bad.yaml", "survey: {id: s, title: S, publisher: P}\n"
                                  "themes:\n"
                                  "  - id: t\n"
                                  "    title: T\n"
                                  "    findings:\n"
                                  "      - {id: f, question: Q, kind: multi, items: [{label: A, value: 140}]}\n"
                                  "      - {id: g, question: Q, kind: grade, items: [{label: B, value: 0}]}\n")
    result = subprocess.run([sys.executable, "-m", "generator", "validate", str(path.name)],
                            cwd=path.parent, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "bad.yaml:6: findings.f.items[1].value: percentage 140 is outside 0-100",
        "bad.yaml:7: findings.g.items[1].value: grade 0 is outside the scale 1-10",
        "2 problems found; nothing was written.",
    ]
    assert "Traceback" not in result.stderr


def test_missing_file_is_a_clean_error(write_file, tmp_path):
    result = CliRunner().invoke(main, ["validate", "nowhere.yaml"])
    assert result.exit_code == 2
    assert "nowhere.yaml: file not found" in result.output


def test_theme_without_findings_is_a_located_warning(write_file):
    path = write_file("findings.yaml", "survey: {id: s, title: S, publisher: P}\n"
                                       "themes:\n"
                                       "  - id: t\n"
                                       "    title: T\n"
                                       "    findings:\n"
                                       "      - {id: f, question: Q, kind: multi, items: [{label: A, value: 40}]}\n"
                                       "  - id: later\n"
                                       "    title: Later\n"
                                       "    statements: [Volgt in de tweede meting.]\n"
                                       "    findings: []\n")
    result = subprocess.run([sys.executable, "-m", "generator", "validate", path.name],
                            cwd=path.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: findings.yaml:10: themes.later.findings: the theme has no findings, so no deck or briefing shows "
        "it, nor its statements",
    ]
    assert "findings.yaml: OK: 2 themes, 1 findings" in result.stdout
