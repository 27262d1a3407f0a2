"""Golden text: every bundled audience's full report text, committed, so a wording change is a reviewable diff.

Each `tests/golden/<audience>.txt` holds every title, paragraph, key figure, caption, alt text,
table row, chart note and speaker note of that audience's report, in document order, as
`barometer report --audience <audience>` prints it on the fixed test date. After an
intended wording change, regenerate with `pytest tests/narrative/test_golden_text.py --update-golden`
and read the diff before committing it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, SEED_DATA
from generator.cli import main
from office_checks import SOURCE_DATE_EPOCH

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
AUDIENCES = ("raad", "college", "ambtenaren", "inwoners")


def report_text(audience: str) -> str:
    """What `barometer report --audience` prints for the bundled data on the fixed report date."""
    result = CliRunner().invoke(main, ["report", "--data", str(SEED_DATA), "--template", str(DEFAULT_TEMPLATE),
                                       "--audiences", str(DEFAULT_AUDIENCES), "--audience", audience],
                                env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_bundled_audience_has_a_golden_file():
    from generator.audiences import load_audiences
    from generator.readers import load_survey

    audiences = {audience.id for audience in load_audiences(DEFAULT_AUDIENCES, load_survey(SEED_DATA))}
    assert audiences == set(AUDIENCES)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_report_text_matches_the_golden_file(audience, update_golden):
    path = GOLDEN / f"{audience}.txt"
    text = report_text(audience)
    if update_golden:
        path.write_text(text, encoding="utf-8")
        pytest.skip(f"rewrote {path.name}; review the diff")
    assert path.exists(), f"{path} is missing; run pytest {Path(__file__).name} --update-golden"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            f"golden/{path.name}", "generated", n=1))
        pytest.fail(f"the text of audience {audience!r} changed; if intended, run with --update-golden "
                    f"and review:\n{diff}", pytrace=False)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_golden_text_holds_every_text_of_the_report(audience, monkeypatch):
    """The golden file is complete: no title, text, key figure, caption, alt text or note is left out."""
    from composed import report_for_audience

    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    report = report_for_audience(SEED_DATA, DEFAULT_TEMPLATE, DEFAULT_AUDIENCES, audience)
    text = report_text(audience)
    texts = [*report.key_messages, report.title, report.subtitle, report.source]
    texts += [block.text for block in (*report.introduction, *report.method) if hasattr(block, "text")]
    if report.key_figures:
        texts += [figure.label for figure in report.key_figures.figures]
    for section in report.sections:
        texts += [section.title, section.summary]
        for figure in section.figures:
            texts += [figure.title, figure.text, figure.chart.caption, figure.chart.alt_text, *figure.chart.spec.notes]
            texts += [line for line in figure.notes.splitlines()]
    missing = [piece for piece in texts if piece and piece not in text]
    assert not missing
