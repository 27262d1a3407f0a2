"""Comparison benchmark: compose and chart time of a comparison finding against the same finding with one series.

Run `python bench/bench_comparisons.py`. Each side is a one-finding survey composed for one
audience (texts, tests of significance, number audit) and its chart rendered to PNG; times are
the fastest of `--repeat` runs after a warm-up, so imports (statsmodels, scipy) are not counted.
The target is a ratio of at most 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.audiences import load_audiences  # noqa: E402
from generator.charts.content import finding_to_chart  # noqa: E402
from generator.charts.render import render_chart  # noqa: E402
from generator.charts.style import ChartStyle  # noqa: E402
from generator.comparison import item_comparisons  # noqa: E402
from generator.compose import compose_report  # noqa: E402
from generator.readers import load_survey  # noqa: E402
from generator.template_set import load_template_set  # noqa: E402

EXAMPLE = REPO / "data" / "voorbeeld-vergelijking.yaml"
AUDIENCES = REPO / "data" / "voorbeeld-vergelijking.audiences.yaml"
TEMPLATE = REPO / "templates" / "default"
FINDINGS = ("onveilig", "tevredenheid", "gemist")
TARGET_RATIO = 2.0


def single_series(survey, finding_id: str):
    """A survey holding only `finding_id`, once as compared and once stripped to its focus series."""
    theme, finding = survey.finding(finding_id)
    compared = dataclasses.replace(survey, themes=(dataclasses.replace(theme, findings=(finding,)),))
    plain_finding = dataclasses.replace(finding, series=None, bases=(),
                                        items=tuple(dataclasses.replace(item, compare=(), sd=()) for item in finding.items))
    plain = dataclasses.replace(survey, series=None,
                                themes=(dataclasses.replace(theme, findings=(plain_finding,)),))
    return compared, plain


def _compose_fresh(survey, audience, template, date):
    """Compose with no comparison remembered from an earlier run: each run pays for its own tests."""
    item_comparisons.cache_clear()
    return compose_report(survey, audience, template, date)


def fastest(function, repeat: int) -> float:
    function()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import datetime as dt

    survey = load_survey(EXAMPLE)
    template = load_template_set(TEMPLATE)
    style = ChartStyle()
    audience = next(audience for audience in load_audiences(AUDIENCES, survey) if audience.id == "medewerkers")
    date = dt.date(2025, 6, 1)
    print(f"{'finding':<14}{'stage':<9}{'one series':>12}{'compared':>12}{'ratio':>8}")
    worst = 0.0
    for finding_id in FINDINGS:
        compared, plain = single_series(survey, finding_id)
        for stage in ("compose", "chart"):
            times = []
            for variant in (plain, compared):
                if stage == "compose":
                    times.append(fastest(lambda: _compose_fresh(variant, audience, template, date), args.repeat))
                else:
                    theme = variant.themes[0]
                    spec = finding_to_chart(theme, theme.findings[0]).spec
                    times.append(fastest(lambda: render_chart(spec, style), args.repeat))
            ratio = times[1] / times[0]
            worst = max(worst, ratio)
            print(f"{finding_id:<14}{stage:<9}{times[0] * 1000:>10.1f}ms{times[1] * 1000:>10.1f}ms{ratio:>8.2f}")
    print(f"worst ratio {worst:.2f} (target at most {TARGET_RATIO:g})")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
