"""Chart stage benchmark: the renderer against the previous commit's and against a naive matplotlib baseline.

Run `python bench/bench_charts.py` (add `--profile` for where the time goes). Three comparisons,
all on the bundled data's charts at the same size and resolution:

- previous: the committed renderer (`git archive HEAD generator`, or `--previous REV`, unpacked into a temporary
  folder) and the working tree's, each in fresh child processes, alternating; per chart the
  first render in a fresh process ("cold": font loading and text layout included) and the
  fastest of `--repeat` later renders ("warm"). Target: new / previous at most 1.5.
- naive: pyplot bar chart with axes, tight_layout, savefig PNG; one per chart per document.
- stage: `render_chart` per distinct chart through `ChartCache`; a warm run reuses all.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA_FILES = (REPO / "data" / "barometer-burgerparticipatie.yaml", REPO / "data" / "voorbeeld-vergelijking.yaml")
SEED = DATA_FILES[0]
AUDIENCES = REPO / "data" / "audiences.yaml"
CHART_FORMATS = ("pptx", "docx")
"""Formats that embed chart images; a PDF is converted from one of them."""
TARGET_RATIO = 0.25
PREVIOUS_TARGET = 1.5
"""Per-chart time of this renderer over the previous commit's, at most."""


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def child_measure(root: str, repeat: int) -> None:
    """In a child process: render every bundled chart with the `generator` package under `root`; print JSON."""
    sys.path.insert(0, root)
    import matplotlib

    matplotlib.use("Agg")
    from generator.charts.content import survey_charts
    from generator.charts.render import render_chart
    from generator.charts.style import ChartStyle
    from generator.readers import load_survey

    style = ChartStyle()
    charts = [chart for data in DATA_FILES for chart in survey_charts(load_survey(data))]
    cold = [timed(render_chart, chart.spec, style, "png") for chart in charts]
    warm = [min(timed(render_chart, chart.spec, style, "png") for _ in range(repeat)) for chart in charts]
    print(json.dumps({"ids": [chart.chart_id for chart in charts], "kinds": [chart.spec.kind for chart in charts],
                      "cold": cold, "warm": warm}))


def run_child(root: Path, repeat: int) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", str(root), "--repeat", str(repeat)],
                            capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(result.stdout.strip().splitlines()[-1])


def compare_with_previous(repeat: int, rounds: int = 2, revision: str = "HEAD") -> float | None:
    """Print per-chart times of the renderer at `revision` and the working tree's; returns the warm ratio."""
    with tempfile.TemporaryDirectory(prefix="barometer-previous-") as folder:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "generator"], capture_output=True)
        if archive.returncode != 0:
            print("previous renderer: no git history here, comparison skipped")
            return None
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        runs: dict[str, list[dict]] = {"previous": [], "new": []}
        for _ in range(rounds):
            runs["previous"].append(run_child(Path(folder), repeat))
            runs["new"].append(run_child(REPO, repeat))
    fastest = {side: {measure: [min(values) for values in zip(*(run[measure] for run in side_runs))]
                      for measure in ("cold", "warm")} for side, side_runs in runs.items()}
    first = runs["new"][0]
    print(f"{'chart':44} {'kind':16} {'previous':>9} {'new':>8} {'ratio':>6}   (warm; cold in the totals)")
    for index, chart_id in enumerate(first["ids"]):
        old, new = fastest["previous"]["warm"][index], fastest["new"]["warm"][index]
        print(f"{chart_id[:44]:44} {first['kinds'][index]:16} {old * 1000:7.1f}ms {new * 1000:6.1f}ms {new / old:6.2f}")
    ratios = {}
    for measure in ("warm", "cold"):
        old, new = statistics.mean(fastest["previous"][measure]), statistics.mean(fastest["new"][measure])
        ratios[measure] = new / old
        print(f"mean per chart, {measure:4} {old * 1000:8.1f}ms previous {new * 1000:8.1f}ms new  ratio {new / old:.2f}")
    verdict = "met" if max(ratios.values()) <= PREVIOUS_TARGET else "NOT met"
    print(f"Target (new / previous <= {PREVIOUS_TARGET:g}, warm and cold): {verdict}\n")
    return ratios["warm"]


def load_charts():
    """The seed's charts and, per document (audience x format), the charts it shows."""
    from generator.audiences import load_audiences
    from generator.charts.content import finding_to_chart, survey_charts
    from generator.compose import selected_findings
    from generator.readers import load_survey

    survey = load_survey(SEED)
    documents = []
    for audience in load_audiences(AUDIENCES, survey):
        charts = tuple(finding_to_chart(theme, finding)
                       for theme, findings in selected_findings(survey, audience) for finding in findings)
        documents += [(f"{audience.id}.{fmt}", charts) for fmt in audience.formats if fmt in CHART_FORMATS]
    return survey_charts(survey), documents


def naive_chart(spec, style) -> bytes:
    """What a straightforward implementation does: pyplot, axes, tight_layout, savefig."""
    import matplotlib.pyplot as plt

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


def compare_with_naive(repeat: int, profile: bool) -> None:
    import matplotlib

    matplotlib.use("Agg")
    sys.path.insert(0, str(REPO))
    from generator.charts.cache import ChartCache
    from generator.charts.render import render_chart
    from generator.charts.style import ChartStyle

    style = ChartStyle()
    charts, documents = load_charts()
    naive_chart(charts[0].spec, style)
    render_chart(charts[0].spec, style, "png")
    print(f"Seed charts ({SEED.name}, {AUDIENCES.name}): {len(charts)} charts, {len(documents)} documents "
          f"({sum(len(shown) for _, shown in documents)} chart placements)")
    print(f"Image: {style.width_inches:g} in wide at {style.dpi} dpi, PNG\n")
    print(f"{'chart':44} {'kind':12} {'barometer':>10} {'naive':>9} {'ratio':>7}")
    ours, naive = [], []
    for chart in charts:
        ours.append(min(timed(render_chart, chart.spec, style, "png") for _ in range(repeat)))
        naive.append(min(timed(naive_chart, chart.spec, style) for _ in range(repeat)))
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
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for chart in charts:
            render_chart(chart.spec, style, "png")
        profiler.disable()
        print("\nWhere barometer's render time goes (all charts once, by own time):")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true", help="print where barometer's render time goes")
    parser.add_argument("--repeat", type=int, default=3,
                        help="renders per chart and side; the fastest counts, to damp noise from other load")
    parser.add_argument("--previous", metavar="REV", default="HEAD",
                        help="the commit whose renderer is the baseline (default: the last commit)")
    parser.add_argument("--child", metavar="ROOT", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child_measure(arguments.child, arguments.repeat)
        return
    print(f"Against the renderer of {arguments.previous} (bundled data, fresh processes):")
    compare_with_previous(arguments.repeat, revision=arguments.previous)
    compare_with_naive(arguments.repeat, arguments.profile)


if __name__ == "__main__":
    main()
