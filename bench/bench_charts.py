"""Chart stage benchmark: barometer's renderer and cache against a naive matplotlib baseline.

Run `python bench/bench_charts.py` (add `--profile` for where the time goes). Both sides
draw the same charts, at the same size and resolution, in the same process:

- naive: pyplot bar chart with axes, tight_layout, savefig PNG; one per chart per document.
- barometer: `render_chart` per distinct chart through `ChartCache`; a warm run reuses all.

"Cold" means not in the cache (the process itself is warmed up once for both sides). Per-chart
times are the fastest of `--repeat` renders on each side; the stage times are single runs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from generator.charts.cache import ChartCache  # noqa: E402
from generator.charts.content import finding_to_chart, survey_charts  # noqa: E402
from generator.charts.render import render_chart  # noqa: E402
from generator.charts.style import ChartStyle  # noqa: E402
from generator.findings import Finding, FindingKind, Item, Survey, Theme, Value  # noqa: E402
from generator.report import Chart, ChartSpec  # noqa: E402

SEED = REPO / "data" / "barometer-burgerparticipatie.yaml"
AUDIENCES = REPO / "data" / "audiences.yaml"
CHART_FORMATS = ("pptx", "docx")
"""Formats that embed chart images; a PDF is converted from one of them."""
TARGET_RATIO = 0.25


def load_charts() -> tuple[tuple[Chart, ...], list[tuple[str, tuple[Chart, ...]]], str]:
    """The seed's charts and, per document (audience x format), the charts it shows."""
    try:
        from generator.audiences import load_audiences
        from generator.compose import selected_findings
        from generator.readers import load_survey

        survey = load_survey(SEED)
        documents = []
        for audience in load_audiences(AUDIENCES, survey):
            charts = tuple(finding_to_chart(theme, finding)
                           for theme, findings in selected_findings(survey, audience) for finding in findings)
            documents += [(f"{audience.id}.{fmt}", charts) for fmt in audience.formats if fmt in CHART_FORMATS]
        return survey_charts(survey), documents, f"seed data ({SEED.name}, {AUDIENCES.name})"
    except Exception as error:  # the seed or audiences may be mid-edit; fall back to a synthetic survey
        survey = synthetic_survey()
        charts = survey_charts(survey)
        documents = [(f"audience{index}.{fmt}", charts) for index in range(3) for fmt in CHART_FORMATS]
        return charts, documents, f"synthetic survey ({type(error).__name__} loading the seed)"


def synthetic_survey() -> Survey:
    """A survey shaped like the seed: multi, single, grade and matrix findings with Dutch labels."""
    def items(count: int) -> tuple[Item, ...]:
        return tuple(Item(f"Antwoordcategorie {index + 1} met een langere omschrijving", Value(70 - 4 * index))
                     for index in range(count))
    findings = [Finding(f"meer-{count}", "Welke doelen noemt u?", FindingKind.MULTI, items(count), base=812)
                for count in (4, 7, 11, 15)]
    findings.append(Finding("enkel", "Hoeveel trajecten?", FindingKind.SINGLE, items(4)[:4]))
    findings.append(Finding("cijfer", "Welk cijfer?", FindingKind.GRADE, (Item("Gemeente", Value(6.7)),), unit="grade"))
    columns = ("Agendavorming", "Beleidsvoorbereiding", "Besluitvorming", "Uitvoering")
    findings.append(Finding("matrix", "Hoe mogen inwoners meedoen?", FindingKind.MATRIX, tuple(
        Item(level, cells=tuple((column, Value(20 + 9 * row + 5 * col)) for col, column in enumerate(columns)))
        for row, level in enumerate(("Meeweten", "Meedenken", "Meebeslissen"))), columns=columns))
    return Survey("synthetisch", "Synthetische barometer", "Bench", (Theme("thema", "Thema", tuple(findings)),))


def naive_chart(spec: ChartSpec, style: ChartStyle) -> bytes:
    """What a straightforward implementation does: pyplot, axes, tight_layout, savefig."""
    values = [value or 0.0 for series in spec.series for value in series.values]
    labels = [f"{category} ({series.name})" if len(spec.series) > 1 else category
              for series in spec.series for category in spec.categories]
    figure, axes = plt.subplots(figsize=(style.width_inches, max(2.0, 0.45 * len(values) + 1)))
    axes.barh(labels, values)
    axes.set_title(spec.title)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=style.dpi)
    plt.close(figure)
    return buffer.getvalue()


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true", help="print where barometer's render time goes")
    parser.add_argument("--repeat", type=int, default=3,
                        help="renders per chart and side; the fastest counts, to damp noise from other load")
    arguments = parser.parse_args()

    style = ChartStyle()
    charts, documents, source = load_charts()
    naive_chart(charts[0].spec, style)
    render_chart(charts[0].spec, style, "png")

    print(f"Charts from {source}: {len(charts)} charts, {len(documents)} documents "
          f"({sum(len(shown) for _, shown in documents)} chart placements)")
    print(f"Image: {style.width_inches:g} in wide at {style.dpi} dpi, PNG\n")
    print(f"{'chart':44} {'kind':12} {'barometer':>10} {'naive':>9} {'ratio':>7}")
    ours, naive = [], []
    for chart in charts:
        ours.append(min(timed(render_chart, chart.spec, style, "png") for _ in range(arguments.repeat)))
        naive.append(min(timed(naive_chart, chart.spec, style) for _ in range(arguments.repeat)))
        print(f"{chart.chart_id[:44]:44} {chart.spec.kind:12} {ours[-1] * 1000:8.1f}ms {naive[-1] * 1000:7.1f}ms "
              f"{ours[-1] / naive[-1]:7.2f}")
    mean_ours, mean_naive = statistics.mean(ours), statistics.mean(naive)
    per_chart_ratio = mean_ours / mean_naive
    print(f"{'mean per chart':57} {mean_ours * 1000:8.1f}ms {mean_naive * 1000:7.1f}ms {per_chart_ratio:7.2f}")

    naive_stage = timed(lambda: [naive_chart(chart.spec, style) for _, shown in documents for chart in shown])
    with tempfile.TemporaryDirectory() as folder:
        cold_cache = ChartCache(Path(folder))
        cold = timed(lambda: [cold_cache.image_for(chart.spec, style, "png") for _, shown in documents for chart in shown])
        warm_cache = ChartCache(Path(folder))
        warm = timed(lambda: [warm_cache.image_for(chart.spec, style, "png") for _, shown in documents for chart in shown])

    print("\nWhole chart stage (every chart of every document):")
    print(f"  naive, no cache:        {naive_stage * 1000:8.1f} ms")
    print(f"  barometer, cold cache:  {cold * 1000:8.1f} ms  rendered {cold_cache.rendered}, reused {cold_cache.reused}"
          f"  ratio {cold / naive_stage:.3f}")
    print(f"  barometer, warm cache:  {warm * 1000:8.1f} ms  rendered {warm_cache.rendered}, reused {warm_cache.reused}"
          f"  ratio {warm / naive_stage:.3f}")
    verdict = "met" if per_chart_ratio < TARGET_RATIO and warm_cache.rendered == 0 else "NOT met"
    print(f"\nTarget (cold per chart < {TARGET_RATIO:g} x naive, warm renders nothing): {verdict} "
          f"(per-chart ratio {per_chart_ratio:.2f})")

    if arguments.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for chart in charts:
            render_chart(chart.spec, style, "png")
        profiler.disable()
        print("\nWhere barometer's render time goes (all charts once, by own time):")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
