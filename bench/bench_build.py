"""Build benchmark: `python bench/bench_build.py` prints the default build against a naive script.

Measured in one run, on the same work (the seed data, every default audience x pptx and docx):
- the real build (`run_build`, cold: fresh output folder, so no chart cache), and warm (unchanged);
- a naive script: for every document, load and compose, draw every chart of that document with
  plain pyplot (tight_layout, savefig) and write the file; no cache, one process;
- a synthetic batch of 40 municipalities x 4 audiences x 2 formats (320 outputs), each
  municipality its own numbers, built one after another in this process, with wall time per
  output for the first and the last ten municipalities (cost should grow linearly) and the peak
  memory of this process and of its worker processes (it should stay flat).
Not part of the test suite; figures depend on the machine, ratios much less.
"""

from __future__ import annotations

import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEED = REPO / "data" / "barometer-burgerparticipatie.yaml"
AUDIENCES = REPO / "data" / "audiences.yaml"
TEMPLATE = REPO / "templates" / "default"
MUNICIPALITIES = 40


def real_build(out: Path, data: Path = SEED, jobs: int | None = None) -> float:
    from generator.build import BuildRequest, run_build

    request = BuildRequest(data=data, template=TEMPLATE, audiences=AUDIENCES, out=out, formats=("pptx", "docx"),
                           jobs=jobs, quiet=True)
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        stdout, sys.stdout = sys.stdout, sink
        try:
            code = run_build(request)
        finally:
            sys.stdout = stdout
    if code != 0:
        raise SystemExit(f"build failed with exit code {code}")
    return time.perf_counter() - start


def naive_build(out: Path) -> float:
    """The same documents, each drawing its own charts with plain pyplot, no cache."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from generator.audiences import load_audiences
    from generator.compose import compose_report, report_date
    from generator.readers import load_survey
    from generator.template_set import load_template_set
    from generator.writers import WriterOptions, get_writer

    start = time.perf_counter()
    out.mkdir(parents=True)
    for fmt in ("pptx", "docx"):
        survey = load_survey(SEED)
        template = load_template_set(TEMPLATE)
        for audience in load_audiences(AUDIENCES, survey):
            report = compose_report(survey, audience, template, report_date())
            images = {}
            for chart in report.charts:
                figure, axes = plt.subplots(figsize=(10, 5))
                series = chart.spec.series[0]
                axes.barh(list(chart.spec.categories), [value or 0 for value in series.values])
                for index, label in enumerate(series.labels):
                    axes.text((series.values[index] or 0) + 1, index, label, va="center")
                axes.set_title(chart.spec.title)
                figure.tight_layout()
                path = out / f"{audience.id}-{fmt}-{chart.chart_id}.png"
                figure.savefig(path, dpi=144)
                plt.close(figure)
                images[chart.chart_id] = path
            document = get_writer(fmt).write(report, images, template, WriterOptions())
            (out / f"{audience.id}.{fmt}").write_bytes(document.content)
    return time.perf_counter() - start


def municipality_data(folder: Path, number: int) -> Path:
    """The seed's structure with this municipality's own (plausible, random) numbers."""
    randomiser = random.Random(number)
    lines = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("value:") and "6.7" not in stripped:
            value = int(float(stripped.split(":", 1)[1]))
            line = line.replace(stripped, f"value: {max(1, min(99, value + randomiser.randint(-4, 4)))}")
        elif stripped.startswith("id: barometer-burgerparticipatie"):
            line = line.replace("barometer-burgerparticipatie", f"gemeente-{number:03d}")
        lines.append(line)
    path = folder / f"gemeente-{number:03d}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished worker, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="barometer-bench-build-") as folder:
        folder = Path(folder)
        real_build(folder / "warm-up-imports", jobs=1)
        cold = real_build(folder / "cold")
        warm = real_build(folder / "cold")
        naive = naive_build(folder / "naive")

        batch_out = folder / "batch"
        durations = []
        batch_start = time.perf_counter()
        for number in range(MUNICIPALITIES):
            data = municipality_data(folder, number)
            durations.append(real_build(batch_out / f"gemeente-{number:03d}", data))
        batch = time.perf_counter() - batch_start
        outputs = sum(1 for _ in batch_out.rglob("*.pptx")) + sum(1 for _ in batch_out.rglob("*.docx"))
        own, children = peak_memory_mb()

    first, last = sum(durations[:10]) / 80, sum(durations[-10:]) / 80
    print(f"barometer build benchmark ({platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()})")
    rows = [
        ("full default build, cold (4 audiences x 2 formats)", f"{cold:.2f} s"),
        ("naive script, same work (pyplot per document, no cache)", f"{naive:.2f} s"),
        ("speed-up naive / full build", f"{naive / cold:.1f}x"),
        ("warm rebuild (nothing changed)", f"{warm:.2f} s"),
        (f"synthetic batch: {MUNICIPALITIES} municipalities, {outputs} outputs", f"{batch:.1f} s"),
        ("  per output, first 10 / last 10 municipalities", f"{first * 1000:.0f} ms / {last * 1000:.0f} ms"),
        ("  peak memory: build process / largest worker", f"{own:.0f} MB / {children:.0f} MB"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:{width}}  {value}")


if __name__ == "__main__":
    main()
