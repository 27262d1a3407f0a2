"""Reports the way `barometer report` makes them: inputs loaded once at the edge, then composed."""

from __future__ import annotations

from pathlib import Path

from generator.report import Report


def report_for_audience(data: Path, template: Path, audiences: Path, audience_id: str) -> Report:
    """The report of `audience_id`, dated today or at SOURCE_DATE_EPOCH."""
    from generator.audiences import find_audience
    from generator.compose import compose_report, report_date
    from generator.inputs import load_inputs

    inputs = load_inputs(data, template, audiences)
    audience = find_audience(inputs.audiences, audience_id, audiences)
    return compose_report(inputs.survey, audience, inputs.template, report_date())
